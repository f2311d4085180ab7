package io.poolkit.bench.load;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.poolkit.bench.Requests;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: each of T workers borrows, runs one point select and returns, then
 * at once starts the next, until the measured window ends; then each finishes the request
 * it is in.
 * <p>
 * Requests are counted by when they end. Throughput counts the successful ones that end
 * inside the window (per one-second interval, for its spread). Latency, from the borrow
 * to the return, and errors count every request that ends after the warm-up, including
 * those that started during it and those that end after the window: a borrower a pool
 * left waiting for seconds must show in the tail, not vanish from it because it never
 * finished in time.
 */
final class ClosedLoop {

	/**
	 * Latencies are recorded in microseconds up to a minute; the pools time out after 30
	 * s.
	 */
	private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);

	/**
	 * Workers share histograms beyond this many: 10,000 histograms of a megabyte-range
	 * each would not fit.
	 */
	private static final int MAX_HISTOGRAMS = 64;

	record Outcome(long requests, double throughput, double throughputStdev, AbstractHistogram latencyMicros,
			long errors, String firstError, boolean finished) {
	}

	private ClosedLoop() {
	}

	static Outcome run(DataSource dataSource, int threads, boolean virtual, int warmupSeconds, int seconds)
			throws Exception {
		int histogramCount = Math.min(threads, MAX_HISTOGRAMS);
		AbstractHistogram[] histograms = new AbstractHistogram[histogramCount];
		for (int i = 0; i < histogramCount; i++) {
			// One writer per histogram when there are few workers; shared, thread-safe
			// ones beyond that.
			histograms[i] = (threads <= MAX_HISTOGRAMS) ? new Histogram(HIGHEST_MICROS, 3)
					: new ConcurrentHistogram(HIGHEST_MICROS, 3);
		}
		long start = System.nanoTime();
		long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
		long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
		List<Worker> workers = new ArrayList<>(threads);
		for (int i = 0; i < threads; i++) {
			workers.add(new Worker(dataSource, measureFrom, end, seconds, histograms[i % histogramCount]));
		}
		ExecutorService executor = virtual ? virtualThreadPerTask() : Executors.newFixedThreadPool(threads);
		for (Worker worker : workers) {
			executor.execute(worker);
		}
		executor.shutdown();
		// A borrow may wait up to the 30 s timeout after the window ends; longer means
		// the pool is stuck.
		long graceSeconds = 45;
		boolean finished = executor.awaitTermination(warmupSeconds + seconds + graceSeconds, TimeUnit.SECONDS);
		return summarize(workers, histograms, seconds, finished);
	}

	/**
	 * {@code Executors.newVirtualThreadPerTaskExecutor()}, looked up at run time: the
	 * module compiles for Java 17.
	 */
	private static ExecutorService virtualThreadPerTask() throws ReflectiveOperationException {
		return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
	}

	static boolean virtualThreadsAvailable() {
		try {
			Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
			return true;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	private static Outcome summarize(List<Worker> workers, AbstractHistogram[] histograms, int seconds,
			boolean finished) {
		Histogram latency = new Histogram(HIGHEST_MICROS, 3);
		for (AbstractHistogram histogram : histograms) {
			latency.add(histogram);
		}
		long[] perSecond = new long[seconds];
		long errors = 0;
		String firstError = null;
		for (Worker worker : workers) {
			for (int s = 0; s < seconds; s++) {
				perSecond[s] += worker.perSecond[s];
			}
			errors += worker.errors;
			if (firstError == null) {
				firstError = worker.firstError;
			}
		}
		long requests = 0;
		for (long count : perSecond) {
			requests += count;
		}
		double mean = (double) requests / seconds;
		double squares = 0;
		for (long count : perSecond) {
			squares += (count - mean) * (count - mean);
		}
		double stdev = (seconds > 1) ? Math.sqrt(squares / (seconds - 1)) : Double.NaN;
		return new Outcome(requests, mean, stdev, latency, errors, firstError, finished);
	}

	private static final class Worker implements Runnable {

		private final DataSource dataSource;

		private final long measureFrom;

		private final long end;

		private final AbstractHistogram latency;

		/** Successful requests that ended in each second of the window. */
		final long[] perSecond;

		long errors;

		String firstError;

		Worker(DataSource dataSource, long measureFrom, long end, int seconds, AbstractHistogram latency) {
			this.dataSource = dataSource;
			this.measureFrom = measureFrom;
			this.end = end;
			this.latency = latency;
			this.perSecond = new long[seconds];
		}

		@Override
		public void run() {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			for (;;) {
				long started = System.nanoTime();
				if (started - this.end >= 0) {
					return;
				}
				boolean ok;
				try {
					Requests.pointSelect(this.dataSource, random.nextInt(1, Requests.ROWS + 1));
					ok = true;
				}
				catch (SQLException | RuntimeException ex) {
					ok = false;
					if (this.firstError == null) {
						this.firstError = ex.toString();
					}
				}
				long ended = System.nanoTime();
				long intoWindow = ended - this.measureFrom;
				if (intoWindow < 0) {
					continue;
				}
				if (ok) {
					this.latency.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(ended - started), HIGHEST_MICROS));
					int second = (int) TimeUnit.NANOSECONDS.toSeconds(intoWindow);
					if (second < this.perSecond.length) {
						this.perSecond[second]++;
					}
				}
				else {
					this.errors++;
				}
			}
		}

	}

}
