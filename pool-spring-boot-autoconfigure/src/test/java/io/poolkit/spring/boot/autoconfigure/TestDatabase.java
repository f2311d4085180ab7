package io.poolkit.spring.boot.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;

import io.poolkit.testkit.PostgresTestSupport;

/**
 * The Boot tests' view of the test kit's {@link PostgresTestSupport}, where the tests'
 * PostgreSQL is ({@code POOL_TEST_URL}, {@code POOL_TEST_USER},
 * {@code POOL_TEST_PASSWORD}): the Boot-specific {@link #poolProperties()}, and the names
 * these tests have always called, each the kit's method of the same meaning.
 */
public final class TestDatabase {

	/** {@link PostgresTestSupport#AUTH_USER}. */
	public static final String AUTH_USER = PostgresTestSupport.AUTH_USER;

	/** {@link PostgresTestSupport#AUTH_PASSWORD}. */
	public static final String AUTH_PASSWORD = PostgresTestSupport.AUTH_PASSWORD;

	private TestDatabase() {
	}

	/**
	 * The connection settings as {@code app.pool.*} property values.
	 * @return {@code url}, {@code username} and {@code password} entries, the password
	 * being {@link PostgresTestSupport#secret()}
	 */
	public static String[] poolProperties() {
		return new String[] { "app.pool.url=" + url(), "app.pool.username=" + user(), "app.pool.password=" + secret() };
	}

	/**
	 * @param parameter e.g. {@code password=secret}
	 * @return {@link PostgresTestSupport#urlWith(String)}
	 */
	public static String url(String parameter) {
		return PostgresTestSupport.urlWith(parameter);
	}

	public static String url() {
		return PostgresTestSupport.url();
	}

	public static String user() {
		return PostgresTestSupport.user();
	}

	public static String password() {
		return PostgresTestSupport.password();
	}

	public static String secret() {
		return PostgresTestSupport.secret();
	}

	public static String unreachableUrl() {
		return PostgresTestSupport.unreachableUrl();
	}

	public static Connection connect() throws SQLException {
		return PostgresTestSupport.connect();
	}

	public static Connection connect(String user, String password) throws SQLException {
		return PostgresTestSupport.connectAs(user, password);
	}

	public static int queryInt(String sql) throws SQLException {
		return PostgresTestSupport.queryInt(sql);
	}

	public static int availableConnections() throws SQLException {
		return PostgresTestSupport.availableConnections();
	}

	public static int reservedConnections() throws SQLException {
		return PostgresTestSupport.reservedConnections();
	}

}
