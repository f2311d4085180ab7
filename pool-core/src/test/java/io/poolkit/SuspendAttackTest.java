package io.poolkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On the real PostgreSQL: attacks on {@link PoolDataSource#suspend()} (issue #14). No
 * connection is lent while the pool is suspended, whatever path the borrower is on.
 */
@Timeout(120)
class SuspendAttackTest {

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private PoolDataSource pool;

	@AfterEach
	void tearDown() {
		if (this.pool != null) {
			this.pool.close();
		}
		this.executor.shutdownNow();
	}

	/**
	 * A borrower whose connection fails its check on borrow looks for another: when the
	 * pool was suspended meanwhile, it must be held like every other waiting borrower,
	 * not take another idle connection. The check is held on a PostgreSQL advisory lock
	 * (the validation query waits for it) while the test suspends the pool, then the
	 * server ends that connection, so the check fails; the other connection is idle.
	 */
	@Test
	void aBorrowerWhoseCheckFailsWhileSuspendedIsHeldNotLentAnotherIdleConnection() throws Exception {
		long key = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
		String validation = "SELECT pg_advisory_xact_lock_shared(" + key + ")";
		this.pool = new PoolDataSource(TestPools.postgres(PostgresTestSupport.uniqueName("suspend-check-fails"))
			.maxSize(2)
			.minIdle(0)
			.validationQuery(validation)
			.validationBypass(Duration.ZERO)
			.validationTimeout(Duration.ofSeconds(3))
			.connectionTimeout(Duration.ofSeconds(3))
			.build());
		// Two connections open and idle.
		Connection first = this.pool.getConnection();
		Connection second = this.pool.getConnection();
		first.close();
		second.close();
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + key + ")");
			Future<Connection> borrow = this.executor.submit(() -> this.pool.getConnection());
			int checking = awaitBackendWaitingOn(statement, validation);
			this.pool.suspend();
			statement.execute("SELECT pg_terminate_backend(" + checking + ")");
			statement.execute("SELECT pg_advisory_unlock(" + key + ")");
			// Never resumed: the borrower is held until its connection-timeout.
			assertThatExceptionOfType(ExecutionException.class).as("lent a connection while the pool is suspended")
				.isThrownBy(() -> closeIfLent(borrow.get(30, TimeUnit.SECONDS)))
				.withCauseInstanceOf(SQLException.class);
			assertThat(this.pool.stats().active()).isZero();
		}
	}

	/**
	 * On resume the oldest held borrower is woken and passes the wake on while a
	 * connection is idle: with four idle connections and borrowers that keep theirs, four
	 * held borrowers are served by the resume alone, no return rescuing a lost wake.
	 * While suspended none is lent one; after the gate every held borrower is served, and
	 * the pool ends idle with nobody waiting.
	 */
	@Test
	void resumeServesAsManyHeldBorrowersAsConnectionsAreIdleWithoutAnyReturn() throws Exception {
		int size = 4;
		int borrowers = 32;
		this.pool = new PoolDataSource(config("suspend-resume-chain", size, Duration.ofSeconds(60)).build());
		await().atMost(Duration.ofSeconds(20)).until(() -> this.pool.stats().idle() == size);
		this.pool.suspend();
		AtomicInteger lent = new AtomicInteger();
		CountDownLatch firstServed = new CountDownLatch(size);
		CountDownLatch gate = new CountDownLatch(1);
		List<Future<Integer>> outcomes = new ArrayList<>();
		for (int i = 0; i < borrowers; i++) {
			outcomes.add(this.executor.submit(() -> {
				try (Connection connection = this.pool.getConnection();
						Statement statement = connection.createStatement();
						ResultSet one = statement.executeQuery("SELECT 1")) {
					lent.incrementAndGet();
					firstServed.countDown();
					gate.await();
					one.next();
					return one.getInt(1);
				}
			}));
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.pool.stats().pending() == borrowers);
		assertThat(lent.get()).as("lent while suspended").isZero();
		assertThat(this.pool.stats().idle()).isEqualTo(size);
		this.pool.resume();
		assertThat(firstServed.await(15, TimeUnit.SECONDS))
			.as("held borrowers served by the resume alone, of " + size + " idle connections: " + lent.get())
			.isTrue();
		gate.countDown();
		for (Future<Integer> outcome : outcomes) {
			assertThat(outcome.get(40, TimeUnit.SECONDS)).isEqualTo(1);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.pool.stats().active() == 0);
		PoolStats stats = this.pool.stats();
		assertThat(stats.pending()).isZero();
		assertThat(stats.idle()).isEqualTo(size);
	}

	/**
	 * Closing a suspended pool ends every held borrower at once with the pool's closed
	 * error, long before their connection-timeout; none is lent a connection.
	 */
	@Test
	void closeEndsEveryBorrowerHeldBySuspendWithTheClosedError() throws Exception {
		int borrowers = 16;
		this.pool = new PoolDataSource(config("suspend-close", 2, Duration.ofMinutes(5)).build());
		await().atMost(Duration.ofSeconds(20)).until(() -> this.pool.stats().idle() == 2);
		this.pool.suspend();
		List<Future<Connection>> outcomes = new ArrayList<>();
		for (int i = 0; i < borrowers; i++) {
			outcomes.add(this.executor.submit(() -> this.pool.getConnection()));
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.pool.stats().pending() == borrowers);
		this.pool.close();
		for (Future<Connection> outcome : outcomes) {
			// Far below the connection-timeout: ended by the close, not by the deadline.
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> closeIfLent(outcome.get(60, TimeUnit.SECONDS)))
				.withCauseInstanceOf(SQLException.class)
				.satisfies((ex) -> assertThat(ex.getCause()).hasMessageContaining("closed"));
		}
	}

	/**
	 * Suspend and resume toggled from another thread while borrowers borrow, query and
	 * return in a loop. Each suspension is held until every borrower waits in it (all
	 * held, none lent). A borrow that started while a suspension was in force (after
	 * {@code suspend()} returned) never succeeds before that suspension's
	 * {@code resume()}: the suspensions are numbered, and a success within the one the
	 * borrow started in is counted. No borrow fails or is lost, and the pool ends idle
	 * with nobody waiting.
	 */
	@Test
	void noBorrowIsLentWhileASuspensionIsInForceWhenToggledUnderLoad() throws Exception {
		int threads = 8;
		int rounds = 25;
		this.pool = new PoolDataSource(config("suspend-toggle", 3, Duration.ofSeconds(60)).build());
		// Odd while a suspension is in force: from suspend()'s return to just before
		// resume().
		AtomicInteger phase = new AtomicInteger();
		AtomicInteger lentInForce = new AtomicInteger();
		AtomicInteger served = new AtomicInteger();
		AtomicInteger successes = new AtomicInteger();
		AtomicBoolean stop = new AtomicBoolean();
		List<Future<Integer>> loops = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			loops.add(this.executor.submit(() -> {
				int mine = 0;
				while (!stop.get()) {
					int before = phase.get();
					try (Connection connection = this.pool.getConnection();
							Statement statement = connection.createStatement();
							ResultSet one = statement.executeQuery("SELECT 1")) {
						if ((before & 1) == 1 && phase.get() == before) {
							lentInForce.incrementAndGet();
						}
						successes.incrementAndGet();
						one.next();
						mine += one.getInt(1);
					}
				}
				return mine;
			}));
		}
		for (int round = 0; round < rounds; round++) {
			// Borrowers served since the last resume before suspending again.
			int since = successes.get();
			await().atMost(Duration.ofSeconds(30)).until(() -> successes.get() >= since + threads);
			this.pool.suspend();
			phase.incrementAndGet();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> lentInForce.get() > 0 || this.pool.stats().pending() == threads);
			assertThat(lentInForce.get()).as("lent within the suspension it started in, round " + round).isZero();
			assertThat(this.pool.stats().active()).as("lent while suspended, round " + round).isZero();
			phase.incrementAndGet();
			this.pool.resume();
		}
		stop.set(true);
		for (Future<Integer> loop : loops) {
			served.addAndGet(loop.get(60, TimeUnit.SECONDS));
		}
		assertThat(lentInForce.get()).as("borrows lent within the suspension they started in").isZero();
		assertThat(served.get()).isPositive();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.pool.stats().active() == 0);
		PoolStats stats = this.pool.stats();
		assertThat(stats.pending()).isZero();
		assertThat(stats.idle()).isEqualTo(3);
	}

	/**
	 * With {@code on-exhausted=overflow}, a borrower held by a suspension past
	 * {@code overflow-after} must not be lent an overflow connection while the pool is
	 * suspended: the suspension holds it until resume (here never, so until its
	 * connection-timeout, which says the pool is suspended).
	 */
	@Test
	void aBorrowerHeldBySuspendIsNotLentAnOverflowConnection() throws Exception {
		this.pool = new PoolDataSource(
				config("suspend-overflow", 1, Duration.ofSeconds(3)).onExhausted(OnExhausted.OVERFLOW)
					.maxOverflow(1)
					.overflowAfter(Duration.ZERO)
					.build());
		try (Connection held = this.pool.getConnection()) {
			this.pool.suspend();
			Future<Connection> borrow = this.executor.submit(() -> this.pool.getConnection());
			assertThatExceptionOfType(ExecutionException.class).as("lent a connection while the pool is suspended")
				.isThrownBy(() -> closeIfLent(borrow.get(30, TimeUnit.SECONDS)))
				.withCauseInstanceOf(SQLException.class)
				.satisfies((ex) -> assertThat(ex.getCause())
					.hasMessageContaining("within connection-timeout 3000 ms (the pool is suspended)")
					.hasMessageNotContaining("at once"));
			assertThat(this.pool.stats().active()).isEqualTo(1);
		}
	}

	/**
	 * On JDK 21+: a thousand virtual threads that arrive one after the other while the
	 * pool (of one connection) is suspended are all held, none lent a connection, and on
	 * resume every one is served, in arrival order.
	 */
	@Test
	void aThousandVirtualThreadsHeldBySuspendAreServedInArrivalOrderOnResume() throws Exception {
		assumeTrue(Runtime.version().feature() >= 21, "virtual threads");
		int borrowers = 1000;
		this.pool = new PoolDataSource(config("suspend-virtual", 1, Duration.ofSeconds(90)).build());
		await().atMost(Duration.ofSeconds(20)).until(() -> this.pool.stats().idle() == 1);
		ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
			.invoke(null);
		try {
			this.pool.suspend();
			AtomicInteger served = new AtomicInteger();
			List<Future<Integer>> turns = new ArrayList<>();
			for (int i = 0; i < borrowers; i++) {
				turns.add(virtual.submit(() -> {
					try (Connection connection = this.pool.getConnection();
							Statement statement = connection.createStatement();
							ResultSet one = statement.executeQuery("SELECT 1")) {
						one.next();
						return served.getAndIncrement() * one.getInt(1);
					}
				}));
				int queued = i + 1;
				// One after the other: the next arrives once this one waits.
				await().atMost(Duration.ofSeconds(20))
					.pollInterval(Duration.ofMillis(1))
					.until(() -> this.pool.stats().pending() == queued);
			}
			assertThat(served.get()).as("lent while suspended").isZero();
			this.pool.resume();
			for (int i = 0; i < borrowers; i++) {
				assertThat(turns.get(i).get(20, TimeUnit.SECONDS)).as("turn of the borrower that came " + i + "th")
					.isEqualTo(i);
			}
		}
		finally {
			virtual.shutdownNow();
		}
		PoolStats stats = this.pool.stats();
		assertThat(stats.pending()).isZero();
		assertThat(stats.active()).isZero();
	}

	/**
	 * A borrower held by a suspension whose thread is interrupted ends at once with an
	 * error (not at its connection-timeout), keeps the interrupt, leaves the queue, and
	 * is not lent a connection; the others held stay held and are served on resume.
	 */
	@Test
	void anInterruptedBorrowerHeldBySuspendEndsAtOnceAndTheOthersAreServedOnResume() throws Exception {
		this.pool = new PoolDataSource(config("suspend-interrupt", 1, Duration.ofMinutes(5)).build());
		await().atMost(Duration.ofSeconds(20)).until(() -> this.pool.stats().idle() == 1);
		this.pool.suspend();
		CompletableFuture<String> interrupted = new CompletableFuture<>();
		Thread borrower = new Thread(() -> {
			try (Connection connection = this.pool.getConnection()) {
				interrupted.complete("lent a connection, suspended");
			}
			catch (SQLException ex) {
				interrupted.complete(ex.getMessage() + " / interrupt kept: " + Thread.currentThread().isInterrupted());
			}
		});
		borrower.start();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.pool.stats().pending() == 1);
		Future<Connection> other = this.executor.submit(() -> this.pool.getConnection());
		await().atMost(Duration.ofSeconds(20)).until(() -> this.pool.stats().pending() == 2);
		borrower.interrupt();
		// Far below the connection-timeout: ended by the interrupt.
		assertThat(interrupted.get(60, TimeUnit.SECONDS)).contains("interrupt").endsWith("interrupt kept: true");
		assertThat(this.pool.stats().pending()).isEqualTo(1);
		assertThat(other.isDone()).as("the other borrower is still held").isFalse();
		this.pool.resume();
		try (Connection connection = other.get(60, TimeUnit.SECONDS)) {
			assertThat(connection.isValid(5)).isTrue();
		}
		assertThat(this.pool.stats().pending()).isZero();
	}

	/**
	 * Borrowers that come while the pool is suspended are held, not refused, by
	 * {@code on-exhausted=fail-fast} with the pool full and by {@code max-waiters}
	 * reached; after resume each is served in turn as connections come back.
	 */
	@Test
	void failFastAndMaxWaitersDoNotRefuseBorrowersThatComeWhileSuspended() throws Exception {
		int borrowers = 3;
		this.pool = new PoolDataSource(
				config("suspend-fail-fast", 1, Duration.ofSeconds(60)).onExhausted(OnExhausted.FAIL_FAST)
					.maxWaiters(1)
					.build());
		List<Future<Integer>> outcomes = new ArrayList<>();
		try (Connection held = this.pool.getConnection()) {
			this.pool.suspend();
			for (int i = 0; i < borrowers; i++) {
				outcomes.add(this.executor.submit(() -> {
					try (Connection connection = this.pool.getConnection();
							Statement statement = connection.createStatement();
							ResultSet one = statement.executeQuery("SELECT 1")) {
						one.next();
						return one.getInt(1);
					}
				}));
				int queued = i + 1;
				await().atMost(Duration.ofSeconds(20))
					.until(() -> this.pool.stats().pending() == queued || outcomes.get(queued - 1).isDone());
				assertThat(outcomes.get(i).isDone()).as("borrower " + i + " refused or lent while suspended").isFalse();
			}
			this.pool.resume();
		}
		for (Future<Integer> outcome : outcomes) {
			assertThat(outcome.get(60, TimeUnit.SECONDS)).isEqualTo(1);
		}
		assertThat(this.pool.stats().pending()).isZero();
	}

	/** A pool of {@code size} connections kept open, on the test PostgreSQL. */
	private static PoolConfig.Builder config(String name, int size, Duration connectionTimeout) {
		return TestPools.postgres(PostgresTestSupport.uniqueName(name))
			.maxSize(size)
			.minIdle(size)
			.connectionTimeout(connectionTimeout);
	}

	private static void closeIfLent(Connection connection) throws SQLException {
		connection.close();
	}

	/** The pid of the pool's backend whose check waits on the advisory lock. */
	private static int awaitBackendWaitingOn(Statement admin, String query) throws SQLException {
		long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() - giveUp < 0) {
			try (ResultSet rows = admin.executeQuery("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
					+ " AND state = 'active' AND query = '" + query + "'")) {
				if (rows.next()) {
					return rows.getInt(1);
				}
			}
		}
		throw new AssertionError("no check waited on the advisory lock");
	}

}
