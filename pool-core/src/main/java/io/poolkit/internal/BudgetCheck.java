package io.poolkit.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import io.poolkit.ConnectionBudget;
import io.poolkit.PoolConfig;

/**
 * Reads a PostgreSQL server's connection limits and current use, and checks that the
 * fleet of this pool ({@code (max-size + max-overflow) × sizing.instances}) fits.
 */
public final class BudgetCheck {

	private BudgetCheck() {
	}

	/** Whether the pool talks to PostgreSQL, where the check knows what to ask. */
	public static boolean applies(PoolConfig config) {
		return ConnectionFactory.isPostgres(config.url());
	}

	/**
	 * @param connection a connection to the server
	 * @param maxSize the pool's current max-size
	 * @param config the pool's settings (max-overflow, sizing.instances)
	 */
	public static ConnectionBudget check(Connection connection, int maxSize, PoolConfig config) throws SQLException {
		int maxConnections;
		int reserved;
		Map<String, Integer> byApplication = new LinkedHashMap<>();
		int inUse = 0;
		try (Statement statement = connection.createStatement()) {
			try (ResultSet rows = statement.executeQuery("SELECT current_setting('max_connections')::int, "
					+ "current_setting('superuser_reserved_connections')::int + "
					+ "coalesce(current_setting('reserved_connections', true)::int, 0)")) {
				rows.next();
				maxConnections = rows.getInt(1);
				reserved = rows.getInt(2);
			}
			try (ResultSet rows = statement.executeQuery("SELECT coalesce(application_name, ''), count(*) "
					+ "FROM pg_stat_activity WHERE backend_type = 'client backend' GROUP BY 1 ORDER BY 2 DESC")) {
				while (rows.next()) {
					byApplication.put(rows.getString(1), rows.getInt(2));
					inUse += rows.getInt(2);
				}
			}
		}
		finally {
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
		}
		return evaluate(maxConnections, reserved, inUse, byApplication, maxSize + config.maxOverflow(),
				config.sizingInstances(), config.name());
	}

	static ConnectionBudget evaluate(int maxConnections, int reserved, int inUse, Map<String, Integer> byApplication,
			int poolMax, int instances, String poolName) {
		int available = maxConnections - reserved;
		long fleet = (long) poolMax * instances;
		int ours = byApplication.getOrDefault(poolName, 0);
		int others = inUse - ours;
		boolean exceeded = fleet > available;
		String message;
		if (exceeded) {
			message = String.format("pool '%s' could open %d connection(s) (max-size + max-overflow %d × "
					+ "sizing.instances %d), more than the %d the server allows (max_connections %d less %d reserved); "
					+ "lower max-size to at most %d per instance, or put PgBouncer in front of the database", poolName,
					fleet, poolMax, instances, available, maxConnections, reserved, Math.max(1, available / instances));
		}
		else if (fleet + others > available) {
			message = String.format("pool '%s' fits alone (%d of %d), but with the %d connection(s) other clients "
					+ "hold now the server would run out", poolName, fleet, available, others);
		}
		else {
			message = String.format(
					"pool '%s' fits: %d connection(s) at most, of %d the server allows; %d in use " + "now", poolName,
					fleet, available, inUse);
		}
		return new ConnectionBudget(maxConnections, reserved, inUse, Map.copyOf(byApplication), poolMax, instances,
				exceeded, message);
	}

}
