package io.poolkit.internal;

import io.poolkit.CloseReason;

/**
 * The returning side of the {@link Pool}: a slot given back is retired, handed to the
 * oldest waiter past the hand-off bound, or made idle for whoever comes first, waking the
 * oldest waiter to compete for it.
 */
final class ReturnPath {

	private final Pool pool;

	private final CoarseClock clock;

	private final WaiterQueue waiters;

	ReturnPath(Pool pool, WaiterQueue waiters) {
		this.pool = pool;
		this.clock = pool.clock;
		this.waiters = waiters;
	}

	/**
	 * Takes back a borrowed slot; called once per borrow by the proxy. Its bookkeeping
	 * (hold time, last used and alive, lifetime) reads the {@link CoarseClock}; only
	 * waiters make it read the precise clock (see {@link #recycle}).
	 */
	void release(ConnectionSlot slot) {
		long now = this.clock.nanos();
		long borrowedAt = slot.borrowedAtNanos();
		if (slot.leakReported) {
			this.pool.housekeeper().leakReturned(now - borrowedAt);
		}
		slot.endLease();
		// Both ends from the coarse clock: a whole number of ticks, exact on average.
		// Never negative, even across the clock's rare switch to and from the precise
		// clock.
		long held = (borrowedAt != 0) ? Math.max(0, now - borrowedAt) : 0;
		slot.holdNanos += held;
		slot.returns++;
		this.pool.listener.connectionReturned(held);
		CloseReason reason = retireReason(slot, now);
		if (reason != null) {
			this.pool.retire(slot, reason);
			this.pool.creator().fill();
			return;
		}
		slot.lastUsedNanos = now;
		slot.lastAliveNanos = now;
		SlotHint hint = slot.hint;
		if (hint != null && hint.slot != slot) {
			hint.slot = slot;
		}
		recycle(slot, false);
	}

	private CloseReason retireReason(ConnectionSlot slot, long now) {
		if (this.pool.isClosed()) {
			return CloseReason.SHUTDOWN;
		}
		if (slot.isBroken()) {
			return CloseReason.BROKEN;
		}
		if (slot.overflow) {
			return CloseReason.OVERFLOW;
		}
		if (slot.evicted) {
			return CloseReason.EVICTED;
		}
		if (now - slot.retireAtNanos >= 0) {
			return CloseReason.LIFETIME;
		}
		if (slot.trimOnReturn) {
			slot.trimOnReturn = false;
			if (this.pool.slots().length - this.pool.overflowCount() > this.pool.maxSize()) {
				return this.pool.trimReason();
			}
		}
		return null;
	}

	/**
	 * Makes a slot the caller owns available again: straight to the oldest waiter when it
	 * has waited past the bound, otherwise idle, waking the oldest waiter to compete for
	 * it. Publishing idle and then looking for waiters (a full fence apart) pairs with a
	 * waiter's enqueue-then-rescan, so no release is missed. Whether the oldest waiter is
	 * owed the slot is a flag the waiters set (see {@link SlotWait}), or, for a waiter
	 * that has not run since it passed the bound, the {@link CoarseClock} (see
	 * {@link #isOwed}); a release reads {@code System.nanoTime()} only after a hand-off,
	 * for the next waiter. While the pool is suspended the slot stays idle: the waiters
	 * are held, and {@link Pool#resume()} wakes the oldest (suspended is written before
	 * that wake, and read here after the slot is published idle).
	 * @param toOldest hand the slot to the oldest waiter whatever it waited (a new
	 * connection always goes to the oldest waiter)
	 */
	void recycle(ConnectionSlot slot, boolean toOldest) {
		for (;;) {
			Waiter oldest = this.waiters.oldest();
			if (oldest != null && (toOldest || isOwed(oldest)) && !this.pool.isSuspended()
					&& this.waiters.handOff(slot, oldest)) {
				this.waiters.oldestLeft();
				return;
			}
			slot.makeIdleVolatile();
			oldest = this.waiters.oldest();
			if (oldest == null || this.pool.isSuspended()) {
				return;
			}
			if (!toOldest && !isOwed(oldest)) {
				oldest.wake();
				return;
			}
			if (!slot.tryBorrow()) {
				return; // a running thread took it; its release will serve the waiter
			}
		}
	}

	/**
	 * Whether the oldest waiter is owed the next slot: it flagged itself past the bound,
	 * or it is past the bound by the coarse clock but has not run since to flag itself
	 * (it was woken to compete, or its timed park ended, and it waits for a core on a
	 * busy machine; a running thread would otherwise take slot after slot meanwhile). A
	 * coarse reading is never ahead of {@code System.nanoTime()}, so no waiter is handed
	 * a slot before the bound.
	 */
	private boolean isOwed(Waiter oldest) {
		return oldest.isHandOffDue() || this.clock.nanos() - oldest.sinceNanos >= Pool.HANDOFF_BOUND_NANOS;
	}

}
