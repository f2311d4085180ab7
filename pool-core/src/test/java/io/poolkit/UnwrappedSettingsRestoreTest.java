package io.poolkit;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseStatement;
import org.postgresql.jdbc.PgResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack on "the borrower reached the driver's connection: ask the driver, restore all"
 * (BorrowState) on the real PostgreSQL: settings a borrower changes through the unwrapped
 * pgjdbc connection during its borrow. Auto-commit, isolation, read-only, schema and the
 * network timeout are then all restored; holdability and client info, which the return
 * saves only when they are changed through the proxy, are not, and reach the next
 * borrower of the same connection.
 * <p>
 * The driver's connection is also behind every other driver object a borrower can unwrap:
 * a statement's {@code getConnection()}, a result set's {@code getStatement()}, a
 * metadata result set's. Settings changed there are put back too: before, the return
 * trusted its copy, the next borrower was told auto-commit was on while the session had
 * it off, and its work was rolled back on its return.
 */
@Timeout(60)
class UnwrappedSettingsRestoreTest {

	private PoolDataSource pool;

	private String table;

	@BeforeEach
	void setUp() throws SQLException {
		this.pool = new PoolDataSource(
				TestPools.postgres(PostgresTestSupport.uniqueTableName("unwrapped-settings")).maxSize(1).build());
		this.table = PostgresTestSupport.uniqueTableName("unwrapped_settings_restore");
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE TABLE " + this.table + " (id serial PRIMARY KEY, name text NOT NULL)");
		}
	}

	@AfterEach
	void tearDown() throws SQLException {
		this.pool.close();
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + this.table);
		}
	}

	/**
	 * The next borrower of the pool's one connection, told auto-commit is on, inserts a
	 * row and returns: the row must be committed.
	 */
	private void assertNextBorrowersWorkIsCommitted() throws SQLException {
		try (Connection next = this.pool.getConnection(); Statement statement = next.createStatement()) {
			assertThat(next.getAutoCommit()).isTrue();
			assertThat(next.isReadOnly()).isFalse();
			statement.executeUpdate("INSERT INTO " + this.table + " (name) VALUES ('next borrower')");
		}
		assertThat(PostgresTestSupport.queryInt("SELECT count(*)::int FROM " + this.table))
			.as("rows committed by the next borrower")
			.isEqualTo(1);
	}

	private String isolationOfNextBorrower() throws SQLException {
		try (Connection next = this.pool.getConnection();
				Statement statement = next.createStatement();
				ResultSet rows = statement.executeQuery("SHOW transaction_isolation")) {
			rows.next();
			return rows.getString(1);
		}
	}

	@Test
	void autoCommitSetThroughAnUnwrappedStatementsConnectionIsRestored() throws Exception {
		try (Connection connection = this.pool.getConnection(); Statement statement = connection.createStatement()) {
			statement.unwrap(BaseStatement.class).getConnection().setAutoCommit(false);
		}
		assertNextBorrowersWorkIsCommitted();
	}

	@Test
	void isolationSetThroughAnUnwrappedStatementsConnectionIsRestored() throws Exception {
		try (Connection connection = this.pool.getConnection();
				Statement statement = connection.prepareStatement("SELECT 1")) {
			statement.unwrap(BaseStatement.class)
				.getConnection()
				.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
		}
		assertThat(isolationOfNextBorrower()).isEqualTo("read committed");
	}

	@Test
	void readOnlyAndAutoCommitSetThroughAnUnwrappedResultSetsStatementAreRestored() throws Exception {
		try (Connection connection = this.pool.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT 1")) {
			Connection driver = rows.unwrap(PgResultSet.class).getStatement().getConnection();
			driver.setReadOnly(true);
			driver.setAutoCommit(false);
		}
		assertNextBorrowersWorkIsCommitted();
	}

	@Test
	void settingsChangedThroughAnUnwrappedMetadataResultSetAreRestored() throws Exception {
		try (Connection connection = this.pool.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			try (ResultSet tables = metaData.getTables(null, null, this.table, null)) {
				Connection driver = tables.unwrap(PgResultSet.class).getStatement().getConnection();
				driver.setAutoCommit(false);
				driver.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			}
		}
		assertThat(isolationOfNextBorrower()).isEqualTo("read committed");
		assertNextBorrowersWorkIsCommitted();
	}

	@Test
	void holdabilitySetThroughTheUnwrappedDriverConnectionIsRestored() throws Exception {
		try (Connection connection = this.pool.getConnection()) {
			Connection driver = (Connection) connection.unwrap(PGConnection.class);
			driver.setHoldability(ResultSet.HOLD_CURSORS_OVER_COMMIT);
		}
		try (Connection next = this.pool.getConnection()) {
			assertThat(next.getHoldability()).isEqualTo(ResultSet.CLOSE_CURSORS_AT_COMMIT);
		}
	}

	@Test
	void clientInfoSetThroughTheUnwrappedDriverConnectionIsRestored() throws Exception {
		String before;
		try (Connection connection = this.pool.getConnection()) {
			before = connection.getClientInfo("ApplicationName");
			Connection driver = (Connection) connection.unwrap(PGConnection.class);
			driver.setClientInfo("ApplicationName", "leaked-through-unwrap");
		}
		try (Connection next = this.pool.getConnection()) {
			assertThat(next.getClientInfo("ApplicationName")).isEqualTo(before);
		}
	}

}
