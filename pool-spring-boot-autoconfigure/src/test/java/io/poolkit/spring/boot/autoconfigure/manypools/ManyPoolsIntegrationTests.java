package io.poolkit.spring.boot.autoconfigure.manypools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceFactory;
import io.poolkit.spring.boot.autoconfigure.PoolProperties;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two pools in a running web application, as the README shows them: the application's
 * pool from {@code app.pool}, and a reporting pool from {@code app.reporting-pool} built
 * with the {@code PoolDataSourceFactory} as {@code @Bean(defaultCandidate = false)}, with
 * a {@code PoolProperties} bean of that prefix so {@code /actuator/configprops} lists its
 * settings. Over HTTP: {@code /actuator/pool} and {@code /actuator/pool/{name}} with
 * their operations, {@code /actuator/health} with an entry per pool, the reporting pool's
 * {@code pool.acquire} (and its {@code poolkit.acquire} observation) in
 * {@code /actuator/metrics}, and its password, a password in its URL and a secret driver
 * property masked in {@code /actuator/configprops} and {@code /actuator/env} with
 * {@code show-values=always}.
 */
class ManyPoolsIntegrationTests {

	private static final String MAIN = "poolkit-many-it-" + UUID.randomUUID().toString().substring(0, 6);

	private static final String REPORTING = MAIN + "-reporting";

	private static final String PASSWORD_SECRET = "poolkit-reporting-password-7d1e";

	private static final String URL_SECRET = "poolkit-reporting-url-secret-40ca";

	private static final String DRIVER_SECRET = "poolkit-reporting-driver-secret-b93f";

	private static ConfigurableApplicationContext context;

	private static HttpClient http;

	private static int port;

	@BeforeAll
	static void start() {
		// PostgreSQL trusts the test user: the passwords are there to be masked.
		context = new SpringApplication(TwoPoolsApplication.class).run("--server.port=0",
				"--app.pool.url=" + PostgresTestSupport.url(), "--app.pool.username=" + PostgresTestSupport.user(),
				"--app.pool.password=" + PostgresTestSupport.secret(), "--app.pool.name=" + MAIN,
				"--app.pool.max-size=2", "--app.pool.min-idle=1",
				"--app.reporting-pool.url=" + PostgresTestSupport.urlWith("password=" + URL_SECRET),
				"--app.reporting-pool.username=" + PostgresTestSupport.user(),
				"--app.reporting-pool.password=" + PASSWORD_SECRET,
				"--app.reporting-pool.data-source-properties.sslpassword=" + DRIVER_SECRET,
				"--app.reporting-pool.name=" + REPORTING, "--app.reporting-pool.max-size=1",
				"--management.endpoints.web.exposure.include=health,metrics,pool,configprops,env",
				"--management.endpoint.health.show-details=always",
				"--management.endpoint.configprops.show-values=always", "--management.endpoint.env.show-values=always");
		port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void theEndpointListsBothPoolsAndDescribesEachByName() throws Exception {
		Response main = get("/actuator/pool");
		assertThat(main.status()).isEqualTo(200);
		assertThat(main.json()).containsEntry("name", MAIN).containsEntry("pools", List.of(MAIN, REPORTING));
		Response reporting = get("/actuator/pool/" + REPORTING);
		assertThat(reporting.status()).isEqualTo(200);
		assertThat(reporting.json()).containsEntry("name", REPORTING);
		assertThat(map(reporting.json(), "settings")).containsEntry("max-size", 1)
			.containsEntry("password", "******")
			.containsEntry("url", PostgresTestSupport.urlWith("password=******"));
		assertThat(reporting.text()).doesNotContain(PASSWORD_SECRET, URL_SECRET, DRIVER_SECRET);
		assertThat(get("/actuator/pool/no-such-pool").status()).isEqualTo(404);
	}

	@Test
	void eachPoolIsActedOnByName() throws Exception {
		// Its operations take an optional JSON body (resize's sizes), so Boot has them
		// consume JSON: a request says so even without a body.
		Response withoutContentType = post("/actuator/pool/" + REPORTING + "/suspend", null);
		assertThat(withoutContentType.status()).isEqualTo(415);
		Response suspended = post("/actuator/pool/" + REPORTING + "/suspend", "");
		assertThat(suspended.status()).isEqualTo(200);
		assertThat(suspended.json()).containsEntry("suspended", true);
		assertThat(map(get("/actuator/pool").json(), "stats")).containsEntry("suspended", false);
		assertThat(post("/actuator/pool/" + REPORTING + "/resume", "").json()).containsEntry("suspended", false);
		Response resized = post("/actuator/pool/" + REPORTING + "/resize", "{\"maxSize\": 2}");
		assertThat(resized.status()).isEqualTo(200);
		assertThat(resized.json()).containsEntry("max", 2).containsEntry("min", 2);
		assertThat(post("/actuator/pool/" + REPORTING + "/resize", "{\"maxSize\": 1}").json()).containsEntry("max", 1);
		Response unknown = post("/actuator/pool/no-such-pool/evict", "");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json()).containsEntry("message",
				"No pool is named 'no-such-pool'; the application's pools are " + MAIN + ", " + REPORTING);
		// The application's own pool keeps its paths.
		assertThat(post("/actuator/pool/evict", null).status()).isEqualTo(200);
	}

