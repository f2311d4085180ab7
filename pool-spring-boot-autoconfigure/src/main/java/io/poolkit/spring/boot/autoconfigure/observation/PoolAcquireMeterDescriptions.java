package io.poolkit.spring.boot.autoconfigure.observation;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import org.jspecify.annotations.Nullable;

/**
 * Gives the meters Micrometer's {@code DefaultMeterObservationHandler} makes of the
 * {@code poolkit.acquire} observation a description, which the handler itself never sets
 * (it registers a timer of the observation's name and a long task timer of that name plus
 * {@code .active}, by name and tags only): without one, Prometheus' text format has no
 * {@code HELP} for them, and {@code promtool check metrics} flags it. A
 * {@link MeterFilter} is the registry's own way to change a meter's id as it is
 * registered; a meter that already has a description keeps it. Uses the name of the
 * application's {@link PoolAcquireObservationConvention} when it has one. Thread safe.
 */
final class PoolAcquireMeterDescriptions implements MeterFilter {

	static final String TIMER = "Time borrowers waited for a connection from the pool, from the call to "
			+ "getConnection() to the connection or the exception (the poolkit.acquire observation)";

	static final String ACTIVE = "Borrowers waiting for a connection from the pool now, and how long they have "
			+ "waited (the poolkit.acquire observations in progress)";

	private final Supplier<String> observationName;

	private volatile @Nullable String name;

	PoolAcquireMeterDescriptions(Supplier<String> observationName) {
		this.observationName = observationName;
	}

	@Override
	public Meter.Id map(Meter.Id id) {
		if (id.getDescription() != null || !id.getName().startsWith(name())) {
			return id;
		}
		String description = description(id);
		return (description != null) ? new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
				description, id.getType()) : id;
	}

	private @Nullable String description(Meter.Id id) {
		String name = name();
		if (id.getType() == Meter.Type.TIMER && id.getName().equals(name)) {
			return TIMER;
		}
		if (id.getType() == Meter.Type.LONG_TASK_TIMER && id.getName().equals(name + ".active")) {
			return ACTIVE;
		}
		return null;
	}

	// Resolved when the first meter is registered, not when the filter is made: the
	// convention may be a bean created later.
	private String name() {
		String current = this.name;
		if (current == null) {
			current = this.observationName.get();
			this.name = current;
		}
		return current;
	}

}
