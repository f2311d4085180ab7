package io.poolkit.spring.boot.autoconfigure.health;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import io.poolkit.PoolConnectionError;
import io.poolkit.PoolDataSource;
import io.poolkit.PoolStats;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code db} health of a {@link PoolDataSource}, in the shape of Boot's
 * {@code DataSourceHealthIndicator} ({@code database}, {@code validationQuery} and, for a
 * query, its {@code result}; when DOWN, {@code error} as
 * {@code "<exception class>: <message>"}), but never queued behind the application's
 * borrowers.
 * <p>
 * When a connection is idle it borrows it without waiting
 * ({@link PoolDataSource#tryGetConnection()}) and checks it as Boot does: the database's
 * product name, then the pool's {@code validation-query} (its single value as
 * {@code result}) or {@link Connection#isValid} when none is set, each bounded by the
 * pool's {@code validation-timeout}. When none is idle (every connection lent out,
 * borrowers waiting, or the pool suspended) it answers at once from what the pool knows
 * of the server: DOWN when the pool holds no connection and its latest attempt to open
 * one failed (that attempt's exception as {@code error}, and as
 * {@code lastConnectionError} its kind, message and time, as the {@code pool} component
 * shows it; never a password), otherwise UP, with a {@code connection} detail saying no
 * connection was checked and why. A saturated pool that works is busy, not down: an
 * orchestrator must not restart the application for it. {@code database} is the product
 * name the pool read from the first connection it opened
 * ({@link PoolDataSource#databaseProductName()}), so it is known however busy the pool
 * is; it is left out only while no connection was ever opened.
 * <p>
 * OUT_OF_SERVICE once the pool is closed. Thread safe.
 */
public class PoolDbHealthIndicator implements HealthIndicator {

	private final PoolDataSource pool;

	// The product name of the last check: a fallback for a driver that could not tell
	// the pool.
	private volatile @Nullable String database;

	/**
	 * Creates the indicator of a pool.
	 * @param pool the pool
	 */
	public PoolDbHealthIndicator(PoolDataSource pool) {
		this.pool = pool;
	}

	@Override
	public Health health() {
		if (this.pool.isClosed()) {
			return withDatabase(Health.outOfService()).withDetail("validationQuery", validationQuery())
				.withDetail("connection", "none: the pool is closed")
				.build();
		}
		Connection connection;
		try {
			connection = this.pool.tryGetConnection();
		}
		catch (SQLException ex) {
			return withDatabase(Health.down(ex)).build();
		}
		if (connection == null) {
			return fromPoolState();
		}
		try (connection) {
			return check(connection);
		}
		catch (SQLException | RuntimeException ex) {
			return withDatabase(Health.down(ex)).withDetail("validationQuery", validationQuery()).build();
		}
	}

	private Health check(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName();
		this.database = product;
		Health.Builder health = Health.up().withDetail("database", product);
		int timeoutSeconds = timeoutSeconds();
		String query = this.pool.config().validationQuery();
		if (query != null && !query.isBlank()) {
			health.withDetail("validationQuery", query);
			try (Statement statement = connection.createStatement()) {
				statement.setQueryTimeout(timeoutSeconds);
				try (ResultSet rows = statement.executeQuery(query)) {
					if (!rows.next() || rows.getMetaData().getColumnCount() != 1) {
						return health.down()
							.withDetail("error", "the validation query did not return a single column")
							.build();
					}
					Object result = rows.getObject(1);
					return health.withDetail("result", (result != null) ? result : "null").build();
				}
			}
		}
		health.withDetail("validationQuery", "isValid()");
		return (connection.isValid(timeoutSeconds) ? health : health.down()).build();
	}

	private Health fromPoolState() {
		PoolStats stats = this.pool.stats();
		boolean down = stats.total() == 0 && stats.connectionFailing();
		Health.Builder health = withDatabase(down ? Health.down() : Health.up())
			.withDetail("validationQuery", validationQuery())
			.withDetail("connection", why(stats));
		PoolConnectionError error = stats.lastConnectionError();
		if (down && error != null) {
			// Boot's shape first ("<exception class>: <message>"), then the pool's own
			// view.
			if (error.exception() != null) {
				health.withException(error.exception());
			}
			else {
				health.withDetail("error", error.description());
			}
			health.withDetail("lastConnectionError", describe(error));
		}
		return health.build();
	}

	private static String why(PoolStats stats) {
		String reason = stats.suspended() ? "the pool is suspended"
				: "none idle: " + stats.active() + " of " + stats.max() + " in use, " + stats.pending() + " waiting";
		return "not checked, " + reason + "; answered from the pool's state without waiting";
	}

	private Health.Builder withDatabase(Health.Builder health) {
		String product = this.pool.databaseProductName();
		if (product == null) {
			product = this.database;
		}
		return (product != null) ? health.withDetail("database", product) : health;
	}

	private String validationQuery() {
		String query = this.pool.config().validationQuery();
		return (query != null && !query.isBlank()) ? query : "isValid()";
	}

	// JDBC timeouts are whole seconds, 0 meaning none: round up, at least 1.
	private int timeoutSeconds() {
		long millis = this.pool.config().validationTimeout().toMillis();
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
	}

	private static Map<String, Object> describe(PoolConnectionError error) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("kind", error.kind().tag());
		details.put("message", error.description());
		details.put("at", error.at().toString());
		return details;
	}

}
