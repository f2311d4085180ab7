package io.poolkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.poolkit.testkit.FaultProxy;
import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.RecordingListener;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Real faults against the real PostgreSQL: terminated backends, a network that refuses,
 * cuts or stalls, and wrong credentials.
 */
class PostgresResilienceTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/**
	 * What "none hangs" allows on top of connection-timeout: scheduling on a busy 2-core
	 * machine, not a feature.
	 */
	private static final long MARGIN_MILLIS = 3_000;

	private final RecordingListener events = new RecordingListener();

	private PoolDataSource pool;

	private FaultProxy proxy;

	@AfterEach
	void cleanUp() {
		if (this.pool != null) {
			this.pool.close();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	private PoolConfig.Builder config(String name, int size) {
		return TestPools.postgres(name).maxSize(size).listener(this.events);
	}

	/**
	 * Through the fault proxy; no SSL or GSS probe, so one connect is one accepted TCP
	 * connection.
	 */
	private PoolConfig.Builder proxied(String name, int size) {
		this.proxy = PostgresTestSupport.startProxy();
		return config(name, size).url(this.proxy.jdbcUrl(PostgresTestSupport.database()))
			.dataSourceProperty("sslmode", "disable")
			.dataSourceProperty("gssEncMode", "disable")
			.connectionTimeout(Duration.ofSeconds(1))
			.initializationTimeout(Duration.ofSeconds(10));
	}

	@Test
	void terminatedIdleBackendsNeverReachBorrowers() throws Exception {
		// validation-bypass 0: every borrow checks, so the test does not depend on how
		// long the connections sat idle.
		this.pool = new PoolDataSource(config("terminate-it", 5).validationBypass(Duration.ZERO).build());
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 5);
		assertThat(PostgresTestSupport.terminateBackends("terminate-it")).isEqualTo(5);
		int errors = 0;
		for (int i = 0; i < 1_000; i++) {
			try (Connection connection = this.pool.getConnection()) {
				PostgresTestSupport.backendPid(connection);
			}
			catch (SQLException ex) {
				errors++;
			}
		}
		assertThat(errors).isZero();
		assertThat(this.events.closed(CloseReason.VALIDATION)).isEqualTo(5);
	}

	@Test
	void afterTheFirstDeadConnectionTheRestAreCheckedBeforeLending() throws Exception {
		// With validation skipped for recently used connections, the first dead one is
		// the only sign.
		this.pool = new PoolDataSource(config("restart-it", 4).validationBypass(Duration.ofHours(1)).build());
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 4);
		PostgresTestSupport.terminateBackends("restart-it");
		int errors = 0;
		List<Connection> held = new ArrayList<>();
		for (int round = 0; round < 50; round++) {
			for (int i = 0; i < 4; i++) {
				try {
					Connection connection = this.pool.getConnection();
					held.add(connection);
					PostgresTestSupport.backendPid(connection);
				}
				catch (SQLException ex) {
					errors++;
				}
			}
			for (Connection connection : held) {
				connection.close();
			}
			held.clear();
		}
		assertThat(errors).isEqualTo(1);
	}

	@Test
	void backendKilledWhileBorrowedIsNotLentAgainAndThePoolRefills() throws Exception {
		this.pool = new PoolDataSource(config("killed-it", 3).build());
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 3);
		int killedPid;
		try (Connection connection = this.pool.getConnection()) {
			killedPid = PostgresTestSupport.backendPid(connection);
			try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
				statement.execute("SELECT pg_terminate_backend(" + killedPid + ")");
			}
			assertThatThrownBy(() -> PostgresTestSupport.backendPid(connection)).isInstanceOf(SQLException.class);
		}
		assertThat(this.events.closed(CloseReason.BROKEN)).isEqualTo(1);
		for (int i = 0; i < 50; i++) {
			try (Connection connection = this.pool.getConnection()) {
				assertThat(PostgresTestSupport.backendPid(connection)).isNotEqualTo(killedPid);
			}
		}
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 3);
		assertThat(PostgresTestSupport.countBackends("killed-it")).isEqualTo(3);
	}

	@Test
	void unreachableServerFailsBorrowsInTimeWithFewConnectsAndThePoolRecovers() throws Exception {
		this.pool = new PoolDataSource(proxied("refused-it", 4).build());
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 4);
		this.proxy.refuse();
		this.proxy.cutAll();
		int acceptedBefore = this.proxy.acceptedConnections();
		long start = System.nanoTime();
		BorrowOutcome outcome = borrowFromThreads(8, 5, true);
		long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(outcome.succeeded()).isZero();
		assertThat(outcome.slowestMillis()).isLessThan(1_000 + MARGIN_MILLIS);
		// 40 failed borrows, but connects back off: a first wave of at most 4, then about
		// one per back-off step.
		int attempts = this.proxy.acceptedConnections() - acceptedBefore;
		assertThat(attempts).isLessThanOrEqualTo(4 + 1 + (int) (elapsedMillis / 100));
		assertThat(attempts).isLessThan(40);
		this.proxy.pass();
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 4);
		try (Connection connection = this.pool.getConnection()) {
			assertThat(PostgresTestSupport.backendPid(connection)).isPositive();
		}
	}

	@Test
	void stalledServerNeverHoldsABorrowerPastItsTimeout() throws Exception {
		this.pool = new PoolDataSource(proxied("stalled-it", 3).validationBypass(Duration.ZERO).build());
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 3);
		this.proxy.stall();
		BorrowOutcome outcome = borrowFromThreads(6, 3, false);
		assertThat(outcome.succeeded()).isZero();
		assertThat(outcome.slowestMillis()).isLessThan(1_000 + MARGIN_MILLIS);
		this.proxy.pass();
		this.proxy.cutAll(); // the stalled sockets are of no use now
		await().atMost(WAIT).until(() -> {
			try (Connection connection = this.pool.getConnection()) {
				return PostgresTestSupport.backendPid(connection) > 0;
			}
			catch (SQLException ex) {
				return false;
			}
		});
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 3);
	}

	@Test
	void wrongPasswordFailsStartupWithTheServersErrorWithoutAStorm() throws SQLException {
		assertThatThrownBy(() -> PostgresTestSupport.connectAs("poolkit_auth", "not-the-password").close())
			.as("role poolkit_auth must require a password; .ci/run sets it up")
			.isInstanceOf(SQLException.class);
		PoolConfig config = config("auth-it", 4).username("poolkit_auth")
			.password("not-the-password")
			.initializationTimeout(Duration.ofSeconds(20))
			.build();
		assertThatThrownBy(() -> new PoolDataSource(config)).isInstanceOf(PoolInitializationException.class)
			.hasMessageContaining("password authentication failed")
			.hasMessageContaining("28P01")
			.hasMessageNotContaining("not-the-password")
			.cause()
			.isInstanceOf(SQLException.class)
			.extracting((ex) -> ((SQLException) ex).getSQLState())
			.isEqualTo("28P01");
		// The first wave of up to min-idle connects, then the start fails: no retry
		// storm.
		assertThat(this.events.failures(ConnectionErrorKind.AUTH)).isBetween(1, 4);
	}

	private record BorrowOutcome(int succeeded, long slowestMillis) {
	}

	private BorrowOutcome borrowFromThreads(int threads, int borrowsEach, boolean query) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		AtomicInteger succeeded = new AtomicInteger();
		List<Future<Long>> slowest = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			slowest.add(executor.submit(() -> {
				long worst = 0;
				for (int i = 0; i < borrowsEach; i++) {
					long start = System.nanoTime();
					try (Connection connection = this.pool.getConnection()) {
						worst = Math.max(worst, System.nanoTime() - start);
						if (query) {
							PostgresTestSupport.backendPid(connection);
						}
						succeeded.incrementAndGet();
					}
					catch (SQLException ex) {
						worst = Math.max(worst, System.nanoTime() - start);
					}
				}
				return worst;
			}));
		}
		long worst = 0;
		for (Future<Long> result : slowest) {
			worst = Math.max(worst, result.get(2, TimeUnit.MINUTES));
		}
		executor.shutdown();
		return new BorrowOutcome(succeeded.get(), TimeUnit.NANOSECONDS.toMillis(worst));
	}

}
