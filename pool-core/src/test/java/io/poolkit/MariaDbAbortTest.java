package io.poolkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.poolkit.testkit.MariaDbTestSupport;
import io.poolkit.testkit.LogCapture;
import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code abort()} and the shutdown abort on the real MariaDB (127.0.0.1:3306, or
 * {@code POOL_TEST_MARIADB_URL}): the server thread running the borrower's statement
 * ends, and its row locks are released, within about a second, however the driver's own
 * abort fares. MariaDB Connector/J sends {@code KILL} only when its abort finds a
 * statement running and the connection not yet closed; the pool closes an aborted
 * connection too, and a close that comes first only writes {@code COM_QUIT}, which the
 * server reads once the statement ends, so the driver's later abort did nothing. The pool
 * now ends a server thread still there after a short grace with {@code KILL}.
 */
@Timeout(120)
class MariaDbAbortTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private String table;

	private PoolDataSource pool;

	/** The server thread of the borrow under test. */
	private long threadId;

	@BeforeEach
	void setUp() throws SQLException {
		this.table = PostgresTestSupport.uniqueTableName("mariadb_abort");
		try (Connection admin = MariaDbTestSupport.admin()) {
			execute(admin, "CREATE TABLE " + this.table + " (id int PRIMARY KEY, who varchar(64)) ENGINE=InnoDB");
			execute(admin, "INSERT INTO " + this.table + " VALUES (1, 'before')");
		}
	}

	@AfterEach
	void tearDown() throws SQLException {
		if (this.pool != null) {
			this.pool.close();
		}
		try (Connection admin = MariaDbTestSupport.admin()) {
			// A server thread a failed test left behind would hold the table's
			// metadata lock.
			if (this.threadId != 0) {
				try {
					execute(admin, "KILL " + this.threadId);
				}
				catch (SQLException ex) {
					// gone, as it should be
				}
			}
			execute(admin, "SET SESSION lock_wait_timeout = 10");
			execute(admin, "DROP TABLE IF EXISTS " + this.table);
		}
	}

	private PoolConfig.Builder config() {
		return TestPools.mariaDb(PostgresTestSupport.uniqueName("mariadb-abort")).maxSize(1);
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static long query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static boolean threadAlive(long threadId) throws SQLException {
		try (Connection admin = MariaDbTestSupport.admin()) {
			return query(admin, "SELECT count(*) FROM information_schema.processlist WHERE id = " + threadId) > 0;
		}
	}

	/**
	 * Locks row 1 in a transaction, then runs {@code SELECT SLEEP(15)} on another thread
	 * and waits until the server runs it.
	 * @return the borrower's outcome
	 */
	private CompletableFuture<Throwable> lockAndSleep(Connection connection, long threadId) throws SQLException {
		this.threadId = threadId;
		connection.setAutoCommit(false);
		execute(connection, "UPDATE " + this.table + " SET who = 'aborted borrower' WHERE id = 1");
		CompletableFuture<Throwable> sleeper = new CompletableFuture<>();
		new Thread(() -> {
			try {
				execute(connection, "SELECT SLEEP(15)");
				sleeper.complete(null);
			}
			catch (SQLException ex) {
				sleeper.complete(ex);
			}
		}, "sleeper").start();
		try (Connection admin = MariaDbTestSupport.admin()) {
			await().atMost(WAIT)
				.until(() -> query(admin, "SELECT count(*) FROM information_schema.processlist WHERE id = " + threadId
						+ " AND info LIKE 'SELECT SLEEP%'") == 1);
		}
		return sleeper;
	}

	/**
	 * Within the bound the server thread is gone, and another session can update the row
	 * it had locked.
	 */
	private void assertThreadEndedWithin(long threadId, Duration bound) throws SQLException {
		await().atMost(bound).pollInterval(Duration.ofMillis(20)).until(() -> !threadAlive(threadId));
		try (Connection admin = MariaDbTestSupport.admin()) {
			execute(admin, "SET SESSION innodb_lock_wait_timeout = 1");
			execute(admin, "UPDATE " + this.table + " SET who = 'another session' WHERE id = 1");
		}
	}

	/**
	 * The abort runs on an executor of the caller's that gets to it late. The pool gave
	 * the slot up at once; had it closed the connection meanwhile (it did), the driver's
	 * abort would have found it closed and sent no {@code KILL}.
	 */
	@Test
	void anAbortThatRunsLateStillEndsTheServerThread() throws Exception {
		this.pool = new PoolDataSource(config().build());
		Connection connection = this.pool.getConnection();
		long threadId = query(connection, "SELECT connection_id()");
		Connection driver = connection.unwrap(org.mariadb.jdbc.Connection.class);
		CompletableFuture<Throwable> sleeper = lockAndSleep(connection, threadId);
		CompletableFuture<Void> ran = new CompletableFuture<>();
		Executor late = (task) -> new Thread(() -> {
			try {
				await().atMost(Duration.ofSeconds(1)).until(driver::isClosed);
			}
			catch (ConditionTimeoutException ex) {
				// not closed by the pool: as it should be
			}
			task.run();
			ran.complete(null);
		}, "late-abort").start();

		connection.abort(late);
		ran.get(10, TimeUnit.SECONDS);

		assertThreadEndedWithin(threadId, Duration.ofMillis(1500));
		AbortTest.assertConnectionFailure(sleeper.get(10, TimeUnit.SECONDS));
	}

	/**
	 * The driver's connection was closed behind the pool's back while its statement ran
	 * (a close writes only {@code COM_QUIT}, which the server reads when the statement
	 * ends): the driver's abort then does nothing, and the pool ends the server thread
	 * itself.
	 */
	@Test
	void whenTheDriversAbortEndsNothingThePoolKillsTheServerThread() throws Exception {
		this.pool = new PoolDataSource(config().build());
		Connection connection = this.pool.getConnection();
		long threadId = query(connection, "SELECT connection_id()");
		Connection driver = connection.unwrap(org.mariadb.jdbc.Connection.class);
		CompletableFuture<Throwable> sleeper = lockAndSleep(connection, threadId);
		driver.close();

		try (LogCapture log = LogCapture.poolkit()) {
			connection.abort(Runnable::run);

			assertThreadEndedWithin(threadId, Duration.ofMillis(1500));
			await().atMost(WAIT)
				.until(() -> log.warnings()
					.stream()
					.anyMatch((line) -> line.contains("server session " + threadId) && line.contains("KILL")));
		}
		// The test's own close of the driver's connection may end the statement first,
		// with the driver's 08000: that is no abort.
		assertThat(sleeper.get(10, TimeUnit.SECONDS)).isInstanceOf(SQLException.class);
	}

	@Test
	void abortEndsTheServerThreadAndReleasesItsLocks() throws Exception {
		this.pool = new PoolDataSource(config().build());
		Connection connection = this.pool.getConnection();
		long threadId = query(connection, "SELECT connection_id()");
		CompletableFuture<Throwable> sleeper = lockAndSleep(connection, threadId);

		connection.abort(Runnable::run);

		assertThreadEndedWithin(threadId, Duration.ofMillis(1500));
		AbortTest.assertConnectionFailure(sleeper.get(10, TimeUnit.SECONDS));
		try (Connection next = this.pool.getConnection()) {
			assertThat(query(next, "SELECT connection_id()")).isNotEqualTo(threadId);
		}
	}

	@Test
	void theShutdownAbortEndsTheServerThreadAndReleasesItsLocks() throws Exception {
		this.pool = new PoolDataSource(config().shutdownTimeout(Duration.ofMillis(200)).build());
		Connection connection = this.pool.getConnection();
		long threadId = query(connection, "SELECT connection_id()");
		CompletableFuture<Throwable> sleeper = lockAndSleep(connection, threadId);

		this.pool.close();

		assertThreadEndedWithin(threadId, Duration.ofMillis(1500));
		AbortTest.assertConnectionFailure(sleeper.get(10, TimeUnit.SECONDS));
	}

}
