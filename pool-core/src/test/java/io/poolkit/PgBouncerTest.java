package io.poolkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import io.poolkit.testkit.LogCapture;
import io.poolkit.testkit.PgBouncerServer;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Pools behind a real PgBouncer in transaction mode: with {@code pgbouncer=true} many
 * more client threads than server connections work without an error and PgBouncer keeps
 * the server to its own pool size; without it, the same prepared-statement workload
 * breaks, which shows the setting is what makes it safe.
 * <p>
 * PgBouncer leads to a database made for this test alone, so every session in it on the
 * server is one of PgBouncer's: sessions of other tests, or of other runs sharing the
 * server, are never counted.
 */
@Timeout(300)
class PgBouncerTest {

	/** PgBouncer's server connections for the one database and user all pools share. */
	private static final int BOUNCER_POOL_SIZE = 10;

	/**
	 * Repeats of one prepared statement per round: past pgjdbc's default prepareThreshold
	 * of 5.
	 */
	private static final int REPEATS = 8;

	private String database;

	private PgBouncerServer bouncer;

	private final List<PoolDataSource> pools = new ArrayList<>();

	@BeforeEach
	void startPgBouncer() throws SQLException {
		this.database = PostgresTestSupport.createDatabase("poolkit_bouncer");
		try (Connection admin = PostgresTestSupport.admin(this.database);
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE TABLE work (id bigserial PRIMARY KEY, pool int NOT NULL, thread int NOT NULL, "
					+ "round int NOT NULL, token text NOT NULL)");
		}
		this.bouncer = PgBouncerServer.settings()
			.targetDatabase(this.database)
			.poolMode("transaction")
			.defaultPoolSize(BOUNCER_POOL_SIZE)
			.maxClientConnections(1000)
			.start();
	}

	@AfterEach
	void stopAll() throws SQLException {
		this.pools.forEach(PoolDataSource::close);
		if (this.bouncer != null) {
			this.bouncer.close();
		}
		if (this.database != null) {
			PostgresTestSupport.dropDatabase(this.database);
		}
	}

	private PoolDataSource pool(String name, int size, boolean pgbouncer) {
		PoolDataSource pool = new PoolDataSource(PoolConfig.builder()
			.name(name)
			.url(this.bouncer.jdbcUrl())
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			.dataSourceProperty("sslmode", "disable")
			.maxSize(size)
			.pgbouncer(pgbouncer)
			.build());
		this.pools.add(pool);
		return pool;
	}

	@Test
	void fourPoolsOfTwentyServeTwoHundredThreadsOnTenServerConnectionsWithoutAnError() throws Exception {
		for (int p = 0; p < 4; p++) {
			pool("bouncer-" + p, 20, true);
		}
		BackendMonitor monitor = new BackendMonitor(this.database);
		monitor.start();
		Outcome outcome;
		try {
			outcome = runWorkload(50, 25, Duration.ofSeconds(8));
		}
		finally {
			monitor.stop();
		}
		System.out.printf(
				"PgBouncer, pgbouncer=true: %d rounds by %d threads, %d errors; server sessions of "
						+ "PgBouncer sampled %d times, at most %d%n",
				outcome.rounds(), outcome.threads(), outcome.errors().size(), monitor.samples(), monitor.max());
		assertThat(outcome.errors()).as("errors through PgBouncer with pgbouncer=true").isEmpty();
		assertThat(outcome.roundsPerThread()).as("rounds each client thread finished").allMatch((n) -> n >= 1);
		assertThat(monitor.failure()).as("the monitor's own query").isNull();
		assertThat(monitor.samples()).as("samples of pg_stat_activity").isGreaterThanOrEqualTo(10);
		assertThat(monitor.max()).as("server sessions PgBouncer held while 200 threads ran")
			.isPositive()
			.isLessThanOrEqualTo(BOUNCER_POOL_SIZE);
		assertThat(committedRows()).as("rows committed, one per round").isEqualTo(outcome.rounds());
	}

