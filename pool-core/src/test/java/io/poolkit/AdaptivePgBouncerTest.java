package io.poolkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.poolkit.internal.PgBouncerConsoleAccess;
import io.poolkit.testkit.LogCapture;
import io.poolkit.testkit.PgBouncerServer;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Adaptive sizing behind a real PgBouncer in transaction mode: the budget is PgBouncer's
 * pool of server connections ({@code pool_size}), read from its admin console, and the
 * instances of one pool share it by the clients PgBouncer shows for each
 * {@code application_name}. Held within it, no client waits inside PgBouncer, where
 * {@code connection-timeout} cannot reach it; fixed pools larger than it queue there.
 */
@Timeout(180)
class AdaptivePgBouncerTest {

	private static final int BOUNCER_POOL_SIZE = 6;

	private String database;

	private PgBouncerServer bouncer;

	private final List<PoolDataSource> pools = new ArrayList<>();

	private final List<AdaptiveSizingTest.Load> loads = new ArrayList<>();

	@BeforeEach
	void startPgBouncer() throws SQLException {
		this.database = PostgresTestSupport.createDatabase("adaptive_bouncer");
		this.bouncer = PgBouncerServer.settings()
			.targetDatabase(this.database)
			.poolMode("transaction")
			.defaultPoolSize(BOUNCER_POOL_SIZE)
			.start();
	}

	@AfterEach
	void stopAll() throws SQLException {
		this.loads.forEach(AdaptiveSizingTest.Load::stop);
		this.pools.forEach(PoolDataSource::close);
		if (this.bouncer != null) {
			this.bouncer.close();
		}
		PostgresTestSupport.dropDatabase(this.database);
	}

	private PoolDataSource pool(String name, PoolConfig.Builder builder) {
		PoolDataSource pool = new PoolDataSource(builder.name(name)
			.url(this.bouncer.jdbcUrl())
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			.dataSourceProperty("sslmode", "disable")
			.pgbouncer(true)
			.connectionTimeout(Duration.ofSeconds(10))
			.build());
		this.pools.add(pool);
		return pool;
	}

	private PoolDataSource adaptive(String name) {
		return pool(name,
				PoolConfig.builder()
					.sizingMode(SizingMode.ADAPTIVE)
					.sizingPeriod(Duration.ofMillis(250))
					.sizingHeadroom(0)
					.maxSize(20));
	}

	private void load(PoolDataSource pool, int threads) {
		this.loads.add(new AdaptiveSizingTest.Load(pool, threads, 0.01, 0));
	}

	/** The most clients PgBouncer kept waiting for a server connection, sampled. */
	private int mostWaitingInPgBouncer(Duration span) throws Exception {
		int most = 0;
		long end = System.nanoTime() + span.toNanos();
		try (PgBouncerConsoleAccess console = PgBouncerConsoleAccess.open(this.bouncer.port(),
				PostgresTestSupport.user(), PostgresTestSupport.password())) {
			while (System.nanoTime() < end) {
				for (Map<String, String> pool : console.query("SHOW POOLS")) {
					if (this.bouncer.alias().equals(pool.get("database"))) {
						most = Math.max(most, Integer.parseInt(pool.get("cl_waiting")));
					}
				}
				// The sampling interval of the figure, not a wait for anything.
				Thread.sleep(20);
			}
		}
		return most;
	}

