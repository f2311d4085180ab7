package io.poolkit.internal;

import io.poolkit.CloseReason;

/**
 * The size the {@link Pool} keeps: the most connections held (overflow aside: max-size,
 * or the adaptive target), the idle ones kept open, and why connections above the size
 * close when it shrinks. Moved at run time by a resize or by adaptive sizing.
 */
final class PoolSize {

	private final Pool pool;

	private volatile int maxSize;

	private volatile int minIdle;

	/**
	 * Why connections above the size close when the pool shrinks: evicted by a resize,
	 * idle surplus when adaptive sizing shrinks it.
	 */
	private volatile CloseReason trimReason = CloseReason.EVICTED;

	PoolSize(Pool pool, int maxSize, int minIdle) {
		this.pool = pool;
		this.maxSize = maxSize;
		this.minIdle = minIdle;
	}

	int maxSize() {
		return this.maxSize;
	}

	int minIdle() {
		return this.minIdle;
	}

	CloseReason trimReason() {
		return this.trimReason;
	}

	/**
	 * Sets the size: idle connections above it close now, borrowed ones as they come back
	 * (for {@code trimReason}); the pool fills up to it.
	 */
	void set(int maxSize, int minIdle, CloseReason trimReason) {
		this.trimReason = trimReason;
		this.maxSize = maxSize;
		this.minIdle = minIdle;
		this.pool.housekeeper().trimToSize();
		this.pool.creator().fill();
	}

	/**
	 * How many more connections to open now, given {@code inFlight} already being opened:
	 * enough for the waiters and to keep {@code min-idle} idle, never past
	 * {@code max-size}.
	 */
	int connectionsWanted(int inFlight) {
		Pool pool = this.pool;
		if (pool.isClosed() || pool.isDrained()) {
			return 0;
		}
		int room = this.maxSize - (pool.slots().length - pool.overflowCount()) - inFlight - pool.closingCount();
		if (room <= 0) {
			return 0;
		}
		int wanted = Math.max(this.minIdle - pool.idleCount() - inFlight, pool.waiterCount() - inFlight);
		return Math.min(room, wanted);
	}

}
