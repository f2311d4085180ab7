package io.poolkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Instances of one adaptive pool in one JVM against the real PostgreSQL, at the edges of
 * the fleet's budget: a steady fleet under a small role limit keeps its targets and its
 * connections; under a limit every instance's floor fills, budget reads never open a
 * connection the server refuses; {@code sizing.fleet-budget} bounds the fleet's sessions,
 * read connections included, whatever others hold; and a pool of the same name as another
 * role in another database is another application, not an instance. The server's sessions
 * are sampled every few milliseconds, so that a read connection living for a few
 * milliseconds shows. Each test runs as a role of its own in a database of its own.
 */
@Timeout(180)
class AdaptiveFleetLimitsTest {

	private static final String PASSWORD = "fleet-limits-pw";

	private static final Duration PERIOD = Duration.ofMillis(200);

	private final String role = PostgresTestSupport.uniqueTableName("poolkit_limits");

	private final String name = this.role.replace('_', '-');

	private String database;

	private final List<PoolDataSource> pools = new ArrayList<>();

	private final List<AdaptiveSizingTest.Load> loads = new ArrayList<>();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final AdaptiveSizingTest.RefusalCounter refusals = new AdaptiveSizingTest.RefusalCounter();

	@BeforeEach
	void createRoleAndDatabase() throws SQLException {
		this.database = PostgresTestSupport.createDatabase("limits");
		admin("CREATE ROLE " + this.role + " LOGIN NOSUPERUSER PASSWORD '" + PASSWORD + "'");
	}

