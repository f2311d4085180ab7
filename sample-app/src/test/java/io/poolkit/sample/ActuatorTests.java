package io.poolkit.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the sample's application.yml exposes through Actuator, read over HTTP as a user or
 * a scraper would.
 */
class ActuatorTests extends RunningSample {

	@Test
	void healthShowsThePoolWithItsDetails() {
		Http.Response response = this.http.get("/actuator/health");
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		JsonNode health = response.json();
		assertThat(health.path("status").asString()).isEqualTo("UP");
		JsonNode pool = health.path("components").path("pool");
		assertThat(pool.path("status").asString()).isEqualTo("UP");
		JsonNode details = pool.path("details");
		assertThat(details.path("name").asString()).isEqualTo("poolkit-sample");
		// 2 database cores × 2 + 0 effective spindles, from the sizing formula in
		// application.yml.
		assertThat(details.path("max").asInt()).isEqualTo(4);
		assertThat(details.path("min").asInt()).isEqualTo(2);
		assertThat(details.has("utilization")).isTrue();
		// Boot's db contributor, in the starter's form that never queues behind the
		// borrowers, in Boot's shape.
		JsonNode db = health.path("components").path("db");
		assertThat(db.path("status").asString()).isEqualTo("UP");
		assertThat(db.path("details").path("database").asString()).isEqualTo("PostgreSQL");
		assertThat(db.path("details").path("validationQuery").asString()).isEqualTo("isValid()");
	}

	@Test
	void metricsShowThePoolAndMoveWithBorrows() {
		assertThat(value("/actuator/metrics/pool.connections.max?tag=pool:poolkit-sample")).isEqualTo(4.0);
		double borrows = count("/actuator/metrics/pool.acquire?tag=pool:poolkit-sample");
		assertThat(this.http.get("/users/1").status()).as("the seeded user 1").isEqualTo(200);
		assertThat(count("/actuator/metrics/pool.acquire?tag=pool:poolkit-sample")).isGreaterThan(borrows);
		// Adaptive sizing (application.yml): between the floor of 2 and the ceiling of 4.
		assertThat(value("/actuator/metrics/pool.connections.target?tag=pool:poolkit-sample")).isBetween(2.0, 4.0);
		for (String gauge : new String[] { "pool.connections.active", "pool.connections.idle",
				"pool.connections.pending", "pool.connections.total", "pool.utilization" }) {
			assertThat(this.http.get("/actuator/metrics/" + gauge).status()).as(gauge).isEqualTo(200);
		}
		// The dashboard's acquire-wait chart reads this percentile gauge.
		assertThat(value("/actuator/metrics/pool.acquire.percentile?tag=phi:0.99")).isGreaterThanOrEqualTo(0);
	}

	@Test
	void prometheusScrapeHasThePoolMeters() {
		Http.Response response = this.http.get("/actuator/prometheus");
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		// Prometheus names carry the base unit: the gauges count connections, the timer
		// is in seconds.
		assertThat(response.text()).contains("pool_connections_active_connections{pool=\"poolkit-sample\"}")
			.contains("pool_connections_target_connections{pool=\"poolkit-sample\"}")
			.contains("pool_acquire_seconds_count{pool=\"poolkit-sample\"}")
			.contains("pool_acquire_seconds_bucket{pool=\"poolkit-sample\"");
	}

	@Test
	void poolEndpointShowsTheLastSizingDecisionAndTheFleetBudget() {
		// The first decision comes a sizing.period (1 s) after the start.
		JsonNode pool = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.http.get("/actuator/pool").json(),
					(body) -> body.path("sizing").has("lastDecision") && body.path("sizing").has("fleetBudget"));
		assertThat(pool.path("name").asString()).isEqualTo("poolkit-sample");
		assertThat(pool.path("stats").path("max").asInt()).isEqualTo(4);
		assertThat(pool.path("stats").path("target").asInt()).isBetween(2, 4);
		JsonNode sizing = pool.path("sizing");
		assertThat(sizing.path("mode").asString()).isEqualTo("adaptive");
		JsonNode decision = sizing.path("lastDecision");
		assertThat(decision.path("floor").asInt()).isEqualTo(2);
		assertThat(decision.path("ceiling").asInt()).isEqualTo(4);
		assertThat(decision.path("target").asInt()).isBetween(2, 4);
		assertThat(decision.path("direction").asString()).isIn("grow", "shrink", "keep");
		assertThat(decision.path("explanation").asString()).contains("connections busy")
			.contains("Budget (postgresql)");
		// The share of the real server's connections this instance may take.
		JsonNode budget = sizing.path("fleetBudget");
		assertThat(budget.path("source").asString()).isEqualTo("postgresql");
		assertThat(budget.path("instance").asString()).matches("poolkit-sample#[a-z0-9]{6}");
		assertThat(budget.path("instances").has(budget.path("instance").asString())).isTrue();
		assertThat(budget.path("limitForThisInstance").asInt()).isPositive();
		assertThat(budget.path("explanation").asString()).contains("held by others");
	}

	private double value(String path) {
		return statistic(path, "VALUE");
	}

	private double count(String path) {
		return statistic(path, "COUNT");
	}

	private double statistic(String path, String statistic) {
		Http.Response response = this.http.get(path);
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		for (JsonNode measurement : response.json().path("measurements")) {
			if (statistic.equals(measurement.path("statistic").asString())) {
				return measurement.path("value").asDouble();
			}
		}
		throw new AssertionError("No " + statistic + " in " + response);
	}

}
