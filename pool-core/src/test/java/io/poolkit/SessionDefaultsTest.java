package io.poolkit;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, point 1, on the real PostgreSQL: every session default the pool applies
 * ({@code schema}, {@code transaction-isolation}, {@code read-only},
 * {@code connection-init-sql}'s SETs) is in force for every borrower whatever
 * {@code auto-commit} is, configured or the driver's. pgjdbc applies a schema and an
 * isolation level with SQL; with auto-commit off that SQL ran inside a transaction the
 * pool then rolled back, so a borrower ran on the default {@code search_path} while the
 * pool reported the schema. Also after a borrower changed them all and gave the
 * connection back. MariaDB's side is {@link MariaDbSessionDefaultsTest}.
 */
@Timeout(60)
class SessionDefaultsTest {

	private String schema;

	private String name;

	private PoolDataSource pool;

	@BeforeEach
	void createSchema() throws SQLException {
		this.schema = PostgresTestSupport.uniqueTableName("attack13s");
		this.name = PostgresTestSupport.uniqueName("session-defaults");
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE SCHEMA " + this.schema);
		}
	}

	@AfterEach
	void dropSchema() throws SQLException {
		if (this.pool != null) {
			this.pool.close();
		}
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
		}
	}

	private PoolConfig.Builder config() {
		return TestPools.postgres(this.name).maxSize(1);
	}

	private static String show(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

	@Test
	void schemaIsolationAndReadOnlyHoldWithAutoCommitOff() throws SQLException {
		this.pool = new PoolDataSource(config().schema(this.schema)
			.autoCommit(false)
			.transactionIsolation(Connection.TRANSACTION_SERIALIZABLE)
			.readOnly(true)
			.build());
		String backend;
		try (Connection connection = this.pool.getConnection()) {
			backend = show(connection, "SELECT pg_backend_pid()");
			assertDefaults(connection);
		}
		// A borrower that moves every one of them, and commits so that nothing is
		// undone by a rollback: the next borrower of the same backend gets them back.
		try (Connection connection = this.pool.getConnection()) {
			assertThat(show(connection, "SELECT pg_backend_pid()")).isEqualTo(backend);
			connection.rollback();
			connection.setReadOnly(false);
			connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
			connection.setSchema("public");
			connection.commit();
			assertThat(show(connection, "SELECT current_schema()")).isEqualTo("public");
			assertThat(show(connection, "SHOW transaction_isolation")).isEqualTo("read committed");
			assertThat(show(connection, "SHOW transaction_read_only")).isEqualTo("off");
			connection.commit();
		}
		try (Connection connection = this.pool.getConnection()) {
			assertThat(show(connection, "SELECT pg_backend_pid()")).isEqualTo(backend);
			assertDefaults(connection);
		}
		// The same with auto-commit switched on by the borrower.
		try (Connection connection = this.pool.getConnection()) {
			connection.rollback();
			connection.setAutoCommit(true);
			connection.setSchema("public");
			connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
			connection.setReadOnly(false);
			assertThat(show(connection, "SELECT current_schema()")).isEqualTo("public");
		}
		try (Connection connection = this.pool.getConnection()) {
			assertThat(show(connection, "SELECT pg_backend_pid()")).isEqualTo(backend);
			assertDefaults(connection);
		}
	}

	private void assertDefaults(Connection connection) throws SQLException {
		assertThat(connection.getAutoCommit()).isFalse();
		assertThat(show(connection, "SELECT current_schema()")).as("current_schema()").isEqualTo(this.schema);
		assertThat(show(connection, "SHOW search_path")).as("search_path").isEqualTo(this.schema);
		assertThat(show(connection, "SHOW transaction_isolation")).isEqualTo("serializable");
		// pgjdbc makes a read-only connection's transactions BEGIN READ ONLY.
		assertThat(show(connection, "SHOW transaction_read_only")).isEqualTo("on");
		assertThat(connection.getSchema()).isEqualTo(this.schema);
		assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
		assertThat(connection.isReadOnly()).isTrue();
		connection.rollback();
	}

	@Test
	void connectionInitSqlAndSettingsHoldWhenTheDriverStartsWithAutoCommitOff() throws SQLException {
		// A DataSource whose connections come with auto-commit off (as some
		// application servers' do): no auto-commit configured, the driver's is kept.
		PGSimpleDataSource postgres = new PGSimpleDataSource();
		postgres.setURL(PostgresTestSupport.url());
		postgres.setUser(PostgresTestSupport.user());
		postgres.setPassword(PostgresTestSupport.password());
		postgres.setApplicationName(this.name);
		this.pool = new PoolDataSource(PoolConfig.builder()
			.name(this.name)
			.maxSize(1)
			.dataSource(new AutoCommitOffDataSource(postgres))
			.connectionInitSql("SET statement_timeout = '4321ms'")
			.transactionIsolation(Connection.TRANSACTION_REPEATABLE_READ)
			.schema(this.schema)
			.build());
		try (Connection connection = this.pool.getConnection()) {
			assertThat(connection.getAutoCommit()).isFalse();
			assertThat(show(connection, "SHOW statement_timeout")).isEqualTo("4321ms");
			assertThat(show(connection, "SHOW search_path")).isEqualTo(this.schema);
			assertThat(show(connection, "SHOW transaction_isolation")).isEqualTo("repeatable read");
		}
	}

	@Test
	void connectionInitSqlHoldsWithAutoCommitOff() throws SQLException {
		this.pool = new PoolDataSource(
				config().autoCommit(false).connectionInitSql("SET search_path TO " + this.schema).build());
		try (Connection connection = this.pool.getConnection()) {
			assertThat(show(connection, "SELECT current_schema()")).isEqualTo(this.schema);
		}
	}

	@Test
	void theProductNameIsKnownOnceAConnectionWasOpened() throws SQLException {
		this.pool = new PoolDataSource(config().minIdle(0).build());
		try (Connection connection = this.pool.getConnection()) {
			assertThat(this.pool.databaseProductName()).isEqualTo("PostgreSQL");
		}
	}

	/** Hands out the target's connections with auto-commit switched off. */
	private record AutoCommitOffDataSource(DataSource target) implements DataSource {

		@Override
		public Connection getConnection() throws SQLException {
			Connection connection = this.target.getConnection();
			connection.setAutoCommit(false);
			return connection;
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			Connection connection = this.target.getConnection(username, password);
			connection.setAutoCommit(false);
			return connection;
		}

		@Override
		public PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public Logger getParentLogger() throws SQLFeatureNotSupportedException {
			throw new SQLFeatureNotSupportedException();
		}

		@Override
		public <T> T unwrap(Class<T> iface) throws SQLException {
			throw new SQLException("not a wrapper");
		}

		@Override
		public boolean isWrapperFor(Class<?> iface) {
			return false;
		}

	}

}
