package io.poolkit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

import io.poolkit.BorrowedConnection;
import io.poolkit.PoolStats;
import io.poolkit.PoolTotals;
import io.poolkit.SizingAdvice;

/**
 * What the {@link Pool} reports about itself, read from its slots without stopping them:
 * counts by state, the totals since it started (the slots' own plain counters, plus those
 * of the slots retired), and the borrowed connections with their holders.
 */
final class PoolReadings {

	private final Pool pool;

	/**
	 * Borrows, returns and hold time of connections no longer held, so the totals survive
	 * retirement.
	 */
	private final LongAdder retiredBorrows = new LongAdder();

	private final LongAdder retiredHoldNanos = new LongAdder();

	private final LongAdder retiredReturns = new LongAdder();

	private final LongAdder leaks = new LongAdder();

	PoolReadings(Pool pool) {
		this.pool = pool;
	}

	/** Keeps the counters of a slot leaving the slot array. */
	void slotRetired(ConnectionSlot slot) {
		this.retiredBorrows.add(slot.borrows);
		this.retiredHoldNanos.add(slot.holdNanos);
		this.retiredReturns.add(slot.returns);
	}

	void leakDetected() {
		this.leaks.increment();
	}

	long borrowsTotal() {
		return this.retiredBorrows.sum() + sum((slot) -> slot.borrows);
	}

	long holdNanosTotal() {
		return this.retiredHoldNanos.sum() + sum((slot) -> slot.holdNanos);
	}

	/** @see Pool#totals() */
	PoolTotals totals() {
		long returns = this.retiredReturns.sum() + sum((slot) -> slot.returns);
		return this.pool.activity().totals(borrowsTotal(), returns, holdNanosTotal(), this.leaks.sum());
	}

	/** A counter summed over the slots in the array now. */
	private long sum(ToLongFunction<ConnectionSlot> counter) {
		return Arrays.stream(this.pool.slots()).mapToLong(counter).sum();
	}

	/** @see Pool#borrowedConnections() */
	List<BorrowedConnection> borrowedConnections() {
		long now = System.nanoTime();
		List<BorrowedConnection> borrowed = new ArrayList<>();
		for (ConnectionSlot slot : this.pool.slots()) {
			long since = slot.borrowedAtNanos();
			Thread holder = slot.holder;
			if (slot.state() == ConnectionSlot.IN_USE && since != 0 && holder != null) {
				Throwable site = slot.borrowSite;
				// The borrow's start is from the coarse clock, never ahead of now.
				borrowed.add(new BorrowedConnection(holder.getName(), Duration.ofNanos(Math.max(0, now - since)),
						(site != null) ? Exceptions.callerFrames(site) : new StackTraceElement[0]));
			}
		}
		borrowed.sort((a, b) -> b.heldFor().compareTo(a.heldFor()));
		return borrowed;
	}

	/** @see Pool#stats() */
	PoolStats stats() {
		Pool pool = this.pool;
		ConnectionSlot[] all = pool.slots();
		int idle = 0;
		int active = 0;
		// One read of each slot's state, so that a slot is counted once: idle and active
		// add up to the total.
		for (ConnectionSlot slot : all) {
			int state = slot.state();
			if (state == ConnectionSlot.IDLE) {
				idle++;
			}
			else if (state == ConnectionSlot.IN_USE) {
				active++;
			}
		}
		int pending = pool.waiterCount();
		int target = pool.maxSize();
		AdaptiveSizer sizer = pool.sizer();
		int max = (sizer != null) ? sizer.ceiling() : target;
		ConnectionCreator creator = pool.creator();
		return new PoolStats(all.length, active, idle, pending, max, pool.minIdle(), this.leaks.sum(),
				creator.lastError(), creator.isFailing(), pool.isSuspended(), target);
	}

	/** @see Pool#sizingAdvice(Integer) */
	SizingAdvice sizingAdvice(Integer budgetLimit) {
		ActivityWindow.Snapshot window = this.pool.activityWindow().snapshot();
		return SizingAdvisor.advise(this.pool.maxSize(), window.coveredNanos() / 1e9, window.borrows(),
				window.meanHoldNanos() / 1e6, window.waitQuantile(0.95) / 1e6, window.timeouts(), budgetLimit);
	}

	/** Slots in {@code state} now. */
	int count(int state) {
		return (int) Arrays.stream(this.pool.slots()).filter((slot) -> slot.state() == state).count();
	}

}
