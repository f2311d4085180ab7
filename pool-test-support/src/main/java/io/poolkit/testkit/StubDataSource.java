package io.poolkit.testkit;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * The smallest {@link DataSource} over a {@link StubDatabase}, for pools configured with
 * a DataSource, not a URL.
 */
final class StubDataSource implements DataSource {

	private final StubDatabase database;

	private volatile PrintWriter logWriter;

	private volatile int loginTimeout;

	StubDataSource(StubDatabase database) {
		this.database = database;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return database.connect(new Properties());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		// The same keys DriverManager uses, so lastConnectProperties() reads alike on
		// both paths.
		Properties properties = new Properties();
		if (username != null) {
			properties.setProperty("user", username);
		}
		if (password != null) {
			properties.setProperty("password", password);
		}
		return database.connect(properties);
	}

	@Override
	public PrintWriter getLogWriter() {
		return logWriter;
	}

	@Override
	public void setLogWriter(PrintWriter out) {
		logWriter = out;
	}

	@Override
	public void setLoginTimeout(int seconds) {
		loginTimeout = seconds;
	}

	@Override
	public int getLoginTimeout() {
		return loginTimeout;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException("the stub data source does not log");
	}

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		if (iface.isInstance(this)) {
			return iface.cast(this);
		}
		throw new SQLException("StubDataSource does not wrap " + iface.getName());
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) {
		return iface.isInstance(this);
	}

	@Override
	public String toString() {
		return "StubDataSource[" + database.name() + "]";
	}

}