	@Test
	void withoutThePgbouncerSettingServerSidePreparedStatementsBreakInTransactionMode() throws Exception {
		pool("bouncer-unsafe", 20, false);
		Outcome outcome = runWorkload(50, 10, Duration.ofSeconds(5));
		Map<String, Integer> kinds = new TreeMap<>();
		for (Throwable error : outcome.errors()) {
			String kind = (error instanceof SQLException sql) ? sql.getSQLState() + " " + firstLine(sql.getMessage())
					: error.toString();
			kinds.merge(kind.replaceAll("\"S_[0-9]+\"", "\"S_n\""), 1, Integer::sum);
		}
		System.out.printf("PgBouncer, pgbouncer=false: %d rounds by %d threads, %d errors: %s%n", outcome.rounds(),
				outcome.threads(), outcome.errors().size(), kinds);
		assertThat(outcome.errors()).as("errors without pgbouncer=true")
			.isNotEmpty()
			.allMatch(SQLException.class::isInstance);
		// 26000: prepared statement "S_n" does not exist; 42P05: prepared statement "S_n"
		// already exists.
		assertThat(outcome.errors()).anyMatch((error) -> {
			String state = ((SQLException) error).getSQLState();
			return "26000".equals(state) || "42P05".equals(state);
		});
	}

