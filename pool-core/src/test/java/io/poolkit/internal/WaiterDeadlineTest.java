package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.poolkit.OnExhausted;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deadlines of waiters that park without a timeout of their own (the
 * {@link DeadlineWaker} wakes them) on the real PostgreSQL, in the situations around the
 * waker's protocol: a stream of waiters arriving while the waker scans and re-arms, some
 * served by hand-offs in between; waiters of pools with different timeouts at once;
 * overflow after {@code overflow-after}; a drain while they wait; and interrupts and
 * close ending thousands of such waits, after which the waker thread is gone. Every
 * borrow ends, not before its connection-timeout when it times out, and within it plus a
 * margin for a busy machine.
 */
class WaiterDeadlineTest {

	/** What a busy machine (a build running alongside) may add to a borrow's timeout. */
	private static final long MARGIN_NANOS = TimeUnit.SECONDS.toNanos(5);

	/** For waits that only an interrupt or close is meant to end. */
	private static final Duration FAR = Duration.ofMinutes(10);

	private static final String TIMED_OUT = "no connection available within connection-timeout";

	private final List<Pool> pools = new ArrayList<>();

	@AfterEach
	void closePools() {
		this.pools.forEach(Pool::close);
	}

	/**
	 * Thousands of virtual threads arrive in a stream on two connections, each cycled by
	 * a holder that keeps it for up to the timeout: most borrowers time out, one after
	 * the other on their own deadlines, while newcomers join (some while the waker scans,
	 * parking timed then) and some are handed a connection.
	 */
	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsArrivingInAStreamTimeOutEachOnItsOwnDeadline() throws Exception {
		stream("deadline-stream-virtual", 3000, WaiterDeadlineTest::startVirtual);
	}

	@Test
	void platformThreadsArrivingInAStreamTimeOutEachOnItsOwnDeadline() throws Exception {
		stream("deadline-stream", 600, (task) -> new Thread(task).start());
	}

