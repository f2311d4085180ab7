package io.poolkit.sample;

import io.poolkit.sample.data.ConnectionWaits;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /demo/load}: short runs over the pool and over connection per request, and
 * its bounds. Speed is not asserted, only that the demo measured work done without
 * errors.
 */
class LoadDemoTests extends RunningSample {

	@Autowired
	private ConnectionWaits connectionWaits;

	@Test
	void pooledRunSaturatesThePoolWithoutErrors() {
		// More workers than the pool's 4 connections, so borrowers wait and the pool wait
		// is measured.
		Http.Response response = this.http.post("/demo/load?concurrency=20&seconds=2");
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		JsonNode report = response.json();
		assertThat(report.path("mode").asString()).isEqualTo("pooled");
		assertThat(report.path("threads").asString())
			.isEqualTo(Runtime.version().feature() >= 21 ? "virtual" : "platform");
		assertThat(report.path("concurrency").asInt()).isEqualTo(20);
		assertThat(report.path("errors").asLong()).as("%s", report).isZero();
		assertThat(report.path("firstError").isNull()).as("%s", report).isTrue();
		assertThat(report.path("requests").asLong()).isPositive();
		assertThat(report.path("throughputPerSecond").asDouble()).isPositive();
		assertThat(report.path("latencyP50Millis").asDouble())
			.isLessThanOrEqualTo(report.path("latencyP99Millis").asDouble());
		assertThat(report.path("poolWaitP99Millis").isNumber()).as("%s", report).isTrue();
		assertThat(report.path("connectP99Millis").isNull()).isTrue();
		assertThat(report.path("poolMaxSize").asInt()).isEqualTo(4);
	}

	@Test
	void connectionPerRequestRunWithoutErrors() {
		Http.Response response = this.http.post("/demo/load?concurrency=4&seconds=1&pooled=false");
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		JsonNode report = response.json();
		assertThat(report.path("mode").asString()).isEqualTo("connection-per-request");
		assertThat(report.path("errors").asLong()).as("%s", report).isZero();
		assertThat(report.path("requests").asLong()).isPositive();
		assertThat(report.path("throughputPerSecond").asDouble()).isPositive();
		assertThat(report.path("connectP99Millis").isNumber()).as("%s", report).isTrue();
		assertThat(report.path("poolWaitP99Millis").isNull()).isTrue();
	}

	@Test
	void runsBeyondTheBoundsAreRefused() {
		for (String query : new String[] { "concurrency=401&seconds=1", "concurrency=0&seconds=1",
				"concurrency=10&seconds=61", "concurrency=10&seconds=0" }) {
			Http.Response response = this.http.post("/demo/load?" + query);
			assertThat(response.status()).as("%s: %s", query, response).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().path("detail").asString())
				.startsWith("concurrency must be between 1 and 400 (was ");
		}
	}

	@Test
	void oneRunAtATime() {
		// Hold the slot a run takes, as a run in progress would.
		Histogram running = this.connectionWaits.start();
		assertThat(running).isNotNull();
		try {
			Http.Response response = this.http.post("/demo/load?concurrency=1&seconds=1");
			assertThat(response.status()).as("%s", response).isEqualTo(409);
			assertThat(response.json().path("title").asString()).isEqualTo("Load demo already running");
		}
		finally {
			this.connectionWaits.stop(running);
		}
	}

}
