package io.poolkit.testkit;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * Where the tests' and the benchmarks' PostgreSQL is, and the few things they do to it
 * behind the pool's back: the one test-database helper of every module. Settings come
 * from {@code POOL_TEST_URL}, {@code POOL_TEST_USER} and {@code POOL_TEST_PASSWORD},
 * defaulting to the local test server the CI script sets up
 * ({@code jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres}, no password).
 * <p>
 * The server is shared by parallel builds: tests use {@link #uniqueName} for tables,
 * pools and {@code ApplicationName}s, and only ever count or terminate the sessions of
 * their own application name. Every method is safe to call from any thread.
 */
public final class PostgresTestSupport {

	/**
	 * A role that must log in with a password, set up by {@code .ci/run}, for real
	 * authentication paths.
	 */
	public static final String AUTH_USER = "poolkit_auth";

	/** The password of {@link #AUTH_USER}. */
	public static final String AUTH_PASSWORD = "poolkit-right-password";

	/**
	 * Marks this helper's own sessions, so they never count as, or get killed with, a
	 * pool's.
	 */
	private static final String ADMIN_APPLICATION_NAME = "poolkit-test-admin";

	private PostgresTestSupport() {
	}

	public static String url() {
		return env("POOL_TEST_URL", "jdbc:postgresql://127.0.0.1:5432/test");
	}

	public static String user() {
		return env("POOL_TEST_USER", "postgres");
	}

	public static String password() {
		return env("POOL_TEST_PASSWORD", "");
	}

	/**
	 * The test URL with one more query parameter.
	 * @param parameter e.g. {@code password=secret}
	 * @return the URL
	 */
	public static String urlWith(String parameter) {
		String url = url();
		return url + (url.contains("?") ? "&" : "?") + parameter;
	}

	/**
	 * A password to configure in tests that check it never shows: the real one when the
	 * server needs one, else a recognisable string the trust-authenticated test server
	 * ignores.
	 * @return the password
	 */
	public static String secret() {
		String password = password();
		return password.isEmpty() ? "poolkit-test-secret-7f3a" : password;
	}

	/**
	 * The connection settings as {@code key=value} property values under a prefix, for
	 * Spring Boot tests: {@code propertyValues("app.pool.")} gives {@code url},
	 * {@code username} and {@code password}, the password being {@link #secret()}.
	 * @param prefix e.g. {@code app.pool.}
	 * @return the three property values
	 */
	public static String[] propertyValues(String prefix) {
		return new String[] { prefix + "url=" + url(), prefix + "username=" + user(), prefix + "password=" + secret() };
	}

	/**
	 * A URL where nothing listens, for a database that cannot be reached: port 1, with a
	 * 2 s connect timeout.
	 * @return the URL
	 */
	public static String unreachableUrl() {
		return "jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2";
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isEmpty() ? fallback : value;
	}

	/**
	 * @return the host of {@link #url()}, to point a {@link FaultProxy} at
	 */
	public static String host() {
		return serverUri().getHost();
	}

	/**
	 * @return the port of {@link #url()}, 5432 if it names none
	 */
	public static int port() {
		int port = serverUri().getPort();
		return port < 0 ? 5432 : port;
	}

	/**
	 * @return the database name of {@link #url()}, for {@link FaultProxy#jdbcUrl(String)}
	 */
	public static String database() {
		String path = serverUri().getPath();
		return path.startsWith("/") ? path.substring(1) : path;
	}

	private static URI serverUri() {
		// jdbc:postgresql://host:port/db?params parses as a URI once the "jdbc:" scheme
		// prefix is dropped.
		return URI.create(url().substring("jdbc:".length()));
	}

	/**
	 * @return a proxy in pass mode in front of the test server
	 */
	public static FaultProxy startProxy() {
		return FaultProxy.start(host(), port());
	}

	/**
	 * @return user and password as driver properties, ready for more (such as
	 * {@code ApplicationName})
	 */
	public static Properties properties() {
		Properties properties = new Properties();
		properties.setProperty("user", user());
		properties.setProperty("password", password());
		return properties;
	}

	/**
	 * @return a new direct connection to the test server as {@link #user()}, bypassing
	 * any pool; the caller closes it
	 * @throws SQLException if the server cannot be reached
	 */
	public static Connection connect() throws SQLException {
		return connectAs(user(), password());
	}

	/**
	 * Opens a direct connection as another role, bypassing any pool, for authentication
	 * tests; the caller closes it.
	 * @throws SQLException if the server cannot be reached or rejects the login
	 */
	public static Connection connectAs(String user, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password);
		return DriverManager.getConnection(url(), properties);
	}

	/**
	 * @return a new direct connection to the test server, bypassing any pool, whose
	 * sessions never count as, or get terminated with, a pool's; the caller closes it
	 */
	public static Connection admin() throws SQLException {
		Properties properties = properties();
		properties.setProperty("ApplicationName", ADMIN_APPLICATION_NAME);
		return DriverManager.getConnection(url(), properties);
	}

	/**
	 * @return server sessions whose {@code application_name} is {@code applicationName}
	 */
	public static int countBackends(String applicationName) throws SQLException {
		try (Connection admin = admin();
				PreparedStatement count = admin.prepareStatement("select count(*) from pg_stat_activity"
						+ " where application_name = ? and pid <> pg_backend_pid()")) {
			count.setString(1, applicationName);
			try (ResultSet rows = count.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	/**
	 * Terminates every server session whose {@code application_name} is
	 * {@code applicationName}, as an administrator or a failover would, and waits until
	 * those sessions are gone. Sessions opened meanwhile (a pool reconnecting) are left
	 * alone.
	 * @return how many sessions were terminated
	 */
	public static int terminateBackends(String applicationName) throws SQLException {
		try (Connection admin = admin()) {
			List<Integer> pids = new ArrayList<>();
			// Called in the select list, not the where clause, so it only ever runs on
			// rows that matched.
			try (PreparedStatement terminate = admin.prepareStatement("select pid, pg_terminate_backend(pid)"
					+ " from pg_stat_activity where application_name = ? and pid <> pg_backend_pid()")) {
				terminate.setString(1, applicationName);
				try (ResultSet rows = terminate.executeQuery()) {
					while (rows.next()) {
						if (rows.getBoolean(2)) {
							pids.add(rows.getInt(1));
						}
					}
				}
			}
			// pg_terminate_backend only signals; wait for the exits so a test's next step
			// meets dead connections.
			if (!pids.isEmpty()) {
				Poll.until("backends " + pids + " to exit", Duration.ofSeconds(10), () -> !anyAlive(admin, pids));
			}
			return pids.size();
		}
	}

	private static boolean anyAlive(Connection admin, List<Integer> pids) throws SQLException {
		try (PreparedStatement alive = admin
			.prepareStatement("select count(*) from pg_stat_activity where pid = any(?)")) {
			alive.setArray(1, admin.createArrayOf("int4", pids.toArray()));
			try (ResultSet rows = alive.executeQuery()) {
				rows.next();
				return rows.getInt(1) > 0;
			}
		}
	}

	/**
	 * @return {@code jdbc:postgresql://host:port/<database>} on the test server
	 */
	public static String databaseUrl(String database) {
		return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
	}

	/**
	 * @return a new direct connection to another database of the test server, as
	 * {@link #admin()}
	 */
	public static Connection admin(String database) throws SQLException {
		Properties properties = properties();
		properties.setProperty("ApplicationName", ADMIN_APPLICATION_NAME);
		return DriverManager.getConnection(databaseUrl(database), properties);
	}

	/**
	 * Creates an empty database no other test run uses, so that a test can count the
	 * server sessions in it and know they are its own. Copied from {@code template0},
	 * which nobody connects to, so a session left in {@code template1} cannot make it
	 * fail.
	 * @return its name, {@code prefix} with a random suffix
	 */
	public static String createDatabase(String prefix) throws SQLException {
		String name = uniqueTableName(prefix);
		try (Connection admin = admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name + " TEMPLATE template0");
		}
		return name;
	}

	/**
	 * Drops a database made by {@link #createDatabase}, ending the sessions still in it.
	 */
	public static void dropDatabase(String name) throws SQLException {
		try (Connection admin = admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
	}

	/**
	 * @return server sessions in {@code database}, this helper's own excluded
	 */
	public static int countBackendsIn(String database) throws SQLException {
		try (Connection admin = admin();
				PreparedStatement count = admin.prepareStatement(
						"select count(*) from pg_stat_activity" + " where datname = ? and pid <> pg_backend_pid()")) {
			count.setString(1, database);
			try (ResultSet rows = count.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	/**
	 * Runs a query past any pool and reads one whole number.
	 * @param sql a query whose first row's first column is an integer
	 * @return that number
	 * @throws SQLException if the server cannot be reached or the query fails
	 */
	public static int queryInt(String sql) throws SQLException {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/**
	 * Connections ordinary clients may open on the server: {@code max_connections} less
	 * the slots reserved for superusers ({@code superuser_reserved_connections}, plus
	 * {@code reserved_connections} from PostgreSQL 16).
	 * @return the number
	 * @throws SQLException if the server cannot be reached
	 */
	public static int availableConnections() throws SQLException {
		return queryInt("select current_setting('max_connections')::int") - reservedConnections();
	}

	/**
	 * Slots the server keeps for superusers.
	 * @return the number
	 * @throws SQLException if the server cannot be reached
	 */
	public static int reservedConnections() throws SQLException {
		return queryInt("select current_setting('superuser_reserved_connections')::int"
				+ " + coalesce(current_setting('reserved_connections', true)::int, 0)");
	}

	/**
	 * @return {@code prefix}, an underscore and 12 random hex digits: a pool, application
	 * or database name no other test run uses
	 */
	public static String uniqueName(String prefix) {
		return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	/**
	 * @return {@link #uniqueName} in lower case: a table name no other test run uses,
	 * which needs no quoting
	 */
	public static String uniqueTableName(String prefix) {
		return uniqueName(prefix).toLowerCase(Locale.ROOT);
	}

	/**
	 * The server process id of a connection's backend ({@code pg_backend_pid()}).
	 * @param connection a connection to PostgreSQL, borrowed or not
	 * @return the backend's pid
	 * @throws SQLException if the query fails
	 */
	public static int backendPid(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/**
	 * Whether a server backend still exists, seen from an admin connection.
	 * @param pid the backend's pid
	 * @return {@code true} while {@code pg_stat_activity} lists it
	 * @throws SQLException if the query fails
	 */
	public static boolean backendExists(int pid) throws SQLException {
		try (Connection admin = admin();
				PreparedStatement query = admin
					.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
			query.setInt(1, pid);
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getInt(1) > 0;
			}
		}
	}

}
