package io.poolkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.poolkit.testkit.FaultProxy;
import io.poolkit.testkit.LogCapture;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Adaptive sizing against the real PostgreSQL, in one JVM: a pool grows for a burst and
 * shrinks after it, with every change an event and a log line carrying its arithmetic;
 * instances of one pool share a role's {@code CONNECTION LIMIT} without a refusal; a
 * statistics read that is slow or fails delays no borrower and keeps the size; an
 * unreachable database keeps the size; a refusal (53300) stops the growth instead of
 * failing borrowers. Each test runs as a role of its own in a database of its own, so it
 * counts only its own sessions.
 */
@Timeout(180)
class AdaptiveSizingTest {

	private static final String PASSWORD = "adaptive-pw";

	private final String role = PostgresTestSupport.uniqueTableName("poolkit_adaptive");

	private final String name = this.role.replace('_', '-');

	private String database;

	private final List<PoolDataSource> pools = new ArrayList<>();

	private final List<Load> loads = new ArrayList<>();

	private FaultProxy proxy;

	@BeforeEach
	void createRoleAndDatabase() throws SQLException {
		this.database = PostgresTestSupport.createDatabase("adaptive");
		admin("CREATE ROLE " + this.role + " LOGIN NOSUPERUSER PASSWORD '" + PASSWORD + "'");
	}

	@AfterEach
	void dropAll() throws SQLException {
		this.loads.forEach(Load::stop);
		this.pools.forEach(PoolDataSource::close);
		if (this.proxy != null) {
			this.proxy.close();
		}
		PostgresTestSupport.dropDatabase(this.database);
		admin("DROP ROLE IF EXISTS " + this.role);
	}

