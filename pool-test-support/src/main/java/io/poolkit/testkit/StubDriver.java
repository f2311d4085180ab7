package io.poolkit.testkit;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * An in-memory JDBC driver for URLs {@code jdbc:stub:<name>}, each naming a
 * {@link StubDatabase}. It does no I/O, so engine tests run fast and can make a
 * "database" fail, stall or die exactly when they want to, and benchmarks on a plain
 * database measure the pool and nothing else. Real drivers' rules are kept where pools
 * depend on them: commit and rollback fail with auto-commit on, calls on a closed
 * connection fail with SQLState {@code 08003}.
 */
public final class StubDriver implements Driver {

	static final String URL_PREFIX = "jdbc:stub:";

	private static final StubDriver INSTANCE = new StubDriver();

	// DriverManager only finds a driver that registered itself; the service file merely
	// gets this class loaded.
	static {
		try {
			DriverManager.registerDriver(INSTANCE);
		}
		catch (SQLException e) {
			throw new ExceptionInInitializerError(e);
		}
	}

	/**
	 * Public for {@link java.util.ServiceLoader} and for pools that instantiate
	 * {@code driver-class-name}.
	 */
	public StubDriver() {
	}

	/**
	 * Makes sure the static initialiser has run, so {@link DriverManager} knows the
	 * driver.
	 */
	static void ensureRegistered() {
	}

	@Override
	public Connection connect(String url, Properties info) throws SQLException {
		if (!acceptsURL(url)) {
			return null; // the Driver contract: not ours, let DriverManager ask the next
							// driver
		}
		return StubDatabase.lookup(databaseName(url)).connect(info);
	}

	private static String databaseName(String url) {
		String name = url.substring(URL_PREFIX.length());
		int parameters = name.indexOf('?');
		return parameters < 0 ? name : name.substring(0, parameters);
	}

	@Override
	public boolean acceptsURL(String url) {
		return url != null && url.startsWith(URL_PREFIX);
	}

	@Override
	public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
		return new DriverPropertyInfo[0];
	}

	@Override
	public int getMajorVersion() {
		return 1;
	}

	@Override
	public int getMinorVersion() {
		return 0;
	}

	@Override
	public boolean jdbcCompliant() {
		return false;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException("the stub driver does not log");
	}

}
