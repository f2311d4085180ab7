package io.poolkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.poolkit.testkit.FaultProxy;
import io.poolkit.testkit.MariaDbTestSupport;
import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database that goes away while borrowers keep arriving, on the real PostgreSQL (and
 * MariaDB) through the fault proxy, with the default {@code connection-timeout} of 30 s:
 * the pool probes often enough that the first borrow after the database answers again
 * succeeds within about a second, and sends only a trickle of connects while it is down.
 */
@Timeout(180)
class OutageRecoveryTest {

	/**
	 * "About a second" after the database answers, with scheduling on a busy two-core
	 * machine on top.
	 */
	private static final long RECOVERY_BOUND_MILLIS = 1_500;

	private static final int SIZE = 4;

	private final RecordingListener events = new RecordingListener();

	private final String name = PostgresTestSupport.uniqueTableName("outage").replace('_', '-');

	/** When each successful borrow (with its query) ended, by System.nanoTime(). */
	private final ConcurrentLinkedQueue<Long> successes = new ConcurrentLinkedQueue<>();

	private final List<Thread> borrowers = new ArrayList<>();

	private volatile boolean running = true;

	private FaultProxy proxy;

	private PoolDataSource pool;

	@AfterEach
	void cleanUp() throws InterruptedException {
		this.running = false;
		for (Thread borrower : this.borrowers) {
			borrower.interrupt();
			borrower.join(TimeUnit.MINUTES.toMillis(1));
		}
		if (this.pool != null) {
			this.pool.close();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	/**
	 * Defaults but the size; pgjdbc's socketTimeout of 3 s ends queries on stalled
	 * connections, as the run had it.
	 */
	private void startPool() {
		startPool(PoolConfig.builder());
	}

	private void startPool(PoolConfig.Builder builder) {
		this.proxy = PostgresTestSupport.startProxy();
		open(builder.url(this.proxy.jdbcUrl(PostgresTestSupport.database()))
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			.dataSourceProperty("sslmode", "disable")
			.dataSourceProperty("gssEncMode", "disable")
			.dataSourceProperty("socketTimeout", "3"));
	}

	/** The same on MariaDB, whose socketTimeout is in milliseconds. */
	private void startMariaDbPool() {
		this.proxy = MariaDbTestSupport.startProxy();
		open(PoolConfig.builder()
			.url(MariaDbTestSupport.url(this.proxy))
			.username(MariaDbTestSupport.user())
			.password(MariaDbTestSupport.password())
			.dataSourceProperty("socketTimeout", "3000"));
	}

	private void open(PoolConfig.Builder builder) {
		this.pool = new PoolDataSource(builder.name(this.name).maxSize(SIZE).listener(this.events).build());
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.stats().idle() == SIZE);
	}

	/** Borrowers that keep arriving, about 50 times a second each while all goes well. */
	private void startBorrowers(int count) {
		for (int i = 0; i < count; i++) {
			Thread borrower = new Thread(() -> {
				while (this.running) {
					try (Connection connection = this.pool.getConnection();
							Statement statement = connection.createStatement()) {
						statement.execute("SELECT 1");
						this.successes.add(System.nanoTime());
					}
					catch (SQLException ex) {
						// timed out or failed on a dead connection: try again, as a
						// request handler would for the next request
					}
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // pacing,
																				// not
																				// waiting
				}
			}, this.name + "-borrower-" + i);
			borrower.setDaemon(true);
			borrower.start();
			this.borrowers.add(borrower);
		}
		long started = System.nanoTime();
		await().atMost(Duration.ofSeconds(30)).until(() -> successes(started) >= count);
	}

	private long successes(long sinceNanos) {
		return this.successes.stream().filter((at) -> at - sinceNanos > 0).count();
	}

	/** The length of the outage: the scenario's own time, not a wait for anything. */
	private static void outageLasts(Duration outage) {
		long end = System.nanoTime() + outage.toNanos();
		for (long left; (left = end - System.nanoTime()) > 0;) {
			LockSupport.parkNanos(left);
		}
	}

	private long firstSuccessAfter(long sinceNanos) {
		await().atMost(Duration.ofSeconds(60)).until(() -> successes(sinceNanos) > 0);
		return this.successes.stream().filter((at) -> at - sinceNanos > 0).min(Long::compare).orElseThrow();
	}

	/**
	 * Refused for 8 s: with the old back-off (100 ms doubling to 10 s) the next connect
	 * came about 5 s after the database was back.
	 */
	@Test
	void afterARefusingOutageTheFirstBorrowSucceedsWithinASecondWithoutAStormMeanwhile() {
		startPool();
		startBorrowers(SIZE + 2);
		this.proxy.refuse();
		this.proxy.cutAll();
		int acceptedBefore = this.proxy.acceptedConnections();
		long outageStart = System.nanoTime();
		outageLasts(Duration.ofSeconds(8));
		int attempts = this.proxy.acceptedConnections() - acceptedBefore;
		long outageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStart);
		long back = System.nanoTime();
		this.proxy.pass();
		long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(firstSuccessAfter(back) - back);
		assertThat(recoveryMillis).as("first borrow %d ms after the database was back", recoveryMillis)
			.isLessThan(RECOVERY_BOUND_MILLIS);
		// A first wave of at most max-size when the cut connections are replaced, then
		// one attempt at a time, at most one per 400 ms (500 ms less its jitter).
		assertThat(attempts).as("connects in %d ms", outageMillis)
			.isPositive()
			.isLessThanOrEqualTo(SIZE + 1 + (int) (outageMillis / 400));
		assertThat(this.events.failures(ConnectionErrorKind.REFUSED)).isPositive();
	}

