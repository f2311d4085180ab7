package io.poolkit.spring.boot.autoconfigure.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.poolkit.PoolConfig;
import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.web.Actuator.Response;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/pool} over HTTP in a booted application against the real PostgreSQL:
 * what it reads, and that its write operations really act on the pool, as seen from the
 * database's own {@code pg_stat_activity}.
 * <p>
 * The pool has a name of its own, so the backends it holds are those with that
 * {@code application_name}. Each test starts from a full pool of two and puts the pool
 * back as it found it. {@code on-exhausted=fail-fast} makes a borrow beyond the size fail
 * at once instead of after a timeout. A connection returned while the pool is above its
 * size is retired on the housekeeper's next round, which runs at half the shortest of the
 * pool's intervals (at most 30 s apart); the {@code idle-timeout} of 2s makes that every
 * second, so the shrink test need not wait long. It changes nothing else: with
 * {@code min-idle} equal to {@code max-size} no connection is idle above min-idle.
 */
@SpringBootTest(classes = PoolTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "app.pool.name=" + PoolEndpointIntegrationTests.POOL, "app.pool.max-size=2",
				"app.pool.min-idle=2", "app.pool.on-exhausted=fail-fast", "app.pool.leak-detection-threshold=10m",
				"app.pool.idle-timeout=2s", "management.endpoints.web.exposure.include=pool" })
class PoolEndpointIntegrationTests {

	static final String POOL = "poolkit-endpoint-it";

	private static final String URL_SECRET = "poolkit-url-secret-5a0d";

	private static final String DRIVER_SECRET = "poolkit-driver-secret-e21f";

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		// Ignored by the driver without SSL; here so the URL and the driver properties
		// carry secrets to mask.
		registry.add("app.pool.url", () -> PostgresTestSupport.urlWith("sslpassword=" + URL_SECRET));
		registry.add("app.pool.username", PostgresTestSupport::user);
		registry.add("app.pool.password", PostgresTestSupport::secret);
		registry.add("app.pool.data-source-properties.sslpassword", () -> DRIVER_SECRET);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private PoolDataSource pool;

	private Actuator actuator;

	@BeforeEach
	void startFromAFullPool() {
		this.actuator = new Actuator(this.port);
		awaitFullPool();
	}

	@AfterEach
	void putThePoolBack() {
		this.pool.resume();
		this.pool.resize(2, 2);
		awaitFullPool();
	}

