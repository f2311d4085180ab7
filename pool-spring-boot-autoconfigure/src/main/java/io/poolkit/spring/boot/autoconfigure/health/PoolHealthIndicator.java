package io.poolkit.spring.boot.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.poolkit.PoolConnectionError;
import io.poolkit.PoolDataSource;
import io.poolkit.PoolStats;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of a {@link PoolDataSource}, answered from what the pool already knows. It
 * never borrows a connection: a check that queued behind a saturated pool would report a
 * busy application DOWN, and an orchestrator would restart it for being busy. So it
 * answers at once, and a saturated pool that works is UP with its saturation in the
 * details.
 * <p>
 * DOWN only when the pool holds no connection and its latest attempt to open one failed;
 * the details then carry the database's error (its message and SQLState, never a
 * password). OUT_OF_SERVICE once the pool is closed.
 */
public class PoolHealthIndicator implements HealthIndicator {

	private final PoolDataSource pool;

	/**
	 * Creates the indicator of a pool.
	 * @param pool the pool
	 */
	public PoolHealthIndicator(PoolDataSource pool) {
		this.pool = pool;
	}

	@Override
	public Health health() {
		if (this.pool.isClosed()) {
			return Health.outOfService().withDetail("name", this.pool.name()).withDetail("closed", true).build();
		}
		PoolStats stats = this.pool.stats();
		Health.Builder health = (stats.total() == 0 && stats.connectionFailing()) ? Health.down() : Health.up();
		health.withDetail("name", this.pool.name())
			.withDetail("total", stats.total())
			.withDetail("active", stats.active())
			.withDetail("idle", stats.idle())
			.withDetail("pending", stats.pending())
			.withDetail("max", stats.max())
			.withDetail("min", stats.min())
			.withDetail("utilization", stats.utilization());
		if (stats.suspended()) {
			health.withDetail("suspended", true);
		}
		PoolConnectionError error = stats.lastConnectionError();
		if (error != null) {
			health.withDetail("connectionFailing", stats.connectionFailing());
			health.withDetail("lastConnectionError", describe(error));
		}
		return health.build();
	}

	private static Map<String, Object> describe(PoolConnectionError error) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("kind", error.kind().tag());
		details.put("message", error.description());
		details.put("at", error.at().toString());
		return details;
	}

}