	@AfterEach
	void dropAll() throws Exception {
		this.loads.forEach(AdaptiveSizingTest.Load::stop);
		this.pools.forEach(PoolDataSource::close);
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + this.role + "'");
		PostgresTestSupport.dropDatabase(this.database);
		admin("DROP ROLE IF EXISTS " + this.role);
	}

	private static void admin(String sql) throws SQLException {
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
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
			.sizingPeriod(PERIOD)
			.connectionTimeout(Duration.ofSeconds(10))
			.listener(this.refusals);
	}

	private List<PoolDataSource> startFleet(int instances, PoolConfig.Builder builder) {
		List<PoolDataSource> fleet = new ArrayList<>();
		for (int i = 0; i < instances; i++) {
			PoolDataSource pool = new PoolDataSource(builder.build());
			this.pools.add(pool);
			fleet.add(pool);
		}
		return fleet;
	}

	/**
	 * Started together, instances may read before the last one opened its first
	 * connection: that is what the headroom is for. These tests leave the headroom out,
	 * so they let every instance hold its first connection and decide twice more before
	 * the load comes.
	 */
	private static void awaitEveryInstanceStarted(List<PoolDataSource> fleet) {
		Instant started = Instant.now().plus(PERIOD.multipliedBy(2));
		await("every instance to hold its first connection and decide").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> fleet.stream()
				.allMatch((pool) -> pool.stats().total() == 1 && pool.sizingDecision() != null
						&& pool.sizingDecision().at().isAfter(started)));
	}

	private void load(List<PoolDataSource> fleet, int threads, double holdSeconds) {
		for (PoolDataSource pool : fleet) {
			this.loads.add(new AdaptiveSizingTest.Load(pool, threads, holdSeconds, 0));
		}
	}

	/** Waits until the pool has gone on deciding for {@code periods} periods from now. */
	private static Instant awaitPeriods(PoolDataSource pool, int periods) {
		Instant until = Instant.now().plus(PERIOD.multipliedBy(periods));
		await(periods + " periods").atMost(PERIOD.multipliedBy(periods).plusSeconds(20))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> pool.sizingDecision() != null && pool.sizingDecision().at().isAfter(until));
		return until;
	}

	private int roleSessions() throws SQLException {
		try (Connection admin = PostgresTestSupport.admin();
				PreparedStatement count = admin.prepareStatement(
						"SELECT count(*) FROM pg_stat_activity WHERE usename = ? AND backend_type = 'client backend'")) {
			count.setString(1, this.role);
			try (ResultSet rows = count.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	private Connection otherApplication(String user, String password, String database) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password);
		properties.setProperty("ApplicationName", "another-application");
		Connection connection = DriverManager.getConnection(PostgresTestSupport.databaseUrl(database), properties);
		this.closeables.add(connection);
		return connection;
	}

	private static long sizingEventsSince(PoolDataSource pool, Instant since) {
		return pool.recentEvents()
			.stream()
			.filter((event) -> event.type().equals("sizing") && event.at().isAfter(since))
			.count();
	}

	private static String targets(List<PoolDataSource> fleet) {
		return fleet.stream()
			.map((pool) -> pool.stats().target() + "(" + pool.stats().total() + ")")
			.toList()
			.toString();
	}

	/**
	 * Three instances, each with six borrowers always busy, under a role limit of 8
	 * (headroom 2): 6 for the fleet, 2 for each instance, one of which is kept for its
	 * own budget reads. The targets settle and stay; no connection is opened again and
	 * again; the role never holds more than its limit.
	 */
	@Test
	void aSteadyFleetUnderASmallLimitKeepsItsTargetsAndItsConnections() throws Exception {
		admin("ALTER ROLE " + this.role + " CONNECTION LIMIT 8");
		try (Sampler sessions = new Sampler(this::roleSessions)) {
			List<PoolDataSource> fleet = startFleet(3, adaptive().maxSize(20));
			awaitEveryInstanceStarted(fleet);
			load(fleet, 6, 0.01);
			// Settled: five seconds of deciding under the load.
			awaitPeriods(fleet.get(0), 25);
			Instant since = Instant.now();
			long openedBefore = fleet.stream().mapToLong((pool) -> pool.totals().opened()).sum();
			awaitPeriods(fleet.get(0), 20);
			List<Long> changes = fleet.stream().map((pool) -> sizingEventsSince(pool, since)).toList();
			long opened = fleet.stream().mapToLong((pool) -> pool.totals().opened()).sum() - openedBefore;
			System.out.printf(
					"Steady fleet of 3 under 8: targets %s, target changes in 20 periods %s, connections "
							+ "opened %d, most sessions %d; %s%n",
					targets(fleet), changes, opened, sessions.max(), fleet.get(0).fleetBudget().explanation());
			assertThat(changes).as("target changes per instance in 20 periods of a steady load")
				.allSatisfy((count) -> assertThat(count).isLessThanOrEqualTo(1));
			assertThat(opened).as("connections the fleet opened in those 20 periods").isLessThanOrEqualTo(fleet.size());
			assertThat(sessions.max()).as("most sessions of the role").isLessThanOrEqualTo(8);
		}
		assertThat(this.refusals.count()).as("connects refused with 53300").isZero();
		this.loads.forEach((load) -> assertThat(load.errors()).isEmpty());
	}

	/**
	 * Four instances under a role limit of 4 with no headroom: each holds its one
	 * connection, always busy. A read on a connection of its own would be a fifth
	 * session, which the server refuses; the reads are skipped instead, and the targets
	 * stay.
	 */
	@Test
	void budgetReadsNeverOpenAConnectionTheServerWouldRefuse() throws Exception {
		admin("ALTER ROLE " + this.role + " CONNECTION LIMIT 4");
		try (Sampler sessions = new Sampler(this::roleSessions)) {
			List<PoolDataSource> fleet = startFleet(4, adaptive().maxSize(10).sizingHeadroom(0));
			awaitEveryInstanceStarted(fleet);
			load(fleet, 3, 0.02);
			awaitPeriods(fleet.get(0), 30);
			long refusedReads = fleet.stream().mapToLong((pool) -> pool.sizingDecision().refusals()).sum();
			System.out.printf(
					"4 busy instances under 4, headroom 0: targets %s, most sessions %d, refusals %d "
							+ "(budget reads included %d); %s%n",
					targets(fleet), sessions.max(), this.refusals.count(), refusedReads,
					fleet.get(0).sizingDecision().explanation());
			assertThat(refusedReads).as("connects refused with 53300, budget reads included").isZero();
			assertThat(sessions.max()).as("most sessions of the role").isLessThanOrEqualTo(4);
			assertThat(fleet).allSatisfy((pool) -> assertThat(pool.stats().target()).isEqualTo(1));
			assertThat(fleet.get(0).sizingDecision().explanation()).contains("budget not read this period");
		}
		assertThat(this.refusals.count()).as("connects refused with 53300").isZero();
		this.loads.forEach((load) -> assertThat(load.errors()).isEmpty());
	}

	/**
	 * One busy instance under a role limit of 3 with no headroom holds 2 and reads on a
	 * third connection of its own; then another application takes the third. The next
	 * read is refused, and the server's refusal stands for what the stale reading said:
	 * no read opens a connection of its own again for 30 periods, rather than being
	 * refused again at every back-off.
	 */
	@Test
	void aRefusedReadIsNotRetriedOnAConnectionOfItsOwnAtEveryBackOff() throws Exception {
		admin("ALTER ROLE " + this.role + " CONNECTION LIMIT 3");
		PoolDataSource pool = startFleet(1, adaptive().maxSize(10).sizingHeadroom(0)).get(0);
		// Six threads on two connections: someone always waits, so a read never takes a
		// connection of the pool's (with three, one sometimes did between two borrows,
		// read
		// the budget, shrank the pool to 1 and was never refused).
		load(List.of(pool), 6, 0.02);
		await("the instance to hold 2, one kept for its reads").atMost(Duration.ofSeconds(30))
			.until(() -> pool.stats().total() == 2);
		awaitPeriods(pool, 2);
		// The third session, taken between two of its reads (one may be refused while a
		// read holds it).
		await("another application to connect").atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
			otherApplication(this.role, PASSWORD, this.database);
			return true;
		});
		await("a read refused").atMost(Duration.ofSeconds(10)).until(() -> pool.sizingDecision().refusals() > 0);
		awaitPeriods(pool, 25);
		System.out.printf("A read refused: refusals in the 5 s after it %d; %s%n", pool.sizingDecision().refusals(),
				pool.sizingDecision().explanation());
		assertThat(pool.sizingDecision().refusals()).as("refusals, budget reads included").isEqualTo(1);
		assertThat(pool.sizingDecision().explanation())
			.contains("the server refused a connection of this instance with 53300 since the last reading");
		assertThat(pool.stats().total()).isEqualTo(2);
		this.loads.forEach((load) -> assertThat(load.errors()).isEmpty());
	}

	/**
	 * {@code sizing.fleet-budget} 3 with no headroom and three busy instances: the
	 * fleet's sessions, read connections included, never go past 3, and another
	 * application's sessions (same role, same database) do not come out of the fleet's
	 * own budget.
	 */
	@Test
	void theFleetNeverHoldsMoreThanSizingFleetBudget() throws Exception {
		otherApplication(this.role, PASSWORD, this.database);
		otherApplication(this.role, PASSWORD, this.database);
		try (Sampler sessions = new Sampler(() -> roleSessions() - 2)) {
			List<PoolDataSource> fleet = startFleet(3, adaptive().maxSize(10).sizingHeadroom(0).sizingFleetBudget(3));
			awaitEveryInstanceStarted(fleet);
			load(fleet, 3, 0.02);
			awaitPeriods(fleet.get(0), 25);
			FleetBudget budget = fleet.get(0).fleetBudget();
			System.out.printf(
					"sizing.fleet-budget 3, three busy instances: targets %s, most sessions of the fleet " + "%d; %s%n",
					targets(fleet), sessions.max(), budget.explanation());
			assertThat(sessions.max()).as("most sessions of the fleet").isLessThanOrEqualTo(3);
			assertThat(budget.limit()).isEqualTo(3);
			assertThat(budget.othersInUse()).isZero();
			assertThat(budget.capacity()).as("the fleet's own budget, others aside").isEqualTo(3);
			assertThat(budget.explanation()).startsWith("sizing.fleet-budget 3 (less than the ");
		}
		this.loads.forEach((load) -> assertThat(load.errors()).isEmpty());
	}

	/**
	 * A pool of the same name, as another role in another database, with ten busy
	 * connections: it is another application, so this pool, alone under its role's limit
	 * of 8, may hold 5 (8 less the headroom of 2, less one for its own reads).
	 */
	@Test
	void aPoolOfTheSameNameAsAnotherRoleInAnotherDatabaseIsNotAnInstance() throws Exception {
		admin("ALTER ROLE " + this.role + " CONNECTION LIMIT 8");
		String otherRole = this.role + "_other";
		String otherDatabase = PostgresTestSupport.createDatabase("limits_other");
		admin("CREATE ROLE " + otherRole + " LOGIN NOSUPERUSER PASSWORD '" + PASSWORD + "'");
		try {
			PoolDataSource unrelated = new PoolDataSource(adaptive().url(PostgresTestSupport.databaseUrl(otherDatabase))
				.username(otherRole)
				.maxSize(12)
				.build());
			this.pools.add(unrelated);
			this.loads.add(new AdaptiveSizingTest.Load(unrelated, 12, 0.02, 0));
			await("the other pool to grow").atMost(Duration.ofSeconds(30)).until(() -> unrelated.stats().total() >= 10);
			PoolDataSource pool = startFleet(1, adaptive().maxSize(20)).get(0);
			this.loads.add(new AdaptiveSizingTest.Load(pool, 8, 0.02, 0));
			await("this pool to take its role's room").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> pool.stats().target() == 5);
			FleetBudget budget = pool.fleetBudget();
			System.out.printf("Same pool name as another role in another database: this pool %d, the other %d; %s%n",
					pool.stats().target(), unrelated.stats().total(), budget.explanation());
			assertThat(budget.instances()).containsOnlyKeys(budget.instance());
			assertThat(unrelated.fleetBudget().instances()).containsOnlyKeys(unrelated.fleetBudget().instance());
		}
		finally {
			this.loads.forEach(AdaptiveSizingTest.Load::stop);
			this.pools.forEach(PoolDataSource::close);
			admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + otherRole + "'");
			PostgresTestSupport.dropDatabase(otherDatabase);
			admin("DROP ROLE IF EXISTS " + otherRole);
		}
		assertThat(this.refusals.count()).as("connects refused with 53300").isZero();
	}

	/** A figure sampled every 2 ms on a thread of its own, keeping the most seen. */
	private static final class Sampler implements AutoCloseable {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicInteger max = new AtomicInteger();

		private final Thread thread;

		Sampler(Figure figure) {
			this.thread = new Thread(() -> {
				while (this.running.get()) {
					try {
						this.max.accumulateAndGet(figure.read(), Math::max);
					}
					catch (SQLException ex) {
						// the next sample
					}
					// The sampling interval, not a wait for anything.
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
				}
			}, "sessions-sampler");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		int max() {
			return this.max.get();
		}

		@Override
		public void close() throws InterruptedException {
			this.running.set(false);
			this.thread.join();
		}

	}

	@FunctionalInterface
	private interface Figure {

		int read() throws SQLException;

	}

}
