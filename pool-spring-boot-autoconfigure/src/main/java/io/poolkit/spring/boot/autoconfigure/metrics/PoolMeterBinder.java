package io.poolkit.spring.boot.autoconfigure.metrics;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSources;

/**
 * Binds the meters of every pool of the context ({@link PoolDataSources}: the
 * auto-configured one, the application's own, wrapped or not), each tagged
 * {@code pool=<name>} ({@link PoolMeters}). Boot binds it once the context's singletons
 * exist; a pool and a registry are bound together once however often it is asked.
 */
final class PoolMeterBinder implements MeterBinder {

	private final Supplier<PoolDataSources> pools;

	private final Set<MeterRegistry> bound = Collections
		.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

	PoolMeterBinder(Supplier<PoolDataSources> pools) {
		this.pools = pools;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (!this.bound.add(registry)) {
			return;
		}
		for (PoolDataSource pool : this.pools.get().byName().values()) {
			PoolMeters.register(pool, registry);
		}
	}

}