	private static void admin(String sql) throws SQLException {
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute(sql);
		}
	}

	private void inDatabase(String sql) throws SQLException {
		try (Connection admin = PostgresTestSupport.admin(this.database);
				Statement statement = admin.createStatement()) {
			statement.execute(sql);
		}
	}

	private PoolConfig.Builder adaptive() {
		return PoolConfig.builder()
			.name(this.name)
			.url(PostgresTestSupport.databaseUrl(this.database))
			.username(this.role)
			.password(PASSWORD)
			.sizingMode(SizingMode.ADAPTIVE)
			.sizingPeriod(Duration.ofMillis(250))
			.connectionTimeout(Duration.ofSeconds(10));
	}

	private PoolDataSource start(PoolConfig.Builder builder) {
		PoolDataSource pool = new PoolDataSource(builder.build());
		this.pools.add(pool);
		return pool;
	}

	private Load load(PoolDataSource pool, int threads, double holdSeconds) {
		return load(pool, threads, holdSeconds, 0);
	}

	private Load load(PoolDataSource pool, int threads, double holdSeconds, long thinkMillis) {
		Load load = new Load(pool, threads, holdSeconds, thinkMillis);
		this.loads.add(load);
		return load;
	}

	/** The role's sessions on the server now, as the server counts them for its limit. */
	private int roleSessions() throws SQLException {
		try (Connection admin = PostgresTestSupport.admin();
				PreparedStatement count = admin
					.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE usename = ?")) {
			count.setString(1, this.role);
			try (ResultSet rows = count.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	private List<String> applicationNames() throws SQLException {
		try (Connection admin = PostgresTestSupport.admin();
				PreparedStatement names = admin.prepareStatement(
						"SELECT DISTINCT application_name FROM pg_stat_activity WHERE usename = ? ORDER BY 1")) {
			names.setString(1, this.role);
			List<String> found = new ArrayList<>();
			try (ResultSet rows = names.executeQuery()) {
				while (rows.next()) {
					found.add(rows.getString(1));
				}
			}
			return found;
		}
	}

	@Test
	void aBurstIsMetWithinSecondsAndTheCalmAfterItShrinksThePoolWithEveryStepExplained() throws Exception {
		admin("ALTER ROLE " + this.role + " CONNECTION LIMIT 20");
		try (LogCapture log = LogCapture.poolkit()) {
			PoolDataSource pool = start(adaptive().maxSize(12));
			assertThat(pool.stats().target()).isEqualTo(1);
			assertThat(pool.stats().max()).isEqualTo(12);
			// Ten borrowers holding 50 ms each, all the time.
			Load burst = load(pool, 10, 0.05);
			long start = System.nanoTime();
			await("the target to meet the burst").atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> pool.stats().target() >= 10);
			System.out.printf("Adaptive: burst of 10 met (target %d) after %d ms%n", pool.stats().target(),
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
			await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().total() >= 10);
			// Every connection carries the instance's suffix; the server shows one
			// instance.
			assertThat(applicationNames()).singleElement()
				.satisfies((applicationName) -> assertThat(applicationName).matches(this.name + "#[a-z0-9]{6}"));
			FleetBudget budget = pool.fleetBudget();
			assertThat(budget.source()).isEqualTo("postgresql");
			assertThat(budget.limit()).isEqualTo(20);
			assertThat(budget.capacity()).isEqualTo(18);
			assertThat(budget.equalShare()).isEqualTo(18);
			assertThat(budget.instances()).containsOnlyKeys(budget.instance());
			assertThat(budget.explanation()).contains("role '" + this.role + "' CONNECTION LIMIT 20");
			burst.stop();
			await("the target to shrink back").atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> pool.stats().target() <= 2);
			assertThat(burst.errors()).isEmpty();
			SizingDecision decision = pool.sizingDecision();
			assertThat(decision.floor()).isEqualTo(1);
			assertThat(decision.ceiling()).isEqualTo(12);
			List<PoolEvent> sizing = pool.recentEvents().stream().filter((e) -> e.type().equals("sizing")).toList();
			assertThat(sizing).anySatisfy((event) -> assertThat(event.detail()).contains("target 1 → ")
				.contains("borrowers waiting on average")
				.contains("wanted ceil("));
			assertThat(sizing).anySatisfy((event) -> assertThat(event.detail()).contains("grow target")
				.contains("Little's law")
				.contains("borrows/s × "));
			assertThat(sizing).anySatisfy((event) -> assertThat(event.detail()).contains("shrink target")
				.contains("for 3 periods with nobody waiting")
				.contains("CONNECTION LIMIT 20"));
			assertThat(log.lines())
				.anySatisfy((line) -> assertThat(line).startsWith("INFO Pool '" + this.name + "' target 1 → "));
			assertThat(log.warnings()).isEmpty();
		}
	}

	/**
	 * Three instances of one pool under a role limited to 12 (headroom 2): the two busy
	 * ones split what the quiet one leaves, and nobody is refused.
	 */
	@Test
	void instancesOfOnePoolShareTheRolesLimitFairlyWithoutARefusal() throws Exception {
		admin("ALTER ROLE " + this.role + " CONNECTION LIMIT 12");
		RefusalCounter refusals = new RefusalCounter();
		PoolDataSource a = start(adaptive().maxSize(20).listener(refusals));
		PoolDataSource b = start(adaptive().maxSize(20).listener(refusals));
		PoolDataSource c = start(adaptive().maxSize(20).listener(refusals));
		Sampler sampler = new Sampler();
		sampler.start();
		try {
			load(a, 12, 0.02);
			load(b, 12, 0.02);
			load(c, 1, 0.001, 50);
			// 10 for three instances, equal share 3: the quiet one holds 1 and keeps an
			// allowance of 1; the busy ones split the other 8, each keeping one of its 4
			// for its own budget reads.
			await("the busy instances to split the budget").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> a.stats().target() == 3 && b.stats().target() == 3 && c.stats().target() == 1);
			assertThat(a.fleetBudget().instances()).hasSize(3);
			assertThat(a.fleetBudget().equalShare()).isEqualTo(3);
		}
		finally {
			sampler.stop();
		}
		assertThat(refusals.count()).as("connects refused with 53300").isZero();
		assertThat(sampler.max()).as("most sessions of the role at once").isLessThanOrEqualTo(12);
		this.loads.forEach((load) -> assertThat(load.errors()).isEmpty());
	}

	/**
	 * The statistics the budget comes from answer after three seconds (a view shadowing
	 * pg_stat_activity for this role in this database): the reads time out, the target
	 * does not grow, and no borrower waits for them.
	 */
	@Test
	void aSlowStatisticsReadDelaysNoBorrowerAndKeepsTheSize() throws Exception {
		admin("ALTER ROLE " + this.role + " CONNECTION LIMIT 20");
		inDatabase("CREATE SCHEMA slow");
		inDatabase("CREATE VIEW slow.pg_stat_activity AS SELECT a.* FROM pg_catalog.pg_stat_activity a, "
				+ "(SELECT pg_sleep(3)) s");
		inDatabase("GRANT USAGE ON SCHEMA slow TO " + this.role);
		inDatabase("GRANT SELECT ON slow.pg_stat_activity TO " + this.role);
		admin("ALTER ROLE " + this.role + " IN DATABASE " + this.database + " SET search_path = slow, pg_catalog");
		// One connection, idle most of the time: the read must not take it.
		PoolDataSource pool = start(adaptive().maxSize(1));
		await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().total() == 1);
		Load load = load(pool, 1, 0.002, 20);
		await("a read to time out").atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> pool.recentEvents().stream().anyMatch((event) -> event.type().equals("budget")));
		// Reads keep being tried, each bounded by one second, while the load runs.
		awaitDecisionsFor(pool, Duration.ofSeconds(4));
		load.stop();
		assertThat(load.errors()).isEmpty();
		assertThat(load.borrows()).isPositive();
		// A borrow that waited for a read would have waited a second or more.
		assertThat(load.longestBorrowMillis()).as("longest getConnection, ms").isLessThan(500);
		assertThat(pool.stats().target()).isEqualTo(1);
		assertThat(pool.recentEvents()).anySatisfy((event) -> assertThat(event.detail()).startsWith("budget not read"));
	}

	@Test
	void aFailingStatisticsReadKeepsTheSizeAndIsRetriedWithBackoff() throws Exception {
		admin("ALTER ROLE " + this.role + " CONNECTION LIMIT 20");
		inDatabase("CREATE SCHEMA broken");
		inDatabase("CREATE VIEW broken.pg_stat_activity AS SELECT a.* FROM pg_catalog.pg_stat_activity a "
				+ "WHERE 1 / (SELECT 0) = 1");
		inDatabase("GRANT USAGE ON SCHEMA broken TO " + this.role);
		inDatabase("GRANT SELECT ON broken.pg_stat_activity TO " + this.role);
		admin("ALTER ROLE " + this.role + " IN DATABASE " + this.database + " SET search_path = broken, pg_catalog");
		PoolDataSource pool = start(adaptive().maxSize(10).minIdle(10).sizingMinSize(2));
		Load load = load(pool, 8, 0.02);
		await("a failed read").atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> pool.recentEvents().stream().anyMatch((event) -> event.type().equals("budget")));
		// No growth past the target while the budget is unknown, however busy the pool.
		awaitDecisionsFor(pool, Duration.ofSeconds(2));
		assertThat(pool.stats().target()).isEqualTo(2);
		assertThat(pool.sizingDecision().explanation()).contains("keep target 2");
		assertThat(pool.recentEvents()).anySatisfy((event) -> assertThat(event.detail()).contains("division by zero"));
		load.stop();
		assertThat(load.errors()).isEmpty();
	}

	/** Connects refused and every connection cut: the target stays where it was. */
	@Test
	void anUnreachableDatabaseKeepsTheSize() throws Exception {
		this.proxy = PostgresTestSupport.startProxy();
		admin("ALTER ROLE " + this.role + " CONNECTION LIMIT 20");
		PoolDataSource pool = start(
				adaptive().url(this.proxy.jdbcUrl(this.database)).maxSize(10).connectionTimeout(Duration.ofSeconds(1)));
		Load load = load(pool, 6, 0.02);
		await("growth").atMost(Duration.ofSeconds(10)).until(() -> pool.stats().target() >= 6);
		load.stop();
		int target = pool.stats().target();
		this.proxy.refuse();
		this.proxy.cutAll();
		Load waiting = load(pool, 6, 0.02);
		await("the outage to show").atMost(Duration.ofSeconds(10))
			.until(() -> pool.sizingDecision().explanation().contains("the database does not answer connects"));
		awaitDecisionsFor(pool, Duration.ofSeconds(2));
		assertThat(pool.stats().target()).isEqualTo(target);
		assertThat(pool.sizingDecision().direction()).isEqualTo(SizingAdvice.Direction.KEEP);
		waiting.stop();
		this.proxy.pass();
		Load after = load(pool, 2, 0.01);
		await("serving again").atMost(Duration.ofSeconds(10)).until(() -> after.borrows() > 10);
	}

	/**
	 * Behind "PgBouncer" whose admin console cannot be read (here the server itself,
	 * which has no database pgbouncer) the pool falls back to sizing.fleet-budget; the
	 * setting says 10, but the role may open 3. The server's refusal (53300) stops the
	 * growth at what the pool holds, and borrowers carry on with those.
	 */
	@Test
	void aRefusalStopsTheGrowthInsteadOfFailingBorrowers() throws Exception {
		admin("ALTER ROLE " + this.role + " CONNECTION LIMIT 3");
		RefusalCounter refusals = new RefusalCounter();
		PoolDataSource pool = start(
				adaptive().pgbouncer(true).maxSize(10).sizingFleetBudget(10).sizingHeadroom(0).listener(refusals));
		Load load = load(pool, 8, 0.02);
		await("a refusal").atMost(Duration.ofSeconds(20)).until(() -> refusals.count() > 0);
		await("the target to stop at what the pool holds").atMost(Duration.ofSeconds(5))
			.until(() -> pool.stats().target() == 3);
		assertThat(pool.fleetBudget().source()).isEqualTo("setting");
		assertThat(pool.recentEvents())
			.anySatisfy((event) -> assertThat(event.detail()).contains("53300").contains("held or was opening 3"));
		long borrowsBefore = load.borrows();
		await("borrowers served by the three").atMost(Duration.ofSeconds(10))
			.until(() -> load.borrows() > borrowsBefore + 50);
		load.stop();
		assertThat(load.errors()).isEmpty();
		assertThat(pool.stats().total()).isEqualTo(3);
	}

	/** Waits until the pool has gone on deciding for {@code span} from now. */
	private static void awaitDecisionsFor(PoolDataSource pool, Duration span) {
		java.time.Instant until = java.time.Instant.now().plus(span);
		await("decisions for " + span).atMost(span.plusSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> pool.sizingDecision() != null && pool.sizingDecision().at().isAfter(until));
	}

	/** Counts connects refused with SQLState 53300. */
	static final class RefusalCounter implements PoolListener {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public void connectionCreationFailed(ConnectionErrorKind kind, SQLException error) {
			if ("53300".equals(error.getSQLState())) {
				this.count.incrementAndGet();
			}
		}

		int count() {
			return this.count.get();
		}

	}

	/** Samples the role's sessions every 100 ms. */
	private final class Sampler {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicInteger max = new AtomicInteger();

		private final Thread thread = new Thread(this::run, "role-sampler");

		void start() {
			this.thread.start();
		}

		private void run() {
			while (this.running.get()) {
				try {
					this.max.accumulateAndGet(roleSessions(), Math::max);
					Thread.sleep(100);
				}
				catch (SQLException ex) {
					// the next sample
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			this.thread.join();
		}

		int max() {
			return this.max.get();
		}

	}

	/** Borrowers in a closed loop: borrow, hold for a while in a query, return. */
	static final class Load {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicLong borrows = new AtomicLong();

		private final AtomicLong longestBorrowNanos = new AtomicLong();

		private final Queue<String> errors = new ConcurrentLinkedQueue<>();

		private final List<Thread> threads = new ArrayList<>();

		Load(PoolDataSource pool, int threads, double holdSeconds, long thinkMillis) {
			for (int i = 0; i < threads; i++) {
				Thread thread = new Thread(() -> run(pool, holdSeconds, thinkMillis), "load-" + i);
				thread.setDaemon(true);
				this.threads.add(thread);
				thread.start();
			}
		}

		private void run(PoolDataSource pool, double holdSeconds, long thinkMillis) {
			while (this.running.get()) {
				if (thinkMillis > 0) {
					// A quiet client: work elsewhere between borrows.
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(thinkMillis));
				}
				long start = System.nanoTime();
				try (Connection connection = pool.getConnection()) {
					this.longestBorrowNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
					try (PreparedStatement sleep = connection.prepareStatement("SELECT pg_sleep(?)")) {
						sleep.setDouble(1, holdSeconds);
						sleep.execute();
					}
					this.borrows.incrementAndGet();
				}
				catch (SQLException ex) {
					if (this.running.get()) {
						this.errors.add(ex.getSQLState() + ": " + ex.getMessage());
					}
				}
			}
		}

		void stop() {
			this.running.set(false);
			for (Thread thread : this.threads) {
				try {
					thread.join(20_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

		long borrows() {
			return this.borrows.get();
		}

		long longestBorrowMillis() {
			return TimeUnit.NANOSECONDS.toMillis(this.longestBorrowNanos.get());
		}

		List<String> errors() {
			return List.copyOf(this.errors);
		}

	}

}
