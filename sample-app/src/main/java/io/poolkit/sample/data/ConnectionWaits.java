package io.poolkit.sample.data;

import java.util.concurrent.atomic.AtomicReference;

import io.poolkit.PoolListener;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Collects how long requests waited for a connection while a measurement is running: the
 * pool's wait to borrow, or the time to open a connection on the connection-per-request
 * path. Outside a measurement, a wait costs one volatile read.
 */
public final class ConnectionWaits {

	private final AtomicReference<Histogram> current = new AtomicReference<>();

	/**
	 * Starts collecting into a fresh histogram.
	 * @return the histogram of nanoseconds, or {@code null} when another measurement is
	 * already collecting
	 */
	public Histogram start() {
		Histogram waits = newHistogram();
		return this.current.compareAndSet(null, waits) ? waits : null;
	}

	/** Stops collecting into the given histogram. */
	public void stop(Histogram waits) {
		this.current.compareAndSet(waits, null);
	}

	/**
	 * A histogram of nanoseconds that threads may record into at once, to three
	 * significant digits, growing to whatever range it is given.
	 * @return the histogram
	 */
	public static Histogram newHistogram() {
		return new ConcurrentHistogram(3);
	}

	void record(long nanos) {
		Histogram waits = this.current.get();
		if (waits != null) {
			waits.recordValue(Math.max(0, nanos));
		}
	}

	/** A pool listener that reports each borrow's wait here. */
	PoolListener poolListener() {
		return new PoolListener() {

			@Override
			public void connectionAcquired(long waitNanos) {
				record(waitNanos);
			}

		};
	}

}
