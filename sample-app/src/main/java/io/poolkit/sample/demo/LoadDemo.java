package io.poolkit.sample.demo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import io.poolkit.PoolDataSource;
import io.poolkit.sample.data.ConnectionWaits;
import io.poolkit.sample.users.UserNotFoundException;
import io.poolkit.sample.users.UserService;
import org.HdrHistogram.Histogram;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * Drives the users service from many workers at once for a while, each calling it in a
 * loop with a random user id, and measures what it got. With a few hundred workers and a
 * pool of a few connections the pool saturates: that is the point, it shows what waiting
 * for the pool costs next to opening a connection per request.
 */
@Component
public class LoadDemo {

	/**
	 * Most workers a run may use: enough to saturate any sensible pool, few enough not to
	 * swamp the machine.
	 */
	public static final int MAX_CONCURRENCY = 400;

	/** Longest a run may last. */
	public static final int MAX_SECONDS = 60;

	private static final int USER_IDS = 1000;

	// Workers stop at the deadline, but a call in flight then may still wait up to
	// connection-timeout (or the
	// driver's connect timeout): give them that long before giving up on them.
	private static final Duration STRAGGLERS = Duration.ofSeconds(30);

	private final UserService users;

	private final ConnectionWaits waits;

	private final PoolDataSource pool;

	LoadDemo(UserService users, ConnectionWaits waits, PoolDataSource pool) {
		this.users = users;
		this.waits = waits;
		this.pool = pool;
	}

	/**
	 * Runs the demo and reports what it measured.
	 * @param concurrency workers, 1 to {@value #MAX_CONCURRENCY}
	 * @param seconds how long, 1 to {@value #MAX_SECONDS}
	 * @param pooled {@code true} to use the pool, {@code false} to open a connection per
	 * call
	 * @return the measurements
	 * @throws LoadDemoRejectedException when a bound is exceeded or a run is already
	 * going on
	 */
	public LoadReport run(int concurrency, int seconds, boolean pooled) {
		if (concurrency < 1 || concurrency > MAX_CONCURRENCY || seconds < 1 || seconds > MAX_SECONDS) {
			throw LoadDemoRejectedException.outOfBounds(concurrency, seconds);
		}
		// One run at a time: two would share the machine, the pool and the wait
		// histogram, and both be wrong.
		Histogram connectionWaits = this.waits.start();
		if (connectionWaits == null) {
			throw LoadDemoRejectedException.busy();
		}
		try {
			List<Long> ids = this.users.ids(USER_IDS);
			if (ids.isEmpty()) {
				throw new IllegalStateException("sample.users is empty; the load demo reads random users");
			}
			return measure(concurrency, seconds, pooled, ids, connectionWaits);
		}
		finally {
			this.waits.stop(connectionWaits);
		}
	}

	private LoadReport measure(int concurrency, int seconds, boolean pooled, List<Long> ids,
			Histogram connectionWaits) {
		Histogram latencies = ConnectionWaits.newHistogram();
		LongAdder errors = new LongAdder();
		AtomicReference<String> firstError = new AtomicReference<>();
		ExecutorService workers = Workers.start(concurrency);
		long start = System.nanoTime();
		long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
		for (int i = 0; i < concurrency; i++) {
			workers.execute(() -> {
				ThreadLocalRandom random = ThreadLocalRandom.current();
				while (System.nanoTime() - deadline < 0) {
					long id = ids.get(random.nextInt(ids.size()));
					long callStart = System.nanoTime();
					try {
						this.users.find(id, pooled);
						latencies.recordValue(System.nanoTime() - callStart);
					}
					catch (RuntimeException ex) {
						errors.increment();
						firstError.compareAndSet(null, describe(ex));
					}
				}
			});
		}
		workers.shutdown();
		try {
			if (!workers.awaitTermination(seconds + STRAGGLERS.toSeconds(), TimeUnit.SECONDS)) {
				workers.shutdownNow();
				firstError.compareAndSet(null, "Workers were still running " + STRAGGLERS.toSeconds()
						+ "s after the deadline and were interrupted");
			}
		}
		catch (InterruptedException ex) {
			workers.shutdownNow();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the load demo ran", ex);
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		return new LoadReport(pooled ? "pooled" : "connection-per-request", Workers.virtual() ? "virtual" : "platform",
				concurrency, seconds, round(elapsed), latencies.getTotalCount(), errors.sum(),
				round(latencies.getTotalCount() / elapsed), millis(latencies, 50), millis(latencies, 99),
				millis(latencies, 100), pooled ? millis(connectionWaits, 99) : null,
				pooled ? null : millis(connectionWaits, 99), this.pool.config().maxSize(), firstError.get());
	}

	private static String describe(RuntimeException ex) {
		if (ex instanceof UserNotFoundException notFound) {
			// Ids come from the table; one vanishing means someone deleted users while
			// the demo ran.
			return notFound.getBody().getDetail();
		}
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		String message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
		return (message.length() > 300) ? message.substring(0, 300) + "…" : message;
	}

	/**
	 * A percentile of nanoseconds in milliseconds, {@code null} when nothing was
	 * recorded.
	 */
	private static Double millis(Histogram nanos, double percentile) {
		return (nanos.getTotalCount() > 0) ? round(nanos.getValueAtPercentile(percentile) / 1e6) : null;
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

}
