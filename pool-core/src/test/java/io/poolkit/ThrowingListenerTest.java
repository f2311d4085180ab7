package io.poolkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.poolkit.testkit.LogCapture;
import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A {@link PoolListener} that throws from every callback, on the real PostgreSQL: the
 * pool logs it, once per callback, and otherwise does exactly what it would have done.
 */
@Timeout(120)
class ThrowingListenerTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final String name = PostgresTestSupport.uniqueTableName("listener").replace('_', '-');

	private final ThrowingListener listener = new ThrowingListener();

	private PoolDataSource pool;

	@AfterEach
	void closePool() {
		if (this.pool != null) {
			this.pool.close();
		}
	}

	private PoolConfig.Builder config(int size) {
		return TestPools.postgres(this.name)
			.maxSize(size)
			.connectionTimeout(Duration.ofMillis(500))
			.listener(this.listener);
	}

	private static void query(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1");
		}
	}

	/**
	 * Before, the first borrow threw the listener's exception and left its slot lent to
	 * nobody; the next borrow timed out.
	 */
	@Test
	void borrowsReturnsTimeoutsAndLeaksGoOnAsIfTheListenerHadNotThrown() throws Exception {
		try (LogCapture log = LogCapture.poolkit()) {
			// Long enough that no borrow of the loop below counts as a leak on a loaded
			// machine.
			this.pool = new PoolDataSource(config(1).leakDetectionThreshold(Duration.ofSeconds(2)).build());
			for (int i = 0; i < 50; i++) {
				try (Connection connection = this.pool.getConnection()) {
					query(connection);
				}
			}
			try (Connection held = this.pool.getConnection()) {
				Throwable timeout = CompletableFuture.supplyAsync(() -> {
					try (Connection other = this.pool.getConnection()) {
						return null;
					}
					catch (Throwable ex) {
						return ex;
					}
				}).get(1, TimeUnit.MINUTES);
				assertThat(timeout).isInstanceOf(SQLTransientConnectionException.class)
					.hasMessageContaining("no connection available");
				await().atMost(WAIT).until(() -> this.pool.stats().leaks() == 1);
				query(held);
			}
			assertThat(this.pool.stats().active()).isZero();
			assertThat(this.listener.calls("connectionAcquired")).isEqualTo(51);
			assertThat(this.listener.calls("connectionReturned")).isEqualTo(51);
			assertThat(this.listener.calls("acquireTimedOut")).isEqualTo(1);
			assertThat(this.listener.calls("leakDetected")).isEqualTo(1);
			// One warning per callback, not one per call.
			for (String callback : List.of("connectionAcquired", "connectionReturned", "connectionCreated",
					"acquireTimedOut", "leakDetected")) {
				assertThat(log.warnings()).filteredOn((line) -> line.contains("threw from " + callback))
					.singleElement()
					.asString()
					.contains(ThrowingListener.class.getName())
					.contains("listener failed in " + callback);
			}
		}
	}

	/**
	 * Before, connectionClosed threw out of evictAll before the backend was closed, and
	 * close() left it open.
	 */
	@Test
	void evictAllAndCloseStillCloseEveryBackend() throws Exception {
		this.pool = new PoolDataSource(config(3).build());
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 3);
		assertThat(PostgresTestSupport.countBackends(this.name)).isEqualTo(3);
		assertThatNoException().isThrownBy(this.pool::evictAll);
		await().atMost(WAIT).until(() -> this.listener.calls("connectionClosed") >= 3);
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 3);
		assertThatNoException().isThrownBy(this.pool::close);
		assertThat(this.pool.stats().total()).isZero();
		await().atMost(WAIT).until(() -> PostgresTestSupport.countBackends(this.name) == 0);
	}

	/**
	 * Before, connectionCreated threw after the connection was open: it was counted as a
	 * failure and never closed; connectionCreationFailed threw out of the connector and
	 * no retry was ever scheduled.
	 */
	@Test
	void connectsAndRetriesGoOnAsIfTheListenerHadNotThrown() throws Exception {
		this.pool = new PoolDataSource(config(2).build());
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 2);
		assertThat(PostgresTestSupport.countBackends(this.name)).isEqualTo(2);
		this.pool.close();
		this.pool = new PoolDataSource(
				config(2).url(PostgresTestSupport.databaseUrl(PostgresTestSupport.uniqueTableName("no_such_database")))
					.initializationTimeout(Duration.ZERO)
					.build());
		assertThatThrownBy(() -> this.pool.getConnection()).isInstanceOf(SQLTransientConnectionException.class)
			.hasMessageContaining("3D000");
		int attempts = this.listener.calls("connectionCreationFailed");
		assertThatThrownBy(() -> this.pool.getConnection()).isInstanceOf(SQLTransientConnectionException.class);
		await().atMost(WAIT).until(() -> this.listener.calls("connectionCreationFailed") > attempts);
	}

	/**
	 * Only connectionAcquired throws: before, the borrower got the listener's exception
	 * and the slot stayed lent to nobody.
	 */
	@Test
	void aThrowingConnectionAcquiredLeavesNoSlotStuck() throws Exception {
		this.listener.only("connectionAcquired");
		this.pool = new PoolDataSource(config(1).build());
		for (int i = 0; i < 3; i++) {
			try (Connection connection = this.pool.getConnection()) {
				query(connection);
			}
		}
		assertThat(this.listener.calls("connectionAcquired")).isEqualTo(3);
		assertThat(this.pool.stats().idle()).isEqualTo(1);
	}

	/**
	 * Only connectionClosed throws: before, it threw out of evictAll and close() before
	 * the backends were closed.
	 */
	@Test
	void aThrowingConnectionClosedLeavesNoBackendOpen() throws Exception {
		this.listener.only("connectionClosed");
		this.pool = new PoolDataSource(config(2).build());
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 2);
		this.pool.evictAll();
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 2);
		this.pool.close();
		await().atMost(WAIT).until(() -> PostgresTestSupport.countBackends(this.name) == 0);
		assertThat(this.listener.calls("connectionClosed")).isEqualTo(4);
	}

	/** Throws from every callback (or from those chosen), and counts the calls. */
	static final class ThrowingListener implements PoolListener {

		private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

		private volatile String only;

		void only(String callback) {
			this.only = callback;
		}

		int calls(String callback) {
			AtomicInteger count = this.calls.get(callback);
			return (count != null) ? count.get() : 0;
		}

		private void fail(String callback) {
			this.calls.computeIfAbsent(callback, (key) -> new AtomicInteger()).incrementAndGet();
			String chosen = this.only;
			if (chosen == null || chosen.equals(callback)) {
				throw new IllegalStateException("listener failed in " + callback);
			}
		}

		@Override
		public void connectionAcquired(long waitNanos) {
			fail("connectionAcquired");
		}

		@Override
		public void connectionReturned(long heldNanos) {
			fail("connectionReturned");
		}

		@Override
		public void connectionCreated(long creationNanos) {
			fail("connectionCreated");
		}

		@Override
		public void connectionCreationFailed(ConnectionErrorKind kind, SQLException error) {
			fail("connectionCreationFailed");
		}

		@Override
		public void acquireTimedOut(long waitNanos) {
			fail("acquireTimedOut");
		}

		@Override
		public void connectionClosed(CloseReason reason) {
			fail("connectionClosed");
		}

		@Override
		public void leakDetected(String holderThread, long heldNanos) {
			fail("leakDetected");
		}

	}

}