	@Test
	void readsSettingsStatsWaitsAdviceAndTheBudget() throws Exception {
		for (int i = 0; i < 3; i++) {
			try (Connection connection = this.dataSource.getConnection()) {
				assertThat(connection.isValid(1)).isTrue();
			}
		}
		Response response = this.actuator.get("/actuator/pool");
		assertThat(response.status()).isEqualTo(200);
		Map<String, Object> pool = response.json();
		assertThat(pool).containsEntry("name", POOL).containsEntry("borrowedConnections", List.of());
		assertThat((int) pool.get("poolsForSameDatabase")).isPositive();

		Map<String, Object> settings = Actuator.map(pool, "settings");
		assertThat(settings).containsEntry("name", POOL)
			.containsEntry("url", PostgresTestSupport.urlWith("sslpassword=******"))
			.containsEntry("username", PostgresTestSupport.user())
			.containsEntry("password", "******")
			.containsEntry("max-size", 2)
			.containsEntry("min-idle", 2)
			.containsEntry("on-exhausted", "fail-fast")
			.containsEntry("connection-timeout", 30000)
			.containsEntry("leak-detection-threshold", 600000)
			.containsEntry("lifetime-jitter", 0.1)
			.containsEntry("sizing.instances", 1);
		assertThat(Actuator.map(settings, "data-source-properties")).containsEntry("sslpassword", "******");
		assertThat(response.text()).doesNotContain(PostgresTestSupport.secret())
			.doesNotContain(URL_SECRET)
			.doesNotContain(DRIVER_SECRET);

		assertThat(Actuator.map(pool, "stats")).containsEntry("total", 2)
			.containsEntry("active", 0)
			.containsEntry("idle", 2)
			.containsEntry("pending", 0)
			.containsEntry("max", 2)
			.containsEntry("min", 2)
			.containsEntry("target", 2)
			.containsEntry("suspended", false)
			.containsEntry("connectionFailing", false);
		// A fixed pool (the default): no decisions, no fleet budget, and no nulls for
		// them in the JSON.
		assertThat(Actuator.map(pool, "sizing")).isEqualTo(Map.of("mode", "fixed"));

		Map<String, Object> waits = Actuator.map(pool, "acquireWaits");
		assertThat(((Number) waits.get("borrows")).longValue()).isGreaterThanOrEqualTo(3);
		// Other tests' fail-fast borrows may count as timeouts in the same window.
		assertThat(waits).containsKeys("windowMillis", "p50Millis", "p95Millis", "p99Millis", "maxMillis", "timeouts");

		// What it advises depends on the load the other tests left in the window; its
		// inputs and limit do not.
		Map<String, Object> advice = Actuator.map(pool, "sizingAdvice");
		assertThat(advice).containsEntry("currentMaxSize", 2)
			.containsKeys("recommendedMaxSize", "borrowsPerSecond", "meanHoldMillis", "busyConnections",
					"waitP95Millis", "timeouts");
		assertThat((String) advice.get("direction")).isIn("grow", "shrink", "keep");
		assertThat((String) advice.get("explanation")).contains("Little's law");

		// Checked on the pool's first connection, against the real server.
		Map<String, Object> budget = Actuator.map(pool, "connectionBudget");
		assertThat(budget).containsEntry("maxConnections", serverSetting("max_connections"))
			.containsEntry("reservedConnections", PostgresTestSupport.reservedConnections())
			.containsEntry("poolMax", 2)
			.containsEntry("instances", 1)
			.containsEntry("exceeded", false);
		assertThat(Actuator.map(budget, "inUseByApplication")).containsKey(POOL);
		// The advice never goes past what the budget leaves this instance.
		assertThat(budget.get("perInstanceLimit")).isEqualTo(PostgresTestSupport.availableConnections());
		assertThat(advice).containsEntry("budgetLimit", budget.get("perInstanceLimit"));
	}

