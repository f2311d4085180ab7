package io.poolkit.spring.boot.autoconfigure.web;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.poolkit.PoolDataSource;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An adaptive pool ({@code sizing.mode=adaptive}) in a running application against the
 * real PostgreSQL, seen the ways an operator sees it: {@code /actuator/pool/{name}} shows
 * the last decision with its inputs and arithmetic and the fleet's budget as read from
 * the server, {@code pool.connections.target} the target, and each change of the target
 * is one INFO line carrying the same words as its {@code sizing} event, while the
 * decisions that change nothing log nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdaptiveSizingIntegrationTests {

	private static final String POOL = "poolkit-adaptive-it";

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Test
	void decisionsAreShownInTheEndpointTheGaugeAndOneLogLineForEachChange(CapturedOutput output) throws Exception {
		try (RunningApplication application = start()) {
			Actuator actuator = application.actuator();
			PoolDataSource pool = application.bean(PoolDataSource.class);
			assertThat(target(actuator)).isOne();
			ExecutorService waiter = Executors.newSingleThreadExecutor();
			try (Connection held = pool.getConnection()) {
				// A second borrower waits behind the only connection: the pool grows for
				// it.
				Future<Boolean> served = waiter.submit(() -> {
					try (Connection connection = pool.getConnection()) {
						return connection.isValid(1);
					}
				});
				assertThat(served.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
				assertThat(target(actuator)).isBetween(2.0, 4.0);
			}
			finally {
				waiter.shutdownNow();
			}
			// Quiet again: back to the floor within a few periods.
			await().atMost(PATIENCE).until(() -> target(actuator) == 1);
			Instant settled = Instant.now();
			await().atMost(PATIENCE).until(() -> lastDecisionAt(actuator).isAfter(settled));

			Actuator.Response response = actuator.get("/actuator/pool/" + POOL);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.text()).doesNotContain(PostgresTestSupport.secret());
			Map<String, Object> described = response.json();
			assertThat(Actuator.map(described, "stats")).containsEntry("target", 1).containsEntry("max", 4);
			Map<String, Object> sizing = Actuator.map(described, "sizing");
			assertThat(sizing).containsEntry("mode", "adaptive");
			Map<String, Object> decision = Actuator.map(sizing, "lastDecision");
			assertThat(decision).containsEntry("previousTarget", 1)
				.containsEntry("target", 1)
				.containsEntry("direction", "keep")
				.containsEntry("floor", 1)
				.containsEntry("ceiling", 4)
				.containsEntry("timeouts", 0)
				.containsEntry("refusals", 0)
				.containsKeys("at", "busyConnections", "waitingBorrowers", "budgetLimit");
			assertThat((String) decision.get("explanation")).contains("connections busy")
				.contains("Budget (postgresql)");
			Map<String, Object> budget = Actuator.map(sizing, "fleetBudget");
			assertThat(budget).containsEntry("source", "postgresql")
				.containsEntry("headroom", 2)
				.containsEntry("limit", PostgresTestSupport.availableConnections())
				.containsKeys("readAt", "othersInUse", "capacity", "equalShare", "allocation", "limitForThisInstance",
						"explanation");
			String instance = (String) budget.get("instance");
			assertThat(instance).matches(POOL + "#[a-z0-9]{6}");
			assertThat(Actuator.map(budget, "instances")).containsKey(instance);

			// Every change of the target is a sizing event and one INFO line with the
			// same words; the many periods that kept it log nothing at INFO.
			List<String> changes = sizingEvents(described);
			assertThat(changes).anySatisfy((detail) -> assertThat(detail).startsWith("target 1 → ").contains("grow"))
				.anySatisfy((detail) -> assertThat(detail).contains("shrink target"));
			List<String> logged = output.getOut()
				.lines()
				.filter((line) -> line.contains("Pool '" + POOL + "' target "))
				.toList();
			assertThat(logged).hasSameSizeAs(changes).allSatisfy((line) -> assertThat(line).contains(" INFO "));
			for (String detail : changes) {
				assertThat(logged).anySatisfy((line) -> assertThat(line).endsWith("Pool '" + POOL + "' " + detail));
			}
			assertThat(output.getOut()).doesNotContain(PostgresTestSupport.secret());
		}
	}

	private static RunningApplication start() {
		return RunningApplication.start("--app.pool.name=" + POOL, "--app.pool.url=" + PostgresTestSupport.url(),
				"--app.pool.username=" + PostgresTestSupport.user(),
				"--app.pool.password=" + PostgresTestSupport.secret(), "--app.pool.sizing.mode=adaptive",
				"--app.pool.sizing.min-size=1", "--app.pool.sizing.period=100ms", "--app.pool.max-size=4",
				"--app.pool.min-idle=1", "--management.endpoints.web.exposure.include=pool,metrics");
	}

	private static double target(Actuator actuator) {
		return actuator.metric("pool.connections.target", "pool:" + POOL, "VALUE");
	}

	private static Instant lastDecisionAt(Actuator actuator) {
		Map<String, Object> decision = Actuator.map(actuator.json("/actuator/pool/" + POOL), "sizing", "lastDecision");
		return Instant.parse((String) decision.get("at"));
	}

	@SuppressWarnings("unchecked")
	private static List<String> sizingEvents(Map<String, Object> described) {
		return ((List<Map<String, Object>>) described.get("recentEvents")).stream()
			.filter((event) -> "sizing".equals(event.get("type")))
			.map((event) -> (String) event.get("detail"))
			.toList();
	}

}
