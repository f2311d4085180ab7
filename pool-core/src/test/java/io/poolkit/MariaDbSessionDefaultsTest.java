package io.poolkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.poolkit.testkit.MariaDbTestSupport;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, point 1, on the real MariaDB (127.0.0.1:3306, or
 * {@code POOL_TEST_MARIADB_URL}): the catalog (MariaDB's database), the isolation level,
 * read-only (sent to the server: {@code readOnlyPropagatesToServer}) and
 * {@code connection-init-sql}'s SETs are in force for every borrower with auto-commit
 * off, also after a borrower changed them all and gave the connection back. The
 * PostgreSQL side is {@link SessionDefaultsTest}.
 */
@Timeout(60)
class MariaDbSessionDefaultsTest {

	private String database;

	private PoolDataSource pool;

	@BeforeEach
	void createDatabase() throws SQLException {
		this.database = PostgresTestSupport.uniqueTableName("attack13c");
		try (Connection admin = MariaDbTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + this.database);
		}
	}

	@AfterEach
	void dropDatabase() throws SQLException {
		if (this.pool != null) {
			this.pool.close();
		}
		try (Connection admin = MariaDbTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + this.database);
		}
	}

	private static String query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

	@Test
	void catalogIsolationReadOnlyAndInitSqlHoldWithAutoCommitOff() throws SQLException {
		this.pool = new PoolDataSource(PoolConfig.builder()
			.name(PostgresTestSupport.uniqueName("mariadb-defaults"))
			.url(MariaDbTestSupport.url() + (MariaDbTestSupport.url().contains("?") ? "&" : "?")
					+ "readOnlyPropagatesToServer=true")
			.username(MariaDbTestSupport.user())
			.password(MariaDbTestSupport.password())
			.maxSize(1)
			.catalog(this.database)
			.autoCommit(false)
			.transactionIsolation(Connection.TRANSACTION_SERIALIZABLE)
			.readOnly(true)
			.connectionInitSql("SET SESSION max_join_size = 4321")
			.build());
		String thread;
		try (Connection connection = this.pool.getConnection()) {
			thread = query(connection, "SELECT connection_id()");
			assertDefaults(connection);
		}
		try (Connection connection = this.pool.getConnection()) {
			assertThat(query(connection, "SELECT connection_id()")).isEqualTo(thread);
			connection.rollback();
			connection.setReadOnly(false);
			connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
			connection.setCatalog("test");
			connection.commit();
			assertThat(query(connection, "SELECT DATABASE()")).isEqualTo("test");
			assertThat(query(connection, "SELECT @@tx_isolation")).isEqualTo("READ-COMMITTED");
			assertThat(query(connection, "SELECT @@tx_read_only")).isEqualTo("0");
			connection.commit();
		}
		try (Connection connection = this.pool.getConnection()) {
			assertThat(query(connection, "SELECT connection_id()")).isEqualTo(thread);
			assertDefaults(connection);
		}
		try (Connection connection = this.pool.getConnection()) {
			connection.rollback();
			connection.setAutoCommit(true);
			connection.setCatalog("test");
			connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
			connection.setReadOnly(false);
		}
		try (Connection connection = this.pool.getConnection()) {
			assertThat(query(connection, "SELECT connection_id()")).isEqualTo(thread);
			assertDefaults(connection);
		}
		assertThat(this.pool.databaseProductName()).isEqualTo("MariaDB");
	}

	private void assertDefaults(Connection connection) throws SQLException {
		assertThat(connection.getAutoCommit()).isFalse();
		assertThat(query(connection, "SELECT @@autocommit")).isEqualTo("0");
		assertThat(query(connection, "SELECT DATABASE()")).isEqualTo(this.database);
		assertThat(connection.getCatalog()).isEqualTo(this.database);
		assertThat(query(connection, "SELECT @@tx_isolation")).isEqualTo("SERIALIZABLE");
		assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
		assertThat(query(connection, "SELECT @@tx_read_only")).isEqualTo("1");
		assertThat(connection.isReadOnly()).isTrue();
		assertThat(query(connection, "SELECT @@max_join_size")).isEqualTo("4321");
		connection.rollback();
	}

}
