package io.poolkit.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Several threads using one borrowed connection at once, each from its own seeded random,
 * for the shared-borrow tests: a failing round names its seed, and the same seed replays
 * each thread's choices.
 */
public final class SharedUse {

	private SharedUse() {
	}

	/**
	 * Starts {@code sharers} threads on {@code work} (random seeded {@code seed + 1} to
	 * {@code seed + sharers}), lets them go together, then runs the calling thread's own
	 * share (seeded {@code seed}).
	 * @return the other threads, still running or done
	 */
	public static List<Future<?>> run(ExecutorService threads, int sharers, long seed,
			Consumer<SplittableRandom> work) {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> running = new ArrayList<>();
		for (int t = 1; t <= sharers; t++) {
			SplittableRandom random = new SplittableRandom(seed + t);
			running.add(threads.submit(() -> {
				start.await();
				work.accept(random);
				return null;
			}));
		}
		start.countDown();
		work.accept(new SplittableRandom(seed));
		return running;
	}

	/**
	 * Waits for the threads {@link #run} started, failing with what one of them threw.
	 */
	public static void await(List<Future<?>> running) throws Exception {
		for (Future<?> sharer : running) {
			sharer.get(60, TimeUnit.SECONDS);
		}
	}

}
