package io.poolkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.poolkit.testkit.StubConnection;
import io.poolkit.testkit.StubDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Borrowing and returning on the stub driver: the fast path, waiting, timeouts and the
 * on-exhausted policies.
 */
class PoolBorrowTest {

	private final StubDatabase db = StubDatabase.create();

	private PoolDataSource pool;

	@AfterEach
	void closePool() {
		if (this.pool != null) {
			this.pool.close();
		}
	}

	private PoolConfig.Builder config(int maxSize) {
		return PoolConfig.builder().name("test").url(this.db.url()).maxSize(maxSize).minIdle(maxSize);
	}

	private PoolDataSource start(PoolConfig.Builder builder) {
		this.pool = new PoolDataSource(builder.build());
		return this.pool;
	}

	@Test
	void lendsAndTakesBackTheSamePhysicalConnection() throws SQLException {
		start(config(1));
		StubConnection first;
		try (Connection connection = this.pool.getConnection()) {
			first = connection.unwrap(StubConnection.class);
			assertThat(this.pool.stats().active()).isEqualTo(1);
		}
		assertThat(this.pool.stats().idle()).isEqualTo(1);
		try (Connection connection = this.pool.getConnection()) {
			assertThat(connection.unwrap(StubConnection.class)).isSameAs(first);
		}
		assertThat(this.db.opened()).isEqualTo(1);
	}

