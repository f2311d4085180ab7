package io.poolkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.poolkit.testkit.FaultProxy;
import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bounded soak under real faults: 64 threads read and write through a
 * {@link FaultProxy} while, for the middle third of the run, a fault injector kills
 * random backends of the pool, cuts and stalls the network and refuses connects. It
 * asserts what a user relies on afterwards: every request succeeded with its own answer
 * or failed with an {@link SQLException} in bounded time, no committed write was lost and
 * no uncommitted one became visible, and the pool settled back to {@code min-idle} with
 * no connection leaked.
 * <p>
 * The normal suite runs it for {@value #DEFAULT_SECONDS} seconds;
 * {@code -Dpoolkit.soak.seconds=300} runs the long form.
 */
class ChaosSoakTest {

	static final int DEFAULT_SECONDS = 24;

	private static final int THREADS = 64;

	private static final int MAX_SIZE = 12;

	private static final int MIN_IDLE = 4;

	private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);

	/**
	 * pgjdbc's socketTimeout: the query timeout, so that a stalled query fails instead of
	 * waiting for ever.
	 */
	private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * Scheduling on a busy two-core machine, not a feature: what "did not hang" allows on
	 * top of the timeouts.
	 */
	private static final Duration MARGIN = Duration.ofSeconds(5);

	/** Requests per thread at most, so the run is bounded in count as well as in time. */
	private static final int MAX_REQUESTS_PER_SECOND_PER_THREAD = 400;

	private final RecordingListener events = new RecordingListener();

	private final String poolName = PostgresTestSupport.uniqueTableName("soak").replace('_', '-');

	private String table;

	private FaultProxy proxy;

	private PoolDataSource pool;

	@BeforeEach
	void setUp() throws SQLException {
		this.table = PostgresTestSupport.uniqueTableName("soak");
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE TABLE " + this.table
					+ " (writer int NOT NULL, seq int NOT NULL, part int NOT NULL, PRIMARY KEY (writer, seq, part))");
		}
		this.proxy = PostgresTestSupport.startProxy();
	}

	@AfterEach
	void tearDown() throws SQLException {
		if (this.pool != null) {
			this.pool.close();
		}
		this.proxy.close();
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + this.table);
		}
	}

	@Test
	void survivesKilledBackendsCutStalledAndRefusedNetwork() throws Exception {
		long seconds = Long.getLong("poolkit.soak.seconds", DEFAULT_SECONDS);
		Duration run = Duration.ofSeconds(seconds);
		this.pool = new PoolDataSource(PoolConfig.builder()
			.name(this.poolName)
			.url(this.proxy.jdbcUrl(PostgresTestSupport.database()))
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			// One connect is one TCP connection through the proxy: no SSL or GSS probing.
			.dataSourceProperty("sslmode", "disable")
			.dataSourceProperty("gssEncMode", "disable")
			.dataSourceProperty("socketTimeout", Long.toString(QUERY_TIMEOUT.toSeconds()))
			.dataSourceProperty("connectTimeout", Long.toString(QUERY_TIMEOUT.toSeconds()))
			.maxSize(MAX_SIZE)
			.minIdle(MIN_IDLE)
			.connectionTimeout(CONNECTION_TIMEOUT)
			.idleTimeout(Duration.ofSeconds(1))
			.initializationTimeout(Duration.ofSeconds(10))
			.listener(this.events)
			.build());

		Workload workload = new Workload(this.pool, this.table, THREADS,
				(int) Math.min(Integer.MAX_VALUE, seconds * MAX_REQUESTS_PER_SECOND_PER_THREAD));
		long start = System.nanoTime();
		long chaosStart = start + run.toNanos() / 3;
		long chaosUntil = start + run.toNanos() * 2 / 3;
		long end = start + run.toNanos();
		FaultInjector injector = new FaultInjector(this.proxy, this.poolName, chaosStart, chaosUntil);
		workload.start(end);
		injector.start();
		boolean finished = workload.awaitEnd(run.plus(Duration.ofMinutes(2)));
		long chaosEnded = injector.awaitEnd();
		assertThat(finished).as("every worker ended (thread dump:%n%s)", finished ? "" : threadDump()).isTrue();
		Workload.Totals totals = workload.totals();
		long settled = chaosEnded + CONNECTION_TIMEOUT.plus(QUERY_TIMEOUT).toNanos();

		// Quiet now: the pool must come back to min-idle by itself, with exactly its
		// connections on the server.
		await("nothing borrowed or waiting").atMost(Duration.ofMinutes(1))
			.until(() -> this.pool.stats().active() == 0 && this.pool.stats().pending() == 0);
		await("back at min-idle with as many server sessions as connections").atMost(Duration.ofMinutes(1))
			.during(Duration.ofMillis(500))
			.until(() -> {
				PoolStats stats = this.pool.stats();
				return stats.total() == MIN_IDLE && stats.idle() == MIN_IDLE
						&& PostgresTestSupport.countBackends(this.poolName) == stats.total();
			});
		PoolStats stats = this.pool.stats();
		Ledger.Check writes = workload.ledger().check(this.table);

		System.out.printf("Chaos soak, %d s, %d threads, max-size %d: %d requests (%d reads, %d writes), %d failed: %s;"
				+ "%n  faults: %s;%n  slowest borrow %d ms, slowest read %d ms, slowest write %d ms;"
				+ "%n  writes: %d committed, %d rolled back or never committed, %d commit outcome unknown (%d landed);"
				+ "%n  pool: created %d, closed broken %d, validation %d, idle %d; %s%n", seconds, THREADS, MAX_SIZE,
				totals.requests(), totals.reads(), totals.writes(), totals.failed(), totals.errorsByKind(),
				injector.summary(), totals.slowestBorrowMillis(), totals.slowestReadMillis(),
				totals.slowestWriteMillis(), writes.committed(), writes.neverCommitted(), writes.unknown(),
				writes.unknownLanded(), this.events.created(), this.events.closed(CloseReason.BROKEN),
				this.events.closed(CloseReason.VALIDATION), this.events.closed(CloseReason.IDLE), stats);

		assertThat(totals.unexpected()).as("failures that were not SQLExceptions").isEmpty();
		assertThat(totals.wrongAnswers()).as("requests that got another request's data").isEmpty();
		assertThat(totals.sharedConnections()).as("backends serving two borrowers at once").isEmpty();
		assertThat(totals.overruns()).as("requests past connection-timeout + query timeouts + margin").isEmpty();
		assertThat(injector.failure()).as("the fault injector's own work").isNull();
		assertThat(injector.kills()).as("backends killed").isPositive();
		// A request under way when the first fault struck may fail; one that ended before
		// it had no reason to.
		assertThat(totals.failedEndedBefore(injector.firstFault())).as("failures before the faults began").isZero();
		assertThat(totals.failedStartedBetween(chaosStart, chaosEnded)).as("failures while faults ran").isPositive();
		assertThat(totals.failedStartedAfter(settled)).as("failures once the pool had time to recover").isZero();
		assertThat(totals.workersActiveAfter(settled)).as("workers that started a request once recovered")
			.isEqualTo(THREADS);
		assertThat(writes.lost()).as("committed writes missing").isEmpty();
		assertThat(writes.phantoms()).as("writes never committed but visible").isEmpty();
		assertThat(writes.torn()).as("transactions partly visible").isEmpty();
		assertThat(writes.committed()).as("writes committed").isPositive();
		assertThat(stats.total()).isEqualTo(stats.idle() + stats.active()).isLessThanOrEqualTo(MAX_SIZE);
	}

	static long requestBoundNanos(int roundTrips) {
		return CONNECTION_TIMEOUT.plus(QUERY_TIMEOUT.multipliedBy(roundTrips)).plus(MARGIN).toNanos();
	}

	static String kindOf(SQLException ex) {
		if (ex instanceof SQLTransientConnectionException
				&& String.valueOf(ex.getMessage()).contains("no connection")) {
			return "borrow timed out";
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String why = (root == ex) ? firstWords(ex.getMessage()) : root.getClass().getSimpleName();
		return ex.getSQLState() + " " + why;
	}

	private static String firstWords(String message) {
		String text = String.valueOf(message).replaceAll("[0-9]+", "n");
		return (text.length() > 48) ? text.substring(0, 48) + "…" : text;
	}

	static String threadDump() {
		StringBuilder dump = new StringBuilder();
		Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
		all.forEach((thread, frames) -> {
			dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
			for (StackTraceElement frame : frames) {
				dump.append("    at ").append(frame).append('\n');
			}
		});
		return dump.toString();
	}

	/**
	 * Kills random backends of the pool, cuts and stalls the network and refuses
	 * connects, in turn with random lengths, from {@code from} to about {@code until};
	 * the last fault ends (network passing again) before it stops.
	 */
	static final class FaultInjector {

		private final FaultProxy proxy;

		private final String applicationName;

		private final long from;

		private final long until;

		private final CountDownLatch done = new CountDownLatch(1);

		private final Map<String, Integer> counts = new TreeMap<>();

		private volatile long ended;

		private volatile long firstFault;

		private volatile Throwable failure;

		private int kills;

		private Thread thread;

		FaultInjector(FaultProxy proxy, String applicationName, long from, long until) {
			this.proxy = proxy;
			this.applicationName = applicationName;
			this.from = from;
			this.until = until;
		}

		void start() {
			this.thread = new Thread(this::run, "soak-fault-injector");
			this.thread.start();
		}

		private void run() {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			try (Connection admin = PostgresTestSupport.admin()) {
				pauseUntil(this.from);
				this.firstFault = System.nanoTime();
				int step = 0;
				while (System.nanoTime() - this.until < 0) {
					switch (step++ % 4) {
						case 0 -> this.kills += killRandomBackends(admin, 1 + random.nextInt(3));
						case 1 -> {
							this.proxy.cutAll();
							count("cut");
						}
						case 2 -> {
							// The first stall outlasts the query timeout for sure; later
							// ones may or may not.
							long millis = (step < 4) ? QUERY_TIMEOUT.toMillis() + 500 : 300 + random.nextInt(2700);
							this.proxy.stall();
							count("stall");
							pause(Math.min(millis, millisLeft()));
							this.proxy.pass();
						}
						default -> {
							this.proxy.refuse();
							count("refuse");
							pause(Math.min(300 + random.nextInt(1200), millisLeft()));
							this.proxy.pass();
						}
					}
					pause(Math.min(100 + random.nextInt(300), millisLeft()));
				}
			}
			catch (Throwable ex) {
				this.failure = ex;
			}
			finally {
				this.proxy.pass();
				this.ended = System.nanoTime();
				this.done.countDown();
			}
		}

		private int killRandomBackends(Connection admin, int howMany) throws SQLException {
			List<Integer> pids = new ArrayList<>();
			try (PreparedStatement select = admin
				.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
				select.setString(1, this.applicationName);
				try (ResultSet rows = select.executeQuery()) {
					while (rows.next()) {
						pids.add(rows.getInt(1));
					}
				}
			}
			java.util.Collections.shuffle(pids);
			int killed = 0;
			try (PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
				for (int pid : pids.subList(0, Math.min(howMany, pids.size()))) {
					terminate.setInt(1, pid);
					try (ResultSet rows = terminate.executeQuery()) {
						if (rows.next() && rows.getBoolean(1)) {
							killed++;
						}
					}
				}
			}
			this.counts.merge("backends killed", killed, Integer::sum);
			return killed;
		}

		private void count(String what) {
			this.counts.merge(what, 1, Integer::sum);
		}

		/**
		 * Faults end on time, so that the recovery third has room to show the pool
		 * recovered.
		 */
		private long millisLeft() {
			return Math.max(0, TimeUnit.NANOSECONDS.toMillis(this.until - System.nanoTime()));
		}

		private void pauseUntil(long deadline) throws InterruptedException {
			pause(TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadline - System.nanoTime())));
		}

		/**
		 * The length of a fault or of the gap between two: pacing, not waiting for
		 * anything to happen.
		 */
		private void pause(long millis) throws InterruptedException {
			new CountDownLatch(1).await(millis, TimeUnit.MILLISECONDS);
		}

		/**
		 * @return when the last fault ended
		 */
		long awaitEnd() throws InterruptedException {
			assertThat(this.done.await(2, TimeUnit.MINUTES)).as("the fault injector stopped").isTrue();
			return this.ended;
		}

		long firstFault() {
			return this.firstFault;
		}

		int kills() {
			return this.kills;
		}

		Throwable failure() {
			return this.failure;
		}

		String summary() {
			return this.counts.toString();
		}

	}

	/** Every write's fate as its writer saw it, and the check of the table against it. */
	static final class Ledger {

		/**
		 * Per writer: the seqs whose commit returned, and those whose commit threw
		 * (landed or not).
		 */
		private final BitSet[] committed;

		private final BitSet[] unknown;

		/** Per writer: how many seqs it attempted (0..n-1). */
		private final int[] attempted;

		Ledger(int writers) {
			this.committed = new BitSet[writers];
			this.unknown = new BitSet[writers];
			this.attempted = new int[writers];
			for (int i = 0; i < writers; i++) {
				this.committed[i] = new BitSet();
				this.unknown[i] = new BitSet();
			}
		}

		// Each writer touches only its own entries, and the check runs after every writer
		// has ended.
		int nextSeq(int writer) {
			return this.attempted[writer]++;
		}

		void committed(int writer, int seq) {
			this.committed[writer].set(seq);
		}

		void unknown(int writer, int seq) {
			this.unknown[writer].set(seq);
		}

		record Check(int committed, int neverCommitted, int unknown, int unknownLanded, List<String> lost,
				List<String> phantoms, List<String> torn) {
		}

		Check check(String table) throws SQLException {
			List<String> lost = new ArrayList<>();
			List<String> phantoms = new ArrayList<>();
			List<String> torn = new ArrayList<>();
			BitSet[] present = new BitSet[this.committed.length];
			for (int i = 0; i < present.length; i++) {
				present[i] = new BitSet();
			}
			try (Connection admin = PostgresTestSupport.admin();
					Statement statement = admin.createStatement();
					ResultSet rows = statement
						.executeQuery("SELECT writer, seq, count(*) FROM " + table + " GROUP BY writer, seq")) {
				while (rows.next()) {
					int writer = rows.getInt(1);
					int seq = rows.getInt(2);
					if (rows.getInt(3) != 2) {
						torn.add(writer + "/" + seq + " has " + rows.getInt(3) + " of 2 rows");
					}
					if (writer < 0 || writer >= present.length || seq >= this.attempted[writer]) {
						phantoms.add(writer + "/" + seq + " was never attempted");
						continue;
					}
					present[writer].set(seq);
				}
			}
			int committedCount = 0;
			int neverCommitted = 0;
			int unknownCount = 0;
			int unknownLanded = 0;
			for (int writer = 0; writer < present.length; writer++) {
				for (int seq = 0; seq < this.attempted[writer]; seq++) {
					boolean there = present[writer].get(seq);
					if (this.committed[writer].get(seq)) {
						committedCount++;
						if (!there) {
							lost.add(writer + "/" + seq);
						}
					}
					else if (this.unknown[writer].get(seq)) {
						// The commit threw: the server may have committed before the
						// connection died. Either is right.
						unknownCount++;
						unknownLanded += there ? 1 : 0;
					}
					else {
						neverCommitted++;
						if (there) {
							phantoms.add(writer + "/" + seq + " was rolled back or never committed");
						}
					}
				}
			}
			return new Check(committedCount, neverCommitted, unknownCount, unknownLanded, lost, phantoms, torn);
		}

	}

	/** The 64 request threads and what each saw. */
	static final class Workload {

		private final PoolDataSource pool;

		private final String table;

		private final int threads;

		private final int maxRequests;

		private final Ledger ledger;

		private final ExecutorService executor;

		/**
		 * Backend pid to the request using it now: two at once would be two borrowers on
		 * one connection.
		 */
		private final Map<Integer, Long> inUse = new ConcurrentHashMap<>();

		private final List<WorkerStats> stats = new ArrayList<>();

		Workload(PoolDataSource pool, String table, int threads, int maxRequests) {
			this.pool = pool;
			this.table = table;
			this.threads = threads;
			this.maxRequests = maxRequests;
			this.ledger = new Ledger(threads);
			this.executor = Executors.newFixedThreadPool(threads, (task) -> new Thread(task, "soak-worker"));
		}

		void start(long end) {
			for (int i = 0; i < this.threads; i++) {
				WorkerStats worker = new WorkerStats(i);
				this.stats.add(worker);
				this.executor.execute(() -> work(worker, end));
			}
			this.executor.shutdown();
		}

		boolean awaitEnd(Duration atMost) throws InterruptedException {
			return this.executor.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS);
		}

		Ledger ledger() {
			return this.ledger;
		}

		private void work(WorkerStats worker, long end) {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			for (int n = 0; n < this.maxRequests && System.nanoTime() - end < 0; n++) {
				boolean write = random.nextBoolean();
				long requestId = ((long) worker.id << 32) | n;
				long start = System.nanoTime();
				long[] borrowed = { -1 };
				try {
					if (write) {
						write(worker.id, requestId, random.nextInt(100), borrowed, worker);
					}
					else {
						read(requestId, random.nextLong(), borrowed, worker);
					}
					worker.succeeded(start, write);
				}
				catch (SQLException ex) {
					worker.failed(start, kindOf(ex));
				}
				catch (Throwable ex) {
					worker.unexpected.add(ex);
				}
				long took = System.nanoTime() - start;
				worker.took(write, took, (borrowed[0] >= 0) ? borrowed[0] : took);
				if (took > requestBoundNanos(write ? 2 : 1)) {
					worker.overruns
						.add((write ? "write" : "read") + " took " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
				}
			}
		}

		private void read(long requestId, long token, long[] borrowed, WorkerStats worker) throws SQLException {
			long start = System.nanoTime();
			try (Connection connection = this.pool.getConnection()) {
				borrowed[0] = System.nanoTime() - start;
				try (PreparedStatement echo = connection
					.prepareStatement("SELECT ?::bigint, ?::bigint, pg_backend_pid()")) {
					echo.setLong(1, requestId);
					echo.setLong(2, token);
					try (ResultSet rows = echo.executeQuery()) {
						rows.next();
						int pid = claim(rows.getInt(3), requestId, worker);
						try {
							if (rows.getLong(1) != requestId || rows.getLong(2) != token) {
								worker.wrongAnswers
									.add("read " + requestId + " got " + rows.getLong(1) + "/" + rows.getLong(2));
							}
						}
						finally {
							this.inUse.remove(pid, requestId);
						}
					}
				}
			}
		}

		/**
		 * 70% commit, 15% roll back, 15% close with the transaction open (the pool must
		 * roll it back).
		 */
		private void write(int writer, long requestId, int dice, long[] borrowed, WorkerStats worker)
				throws SQLException {
			int seq = this.ledger.nextSeq(writer);
			long start = System.nanoTime();
			try (Connection connection = this.pool.getConnection()) {
				borrowed[0] = System.nanoTime() - start;
				connection.setAutoCommit(false);
				int pid = -1;
				try {
					try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + this.table
							+ " (writer, seq, part) VALUES (?, ?, 1), (?, ?, 2) RETURNING writer, seq, pg_backend_pid()")) {
						insert.setInt(1, writer);
						insert.setInt(2, seq);
						insert.setInt(3, writer);
						insert.setInt(4, seq);
						try (ResultSet rows = insert.executeQuery()) {
							int count = 0;
							while (rows.next()) {
								count++;
								if (pid < 0) {
									pid = claim(rows.getInt(3), requestId, worker);
								}
								if (rows.getInt(1) != writer || rows.getInt(2) != seq) {
									worker.wrongAnswers.add("write " + writer + "/" + seq + " got " + rows.getInt(1)
											+ "/" + rows.getInt(2));
								}
							}
							if (count != 2) {
								worker.wrongAnswers.add("write " + writer + "/" + seq + " returned " + count + " rows");
							}
						}
					}
					if (dice < 70) {
						try {
							connection.commit();
						}
						catch (SQLException ex) {
							this.ledger.unknown(writer, seq);
							throw ex;
						}
						this.ledger.committed(writer, seq);
					}
					else if (dice < 85) {
						connection.rollback();
					}
					// else: returned with the transaction open
				}
				finally {
					if (pid >= 0) {
						this.inUse.remove(pid, requestId);
					}
				}
			}
		}

		private int claim(int pid, long requestId, WorkerStats worker) {
			Long other = this.inUse.putIfAbsent(pid, requestId);
			if (other != null) {
				worker.sharedConnections.add("backend " + pid + " used by requests " + other + " and " + requestId);
			}
			return pid;
		}

		record Totals(long requests, long reads, long writes, long failed, Map<String, Integer> errorsByKind,
				long slowestBorrowMillis, long slowestReadMillis, long slowestWriteMillis, List<Throwable> unexpected,
				List<String> wrongAnswers, List<String> sharedConnections, List<String> overruns,
				List<long[]> failureStarts, List<Long> lastStarts) {

			long failedEndedBefore(long instant) {
				return this.failureStarts.stream().filter((f) -> f[1] - instant < 0).count();
			}

			long failedStartedBetween(long from, long until) {
				return this.failureStarts.stream().filter((f) -> f[0] - from >= 0 && f[0] - until < 0).count();
			}

			long failedStartedAfter(long instant) {
				return this.failureStarts.stream().filter((f) -> f[0] - instant >= 0).count();
			}

			long workersActiveAfter(long instant) {
				return this.lastStarts.stream().filter((start) -> start - instant >= 0).count();
			}

		}

		Totals totals() {
			long requests = 0;
			long reads = 0;
			long writes = 0;
			long failed = 0;
			long slowestBorrow = 0;
			long slowestRead = 0;
			long slowestWrite = 0;
			Map<String, Integer> kinds = new TreeMap<>();
			List<Throwable> unexpected = new ArrayList<>();
			List<String> wrong = new ArrayList<>();
			List<String> shared = new ArrayList<>();
			List<String> overruns = new ArrayList<>();
			List<long[]> failures = new ArrayList<>();
			List<Long> lastStarts = new ArrayList<>();
			for (WorkerStats worker : this.stats) {
				requests += worker.reads + worker.writes;
				reads += worker.reads;
				writes += worker.writes;
				failed += worker.failureStarts.size();
				slowestBorrow = Math.max(slowestBorrow, worker.slowestBorrow);
				slowestRead = Math.max(slowestRead, worker.slowestRead);
				slowestWrite = Math.max(slowestWrite, worker.slowestWrite);
				worker.kinds.forEach((kind, count) -> kinds.merge(kind, count, Integer::sum));
				unexpected.addAll(worker.unexpected);
				wrong.addAll(worker.wrongAnswers);
				shared.addAll(worker.sharedConnections);
				overruns.addAll(worker.overruns);
				failures.addAll(worker.failureStarts);
				lastStarts.add(worker.lastStart);
			}
			return new Totals(requests, reads, writes, failed, kinds, TimeUnit.NANOSECONDS.toMillis(slowestBorrow),
					TimeUnit.NANOSECONDS.toMillis(slowestRead), TimeUnit.NANOSECONDS.toMillis(slowestWrite), unexpected,
					wrong, shared, overruns, failures, lastStarts);
		}

	}

	/**
	 * One worker's record; only its own thread writes it, and it is read after the worker
	 * ended.
	 */
	static final class WorkerStats {

		final int id;

		long reads;

		long writes;

		long slowestBorrow;

		long slowestRead;

		long slowestWrite;

		long lastStart;

		final Map<String, Integer> kinds = new TreeMap<>();

		final List<long[]> failureStarts = new ArrayList<>();

		final List<Throwable> unexpected = new ArrayList<>();

		final List<String> wrongAnswers = new ArrayList<>();

		final List<String> sharedConnections = new ArrayList<>();

		final List<String> overruns = new ArrayList<>();

		WorkerStats(int id) {
			this.id = id;
		}

		void succeeded(long start, boolean write) {
			this.lastStart = start;
		}

		void failed(long start, String kind) {
			this.lastStart = start;
			this.failureStarts.add(new long[] { start, System.nanoTime() });
			this.kinds.merge(kind, 1, Integer::sum);
		}

		void took(boolean write, long nanos, long borrowNanos) {
			if (write) {
				this.writes++;
				this.slowestWrite = Math.max(this.slowestWrite, nanos);
			}
			else {
				this.reads++;
				this.slowestRead = Math.max(this.slowestRead, nanos);
			}
			this.slowestBorrow = Math.max(this.slowestBorrow, borrowNanos);
		}

	}

}