	private void stream(String name, int borrowers, Consumer<Runnable> starter) throws Exception {
		Duration timeout = Duration.ofMillis(150);
		Pool pool = open(TestPools.postgres(name).maxSize(2).minIdle(2).connectionTimeout(timeout));
		Map<PGConnection, Object> lent = new ConcurrentHashMap<>();
		List<String> failures = new CopyOnWriteArrayList<>();
		AtomicBoolean stop = new AtomicBoolean();
		List<Thread> holders = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			Thread holder = new Thread(() -> {
				while (!stop.get()) {
					try (Connection connection = pool.borrow()) {
						Runnable giveBack = use(connection, lent, failures);
						// A hold, not a wait; random, so that the holders' returns do
						// not fall in step.
						LockSupport
							.parkNanos(ThreadLocalRandom.current().nextLong(timeout.toNanos() / 4, timeout.toNanos()));
						giveBack.run();
					}
					catch (SQLTransientConnectionException ex) {
						// a waiter was ahead of it
					}
					catch (Throwable ex) {
						failures.add("holder: " + ex);
					}
				}
			}, name + "-holder-" + i);
			holder.start();
			holders.add(holder);
		}
		Outcomes outcomes = new Outcomes(borrowers);
		for (int i = 0; i < borrowers; i++) {
			starter.accept(() -> outcomes.borrow(pool, timeout, lent, failures, timeout.toNanos() / 10));
			if (i % 10 == 0) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(1, 4))); // pacing
			}
		}
		outcomes.awaitAll(timeout);
		stop.set(true);
		for (Thread holder : holders) {
			holder.join(TimeUnit.MINUTES.toMillis(1));
			assertThat(holder.isAlive()).isFalse();
		}
		System.out.printf("%s: %d served, %d timed out%n", name, outcomes.served.get(), outcomes.timedOut.get());
		assertThat(failures).isEmpty();
		assertThat(outcomes.timedOut.get()).as("borrowers that timed out").isPositive();
		assertThat(outcomes.served.get()).as("borrowers served").isPositive();
		assertThat(outcomes.served.get() + outcomes.timedOut.get()).isEqualTo(borrowers);
		await().atMost(Duration.ofSeconds(30)).until(() -> pool.idleCount() == 2);
		assertThat(pool.waiters().size()).isZero();
	}

	/**
	 * Three exhausted pools with timeouts far apart, waited on at once: each pool's
	 * borrowers time out on their own pool's deadline, whatever the others wait for.
	 */
	@Test
	void poolsWithDifferentTimeoutsTimeOutTheirWaitersEachOnItsOwn() throws Exception {
		Duration[] timeouts = { Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(2) };
		List<Connection> held = new ArrayList<>();
		List<Outcomes> all = new ArrayList<>();
		List<String> failures = new CopyOnWriteArrayList<>();
		Map<PGConnection, Object> lent = new ConcurrentHashMap<>();
		Pool[] pools = new Pool[timeouts.length];
		for (int p = 0; p < timeouts.length; p++) {
			pools[p] = open(
					TestPools.postgres("deadline-timeouts-" + p).maxSize(1).minIdle(1).connectionTimeout(timeouts[p]));
			held.add(pools[p].borrow());
			all.add(new Outcomes(60));
		}
		try {
			// The longest first, so each pool's waker is armed while the others' are.
			for (int i = 0; i < 60; i++) {
				for (int p = timeouts.length - 1; p >= 0; p--) {
					Pool pool = pools[p];
					Duration timeout = timeouts[p];
					Outcomes outcomes = all.get(p);
					new Thread(() -> outcomes.borrow(pool, timeout, lent, failures)).start();
				}
				if (i % 20 == 0) {
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // pacing
				}
			}
			for (int p = 0; p < timeouts.length; p++) {
				all.get(p).awaitAll(timeouts[p]);
				assertThat(all.get(p).timedOut.get()).isEqualTo(60);
			}
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
		assertThat(failures).isEmpty();
	}

	/**
	 * {@code on-exhausted=overflow}: the waiters park timed until {@code overflow-after},
	 * then without a timeout until their deadline. The first ones get overflow
	 * connections, kept until all have ended; the others time out on their deadline.
	 */
	@Test
	void overflowAfterItsDelayThenTheOthersTimeOutOnTheirDeadline() throws Exception {
		Duration timeout = Duration.ofMillis(600);
		Pool pool = open(TestPools.postgres("deadline-overflow")
			.maxSize(1)
			.minIdle(1)
			.connectionTimeout(timeout)
			.onExhausted(OnExhausted.OVERFLOW)
			.maxOverflow(2)
			.overflowAfter(Duration.ofMillis(100)));
		List<String> failures = new CopyOnWriteArrayList<>();
		Map<PGConnection, Object> lent = new ConcurrentHashMap<>();
		int borrowers = 20;
		Outcomes outcomes = new Outcomes(borrowers);
		CountDownLatch keep = new CountDownLatch(1);
		try (Connection held = pool.borrow()) {
			for (int i = 0; i < borrowers; i++) {
				new Thread(() -> outcomes.borrow(pool, timeout, lent, failures, keep)).start();
			}
			await().atMost(Duration.ofSeconds(30))
				.until(() -> outcomes.timedOut.get() + outcomes.served.get() + failures.size() >= borrowers - 2);
			keep.countDown();
			outcomes.awaitAll(timeout);
		}
		finally {
			keep.countDown();
		}
		assertThat(failures).isEmpty();
		assertThat(outcomes.served.get()).as("served by overflow connections").isBetween(1, 2);
		assertThat(outcomes.timedOut.get()).isEqualTo(borrowers - outcomes.served.get());
	}

	/**
	 * Waiters parked without a timeout while the pool is drained under them: no
	 * connection comes back, they time out on their deadline; borrowers arriving during
	 * the drain wait for the resume and time out too; after the resume a borrow is
	 * served.
	 */
	@Test
	void waitersOfADrainedPoolTimeOutOnTheirDeadlineAndTheResumedPoolServes() throws Exception {
		Duration timeout = Duration.ofMillis(800);
		Pool pool = open(TestPools.postgres("deadline-drain").maxSize(1).minIdle(1).connectionTimeout(timeout));
		List<String> failures = new CopyOnWriteArrayList<>();
		Map<PGConnection, Object> lent = new ConcurrentHashMap<>();
		Outcomes queued = new Outcomes(30);
		Outcomes suspended = new Outcomes(30);
		Connection held = pool.borrow();
		for (int i = 0; i < 30; i++) {
			new Thread(() -> queued.borrow(pool, timeout, lent, failures)).start();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> pool.waiters().size() == 30 || queued.ended() > 0);
		Thread drainer = new Thread(() -> pool.drain(TimeUnit.MINUTES.toNanos(1)));
		drainer.start();
		await().atMost(Duration.ofSeconds(30)).until(pool::isSuspended);
		for (int i = 0; i < 30; i++) {
			new Thread(() -> suspended.borrow(pool, timeout, lent, failures)).start();
		}
		held.close(); // retired: the pool is drained
		queued.awaitAll(timeout);
		suspended.awaitAll(timeout);
		drainer.join(TimeUnit.MINUTES.toMillis(1));
		assertThat(failures).isEmpty();
		assertThat(queued.timedOut.get()).isEqualTo(30);
		assertThat(suspended.timedOut.get() + suspended.timedOutSuspended.get()).isEqualTo(30);
		pool.resume();
		try (Connection connection = pool.borrow()) {
			assertThat(connection.isValid(5)).isTrue();
		}
	}

	/**
	 * Platform threads parked without a timeout, on a far deadline: interrupting them
	 * ends each wait at once.
	 */
	@Test
	void interruptsEndWaitsParkedWithoutATimeout() throws Exception {
		interrupt("deadline-interrupt", 200, (task) -> new Thread(task).start());
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void interruptsEndVirtualWaitsParkedWithoutATimeout() throws Exception {
		interrupt("deadline-interrupt-virtual", 3000, WaiterDeadlineTest::startVirtual);
	}

	private void interrupt(String name, int borrowers, Consumer<Runnable> starter) throws Exception {
		Pool pool = open(TestPools.postgres(name).maxSize(1).minIdle(1).connectionTimeout(FAR));
		List<Thread> threads = new CopyOnWriteArrayList<>();
		List<Throwable> outcomes = new CopyOnWriteArrayList<>();
		CountDownLatch ended = new CountDownLatch(borrowers);
		try (Connection held = pool.borrow()) {
			for (int i = 0; i < borrowers; i++) {
				starter.accept(() -> {
					threads.add(Thread.currentThread());
					try (Connection connection = pool.borrow()) {
						outcomes.add(new AssertionError("lent a connection that is held"));
					}
					catch (Throwable ex) {
						outcomes.add(ex);
					}
					finally {
						ended.countDown();
					}
				});
			}
			await().atMost(Duration.ofMinutes(1)).until(() -> pool.waiters().size() == borrowers);
			long interruptedAt = System.nanoTime();
			threads.forEach(Thread::interrupt);
			assertThat(ended.await(MARGIN_NANOS, TimeUnit.NANOSECONDS)).as("every wait ended within the margin")
				.isTrue();
			assertThat(System.nanoTime() - interruptedAt).isLessThan(MARGIN_NANOS);
		}
		assertThat(outcomes).hasSize(borrowers)
			.allMatch((ex) -> ex instanceof SQLTransientConnectionException
					&& ex.getCause() instanceof InterruptedException);
		assertThat(pool.waiters().size()).isZero();
	}

	/**
	 * Thousands of virtual threads parked without a timeout, on a far deadline: closing
	 * the pool ends every wait at once, and the waker thread ends with it.
	 */
	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void closeEndsThousandsOfVirtualWaitsAndTheWaker() throws Exception {
		close("deadline-close-virtual", 5000, WaiterDeadlineTest::startVirtual);
	}

	@Test
	void closeEndsWaitsParkedWithoutATimeoutAndTheWaker() throws Exception {
		close("deadline-close", 300, (task) -> new Thread(task).start());
	}

	private void close(String name, int borrowers, Consumer<Runnable> starter) throws Exception {
		Pool pool = open(TestPools.postgres(name).maxSize(1).minIdle(1).connectionTimeout(FAR));
		List<Throwable> outcomes = new CopyOnWriteArrayList<>();
		CountDownLatch ended = new CountDownLatch(borrowers);
		Connection held = pool.borrow();
		for (int i = 0; i < borrowers; i++) {
			starter.accept(() -> {
				try (Connection connection = pool.borrow()) {
					outcomes.add(new AssertionError("lent a connection after close"));
				}
				catch (Throwable ex) {
					outcomes.add(ex);
				}
				finally {
					ended.countDown();
				}
			});
		}
		await().atMost(Duration.ofMinutes(1)).until(() -> pool.waiters().size() == borrowers);
		Thread waker = thread("poolkit-" + name + "-deadlines");
		assertThat(waker).as("the waker the waiters rely on").isNotNull();
		Thread closer = new Thread(pool::close);
		closer.start();
		assertThat(ended.await(MARGIN_NANOS, TimeUnit.NANOSECONDS)).as("every wait ended within the margin").isTrue();
		held.close();
		closer.join(TimeUnit.MINUTES.toMillis(1));
		waker.join(TimeUnit.MINUTES.toMillis(1));
		assertThat(waker.isAlive()).isFalse();
		assertThat(outcomes).hasSize(borrowers).allMatch(SQLNonTransientConnectionException.class::isInstance);
	}

	private Pool open(io.poolkit.PoolConfig.Builder builder) {
		Pool pool = new Pool(builder.build());
		this.pools.add(pool);
		pool.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> pool.idleCount() >= pool.config.minIdle());
		return pool;
	}

	/**
	 * Takes note of a connection lent, until the returned {@link Runnable} is run before
	 * it is returned: a connection lent to two borrowers at once is a failure.
	 */
	private static Runnable use(Connection connection, Map<PGConnection, Object> lent, List<String> failures)
			throws SQLException {
		PGConnection physical = connection.unwrap(PGConnection.class);
		Object other = lent.putIfAbsent(physical, Thread.currentThread());
		if (other != null) {
			failures.add("lent to " + Thread.currentThread() + " while " + other + " holds it");
			return () -> {
			};
		}
		return () -> lent.remove(physical);
	}

	private static Thread thread(String name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(name))
			.findFirst()
			.orElse(null);
	}

	private static void startVirtual(Runnable task) {
		try {
			Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, task);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** How the borrows of one kind ended. */
	private static final class Outcomes {

		final AtomicInteger served = new AtomicInteger();

		final AtomicInteger timedOut = new AtomicInteger();

		/** Timed out while the pool was suspended, before joining the queue. */
		final AtomicInteger timedOutSuspended = new AtomicInteger();

		private final CountDownLatch ended;

		private final int count;

		Outcomes(int count) {
			this.count = count;
			this.ended = new CountDownLatch(count);
		}

		int ended() {
			return this.count - (int) this.ended.getCount();
		}

		void borrow(Pool pool, Duration timeout, Map<PGConnection, Object> lent, List<String> failures) {
			borrow(pool, timeout, lent, failures, null);
		}

		/** A borrow that, served, holds the connection for up to {@code holdNanos}. */
		void borrow(Pool pool, Duration timeout, Map<PGConnection, Object> lent, List<String> failures,
				long holdNanos) {
			CountDownLatch hold = new CountDownLatch(1);
			borrow(pool, timeout, lent, failures, hold, ThreadLocalRandom.current().nextLong(holdNanos + 1));
		}

		/**
		 * One borrow, checked: it ends with a connection (used, then kept until
		 * {@code keep}) or the pool's timeout, which comes not before the timeout and
		 * within it plus the margin.
		 */
		void borrow(Pool pool, Duration timeout, Map<PGConnection, Object> lent, List<String> failures,
				CountDownLatch keep) {
			borrow(pool, timeout, lent, failures, keep, Long.MAX_VALUE);
		}

		private void borrow(Pool pool, Duration timeout, Map<PGConnection, Object> lent, List<String> failures,
				CountDownLatch keep, long keepNanos) {
			long start = System.nanoTime();
			try (Connection connection = pool.borrow()) {
				long took = System.nanoTime() - start;
				if (took > timeout.toNanos() + MARGIN_NANOS) {
					failures.add("served after " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
				}
				Runnable giveBack = use(connection, lent, failures);
				this.served.incrementAndGet();
				if (keep != null) {
					keep.await(keepNanos, TimeUnit.NANOSECONDS); // a hold, when it times
																	// out
				}
				giveBack.run();
			}
			catch (SQLTransientConnectionException ex) {
				long took = System.nanoTime() - start;
				if (ex.getMessage().contains(TIMED_OUT)) {
					if (took < timeout.toNanos() || took > timeout.toNanos() + MARGIN_NANOS) {
						failures.add("timed out after " + TimeUnit.NANOSECONDS.toMillis(took) + " ms: " + ex);
					}
					this.timedOut.incrementAndGet();
				}
				else if (ex.getMessage().contains("the pool is suspended")) {
					if (took < timeout.toNanos() || took > timeout.toNanos() + MARGIN_NANOS) {
						failures.add("timed out suspended after " + TimeUnit.NANOSECONDS.toMillis(took) + " ms: " + ex);
					}
					this.timedOutSuspended.incrementAndGet();
				}
				else {
					failures.add("unexpected: " + ex);
				}
			}
			catch (Throwable ex) {
				failures.add("unexpected: " + ex);
			}
			finally {
				this.ended.countDown();
			}
		}

		/**
		 * Every borrow ends; a hang shows as a failure after a bound far past the margin.
		 */
		void awaitAll(Duration timeout) throws InterruptedException {
			assertThat(this.ended.await(timeout.toNanos() + 6 * MARGIN_NANOS, TimeUnit.NANOSECONDS))
				.as("%d of %d borrows ended", ended(), this.count)
				.isTrue();
		}

	}

}
