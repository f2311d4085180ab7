package io.poolkit.internal;

import java.sql.SQLException;

import io.poolkit.OnExhausted;
import io.poolkit.PoolConfig;

/**
 * A borrower's wait in the {@link WaiterQueue}, in two halves: while queued it either
 * claims an idle slot itself (as the oldest waiter, woken by a release) or is handed one
 * by a release ({@link #claimOrAwaitHandOff}); then it leaves the queue, in one place
 * whatever ended the wait ({@link #leave}): a slot handed over meanwhile is the
 * borrower's, and a wake-up it took is passed on to the next waiter.
 * <p>
 * A returned slot may be taken by a running thread ahead of the waiters only while the
 * oldest waiter has waited less than {@link Pool#HANDOFF_BOUND_NANOS}; past that bound
 * the release hands it straight to the oldest waiter (see {@link ReturnPath#recycle}).
 * Hot threads keep the throughput of reuse and no waiter starves.
 * <p>
 * As in Go's sync.Mutex, the waiter measures its own wait, so that a release mostly reads
 * a flag ({@link Waiter#isHandOffDue}), not the clock: the oldest waiter parks at most
 * until its bound and then flags itself. Whatever makes a waiter the oldest (the hand-off
 * to the waiter ahead, or that waiter leaving by itself) flags it if it passed its bound
 * while not yet the oldest, and otherwise unparks it to park until its bound
 * ({@link WaiterQueue#oldestLeft}). And a waiter woken to compete for a slot that a
 * running thread took first flags itself at once: the next release hands it a slot, so a
 * waiter is woken in vain at most once (each such wake is two context switches). The
 * bound is judged on {@link System#nanoTime()}. A waiter that wakes late on a busy
 * machine would flag itself late, and a running thread would meanwhile take slot after
 * slot that it would then have to wait for again: so a release also hands the slot to an
 * unflagged oldest waiter past its bound by the {@link CoarseClock} (never ahead of
 * {@code System.nanoTime()}, so never before the bound; see {@link ReturnPath#recycle}).
 */
final class SlotWait {

	private final Pool pool;

	private final WaiterQueue waiters;

	private final BorrowPath borrowing;

	private final OnExhausted onExhausted;

	private final int maxWaiters;

	private final long overflowAfterNanos;

	SlotWait(Pool pool, WaiterQueue waiters, BorrowPath borrowing) {
		PoolConfig config = pool.config;
		this.pool = pool;
		this.waiters = waiters;
		this.borrowing = borrowing;
		this.onExhausted = config.onExhausted();
		this.maxWaiters = config.maxWaiters();
		this.overflowAfterNanos = config.overflowAfter().toNanos();
	}

	/**
	 * Waits in the queue for a slot until {@code giveUpAt}: the borrower's deadline, when
	 * it times out, or earlier, when it returns {@code null}.
	 * @param freshOnly take only idle slots alive since {@code freshSince} (handed slots
	 * are always taken); such a bounded early wait is never refused at once
	 * @param failedChecks connections this borrow already saw fail validation, for the
	 * timeout's message
	 */
	ConnectionSlot waitForSlot(long start, long deadline, long giveUpAt, boolean freshOnly, long freshSince,
			int failedChecks) throws SQLException {
		// A borrower that comes while the pool is suspended is held, not refused.
		boolean arrivedSuspended = this.pool.isSuspended();
		if (!freshOnly && !arrivedSuspended) {
			refuseAtOnce(start, failedChecks);
		}
		Waiter waiter = this.waiters.enqueue(start, giveUpAt);
		ConnectionSlot claimed;
		try {
			claimed = claimOrAwaitHandOff(waiter, start, giveUpAt, freshOnly, freshSince);
		}
		catch (SQLException | RuntimeException | Error ex) {
			ConnectionSlot handed = leave(waiter);
			if (handed != null) {
				this.pool.recycle(handed); // the borrower that gives up gives it back
			}
			throw ex;
		}
		ConnectionSlot handed = leave(waiter);
		if (handed != null) {
			if (claimed != null) {
				this.pool.recycle(claimed); // keep one
			}
			return handed;
		}
		if (claimed != null || giveUpAt != deadline) {
			return claimed;
		}
		throw this.borrowing.timeout(start, null, failedChecks);
	}

