package io.poolkit.bench.stub;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC driver that does no I/O: its connections keep their session state in fields and
 * answer every query with one row, so that a benchmark on it measures the pool and
 * nothing else. It accepts URLs starting with {@code jdbc:stub:}. Real drivers' rules are
 * kept where pools depend on them: commit and rollback fail with auto-commit on, and
 * every call on a closed object fails with SQLState {@code 08003}.
 */
public final class StubDriver implements Driver {

	/** The URL every benchmark uses. */
	public static final String URL = "jdbc:stub:bench";

	private static final String PREFIX = "jdbc:stub:";

	static {
		try {
			DriverManager.registerDriver(new StubDriver());
		}
		catch (SQLException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	@Override
	public Connection connect(String url, Properties info) throws SQLException {
		// The JDBC contract: null for a URL meant for another driver, so DriverManager
		// asks the next one.
		return acceptsURL(url) ? new StubConnection(url, (info != null) ? info.getProperty("user") : null) : null;
	}

	@Override
	public boolean acceptsURL(String url) {
		return url != null && url.startsWith(PREFIX);
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
		throw unsupported("getParentLogger");
	}

	static SQLFeatureNotSupportedException unsupported(String method) {
		return new SQLFeatureNotSupportedException("The stub driver does not implement " + method);
	}

	static SQLException closed(String what) {
		return new SQLException(what + " is closed", "08003");
	}

	static <T> T unwrap(Object self, Class<T> iface) throws SQLException {
		if (iface.isInstance(self)) {
			return iface.cast(self);
		}
		throw new SQLException(self.getClass().getSimpleName() + " does not wrap " + iface.getName());
	}

}
