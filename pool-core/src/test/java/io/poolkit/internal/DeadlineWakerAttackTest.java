package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link DeadlineWaker} attacked: a pool closed and another opened under the same
 * name, and an error thrown in the waker's own thread while waiters rely on it.
 */
class DeadlineWakerAttackTest {

	/** What a busy machine (a build running alongside) may add to a borrow's timeout. */
	private static final long MARGIN_NANOS = TimeUnit.SECONDS.toNanos(5);

	private static final String TIMED_OUT = "no connection available within connection-timeout";

	/**
	 * A pool whose waiters timed out through its waker is closed, and a pool of the same
	 * name opened, three times over: each pool's waiters time out on their deadline (not
	 * before, and within the margin) through a waker of that pool's own, which ends when
	 * it closes; afterwards no thread of that name is left.
	 */
	@Test
	void aPoolReopenedUnderTheSameNameTimesItsWaitersOutWithAWakerOfItsOwn() throws Exception {
		String name = "deadline-reopen";
		Duration timeout = Duration.ofMillis(200);
		List<Thread> wakers = new ArrayList<>();
		for (int round = 0; round < 3; round++) {
			Pool pool = new Pool(TestPools.postgres(name).maxSize(1).minIdle(1).connectionTimeout(timeout).build());
			try {
				pool.start();
				List<String> failures = new CopyOnWriteArrayList<>();
				int borrowers = 20;
				CountDownLatch ended = new CountDownLatch(borrowers);
				try (Connection held = pool.borrow()) {
					for (int i = 0; i < borrowers; i++) {
						new Thread(() -> {
							long start = System.nanoTime();
							try (Connection connection = pool.borrow()) {
								failures.add("lent a connection that is held");
							}
							catch (SQLTransientConnectionException ex) {
								long took = System.nanoTime() - start;
								if (!ex.getMessage().contains(TIMED_OUT) || took < timeout.toNanos()
										|| took > timeout.toNanos() + MARGIN_NANOS) {
									failures.add("after " + TimeUnit.NANOSECONDS.toMillis(took) + " ms: " + ex);
								}
							}
							catch (Throwable ex) {
								failures.add("unexpected: " + ex);
							}
							finally {
								ended.countDown();
							}
						}).start();
					}
					assertThat(ended.await(timeout.toNanos() + 6 * MARGIN_NANOS, TimeUnit.NANOSECONDS))
						.as("round %d: every borrow ended", round)
						.isTrue();
				}
				assertThat(failures).as("round %d", round).isEmpty();
				List<Thread> live = threads("poolkit-" + name + "-deadlines");
				assertThat(live).as("round %d: the waker of this pool, the earlier ones ended", round).hasSize(1);
				assertThat(wakers).as("round %d: a waker of its own", round).doesNotContain(live.get(0));
				wakers.add(live.get(0));
			}
			finally {
				pool.close();
			}
			Thread waker = wakers.get(round);
			waker.join(TimeUnit.MINUTES.toMillis(1));
			assertThat(waker.isAlive()).as("round %d: the waker ended with its pool", round).isFalse();
		}
		assertThat(threads("poolkit-" + name + "-deadlines")).isEmpty();
	}

	/**
	 * The waker's thread runs no user code, but a scan allocates (the queue's iterator,
	 * the next alarm), and an {@link OutOfMemoryError} can hit any allocation of any
	 * thread when the heap is short. One thrown in a scan (injected here through the
	 * queue it walks) must not leave a waiter that parked without a timeout, relying on
	 * the waker, parked past its deadline: it must be woken by its deadline plus a
	 * margin.
	 */
	@Test
	void anErrorInTheWakersScanLeavesNoWaiterParkedPastItsDeadline() throws Exception {
		Queue<Waiter> queue = new ConcurrentLinkedQueue<>();
		AtomicBoolean failNextScan = new AtomicBoolean(true);
		Iterable<Waiter> waiters = () -> {
			if (failNextScan.getAndSet(false)) {
				throw new OutOfMemoryError("Java heap space (injected by the test)");
			}
			return queue.iterator();
		};
		DeadlineWaker waker = new DeadlineWaker("deadline-error", waiters);
		AtomicBoolean release = new AtomicBoolean();
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
		Thread parked = new Thread(() -> {
			Waiter waiter = new Waiter(Thread.currentThread(), System.nanoTime(), deadline);
			queue.add(waiter);
			// As WaiterQueue.park and SlotWait's loop: until the deadline has come.
			long now;
			while ((now = System.nanoTime()) - deadline < 0 && !release.get()) {
				if (waker.wakes(deadline)) {
					LockSupport.park(waker);
				}
				else {
					LockSupport.parkNanos(waker, deadline - now);
				}
			}
			waiter.cancel();
			queue.remove(waiter);
		}, "parked-on-the-waker");
		try {
			parked.start();
			parked.join(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime() + MARGIN_NANOS));
			assertThat(parked.isAlive()).as("the waiter was woken by its deadline plus the margin").isFalse();
		}
		finally {
			release.set(true);
			LockSupport.unpark(parked);
			parked.join(TimeUnit.MINUTES.toMillis(1));
			waker.stop();
		}
	}

	private static List<Thread> threads(String name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(name) && thread.isAlive())
			.toList();
	}

}
