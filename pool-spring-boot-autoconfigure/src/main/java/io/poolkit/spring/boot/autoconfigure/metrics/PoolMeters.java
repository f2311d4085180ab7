package io.poolkit.spring.boot.autoconfigure.metrics;

import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopTimer;
import io.poolkit.CloseReason;
import io.poolkit.ConnectionErrorKind;
import io.poolkit.PoolDataSource;
import io.poolkit.PoolListener;
import io.poolkit.PoolStats;
import io.poolkit.PoolTotals;

/**
 * One pool's meters, each tagged {@code pool=<name>}. Gauges read
 * {@link PoolDataSource#stats()} and counters and timers read the pool's own cumulative
 * {@link PoolDataSource#totals()} when the registry asks, so they count from the pool's
 * start, whenever the registry comes, and nothing is buffered or recorded per event.
 * {@code pool.acquire} alone needs each event, for its percentiles and histogram: it is
 * recorded by a listener added to the pool here, and so counts the borrows from then on.
 */
final class PoolMeters {

	private PoolMeters() {
	}

	static void register(PoolDataSource pool, MeterRegistry registry) {
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
		// The size the pool holds itself to: in fixed mode max-size, so that one query
		// (total against target) serves fixed and adaptive pools alike.
		gauge(registry, tags, pool, "pool.connections.target",
				"Size the pool holds itself to: max-size in fixed mode, the chosen target in adaptive mode",
				PoolStats::target);
		Gauge.builder("pool.utilization", pool, (p) -> p.stats().utilization())
			.description(
					"Connections lent out as a share of max-size, 0 to 1; above 1 while more are lent (overflow, or a resize shrank it)")
			.tags(tags)
			.register(registry);
		timer(registry, tags, pool, "pool.usage", "Time connections were held by borrowers", PoolTotals::returned,
				PoolTotals::heldNanos);
		timer(registry, tags, pool, "pool.creation", "Time taken to open a physical connection", PoolTotals::opened,
				PoolTotals::openNanos);
		counter(registry, tags, pool, "pool.timeouts",
				"Borrows refused: after connection-timeout, or at once by on-exhausted=fail-fast or max-waiters",
				PoolTotals::timeouts);
		counter(registry, tags, pool, "pool.connections.opened", "Physical connections opened", PoolTotals::opened);
		for (CloseReason reason : CloseReason.values()) {
			counter(registry, tags.and("reason", reason.tag()), pool, "pool.connections.closed",
					"Physical connections closed, by reason", (totals) -> totals.closed(reason));
		}
		for (ConnectionErrorKind kind : ConnectionErrorKind.values()) {
			counter(registry, tags.and("kind", kind.tag()), pool, "pool.errors",
					"Failed attempts to open a physical connection, by kind", (totals) -> totals.connectErrors(kind));
		}
		// Percentiles and histogram are defaults: management.metrics.distribution.*
		// overrides them as for any meter.
		Timer acquire = Timer.builder("pool.acquire")
			.description("Time borrowers waited for a connection")
			.tags(tags)
			.publishPercentiles(0.5, 0.95, 0.99)
			.publishPercentileHistogram()
			.register(registry);
		if (!(acquire instanceof NoopTimer)) {
			// Turned off (management.metrics.enable.pool=false): no work per borrow.
			pool.addListener(new AcquireRecorder(acquire));
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

	private static void counter(MeterRegistry registry, Tags tags, PoolDataSource pool, String name, String description,
			ToLongFunction<PoolTotals> count) {
		FunctionCounter.builder(name, pool, (p) -> count.applyAsLong(p.totals()))
			.description(description)
			.tags(tags)
			.register(registry);
	}

	private static void timer(MeterRegistry registry, Tags tags, PoolDataSource pool, String name, String description,
			ToLongFunction<PoolTotals> count, ToLongFunction<PoolTotals> totalNanos) {
		FunctionTimer
			.builder(name, pool, (p) -> count.applyAsLong(p.totals()), (p) -> totalNanos.applyAsLong(p.totals()),
					TimeUnit.NANOSECONDS)
			.description(description)
			.tags(tags)
			.register(registry);
	}

	/**
	 * Records each borrow's wait in {@code pool.acquire}: one record on the borrower's
	 * thread.
	 */
	private record AcquireRecorder(Timer acquire) implements PoolListener {

		@Override
		public void connectionAcquired(long waitNanos) {
			this.acquire.record(waitNanos, TimeUnit.NANOSECONDS);
		}

	}

}
