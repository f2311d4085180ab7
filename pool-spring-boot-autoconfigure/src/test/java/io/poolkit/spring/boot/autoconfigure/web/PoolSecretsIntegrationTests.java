package io.poolkit.spring.boot.autoconfigure.web;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.poolkit.PoolDataSource;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The database password, given in {@code app.pool.password}, in the URL's query string
 * and in {@code app.pool.data-source-properties.password}, shows nowhere the tests can
 * reach: not in a log line (at TRACE for the pool), an exception message, a metric's
 * name, tags or description, a health detail, or any actuator endpoint
 * ({@code /actuator/env}, {@code /actuator/configprops} and {@code /actuator/pool} with
 * values shown, {@code /actuator/metrics} and each of its meters, and every other
 * endpoint but the heap dump, which is the process's memory and holds the password by
 * nature).
 * <p>
 * The {@code poolkit_auth} role must log in with a password, so both the happy path (the
 * right password, which the connections really use) and the database's own error path (a
 * wrong one: the server's message, the pool's events, health and the startup failure
 * report) are exercised.
 */
@ExtendWith(OutputCaptureExtension.class)
class PoolSecretsIntegrationTests {

	private static final String WRONG_PASSWORD = "poolkit-wrong-password-93e0";

	// Endpoints not read: the heap dump holds every string of the process; shutdown is a
	// write operation.
	private static final Set<String> NOT_READ = Set.of("heapdump", "shutdown");

	@BeforeAll
	static void theRoleNeedsItsPassword() throws SQLException {
		try (Connection connection = PostgresTestSupport.connectAs(PostgresTestSupport.AUTH_USER,
				PostgresTestSupport.AUTH_PASSWORD)) {
			assertThat(connection.isValid(1)).isTrue();
		}
		assertThatExceptionOfType(SQLException.class)
			.as("role %s must require a password; .ci/run sets it up", PostgresTestSupport.AUTH_USER)
			.isThrownBy(() -> PostgresTestSupport.connectAs(PostgresTestSupport.AUTH_USER, WRONG_PASSWORD).close())
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
	}

