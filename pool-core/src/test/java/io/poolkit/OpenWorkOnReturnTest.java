package io.poolkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 11, point 1, on the real PostgreSQL: a transaction a borrower leaves open is
 * rolled back on return whatever opened it (SQL {@code BEGIN}, {@code START TRANSACTION},
 * the driver's own connection, a failed statement, a savepoint), so the backend is
 * {@code idle} between borrows and the next borrower's commit commits only its own work.
 * pgjdbc reports the server's transaction status from each ReadyForQuery, so the pool
 * needs no round trip to know.
 */
@Timeout(120)
class OpenWorkOnReturnTest {

	private String table;

	private String name;

	private PoolDataSource pool;

	@BeforeEach
	void setUp() throws SQLException {
		this.table = PostgresTestSupport.uniqueTableName("open_work");
		this.name = PostgresTestSupport.uniqueTableName("open-work");
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE TABLE " + this.table + " (id int PRIMARY KEY, who text)");
		}
		this.pool = new PoolDataSource(TestPools.postgres(this.name).maxSize(1).build());
	}

	@AfterEach
	void tearDown() throws SQLException {
		this.pool.close();
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + this.table);
			statement.execute("DROP PROCEDURE IF EXISTS " + this.table + "_proc()");
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private void insert(Connection connection, int id, String who) throws SQLException {
		execute(connection, "INSERT INTO " + this.table + " VALUES (" + id + ", '" + who + "')");
	}

	/** The backend's state as the server reports it, from another session. */
	private static String serverState(int pid) throws SQLException {
		try (Connection admin = PostgresTestSupport.admin();
				PreparedStatement query = admin.prepareStatement("SELECT state FROM pg_stat_activity WHERE pid = ?")) {
			query.setInt(1, pid);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

	private List<String> rows() throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Connection admin = PostgresTestSupport.admin();
				Statement statement = admin.createStatement();
				ResultSet result = statement.executeQuery("SELECT who FROM " + this.table + " ORDER BY id")) {
			while (result.next()) {
				rows.add(result.getString(1));
			}
		}
		return rows;
	}

	/**
	 * The next borrower gets the same backend, idle, and its commit keeps its own row
	 * only.
	 */
	private void assertNextBorrowerCommitsOnlyItsOwn(int pid) throws SQLException {
		assertThat(serverState(pid)).as("the backend between borrows").isEqualTo("idle");
		try (Connection next = this.pool.getConnection()) {
			assertThat(PostgresTestSupport.backendPid(next)).as("the same physical connection").isEqualTo(pid);
			next.setAutoCommit(false);
			insert(next, 100, "next borrower");
			next.commit();
		}
		assertThat(rows()).containsExactly("next borrower");
	}

	@ParameterizedTest
	@ValueSource(strings = { "BEGIN", "START TRANSACTION", "BEGIN ISOLATION LEVEL SERIALIZABLE", "begin work" })
	void aTransactionOpenedBySqlIsRolledBackOnReturn(String begin) throws SQLException {
		int pid;
		try (Connection connection = this.pool.getConnection()) {
			pid = PostgresTestSupport.backendPid(connection);
			execute(connection, begin);
			insert(connection, 1, "left open by SQL");
			assertThat(serverState(pid)).isEqualTo("idle in transaction");
		}
		assertNextBorrowerCommitsOnlyItsOwn(pid);
	}

	@Test
	void aTransactionOpenedInsideOneSqlStringOrAPreparedStatementIsRolledBack() throws SQLException {
		int pid;
		try (Connection connection = this.pool.getConnection()) {
			pid = PostgresTestSupport.backendPid(connection);
			execute(connection, "BEGIN; INSERT INTO " + this.table + " VALUES (1, 'one string')");
		}
		assertThat(serverState(pid)).isEqualTo("idle");
		try (Connection connection = this.pool.getConnection();
				PreparedStatement begin = connection.prepareStatement("BEGIN")) {
			begin.execute();
			insert(connection, 2, "prepared BEGIN");
		}
		assertNextBorrowerCommitsOnlyItsOwn(pid);
	}

	@Test
	void aTransactionThatFailedAfterSqlBeginIsRolledBackAndTheNextBorrowerIsNotRefused() throws SQLException {
		int pid;
		try (Connection connection = this.pool.getConnection()) {
			pid = PostgresTestSupport.backendPid(connection);
			execute(connection, "BEGIN");
			insert(connection, 1, "before the error");
			assertThatThrownBy(() -> execute(connection, "SELECT 1 / 0")).isInstanceOf(SQLException.class);
			assertThat(connection.unwrap(BaseConnection.class).getTransactionState())
				.isEqualTo(TransactionState.FAILED);
		}
		// Without the rollback every statement would fail with 25P02 (in failed
		// transaction).
		try (Connection next = this.pool.getConnection()) {
			assertThat(PostgresTestSupport.backendPid(next)).isEqualTo(pid);
		}
		assertNextBorrowerCommitsOnlyItsOwn(pid);
	}

	@Test
	void aTransactionOpenedThroughTheUnwrappedConnectionIsRolledBack() throws SQLException {
		int pid;
		try (Connection connection = this.pool.getConnection()) {
			pid = PostgresTestSupport.backendPid(connection);
			Connection driver = (Connection) connection.unwrap(PGConnection.class);
			try (Statement statement = driver.createStatement()) {
				statement.execute("BEGIN");
				statement.executeUpdate("INSERT INTO " + this.table + " VALUES (1, 'through the driver')");
			}
		}
		assertNextBorrowerCommitsOnlyItsOwn(pid);
	}

	@Test
	void anErrorInsideAJdbcSavepointLeavesNothingBehind() throws SQLException {
		int pid;
		try (Connection connection = this.pool.getConnection()) {
			pid = PostgresTestSupport.backendPid(connection);
			connection.setAutoCommit(false);
			insert(connection, 1, "before the savepoint");
			Savepoint savepoint = connection.setSavepoint();
			assertThatThrownBy(() -> insert(connection, 1, "duplicate key")).isInstanceOf(SQLException.class);
			// Neither rolled back to the savepoint nor ended: the transaction is failed.
			assertThat(connection.unwrap(BaseConnection.class).getTransactionState())
				.isEqualTo(TransactionState.FAILED);
			assertThat(savepoint).isNotNull();
		}
		assertNextBorrowerCommitsOnlyItsOwn(pid);
	}

	@Test
	void workAfterRollingBackToAnSqlSavepointIsRolledBackToo() throws SQLException {
		int pid;
		try (Connection connection = this.pool.getConnection()) {
			pid = PostgresTestSupport.backendPid(connection);
			execute(connection, "BEGIN");
			insert(connection, 1, "before the savepoint");
			execute(connection, "SAVEPOINT s");
			assertThatThrownBy(() -> insert(connection, 1, "duplicate key")).isInstanceOf(SQLException.class);
			execute(connection, "ROLLBACK TO SAVEPOINT s");
			insert(connection, 2, "after the savepoint");
		}
		assertNextBorrowerCommitsOnlyItsOwn(pid);
	}

	/**
	 * What PostgreSQL lets a procedure do: with auto-commit on, CALL runs outside a
	 * transaction block and the procedure may COMMIT inside; its work ends with the CALL
	 * (committed, as the borrower asked), never left open. Inside a transaction the same
	 * COMMIT fails (2D000) and the failed transaction is rolled back on return.
	 */
	@Test
	void aProcedureCannotLeaveATransactionOpenAndItsFailedTransactionIsRolledBack() throws SQLException {
		String procedure = this.table + "_proc";
		try (Connection admin = PostgresTestSupport.admin()) {
			execute(admin,
					"CREATE PROCEDURE " + procedure + "() LANGUAGE plpgsql AS $$ BEGIN INSERT INTO " + this.table
							+ " VALUES (1, 'procedure, committed inside'); COMMIT; INSERT INTO " + this.table
							+ " VALUES (2, 'procedure, after its commit'); END $$");
		}
		int pid;
		try (Connection connection = this.pool.getConnection()) {
			pid = PostgresTestSupport.backendPid(connection);
			execute(connection, "CALL " + procedure + "()");
			assertThat(connection.unwrap(BaseConnection.class).getTransactionState()).isEqualTo(TransactionState.IDLE);
		}
		assertThat(serverState(pid)).isEqualTo("idle");
		assertThat(rows()).containsExactly("procedure, committed inside", "procedure, after its commit");
		try (Connection admin = PostgresTestSupport.admin()) {
			execute(admin, "DELETE FROM " + this.table);
		}
		try (Connection connection = this.pool.getConnection()) {
			execute(connection, "BEGIN");
			assertThatThrownBy(() -> execute(connection, "CALL " + procedure + "()")).isInstanceOf(SQLException.class)
				.extracting((ex) -> ((SQLException) ex).getSQLState())
				.isEqualTo("2D000");
		}
		assertNextBorrowerCommitsOnlyItsOwn(pid);
	}

	@Test
	void workTheBorrowerCommittedWithSqlStays() throws SQLException {
		int pid;
		try (Connection connection = this.pool.getConnection()) {
			pid = PostgresTestSupport.backendPid(connection);
			execute(connection, "BEGIN");
			insert(connection, 1, "committed by SQL");
			execute(connection, "COMMIT");
		}
		assertThat(serverState(pid)).isEqualTo("idle");
		assertThat(rows()).containsExactly("committed by SQL");
	}

}
