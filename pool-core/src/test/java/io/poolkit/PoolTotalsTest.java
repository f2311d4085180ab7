package io.poolkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.poolkit.testkit.StubDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link PoolDataSource#totals()}: what the pool did since it started, counted by the
 * pool itself (no listener needed), never going back, also across connections retired
 * while it is read; {@link PoolDataSource#addListener} for events after the call.
 */
@Timeout(60)
class PoolTotalsTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final StubDatabase db = StubDatabase.create();

	private PoolDataSource pool;

	@AfterEach
	void closePool() {
		if (this.pool != null) {
			this.pool.close();
		}
	}

	private PoolDataSource start(PoolConfig.Builder builder) {
		this.pool = new PoolDataSource(builder.build());
		return this.pool;
	}

	private PoolConfig.Builder config(int maxSize) {
		return PoolConfig.builder().name("totals").url(this.db.url()).maxSize(maxSize).minIdle(maxSize);
	}

	@Test
	void countsFromTheStartWithoutAListener() throws SQLException {
		start(config(2).connectionTimeout(Duration.ofMillis(100)));
		await().atMost(WAIT).until(() -> this.pool.totals().opened() == 2);
		PoolTotals started = this.pool.totals();
		assertThat(started.openNanos()).isPositive();
		assertThat(started.acquired()).isZero();
		for (int i = 0; i < 3; i++) {
			try (Connection connection = this.pool.getConnection()) {
				assertThat(this.pool.totals().acquired()).isEqualTo(i + 1);
				assertThat(this.pool.totals().returned()).isEqualTo(i);
			}
		}
		try (Connection connection = this.pool.tryGetConnection()) {
			assertThat(connection).isNotNull();
		}
		try (Connection first = this.pool.getConnection(); Connection second = this.pool.getConnection()) {
			assertThatExceptionOfType(SQLTransientConnectionException.class).isThrownBy(this.pool::getConnection);
		}
		PoolTotals totals = this.pool.totals();
		assertThat(totals.acquired()).isEqualTo(6);
		assertThat(totals.returned()).isEqualTo(6);
		assertThat(totals.heldNanos()).isPositive();
		assertThat(totals.timeouts()).isOne();
		assertThat(totals.opened()).isEqualTo(2);
		assertThat(totals.closed()).containsOnlyKeys(CloseReason.values()).allSatisfy((reason, count) -> {
			assertThat(count).isZero();
		});
		assertThat(totals.connectErrors()).containsOnlyKeys(ConnectionErrorKind.values());
	}

	@Test
	void countsWaitsClosesAndFailedConnects() throws Exception {
		start(config(1).connectionTimeout(Duration.ofSeconds(5)));
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 1);
		CountDownLatch waiting = new CountDownLatch(1);
		CompletableFuture<Void> waiter;
		try (Connection held = this.pool.getConnection()) {
			waiter = CompletableFuture.runAsync(() -> {
				waiting.countDown();
				try (Connection connection = this.pool.getConnection()) {
					connection.isValid(1);
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			waiting.await();
			await().atMost(WAIT).until(() -> this.pool.stats().pending() == 1);
		}
		waiter.get(10, TimeUnit.SECONDS);
		assertThat(this.pool.totals().acquireWaitNanos()).isPositive();

		this.db.failConnects(new SQLException("connection refused", "08001"));
		this.pool.evictAll();
		await().atMost(WAIT).until(() -> this.pool.totals().connectErrors(ConnectionErrorKind.REFUSED) >= 1);
		PoolTotals totals = this.pool.totals();
		assertThat(totals.closed(CloseReason.EVICTED)).isOne();
		assertThat(totals.closed().values().stream().mapToLong(Long::longValue).sum()).isOne();
	}

	@Test
	void neverGoesBackWhileConnectionsRetire() throws Exception {
		// Each borrow's connection retires on return, so its counts move from the slot to
		// the pool's retired totals while readers sum them.
		start(config(4).connectionTimeout(Duration.ofSeconds(5)));
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger borrows = new AtomicInteger();
		List<CompletableFuture<Void>> borrowers = new ArrayList<>();
		for (int t = 0; t < 3; t++) {
			borrowers.add(CompletableFuture.runAsync(() -> {
				while (running.get()) {
					try (Connection connection = this.pool.getConnection()) {
						connection.unwrap(Connection.class);
						borrows.incrementAndGet();
					}
					catch (SQLException ex) {
						throw new IllegalStateException(ex);
					}
					this.pool.evictAll();
				}
			}));
		}
		AtomicReference<String> wentBack = new AtomicReference<>();
		PoolTotals previous = this.pool.totals();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
		while (System.nanoTime() - deadline < 0 && wentBack.get() == null) {
			PoolTotals now = this.pool.totals();
			if (now.acquired() < previous.acquired() || now.returned() < previous.returned()
					|| now.heldNanos() < previous.heldNanos()) {
				wentBack.set(previous + " then " + now);
			}
			previous = now;
		}
		running.set(false);
		CompletableFuture.allOf(borrowers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
		assertThat(wentBack.get()).isNull();
		assertThat(borrows.get()).isPositive();
		await().atMost(WAIT).until(() -> this.pool.totals().returned() == borrows.get());
		assertThat(this.pool.totals().acquired()).isEqualTo(borrows.get());
		assertThat(this.pool.totals().closed(CloseReason.EVICTED)).isPositive();
	}

	@Test
	void anAddedListenerHearsLaterEventsBesideTheConfiguredOne() throws SQLException {
		AtomicInteger configured = new AtomicInteger();
		AtomicInteger added = new AtomicInteger();
		start(config(1).listener(new PoolListener() {
			@Override
			public void connectionAcquired(long waitNanos) {
				configured.incrementAndGet();
				throw new IllegalStateException("the configured listener fails");
			}
		}));
		try (Connection connection = this.pool.getConnection()) {
			assertThat(connection.isClosed()).isFalse();
		}
		this.pool.addListener(new PoolListener() {
			@Override
			public void connectionAcquired(long waitNanos) {
				added.incrementAndGet();
			}
		});
		for (int i = 0; i < 2; i++) {
			try (Connection connection = this.pool.getConnection()) {
				assertThat(connection.isClosed()).isFalse();
			}
		}
		assertThat(configured.get()).isEqualTo(3);
		// Only what happened after it was added, even though the listener before it
		// throws.
		assertThat(added.get()).isEqualTo(2);
	}

}
