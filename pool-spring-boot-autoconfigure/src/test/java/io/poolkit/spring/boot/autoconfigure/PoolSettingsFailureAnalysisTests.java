package io.poolkit.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every {@code app.pool.*} setting with bad values, through a real
 * {@link SpringApplication}: each start ends in Boot's "APPLICATION FAILED TO START"
 * report naming the property and what is allowed. One row per way a setting can be wrong:
 * out of range (negative, zero where not allowed, too large), the wrong unit or type, an
 * unknown enum value, a contradiction with another setting, a malformed URL, a driver
 * class that does not exist, a login the database rejects and a driver property the
 * driver rejects.
 * <p>
 * {@code catalog} and {@code schema} have no row: they take any text, and PostgreSQL
 * accepts any catalog and schema name on a connection (an unknown schema only leaves the
 * search path empty).
 */
@ExtendWith(OutputCaptureExtension.class)
class PoolSettingsFailureAnalysisTests {

	private static final String BANNER = "APPLICATION FAILED TO START";

	private static final String DURATION = "use a duration such as 500ms, 30s, 10m, 2h or 1d, a number of "
			+ "milliseconds, or ISO-8601 such as PT30S";

	private static final String WRONG_PASSWORD = "poolkit-wrong-password-4c1d";

	static Stream<Row> badSettings() {
		return Stream.of(
				row("name", "app.pool.name: 'no spaces!' is not allowed; use 1 to 63 letters, digits, '-', '_' or '.'",
						"name", "no spaces!"),
				row("name", "app.pool.name: '" + "n".repeat(64) + "' is not allowed; use 1 to 63 letters", "name",
						"n".repeat(64)),
				row("url",
						"app.pool.url: 'postgresql://127.0.0.1:5432/test' is a malformed URL; it must start with "
								+ "'jdbc:'",
						"url", "postgresql://127.0.0.1:5432/test"),
				row("url",
						"app.pool.url: the PostgreSQL JDBC driver (org.postgresql.Driver) refuses "
								+ "'jdbc:postgresql://127.0.0.1:99999/test?password=******': the port 99999 is out of "
								+ "range (1 to 65535)",
						"url", "jdbc:postgresql://127.0.0.1:99999/test?password=" + WRONG_PASSWORD),
				row("url",
						"app.pool.url: no registered JDBC driver accepts 'jdbc:mysql://127.0.0.1:3306/test'; add the "
								+ "driver to the class path or set driver-class-name",
						"url", "jdbc:mysql://127.0.0.1:3306/test", "max-size", "-1")
					.expecting("app.pool.max-size: -1 is not allowed"),
				row("username", "Check the credentials in app.pool.username and app.pool.password", "username",
						"poolkit_no_such_user", "initialization-timeout", "1s")
					.expecting("role \"poolkit_no_such_user\" does not exist", "SQLState 28000"),
				row("password", "Check the credentials in app.pool.username and app.pool.password", "username",
						"poolkit_auth", "password", WRONG_PASSWORD, "initialization-timeout", "1s")
					.expecting("password authentication failed for user \"poolkit_auth\"", "SQLState 28P01"),
				row("driver-class-name",
						"app.pool.driver-class-name: 'com.example.NoSuchDriver' was not found on the class path",
						"driver-class-name", "com.example.NoSuchDriver"),
				row("driver-class-name",
						"app.pool.driver-class-name: 'java.lang.String' does not implement " + "java.sql.Driver",
						"driver-class-name", "java.lang.String"),
				row("data-source-properties.prepareThreshold",
						"Check app.pool.data-source-properties.prepareThreshold: "
								+ "the driver's message above names it; see the driver's documentation for the values it "
								+ "accepts",
						"data-source-properties.prepareThreshold", "often", "initialization-timeout", "1s")
					.expecting("prepareThreshold parameter value must be an integer but was: often"),
				row("max-size", "app.pool.max-size: -1 is not allowed; must be between 1 and 10000", "max-size", "-1"),
				row("max-size", "app.pool.max-size: 0 is not allowed; must be between 1 and 10000", "max-size", "0"),
				row("max-size", "app.pool.max-size: 10001 is not allowed; must be between 1 and 10000", "max-size",
						"10001"),
				row("max-size", "app.pool.max-size: 'ten' is not allowed; use a whole number", "max-size", "ten"),
				row("min-idle", "app.pool.min-idle: -1 is not allowed; must be between 0 and max-size (2)", "min-idle",
						"-1"),
				row("min-idle", "app.pool.min-idle: 3 is not allowed; must be between 0 and max-size (2)", "min-idle",
						"3"),
				row("sizing.db-cores", "app.pool.sizing.db-cores: 0 is not allowed; must be between 1 and 1024",
						"sizing.db-cores", "0", "max-size", null),
				row("sizing.db-cores", "app.pool.sizing.db-cores: 2000 is not allowed; must be between 1 and 1024",
						"sizing.db-cores", "2000", "max-size", null),
				row("sizing.effective-spindle-count",
						"app.pool.sizing.effective-spindle-count: -1 is not allowed; " + "must be between 0 and 1024",
						"sizing.effective-spindle-count", "-1"),
				row("sizing.instances", "app.pool.sizing.instances: 0 is not allowed; must be between 1 and 10000",
						"sizing.instances", "0"),
				row("sizing.instances", "app.pool.sizing.instances: 10001 is not allowed; must be between 1 and 10000",
						"sizing.instances", "10001"),
				row("sizing.fleet-budget",
						"app.pool.sizing.fleet-budget: 2 is not allowed; must be more than sizing.headroom "
								+ "(2 (default)), or the fleet could hold nothing",
						"sizing.mode", "adaptive", "sizing.fleet-budget", "2"),
				row("sizing.fleet-budget",
						"app.pool.sizing.fleet-budget: 3 is not allowed; must be at least sizing.instances (10), so "
								+ "that every instance may hold one connection",
						"sizing.mode", "adaptive", "sizing.fleet-budget", "3", "sizing.headroom", "0",
						"sizing.instances", "10"),
				row("sizing.period",
						"app.pool.sizing.period: 5s is not allowed; it applies only with sizing.mode=adaptive, and "
								+ "sizing.mode is fixed (default)",
						"sizing.period", "5s"),
				row("connection-timeout", "app.pool.connection-timeout: 0 is not allowed; must be between 1ms and 1h",
						"connection-timeout", "0"),
				row("connection-timeout", "app.pool.connection-timeout: 2h is not allowed; must be between 1ms and 1h",
						"connection-timeout", "2h"),
				row("connection-timeout", "app.pool.connection-timeout: '30 seconds' is not allowed; " + DURATION,
						"connection-timeout", "30 seconds")
					.expecting("(set in \"app.pool.connection-timeout\" from property source \"commandLineArgs\")"),
				row("connection-timeout", "app.pool.connection-timeout: '5parsecs' is not allowed; " + DURATION,
						"connection-timeout", "5parsecs"),
				row("on-exhausted",
						"app.pool.on-exhausted: 'sometimes' is not allowed; use one of wait, fail-fast, " + "overflow",
						"on-exhausted", "sometimes"),
				row("on-exhausted",
						"app.pool.on-exhausted: overflow requires max-overflow of at least 1, but "
								+ "max-overflow is 0",
						"on-exhausted", "overflow"),
				row("max-overflow", "app.pool.max-overflow: -1 is not allowed; must be between 0 and 10000",
						"max-overflow", "-1"),
				row("overflow-after",
						"app.pool.overflow-after: 5s is not allowed; must be less than " + "connection-timeout (5s)",
						"overflow-after", "5s", "connection-timeout", "5s"),
				row("overflow-after", "app.pool.overflow-after: -1s is not allowed; must be between 0 and 1h",
						"overflow-after", "-1s"),
				row("max-waiters", "app.pool.max-waiters: -1 is not allowed; must be between 0 and 1000000",
						"max-waiters", "-1"),
				row("idle-timeout",
						"app.pool.idle-timeout: 5ms is not allowed; must be 0 (never) or between 10ms and " + "1d",
						"idle-timeout", "5ms"),
				row("idle-timeout", "app.pool.idle-timeout: 10m is not allowed; must not exceed max-lifetime (5m)",
						"idle-timeout", "10m", "max-lifetime", "5m"),
				row("max-lifetime",
						"app.pool.max-lifetime: 50ms is not allowed; must be 0 (never) or between 100ms " + "and 7d",
						"max-lifetime", "50ms"),
				row("max-lifetime",
						"app.pool.max-lifetime: 8d is not allowed; must be 0 (never) or between 100ms and " + "7d",
						"max-lifetime", "8d"),
				row("lifetime-jitter",
						"app.pool.lifetime-jitter: 60% (0.6) is not allowed; must be between 0% and " + "50%",
						"lifetime-jitter", "0.6"),
				row("lifetime-jitter", "app.pool.lifetime-jitter: '10%' is not allowed; use a number such as 0.1",
						"lifetime-jitter", "10%"),
				row("keepalive-interval",
						"app.pool.keepalive-interval: 5ms is not allowed; must be 0 (off) or between " + "10ms and 1d",
						"keepalive-interval", "5ms"),
				row("validation-query",
						"app.pool.validation-query: must not be blank; leave it unset to use " + "Connection.isValid",
						"validation-query", "  "),
				row("validation-timeout", "app.pool.validation-timeout: 0 is not allowed; must be between 1ms and 1h",
						"validation-timeout", "0"),
				row("validation-timeout",
						"app.pool.validation-timeout: 10s is not allowed; must not exceed " + "connection-timeout (5s)",
						"validation-timeout", "10s", "connection-timeout", "5s"),
				row("validation-bypass", "app.pool.validation-bypass: 2h is not allowed; must be between 0 and 1h",
						"validation-bypass", "2h"),
				row("leak-detection-threshold",
						"app.pool.leak-detection-threshold: 2d is not allowed; must be 0 (off) "
								+ "or between 1ms and 1d",
						"leak-detection-threshold", "2d"),
				row("initialization-timeout",
						"app.pool.initialization-timeout: 2h is not allowed; must be between 0 " + "and 1h",
						"initialization-timeout", "2h"),
				row("connection-init-sql", "app.pool.connection-init-sql: must not be blank; leave it unset for none",
						"connection-init-sql", "  "),
				row("auto-commit", "app.pool.auto-commit: 'maybe' is not allowed; use true or false", "auto-commit",
						"maybe"),
				row("transaction-isolation",
						"app.pool.transaction-isolation: 'chaotic' is not allowed; use one of "
								+ "none, read-uncommitted, read-committed, repeatable-read, serializable",
						"transaction-isolation", "chaotic"),
				row("read-only", "app.pool.read-only: 'perhaps' is not allowed; use true or false", "read-only",
						"perhaps"),
				row("shutdown-timeout", "app.pool.shutdown-timeout: 2h is not allowed; must be between 0 and 1h",
						"shutdown-timeout", "2h"),
				row("register-mbeans", "app.pool.register-mbeans: 'sometimes' is not allowed; use true or false",
						"register-mbeans", "sometimes"),
				row("pgbouncer", "app.pool.pgbouncer: 'maybe' is not allowed; use true or false", "pgbouncer",
						"maybe"));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("badSettings")
	void reportsTheSettingByItsPropertyAndWhatIsAllowed(Row row, CapturedOutput output) {
		int reportsBefore = reports(output.getOut());
		assertThatException().isThrownBy(() -> run(row.args()));
		String out = output.getOut();
		// This start's report, and only it: earlier rows' reports are in the captured
		// output too.
		assertThat(reports(out)).isEqualTo(reportsBefore + 1);
		String report = out.substring(out.lastIndexOf(BANNER));
		assertThat(report).contains("Description:").contains("Action:").contains("app.pool." + row.setting());
		for (String expected : row.expected()) {
			assertThat(report).contains(expected);
		}
		assertThat(report).doesNotContain(PostgresTestSupport.secret()).doesNotContain(WRONG_PASSWORD);
	}

	private static int reports(String output) {
		return output.split(BANNER, -1).length - 1;
	}

	private static void run(String... args) {
		SpringApplication application = new SpringApplication(PoolOnlyApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args).close();
	}

	/**
	 * Settings that work, then the row's: a name with a {@code null} value is left out.
	 */
	private static Row row(String setting, String expected, String... settings) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("url", PostgresTestSupport.url());
		properties.put("username", PostgresTestSupport.user());
		properties.put("password", PostgresTestSupport.secret());
		properties.put("max-size", "2");
		for (int i = 0; i < settings.length; i += 2) {
			properties.put(settings[i], settings[i + 1]);
		}
		return new Row(setting, properties, List.of(expected));
	}

	/**
	 * One way a setting can be wrong.
	 *
	 * @param setting the setting the report must name, as {@code app.pool.<setting>}
	 * @param properties the {@code app.pool.*} settings the application starts with
	 * @param expected text the report must hold
	 */
	record Row(String setting, Map<String, String> properties, List<String> expected) {

		Row expecting(String... more) {
			List<String> all = new ArrayList<>(this.expected);
			all.addAll(List.of(more));
			return new Row(this.setting, this.properties, all);
		}

		String[] args() {
			return this.properties.entrySet()
				.stream()
				.filter((entry) -> entry.getValue() != null)
				.map((entry) -> "--app.pool." + entry.getKey() + "=" + entry.getValue())
				.toArray(String[]::new);
		}

		// Only the row's own settings, so a failing row says which one it was.
		@Override
		public String toString() {
			return this.setting + " "
					+ this.properties.entrySet()
						.stream()
						.filter((entry) -> !List.of("url", "username", "password").contains(entry.getKey()))
						.toList();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PoolDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class })
	static class PoolOnlyApplication {

	}

}