	@Test
	void healthHasAnEntryForEachPool() throws Exception {
		Map<String, Object> health = get("/actuator/health").json();
		assertThat(health).containsEntry("status", "UP");
		Map<String, Object> pools = map(health, "components", "pool", "components");
		assertThat(pools).containsOnlyKeys("dataSource", "reportingDataSource");
		assertThat(map(pools, "reportingDataSource", "details")).containsEntry("name", REPORTING);
		assertThat(map(pools, "dataSource", "details")).containsEntry("name", MAIN);
		assertThat(map(health, "components", "db", "components")).containsOnlyKeys("dataSource", "reportingDataSource");
		assertThat(get("/actuator/health/pool/reportingDataSource").json()).containsEntry("status", "UP");
	}

	@Test
	void theSecondPoolHasTheFullMetersAndItsBorrowsAreObserved() throws Exception {
		DataSource reporting = context.getBean("reportingDataSource", DataSource.class);
		try (Connection connection = reporting.getConnection()) {
			assertThat(connection.isValid(1)).isTrue();
		}
		assertThat(statistic("/actuator/metrics/pool.acquire?tag=pool:" + REPORTING, "COUNT"))
			.isGreaterThanOrEqualTo(1);
		assertThat(statistic("/actuator/metrics/pool.usage?tag=pool:" + REPORTING, "COUNT")).isGreaterThanOrEqualTo(1);
		assertThat(statistic("/actuator/metrics/pool.connections.opened?tag=pool:" + REPORTING, "COUNT"))
			.isGreaterThanOrEqualTo(1);
		assertThat(statistic("/actuator/metrics/pool.connections.max?tag=pool:" + REPORTING, "VALUE")).isOne();
		// Boot's ObservationRegistry records the borrow as an observation too, which its
		// default handler also times.
		assertThat(
				statistic("/actuator/metrics/poolkit.acquire?tag=pool:" + REPORTING + "&tag=outcome:success", "COUNT"))
			.isGreaterThanOrEqualTo(1);
		assertThat(((PoolDataSource) context.getBean("reportingDataSource")).acquireObserver()).isNotNull();
	}

	@Test
	void secretsUnderTheSecondPoolsPrefixAreMaskedInConfigpropsAndEnv() throws Exception {
		Response configprops = get("/actuator/configprops");
		assertThat(configprops.status()).isEqualTo(200);
		assertThat(configprops.text()).contains("app.reporting-pool")
			.contains(REPORTING)
			.doesNotContain(PASSWORD_SECRET, URL_SECRET, DRIVER_SECRET);
		Response env = get("/actuator/env");
		assertThat(env.status()).isEqualTo(200);
		assertThat(env.text()).contains("app.reporting-pool.password")
			.doesNotContain(PASSWORD_SECRET, URL_SECRET, DRIVER_SECRET);
		assertThat(map(get("/actuator/env/app.reporting-pool.password").json(), "property")).containsEntry("value",
				"******");
		assertThat(map(get("/actuator/env/app.reporting-pool.url").json(), "property")).containsEntry("value",
				PostgresTestSupport.urlWith("password=******"));
		assertThat(map(get("/actuator/env/app.reporting-pool.data-source-properties.sslpassword").json(), "property"))
			.containsEntry("value", "******");
		// Values that are no secret are shown, as show-values=always asks.
		assertThat(map(get("/actuator/env/app.reporting-pool.name").json(), "property")).containsEntry("value",
				REPORTING);
	}

	private static Response get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
	}

	/**
	 * Posts, with {@code Content-Type: application/json} unless {@code json} is
	 * {@code null}.
	 */
	private static Response post(String path, String json) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (json != null) {
			request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
		}
		else {
			request.POST(HttpRequest.BodyPublishers.noBody());
		}
		return send(request);
	}

	private static Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
		String body = response.body();
		Map<String, Object> json = (body.isBlank() || !body.startsWith("{")) ? Map.of()
				: JsonParserFactory.getJsonParser().parseMap(body);
		return new Response(response.statusCode(), json, body);
	}

	@SuppressWarnings("unchecked")
	private static double statistic(String path, String statistic) throws IOException, InterruptedException {
		Response response = get(path);
		assertThat(response.status()).as(path).isEqualTo(200);
		for (Map<String, Object> measurement : (List<Map<String, Object>>) response.json().get("measurements")) {
			if (statistic.equals(measurement.get("statistic"))) {
				return ((Number) measurement.get("value")).doubleValue();
			}
		}
		throw new AssertionError("No " + statistic + " in " + response.text());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value, String... path) {
		Object current = value;
		for (String key : path) {
			assertThat(current).as(String.join(".", path)).isInstanceOf(Map.class);
			current = ((Map<String, Object>) current).get(key);
		}
		assertThat(current).as(String.join(".", path)).isInstanceOf(Map.class);
		return (Map<String, Object>) current;
	}

	record Response(int status, Map<String, Object> json, String text) {
	}

	/**
	 * The README's example: a second pool from properties under a prefix of the
	 * application's choosing.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TwoPoolsApplication {

		@Bean(defaultCandidate = false)
		@Qualifier("reporting")
		PoolDataSource reportingDataSource(PoolDataSourceFactory pools) {
			return pools.create("app.reporting-pool");
		}

		// Optional: lists the reporting pool's settings in /actuator/configprops.
		@Bean(defaultCandidate = false)
		@ConfigurationProperties(prefix = "app.reporting-pool", ignoreInvalidFields = true)
		PoolProperties reportingPoolProperties() {
			return new PoolProperties();
		}

	}

}
