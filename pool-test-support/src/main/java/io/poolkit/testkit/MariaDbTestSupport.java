package io.poolkit.testkit;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where the tests' MariaDB is: {@code POOL_TEST_MARIADB_URL},
 * {@code POOL_TEST_MARIADB_USER} and {@code POOL_TEST_MARIADB_PASSWORD}, defaulting to
 * the local server ({@code jdbc:mariadb://127.0.0.1:3306/test} as {@code root}, no
 * password). Every method is safe to call from any thread.
 */
public final class MariaDbTestSupport {

	private MariaDbTestSupport() {
	}

	public static String url() {
		return env("POOL_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test");
	}

	public static String user() {
		return env("POOL_TEST_MARIADB_USER", "root");
	}

	public static String password() {
		String password = System.getenv("POOL_TEST_MARIADB_PASSWORD");
		return (password != null) ? password : "";
	}

	/**
	 * @return a new connection to the test database, bypassing any pool
	 * @throws SQLException when the server cannot be reached
	 */
	public static Connection admin() throws SQLException {
		return DriverManager.getConnection(url(), user(), password());
	}

	/**
	 * @return a fault proxy in front of the test server
	 */
	public static FaultProxy startProxy() {
		URI server = serverUri();
		return FaultProxy.start(server.getHost(), (server.getPort() < 0) ? 3306 : server.getPort());
	}

	/**
	 * @param proxy a proxy from {@link #startProxy()}
	 * @return the URL of the test database through that proxy
	 */
	public static String url(FaultProxy proxy) {
		URI server = serverUri();
		return "jdbc:mariadb://127.0.0.1:" + proxy.port() + server.getRawPath();
	}

	private static URI serverUri() {
		return URI.create(url().substring("jdbc:".length()));
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isEmpty()) ? fallback : value;
	}

}
