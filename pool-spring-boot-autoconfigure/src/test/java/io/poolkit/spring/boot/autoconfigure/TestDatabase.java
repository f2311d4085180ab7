package io.poolkit.spring.boot.autoconfigure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Where the tests' PostgreSQL is: {@code POOL_TEST_URL}, {@code POOL_TEST_USER} and
 * {@code POOL_TEST_PASSWORD}, defaulting to the local test server the CI script sets up
 * (as in pool-core's tests).
 */
public final class TestDatabase {

	/**
	 * A role that must log in with a password, set up by {@code .ci/run}, for real
	 * authentication paths.
	 */
	public static final String AUTH_USER = "poolkit_auth";

	/** The password of {@link #AUTH_USER}. */
	public static final String AUTH_PASSWORD = "poolkit-right-password";

	private TestDatabase() {
	}

	/**
	 * The test URL with one more query parameter.
	 * @param parameter e.g. {@code password=secret}
	 * @return the URL
	 */
	public static String url(String parameter) {
		String url = url();
		return url + (url.contains("?") ? "&" : "?") + parameter;
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
	 * The connection settings as {@code app.pool.*} property values.
	 * @return {@code url}, {@code username} and {@code password} entries
	 */
	public static String[] poolProperties() {
		return new String[] { "app.pool.url=" + url(), "app.pool.username=" + user(), "app.pool.password=" + secret() };
	}

	/**
	 * A URL where nothing listens, for a database that cannot be reached.
	 * @return the URL
	 */
	public static String unreachableUrl() {
		return "jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2";
	}

	/**
	 * A direct connection past any pool; the caller closes it.
	 * @return the connection
	 * @throws SQLException if the server cannot be reached
	 */
	public static Connection connect() throws SQLException {
		return connect(user(), password());
	}

	/**
	 * A direct connection as another role, past any pool; the caller closes it.
	 * @param user the role
	 * @param password its password
	 * @return the connection
	 * @throws SQLException if the server cannot be reached or rejects the login
	 */
	public static Connection connect(String user, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password);
		return DriverManager.getConnection(url(), properties);
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

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isEmpty()) ? fallback : value;
	}

}
