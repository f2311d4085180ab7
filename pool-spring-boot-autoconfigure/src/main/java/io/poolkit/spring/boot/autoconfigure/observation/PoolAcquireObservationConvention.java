package io.poolkit.spring.boot.autoconfigure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The names and key values of {@code poolkit.acquire} observations. Define a bean of this
 * type to change them; {@link DefaultPoolAcquireObservationConvention} is the default.
 */
public interface PoolAcquireObservationConvention extends ObservationConvention<PoolAcquireContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof PoolAcquireContext;
	}

}
