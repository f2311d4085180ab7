package io.poolkit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What the pool saw over a recent window: borrows and their wait times, hold times,
 * timeouts. Kept in a ring of time slices advanced by the pool's scheduler. Borrows and
 * hold times are plain per-slot counters the pool keeps anyway (a slot has one owner at a
 * time, so they need no atomics); each slice records how far the totals moved. Only waits
 * that were not served at once reach the histogram here: log-linear buckets, four per
 * power of two, so a quantile is within about 20%.
 */
final class ActivityWindow {

	static final int SLICES = 12;

	private static final int SUB_BUCKET_BITS = 2;

	/** Up to 2^48 ns (about three days) of wait; longer waits share the last bucket. */
	private static final int BUCKETS = 48 << SUB_BUCKET_BITS;

	private static final VarHandle BUCKET = MethodHandles.arrayElementVarHandle(LongAdder[].class);

	private final Slice[] slices = new Slice[SLICES];

	private final long sliceNanos;

	private final LongSupplier borrowsTotal;

	private final LongSupplier holdNanosTotal;

	private volatile int current;

	/** Timeouts since the pool started, for adaptive sizing's periods. */
	private final LongAdder timeoutsTotal = new LongAdder();

	/** The totals when the current slice began. */
	private volatile long borrowsMark;

	private volatile long holdNanosMark;

	/**
	 * Slices completed since the window started, to tell how much of the window is
	 * filled.
	 */
	private volatile long rotations;

	/**
	 * @param sliceNanos how long a slice lasts
	 * @param borrowsTotal borrows since the pool started
	 * @param holdNanosTotal time connections were held since the pool started
	 */
	ActivityWindow(long sliceNanos, LongSupplier borrowsTotal, LongSupplier holdNanosTotal) {
		this.sliceNanos = sliceNanos;
		this.borrowsTotal = borrowsTotal;
		this.holdNanosTotal = holdNanosTotal;
		Arrays.setAll(this.slices, (i) -> new Slice());
	}

	long sliceNanos() {
		return this.sliceNanos;
	}

	/** A borrow that had to wait; borrows served at once count as waiting zero. */
	void recordWait(long waitNanos) {
		Slice slice = this.slices[this.current];
		slice.counter(bucket(waitNanos)).increment();
		if (waitNanos > slice.maxWait) {
			slice.maxWait = waitNanos; // racy max: a lost update under contention costs a
										// little precision only
		}
	}

	void recordTimeout() {
		this.slices[this.current].timeouts.increment();
		this.timeoutsTotal.increment();
	}

	/** Borrows that timed out since the pool started. */
	long timeoutsTotal() {
		return this.timeoutsTotal.sum();
	}

	/**
	 * Starts a new slice, dropping the oldest. Called by one thread (the scheduler, or a
	 * test).
	 */
	void rotate() {
		long borrows = this.borrowsTotal.getAsLong();
		long hold = this.holdNanosTotal.getAsLong();
		Slice ending = this.slices[this.current];
		ending.borrows = Math.max(0, borrows - this.borrowsMark);
		ending.holdNanos = Math.max(0, hold - this.holdNanosMark);
		this.borrowsMark = borrows;
		this.holdNanosMark = hold;
		int next = (this.current + 1) % SLICES;
		this.slices[next].reset();
		this.current = next;
		this.rotations++;
	}

	/** Sums the window. */
	Snapshot snapshot() {
		long[] waits = new long[BUCKETS];
		long borrows = Math.max(0, this.borrowsTotal.getAsLong() - this.borrowsMark);
		long holdNanos = Math.max(0, this.holdNanosTotal.getAsLong() - this.holdNanosMark);
		long timeouts = 0;
		long maxWait = 0;
		long waited = 0;
		int now = this.current;
		for (int s = 0; s < SLICES; s++) {
			Slice slice = this.slices[s];
			if (s != now) {
				borrows += slice.borrows;
				holdNanos += slice.holdNanos;
			}
			for (int i = 0; i < BUCKETS; i++) {
				LongAdder counter = slice.waits[i];
				long count = (counter != null) ? counter.sum() : 0;
				waits[i] += count;
				waited += count;
			}
			timeouts += slice.timeouts.sum();
			maxWait = Math.max(maxWait, slice.maxWait);
		}
		waits[0] += Math.max(0, borrows - waited);
		borrows = Math.max(borrows, waited);
		// The current slice is partly filled; count it as half on average.
		long covered = Math.min(this.rotations, SLICES - 1) * this.sliceNanos + this.sliceNanos / 2;
		return new Snapshot(covered, borrows, holdNanos, timeouts, waits, maxWait);
	}

	static int bucket(long nanos) {
		if (nanos < (1L << SUB_BUCKET_BITS)) {
			return (int) Math.max(0, nanos);
		}
		int log2 = Math.min(47, 63 - Long.numberOfLeadingZeros(nanos));
		int sub = (int) (nanos >>> (log2 - SUB_BUCKET_BITS)) & ((1 << SUB_BUCKET_BITS) - 1);
		return (log2 << SUB_BUCKET_BITS) | sub;
	}

	/**
	 * The largest value a bucket holds, so a quantile errs on the side of a longer wait.
	 */
	static long bucketUpperBound(int bucket) {
		if (bucket < (1 << SUB_BUCKET_BITS)) {
			return bucket;
		}
		int log2 = bucket >>> SUB_BUCKET_BITS;
		int sub = bucket & ((1 << SUB_BUCKET_BITS) - 1);
		long base = 1L << log2;
		long step = base >>> SUB_BUCKET_BITS;
		return base + (sub + 1) * step - 1;
	}

	private static final class Slice {

		/** Created on first use: a pool's waits fall in a handful of buckets. */
		final LongAdder[] waits = new LongAdder[BUCKETS];

		/** Borrows and hold time of a completed slice, set when it ends. */
		volatile long borrows;

		volatile long holdNanos;

		final LongAdder timeouts = new LongAdder();

		volatile long maxWait;

		LongAdder counter(int bucket) {
			LongAdder counter = this.waits[bucket];
			if (counter == null) {
				LongAdder created = new LongAdder();
				LongAdder witness = (LongAdder) BUCKET.compareAndExchange(this.waits, bucket, null, created);
				counter = (witness != null) ? witness : created;
			}
			return counter;
		}

		void reset() {
			for (LongAdder wait : this.waits) {
				if (wait != null) {
					wait.reset();
				}
			}
			this.borrows = 0;
			this.holdNanos = 0;
			this.timeouts.reset();
			this.maxWait = 0;
		}

	}

	/** The window summed up. */
	record Snapshot(long coveredNanos, long borrows, long holdNanos, long timeouts, long[] waits, long maxWaitNanos) {

		/** The wait no more than {@code quantile} of borrows exceeded, in nanoseconds. */
		long waitQuantile(double quantile) {
			if (this.borrows == 0) {
				return 0;
			}
			long rank = (long) Math.ceil(quantile * this.borrows);
			long seen = 0;
			for (int i = 0; i < this.waits.length; i++) {
				seen += this.waits[i];
				if (seen >= rank) {
					return Math.min(bucketUpperBound(i), this.maxWaitNanos);
				}
			}
			return this.maxWaitNanos;
		}

		double meanHoldNanos() {
			// Per borrow rather than per return: one counter less on the hot path, and
			// the two differ only by the
			// connections still out at the window's edge.
			return (this.borrows > 0) ? (double) this.holdNanos / this.borrows : 0;
		}

	}

}
