package io.poolkit.internal;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.poolkit.Credentials;
import io.poolkit.PoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens physical connections: from a wrapped {@link DataSource}, or from the JDBC URL
 * through the configured or registered {@link Driver}, with the driver properties,
 * credentials, PostgreSQL {@code ApplicationName} and the pool's session defaults
 * applied, and {@code connection-init-sql} run once.
 */
final class ConnectionFactory {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionFactory.class);

	// A prepareThreshold parameter in a JDBC URL's query string: "?prepareThreshold=5" or
	// "&prepareThreshold=5".
	private static final Pattern PREPARE_THRESHOLD = Pattern.compile("[?&]prepareThreshold=([^&#]*)");

	/**
	 * Runs {@code setNetworkTimeout} callbacks on the caller: the pool never needs them
	 * to be asynchronous.
	 */
	static final Executor DIRECT = Runnable::run;

	private final PoolConfig config;

	private final DataSource dataSource;

	private final Driver driver;

	private final String url;

	private final Properties baseProperties;

	private final Supplier<Credentials> credentials;

	/**
	 * pgjdbc, and no {@code loginTimeout} set by the user: the pool sets it, and may give
	 * an attempt less than {@link #loginTimeoutNanos}.
	 */
	private final boolean boundsLogin;

	/**
	 * pgjdbc, and neither {@code loginTimeout} nor {@code socketTimeout} set by the user:
	 * the pool bounds each read of the login with the login timeout and lifts the bound
	 * once connected.
	 */
	private final boolean boundsLoginReads;

	/** The application_name each connection gets with its number appended, or null. */
	private final String numberedApplicationName;

	private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();

	/** The login timeout the pool gives pgjdbc by default: connection-timeout. */
	private final long loginTimeoutNanos;

	/**
	 * The database's product name, read from the first connection opened; {@code null}
	 * until then. Written racily by the connector threads: each writes the same value.
	 */
	private volatile String databaseProductName;

	ConnectionFactory(PoolConfig config) {
		this(config, config.name(), false);
	}

	/**
	 * @param applicationName the PostgreSQL {@code application_name} of the connections,
	 * unless the URL or the driver properties set one: the pool name, or in adaptive
	 * sizing the pool name with the instance's suffix
	 * @param numbered whether each connection's application_name ends in {@code .} and a
	 * number of its own (for PgBouncer, which shows a client's name in
	 * {@code SHOW CLIENTS} only where it differs from the one its pool last saw)
	 */
	ConnectionFactory(PoolConfig config, String applicationName, boolean numbered) {
		this.config = config;
		this.dataSource = config.dataSource();
		this.url = config.url();
		this.credentials = config.credentialsSupplier();
		this.baseProperties = (this.dataSource != null) ? null : driverProperties(config, applicationName);
		this.numberedApplicationName = (numbered && this.baseProperties != null && isPostgres(this.url)
				&& !isSet(config, "ApplicationName")) ? applicationName + "." : null;
		this.driver = (this.dataSource != null) ? null : findDriver(config);
		boolean postgres = this.dataSource == null && isPostgres(this.url);
		this.boundsLogin = postgres && !isSet(config, "loginTimeout");
		this.boundsLoginReads = this.boundsLogin && !isSet(config, "socketTimeout");
		this.loginTimeoutNanos = this.boundsLogin ? config.connectionTimeout().toNanos() : 0;
	}

	private static Properties driverProperties(PoolConfig config, String applicationName) {
		Properties properties = new Properties();
		properties.putAll(config.dataSourceProperties());
		if (isPostgres(config.url())) {
			putIfAbsent(properties, config.url(), "ApplicationName", applicationName);
			// A stalled server must not hold a connector thread for ever.
			putIfAbsent(properties, config.url(), "loginTimeout", seconds(config.connectionTimeout().toNanos()));
			if (config.pgbouncer()) {
				// PgBouncer in transaction mode cannot keep server-side prepared
				// statements across transactions.
				properties.setProperty("prepareThreshold", "0");
				checkPgbouncerUrl(config.url());
				warnOfSessionSettings(config);
			}
		}
		return properties;
	}

	/**
	 * pgjdbc lets a URL parameter win over a connection property, so a
	 * {@code prepareThreshold} in the URL would silently turn server-side prepared
	 * statements back on; refuse it rather than fail later, at random, under load.
	 */
	private static void checkPgbouncerUrl(String url) {
		Matcher parameter = PREPARE_THRESHOLD.matcher(url);
		while (parameter.find()) {
			if (!parameter.group(1).trim().equals("0")) {
				throw new IllegalArgumentException("pgbouncer: true needs prepareThreshold=0, but the url sets "
						+ "prepareThreshold=" + parameter.group(1) + ", which wins over the pool's setting and brings "
						+ "back the server-side prepared statements PgBouncer's transaction mode cannot keep; remove it "
						+ "from the url");
			}
		}
	}

	/**
	 * These settings are applied with session-level SET on the one server connection that
	 * happens to run it; behind PgBouncer in transaction mode they reach neither this
	 * client's later transactions nor stay out of other clients'. Not refused: PgBouncer
	 * in session mode keeps them, and only the operator knows the mode.
	 */
	private static void warnOfSessionSettings(PoolConfig config) {
		StringJoiner settings = new StringJoiner(", ");
		if (config.schema() != null) {
			settings.add("schema");
		}
		if (config.transactionIsolation() != null) {
			settings.add("transaction-isolation");
		}
		if (config.connectionInitSql() != null) {
			settings.add("connection-init-sql");
		}
		if (settings.length() > 0) {
			logger.warn(
					"Pool '{}': pgbouncer=true, but {} change session state, which PgBouncer in transaction mode "
							+ "does not keep per client; set them on the database role instead (ALTER ROLE ... SET)",
					config.name(), settings);
		}
	}

	private static void putIfAbsent(Properties properties, String url, String key, String value) {
		if (!properties.containsKey(key) && !url.contains(key + "=")) {
			properties.setProperty(key, value);
		}
	}

	/**
	 * Whether the user set a pgjdbc connection property, in the URL or the driver
	 * properties; the user's value then wins over the pool's.
	 */
	static boolean isSet(PoolConfig config, String key) {
		return config.dataSourceProperties().containsKey(key) || config.url().contains(key + "=");
	}

	/** pgjdbc reads its {@code loginTimeout} as a decimal number of seconds. */
	private static String seconds(long nanos) {
		return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
	}

	/**
	 * Whether {@link #open(long)} can give an attempt a login timeout of its own: pgjdbc
	 * with no {@code loginTimeout} set by the user.
	 */
	boolean boundsLogin() {
		return this.boundsLogin;
	}

	/**
	 * The login timeout an attempt gets by default ({@code connection-timeout} on
	 * pgjdbc), or 0 when the pool did not set one.
	 */
	long loginTimeoutNanos() {
		return this.loginTimeoutNanos;
	}

	static boolean isPostgres(String url) {
		return url != null && url.startsWith("jdbc:postgresql:");
	}

	private static Driver findDriver(PoolConfig config) {
		String className = config.driverClassName();
		try {
			if (className != null) {
				Class<?> type = loadClass(className);
				return (Driver) type.getDeclaredConstructor().newInstance();
			}
			return DriverManager.getDriver(config.url());
		}
		catch (SQLException ex) {
			String driverName = UrlCheck.driverFor(config.url());
			if (driverName != null) {
				throw new IllegalArgumentException("url: the " + driverName + " refuses '"
						+ Secrets.maskUrl(config.url()) + "'" + UrlCheck.whyRefused(config.url()), ex);
			}
			throw new IllegalArgumentException("url: no registered JDBC driver accepts '"
					+ Secrets.maskUrl(config.url()) + "'; add the driver to the class path or set driver-class-name",
					ex);
		}
		catch (ReflectiveOperationException | ClassCastException ex) {
			throw new IllegalArgumentException(
					"driver-class-name: '" + className + "' cannot be instantiated as a java.sql.Driver", ex);
		}
	}

	private static Class<?> loadClass(String className) throws ClassNotFoundException {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		if (loader != null) {
			try {
				return Class.forName(className, true, loader);
			}
			catch (ClassNotFoundException ex) {
				// fall through to our own loader
			}
		}
		return Class.forName(className, true, ConnectionFactory.class.getClassLoader());
	}

	/**
	 * Opens, initialises and configures one physical connection.
	 * @return the connection and the session defaults it now has
	 * @throws SQLException what the driver or the init SQL threw; the connection is
	 * closed then
	 */
	Opened open() throws SQLException {
		return open(0);
	}

	/**
	 * Opens, initialises and configures one physical connection.
	 * @param loginTimeoutNanos the login timeout for this attempt, when
	 * {@link #boundsLogin()}; 0 for the default
	 * @return the connection and the session defaults it now has
	 * @throws SQLException what the driver or the init SQL threw; the connection is
	 * closed then
	 */
	Opened open(long loginTimeoutNanos) throws SQLException {
		long loginTimeout = (this.boundsLogin && loginTimeoutNanos > 0) ? loginTimeoutNanos : this.loginTimeoutNanos;
		Connection connection = connect(loginTimeout);
		try {
			if (this.boundsLoginReads) {
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
		if (this.dataSource != null) {
			return (username != null) ? this.dataSource.getConnection(username, password)
					: this.dataSource.getConnection();
		}
		Properties properties = new Properties();
		properties.putAll(this.baseProperties);
		if (username != null) {
			properties.setProperty("user", username);
		}
		if (password != null) {
			properties.setProperty("password", password);
		}
		if (this.boundsLogin) {
			properties.setProperty("loginTimeout", seconds(loginTimeoutNanos));
		}
		if (this.numberedApplicationName != null) {
			properties.setProperty("ApplicationName",
					this.numberedApplicationName + Integer.toString(this.connections.incrementAndGet(), 36));
		}
		if (this.boundsLoginReads) {
			// pgjdbc abandons an attempt at loginTimeout but leaves its thread reading; a
			// read timeout ends that thread too when the server never answers.
			long readSeconds = Math.max(1, (loginTimeoutNanos + 999_999_999) / 1_000_000_000);
			properties.setProperty("socketTimeout", Long.toString(readSeconds));
		}
		Connection connection = this.driver.connect(this.url, properties);
		if (connection == null) {
			throw new SQLException("url: the driver " + this.driver.getClass().getName() + " does not accept '"
					+ Secrets.maskUrl(this.url) + "'" + UrlCheck.whyRefused(this.url), "08001");
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
		ServerSession session = ServerSession.of(connection);
		String[] schemaAndSearchPath = session.readSchema(connection);
		String schema = (schemaAndSearchPath != null) ? schemaAndSearchPath[0] : readSchema(connection);
		String searchPath = (schemaAndSearchPath != null) ? schemaAndSearchPath[1] : null;
		int networkTimeout = readNetworkTimeout(connection);
		if (this.databaseProductName == null) {
			this.databaseProductName = readProductName(connection);
		}
		if (!autoCommit) {
			connection.setAutoCommit(false);
		}
		ConnectionDefaults defaults = new ConnectionDefaults(connection.getAutoCommit(), isolation, readOnly, catalog,
				schema, networkTimeout, searchPath);
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

	private static String readSchema(Connection connection) throws SQLException {
		try {
			return connection.getSchema();
		}
		catch (java.sql.SQLFeatureNotSupportedException | AbstractMethodError ex) {
			return null;
		}
	}

	private static int readNetworkTimeout(Connection connection) throws SQLException {
		try {
			return connection.getNetworkTimeout();
		}
		catch (java.sql.SQLFeatureNotSupportedException | AbstractMethodError ex) {
			return 0;
		}
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
