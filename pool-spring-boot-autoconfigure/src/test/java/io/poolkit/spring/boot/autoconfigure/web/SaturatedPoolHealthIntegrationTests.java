package io.poolkit.spring.boot.autoconfigure.web;

import java.sql.Connection;
import java.util.Map;

import javax.sql.DataSource;

import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While every connection of the pool is held, {@code /actuator/health} still answers, UP,
 * with the saturation in its details. The connection-timeout is 60 seconds: an answer
 * that arrives while the connections are still held proves the check did not borrow one.
 * <p>
 * Boot's own {@code db} indicator is switched off here because, by design, it borrows a
 * connection and runs a query, so on a saturated pool it waits for one; the {@code pool}
 * indicator is the one meant for probes.
 */
@SpringBootTest(classes = PoolTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "app.pool.name=saturated", "app.pool.max-size=2", "app.pool.min-idle=2",
				"app.pool.connection-timeout=60s", "management.health.db.enabled=false",
				"management.endpoint.health.show-details=always" })
class SaturatedPoolHealthIntegrationTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("app.pool.url", TestDatabase::url);
		registry.add("app.pool.username", TestDatabase::user);
		registry.add("app.pool.password", TestDatabase::password);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource dataSource;

	@Test
	void healthAnswersUpWhileEveryConnectionIsHeld() throws Exception {
		Actuator actuator = new Actuator(this.port);
		PoolDataSource pool = (PoolDataSource) this.dataSource;
		try (Connection first = this.dataSource.getConnection(); Connection second = this.dataSource.getConnection()) {
			assertThat(pool.stats().active()).isEqualTo(2);
			Map<String, Object> health = actuator.json("/actuator/health");
			// Still holding both connections: the answer came without a borrow.
			assertThat(pool.stats().active()).isEqualTo(2);
			assertThat(health).containsEntry("status", "UP");
			Map<String, Object> poolHealth = Actuator.map(health, "components", "pool");
			assertThat(poolHealth).containsEntry("status", "UP");
			assertThat(Actuator.map(poolHealth, "details")).containsEntry("active", 2)
				.containsEntry("idle", 0)
				.containsEntry("max", 2)
				.containsEntry("pending", 0)
				.containsEntry("utilization", 1.0);
			assertThat(first.isClosed()).isFalse();
			assertThat(second.isClosed()).isFalse();
		}
		assertThat(pool.stats().active()).isZero();
	}

}
