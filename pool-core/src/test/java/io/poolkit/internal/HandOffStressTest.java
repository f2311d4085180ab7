package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import io.poolkit.PoolStats;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The waiter queue's hand-off under stress on the real PostgreSQL: many threads share a
 * few connections with random short holds, some waits time out and some are interrupted.
 * No connection is ever lent to two borrowers at once, every borrow ends within its
 * connection-timeout (plus a margin for a busy machine) with a connection or the pool's
 * timeout or interrupt, and at the end every connection is idle and nobody waits. And a
 * waiter whose hand-off is due is not overtaken more than once by a thread that borrows
 * and returns in a tight loop.
 */
class HandOffStressTest {

	private static final int CONNECTIONS = 3;

	private static final Duration TIMEOUT = Duration.ofMillis(200);

	/** What a busy machine (a build running alongside) may add to a borrow's timeout. */
	private static final long MARGIN_NANOS = TimeUnit.SECONDS.toNanos(5);

	// A borrower's state, for the interrupter: an interrupt lands only inside borrow().
	private static final int IDLE = 0;

	private static final int BORROWING = 1;

	private static final int INTERRUPTING = 2;

	@AutoClose
	private Pool pool;

	@Test
	void platformThreadsShareAFewConnectionsWithTimeoutsAndInterrupts() throws Exception {
		stress("hand-off-stress", 32, 4000, null);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsShareAFewConnectionsWithTimeoutsAndInterrupts() throws Exception {
		ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
			.invoke(null);
		stress("hand-off-stress-virtual", 64, 4000, virtual);
	}

	private void stress(String name, int threads, int borrows, ExecutorService executor) throws Exception {
		this.pool = new Pool(
				TestPools.postgres(name).maxSize(CONNECTIONS).minIdle(CONNECTIONS).connectionTimeout(TIMEOUT).build());
		this.pool.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.idleCount() == CONNECTIONS);
		Map<PGConnection, Thread> lentTo = new ConcurrentHashMap<>();
		List<String> failures = new CopyOnWriteArrayList<>();
		AtomicInteger remaining = new AtomicInteger(borrows);
		AtomicInteger served = new AtomicInteger();
		AtomicInteger timedOut = new AtomicInteger();
		AtomicInteger interrupted = new AtomicInteger();
		AtomicInteger stopped = new AtomicInteger();
		AtomicReferenceArray<Thread> workers = new AtomicReferenceArray<>(threads);
		AtomicInteger[] states = new AtomicInteger[threads];
		for (int i = 0; i < threads; i++) {
			states[i] = new AtomicInteger(IDLE);
		}
		ExecutorService runner = (executor != null) ? executor : Executors.newFixedThreadPool(threads);
		try {
			for (int i = 0; i < threads; i++) {
				int index = i;
				runner.submit(() -> {
					workers.set(index, Thread.currentThread());
					try {
						while (remaining.getAndDecrement() > 0) {
							borrowOnce(states[index], lentTo, failures, served, timedOut, interrupted);
						}
					}
					catch (Throwable ex) {
						failures.add("worker failed: " + ex);
					}
					finally {
						stopped.incrementAndGet();
					}
				});
			}
			// The interrupter: now and then one borrower, only while it is in borrow().
			ThreadLocalRandom random = ThreadLocalRandom.current();
			while (stopped.get() < threads) {
				int index = random.nextInt(threads);
				Thread worker = workers.get(index);
				if (worker != null && states[index].compareAndSet(BORROWING, INTERRUPTING)) {
					worker.interrupt();
					states[index].set(IDLE);
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // pacing only
			}
		}
		finally {
			runner.shutdown();
			assertThat(runner.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
		}
		assertThat(failures).isEmpty();
		assertThat(served.get() + timedOut.get() + interrupted.get()).isEqualTo(borrows);
		assertThat(served.get()).isGreaterThan(borrows / 2);
		PoolStats stats = this.pool.stats();
		assertThat(stats.pending()).isZero();
		assertThat(stats.active()).isZero();
		assertThat(stats.idle()).isEqualTo(stats.total()).isEqualTo(CONNECTIONS);
		assertThat(this.pool.waiters().size()).isZero();
		System.out.printf("%s: %d served, %d timed out, %d interrupted%n", this.pool.name, served.get(), timedOut.get(),
				interrupted.get());
	}

	private void borrowOnce(AtomicInteger state, Map<PGConnection, Thread> lentTo, List<String> failures,
			AtomicInteger served, AtomicInteger timedOut, AtomicInteger interrupted) throws SQLException {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		state.set(BORROWING);
		long start = System.nanoTime();
		Connection connection;
		try {
			connection = this.pool.borrow();
		}
		catch (SQLTransientConnectionException ex) {
			endBorrow(state);
			checkWithinTimeout(start, failures, ex);
			if (ex.getCause() instanceof InterruptedException) {
				interrupted.incrementAndGet();
			}
			else if (ex.getMessage().contains("no connection available within connection-timeout")) {
				timedOut.incrementAndGet();
			}
			else {
				failures.add("unexpected failure: " + ex);
			}
			return;
		}
		endBorrow(state);
		checkWithinTimeout(start, failures, null);
		try (connection) {
			PGConnection physical = connection.unwrap(PGConnection.class);
			Thread other = lentTo.putIfAbsent(physical, Thread.currentThread());
			if (other != null) {
				failures.add("lent to " + Thread.currentThread() + " while " + other + " holds it");
				return;
			}
			int hold = random.nextInt(1000);
			if (hold < 5) {
				// Long enough for the waiters behind to time out.
				LockSupport.parkNanos(TIMEOUT.toNanos() + TimeUnit.MILLISECONDS.toNanos(50));
			}
			else if (hold < 500) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("SELECT 1");
				}
			}
			lentTo.remove(physical);
			served.incrementAndGet();
		}
	}

