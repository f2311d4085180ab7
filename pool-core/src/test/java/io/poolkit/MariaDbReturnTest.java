package io.poolkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.poolkit.testkit.MariaDbTestSupport;
import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 11, points 1 and 3, on the real MariaDB (127.0.0.1:3306, or
 * {@code POOL_TEST_MARIADB_URL}): MariaDB Connector/J keeps the server status flags of
 * every OK packet, so the pool knows when SQL left a transaction open, or turned
 * auto-commit off, and undoes it on return; an abort ends the statement still running.
 */
@Timeout(120)
class MariaDbReturnTest {

	private String table;

	private PoolDataSource pool;

	@BeforeEach
	void setUp() throws SQLException {
		this.table = PostgresTestSupport.uniqueTableName("mariadb_return");
		try (Connection admin = MariaDbTestSupport.admin()) {
			execute(admin, "CREATE TABLE " + this.table + " (id int PRIMARY KEY, who varchar(64)) ENGINE=InnoDB");
		}
		this.pool = new PoolDataSource(
				TestPools.mariaDb(PostgresTestSupport.uniqueTableName("mariadb-return")).maxSize(1).build());
	}

	@AfterEach
	void tearDown() throws SQLException {
		this.pool.close();
		try (Connection admin = MariaDbTestSupport.admin()) {
			execute(admin, "DROP TABLE IF EXISTS " + this.table);
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

	private static long query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private List<String> rows() throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Connection admin = MariaDbTestSupport.admin();
				Statement statement = admin.createStatement();
				ResultSet result = statement.executeQuery("SELECT who FROM " + this.table + " ORDER BY id")) {
			while (result.next()) {
				rows.add(result.getString(1));
			}
		}
		return rows;
	}

	/**
	 * The next borrower gets the same server thread with no transaction and auto-commit
	 * on, and its commit keeps its own row only.
	 */
	private void assertNextBorrowerCommitsOnlyItsOwn(long threadId) throws SQLException {
		try (Connection next = this.pool.getConnection()) {
			assertThat(query(next, "SELECT connection_id()")).as("the same physical connection").isEqualTo(threadId);
			assertThat(query(next, "SELECT @@in_transaction")).as("a transaction left open").isZero();
			assertThat(query(next, "SELECT @@autocommit")).isEqualTo(1);
			assertThat(next.getAutoCommit()).isTrue();
			next.setAutoCommit(false);
			insert(next, 100, "next borrower");
			next.commit();
		}
		assertThat(rows()).containsExactly("next borrower");
	}

	@ParameterizedTest
	@ValueSource(strings = { "BEGIN", "START TRANSACTION", "SET autocommit = 0" })
	void workLeftOpenBySqlIsRolledBackOnReturn(String begin) throws SQLException {
		long threadId;
		try (Connection connection = this.pool.getConnection()) {
			threadId = query(connection, "SELECT connection_id()");
			execute(connection, begin);
			insert(connection, 1, "left open by SQL");
		}
		assertNextBorrowerCommitsOnlyItsOwn(threadId);
	}

	@Test
	void aTransactionWithAFailedStatementIsRolledBack() throws SQLException {
		long threadId;
		try (Connection connection = this.pool.getConnection()) {
			threadId = query(connection, "SELECT connection_id()");
			execute(connection, "START TRANSACTION");
			insert(connection, 1, "before the error");
			assertThatThrownBy(() -> insert(connection, 1, "duplicate key")).isInstanceOf(SQLException.class);
		}
		assertNextBorrowerCommitsOnlyItsOwn(threadId);
	}

	@Test
	void aTransactionOpenedThroughTheUnwrappedConnectionIsRolledBack() throws SQLException {
		long threadId;
		try (Connection connection = this.pool.getConnection()) {
			threadId = query(connection, "SELECT connection_id()");
			Connection driver = connection.unwrap(org.mariadb.jdbc.Connection.class);
			execute(driver, "START TRANSACTION");
			insert(driver, 1, "through the driver");
		}
		assertNextBorrowerCommitsOnlyItsOwn(threadId);
	}

	@Test
	void jdbcTransactionsAndAutoCommitWorkAreUnchanged() throws SQLException {
		try (Connection connection = this.pool.getConnection()) {
			insert(connection, 1, "auto-committed");
			connection.setAutoCommit(false);
			insert(connection, 2, "never committed");
		}
		assertThat(rows()).containsExactly("auto-committed");
	}

	@Test
	void abortEndsTheRunningStatementAndReleasesItsLocks() throws Exception {
		try (Connection admin = MariaDbTestSupport.admin()) {
			insert(admin, 1, "locked");
		}
		Connection connection = this.pool.getConnection();
		long threadId = query(connection, "SELECT connection_id()");
		connection.setAutoCommit(false);
		execute(connection, "UPDATE " + this.table + " SET who = 'updated' WHERE id = 1");
		CompletableFuture<Throwable> sleeper = CompletableFuture.supplyAsync(() -> {
			try {
				execute(connection, "SELECT SLEEP(30)");
				return null;
			}
			catch (SQLException ex) {
				return ex;
			}
		});
		try (Connection admin = MariaDbTestSupport.admin()) {
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> query(admin, "SELECT count(*) FROM information_schema.processlist WHERE id = " + threadId
						+ " AND info LIKE 'SELECT SLEEP%'") == 1);
			connection.abort(Runnable::run);
			assertThat(sleeper.get(10, TimeUnit.SECONDS)).isInstanceOf(SQLException.class);
			execute(admin, "SET SESSION innodb_lock_wait_timeout = 2");
			execute(admin, "UPDATE " + this.table + " SET who = 'after the abort' WHERE id = 1");
			assertThat(query(admin, "SELECT count(*) FROM information_schema.processlist WHERE id = " + threadId))
				.isZero();
		}
		assertThat(rows()).containsExactly("after the abort");
	}

}