	/**
	 * Refuses to wait when the configuration says so: {@code on-exhausted=fail-fast} with
	 * a full pool, or {@code max-waiters} borrowers already waiting.
	 */
	private void refuseAtOnce(long start, int failedChecks) throws SQLException {
		// Full means full of open connections: one being opened may still come to this
		// borrower.
		if (this.onExhausted == OnExhausted.FAIL_FAST
				&& this.pool.slots().length - this.pool.overflowCount() >= this.pool.maxSize()) {
			throw this.borrowing.timeout(start, "none is idle and the pool is full (on-exhausted=fail-fast)",
					failedChecks);
		}
		if (this.maxWaiters > 0 && this.waiters.size() >= this.maxWaiters) {
			throw this.borrowing.timeout(start, "max-waiters (" + this.maxWaiters + ") borrowers are already waiting",
					failedChecks);
		}
	}

	/**
	 * The wait itself, queued: claims an idle slot whenever this waiter is the oldest
	 * (once at once, since a release just before may have seen no waiter, then each time
	 * it is woken), parks otherwise, and asks for an overflow connection when
	 * {@code overflow-after} has passed.
	 * @return a slot claimed; {@code null} once a slot was handed over (see
	 * {@link #leave}) or {@code giveUpAt} has come
	 * @throws SQLException when the pool closes or the thread is interrupted
	 */
	private ConnectionSlot claimOrAwaitHandOff(Waiter waiter, long start, long giveUpAt, boolean freshOnly,
			long freshSince) throws SQLException {
		ConnectionSlot slot = claim(freshOnly, freshSince);
		if (slot != null) {
			return slot;
		}
		Pool pool = this.pool;
		pool.creator().fill();
		long overflowAt = (this.onExhausted == OnExhausted.OVERFLOW) ? start + this.overflowAfterNanos : Long.MAX_VALUE;
		long boundAt = waiter.sinceNanos + Pool.HANDOFF_BOUND_NANOS;
		for (;;) {
			if (waiter.handedSlot() != null) {
				return null;
			}
			if (pool.isClosed()) {
				throw Exceptions.closed(pool.name);
			}
			if (Thread.currentThread().isInterrupted()) {
				throw Exceptions.interrupted(pool.name);
			}
			long now = System.nanoTime();
			if (now - giveUpAt >= 0) {
				return null;
			}
			if (now - overflowAt >= 0 && !pool.isSuspended()) { // asked for on resume
				overflowAt = Long.MAX_VALUE;
				pool.creator().requestOverflow();
			}
			if (now - boundAt >= 0) {
				waiter.markHandOffDue();
			}
			boolean woken = waiter.clearWoken();
			long wakeAt = Math.min(giveUpAt, overflowAt);
			if (this.waiters.oldest() == waiter) {
				slot = claim(freshOnly, freshSince);
				if (slot != null) {
					return slot;
				}
				if (woken) {
					// A running thread took the slot it was woken for: the next one is
					// handed to it, so it is woken at most once in vain.
					waiter.markHandOffDue();
				}
				else if (!waiter.isHandOffDue()) {
					wakeAt = Math.min(wakeAt, boundAt); // the oldest wakes at its bound
				}
			}
			this.waiters.park(waiter, wakeAt, now);
		}
	}

	/** Takes an idle slot, unless the pool is suspended: then the waiter is held. */
	private ConnectionSlot claim(boolean freshOnly, long freshSince) {
		if (this.pool.isSuspended()) {
			return null;
		}
		return freshOnly ? this.borrowing.tryTakeFresh(freshSince) : this.borrowing.tryTakeIdle();
	}

	/**
	 * Ends a wait, however it ended, waking the next waiter if a slot is idle: a release
	 * may have woken this waiter for it rather than the next one, also when another
	 * release then handed this waiter a slot (a new connection, or once this waiter
	 * marked its hand-off due) before it looked.
	 * @return the slot a release handed over, which took the waiter off the queue; or
	 * {@code null} once the waiter took itself off the queue
	 */
	private ConnectionSlot leave(Waiter waiter) {
		ConnectionSlot handed = waiter.cancel();
		if (handed == null) {
			this.waiters.remove(waiter);
			// The next waiter may now be the oldest, parked without a wake at its bound.
			this.waiters.oldestLeft();
		}
		if (!this.waiters.isEmpty() && this.pool.idleCount() > 0) {
			this.waiters.signalOldest();
		}
		return handed;
	}

}
