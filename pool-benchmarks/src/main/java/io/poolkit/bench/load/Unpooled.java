package io.poolkit.bench.load;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.poolkit.bench.Target;

/**
 * Connection per request, the baseline pooling exists to beat: every
 * {@code getConnection()} opens a new physical connection, configured as the pools
 * configure theirs, and {@code close()} closes it.
 */
final class Unpooled implements DataSource {

	private final Target target;

	private final Driver driver;

	Unpooled(Target target) throws ReflectiveOperationException {
		this.target = target;
		this.driver = (Driver) Class.forName(target.driverClassName()).getDeclaredConstructor().newInstance();
	}

	@Override
	public Connection getConnection() throws SQLException {
		Properties properties = new Properties();
		if (this.target.user() != null) {
			properties.setProperty("user", this.target.user());
		}
		if (this.target.password() != null) {
			properties.setProperty("password", this.target.password());
		}
		Connection connection = this.driver.connect(this.target.url(), properties);
		try {
			connection.setAutoCommit(false);
			connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
			return connection;
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLFeatureNotSupportedException("one identity only");
	}

	@Override
	public PrintWriter getLogWriter() {
		return null;
	}

	@Override
	public void setLogWriter(PrintWriter out) {
	}

	@Override
	public void setLoginTimeout(int seconds) {
	}

	@Override
	public int getLoginTimeout() {
		return 0;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException("no logger");
	}

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		throw new SQLException("Unpooled wraps nothing");
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) {
		return false;
	}

}
