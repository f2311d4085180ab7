package io.poolkit.spring.boot.autoconfigure.web;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.poolkit.PoolDataSource;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While every connection of the pool is held, {@code /actuator/health} still answers at
 * once, UP, on the starter's defaults: the {@code pool} contributor and Boot's {@code db}
 * contributor (which the starter replaces with one that never queues) both report a
 * saturated pool that works as UP. With Boot's own {@code db} check the answer would wait
 * for the default 30 s {@code connection-timeout}. Only the pool's name and the health
 * details shown are set here; the pool's size, its timeouts and the health settings are
 * the defaults. The {@code db} check's first answer comes at saturation, and names the
 * database all the same.
 */
@SpringBootTest(classes = PoolTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "app.pool.name=poolkit-saturated", "management.endpoint.health.show-details=always" })
class SaturatedPoolHealthIntegrationTests {

	// The answer is promised within a second; the rest is slack for a busy test machine,
	// far below the 30 s a queued check would take.
	private static final Duration ANSWER_BOUND = Duration.ofMillis(2500);

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("app.pool.url", PostgresTestSupport::url);
		registry.add("app.pool.username", PostgresTestSupport::user);
		registry.add("app.pool.password", PostgresTestSupport::password);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource dataSource;

	@Test
	void healthAnswersUpAtOnceWhileEveryConnectionIsHeld() throws Exception {
		Actuator actuator = new Actuator(this.port);
		PoolDataSource pool = (PoolDataSource) this.dataSource;
		assertThat(pool.config().connectionTimeout()).isEqualTo(Duration.ofSeconds(30));
		int max = pool.stats().max();
		// Connections were opened, but no db check ran yet: the first one lands on the
		// saturated pool, and still names the database, which the pool read from its
		// first connection.
		await().atMost(Duration.ofSeconds(20)).until(() -> pool.stats().idle() > 0);
		List<Connection> held = new ArrayList<>();
		try {
			for (int i = 0; i < max; i++) {
				held.add(this.dataSource.getConnection());
			}
			assertThat(pool.stats().active()).isEqualTo(max);
			long start = System.nanoTime();
			Actuator.Response response = actuator.get("/actuator/health");
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(took).as("answer time").isLessThan(ANSWER_BOUND);
			// Still holding every connection: the answer came without a borrow.
			assertThat(pool.stats().active()).isEqualTo(max);
			assertThat(response.status()).isEqualTo(200);
			Map<String, Object> health = response.json();
			assertThat(health).containsEntry("status", "UP");
			Map<String, Object> db = Actuator.map(health, "components", "db");
			assertThat(db).containsEntry("status", "UP");
			assertThat(Actuator.map(db, "details")).containsEntry("database", "PostgreSQL")
				.containsEntry("validationQuery", "isValid()")
				.containsEntry("connection", "not checked, none idle: " + max + " of " + max
						+ " in use, 0 waiting; answered from the pool's state without waiting");
			Map<String, Object> poolHealth = Actuator.map(health, "components", "pool");
			assertThat(poolHealth).containsEntry("status", "UP");
			assertThat(Actuator.map(poolHealth, "details")).containsEntry("active", max)
				.containsEntry("idle", 0)
				.containsEntry("max", max)
				.containsEntry("pending", 0)
				.containsEntry("utilization", 1.0);
			for (Connection connection : held) {
				assertThat(connection.isClosed()).isFalse();
			}
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
		assertThat(pool.stats().active()).isZero();
		// Not saturated now: the db check borrows an idle connection and validates it.
		Map<String, Object> idle = actuator.json("/actuator/health");
		assertThat(Actuator.map(idle, "components", "db", "details")).containsEntry("database", "PostgreSQL")
			.containsEntry("validationQuery", "isValid()")
			.doesNotContainKey("connection");
	}

}
