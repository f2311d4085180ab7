package io.poolkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.StubDatabase;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The two operations for callers that must not wait behind the application's borrowers or
 * must leave the database alone for a while: {@link PoolDataSource#tryGetConnection()} (a
 * health check) and {@link PoolDataSource#drain} (a JVM checkpoint).
 */
class PoolDrainTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void tryGetConnectionLendsAnIdleConnectionAndNeverWaitsOrOpensOne() throws Exception {
		StubDatabase db = StubDatabase.create();
		try (PoolDataSource pool = new PoolDataSource(PoolConfig.builder()
			.url(db.url())
			.maxSize(1)
			.minIdle(1)
			.connectionTimeout(Duration.ofSeconds(30))
			.build())) {
			await().atMost(WAIT).until(() -> pool.stats().idle() == 1);
			try (Connection connection = pool.tryGetConnection()) {
				assertThat(connection).isNotNull();
				assertThat(pool.stats().active()).isEqualTo(1);
				long start = System.nanoTime();
				// The only connection is lent out: null at once, not after
				// connection-timeout.
				assertThat(pool.tryGetConnection()).isNull();
				assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(1));
				assertThat(db.opened()).isEqualTo(1);
			}
			assertThat(pool.stats().idle()).isEqualTo(1);
		}
	}

	@Test
	void tryGetConnectionDoesNotGoAheadOfWaitingBorrowersNorThroughASuspendedPool() throws Exception {
		StubDatabase db = StubDatabase.create();
		try (PoolDataSource pool = new PoolDataSource(PoolConfig.builder()
			.url(db.url())
			.maxSize(1)
			.minIdle(1)
			.connectionTimeout(Duration.ofSeconds(30))
			.build())) {
			await().atMost(WAIT).until(() -> pool.stats().idle() == 1);
			Connection held = pool.getConnection();
			CompletableFuture<Connection> waiting = CompletableFuture.supplyAsync(() -> {
				try {
					return pool.getConnection();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			await().atMost(WAIT).until(() -> pool.stats().pending() == 1);
			assertThat(pool.tryGetConnection()).isNull();
			held.close();
			waiting.get(20, TimeUnit.SECONDS).close();
			pool.suspend();
			assertThat(pool.tryGetConnection()).isNull();
			pool.resume();
			try (Connection connection = pool.tryGetConnection()) {
				assertThat(connection).isNotNull();
			}
		}
	}

	@Test
	void tryGetConnectionFailsOnAClosedPool() {
		StubDatabase db = StubDatabase.create();
		PoolDataSource pool = new PoolDataSource(PoolConfig.builder().url(db.url()).maxSize(1).build());
		pool.close();
		assertThatExceptionOfType(java.sql.SQLException.class).isThrownBy(pool::tryGetConnection)
			.withMessageContaining("closed");
	}

	@Test
	void drainClosesEveryConnectionOpensNoneAndResumeRefills() throws Exception {
		StubDatabase db = StubDatabase.create();
		try (PoolDataSource pool = new PoolDataSource(PoolConfig.builder()
			.url(db.url())
			.maxSize(3)
			.minIdle(3)
			.connectionTimeout(Duration.ofSeconds(30))
			.build())) {
			await().atMost(WAIT).until(() -> pool.stats().idle() == 3);
			Connection borrowed = pool.getConnection();
			CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> pool.drain(WAIT));
			// The idle ones close at once; the borrowed one when it comes back.
			await().atMost(WAIT).until(() -> db.open() == 1);
			assertThat(drained).isNotDone();
			borrowed.close();
			assertThat(drained.get(20, TimeUnit.SECONDS)).isTrue();
			assertThat(db.open()).isZero();
			assertThat(pool.stats().total()).isZero();
			assertThat(pool.stats().suspended()).isTrue();

			// A borrower waits through the drain rather than failing, and gets a new
			// connection once resumed.
			CompletableFuture<Integer> borrower = CompletableFuture.supplyAsync(() -> {
				try (Connection connection = pool.getConnection()) {
					return connection.isValid(1) ? 1 : 0;
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			await().atMost(WAIT).until(() -> pool.stats().pending() == 1);
			int opened = db.opened();
			pool.evictAll(); // would refill a merely suspended pool
			assertThat(db.opened()).isEqualTo(opened);
			assertThat(borrower).isNotDone();

			pool.resume();
			assertThat(borrower.get(20, TimeUnit.SECONDS)).isEqualTo(1);
			await().atMost(WAIT).until(() -> pool.stats().idle() == 3);
			assertThat(pool.stats().suspended()).isFalse();
		}
	}

	@Test
	void drainReportsConnectionsStillBorrowedAtTheTimeout() throws Exception {
		StubDatabase db = StubDatabase.create();
		try (PoolDataSource pool = new PoolDataSource(
				PoolConfig.builder().url(db.url()).maxSize(2).minIdle(2).build())) {
			await().atMost(WAIT).until(() -> pool.stats().idle() == 2);
			Connection borrowed = pool.getConnection();
			assertThat(pool.drain(Duration.ofMillis(200))).isFalse();
			assertThat(db.open()).isEqualTo(1);
			borrowed.close();
			// Closed on return, without a second drain.
			await().atMost(WAIT).until(() -> db.open() == 0);
			assertThat(pool.drain(WAIT)).isTrue();
		}
	}

	@Test
	void drainLeavesNoSessionOnPostgresqlAndResumeServesAgain() throws Exception {
		String name = "poolkit-drain-" + UUID.randomUUID().toString().substring(0, 8);
		try (PoolDataSource pool = new PoolDataSource(TestPools.postgres(name).maxSize(3).minIdle(3).build())) {
			await().atMost(WAIT).until(() -> PostgresTestSupport.countBackends(name) == 3);
			assertThat(pool.drain(WAIT)).isTrue();
			assertThat(pool.stats().total()).isZero();
			// The server ends a session a moment after its client closed it.
			await().atMost(WAIT).until(() -> PostgresTestSupport.countBackends(name) == 0);
			pool.resume();
			try (Connection connection = pool.getConnection();
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("select 1")) {
				assertThat(rows.next()).isTrue();
			}
			await().atMost(WAIT).until(() -> PostgresTestSupport.countBackends(name) == 3);
		}
	}

}
