package io.poolkit.spring.boot.autoconfigure.web;

import java.sql.Connection;
import java.util.Map;

import javax.sql.DataSource;

import io.poolkit.PoolDataSource;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web application with Actuator against the real PostgreSQL: the pool shows in
 * {@code /actuator/health} and {@code /actuator/metrics}, its numbers move with borrows,
 * and its password shows nowhere.
 */
@SpringBootTest(classes = PoolTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=poolkit-it", "app.pool.max-size=4", "app.pool.min-idle=2",
				"management.endpoints.web.exposure.include=health,metrics,configprops,env",
				"management.endpoint.health.show-details=always", "management.endpoint.configprops.show-values=always",
				"management.endpoint.env.show-values=always" })
@ExtendWith(OutputCaptureExtension.class)
class PoolActuatorIntegrationTests {

	private static final String DRIVER_SECRET = "poolkit-ssl-secret-91c2";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("app.pool.url", PostgresTestSupport::url);
		registry.add("app.pool.username", PostgresTestSupport::user);
		registry.add("app.pool.password", PostgresTestSupport::secret);
		// Ignored by the driver without SSL; here only to prove secret-looking driver
		// properties are masked.
		registry.add("app.pool.data-source-properties.sslpassword", () -> DRIVER_SECRET);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource dataSource;

	private Actuator actuator;

	@BeforeEach
	void actuator() {
		this.actuator = new Actuator(this.port);
	}

	@Test
	void theApplicationsDataSourceIsThePoolNamedAfterTheApplication() {
		assertThat(this.dataSource).isInstanceOf(PoolDataSource.class);
		assertThat(((PoolDataSource) this.dataSource).name()).isEqualTo("poolkit-it");
	}

	@Test
	void healthShowsThePool() {
		Map<String, Object> health = this.actuator.json("/actuator/health");
		assertThat(health).containsEntry("status", "UP");
		Map<String, Object> pool = Actuator.map(health, "components", "pool");
		assertThat(pool).containsEntry("status", "UP");
		assertThat(Actuator.map(pool, "details")).containsEntry("name", "poolkit-it")
			.containsEntry("max", 4)
			.containsEntry("min", 2)
			.containsEntry("active", 0)
			.containsEntry("pending", 0)
			.containsEntry("utilization", 0.0)
			.containsKeys("total", "idle");
		// Boot's own db indicator works on the pool too.
		assertThat(Actuator.map(health, "components", "db")).containsEntry("status", "UP");
	}

	@Test
	void metricsMoveWhenConnectionsAreBorrowed() throws Exception {
		String tag = "pool:poolkit-it";
		assertThat(this.actuator.metric("pool.utilization", tag, "VALUE")).isZero();
		assertThat(this.actuator.metric("pool.connections.active", tag, "VALUE")).isZero();
		double acquiredBefore = this.actuator.metric("pool.acquire", tag, "COUNT");
		try (Connection first = this.dataSource.getConnection(); Connection second = this.dataSource.getConnection()) {
			assertThat(this.actuator.metric("pool.utilization", tag, "VALUE")).isEqualTo(0.5);
			assertThat(this.actuator.metric("pool.connections.active", tag, "VALUE")).isEqualTo(2);
			assertThat(this.actuator.metric("pool.acquire", tag, "COUNT")).isEqualTo(acquiredBefore + 2);
			assertThat(this.actuator.metric("jdbc.connections.active", null, "VALUE")).isEqualTo(2);
		}
		assertThat(this.actuator.metric("pool.utilization", tag, "VALUE")).isZero();
		assertThat(this.actuator.metric("pool.usage", tag, "COUNT")).isGreaterThanOrEqualTo(2);
		assertThat(this.actuator.metric("pool.connections.max", tag, "VALUE")).isEqualTo(4);
		assertThat(this.actuator.metric("pool.connections.opened", tag, "COUNT")).isGreaterThanOrEqualTo(2);
	}

	@Test
	void acquirePublishesItsPercentiles() {
		assertThat(this.actuator.text("/actuator/metrics")).contains("\"pool.acquire\"")
			.contains("\"pool.acquire.percentile\"")
			.contains("\"pool.connections.closed\"")
			.contains("\"pool.errors\"")
			.contains("\"pool.timeouts\"");
		Map<String, Object> percentile = this.actuator.json("/actuator/metrics/pool.acquire.percentile");
		assertThat(percentile.toString()).contains("0.5").contains("0.95").contains("0.99");
	}

	@Test
	void configpropsAndEnvShowNoSecret() {
		String configprops = this.actuator.text("/actuator/configprops");
		assertThat(configprops).contains("app.pool").contains("poolkit-it").contains("******");
		assertThat(configprops).doesNotContain(PostgresTestSupport.secret()).doesNotContain(DRIVER_SECRET);
		String env = this.actuator.text("/actuator/env");
		assertThat(env).contains("app.pool.password");
		assertThat(env).doesNotContain(PostgresTestSupport.secret()).doesNotContain(DRIVER_SECRET);
		Map<String, Object> password = this.actuator.json("/actuator/env/app.pool.password");
		assertThat(Actuator.map(password, "property")).containsEntry("value", "******");
		assertThat(this.actuator.text("/actuator/health")).doesNotContain(PostgresTestSupport.secret());
	}

	@Test
	void logsShowNoSecret(CapturedOutput output) throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection.isValid(1)).isTrue();
		}
		assertThat(output).doesNotContain(PostgresTestSupport.secret()).doesNotContain(DRIVER_SECRET);
	}

}
