package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Waiters park without a timeout and the {@link DeadlineWaker} wakes them at their
 * deadline: in the pool on the real PostgreSQL, and for deadlines that arrive out of
 * order, which lower the waker's alarm.
 */
class DeadlineWakerTest {

	private static final long FAR_NANOS = TimeUnit.MINUTES.toNanos(10);

	@AutoClose
	private Pool pool;

	@Test
	void borrowersOfAnExhaustedPoolTimeOutThroughTheWakerWhichEndsWithThePool() throws Exception {
		this.pool = new Pool(TestPools.postgres("deadline-waker")
			.maxSize(1)
			.minIdle(1)
			.connectionTimeout(Duration.ofMillis(250))
			.build());
		this.pool.start();
		try (Connection held = this.pool.borrow()) {
			List<Throwable> outcomes = new CopyOnWriteArrayList<>();
			Thread[] borrowers = new Thread[8];
			for (int i = 0; i < borrowers.length; i++) {
				borrowers[i] = new Thread(() -> {
					try (Connection connection = this.pool.borrow()) {
						outcomes.add(new AssertionError("lent a connection that is held"));
					}
					catch (Throwable ex) {
						outcomes.add(ex);
					}
				});
				borrowers[i].start();
			}
			long joinBy = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
			for (Thread borrower : borrowers) {
				borrower.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinBy - System.nanoTime())));
			}
			assertThat(outcomes).hasSize(borrowers.length).allMatch(SQLTransientConnectionException.class::isInstance);
		}
		Thread waker = wakerThread("deadline-waker");
		assertThat(waker).as("the waker that timed the borrowers out").isNotNull();
		this.pool.close();
		waker.join(TimeUnit.MINUTES.toMillis(1));
		assertThat(waker.isAlive()).isFalse();
	}

	@Test
	void anEarlierDeadlineLowersTheAlarmAndALaterOneStaysParked() throws Exception {
		List<Waiter> queue = new CopyOnWriteArrayList<>();
		DeadlineWaker waker = new DeadlineWaker("deadline-order", queue);
		try {
			long now = System.nanoTime();
			Parked late = new Parked(waker, queue, now + FAR_NANOS);
			late.start();
			late.parked.await();
			Parked early = new Parked(waker, queue, now + TimeUnit.MILLISECONDS.toNanos(100));
			early.start();
			early.join(TimeUnit.MINUTES.toMillis(1));
			assertThat(early.isAlive()).as("woken at its deadline, ahead of the armed one").isFalse();
			assertThat(early.covered).isTrue();
			assertThat(late.isAlive()).as("a waiter whose deadline has not come").isTrue();
			assertThat(late.covered).isTrue();
			late.released = true;
			LockSupport.unpark(late);
			late.join(TimeUnit.MINUTES.toMillis(1));
		}
		finally {
			waker.stop();
		}
		assertThat(waker.wakes(System.nanoTime() + FAR_NANOS)).as("a stopped waker").isFalse();
	}

	private static Thread wakerThread(String poolName) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("poolkit-" + poolName + "-deadlines"))
			.findFirst()
			.orElse(null);
	}

	/**
	 * A thread that joins the queue and parks without a timeout, as
	 * {@link WaiterQueue#park} does, until its deadline has come or the test releases it.
	 */
	private static final class Parked extends Thread {

		final CountDownLatch parked = new CountDownLatch(1);

		volatile boolean covered;

		volatile boolean released;

		private final long deadline;

		private final DeadlineWaker waker;

		private final List<Waiter> queue;

		Parked(DeadlineWaker waker, List<Waiter> queue, long deadline) {
			this.waker = waker;
			this.queue = queue;
			this.deadline = deadline;
		}

		@Override
		public void run() {
			this.queue.add(new Waiter(this, System.nanoTime(), this.deadline));
			this.covered = this.waker.wakes(this.deadline);
			this.parked.countDown();
			while (System.nanoTime() - this.deadline < 0 && !this.released) {
				LockSupport.park(this);
			}
		}

	}

}
