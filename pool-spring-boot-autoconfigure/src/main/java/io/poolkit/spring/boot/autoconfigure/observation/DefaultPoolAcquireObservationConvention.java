package io.poolkit.spring.boot.autoconfigure.observation;

import io.micrometer.common.KeyValues;

/**
 * The default names and key values of a borrow's observation: name {@value #NAME} (not
 * {@code pool.acquire}, the timer the starter's metrics already register: with Boot's
 * default handlers an observation also becomes a timer of its own name, and two meters of
 * one name with different tags clash in Prometheus), contextual name (a span's name)
 * {@code pool acquire}, and two low-cardinality key values: {@code pool}, the pool's
 * name, and {@code outcome}, {@code success}, {@code timeout} or {@code error}. No
 * high-cardinality ones.
 */
public class DefaultPoolAcquireObservationConvention implements PoolAcquireObservationConvention {

	/** The observation's name. */
	public static final String NAME = "poolkit.acquire";

	/** The shared instance. */
	public static final DefaultPoolAcquireObservationConvention INSTANCE = new DefaultPoolAcquireObservationConvention();

	private static final String UNKNOWN = "unknown";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(PoolAcquireContext context) {
		return "pool acquire";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(PoolAcquireContext context) {
		PoolAcquireOutcome outcome = context.getOutcome();
		return KeyValues.of("outcome", (outcome != null) ? outcome.value() : UNKNOWN, "pool", context.getPool());
	}

}