	@Test
	void prepareThresholdInTheUrlCannotUndoThePgbouncerSetting() {
		PoolConfig config = PoolConfig.builder()
			.url(this.bouncer.jdbcUrl() + "?sslmode=disable&prepareThreshold=5")
			.username(PostgresTestSupport.user())
			.pgbouncer(true)
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> new PoolDataSource(config))
			.withMessageStartingWith("pgbouncer: true needs prepareThreshold=0, but the url sets prepareThreshold=5");
	}

	@Test
	void sessionSettingsBehindPgbouncerAreWarnedAbout() {
		try (LogCapture log = LogCapture.poolkit()) {
			// Without pgbouncer=true nothing is said: a session setting is right on a
			// server of one's own.
			this.pools.add(new PoolDataSource(PoolConfig.builder()
				.name("direct-session")
				.url(PostgresTestSupport.url())
				.username(PostgresTestSupport.user())
				.password(PostgresTestSupport.password())
				.maxSize(1)
				.schema("public")
				.build()));
			PoolDataSource warned = new PoolDataSource(PoolConfig.builder()
				.name("bouncer-session")
				.url(this.bouncer.jdbcUrl())
				.username(PostgresTestSupport.user())
				.password(PostgresTestSupport.password())
				.maxSize(1)
				.schema("public")
				.connectionInitSql("SELECT 1")
				.pgbouncer(true)
				.build());
			this.pools.add(warned);
			assertThat(log.warnings()).hasSize(1)
				.first(org.assertj.core.api.InstanceOfAssertFactories.STRING)
				.contains("Pool 'bouncer-session': pgbouncer=true, but schema, connection-init-sql change session "
						+ "state");
		}
	}

	/**
	 * Runs {@code threadsPerPool} threads on every pool, each doing up to
	 * {@code maxRounds} rounds within {@code budget}. A round is a transaction that
	 * inserts a row and reads it back, then one prepared statement run {@link #REPEATS}
	 * times with auto-commit on, so that every run of it is a transaction of its own and
	 * may land on another server connection.
	 */
	private Outcome runWorkload(int threadsPerPool, int maxRounds, Duration budget) throws InterruptedException {
		int threads = this.pools.size() * threadsPerPool;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
		AtomicIntegerArray rounds = new AtomicIntegerArray(threads);
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		long[] deadline = new long[1];
		for (int p = 0; p < this.pools.size(); p++) {
			PoolDataSource pool = this.pools.get(p);
			for (int t = 0; t < threadsPerPool; t++) {
				int poolIndex = p;
				int thread = p * threadsPerPool + t;
				executor.execute(() -> {
					ready.countDown();
					try {
						go.await();
					}
					catch (InterruptedException ex) {
						return;
					}
					for (int round = 0; round < maxRounds && System.nanoTime() - deadline[0] < 0; round++) {
						try {
							oneRound(pool, poolIndex, thread, round);
							rounds.incrementAndGet(thread);
						}
						catch (Throwable ex) {
							errors.add(ex);
						}
					}
				});
			}
		}
		ready.await();
		deadline[0] = System.nanoTime() + budget.toNanos();
		go.countDown(); // publishes deadline to the workers
		executor.shutdown();
		// Bounded in time: the rounds stop at the budget; this only catches a hang, with
		// a wide margin.
		assertThat(executor.awaitTermination(budget.toSeconds() + 120, TimeUnit.SECONDS))
			.as("every client thread finished")
			.isTrue();
		List<Integer> perThread = new ArrayList<>();
		int total = 0;
		for (int i = 0; i < threads; i++) {
			perThread.add(rounds.get(i));
			total += rounds.get(i);
		}
		return new Outcome(threads, total, perThread, List.copyOf(errors));
	}

	private static void oneRound(PoolDataSource pool, int poolIndex, int thread, int round) throws SQLException {
		String token = UUID.randomUUID().toString();
		try (Connection connection = pool.getConnection()) {
			connection.setAutoCommit(false);
			long id;
			try (PreparedStatement insert = connection
				.prepareStatement("INSERT INTO work (pool, thread, round, token) VALUES (?, ?, ?, ?) RETURNING id")) {
				insert.setInt(1, poolIndex);
				insert.setInt(2, thread);
				insert.setInt(3, round);
				insert.setString(4, token);
				try (ResultSet rows = insert.executeQuery()) {
					rows.next();
					id = rows.getLong(1);
				}
			}
			try (PreparedStatement read = connection.prepareStatement("SELECT token FROM work WHERE id = ?")) {
				read.setLong(1, id);
				try (ResultSet rows = read.executeQuery()) {
					if (!rows.next() || !token.equals(rows.getString(1))) {
						throw new AssertionError("row " + id + " did not read back within its transaction");
					}
				}
			}
			connection.commit();
			connection.setAutoCommit(true);
			try (PreparedStatement repeated = connection.prepareStatement("SELECT ?::int * 2, ?::text")) {
				for (int i = 0; i < REPEATS; i++) {
					repeated.setInt(1, thread * 1000 + i);
					repeated.setString(2, token);
					try (ResultSet rows = repeated.executeQuery()) {
						rows.next();
						if (rows.getInt(1) != 2 * (thread * 1000 + i) || !token.equals(rows.getString(2))) {
							throw new AssertionError(
									"another request's answer: " + rows.getInt(1) + ", " + rows.getString(2));
						}
					}
				}
			}
		}
	}

	private int committedRows() throws SQLException {
		try (Connection admin = PostgresTestSupport.admin(this.database);
				Statement statement = admin.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM work")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		int end = message.indexOf('\n');
		return (end < 0) ? message : message.substring(0, end);
	}

	private record Outcome(int threads, int rounds, List<Integer> roundsPerThread, List<Throwable> errors) {
	}

	/**
	 * Samples the server sessions in the test's database from a thread of its own while
	 * the workload runs: every one is PgBouncer's, since nothing else connects there.
	 */
	private static final class BackendMonitor {

		private final String database;

		private final CountDownLatch stop = new CountDownLatch(1);

		private final AtomicInteger max = new AtomicInteger();

		private final AtomicInteger samples = new AtomicInteger();

		private volatile Throwable failure;

		private Thread thread;

		BackendMonitor(String database) {
			this.database = database;
		}

		void start() {
			this.thread = new Thread(this::run, "pgbouncer-backend-monitor");
			this.thread.start();
		}

		private void run() {
			try (Connection admin = PostgresTestSupport.admin();
					PreparedStatement count = admin
						.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
				count.setString(1, this.database);
				do {
					try (ResultSet rows = count.executeQuery()) {
						rows.next();
						this.max.accumulateAndGet(rows.getInt(1), Math::max);
						this.samples.incrementAndGet();
					}
				}
				while (!this.stop.await(10, TimeUnit.MILLISECONDS)); // the sampling pace,
																		// and the way out
			}
			catch (SQLException | InterruptedException | RuntimeException ex) {
				this.failure = ex;
			}
		}

		void stop() throws InterruptedException {
			this.stop.countDown();
			this.thread.join(TimeUnit.SECONDS.toMillis(30));
		}

		int max() {
			return this.max.get();
		}

		int samples() {
			return this.samples.get();
		}

		Throwable failure() {
			return this.failure;
		}

	}

}