	@Test
	void twoInstancesSharePgBouncersPoolAndNoClientWaitsInsidePgBouncer() throws Exception {
		PoolDataSource a = adaptive("bouncer-fleet");
		PoolDataSource b = adaptive("bouncer-fleet");
		load(a, 8);
		load(b, 8);
		await("both instances to hold half of PgBouncer's pool").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> a.stats().target() == 3 && b.stats().target() == 3 && a.stats().total() == 3
					&& b.stats().total() == 3);
		// Every client is named, and counted to its instance.
		await("a reading of both instances at 3").atMost(Duration.ofSeconds(5))
			.until(() -> a.fleetBudget().instances().values().stream().allMatch((count) -> count == 3));
		FleetBudget budget = a.fleetBudget();
		assertThat(budget.source()).isEqualTo("pgbouncer");
		assertThat(budget.limit()).isEqualTo(BOUNCER_POOL_SIZE);
		assertThat(budget.instances()).hasSize(2).containsKey(budget.instance());
		assertThat(budget.othersInUse()).isZero();
		assertThat(budget.explanation()).contains("PgBouncer pool_size 6 of database '" + this.bouncer.alias() + "'");
		int waiting = mostWaitingInPgBouncer(Duration.ofSeconds(3));
		System.out.printf("PgBouncer pool_size %d, two adaptive instances: targets %d + %d, most clients waiting "
				+ "inside PgBouncer %d%n", BOUNCER_POOL_SIZE, a.stats().target(), b.stats().target(), waiting);
		assertThat(waiting).as("clients waiting inside PgBouncer").isZero();
		this.loads.forEach((load) -> assertThat(load.errors()).isEmpty());
	}

	/**
	 * A user PgBouncer lets in but whose admin console it refuses (not in admin_users nor
	 * stats_users), and no sizing.fleet-budget: the budget cannot be known, so the load
	 * alone sizes the pool, up to max-size, and the warning says so and names the
	 * setting. Holding the pool at its floor instead would starve it for a setting left
	 * out, while PgBouncer queues what its pool cannot serve rather than refuse it.
	 */
	@Test
	void withoutConsoleAccessOrAFleetBudgetTheLoadAloneSizesThePoolAsTheWarningSays() throws Exception {
		String role = PostgresTestSupport.uniqueTableName("poolkit_no_console");
		String password = "no-console-pw";
		admin("CREATE ROLE " + role + " LOGIN NOSUPERUSER PASSWORD '" + password + "'");
		PgBouncerServer bouncer = PgBouncerServer.settings()
			.targetDatabase(this.database)
			.poolMode("transaction")
			.defaultPoolSize(4)
			.user(role, password)
			.start();
		try (LogCapture log = LogCapture.poolkit()) {
			PoolDataSource pool = new PoolDataSource(PoolConfig.builder()
				.name("bouncer-no-console")
				.url(bouncer.jdbcUrl())
				.username(role)
				.password(password)
				.dataSourceProperty("sslmode", "disable")
				.pgbouncer(true)
				.sizingMode(SizingMode.ADAPTIVE)
				.sizingPeriod(Duration.ofMillis(250))
				.sizingHeadroom(0)
				.maxSize(8)
				.connectionTimeout(Duration.ofSeconds(10))
				.build());
			this.pools.add(pool);
			load(pool, 12);
			await("the load to size the pool up to max-size").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> pool.stats().target() == 8);
			System.out.printf("PgBouncer pool_size 4, console not readable, no sizing.fleet-budget: target %d; %s%n",
					pool.stats().target(), log.warnings());
			assertThat(pool.fleetBudget()).isNull();
			assertThat(log.warnings())
				.anySatisfy((line) -> assertThat(line).contains("cannot read PgBouncer's admin console")
					.contains("until it can, the pool sizes itself by its load alone, up to max-size 8")
					.contains("set sizing.fleet-budget to PgBouncer's pool_size"));
			assertThat(pool.recentEvents())
				.anySatisfy((event) -> assertThat(event.detail()).startsWith("budget not read")
					.contains("the load alone sizes the pool, up to max-size 8, until it is"));
		}
		finally {
			this.loads.forEach(AdaptiveSizingTest.Load::stop);
			this.pools.forEach(PoolDataSource::close);
			bouncer.close();
			admin("DROP ROLE IF EXISTS " + role);
		}
		this.loads.forEach((load) -> assertThat(load.errors()).isEmpty());
	}

	private static void admin(String sql) throws SQLException {
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute(sql);
		}
	}

	/** The comparison: two fixed pools of 8 queue clients inside PgBouncer. */
	@Test
	void fixedPoolsLargerThanPgBouncersPoolQueueInsideIt() throws Exception {
		PoolDataSource a = pool("bouncer-fixed", PoolConfig.builder().maxSize(8));
		PoolDataSource b = pool("bouncer-fixed", PoolConfig.builder().maxSize(8));
		load(a, 8);
		load(b, 8);
		await().atMost(Duration.ofSeconds(10)).until(() -> a.stats().total() == 8 && b.stats().total() == 8);
		int waiting = mostWaitingInPgBouncer(Duration.ofSeconds(3));
		System.out.printf("PgBouncer pool_size %d, two fixed pools of 8: most clients waiting inside PgBouncer %d%n",
				BOUNCER_POOL_SIZE, waiting);
		assertThat(waiting).isPositive();
	}

}
