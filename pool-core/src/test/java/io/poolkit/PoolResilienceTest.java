package io.poolkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
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

import io.poolkit.testkit.LogCapture;
import io.poolkit.testkit.RecordingListener;
import io.poolkit.testkit.StubConnection;
import io.poolkit.testkit.StubDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Keeping connections healthy on the stub driver: validation, broken-connection
 * detection, retirement, creation back-off, suspend/resume, eviction, credentials and
 * leak reports.
 */
class PoolResilienceTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final StubDatabase db = StubDatabase.create();

	private final RecordingListener events = new RecordingListener();

	private PoolDataSource pool;

	@AfterEach
	void closePool() {
		if (this.pool != null) {
			this.pool.close();
		}
	}

	private PoolConfig.Builder config(int maxSize) {
		return PoolConfig.builder()
			.name("resilience")
			.url(this.db.url())
			.maxSize(maxSize)
			.listener(this.events)
			.connectionTimeout(Duration.ofSeconds(20));
	}

	private PoolDataSource start(PoolConfig.Builder builder) {
		this.pool = new PoolDataSource(builder.build());
		return this.pool;
	}

	private void awaitIdle(int idle) {
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == idle);
	}

	private static void query(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.executeQuery("SELECT 1").close();
		}
	}

	@Test
	void deadIdleConnectionsFailValidationAndAreReplacedWithinTheBorrow() throws SQLException {
		start(config(3).validationBypass(Duration.ZERO));
		awaitIdle(3);
		this.db.killAll();
		for (int i = 0; i < 10; i++) {
			try (Connection connection = this.pool.getConnection()) {
				query(connection);
			}
		}
		assertThat(this.events.closed(CloseReason.VALIDATION)).isGreaterThanOrEqualTo(1);
		assertThat(this.db.opened()).isGreaterThan(3);
	}

	@Test
	void validationQueryIsUsedWhenConfigured() throws SQLException {
		start(config(1).validationBypass(Duration.ZERO).validationQuery("SELECT 42"));
		try (Connection connection = this.pool.getConnection()) {
			assertThat(connection.unwrap(StubConnection.class).executedSql()).contains("SELECT 42");
		}
	}

	@Test
	void brokenConnectionIsClosedOnReturnAndNeverLentAgain() throws SQLException {
		start(config(2).validationBypass(Duration.ofHours(1)));
		awaitIdle(2);
		StubConnection broken;
		try (Connection connection = this.pool.getConnection()) {
			broken = connection.unwrap(StubConnection.class);
			this.db.kill(broken);
			assertThatThrownBy(() -> query(connection)).isInstanceOf(SQLException.class)
				.extracting((ex) -> ((SQLException) ex).getSQLState())
				.isEqualTo("08006");
		}
		assertThat(this.events.closed(CloseReason.BROKEN)).isEqualTo(1);
		await().atMost(WAIT).until(broken::isClosed); // closed in the background, off the
														// borrower's thread
		for (int i = 0; i < 20; i++) {
			try (Connection connection = this.pool.getConnection()) {
				assertThat(connection.unwrap(StubConnection.class)).isNotSameAs(broken);
			}
		}
		awaitIdle(2);
	}

	@Test
	void afterASignTheServerWentAwayIdleConnectionsAreCheckedBeforeLending() throws SQLException {
		start(config(4).validationBypass(Duration.ofHours(1)));
		awaitIdle(4);
		this.db.killAll(); // the server restarted: every connection is dead, the pool
							// does not know yet
		try (Connection first = this.pool.getConnection()) {
			assertThatThrownBy(() -> query(first)).isInstanceOf(SQLException.class);
		}
		// The first failure is the sign: no later borrower gets one of the dead
		// connections.
		for (int i = 0; i < 20; i++) {
			try (Connection connection = this.pool.getConnection()) {
				query(connection);
			}
		}
		// Holding all four at once takes every slot, dead ones included: each is
		// validated and replaced first.
		List<Connection> all = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			all.add(this.pool.getConnection());
		}
		for (Connection connection : all) {
			query(connection);
			connection.close();
		}
		assertThat(this.events.closed(CloseReason.VALIDATION)).isEqualTo(3);
	}

	@Test
	void idleConnectionsAboveMinIdleAreClosedAfterIdleTimeout() throws Exception {
		start(config(4).minIdle(1).idleTimeout(Duration.ofMillis(100)).keepaliveInterval(Duration.ZERO));
		List<Connection> held = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			held.add(this.pool.getConnection());
		}
		for (Connection connection : held) {
			connection.close();
		}
		await().atMost(WAIT).until(() -> this.pool.stats().total() == 1);
		assertThat(this.events.closed(CloseReason.IDLE)).isEqualTo(3);
		assertThat(this.db.open()).isEqualTo(1);
	}

	@Test
	void connectionsAreRetiredAndReplacedAtTheirLifetime() {
		start(config(3).maxLifetime(Duration.ofMillis(200)).lifetimeJitter(0.5).idleTimeout(Duration.ZERO));
		await().atMost(WAIT).until(() -> this.events.closed(CloseReason.LIFETIME) >= 6);
		awaitIdle(3);
		assertThat(this.db.opened()).isGreaterThanOrEqualTo(9);
	}

	@Test
	void borrowedConnectionPastItsLifetimeRetiresWhenReturned() throws SQLException {
		start(config(1).maxLifetime(Duration.ofMillis(150)).lifetimeJitter(0).idleTimeout(Duration.ZERO));
		StubConnection first;
		try (Connection connection = this.pool.getConnection()) {
			first = connection.unwrap(StubConnection.class);
			long borrowed = System.nanoTime();
			// Hold it well past its lifetime (time has to pass for this feature); the
			// pool must not close it under
			// the borrower.
			await().atMost(WAIT)
				.until(() -> System.nanoTime() - borrowed > TimeUnit.MILLISECONDS.toNanos(300) && first.isValid(1));
			assertThat(first.isClosed()).isFalse();
		}
		await().atMost(WAIT).until(first::isClosed);
		assertThat(this.events.closed(CloseReason.LIFETIME)).isEqualTo(1);
	}

	@Test
	void keepaliveValidatesIdleConnectionsAndReplacesDeadOnes() {
		start(config(2).keepaliveInterval(Duration.ofMillis(50)).idleTimeout(Duration.ZERO));
		awaitIdle(2);
		await().atMost(WAIT).until(() -> this.db.connections().stream().allMatch((c) -> c.isValidCalls() >= 2));
		this.db.killAll();
		// No borrower involved: the keepalive finds them dead and the pool refills.
		await().atMost(WAIT).until(() -> this.events.closed(CloseReason.VALIDATION) == 2);
		awaitIdle(2);
		assertThat(this.db.opened()).isEqualTo(4);
	}

	@Test
	void whileTheDatabaseIsDownConnectsAreFewAndOneAtATime() throws Exception {
		this.db.failConnects(() -> new SQLException("Connection refused", "08001"));
		start(config(10).initializationTimeout(Duration.ZERO).connectionTimeout(Duration.ofSeconds(2)));
		long start = System.nanoTime();
		ExecutorService threads = Executors.newFixedThreadPool(20);
		List<Future<Throwable>> borrowers = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			borrowers.add(threads.submit(this::borrowFailure));
		}
		for (Future<Throwable> borrower : borrowers) {
			assertThat(borrower.get(1, TimeUnit.MINUTES)).isInstanceOf(SQLTransientConnectionException.class)
				.hasMessageContaining("Connection refused");
		}
		threads.shutdown();
		long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		// The first wave (min-idle) plus one attempt per back-off step: the back-off
		// starts at 100 ms and doubles,
		// capped at half the connection-timeout, so attempts are bounded by the time that
		// passed, not by the number
		// of borrowers that failed.
		int bound = 10 + 1 + (int) (elapsedMillis / 100);
		assertThat(this.db.connectAttempts()).isLessThanOrEqualTo(bound).isLessThan(10 + 20);
		assertThat(this.events.failures(ConnectionErrorKind.REFUSED)).isEqualTo(this.db.connectAttempts());
		// While failing, connects are probed one at a time.
		this.db.blockConnects();
		await().atMost(WAIT).until(() -> this.db.blockedConnects() == 1);
		CompletableFuture<Throwable> more = CompletableFuture.supplyAsync(this::borrowFailure);
		await().atMost(WAIT).until(() -> this.pool.stats().pending() == 1);
		assertThat(this.db.blockedConnects()).isEqualTo(1);
		this.db.acceptConnects();
		this.db.releaseConnects();
		assertThat(more.get(1, TimeUnit.MINUTES)).isNull();
		awaitIdle(10);
	}

	@Test
	void authenticationFailureIsReportedAsSuchAndRetriedSlowly() throws Exception {
		this.db.failConnects(() -> new SQLException("password authentication failed for user \"app\"", "28P01"));
		start(config(2).initializationTimeout(Duration.ZERO).connectionTimeout(Duration.ofMillis(500)));
		assertThatThrownBy(() -> this.pool.getConnection()).isInstanceOf(SQLTransientConnectionException.class)
			.hasMessageContaining("28P01");
		PoolConnectionError error = this.pool.stats().lastConnectionError();
		assertThat(error.kind()).isEqualTo(ConnectionErrorKind.AUTH);
		assertThat(error.sqlState()).isEqualTo("28P01");
		assertThat(this.events.failures(ConnectionErrorKind.AUTH)).isEqualTo(this.db.connectAttempts());
		// An auth failure backs off at once to the longest step: no tight loop within one
		// borrow's wait.
		assertThat(this.db.connectAttempts()).isLessThanOrEqualTo(4);
	}

	@Test
	void suspendMakesBorrowersWaitUntilResume() throws Exception {
		start(config(1));
		awaitIdle(1);
		this.pool.suspend();
		assertThat(this.pool.stats().suspended()).isTrue();
		CompletableFuture<Throwable> borrower = CompletableFuture.supplyAsync(this::borrowFailure);
		await().atMost(WAIT).until(() -> this.pool.stats().pending() == 1);
		assertThat(borrower).isNotDone();
		this.pool.resume();
		assertThat(borrower.get(1, TimeUnit.MINUTES)).isNull();
	}

	@Test
	void suspendedBorrowTimesOutSayingWhy() {
		start(config(1).connectionTimeout(Duration.ofMillis(100)));
		this.pool.suspend();
		assertThatThrownBy(() -> this.pool.getConnection()).isInstanceOf(SQLTransientConnectionException.class)
			.hasMessageContaining("suspended");
	}

	@Test
	void evictAllClosesIdleNowAndBorrowedOnReturnThenRefills() throws SQLException {
		start(config(3));
		awaitIdle(3);
		Connection held = this.pool.getConnection();
		StubConnection heldPhysical = held.unwrap(StubConnection.class);
		this.pool.evictAll();
		await().atMost(WAIT).until(() -> this.events.closed(CloseReason.EVICTED) == 2);
		assertThat(heldPhysical.isClosed()).isFalse();
		held.close();
		await().atMost(WAIT).until(heldPhysical::isClosed);
		assertThat(this.events.closed(CloseReason.EVICTED)).isEqualTo(3);
		awaitIdle(3);
		assertThat(this.db.opened()).isEqualTo(6);
	}

	@Test
	void credentialsSupplierIsAskedForEveryNewConnection() throws SQLException {
		AtomicInteger calls = new AtomicInteger();
		start(config(2).credentialsSupplier(() -> new Credentials("iam-user", "token-" + calls.incrementAndGet())));
		awaitIdle(2);
		assertThat(calls).hasValue(2);
		assertThat(this.db.connections()).extracting((c) -> c.connectProperties().getProperty("password"))
			.containsExactlyInAnyOrder("token-1", "token-2");
		this.pool.evictAll();
		awaitIdle(2);
		assertThat(calls).hasValue(4);
		assertThat(this.db.lastConnectProperties().getProperty("user")).isEqualTo("iam-user");
	}

	@Test
	void leakIsReportedOnceWithTheBorrowStackAndItsReturnIsLogged() throws SQLException {
		start(config(1).leakDetectionThreshold(Duration.ofMillis(50)));
		try (LogCapture log = LogCapture.poolkit()) {
			try (Connection leaked = this.pool.getConnection()) {
				await().atMost(WAIT).until(() -> this.pool.stats().leaks() == 1);
				List<BorrowedConnection> borrowed = this.pool.borrowedConnections();
				assertThat(borrowed).singleElement().satisfies((b) -> {
					assertThat(b.holderThread()).isEqualTo(Thread.currentThread().getName());
					assertThat(b.borrowStack()[0].getMethodName())
						.isEqualTo("leakIsReportedOnceWithTheBorrowStackAndItsReturnIsLogged");
				});
			}
			assertThat(this.events.leakHolders()).containsExactly(Thread.currentThread().getName());
			assertThat(log.warnings()).singleElement()
				.asString()
				.contains("held by thread '" + Thread.currentThread().getName() + "'")
				.contains("leak-detection-threshold 50 ms")
				.contains("PoolResilienceTest.leakIsReportedOnceWithTheBorrowStackAndItsReturnIsLogged");
			assertThat(log.lines()).anyMatch((line) -> line.contains("reported as a possible leak was returned"));
		}
		assertThat(this.pool.stats().leaks()).isEqualTo(1);
	}

	@Test
	void listenerSeesBorrowsReturnsCreationsAndTimeouts() throws Exception {
		start(config(1).connectionTimeout(Duration.ofMillis(100)));
		try (Connection connection = this.pool.getConnection()) {
			for (int i = 0; i < 2; i++) {
				assertThat(CompletableFuture.supplyAsync(this::borrowFailure).get())
					.isInstanceOf(SQLTransientConnectionException.class);
			}
		}
		assertThat(this.events.created()).isEqualTo(1);
		assertThat(this.events.acquired()).isEqualTo(1);
		assertThat(this.events.returned()).isEqualTo(1);
		assertThat(this.events.timeouts()).isEqualTo(2);
	}

	@Test
	void mbeanPublishesStatsAndOperations() throws Exception {
		start(config(2).name("jmx-pool").registerMbeans(true));
		awaitIdle(2);
		javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
		javax.management.ObjectName name = new javax.management.ObjectName("io.poolkit:type=Pool,name=\"jmx-pool\"");
		assertThat(server.getAttribute(name, "TotalConnections")).isEqualTo(2);
		assertThat(server.getAttribute(name, "IdleConnections")).isEqualTo(2);
		server.invoke(name, "suspend", null, null);
		assertThat(this.pool.stats().suspended()).isTrue();
		server.invoke(name, "resume", null, null);
		server.invoke(name, "evictAll", null, null);
		await().atMost(WAIT).until(() -> this.events.closed(CloseReason.EVICTED) == 2);
		this.pool.close();
		assertThat(server.isRegistered(name)).isFalse();
	}

	private Throwable borrowFailure() {
		try (Connection connection = this.pool.getConnection()) {
			return null;
		}
		catch (SQLException ex) {
			return ex;
		}
	}

}
