package io.poolkit.internal;

import java.util.concurrent.TimeUnit;

/** The pool-per-request detector, for tests outside this package. */
public final class PoolRegistryAccess {

	private PoolRegistryAccess() {
	}

	/**
	 * Records one pool with a registry of its own that warns at the first, as it warns of
	 * too many.
	 * @param url the pool's URL
	 * @param username its user
	 * @return whether it warned (always, unless it failed)
	 */
	public static boolean warnsOfOnePool(String url, String username) {
		PoolRegistry registry = new PoolRegistry(System::nanoTime, 0, 100, TimeUnit.MINUTES.toNanos(1));
		return registry.created(PoolRegistry.key(url, username), "pool");
	}

}