	/** Leaves borrow(): an interrupt meant for it is taken now, never later. */
	private static void endBorrow(AtomicInteger state) {
		if (!state.compareAndSet(BORROWING, IDLE)) {
			while (state.get() != IDLE) {
				Thread.onSpinWait();
			}
		}
		Thread.interrupted();
	}

	private static void checkWithinTimeout(long start, List<String> failures, SQLException ex) {
		long took = System.nanoTime() - start;
		if (took > TIMEOUT.toNanos() + MARGIN_NANOS) {
			failures
				.add("borrow took " + TimeUnit.NANOSECONDS.toMillis(took) + " ms" + ((ex != null) ? ": " + ex : ""));
		}
	}

	/**
	 * A pool of one, a thread borrowing and returning it in a tight loop
	 * ({@code SELECT 1} each time), and a waiter: once the waiter's hand-off is due, the
	 * hot thread's borrow under way is its last before the waiter is served. The hot
	 * thread itself looks, while it holds the connection, whether the waiter is flagged:
	 * a borrow that sees it counts.
	 */
	@Test
	void aWaiterWhoseHandOffIsDueIsNotOvertakenByAThreadBorrowingInATightLoop() throws Exception {
		this.pool = new Pool(TestPools.postgres("hand-off-hot-loop").maxSize(1).minIdle(1).build());
		this.pool.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.idleCount() == 1);
		int trials = 20;
		int flaggedTrials = 0;
		for (int trial = 0; trial < trials; trial++) {
			AtomicBoolean stop = new AtomicBoolean();
			AtomicReference<Thread> waiting = new AtomicReference<>();
			AtomicLong hotBorrows = new AtomicLong();
			AtomicInteger overtaking = new AtomicInteger();
			List<Throwable> errors = new CopyOnWriteArrayList<>();
			Thread hot = new Thread(() -> {
				try {
					while (!stop.get()) {
						try (Connection connection = this.pool.borrow()) {
							hotBorrows.incrementAndGet();
							boolean flagged = isFlagged(waiting.get());
							try (Statement statement = connection.createStatement()) {
								statement.execute("SELECT 1");
							}
							if (flagged || isFlagged(waiting.get())) {
								overtaking.incrementAndGet();
							}
						}
					}
				}
				catch (Throwable ex) {
					errors.add(ex);
				}
			}, "hot");
			hot.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> hotBorrows.get() > 20);
			AtomicBoolean served = new AtomicBoolean();
			CountDownLatch release = new CountDownLatch(1);
			Thread waiter = new Thread(() -> {
				try (Connection connection = this.pool.borrow()) {
					served.set(true);
					release.await();
				}
				catch (Throwable ex) {
					errors.add(ex);
				}
			}, "waiter");
			waiting.set(waiter);
			waiter.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> served.get() || !errors.isEmpty());
			stop.set(true);
			release.countDown();
			waiter.join(TimeUnit.MINUTES.toMillis(1));
			hot.join(TimeUnit.MINUTES.toMillis(1));
			assertThat(errors).isEmpty();
			assertThat(overtaking.get()).as("hot borrows that saw the waiter flagged before it was served")
				.isLessThanOrEqualTo(1);
			if (overtaking.get() > 0) {
				flaggedTrials++;
			}
		}
		assertThat(flaggedTrials).isPositive();
		System.out.println("hand-off-hot-loop: waiter flagged during a hot borrow in " + flaggedTrials + " of " + trials
				+ " trials");
	}

	/** Whether this thread waits in the queue, oldest, with its hand-off due. */
	private boolean isFlagged(Thread thread) {
		Waiter oldest = this.pool.waiters().oldest();
		return oldest != null && oldest.thread == thread && oldest.isHandOffDue();
	}

}
