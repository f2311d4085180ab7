package io.poolkit.spring.boot.autoconfigure.web;

import java.util.List;
import java.util.Map;

import io.poolkit.PoolDataSource;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PostgreSQL connection budget, checked against the real server's
 * {@code max_connections}: a pool whose {@code max-size × sizing.instances} exceeds what
 * the server allows is warned about in the log at startup and shown as {@code exceeded}
 * in {@code /actuator/pool}. The application starts inside each test, so its startup log
 * is captured.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionBudgetIntegrationTests {

	@Test
	void aFleetLargerThanTheServerAllowsIsWarnedAboutAtStartupAndShownInTheEndpoint(CapturedOutput output)
			throws Exception {
		int maxConnections = PostgresTestSupport.queryInt("select current_setting('max_connections')::int");
		int available = PostgresTestSupport.availableConnections();
		// 2 × 10000 is far past any server's max_connections, and needs only two real
		// connections.
		try (RunningApplication application = start("poolkit-budget-over", 10_000)) {
			String warning = "Connection budget: pool 'poolkit-budget-over' could open 20000 connection(s) "
					+ "(max-size + max-overflow 2 × sizing.instances 10000), more than the " + available
					+ " the server allows (max_connections " + maxConnections + " less "
					+ PostgresTestSupport.reservedConnections() + " reserved); lower max-size to at most "
					+ Math.max(1, available / 10_000) + " per instance";
			assertThat(output.getOut().lines().filter((line) -> line.contains(warning))).singleElement()
				.satisfies((line) -> assertThat(line).contains(" WARN "));

			Map<String, Object> pool = application.actuator().json("/actuator/pool");
			assertThat(Actuator.map(pool, "settings")).containsEntry("sizing.instances", 10_000);
			assertThat(Actuator.map(pool, "connectionBudget")).containsEntry("exceeded", true)
				.containsEntry("maxConnections", maxConnections)
				.containsEntry("availableConnections", available)
				.containsEntry("poolMax", 2)
				.containsEntry("instances", 10_000)
				.containsEntry("perInstanceLimit", 1);
			assertThat((String) Actuator.map(pool, "connectionBudget").get("message"))
				.contains(warning.substring("Connection budget: ".length()));
			assertThat(recentEvents(pool)).anySatisfy((event) -> assertThat(event).containsEntry("type", "budget"));
			// The same figures pool-core holds.
			assertThat(application.bean(PoolDataSource.class).connectionBudget().exceeded()).isTrue();
		}
	}

	@Test
	void aFleetThatFitsIsNotWarnedAbout(CapturedOutput output) throws Exception {
		try (RunningApplication application = start("poolkit-budget-fits", 3)) {
			Map<String, Object> budget = Actuator.map(application.actuator().json("/actuator/pool"),
					"connectionBudget");
			assertThat(budget).containsEntry("exceeded", false)
				.containsEntry("instances", 3)
				.containsEntry("perInstanceLimit", PostgresTestSupport.availableConnections() / 3);
			assertThat((String) budget.get("message")).startsWith("pool 'poolkit-budget-fits' fits");
			assertThat(output).doesNotContain("Connection budget: pool 'poolkit-budget-fits'");
		}
	}

	private static RunningApplication start(String name, int instances) {
		return RunningApplication.start("--app.pool.name=" + name, "--app.pool.url=" + PostgresTestSupport.url(),
				"--app.pool.username=" + PostgresTestSupport.user(),
				"--app.pool.password=" + PostgresTestSupport.password(), "--app.pool.max-size=2",
				"--app.pool.min-idle=1", "--app.pool.sizing.instances=" + instances,
				"--management.endpoints.web.exposure.include=pool");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> recentEvents(Map<String, Object> pool) {
		return (List<Map<String, Object>>) pool.get("recentEvents");
	}

}
