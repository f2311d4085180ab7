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

import org.awaitility.Awaitility;

/**
 * Where the integration tests' PostgreSQL is, and the few things they do to it behind the
 * pool's back. Settings come from {@code POOL_TEST_URL}, {@code POOL_TEST_USER} and
 * {@code POOL_TEST_PASSWORD}, defaulting to the local test server the CI script sets up.
 */
public final class PostgresTestSupport {

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
	 * @return a new direct connection to the test server, bypassing any pool; the caller
	 * closes it
	 */
	/** Opens a direct connection as another user, for authentication tests. */
	public static Connection connectAs(String user, String password) throws SQLException {
		java.util.Properties properties = new java.util.Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password);
		return java.sql.DriverManager.getConnection(url(), properties);
	}

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
				Awaitility.await("backends " + pids + " to exit")
					.atMost(Duration.ofSeconds(10))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> !anyAlive(admin, pids));
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
	 * @return {@code prefix} followed by a random suffix: a table name no other test run
	 * uses
	 */
	public static String uniqueTableName(String prefix) {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		return (prefix + "_" + suffix).toLowerCase(Locale.ROOT);
	}

}