	@Test
	void borrowedConnectionsNameTheHolderAndWhereItBorrowed() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			Map<String, Object> pool = this.actuator.json("/actuator/pool");
			List<Map<String, Object>> borrowed = list(pool.get("borrowedConnections"));
			assertThat(borrowed).singleElement().satisfies((holder) -> {
				assertThat(holder).containsEntry("thread", Thread.currentThread().getName());
				assertThat(((Number) holder.get("heldForMillis")).longValue()).isNotNegative();
				List<String> stack = list(holder.get("borrowStack"));
				assertThat(stack.get(0)).startsWith(getClass().getName()
						+ ".borrowedConnectionsNameTheHolderAndWhereItBorrowed(PoolEndpointIntegrationTests.java:");
			});
			assertThat(Actuator.map(pool, "stats")).containsEntry("active", 1);
		}
		assertThat(this.actuator.json("/actuator/pool")).containsEntry("borrowedConnections", List.of());
	}

	@Test
	void suspendHoldsBorrowersUntilResume() throws Exception {
		Response suspended = this.actuator.post("/actuator/pool/suspend", null);
		assertThat(suspended.status()).isEqualTo(200);
		assertThat(suspended.json()).containsEntry("suspended", true).containsEntry("idle", 2);
		ExecutorService borrowers = Executors.newSingleThreadExecutor();
		try {
			CompletableFuture<Integer> borrower = CompletableFuture.supplyAsync(this::borrowAndReadPid, borrowers);
			await().atMost(PATIENCE).until(() -> this.pool.stats().pending() == 1);
			assertThat(borrower).isNotDone();
			assertThat(Actuator.map(this.actuator.json("/actuator/pool"), "stats")).containsEntry("suspended", true)
				.containsEntry("pending", 1);

			Response resumed = this.actuator.post("/actuator/pool/resume", null);
			assertThat(resumed.status()).isEqualTo(200);
			assertThat(resumed.json()).containsEntry("suspended", false);
			assertThat(borrower.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isIn(backends());
		}
		finally {
			borrowers.shutdownNow();
		}
	}

	@Test
	void evictRetiresIdleConnectionsNowAndBorrowedOnesWhenReturned() throws Exception {
		Set<Integer> before = backends();
		assertThat(before).hasSize(2);
		int heldPid;
		try (Connection held = this.dataSource.getConnection()) {
			heldPid = pid(held);
			Set<Integer> idle = new HashSet<>(before);
			idle.remove(heldPid);

			Response evicted = this.actuator.post("/actuator/pool/evict", null);
			assertThat(evicted.status()).isEqualTo(200);
			// The idle connection's backend ends at once and a new one replaces it; the
			// borrowed one keeps working.
			await().atMost(PATIENCE)
				.untilAsserted(
						() -> assertThat(backends()).doesNotContainAnyElementsOf(idle).contains(heldPid).hasSize(2));
			assertThat(pid(held)).isEqualTo(heldPid);
		}
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(backends()).doesNotContainAnyElementsOf(before).hasSize(2));
		List<Map<String, Object>> events = list(this.actuator.json("/actuator/pool").get("recentEvents"));
		assertThat(events).anySatisfy((event) -> {
			assertThat(event).containsEntry("type", "closed");
			assertThat((String) event.get("detail")).contains("evicted");
		});
	}

	@Test
	void growingLetsABorrowBeyondTheOldSizeSucceed() throws Exception {
		try (Connection first = this.dataSource.getConnection(); Connection second = this.dataSource.getConnection()) {
			assertThatExceptionOfType(SQLTransientConnectionException.class)
				.isThrownBy(() -> this.dataSource.getConnection().close());

			Response grown = this.actuator.post("/actuator/pool", Map.of("maxSize", 3));
			assertThat(grown.status()).isEqualTo(200);
			// min-idle was max-size (a fixed-size pool), so it follows.
			assertThat(grown.json()).containsEntry("max", 3).containsEntry("min", 3);
			try (Connection third = this.dataSource.getConnection()) {
				assertThat(Set.of(pid(first), pid(second), pid(third))).hasSize(3).isEqualTo(backends());
			}
		}
		assertThat(Actuator.map(this.actuator.json("/actuator/pool"), "settings")).containsEntry("max-size", 3)
			.containsEntry("min-idle", 3);
	}

	@Test
	void shrinkingRetiresConnectionsIdleOnesNowBorrowedOnesWhenReturned() throws Exception {
		Connection first = this.dataSource.getConnection();
		try (Connection second = this.dataSource.getConnection()) {
			int firstPid = pid(first);
			int secondPid = pid(second);

			Response shrunk = this.actuator.post("/actuator/pool", Map.of("maxSize", 1));
			assertThat(shrunk.status()).isEqualTo(200);
			assertThat(shrunk.json()).containsEntry("max", 1).containsEntry("min", 1);
			// Both are borrowed, so both stay until returned.
			assertThat(backends()).containsExactlyInAnyOrder(firstPid, secondPid);

			first.close();
			await().atMost(PATIENCE).untilAsserted(() -> assertThat(backends()).containsExactly(secondPid));
			assertThat(pid(second)).isEqualTo(secondPid);
		}
		finally {
			first.close();
		}
		// Back within the new size; a borrow beyond it now fails.
		assertThat(this.pool.stats().total()).isOne();
		try (Connection only = this.dataSource.getConnection()) {
			assertThatExceptionOfType(SQLTransientConnectionException.class)
				.isThrownBy(() -> this.dataSource.getConnection().close());
		}
	}

	@Test
	void resizeAnswers400NamingTheSettingAndWhatIsAllowed() {
		Response zero = this.actuator.post("/actuator/pool", Map.of("maxSize", 0));
		assertThat(zero.status()).isEqualTo(400);
		assertThat(zero.json()).containsEntry("status", 400)
			.containsEntry("error", "Bad Request")
			.containsEntry("message", "max-size: 0 is not allowed; must be between 1 and 10000");

		Response tooLarge = this.actuator.post("/actuator/pool", Map.of("maxSize", 10_001));
		assertThat(tooLarge.status()).isEqualTo(400);
		assertThat(tooLarge.json()).containsEntry("message",
				"max-size: 10001 is not allowed; must be between 1 and 10000");

		Response minAboveMax = this.actuator.post("/actuator/pool", Map.of("maxSize", 2, "minIdle", 3));
		assertThat(minAboveMax.status()).isEqualTo(400);
		assertThat(minAboveMax.json()).containsEntry("message",
				"min-idle: 3 is not allowed; must be between 0 and max-size (2)");

		Response negative = this.actuator.post("/actuator/pool", Map.of("minIdle", -1));
		assertThat(negative.status()).isEqualTo(400);
		assertThat((String) negative.json().get("message")).startsWith("min-idle: -1 is not allowed");

		Response nothing = this.actuator.post("/actuator/pool", Map.of());
		assertThat(nothing.status()).isEqualTo(400);
		assertThat((String) nothing.json().get("message")).contains("maxSize").contains("minIdle");

		Response notANumber = this.actuator.post("/actuator/pool", Map.of("maxSize", "many"));
		assertThat(notANumber.status()).isEqualTo(400);

		Response unknown = this.actuator.post("/actuator/pool/restart", null);
		assertThat(unknown.status()).isEqualTo(400);
		assertThat((String) unknown.json().get("message")).contains("'restart'").contains("evict, suspend, resume");

		// None of them changed anything.
		assertThat(Actuator.map(this.actuator.json("/actuator/pool"), "stats")).containsEntry("max", 2)
			.containsEntry("min", 2)
			.containsEntry("suspended", false);
	}

	@Test
	void countsThePoolsOpenForTheSameDatabase() {
		int alone = (int) this.actuator.json("/actuator/pool").get("poolsForSameDatabase");
		PoolConfig sameDatabase = PoolConfig.builder()
			.name("poolkit-endpoint-it-second")
			.url(this.pool.config().url())
			.username(this.pool.config().username())
			.minIdle(0)
			.initializationTimeout(Duration.ZERO)
			.build();
		try (PoolDataSource second = new PoolDataSource(sameDatabase)) {
			assertThat(this.actuator.json("/actuator/pool")).containsEntry("poolsForSameDatabase", alone + 1);
		}
		assertThat(this.actuator.json("/actuator/pool")).containsEntry("poolsForSameDatabase", alone);
	}

	private void awaitFullPool() {
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(this.pool.stats().total()).isEqualTo(2);
			assertThat(this.pool.stats().idle()).isEqualTo(2);
			assertThat(backends()).hasSize(2);
		});
	}

	private Integer borrowAndReadPid() {
		try (Connection connection = this.dataSource.getConnection()) {
			return pid(connection);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The server processes serving this pool, from a connection of the test's own. */
	private static Set<Integer> backends() throws SQLException {
		try (Connection connection = PostgresTestSupport.connect();
				PreparedStatement statement = connection
					.prepareStatement("select pid from pg_stat_activity where application_name = ?")) {
			statement.setString(1, POOL);
			Set<Integer> pids = new HashSet<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					pids.add(rows.getInt(1));
				}
			}
			return pids;
		}
	}

	private static int pid(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select pg_backend_pid()")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	private static int serverSetting(String name) throws SQLException {
		return PostgresTestSupport.queryInt("select current_setting('" + name + "')::int");
	}

	@SuppressWarnings("unchecked")
	private static <T> List<T> list(Object value) {
		return (List<T>) value;
	}

}
