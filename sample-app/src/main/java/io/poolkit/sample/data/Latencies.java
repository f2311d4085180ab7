package io.poolkit.sample.data;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A thread-safe histogram of durations in nanoseconds with log-linear buckets: values
 * below 128 ns are exact, larger ones fall in buckets 1/64 of their magnitude wide, so a
 * quantile is reported within about 1.6% above the true value. Fixed size (about 30 KB)
 * whatever the number of values, so a 60-second run at full speed costs no more memory
 * than a short one.
 */
public final class Latencies {

	private static final int SUB_BUCKETS = 64;

	// A long's magnitudes 7..62 times 64 sub-buckets, after the 128 exact ones.
	private static final int BUCKETS = (63 - 6) * SUB_BUCKETS + 2 * SUB_BUCKETS;

	private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

	private final AtomicLong count = new AtomicLong();

	private final AtomicLong max = new AtomicLong();

	/** Records one duration; negative ones count as zero. */
	public void record(long nanos) {
		long value = Math.max(0, nanos);
		this.counts.incrementAndGet(bucket(value));
		this.count.incrementAndGet();
		this.max.accumulateAndGet(value, Math::max);
	}

	/** Values recorded. */
	public long count() {
		return this.count.get();
	}

	/**
	 * The value at a quantile: the upper bound of the bucket holding it, capped at the
	 * largest value recorded.
	 * @param quantile from 0 to 1, e.g. 0.99
	 * @return the value, or {@code null} when nothing was recorded
	 */
	public Duration quantile(double quantile) {
		long total = this.count.get();
		if (total == 0) {
			return null;
		}
		long rank = Math.max(1, (long) Math.ceil(quantile * total));
		long seen = 0;
		for (int i = 0; i < BUCKETS; i++) {
			seen += this.counts.get(i);
			if (seen >= rank) {
				return Duration.ofNanos(Math.min(highest(i), this.max.get()));
			}
		}
		// Counts are read while others may still record; the last bucket reached holds
		// the maximum.
		return Duration.ofNanos(this.max.get());
	}

	/** The largest value recorded, or {@code null} when nothing was. */
	public Duration max() {
		return (this.count.get() > 0) ? Duration.ofNanos(this.max.get()) : null;
	}

	static int bucket(long value) {
		if (value < 2 * SUB_BUCKETS) {
			return (int) value;
		}
		int magnitude = 63 - Long.numberOfLeadingZeros(value);
		int shift = magnitude - 6;
		// The value's top seven bits, 64..127, select the sub-bucket within its
		// magnitude.
		int sub = (int) (value >>> shift);
		return shift * SUB_BUCKETS + sub;
	}

	static long highest(int bucket) {
		if (bucket < 2 * SUB_BUCKETS) {
			return bucket;
		}
		int shift = bucket / SUB_BUCKETS - 1;
		long sub = bucket % SUB_BUCKETS + SUB_BUCKETS;
		long next = (sub + 1) << shift;
		// The top bucket's upper bound is past Long.MAX_VALUE.
		return (next > 0) ? next - 1 : Long.MAX_VALUE;
	}

}
