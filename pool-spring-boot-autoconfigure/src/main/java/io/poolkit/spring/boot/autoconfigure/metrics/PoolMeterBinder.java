package io.poolkit.spring.boot.autoconfigure.metrics;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.poolkit.PoolDataSource;
import io.poolkit.PoolStats;
import io.poolkit.spring.boot.autoconfigure.DeferredPoolListener;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Binds the meters of every {@link PoolDataSource} bean, each tagged {@code pool=<name>}:
 * gauges read {@link PoolDataSource#stats()} when scraped; timers and counters are fed by
 * the pool's events through its {@link DeferredPoolListener}, which the auto-configured
 * pool is built with. A pool built without one gets the gauges only.
 */
final class PoolMeterBinder implements MeterBinder {

	private final ObjectProvider<PoolDataSource> pools;

	PoolMeterBinder(ObjectProvider<PoolDataSource> pools) {
		this.pools = pools;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.pools.orderedStream().forEach((pool) -> bind(pool, registry));
	}

	private void bind(PoolDataSource pool, MeterRegistry registry) {
		Tags tags = Tags.of("pool", pool.name());
		gauge(registry, tags, pool, "pool.connections.active", "Connections lent out now", PoolStats::active);
		gauge(registry, tags, pool, "pool.connections.idle", "Connections ready to lend", PoolStats::idle);
		gauge(registry, tags, pool, "pool.connections.pending", "Borrowers waiting for a connection",
				PoolStats::pending);
		gauge(registry, tags, pool, "pool.connections.total", "Physical connections held, idle or lent out",
				PoolStats::total);
		gauge(registry, tags, pool, "pool.connections.max", "Most connections the pool holds (max-size)",
				PoolStats::max);
		gauge(registry, tags, pool, "pool.connections.min", "Idle connections kept ready (min-idle)", PoolStats::min);
		Gauge.builder("pool.utilization", pool, (p) -> p.stats().utilization())
			.description("Connections lent out as a share of max-size, 0 to 1")
			.tags(tags)
			.register(registry);
		if (pool.config().listener() instanceof DeferredPoolListener listener) {
			listener.attach(new PoolMeters(registry, tags));
		}
	}

	private static void gauge(MeterRegistry registry, Tags tags, PoolDataSource pool, String name, String description,
			ToDoubleFunction<PoolStats> value) {
		Gauge.builder(name, pool, (p) -> value.applyAsDouble(p.stats()))
			.description(description)
			.baseUnit("connections")
			.tags(tags)
			.register(registry);
	}

}
