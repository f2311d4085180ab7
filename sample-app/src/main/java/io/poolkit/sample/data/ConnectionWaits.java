package io.poolkit.sample.data;

import java.util.concurrent.atomic.AtomicReference;

import io.poolkit.PoolListener;

/**
 * Collects how long requests waited for a connection while a measurement is running: the
 * pool's wait to borrow, or the time to open a connection on the connection-per-request
 * path. Outside a measurement, a wait costs one volatile read.
 */
public final class ConnectionWaits {

	private final AtomicReference<Latencies> current = new AtomicReference<>();

	/**
	 * Starts collecting into a fresh histogram.
	 * @return the histogram, or {@code null} when another measurement is already
	 * collecting
	 */
	public Latencies start() {
		Latencies latencies = new Latencies();
		return this.current.compareAndSet(null, latencies) ? latencies : null;
	}

	/** Stops collecting into the given histogram. */
	public void stop(Latencies latencies) {
		this.current.compareAndSet(latencies, null);
	}

	void record(long nanos) {
		Latencies latencies = this.current.get();
		if (latencies != null) {
			latencies.record(nanos);
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
