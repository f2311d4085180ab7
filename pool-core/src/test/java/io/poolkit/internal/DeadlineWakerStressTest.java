package io.poolkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link DeadlineWaker}'s protocol under contention, without a pool: threads join a
 * queue with deadlines in no order and park as {@link WaiterQueue#park} does, again and
 * again, while a few waiters on a far deadline keep the waker armed far ahead. Each near
 * waiter must be woken by its deadline plus a margin for a busy machine, whatever it
 * raced with: another waiter lowering the alarm while the waker parks or scans, joining
 * the queue while the waker scans it, or leaving it.
 */
class DeadlineWakerStressTest {

	private static final long MARGIN_NANOS = TimeUnit.SECONDS.toNanos(5);

	private static final long FAR_NANOS = TimeUnit.MINUTES.toNanos(10);

	@Test
	void nearDeadlinesInNoOrderAreWokenInTimeWhileFarOnesKeepTheWakerArmed() throws Exception {
		Queue<Waiter> queue = new ConcurrentLinkedQueue<>();
		DeadlineWaker waker = new DeadlineWaker("deadline-stress", queue);
		List<String> failures = new CopyOnWriteArrayList<>();
		List<Thread> far = new ArrayList<>();
		CountDownLatch farQueued = new CountDownLatch(4);
		CountDownLatch release = new CountDownLatch(1);
		try {
			for (int i = 0; i < 4; i++) {
				Thread thread = new Thread(() -> {
					long deadline = System.nanoTime() + FAR_NANOS + ThreadLocalRandom.current().nextLong(1_000_000);
					Waiter waiter = new Waiter(Thread.currentThread(), System.nanoTime(), deadline);
					queue.add(waiter);
					farQueued.countDown();
					while (release.getCount() > 0) {
						park(waker, waiter);
					}
					waiter.cancel();
					queue.remove(waiter);
				}, "far-" + i);
				thread.start();
				far.add(thread);
			}
			assertThat(farQueued.await(1, TimeUnit.MINUTES)).isTrue();
			int threads = 64;
			int rounds = 40;
			CountDownLatch done = new CountDownLatch(threads);
			for (int t = 0; t < threads; t++) {
				new Thread(() -> {
					try {
						ThreadLocalRandom random = ThreadLocalRandom.current();
						for (int round = 0; round < rounds; round++) {
							long now = System.nanoTime();
							long deadline = now + random.nextLong(TimeUnit.MILLISECONDS.toNanos(40));
							Waiter waiter = new Waiter(Thread.currentThread(), now, deadline);
							queue.add(waiter);
							while (System.nanoTime() - deadline < 0) {
								park(waker, waiter);
							}
							long late = System.nanoTime() - deadline;
							waiter.cancel();
							queue.remove(waiter);
							if (late > MARGIN_NANOS) {
								failures.add("woken " + TimeUnit.NANOSECONDS.toMillis(late) + " ms late");
							}
						}
					}
					finally {
						done.countDown();
					}
				}, "near-" + t).start();
			}
			assertThat(done.await(40 * 40 + 6 * MARGIN_NANOS / 1_000_000, TimeUnit.MILLISECONDS))
				.as("every near waiter was woken")
				.isTrue();
			assertThat(failures).isEmpty();
		}
		finally {
			release.countDown();
			far.forEach(LockSupport::unpark);
			for (Thread thread : far) {
				thread.join(TimeUnit.MINUTES.toMillis(1));
			}
			waker.stop();
		}
	}

	/** As {@link WaiterQueue#park} parks a waiter until its deadline. */
	private static void park(DeadlineWaker waker, Waiter waiter) {
		long now = System.nanoTime();
		if (waker.wakes(waiter.deadlineNanos)) {
			LockSupport.park(waker);
		}
		else {
			LockSupport.parkNanos(waker, waiter.deadlineNanos - now);
		}
	}

}