	/**
	 * Stalled for 5 s, and what was sent meanwhile is lost for good: the connects under
	 * way when the database came back never finish. The old pool waited for its one
	 * attempt to run out its login timeout, connection-timeout (30 s); on MariaDB, whose
	 * login the pool did not shorten, the first borrow came about 8 s late.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "postgresql", "mariadb" })
	void afterAStallTheFirstBorrowSucceedsWithinASecondEvenThoughTheAttemptsUnderWayHang(String driver) {
		if (driver.equals("mariadb")) {
			startMariaDbPool();
		}
		else {
			startPool();
		}
		startBorrowers(SIZE + 2);
		this.proxy.stall();
		int acceptedBefore = this.proxy.acceptedConnections();
		long outageStart = System.nanoTime();
		outageLasts(Duration.ofSeconds(5));
		int attempts = this.proxy.acceptedConnections() - acceptedBefore;
		long outageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStart);
		long back = System.nanoTime();
		this.proxy.stallCurrent();
		long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(firstSuccessAfter(back) - back);
		assertThat(recoveryMillis).as("first borrow %d ms after the database was back", recoveryMillis)
			.isLessThan(RECOVERY_BOUND_MILLIS);
		assertThat(attempts).as("connects in %d ms", outageMillis)
			.isLessThanOrEqualTo(SIZE + 1 + (int) (outageMillis / 400));
		assertThat(this.events.failures(ConnectionErrorKind.TIMEOUT)).isPositive();
	}

	/**
	 * With on-exhausted=overflow every borrower that waited overflow-after asked for a
	 * connection of its own, each one a connect to the refusing database: a storm growing
	 * with the borrowers.
	 */
	@Test
	void borrowersAskingForOverflowConnectionsSendNoStormWhileTheDatabaseIsDown() {
		startPool(PoolConfig.builder()
			.onExhausted(OnExhausted.OVERFLOW)
			.maxOverflow(8)
			.overflowAfter(Duration.ofMillis(50))
			.connectionTimeout(Duration.ofSeconds(1)));
		startBorrowers(12);
		this.proxy.refuse();
		this.proxy.cutAll();
		int acceptedBefore = this.proxy.acceptedConnections();
		long outageStart = System.nanoTime();
		outageLasts(Duration.ofSeconds(5));
		int attempts = this.proxy.acceptedConnections() - acceptedBefore;
		long outageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStart);
		assertThat(attempts).as("connects in %d ms", outageMillis)
			.isLessThanOrEqualTo(SIZE + 8 + 1 + (int) (outageMillis / 400));
		long back = System.nanoTime();
		this.proxy.pass();
		firstSuccessAfter(back);
	}

}
