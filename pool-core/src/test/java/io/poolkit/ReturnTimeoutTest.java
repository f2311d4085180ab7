package io.poolkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.poolkit.testkit.FaultProxy;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.CopyOut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11, point 4, on the real PostgreSQL: {@code close()} on a borrowed connection
 * returns within {@code validation-timeout} whatever blocks its cleanup — a COPY left in
 * progress, a stalled network during the rollback, another thread's call holding the
 * driver's lock. The connection is then aborted, never lent again and replaced; the event
 * says why; the returning thread's interrupt status is what it was.
 */
@Timeout(120)
class ReturnTimeoutTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);

	/**
	 * What "returns within validation-timeout" allows on top: the watchdog's own
	 * scheduling on a busy 2-core machine.
	 */
	private static final long MARGIN_MILLIS = 1_500;

	private String table;

	private String name;

	private PoolDataSource pool;

	private FaultProxy proxy;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@BeforeEach
	void setUp() throws SQLException {
		this.table = PostgresTestSupport.uniqueTableName("return_timeout");
		this.name = PostgresTestSupport.uniqueTableName("return-timeout");
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE TABLE " + this.table + " (id int PRIMARY KEY, who text)");
		}
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
		PostgresTestSupport.terminateBackends(this.name);
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + this.table);
		}
	}

	private PoolConfig.Builder config(String url) {
		return PoolConfig.builder()
			.name(this.name)
			.url(url)
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			.maxSize(1)
			.validationTimeout(VALIDATION_TIMEOUT);
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private int rows() throws SQLException {
		try (Connection admin = PostgresTestSupport.admin();
				Statement statement = admin.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + this.table)) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/** What the thread saw around its close(). */
	private record Closed(long millis, boolean interruptedAfter) {
	}

	/** Closes on a thread of its own, so a hang fails the test instead of stalling it. */
	private Closed closeOnItsOwnThread(Connection connection, boolean interruptedBefore) throws Exception {
		return closeOn(this.threads, connection, interruptedBefore);
	}

	/**
	 * Virtual threads where the JDK has them (21+): there an interrupt pending during
	 * socket I/O closes the socket, so a return that kept the interrupt would lose the
	 * connection.
	 */
	private static ExecutorService virtualThreadsWhereAvailable() {
		try {
			return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
		}
		catch (ReflectiveOperationException ex) {
			return Executors.newCachedThreadPool();
		}
	}

	private Closed closeOn(ExecutorService executor, Connection connection, boolean interruptedBefore)
			throws Exception {
		Callable<Closed> close = () -> {
			if (interruptedBefore) {
				Thread.currentThread().interrupt();
			}
			long start = System.nanoTime();
			connection.close();
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			return new Closed(millis, Thread.interrupted());
		};
		return executor.submit(close).get(VALIDATION_TIMEOUT.toMillis() + 10_000, TimeUnit.MILLISECONDS);
	}

	private void assertDiscardedAndReplaced(int pid) throws SQLException {
		try (Connection next = this.pool.getConnection()) {
			assertThat(PostgresTestSupport.backendPid(next))
				.as("a fresh connection, never the one that could not be cleaned")
				.isNotEqualTo(pid);
		}
		assertThat(this.pool.recentEvents()).anySatisfy((event) -> {
			assertThat(event.type()).isEqualTo("closed");
			assertThat(event.detail()).contains("validation-timeout (1000 ms)").contains("aborted");
		});
	}

	@Test
	void closeWithACopyLeftInProgressReturnsWithinValidationTimeout() throws Exception {
		this.pool = new PoolDataSource(config(PostgresTestSupport.url()).build());
		Connection connection = this.pool.getConnection();
		int pid = PostgresTestSupport.backendPid(connection);
		CopyOut copy = connection.unwrap(PGConnection.class)
			.getCopyAPI()
			.copyOut("COPY (SELECT g FROM generate_series(1, 10000000) g) TO STDOUT");
		assertThat(copy.readFromCopy()).isNotEmpty();

		Closed closed = closeOnItsOwnThread(connection, false);

		assertThat(closed.millis()).isLessThan(VALIDATION_TIMEOUT.toMillis() + MARGIN_MILLIS);
		assertThat(closed.interruptedAfter()).as("the watchdog's interrupt was taken back").isFalse();
		assertDiscardedAndReplaced(pid);
		await().atMost(WAIT).until(() -> !PostgresTestSupport.backendExists(pid));
	}

	@Test
	void aThreadInterruptedBeforeCloseStaysInterruptedWhenTheWatchdogFires() throws Exception {
		this.pool = new PoolDataSource(config(PostgresTestSupport.url()).build());
		Connection connection = this.pool.getConnection();
		int pid = PostgresTestSupport.backendPid(connection);
		CopyOut copy = connection.unwrap(PGConnection.class)
			.getCopyAPI()
			.copyOut("COPY (SELECT g FROM generate_series(1, 10000000) g) TO STDOUT");
		copy.readFromCopy();

		ExecutorService virtual = virtualThreadsWhereAvailable();
		Closed closed = closeOn(virtual, connection, true);
		virtual.shutdown();

		assertThat(closed.millis()).isLessThan(VALIDATION_TIMEOUT.toMillis() + MARGIN_MILLIS);
		assertThat(closed.interruptedAfter()).isTrue();
		assertDiscardedAndReplaced(pid);
	}

	@Test
	void aStallDuringTheRollbackOnReturnIsCutShortAndNothingIsCommitted() throws Exception {
		this.proxy = PostgresTestSupport.startProxy();
		this.pool = new PoolDataSource(config(this.proxy.jdbcUrl(PostgresTestSupport.database())).build());
		Connection connection = this.pool.getConnection();
		int pid = PostgresTestSupport.backendPid(connection);
		connection.setAutoCommit(false);
		execute(connection, "INSERT INTO " + this.table + " VALUES (1, 'never committed')");
		this.proxy.stall();

		Closed closed = closeOnItsOwnThread(connection, false);

		assertThat(closed.millis()).isLessThan(VALIDATION_TIMEOUT.toMillis() + MARGIN_MILLIS);
		assertThat(closed.interruptedAfter()).isFalse();
		this.proxy.pass();
		assertDiscardedAndReplaced(pid);
		await().atMost(WAIT).until(() -> !PostgresTestSupport.backendExists(pid));
		assertThat(rows()).isZero();
	}

	/**
	 * Starts {@code SELECT pg_sleep(30)} on another thread through {@code connection} and
	 * waits until the server runs it.
	 */
	private Future<Throwable> sleepOnAnotherThread(Connection connection, int pid) throws SQLException {
		return sleepOnAnotherThread(connection.createStatement(), pid);
	}

	/**
	 * Starts {@code SELECT pg_sleep(30)} on another thread through {@code statement} and
	 * waits until the server runs it.
	 * @return the statement's error, or {@code null} if it ended normally
	 */
	private Future<Throwable> sleepOnAnotherThread(Statement statement, int pid) {
		Future<Throwable> sleeper = this.threads.submit(() -> sleep(statement));
		awaitRunning(pid);
		return sleeper;
	}

	private static Throwable sleep(Statement statement) {
		try {
			statement.execute("SELECT pg_sleep(30)");
			return null;
		}
		catch (SQLException ex) {
			return ex;
		}
	}

	/**
	 * Waits until the server runs {@code SELECT pg_sleep(..)} on the backend {@code pid}.
	 */
	private static void awaitRunning(int pid) {
		await().atMost(WAIT).until(() -> {
			try (Connection admin = PostgresTestSupport.admin();
					PreparedStatement query = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity"
							+ " WHERE pid = ? AND state = 'active' AND query LIKE 'SELECT pg_sleep%'")) {
				query.setInt(1, pid);
				try (ResultSet rows = query.executeQuery()) {
					rows.next();
					return rows.getInt(1) == 1;
				}
			}
		});
	}

	/**
	 * Another thread runs a statement on the driver's own connection, holding pgjdbc's
	 * lock; the return's restore of the settings waits for that lock until the watchdog
	 * aborts the connection, which ends the other thread's statement too.
	 */
	@Test
	void anotherThreadsCallInsideTheDriverCannotHoldTheReturnUp() throws Exception {
		this.pool = new PoolDataSource(config(PostgresTestSupport.url()).build());
		Connection connection = this.pool.getConnection();
		int pid = PostgresTestSupport.backendPid(connection);
		Connection driver = (Connection) connection.unwrap(PGConnection.class);
		Future<Throwable> sleeper = sleepOnAnotherThread(driver, pid);

		Closed closed = closeOnItsOwnThread(connection, false);

		assertThat(closed.millis()).isLessThan(VALIDATION_TIMEOUT.toMillis() + MARGIN_MILLIS);
		assertThat(closed.interruptedAfter()).isFalse();
		assertThat(sleeper.get(10, TimeUnit.SECONDS)).isInstanceOf(SQLException.class);
		assertDiscardedAndReplaced(pid);
		await().atMost(Duration.ofSeconds(5)).until(() -> !PostgresTestSupport.backendExists(pid));
	}

	/**
	 * The same through one of the borrow's own statements: closing the statements left
	 * open is the return's first step, and pgjdbc cancels a statement that is closed
	 * while it runs, so the return ends promptly with a clean connection.
	 */
	@Test
	void anotherThreadsStatementOfTheBorrowIsCancelledByTheReturn() throws Exception {
		this.pool = new PoolDataSource(config(PostgresTestSupport.url()).build());
		Connection connection = this.pool.getConnection();
		int pid = PostgresTestSupport.backendPid(connection);
		Future<Throwable> sleeper = sleepOnAnotherThread(connection, pid);

		Closed closed = closeOnItsOwnThread(connection, false);

		assertThat(closed.millis()).isLessThan(VALIDATION_TIMEOUT.toMillis() + MARGIN_MILLIS);
		assertThat(sleeper.get(10, TimeUnit.SECONDS)).isInstanceOf(SQLException.class)
			.extracting((ex) -> ((SQLException) ex).getSQLState())
			.isEqualTo("57014");
	}

	/**
	 * The cancel of the borrow's statement meets a stalled network: pgjdbc sends it over
	 * a socket of its own and waits up to its {@code cancelSignalTimeout} (10 s), which
	 * neither the watchdog's interrupt nor its abort reaches. The return sends it from
	 * another thread, so {@code close()} still ends at the deadline; the connection is
	 * aborted and replaced, and the transaction it held is never committed.
	 */
	@Test
	void theCancelOfAnotherThreadsStatementOnAStalledNetworkCannotHoldTheReturnUp() throws Exception {
		startThroughProxy();
		Connection connection = this.pool.getConnection();
		int pid = PostgresTestSupport.backendPid(connection);
		insertUncommitted(connection);
		Future<Throwable> sleeper = sleepOnAnotherThread(connection, pid);

		assertAStalledCloseEndsAtTheDeadline(connection, pid, sleeper);
	}

	/** A pool of one connection through the fault proxy. */
	private void startThroughProxy() throws SQLException {
		this.proxy = PostgresTestSupport.startProxy();
		this.pool = new PoolDataSource(config(this.proxy.jdbcUrl(PostgresTestSupport.database())).build());
	}

	private void insertUncommitted(Connection connection) throws SQLException {
		connection.setAutoCommit(false);
		execute(connection, "INSERT INTO " + this.table + " VALUES (1, 'never committed')");
	}

	/**
	 * Stalls the network while {@code running} runs a statement on {@code connection},
	 * closes the connection, and checks that {@code close()} ended at the deadline, the
	 * statement failed, the connection was replaced and nothing was committed.
	 */
	private void assertAStalledCloseEndsAtTheDeadline(Connection connection, int pid, Future<Throwable> running)
			throws Exception {
		this.proxy.stall();

		Closed closed = closeOnItsOwnThread(connection, false);

		assertThat(closed.millis()).isLessThan(VALIDATION_TIMEOUT.toMillis() + MARGIN_MILLIS);
		assertThat(closed.interruptedAfter()).isFalse();
		this.proxy.pass();
		assertThat(running.get(30, TimeUnit.SECONDS)).isInstanceOf(SQLException.class);
		assertDiscardedAndReplaced(pid);
		await().atMost(WAIT).until(() -> !PostgresTestSupport.backendExists(pid));
		assertThat(rows()).isZero();
	}

	/** What the borrowing thread of the test below hands to the thread that closes. */
	private record Borrowed(Connection connection, int pid) {
	}

	/**
	 * The same with the roles swapped: the borrowing thread runs the statement, and
	 * another thread (an application's request timeout) closes the connection.
	 */
	@Test
	void aCloseFromAnotherThreadWhileTheBorrowerRunsAStatementOnAStalledNetworkEndsAtTheDeadline() throws Exception {
		startThroughProxy();
		CompletableFuture<Borrowed> borrowed = new CompletableFuture<>();
		Future<Throwable> borrower = this.threads.submit(() -> {
			Connection connection = this.pool.getConnection();
			insertUncommitted(connection);
			borrowed.complete(new Borrowed(connection, PostgresTestSupport.backendPid(connection)));
			return sleep(connection.createStatement());
		});
		Borrowed borrow = borrowed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		awaitRunning(borrow.pid());

		assertAStalledCloseEndsAtTheDeadline(borrow.connection(), borrow.pid(), borrower);
	}

	/**
	 * The same through the driver's own statement, unwrapped from one of the borrow's and
	 * run on another thread outside the in-flight guard: the return's close of that
	 * statement is what cancels it (pgjdbc's {@code close()} cancels a running
	 * statement), on a stalled network too.
	 */
	@Test
	void closingAnUnwrappedDriverStatementStillRunningOnAStalledNetworkCannotHoldTheReturnUp() throws Exception {
		startThroughProxy();
		Connection connection = this.pool.getConnection();
		int pid = PostgresTestSupport.backendPid(connection);
		insertUncommitted(connection);
		Statement driverStatement = (Statement) connection.createStatement().unwrap(PGStatement.class);
		Future<Throwable> sleeper = sleepOnAnotherThread(driverStatement, pid);

		assertAStalledCloseEndsAtTheDeadline(connection, pid, sleeper);
	}

	@Test
	void anInterruptedThreadStillReturnsACleanConnectionAndKeepsItsInterrupt() throws Exception {
		this.pool = new PoolDataSource(config(PostgresTestSupport.url()).build());
		Connection connection = this.pool.getConnection();
		int pid = PostgresTestSupport.backendPid(connection);
		connection.setAutoCommit(false);
		execute(connection, "INSERT INTO " + this.table + " VALUES (1, 'never committed')");

		ExecutorService virtual = virtualThreadsWhereAvailable();
		Closed closed = closeOn(virtual, connection, true);
		virtual.shutdown();

		assertThat(closed.interruptedAfter()).isTrue();
		try (Connection next = this.pool.getConnection()) {
			assertThat(PostgresTestSupport.backendPid(next)).as("cleaned and lent again").isEqualTo(pid);
		}
		assertThat(rows()).isZero();
	}

	/**
	 * Returns that need a round trip, with a deadline as short as their own duration:
	 * some finish first, some are cut short. A watchdog that fired late would interrupt
	 * this thread after its close() had returned, and its next borrow (which waits for
	 * the replacement connection) would fail as interrupted.
	 */
	@Test
	void aWatchdogThatComesLateNeverInterruptsTheThreadAfterItsReturn() throws Exception {
		this.pool = new PoolDataSource(config(PostgresTestSupport.url()).validationTimeout(Duration.ofMillis(2))
			.connectionTimeout(Duration.ofSeconds(10))
			.build());
		Callable<Void> rounds = () -> {
			for (int round = 0; round < 150; round++) {
				Connection connection = this.pool.getConnection();
				connection.setAutoCommit(false);
				execute(connection, "INSERT INTO " + this.table + " VALUES (" + round + ", 'rolled back')");
				connection.close();
				assertThat(Thread.currentThread().isInterrupted()).as("interrupted after round %d", round).isFalse();
			}
			return null;
		};
		this.threads.submit(rounds).get(100, TimeUnit.SECONDS);
		assertThat(rows()).isZero();
	}

}