	@Test
	void theRightPasswordShowsNowhere(CapturedOutput output) throws Exception {
		String password = PostgresTestSupport.AUTH_PASSWORD;
		List<String> seen = new ArrayList<>();
		try (RunningApplication application = start(password, "--app.pool.max-size=2", "--app.pool.min-idle=1",
				"--app.pool.on-exhausted=fail-fast", "--app.pool.leak-detection-threshold=10m")) {
			DataSource dataSource = application.bean(DataSource.class);
			try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
				// The password was really used: the role cannot log in without it.
				assertThat(currentUser(first)).isEqualTo(PostgresTestSupport.AUTH_USER);
				// A borrow beyond the size fails at once with the pool's own message:
				// counts, holders, settings.
				Throwable exhausted = catchThrowable(dataSource::getConnection);
				assertThat(exhausted).isInstanceOf(SQLException.class);
				seen.add(describe(exhausted));
				// Read while connections are held, so the endpoint lists its holders too.
				seen.addAll(everyActuatorEndpoint(application.actuator()));
			}
			seen.addAll(everyActuatorEndpoint(application.actuator()));
			seen.addAll(everyMeter(application.bean(MeterRegistry.class)));
			seen.add(application.bean(PoolDataSource.class).config().toString());
		}
		String everything = String.join("\n", seen);
		assertThat(everything).doesNotContain(password);
		assertThat(output.getAll()).doesNotContain(password);
		// What was read is what was meant: the settings are there, masked, and so is the
		// pool's name in the meters.
		assertThat(everything).contains("\"app.pool.password\"")
			.contains("\"password\":\"******\"")
			.contains("password=******")
			.contains("pool.acquire [tag(pool=poolkit-secrets-it)]")
			.contains("\"borrowedConnections\":[{");
		assertThat(output.getAll()).contains("Pool 'poolkit-secrets-it' starting");
	}

	@Test
	void aWrongPasswordShowsTheDatabasesErrorButNotThePassword(CapturedOutput output) throws Exception {
		List<String> seen = new ArrayList<>();
		// initialization-timeout=0 starts the application without waiting for a
		// connection, so the failures can
		// be read where they surface at run time.
		try (RunningApplication application = start(WRONG_PASSWORD, "--app.pool.initialization-timeout=0",
				"--app.pool.connection-timeout=1s")) {
			PoolDataSource pool = application.bean(PoolDataSource.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> pool.stats().lastConnectionError() != null);
			Throwable timeout = catchThrowable(() -> application.bean(DataSource.class).getConnection());
			assertThat(timeout).isInstanceOf(SQLException.class);
			seen.add(describe(timeout));
			seen.addAll(everyActuatorEndpoint(application.actuator()));
			seen.addAll(everyMeter(application.bean(MeterRegistry.class)));
		}
		String everything = String.join("\n", seen);
		assertThat(everything).doesNotContain(WRONG_PASSWORD);
		assertThat(output.getAll()).doesNotContain(WRONG_PASSWORD);
		// The database's error path was taken: its message is in the exception, health
		// and the pool's events.
		String rejected = "password authentication failed for user \"" + PostgresTestSupport.AUTH_USER + "\"";
		assertThat(seen.get(0)).contains(rejected);
		assertThat(everything).contains("\"status\":\"DOWN\"")
			.contains("\"type\":\"creation-failed\"")
			.contains(rejected.replace("\"", "\\\""))
			.contains("pool.errors [tag(kind=auth), tag(pool=poolkit-secrets-it)]");
	}

	@Test
	void aWrongPasswordAtStartupFailsWithoutThePassword(CapturedOutput output) {
		Throwable failure = catchThrowable(() -> start(WRONG_PASSWORD, "--app.pool.initialization-timeout=1s").close());
		assertThat(failure).isNotNull();
		assertThat(describe(failure)).contains("password authentication failed").doesNotContain(WRONG_PASSWORD);
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("SQLState 28P01")
			.doesNotContain(WRONG_PASSWORD);
	}

	private static RunningApplication start(String password, String... more) {
		List<String> args = new ArrayList<>(List.of("--app.pool.name=poolkit-secrets-it",
				"--app.pool.url=" + PostgresTestSupport.urlWith("password=" + password),
				"--app.pool.username=" + PostgresTestSupport.AUTH_USER, "--app.pool.password=" + password,
				"--app.pool.data-source-properties.password=" + password, "--logging.level.io.poolkit=trace",
				"--management.endpoints.web.exposure.include=*", "--management.endpoint.health.show-details=always",
				"--management.endpoint.configprops.show-values=always",
				"--management.endpoint.env.show-values=always"));
		args.addAll(List.of(more));
		return RunningApplication.start(args.toArray(String[]::new));
	}

	/**
	 * Every endpoint the actuator links to, and the templated ones at the pool's own
	 * names.
	 */
	@SuppressWarnings("unchecked")
	private static List<String> everyActuatorEndpoint(Actuator actuator) {
		List<String> bodies = new ArrayList<>();
		Map<String, Object> links = Actuator.map(actuator.json("/actuator"), "_links");
		assertThat(links).containsKeys("pool", "env", "configprops", "metrics", "health");
		links.forEach((name, value) -> {
			Map<String, Object> link = (Map<String, Object>) value;
			if (!Boolean.TRUE.equals(link.get("templated")) && !NOT_READ.contains(name)) {
				bodies.add(name + ": " + actuator.get(URI.create((String) link.get("href")).getPath()).text());
			}
		});
		for (Object metric : (List<Object>) actuator.json("/actuator/metrics").get("names")) {
			bodies.add(actuator.get("/actuator/metrics/" + metric).text());
		}
		for (String property : List.of("app.pool.password", "app.pool.url",
				"app.pool.data-source-properties.password")) {
			bodies.add(actuator.get("/actuator/env/" + property).text());
		}
		bodies.add(actuator.get("/actuator/configprops/app.pool").text());
		bodies.add(actuator.get("/actuator/health/pool").text());
		return bodies;
	}

	/** Every meter's name, tags, description and unit. */
	private static List<String> everyMeter(MeterRegistry registry) {
		List<String> meters = new ArrayList<>();
		for (Meter meter : registry.getMeters()) {
			Meter.Id id = meter.getId();
			meters.add(id.getName() + " " + id.getTags() + " " + id.getDescription() + " " + id.getBaseUnit());
		}
		return meters;
	}

	/**
	 * Everything an exception says: its stack trace (messages of every cause and
	 * suppressed one) and next ones.
	 */
	private static String describe(Throwable failure) {
		if (failure == null) {
			return "";
		}
		StringWriter text = new StringWriter();
		failure.printStackTrace(new PrintWriter(text));
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql) {
				for (SQLException next = sql.getNextException(); next != null; next = next.getNextException()) {
					text.append('\n').append(describe(next));
				}
			}
		}
		return text.toString();
	}

	private static String currentUser(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select current_user")) {
			rows.next();
			return rows.getString(1);
		}
	}

}
