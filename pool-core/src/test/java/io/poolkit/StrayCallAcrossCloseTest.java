package io.poolkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11, point 7, on the real PostgreSQL: a call that another thread makes on a borrow
 * just as that borrow is closed (it passed the closed-check before {@code close()}) must
 * never reach the next borrower's session. {@code close()} waits for such a call to leave
 * the driver before it cleans up and lends the connection again, within
 * {@code validation-timeout}; a call still inside then costs the connection, which is
 * aborted and never lent again. Legitimate use from several threads keeps working.
 */
@Timeout(180)
class StrayCallAcrossCloseTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** How long each race runs: a few thousand rounds on this machine. */
	private static final long RACE_NANOS = TimeUnit.SECONDS.toNanos(4);

	private static final int MAX_ROUNDS = 4_000;

	private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);

	/**
	 * On top of validation-timeout: the watchdog's scheduling on a busy 2-core machine.
	 */
	private static final long MARGIN_MILLIS = 1_500;

	private String table;

	private String name;

	private PoolDataSource pool;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	/** Opened by a test to let a parked driver call go on; opened at the end anyway. */
	private final CountDownLatch release = new CountDownLatch(1);

	@BeforeEach
	void setUp() throws SQLException {
		this.table = PostgresTestSupport.uniqueTableName("stray_call");
		this.name = PostgresTestSupport.uniqueTableName("stray-call");
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE TABLE " + this.table + " (id bigserial PRIMARY KEY, marker text NOT NULL)");
		}
	}

	@AfterEach
	void tearDown() throws SQLException {
		this.release.countDown();
		if (this.pool != null) {
			this.pool.close();
		}
		this.threads.shutdownNow();
		PostgresTestSupport.terminateBackends(this.name);
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + this.table);
		}
	}

	private PoolConfig.Builder config() {
		return TestPools.postgres(this.name).maxSize(1).validationTimeout(VALIDATION_TIMEOUT);
	}

	private void insert(Connection connection, String marker) throws SQLException {
		try (PreparedStatement insert = connection
			.prepareStatement("INSERT INTO " + this.table + " (marker) VALUES (?)")) {
			insert.setString(1, marker);
			insert.executeUpdate();
		}
	}

	private int rows(String markerPattern) throws SQLException {
		try (Connection admin = PostgresTestSupport.admin();
				PreparedStatement count = admin
					.prepareStatement("SELECT count(*) FROM " + this.table + " WHERE marker LIKE ?")) {
			count.setString(1, markerPattern);
			try (ResultSet rows = count.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	// ---- the reproduction

	/** What the stray thread keeps calling on the borrows of the main thread. */
	enum Stray {

		/** {@code Connection.commit()}. */
		COMMIT {
			@Override
			void call(Borrowed borrowed) throws SQLException {
				borrowed.connection.commit();
			}
		},

		/** {@code Connection.setAutoCommit(true)}, which commits the open transaction. */
		AUTO_COMMIT_ON {
			@Override
			void call(Borrowed borrowed) throws SQLException {
				borrowed.connection.setAutoCommit(true);
			}
		},

		/** {@code executeUpdate("COMMIT")} on a statement of the borrow. */
		STATEMENT_COMMIT {
			@Override
			void call(Borrowed borrowed) throws SQLException {
				borrowed.statement.executeUpdate("COMMIT");
			}
		};

		abstract void call(Borrowed borrowed) throws SQLException;

	}

	/** One borrow of the main thread, as the stray thread sees it. */
	record Borrowed(Connection connection, Statement statement) {
	}

	/**
	 * Pool of 1. The main thread borrows (A), lets the stray thread call on A, closes A,
	 * borrows the same physical connection again (B), inserts a uniquely marked row and
	 * rolls it back; the stray thread keeps calling on whichever A it saw last. Before
	 * the fix some of B's rolled-back rows stayed committed (81 of 1,510 in the issue): a
	 * stray {@code COMMIT} that passed A's closed-check landed inside B's transaction.
	 */
	@ParameterizedTest
	@EnumSource(Stray.class)
	void aStrayCallAcrossCloseNeverReachesTheNextBorrowersTransaction(Stray stray) throws Exception {
		this.pool = new PoolDataSource(config().build());
		Race race = new Race(stray);
		Future<?> strayThread = this.threads.submit(race::strayLoop);
		int rounds = 0;
		int failedRollbacks = 0;
		try {
			long end = System.nanoTime() + RACE_NANOS;
			while (rounds < MAX_ROUNDS && System.nanoTime() - end < 0) {
				Connection a = this.pool.getConnection();
				a.setAutoCommit(false);
				Statement statement = a.createStatement();
				// A transaction of A's own is open: a stray commit has something to send.
				statement.execute("SELECT 1");
				Borrowed borrowed = new Borrowed(a, statement);
				race.current = borrowed;
				// Close just as the stray thread starts a call on A.
				while (race.calling != borrowed && !strayThread.isDone()) {
					Thread.onSpinWait();
				}
				a.close();
				try (Connection b = this.pool.getConnection()) {
					b.setAutoCommit(false);
					insert(b, "b-" + rounds);
					try {
						b.rollback();
					}
					catch (SQLException ex) {
						// pgjdbc refuses once a stray setAutoCommit(true) switched B's
						// connection to auto-commit, which committed B's row.
						failedRollbacks++;
					}
				}
				rounds++;
			}
		}
		finally {
			race.stop = true;
		}
		strayThread.get(WAIT.toSeconds(), TimeUnit.SECONDS);

		assertThat(race.accepted.get()).as("stray calls that ran on a borrow still open").isPositive();
		assertThat(failedRollbacks).as("B's rollbacks refused because a stray call switched auto-commit on").isZero();
		assertThat(rows("b-%"))
			.as("rolled-back rows of B committed by a stray call, of %d rounds, %d stray calls accepted", rounds,
					race.accepted.get())
			.isZero();
	}

	/** The stray thread's side of the race. */
	private static final class Race {

		private final Stray stray;

		volatile Borrowed current;

		/** The borrow the stray thread is starting a call on. */
		volatile Borrowed calling;

		volatile boolean stop;

		final AtomicLong accepted = new AtomicLong();

		Race(Stray stray) {
			this.stray = stray;
		}

		void strayLoop() {
			while (!this.stop) {
				Borrowed borrowed = this.current;
				if (borrowed == null) {
					Thread.onSpinWait();
					continue;
				}
				this.calling = borrowed;
				try {
					this.stray.call(borrowed);
					this.accepted.incrementAndGet();
				}
				catch (SQLException ex) {
					// Refused after close(): what the borrow's end promises.
				}
			}
		}

	}

	// ---- deterministic: a stray call parked inside the driver

	private PoolConfig.Builder config(ParkingDataSource parking) {
		return PoolConfig.builder()
			.name(this.name)
			.dataSource(parking.dataSource())
			.maxSize(1)
			.validationTimeout(VALIDATION_TIMEOUT);
	}

	/**
	 * A data source whose connections are pgjdbc's, wrapped so that a {@code commit()}
	 * made on {@link #parkOn} parks inside the driver call until {@link #release} opens
	 * or the connection is aborted; then it goes on into pgjdbc.
	 */
	private final class ParkingDataSource {

		volatile Thread parkOn;

		final CountDownLatch parked = new CountDownLatch(1);

		/** What happened, in order, for the test to check. */
		final List<String> events = new CopyOnWriteArrayList<>();

		DataSource dataSource() {
			return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class },
					(proxy, method, args) -> {
						switch (method.getName()) {
							case "getConnection":
								return wrap(open());
							case "toString":
								return "ParkingDataSource";
							case "hashCode":
								return System.identityHashCode(proxy);
							case "equals":
								return proxy == args[0];
							default:
								// Log writer, login timeout: the pool's defaults.
								return (method.getReturnType() == int.class) ? 0 : null;
						}
					});
		}

		private Connection open() throws SQLException {
			Properties properties = PostgresTestSupport.properties();
			properties.setProperty("ApplicationName", StrayCallAcrossCloseTest.this.name);
			return DriverManager.getConnection(PostgresTestSupport.url(), properties);
		}

		private Connection wrap(Connection physical) {
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, args) -> {
						boolean park = method.getName().equals("commit") && Thread.currentThread() == this.parkOn;
						if (park) {
							this.parkOn = null;
							this.parked.countDown();
							// Inside the driver call: the pool's proxy has let it
							// through.
							while (!StrayCallAcrossCloseTest.this.release.await(10, TimeUnit.MILLISECONDS)
									&& !physical.isClosed()) {
								// parked
							}
						}
						try {
							return method.invoke(physical, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
						finally {
							if (park) {
								this.events.add("commit left the driver");
							}
						}
					});
		}

	}

	/**
	 * Calls {@code commit()} on {@code connection} on a thread of its own, parked inside.
	 */
	private Future<Throwable> strayCommit(ParkingDataSource parking, Connection connection) throws Exception {
		Future<Throwable> commit = this.threads.submit(() -> {
			parking.parkOn = Thread.currentThread();
			try {
				connection.commit();
				return (Throwable) null;
			}
			catch (SQLException ex) {
				return (Throwable) ex;
			}
		});
		assertThat(parking.parked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("commit parked in the driver").isTrue();
		return commit;
	}

	/**
	 * The stray commit is parked inside the driver; close() runs on another thread and a
	 * second borrower queues for the one connection. Neither may go on before the commit
	 * has left the driver; then the connection is cleaned up and lent to the borrower.
	 */
	@Test
	void closeDoesNotLendTheConnectionAgainWhileAStrayCallIsInsideTheDriver() throws Exception {
		ParkingDataSource parking = new ParkingDataSource();
		this.pool = new PoolDataSource(config(parking).validationTimeout(Duration.ofSeconds(20)).build());
		Connection a = this.pool.getConnection();
		int pid = PostgresTestSupport.backendPid(a);
		a.setAutoCommit(false);
		insert(a, "a");
		Future<Throwable> commit = strayCommit(parking, a);

		Future<?> closing = this.threads.submit(() -> {
			a.close();
			parking.events.add("close returned");
			return null;
		});
		Future<Connection> next = this.threads.submit(() -> {
			Connection b = this.pool.getConnection();
			parking.events.add("next borrower got it");
			return b;
		});
		await().atMost(WAIT).until(() -> this.pool.stats().pending() == 1 || next.isDone());
		assertThat(next.isDone()).as("the next borrower waits").isFalse();
		assertThat(closing.isDone()).as("close() waits for the call").isFalse();
		assertThatThrownBy(a::createStatement).as("new calls are refused at once")
			.isInstanceOf(SQLException.class)
			.hasMessageContaining("returned to the pool");

		this.release.countDown();
		closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(commit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the commit of A, accepted before close()")
			.isNull();
		try (Connection b = next.get(WAIT.toSeconds(), TimeUnit.SECONDS)) {
			assertThat(PostgresTestSupport.backendPid(b)).as("cleaned up and lent again").isEqualTo(pid);
			assertThat(b.getAutoCommit()).isTrue();
		}
		List<String> events = parking.events;
		assertThat(events.indexOf("commit left the driver")).as("%s", events)
			.isNotNegative()
			.isLessThan(events.indexOf("close returned"))
			.isLessThan(events.indexOf("next borrower got it"));
		assertThat(rows("a")).as("A's own commit, which ran before the cleanup").isEqualTo(1);
	}

	@Test
	void aStrayCallStillInsideTheDriverAtTheDeadlineCostsTheConnection() throws Exception {
		ParkingDataSource parking = new ParkingDataSource();
		this.pool = new PoolDataSource(config(parking).build());
		Connection a = this.pool.getConnection();
		int pid = PostgresTestSupport.backendPid(a);
		a.setAutoCommit(false);
		insert(a, "a");
		Future<Throwable> commit = strayCommit(parking, a);

		long start = System.nanoTime();
		a.close();
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

		assertThat(millis).as("close() returns within validation-timeout")
			.isLessThan(VALIDATION_TIMEOUT.toMillis() + MARGIN_MILLIS);
		assertThat(commit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the stuck call fails on the aborted connection")
			.isInstanceOf(SQLException.class);
		try (Connection next = this.pool.getConnection()) {
			assertThat(PostgresTestSupport.backendPid(next)).as("a fresh connection, never the one a call was stuck in")
				.isNotEqualTo(pid);
		}
		assertThat(this.pool.recentEvents()).anySatisfy((event) -> {
			assertThat(event.type()).isEqualTo("closed");
			assertThat(event.detail()).contains("waiting for a call of another thread to leave the driver")
				.contains("validation-timeout (1000 ms)")
				.contains("aborted");
		});
		await().atMost(WAIT).until(() -> !PostgresTestSupport.backendExists(pid));
		assertThat(rows("a")).as("A's work, never committed").isZero();
	}

	@Test
	void abortDoesNotWaitForACallInsideTheDriverAndTheConnectionIsNeverLentAgain() throws Exception {
		ParkingDataSource parking = new ParkingDataSource();
		this.pool = new PoolDataSource(config(parking).validationTimeout(Duration.ofSeconds(20)).build());
		Connection a = this.pool.getConnection();
		int pid = PostgresTestSupport.backendPid(a);
		a.setAutoCommit(false);
		insert(a, "a");
		Future<Throwable> commit = strayCommit(parking, a);

		this.threads.submit(() -> {
			a.abort(Runnable::run);
			return null;
		}).get(10, TimeUnit.SECONDS);

		try (Connection next = this.pool.getConnection()) {
			assertThat(PostgresTestSupport.backendPid(next)).as("never the aborted connection").isNotEqualTo(pid);
		}
		assertThat(commit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(SQLException.class);
		await().atMost(WAIT).until(() -> !PostgresTestSupport.backendExists(pid));
		assertThat(rows("a")).isZero();
	}

	// ---- legitimate use from several threads

	@Test
	void aConnectionBorrowedOnOneThreadIsUsedAndClosedOnAnother() throws Exception {
		this.pool = new PoolDataSource(config().build());
		Connection borrowed = this.pool.getConnection();
		int pid = PostgresTestSupport.backendPid(borrowed);

		this.threads.submit(() -> {
			borrowed.setAutoCommit(false);
			insert(borrowed, "other thread");
			borrowed.commit();
			borrowed.close();
			return null;
		}).get(WAIT.toSeconds(), TimeUnit.SECONDS);

		try (Connection next = this.pool.getConnection()) {
			assertThat(PostgresTestSupport.backendPid(next)).as("returned clean and lent again").isEqualTo(pid);
			assertThat(next.getAutoCommit()).isTrue();
		}
		assertThat(rows("other thread")).isEqualTo(1);
		assertThat(this.pool.recentEvents()).noneSatisfy((event) -> assertThat(event.type()).isEqualTo("closed"));
	}

	@Test
	void twoThreadsUsingOneConnectionAtOnceBothWorkAndTheReturnIsClean() throws Exception {
		this.pool = new PoolDataSource(config().build());
		Connection shared = this.pool.getConnection();
		int pid = PostgresTestSupport.backendPid(shared);
		int perThread = 200;
		List<Future<?>> users = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		for (String who : new String[] { "first", "second" }) {
			users.add(this.threads.submit(() -> {
				start.await();
				for (int i = 0; i < perThread; i++) {
					insert(shared, who);
					try (Statement statement = shared.createStatement();
							ResultSet rows = statement.executeQuery("SELECT 1")) {
						rows.next();
					}
				}
				return null;
			}));
		}
		start.countDown();
		for (int i = 0; i < perThread; i++) {
			insert(shared, "owner");
		}
		for (Future<?> user : users) {
			user.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		shared.close();

		try (Connection next = this.pool.getConnection()) {
			assertThat(PostgresTestSupport.backendPid(next)).isEqualTo(pid);
		}
		assertThat(rows("first")).isEqualTo(perThread);
		assertThat(rows("second")).isEqualTo(perThread);
		assertThat(rows("owner")).isEqualTo(perThread);
	}

}