	@Test
	void fillsMinIdleWithConnectsInParallel() {
		this.db.blockConnects();
		start(config(10).initializationTimeout(Duration.ZERO));
		// All ten connects are under way at once: none has to finish before the next
		// starts.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.db.blockedConnects() == 10);
		this.db.releaseConnects();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.stats().idle() == 10);
		assertThat(this.pool.stats().total()).isEqualTo(10);
	}

	@Test
	void initializationFailsWithTheDatabaseError() {
		this.db.failConnects(new SQLException("password authentication failed for user \"app\"", "28P01"));
		assertThatThrownBy(() -> start(config(2).initializationTimeout(Duration.ofSeconds(30))))
			.isInstanceOf(PoolInitializationException.class)
			.hasMessageContaining("password authentication failed")
			.hasMessageContaining("28P01")
			.cause()
			.isInstanceOf(SQLException.class);
		// An authentication failure ends the wait at once instead of retrying for 30
		// seconds.
		assertThat(this.db.connectAttempts()).isLessThanOrEqualTo(2);
	}

	@Test
	void initializationTimeoutZeroStartsWithoutADatabase() throws SQLException {
		this.db.failConnects(new SQLException("Connection refused", "08001"));
		start(config(2).initializationTimeout(Duration.ZERO).connectionTimeout(Duration.ofSeconds(20)));
		assertThat(this.pool.stats().total()).isZero();
		this.db.acceptConnects();
		try (Connection connection = this.pool.getConnection()) {
			assertThat(connection.isValid(1)).isTrue();
		}
	}

	@Test
	void timeoutMessageNamesPoolCountsAndHolders() throws Exception {
		start(config(1).connectionTimeout(Duration.ofMillis(200)));
		AtomicReference<SQLException> failure = new AtomicReference<>();
		try (Connection held = this.pool.getConnection()) {
			Thread thread = new Thread(() -> {
				try {
					this.pool.getConnection().close();
				}
				catch (SQLException ex) {
					failure.set(ex);
				}
			});
			thread.start();
			thread.join();
		}
		assertThat((Throwable) failure.get()).isInstanceOf(SQLTransientConnectionException.class)
			.hasMessageContaining("Pool 'test'")
			.hasMessageContaining("connection-timeout 200 ms")
			.hasMessageContaining("total 1, active 1, idle 0")
			.hasMessageContaining("longest holders: " + Thread.currentThread().getName());
	}

	@Test
	void timeoutChainsTheLastConnectionFailure() {
		start(config(1).minIdle(0).initializationTimeout(Duration.ZERO).connectionTimeout(Duration.ofMillis(300)));
		this.db.failConnects(new SQLException("Connection to 127.0.0.1:5999 refused", "08001"));
		assertThatThrownBy(() -> this.pool.getConnection()).isInstanceOf(SQLTransientConnectionException.class)
			.hasMessageContaining("last connection error: Connection to 127.0.0.1:5999 refused (SQLState 08001)")
			.cause()
			.hasMessageContaining("refused");
		assertThat(this.pool.stats().lastConnectionError().kind()).isEqualTo(ConnectionErrorKind.REFUSED);
	}

	@Test
	void failFastFailsAtOnceWhenFull() throws SQLException {
		start(config(1).onExhausted(OnExhausted.FAIL_FAST).connectionTimeout(Duration.ofHours(1)));
		try (Connection held = this.pool.getConnection()) {
			assertThatThrownBy(() -> this.pool.getConnection()).isInstanceOf(SQLTransientConnectionException.class)
				.hasMessageContaining("fail-fast");
		}
		// A refusal at once counts as a timeout (pool.timeouts,
		// PoolListener.acquireTimedOut).
		assertThat(this.pool.totals().timeouts()).isOne();
	}

	@Test
	void failFastStillWaitsForAConnectionBeingOpened() throws SQLException {
		start(config(2).minIdle(0).initializationTimeout(Duration.ZERO).onExhausted(OnExhausted.FAIL_FAST));
		try (Connection connection = this.pool.getConnection()) {
			assertThat(connection.isValid(1)).isTrue();
		}
	}

	@Test
	void overflowOpensATemporaryConnectionAndClosesItOnReturn() throws Exception {
		start(config(1).onExhausted(OnExhausted.OVERFLOW)
			.maxOverflow(1)
			.overflowAfter(Duration.ofMillis(20))
			.connectionTimeout(Duration.ofSeconds(30)));
		try (Connection held = this.pool.getConnection()) {
			StubConnection extra;
			try (Connection overflow = this.pool.getConnection()) {
				extra = overflow.unwrap(StubConnection.class);
				assertThat(this.pool.stats().total()).isEqualTo(2);
				assertThat(this.pool.stats().active()).isEqualTo(2);
			}
			await().atMost(Duration.ofSeconds(10)).until(extra::isClosed);
			assertThat(this.pool.stats().total()).isEqualTo(1);
		}
	}

	@Test
	void maxWaitersRejectsTheBorrowerPastTheBound() throws Exception {
		start(config(1).maxWaiters(1).connectionTimeout(Duration.ofSeconds(30)));
		Connection held = this.pool.getConnection();
		CompletableFuture<Connection> waiting = CompletableFuture.supplyAsync(this::borrowUnchecked);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.stats().pending() == 1);
		assertThatThrownBy(() -> this.pool.getConnection()).isInstanceOf(SQLTransientConnectionException.class)
			.hasMessageContaining("max-waiters (1)");
		held.close();
		waiting.get(10, TimeUnit.SECONDS).close();
		assertThat(this.pool.totals().timeouts()).isOne();
	}

	@Test
	void interruptedWaiterGetsAnExceptionAndKeepsItsFlag() throws Exception {
		start(config(1).connectionTimeout(Duration.ofHours(1)));
		try (Connection held = this.pool.getConnection()) {
			AtomicReference<Throwable> failure = new AtomicReference<>();
			AtomicReference<Boolean> flag = new AtomicReference<>();
			Thread waiter = new Thread(() -> {
				try {
					this.pool.getConnection().close();
				}
				catch (SQLException ex) {
					failure.set(ex);
					flag.set(Thread.currentThread().isInterrupted());
				}
			});
			waiter.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.stats().pending() == 1);
			waiter.interrupt();
			waiter.join();
			assertThat(failure.get()).isInstanceOf(SQLException.class).hasMessageContaining("Interrupted");
			assertThat(flag.get()).isTrue();
			assertThat(this.pool.stats().pending()).isZero();
		}
	}

	@Test
	void getConnectionWithCredentialsIsRejectedClearly() {
		start(config(1));
		assertThatThrownBy(() -> this.pool.getConnection("other", "secret"))
			.isInstanceOf(java.sql.SQLFeatureNotSupportedException.class)
			.hasMessageContaining("not supported")
			.hasMessageNotContaining("secret");
	}

	@Test
	void closeClosesIdleAndRefusesNewBorrows() throws Exception {
		start(config(3));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.stats().idle() == 3);
		this.pool.close();
		this.pool.close();
		assertThat(this.db.open()).isZero();
		assertThatThrownBy(() -> this.pool.getConnection()).isInstanceOf(SQLException.class)
			.hasMessageContaining("closed");
	}

	@Test
	void closeWaitsForBorrowedConnectionsThenAbortsThem() throws Exception {
		start(config(2).shutdownTimeout(Duration.ofMillis(100)));
		Connection held = this.pool.getConnection();
		StubConnection physical = held.unwrap(StubConnection.class);
		this.pool.close();
		assertThat(this.pool.stats().total()).isZero();
		// The abort runs on the pool's abort threads; close() does not wait for it.
		await().atMost(Duration.ofSeconds(10)).until(physical::isClosed);
		held.close(); // returning after shutdown is harmless
	}

	@Test
	void closeLetsABorrowerReturnWithinShutdownTimeout() throws Exception {
		start(config(1).shutdownTimeout(Duration.ofSeconds(30)));
		Connection held = this.pool.getConnection();
		CompletableFuture<Void> closing = CompletableFuture.runAsync(this.pool::close);
		await().atMost(Duration.ofSeconds(10)).until(this.pool::isClosed);
		assertThat(closing).isNotDone();
		held.close();
		closing.get(10, TimeUnit.SECONDS);
		assertThat(this.db.open()).isZero();
	}

	@Test
	void connectionInitSqlRunsOncePerNewConnection() throws SQLException {
		start(config(1).connectionInitSql("SET search_path TO app"));
		for (int i = 0; i < 3; i++) {
			try (Connection connection = this.pool.getConnection()) {
				connection.isValid(1);
			}
		}
		assertThat(this.db.connections().get(0).executedSql()).containsOnlyOnce("SET search_path TO app");
	}

	@Test
	void driverPropertiesAndCredentialsPassThrough() throws SQLException {
		start(config(1).username("app").password("s3cr3t").dataSourceProperty("sslmode", "disable"));
		assertThat(this.db.lastConnectProperties()).containsEntry("user", "app")
			.containsEntry("password", "s3cr3t")
			.containsEntry("sslmode", "disable");
	}

	@Test
	void wrappedDataSourceSuppliesConnections() throws SQLException {
		this.pool = new PoolDataSource(PoolConfig.builder().dataSource(this.db.dataSource()).maxSize(2).build());
		try (Connection connection = this.pool.getConnection()) {
			assertThat(connection.unwrap(StubConnection.class).database()).isSameAs(this.db);
		}
	}

	private Connection borrowUnchecked() {
		try {
			return this.pool.getConnection();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
