package io.poolkit.internal;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.poolkit.Credentials;
import io.poolkit.InvalidPoolConfigException;
import io.poolkit.PoolConfig;
import io.poolkit.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens physical connections: from a wrapped {@link DataSource}, or from the JDBC URL
 * through the configured or registered {@link Driver} with the {@link DriverProperties},
 * and applies the pool's session defaults and {@code connection-init-sql} once.
 */
final class ConnectionFactory {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionFactory.class);

	/**
	 * Runs {@code setNetworkTimeout} callbacks on the caller: the pool never needs them
	 * to be asynchronous.
	 */
	static final Executor DIRECT = Runnable::run;

	private final PoolConfig config;

	private final DataSource dataSource;

	private final Driver driver;

	private final DriverProperties properties;

	private final Supplier<Credentials> credentials;

	private final SecretMasker secrets;

	/**
	 * The database's product name, read from the first connection opened; {@code null}
	 * until then. Written racily by the connector threads: each writes the same value.
	 */
	private volatile String databaseProductName;

	ConnectionFactory(PoolConfig config, String applicationName, boolean numbered) {
		this(config, applicationName, numbered, new SecretMasker(config));
	}

	/**
	 * @param applicationName the PostgreSQL {@code application_name} of the connections,
	 * unless the URL or the driver properties set one
	 * @param numbered whether each connection's application_name is numbered, see
	 * {@link DriverProperties}
	 * @param secrets the masker of the pool's errors, told each password the credentials
	 * supplier gives
	 */
	ConnectionFactory(PoolConfig config, String applicationName, boolean numbered, SecretMasker secrets) {
		this.config = config;
		this.secrets = secrets;
		this.dataSource = config.dataSource();
		this.credentials = config.credentialsSupplier();
		this.driver = (this.dataSource != null) ? null : findDriver(config);
		this.properties = (this.dataSource != null) ? null
				: new DriverProperties(config, applicationName, numbered, this.driver);
	}

	/**
	 * Masks the secret values of the configuration, and the passwords the credentials
	 * supplier gave, in what the driver says.
	 */
	SecretMasker secrets() {
		return this.secrets;
	}

	/**
	 * The login timeout an attempt gets by default ({@code connection-timeout} on pgjdbc
	 * and MariaDB Connector/J when the user set none), or 0 when the pool did not set one
	 * and so cannot give an attempt one of its own.
	 */
	long loginTimeoutNanos() {
		return (this.properties != null) ? this.properties.loginTimeoutNanos() : 0;
	}

	/**
	 * The driver for the URL, found without showing a driver the URL's secrets before it
	 * is known to be well formed ({@link DriverLookup}).
	 * @throws InvalidPoolConfigException naming {@code url} (or
	 * {@code driver-class-name}) when no driver takes the URL
	 */
	private static Driver findDriver(PoolConfig config) {
		DriverLookup lookup = DriverLookup.of(config.url(), config.driverClassName());
		if (lookup.problem() != null) {
			throw new InvalidPoolConfigException(List.of(lookup.problem()));
		}
		return lookup.driver();
	}

	/**
	 * Opens, initialises and configures one physical connection.
	 * @param loginTimeoutNanos the login timeout for this attempt, where
	 * {@link #loginTimeoutNanos()} is not 0; 0 for the default
	 * @return the connection and the session defaults it now has
	 * @throws SQLException what the driver or the init SQL threw; the connection is
	 * closed then
	 */
	Opened open(long loginTimeoutNanos) throws SQLException {
		Connection connection = connect((loginTimeoutNanos > 0) ? loginTimeoutNanos : loginTimeoutNanos());
		try {
			if (this.properties != null && this.properties.boundsLoginReads()) {
				// The read timeout was for the login: queries run with the driver's
				// default, none.
				connection.setNetworkTimeout(DIRECT, 0);
			}
			ConnectionDefaults defaults = configure(connection);
			return new Opened(connection, defaults);
		}
		catch (SQLException | RuntimeException ex) {
			closeQuietly(connection);
			throw ex;
		}
	}

	private Connection connect(long loginTimeoutNanos) throws SQLException {
		Credentials supplied = (this.credentials != null) ? this.credentials.get() : null;
		String username = (supplied != null) ? supplied.username() : this.config.username();
		String password = (supplied != null) ? supplied.password() : this.config.password();
		if (supplied != null) {
			this.secrets.addSupplied(password);
		}
		if (this.dataSource != null) {
			return (username != null) ? this.dataSource.getConnection(username, password)
					: this.dataSource.getConnection();
		}
		Connection connection = this.driver.connect(this.config.url(),
				this.properties.forConnect(username, password, loginTimeoutNanos));
		if (connection == null) {
			throw new SQLException(
					"url: the driver " + this.driver.getClass().getName() + " does not accept '"
							+ Secrets.maskUrl(this.config.url()) + "'" + UrlCheck.whyRefused(this.config.url()),
					"08001");
		}
		return connection;
	}

	/**
	 * Applies {@code connection-init-sql} and the session defaults, then reads the
	 * defaults every borrower starts with.
	 * <p>
	 * Drivers apply some of these with SQL: pgjdbc's {@code setSchema} runs
	 * {@code SET search_path} and its {@code setTransactionIsolation} runs
	 * {@code SET SESSION CHARACTERISTICS}, and {@code connection-init-sql} is SQL. With
	 * auto-commit off that SQL would run inside a transaction (pgjdbc sends {@code BEGIN}
	 * before a statement), and the rollback that gives every borrower a clean start would
	 * undo it: the setting would be reported but not in force. So they all run, and the
	 * defaults (and the first time the database's product name) are read, with
	 * auto-commit on (committing each at once), whatever the driver's default or the
	 * configured {@code auto-commit} is; the auto-commit borrowers start with is set
	 * last, when nothing is left to undo.
	 */
	private ConnectionDefaults configure(Connection connection) throws SQLException {
		boolean driverAutoCommit = connection.getAutoCommit();
		boolean autoCommit = (this.config.autoCommit() != null) ? this.config.autoCommit() : driverAutoCommit;
		if (!driverAutoCommit) {
			// A new connection holds no work: switching auto-commit on commits nothing.
			connection.setAutoCommit(true);
		}
		if (this.config.connectionInitSql() != null) {
			try (Statement statement = connection.createStatement()) {
				statement.execute(this.config.connectionInitSql());
			}
		}
		if (this.config.transactionIsolation() != null) {
			connection.setTransactionIsolation(this.config.transactionIsolation());
		}
		if (this.config.readOnly() != null) {
			connection.setReadOnly(this.config.readOnly());
		}
		if (this.config.catalog() != null) {
			connection.setCatalog(this.config.catalog());
		}
		if (this.config.schema() != null) {
			connection.setSchema(this.config.schema());
		}
		int isolation = connection.getTransactionIsolation();
		boolean readOnly = connection.isReadOnly();
		String catalog = connection.getCatalog();
		String[] schemaAndSearchPath = ServerSession.of(connection).readSchema(connection);
		int networkTimeout = readOptional(connection::getNetworkTimeout, 0);
		if (this.databaseProductName == null) {
			this.databaseProductName = readProductName(connection);
		}
		if (!autoCommit) {
			connection.setAutoCommit(false);
		}
		ConnectionDefaults defaults = new ConnectionDefaults(connection.getAutoCommit(), isolation, readOnly, catalog,
				schemaAndSearchPath[0], networkTimeout, schemaAndSearchPath[1]);
		if (!defaults.autoCommit()) {
			// In case the driver began a transaction switching auto-commit off; no
			// setting was applied since, so this undoes none.
			connection.rollback();
		}
		return defaults;
	}

	/**
	 * The product name the driver reports ({@link java.sql.DatabaseMetaData}), or
	 * {@code null} when it cannot say; read at most until one connection has answered.
	 */
	String databaseProductName() {
		return this.databaseProductName;
	}

	private static String readProductName(Connection connection) {
		try {
			return connection.getMetaData().getDatabaseProductName();
		}
		catch (SQLException | RuntimeException ex) {
			// Only a detail of the health report: the connection itself is fine.
			logger.debug("Could not read the database product name", ex);
			return null;
		}
	}

	/** A JDBC 4.1 getter, or {@code absent} where the driver does not have it. */
	static <T> T readOptional(SqlGetter<T> getter, T absent) throws SQLException {
		try {
			return getter.get();
		}
		catch (SQLFeatureNotSupportedException | AbstractMethodError ex) {
			return absent;
		}
	}

	interface SqlGetter<T> {

		T get() throws SQLException;

	}

	static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException | RuntimeException ex) {
			// already unusable; nothing to do
		}
	}

	record Opened(Connection connection, ConnectionDefaults defaults) {
	}

}
