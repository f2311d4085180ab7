package io.poolkit.spring.boot.autoconfigure.metrics;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.poolkit.CloseReason;
import io.poolkit.ConnectionErrorKind;
import io.poolkit.PoolListener;

/**
 * Records one pool's events as Micrometer timers and counters. Every meter is registered
 * up front (counters of each close reason and error kind included, so they read 0 rather
 * than missing), and an event is one array index and one record: it runs on the
 * borrower's thread.
 */
final class PoolMeters implements PoolListener {

	private final Timer acquire;

	private final Timer usage;

	private final Timer creation;

	private final Counter timeouts;

	private final Counter opened;

	private final Counter[] closed;

	private final Counter[] errors;

	PoolMeters(MeterRegistry registry, Tags tags) {
		// Percentiles and histogram are defaults: management.metrics.distribution.*
		// overrides them as for any meter.
		this.acquire = Timer.builder("pool.acquire")
			.description("Time borrowers waited for a connection")
			.tags(tags)
			.publishPercentiles(0.5, 0.95, 0.99)
			.publishPercentileHistogram()
			.register(registry);
		this.usage = Timer.builder("pool.usage")
			.description("Time connections were held by borrowers")
			.tags(tags)
			.register(registry);
		this.creation = Timer.builder("pool.creation")
			.description("Time taken to open a physical connection")
			.tags(tags)
			.register(registry);
		this.timeouts = Counter.builder("pool.timeouts")
			.description("Borrows that gave up after connection-timeout")
			.tags(tags)
			.register(registry);
		this.opened = Counter.builder("pool.connections.opened")
			.description("Physical connections opened")
			.tags(tags)
			.register(registry);
		CloseReason[] reasons = CloseReason.values();
		this.closed = new Counter[reasons.length];
		for (CloseReason reason : reasons) {
			this.closed[reason.ordinal()] = Counter.builder("pool.connections.closed")
				.description("Physical connections closed, by reason")
				.tags(tags)
				.tag("reason", reason.tag())
				.register(registry);
		}
		ConnectionErrorKind[] kinds = ConnectionErrorKind.values();
		this.errors = new Counter[kinds.length];
		for (ConnectionErrorKind kind : kinds) {
			this.errors[kind.ordinal()] = Counter.builder("pool.errors")
				.description("Failed attempts to open a physical connection, by kind")
				.tags(tags)
				.tag("kind", kind.tag())
				.register(registry);
		}
	}

	@Override
	public void connectionAcquired(long waitNanos) {
		this.acquire.record(waitNanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void connectionReturned(long heldNanos) {
		this.usage.record(heldNanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void connectionCreated(long creationNanos) {
		this.creation.record(creationNanos, TimeUnit.NANOSECONDS);
		this.opened.increment();
	}

	@Override
	public void connectionCreationFailed(ConnectionErrorKind kind, SQLException error) {
		this.errors[kind.ordinal()].increment();
	}

	@Override
	public void acquireTimedOut(long waitNanos) {
		this.timeouts.increment();
	}

	@Override
	public void connectionClosed(CloseReason reason) {
		this.closed[reason.ordinal()].increment();
	}

}
