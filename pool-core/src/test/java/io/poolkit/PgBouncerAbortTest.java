package io.poolkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.poolkit.testkit.FaultProxy;
import io.poolkit.testkit.PgBouncerServer;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code abort()}, the shutdown abort and the return's own abort behind a real PgBouncer
 * in transaction mode: the server backend behind it stops the statement and gives up its
 * locks within about a second. PgBouncer forwards a cancel request only while the client
 * that sent the statement is still connected, so the pool cancels before it closes the
 * socket; closing first left the statement running on the server, holding its locks.
 * <p>
 * PgBouncer leads to a database made for this test alone, so the one backend running the
 * borrower's statement there is the one the test watches.
 */
@Timeout(120)
class PgBouncerAbortTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private String database;

	private PgBouncerServer bouncer;

	private FaultProxy proxy;

	private PoolDataSource pool;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@BeforeEach
	void setUp() throws SQLException {
		this.database = PostgresTestSupport.createDatabase("poolkit_bouncer_abort");
		try (Connection admin = PostgresTestSupport.admin(this.database)) {
			execute(admin, "CREATE TABLE item (id int PRIMARY KEY, who text)");
			execute(admin, "INSERT INTO item VALUES (1, 'before')");
		}
		this.bouncer = PgBouncerServer.settings().targetDatabase(this.database).poolMode("transaction").start();
	}

	@AfterEach
	void tearDown() throws SQLException {
		if (this.pool != null) {
			this.pool.close();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
		this.threads.shutdownNow();
		if (this.bouncer != null) {
			this.bouncer.close();
		}
		PostgresTestSupport.dropDatabase(this.database);
	}

	private PoolConfig.Builder config(String url) {
		return PoolConfig.builder()
			.name(PostgresTestSupport.uniqueName("bouncer-abort"))
			.url(url)
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			.dataSourceProperty("sslmode", "disable")
			.pgbouncer(true)
			.maxSize(1);
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/** The server backend running {@code text} in the test's database, or 0. */
	private int backendRunning(String text) throws SQLException {
		try (Connection admin = PostgresTestSupport.admin(this.database);
				PreparedStatement query = admin.prepareStatement("SELECT pid FROM pg_stat_activity"
						+ " WHERE datname = current_database() AND state = 'active' AND query LIKE ?")) {
			query.setString(1, "%" + text + "%");
			try (ResultSet rows = query.executeQuery()) {
				return rows.next() ? rows.getInt(1) : 0;
			}
		}
	}

	/** What the backend does: its state, {@code null} once it is gone. */
	private String state(int pid) throws SQLException {
		try (Connection admin = PostgresTestSupport.admin(this.database);
				PreparedStatement query = admin.prepareStatement("SELECT state FROM pg_stat_activity WHERE pid = ?")) {
			query.setInt(1, pid);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

	private int locksHeldBy(int pid) throws SQLException {
		try (Connection admin = PostgresTestSupport.admin(this.database);
				PreparedStatement query = admin
					.prepareStatement("SELECT count(*) FROM pg_locks WHERE pid = ? AND locktype = 'transactionid'")) {
			query.setInt(1, pid);
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	/**
	 * Within the bound the backend runs nothing and holds no lock, and another session
	 * can update the row it had locked.
	 */
	private void assertBackendFreedWithin(int pid, Duration bound) throws SQLException {
		await().atMost(bound).pollInterval(Duration.ofMillis(20)).until(() -> {
			String state = state(pid);
			return (state == null || state.equals("idle")) && locksHeldBy(pid) == 0;
		});
		try (Connection admin = PostgresTestSupport.admin(this.database)) {
			execute(admin, "SET lock_timeout = '1s'");
			execute(admin, "UPDATE item SET who = 'another session' WHERE id = 1");
		}
	}

	/**
	 * Borrows through PgBouncer, locks row 1 in a transaction, then runs
	 * {@code pg_sleep(15)} on another thread.
	 * @return the server backend running it, and the borrower's outcome: the exception
	 * its statement ended with
	 */
	private Sleeping lockAndSleep(Connection connection) throws SQLException {
		Future<Throwable> borrower = this.threads.submit(() -> {
			connection.setAutoCommit(false);
			execute(connection, "UPDATE item SET who = 'aborted borrower' WHERE id = 1");
			try {
				execute(connection, "SELECT pg_sleep(15)");
				return (Throwable) null;
			}
			catch (SQLException ex) {
				return (Throwable) ex;
			}
		});
		await().atMost(WAIT).until(() -> backendRunning("pg_sleep(15)") != 0);
		return new Sleeping(backendRunning("pg_sleep(15)"), borrower);
	}

	private record Sleeping(int pid, Future<Throwable> borrower) {

		Throwable outcome() throws Exception {
			return this.borrower.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}

	}

	@Test
	void abortStopsTheStatementBehindPgBouncerAndReleasesItsLocks() throws Exception {
		this.pool = new PoolDataSource(config(this.bouncer.jdbcUrl()).build());
		Connection connection = this.pool.getConnection();
		Sleeping sleeping = lockAndSleep(connection);

		connection.abort(Runnable::run);

		assertBackendFreedWithin(sleeping.pid(), Duration.ofMillis(1500));
		AbortTest.assertConnectionFailure(sleeping.outcome());
		try (Connection next = this.pool.getConnection()) {
			execute(next, "SELECT 1");
		}
	}

	/**
	 * The network between the pool and PgBouncer goes silent while the statement runs:
	 * the cancel goes over a new connection, which gets through, and the socket's close
	 * ends the borrower's wait for an answer that can no longer come. (The attack that
	 * reported "execute returns normally" here had waited for the statement with a query
	 * that matched itself, so it aborted only after pg_sleep had ended by itself.)
	 */
	@Test
	void abortOfAConnectionWhoseLinkToPgBouncerWentSilentFailsTheBorrowerAndFreesTheBackend() throws Exception {
		this.proxy = FaultProxy.start("127.0.0.1", this.bouncer.port());
		this.pool = new PoolDataSource(config(this.proxy.jdbcUrl(this.bouncer.alias())).build());
		Connection connection = this.pool.getConnection();
		Sleeping sleeping = lockAndSleep(connection);
		this.proxy.stallCurrent();

		connection.abort(Runnable::run);

		AbortTest.assertConnectionFailure(sleeping.outcome());
		assertBackendFreedWithin(sleeping.pid(), Duration.ofMillis(1500));
		try (Connection next = this.pool.getConnection()) {
			execute(next, "SELECT 1");
		}
	}

	@Test
	void theShutdownAbortStopsTheStatementBehindPgBouncerAndReleasesItsLocks() throws Exception {
		this.pool = new PoolDataSource(config(this.bouncer.jdbcUrl()).shutdownTimeout(Duration.ofMillis(200)).build());
		Connection connection = this.pool.getConnection();
		Sleeping sleeping = lockAndSleep(connection);

		this.pool.close();

		assertBackendFreedWithin(sleeping.pid(), Duration.ofMillis(1500));
		AbortTest.assertConnectionFailure(sleeping.outcome());
	}

	/**
	 * The neighbour: the network to PgBouncer goes silent while the return rolls back.
	 * The return still ends within validation-timeout, its abort frees the server backend
	 * (the cancel goes over a new connection, the socket's close reaches PgBouncer), and
	 * the next borrower gets a working connection.
	 */
	@Test
	void aStallDuringTheRollbackOnReturnEndsWithinValidationTimeoutAndFreesTheBackend() throws Exception {
		this.proxy = FaultProxy.start("127.0.0.1", this.bouncer.port());
		this.pool = new PoolDataSource(
				config(this.proxy.jdbcUrl(this.bouncer.alias())).validationTimeout(Duration.ofSeconds(1))
					.connectionTimeout(Duration.ofSeconds(10))
					.build());
		Connection connection = this.pool.getConnection();
		connection.setAutoCommit(false);
		execute(connection, "UPDATE item SET who = 'left open' WHERE id = 1");
		int pid;
		try (Connection admin = PostgresTestSupport.admin(this.database);
				Statement statement = admin.createStatement();
				ResultSet rows = statement.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = "
						+ "current_database() AND state = 'idle in transaction'")) {
			assertThat(rows.next()).isTrue();
			pid = rows.getInt(1);
		}
		this.proxy.stallCurrent();

		long start = System.nanoTime();
		connection.close();
		long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

		assertThat(tookMillis).as("close() with validation-timeout 1 s").isLessThan(3_000);
		assertBackendFreedWithin(pid, Duration.ofMillis(1500));
		try (Connection next = this.pool.getConnection()) {
			execute(next, "SELECT 1");
			assertThat(next.getAutoCommit()).isTrue();
		}
	}

	/**
	 * The neighbour: the pool closes while the housekeeper validates an idle connection
	 * on a network to PgBouncer that went silent, new connections included, so the cancel
	 * sent first cannot get through either. close() still returns at once and the
	 * connection is gone.
	 */
	@Test
	void theShutdownAbortDoesNotWaitForAValidationInProgressBehindPgBouncer() throws Exception {
		this.proxy = FaultProxy.start("127.0.0.1", this.bouncer.port());
		this.pool = new PoolDataSource(
				config(this.proxy.jdbcUrl(this.bouncer.alias())).keepaliveInterval(Duration.ofMillis(100))
					.validationTimeout(Duration.ofSeconds(25))
					.connectionTimeout(Duration.ofSeconds(30))
					.shutdownTimeout(Duration.ofMillis(100))
					.build());
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 1);
		this.proxy.stall();
		// Reserved by the keepalive check: neither idle nor lent.
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 0 && this.pool.stats().active() == 0);

		long start = System.nanoTime();
		this.pool.close();
		long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

		assertThat(tookMillis).as("close() with shutdown-timeout 100 ms, validation-timeout 25 s").isLessThan(3_000);
		assertThat(this.pool.stats().total()).isZero();
		this.proxy.pass();
	}

}
