package io.poolkit.sample.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The "connection per request" way, for comparison with the pool: every
 * {@code getConnection()} opens a new physical connection through
 * {@link java.sql.DriverManager} (TCP, authentication, a backend process forked on the
 * server) and {@code close()} really closes it. Deliberately not a bean: a second
 * {@code DataSource} in the context would make the pool's auto-configuration back off.
 */
final class ConnectionPerRequestDataSource extends DriverManagerDataSource {

	// Shows these connections apart from the pool's in pg_stat_activity.
	static final String APPLICATION_NAME = "poolkit-sample-per-request";

	private final ConnectionWaits waits;

	ConnectionPerRequestDataSource(String url, String username, String password, ConnectionWaits waits) {
		super(url, username, password);
		Properties properties = new Properties();
		properties.setProperty("ApplicationName", APPLICATION_NAME);
		// Bounded, like the pool's connection-timeout, so a demo against an overwhelmed
		// server ends.
		properties.setProperty("connectTimeout", "10");
		properties.setProperty("loginTimeout", "10");
		setConnectionProperties(properties);
		this.waits = waits;
	}

	@Override
	protected Connection getConnectionFromDriverManager(String url, Properties properties) throws SQLException {
		long start = System.nanoTime();
		Connection connection = super.getConnectionFromDriverManager(url, properties);
		this.waits.record(System.nanoTime() - start);
		return connection;
	}

}
