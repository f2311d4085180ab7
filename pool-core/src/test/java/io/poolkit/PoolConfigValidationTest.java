package io.poolkit;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for the checks {@link PoolConfig.Builder#build()} makes and the messages it
 * words.
 */
class PoolConfigValidationTest {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final String HEADER = "Invalid pool configuration:\n  - ";

	private static final Set<String> ADAPTIVE_ONLY = Set.of("sizing.min-size", "sizing.period", "sizing.headroom",
			"sizing.fleet-budget");

	/**
	 * Every range bound, just inside and just outside; a blank message means the value is
	 * allowed.
	 */
	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			max-size                       | 1       |
			max-size                       | 10000   |
			max-size                       | 0       | 0 is not allowed; must be between 1 and 10000
			max-size                       | 10001   | 10001 is not allowed; must be between 1 and 10000
			min-idle                       | 0       |
			min-idle                       | 10      |
			min-idle                       | -1      | -1 is not allowed; must be between 0 and max-size (10)
			min-idle                       | 11      | 11 is not allowed; must be between 0 and max-size (10)
			sizing.db-cores                | 1       |
			sizing.db-cores                | 1024    |
			sizing.db-cores                | 0       | 0 is not allowed; must be between 1 and 1024
			sizing.db-cores                | 1025    | 1025 is not allowed; must be between 1 and 1024
			sizing.effective-spindle-count | 0       |
			sizing.effective-spindle-count | 1024    |
			sizing.effective-spindle-count | -1      | -1 is not allowed; must be between 0 and 1024
			sizing.effective-spindle-count | 1025    | 1025 is not allowed; must be between 0 and 1024
			sizing.instances               | 1       |
			sizing.instances               | 10000   |
			sizing.instances               | 0       | 0 is not allowed; must be between 1 and 10000
			sizing.instances               | 10001   | 10001 is not allowed; must be between 1 and 10000
			sizing.min-size                | 1       |
			sizing.min-size                | 10      |
			sizing.min-size                | 0       | 0 is not allowed; must be between 1 and 10000
			sizing.min-size                | 11      | 11 is not allowed; must be between 1 and max-size (10)
			sizing.period                  | 100ms   |
			sizing.period                  | 10m     |
			sizing.period                  | 99ms    | 99ms is not allowed; must be between 100ms and 10m
			sizing.period                  | 601s    | 601s is not allowed; must be between 100ms and 10m
			sizing.headroom                | 0       |
			sizing.headroom                | 10000   |
			sizing.headroom                | -1      | -1 is not allowed; must be between 0 and 10000
			sizing.headroom                | 10001   | 10001 is not allowed; must be between 0 and 10000
			sizing.fleet-budget            | 0       |
			sizing.fleet-budget            | 1000000 |
			sizing.fleet-budget            | -1      | -1 is not allowed; must be between 0 and 1000000
			sizing.fleet-budget            | 1000001 | 1000001 is not allowed; must be between 0 and 1000000
			max-overflow                   | 0       |
			max-overflow                   | 10000   |
			max-overflow                   | -1      | -1 is not allowed; must be between 0 and 10000
			max-overflow                   | 10001   | 10001 is not allowed; must be between 0 and 10000
			max-waiters                    | 0       |
			max-waiters                    | 1000000 |
			max-waiters                    | -1      | -1 is not allowed; must be between 0 and 1000000
			max-waiters                    | 1000001 | 1000001 is not allowed; must be between 0 and 1000000
			connection-timeout             | 1ms     |
			connection-timeout             | 1h      |
			connection-timeout             | 0       | 0 is not allowed; must be between 1ms and 1h
			connection-timeout             | 3600001 | 3600001ms is not allowed; must be between 1ms and 1h
			overflow-after                 | 0       |
			overflow-after                 | 29999ms |
			overflow-after                 | 30s     | 30s is not allowed; must be less than connection-timeout (30s)
			idle-timeout                   | 0       |
			idle-timeout                   | 10ms    |
			idle-timeout                   | 9ms     | 9ms is not allowed; must be 0 (never) or between 10ms and 1d
			idle-timeout                   | 25h     | 25h is not allowed; must be 0 (never) or between 10ms and 1d
			max-lifetime                   | 0       |
			max-lifetime                   | 7d      |
			max-lifetime                   | 99ms    | 99ms is not allowed; must be 0 (never) or between 100ms and 7d
			max-lifetime                   | 8d      | 8d is not allowed; must be 0 (never) or between 100ms and 7d
			lifetime-jitter                | 0       |
			lifetime-jitter                | 50%     |
			lifetime-jitter                | 51%     | 51% (0.51) is not allowed; must be between 0% and 50%
			lifetime-jitter                | 10      | 1000% (10.0) is not allowed; must be between 0% and 50%
			keepalive-interval             | 0       |
			keepalive-interval             | 10ms    |
			keepalive-interval             | 1d      |
			keepalive-interval             | 9ms     | 9ms is not allowed; must be 0 (off) or between 10ms and 1d
			keepalive-interval             | 2d      | 2d is not allowed; must be 0 (off) or between 10ms and 1d
			validation-timeout             | 1ms     |
			validation-timeout             | 30s     |
			validation-timeout             | 0       | 0 is not allowed; must be between 1ms and 1h
			validation-timeout             | 31s     | 31s is not allowed; must not exceed connection-timeout (30s)
			validation-bypass              | 0       |
			validation-bypass              | 1h      |
			validation-bypass              | 61m     | 61m is not allowed; must be between 0 and 1h
			leak-detection-threshold       | 0       |
			leak-detection-threshold       | 1ms     |
			leak-detection-threshold       | 1d      |
			leak-detection-threshold       | 1441m   | 1441m is not allowed; must be 0 (off) or between 1ms and 1d
			initialization-timeout         | 0       |
			initialization-timeout         | 1h      |
			initialization-timeout         | 2h      | 2h is not allowed; must be between 0 and 1h
			shutdown-timeout               | 0       |
			shutdown-timeout               | 1h      |
			shutdown-timeout               | 3601s   | 3601s is not allowed; must be between 0 and 1h
			""")
	void rangesAreEnforced(String key, String value, String message) {
		// validation-timeout at its minimum, so the connection-timeout rows test only
		// their own bounds; adaptive sizing's own settings in adaptive mode, where they
		// apply.
		PoolConfig.Builder builder = PoolConfig.builder()
			.url(URL)
			.validationTimeout(Duration.ofMillis(1))
			.property(key, value);
		if (ADAPTIVE_ONLY.contains(key)) {
			builder.sizingMode(SizingMode.ADAPTIVE);
		}
		if (message == null) {
			assertThatNoException().isThrownBy(builder::build);
		}
		else {
			assertThatIllegalArgumentException().isThrownBy(builder::build).withMessage(HEADER + key + ": " + message);
		}
	}

	@Test
	void severalBadSettingsAreReportedTogetherInTableOrder() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.fromProperties(
					PoolConfigParsingTest.properties(Map.of("url", URL, "connection-timeout", "abc", "min-idle", "-5",
							"max-size", "-1", "maxWaiters", "3", "idle-timeout", "5ms", "register-mbeans", "yes"))))
			.withMessage(HEADER + String.join("\n  - ", "max-size: -1 is not allowed; must be between 1 and 10000",
					"min-idle: -5 is not allowed; must be between 0 and 10000",
					"connection-timeout: 'abc' is not a duration; use e.g. 500ms, 30s, 10m or plain milliseconds",
					"idle-timeout: 5ms is not allowed; must be 0 (never) or between 10ms and 1d",
					"register-mbeans: 'yes' is not a boolean; use true or false",
					"unknown setting 'maxWaiters'; did you mean 'max-waiters'?"));
	}

	@Test
	void builderSettersAreValidatedAllAtOnceToo() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder()
				.maxSize(0)
				.connectionTimeout(null)
				.validationBypass(Duration.ofMillis(-1))
				.lifetimeJitter(Double.NaN)
				.onExhausted(null)
				.build())
			.withMessage(HEADER + String.join("\n  - ", "url: must be set (or a dataSource given)",
					"max-size: 0 is not allowed; must be between 1 and 10000", "connection-timeout: must not be null",
					"on-exhausted: must not be null", "lifetime-jitter: NaN is not allowed; must be between 0% and 50%",
					"validation-bypass: -1ms is not allowed; must be between 0 and 1h"));
	}

	@Test
	void dependentChecksAreSkippedWhenWhatTheyDependOnIsBad() {
		// A bad connection-timeout must not also fail the settings compared against it.
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder()
				.url(URL)
				.property("connection-timeout", "2h")
				.validationTimeout(Duration.ofMinutes(59))
				.onExhausted(OnExhausted.OVERFLOW)
				.maxOverflow(1)
				.overflowAfter(Duration.ofMinutes(59))
				.build())
			.withMessage(HEADER + "connection-timeout: 2h is not allowed; must be between 1ms and 1h");
	}

	@Test
	void badSizingInputsDoNotAlsoFailMinIdle() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).sizingDbCores(0).minIdle(5).build())
			.withMessage(HEADER + "sizing.db-cores: 0 is not allowed; must be between 1 and 1024");
	}

	@Test
	void minIdleIsComparedWithTheSizedMaxSize() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).sizingDbCores(2).minIdle(5).build())
			.withMessage(HEADER + "min-idle: 5 is not allowed; must be between 0 and max-size (4)");
	}

	@Test
	void urlOrDataSourceIsRequired() {
		assertThatIllegalArgumentException().isThrownBy(() -> PoolConfig.builder().build())
			.withMessage(HEADER + "url: must be set (or a dataSource given)");
	}

	@Test
	void urlAndDataSourceTogetherAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).dataSource(new PoolConfigTest.StubDataSource()).build())
			.withMessage(HEADER + "url: must not be set together with a dataSource; give only one of them");
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgresql://db/app", "", "JDBC:postgresql://db/app", "http://db" })
	void urlMustStartWithJdbc(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> PoolConfig.builder().url(url).build())
			.withMessage(HEADER + "url: '" + url + "' is a malformed URL; it must start with 'jdbc:'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "pool", "orders-db", "a", "app_1.replica", "Pool-2" })
	void goodNames(String name) {
		assertThat(PoolConfig.builder().url(URL).name(name).build().name()).isEqualTo(name);
	}

	@Test
	void namesMayHaveUpTo63Characters() {
		assertThat(PoolConfig.builder().url(URL).name("n".repeat(63)).build().name()).hasSize(63);
		badNames("n".repeat(64));
	}

	@ParameterizedTest
	@ValueSource(strings = { "my pool", "pool/1", "pöol", "pool:1", " pool" })
	void badNames(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> PoolConfig.builder().url(URL).name(name).build())
			.withMessage(HEADER + "name: '" + name + "' is not allowed; use 1 to 63 letters, digits, '-', '_' or '.'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  " })
	void blankNames(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> PoolConfig.builder().url(URL).name(name).build())
			.withMessage(HEADER + "name: must not be blank");
	}

	@Test
	void driverClassMustBeLoadable() {
		assertThat(PoolConfig.builder().url(URL).driverClassName("org.postgresql.Driver").build().driverClassName())
			.isEqualTo("org.postgresql.Driver");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).driverClassName("com.example.NoSuchDriver").build())
			.withMessage(HEADER + "driver-class-name: 'com.example.NoSuchDriver' was not found on the class path");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).driverClassName("java.lang.String").build())
			.withMessage(HEADER + "driver-class-name: 'java.lang.String' does not implement java.sql.Driver");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).driverClassName(" ").build())
			.withMessage(HEADER + "driver-class-name: must not be blank; leave it unset to let DriverManager find "
					+ "the driver");
	}

	/**
	 * A URL the driver refuses is a problem with {@code url} in the form
	 * {@link PoolConfig.Builder#build()} reports, found before a start by
	 * {@link PoolConfig.Builder#driverProblem()} and thrown by the start.
	 */
	@Test
	void aUrlTheDriverRefusesIsAProblemWithUrl() {
		PoolConfig.Builder refused = PoolConfig.builder().url("jdbc:postgresql://127.0.0.1:99999/test?password=s3cret");
		InvalidPoolConfigException.Problem problem = refused.driverProblem().orElseThrow();
		assertThat(problem).isEqualTo(new InvalidPoolConfigException.Problem("url",
				"jdbc:postgresql://127.0.0.1:99999/test?password=******",
				"the PostgreSQL JDBC driver (org.postgresql.Driver) refuses "
						+ "'jdbc:postgresql://127.0.0.1:99999/test?password=******': the port 99999 is out of range "
						+ "(1 to 65535)"));
		PoolConfig config = refused.build();
		assertThatExceptionOfType(InvalidPoolConfigException.class).isThrownBy(() -> new PoolDataSource(config))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(problem));
		assertThat(PoolConfig.builder().url("jdbc:nosuchdb://db/app").driverProblem()).map(Object::toString)
			.hasValue("url: no registered JDBC driver accepts 'jdbc:nosuchdb://db/app'; add the driver to the class "
					+ "path or set driver-class-name");
		assertThat(PoolConfig.builder()
			.url("jdbc:nosuchdb://db/app")
			.driverClassName("org.postgresql.Driver")
			.driverProblem()).map(Object::toString)
			.hasValueSatisfying((line) -> assertThat(line)
				.startsWith("url: the driver org.postgresql.Driver does not accept 'jdbc:nosuchdb://db/app'"));
		// Nothing for a driver to check, or what build() reports itself.
		assertThat(PoolConfig.builder().url(URL).driverProblem()).isEmpty();
		assertThat(PoolConfig.builder().driverProblem()).isEmpty();
		assertThat(PoolConfig.builder().url("postgresql://db/app").driverProblem()).isEmpty();
		assertThat(
				PoolConfig.builder().url("jdbc:nosuchdb://db/app").driverClassName("java.lang.String").driverProblem())
			.isEmpty();
	}

	@Test
	void driverClassIsFoundWithoutAContextClassLoader() {
		Thread thread = Thread.currentThread();
		ClassLoader original = thread.getContextClassLoader();
		thread.setContextClassLoader(null);
		try {
			assertThatNoException()
				.isThrownBy(() -> PoolConfig.builder().url(URL).driverClassName("org.postgresql.Driver").build());
		}
		finally {
			thread.setContextClassLoader(original);
		}
	}

	@Test
	void overflowNeedsMaxOverflow() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).onExhausted(OnExhausted.OVERFLOW).build())
			.withMessage(HEADER + "on-exhausted: overflow requires max-overflow of at least 1, but max-overflow is 0");
		assertThatNoException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).onExhausted(OnExhausted.OVERFLOW).maxOverflow(1).build());
	}

	@Test
	void defaultOverflowAfterIsCheckedOnlyWhenOverflowIsUsed() {
		PoolConfig.Builder builder = PoolConfig.builder()
			.url(URL)
			.connectionTimeout(Duration.ofMillis(500))
			.validationTimeout(Duration.ofMillis(100));
		assertThatNoException().isThrownBy(builder::build);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder.onExhausted(OnExhausted.OVERFLOW).maxOverflow(2).build())
			.withMessage(HEADER + "overflow-after: 1s (default) is not allowed; must be less than "
					+ "connection-timeout (500ms)");
	}

	@Test
	void configuredValidationTimeoutMustNotExceedConnectionTimeout() {
		// The default is capped by each borrower's remaining wait, so it never fails a
		// short connection-timeout.
		assertThatNoException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).connectionTimeout(Duration.ofSeconds(2)).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder()
				.url(URL)
				.connectionTimeout(Duration.ofSeconds(2))
				.validationTimeout(Duration.ofSeconds(5))
				.build())
			.withMessage(HEADER + "validation-timeout: 5s is not allowed; must not exceed connection-timeout (2s)");
	}

	@Test
	void defaultIdleTimeoutAboveAShortMaxLifetimeIsAccepted() {
		assertThatNoException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).maxLifetime(Duration.ofMinutes(5)).build());
	}

	@Test
	void idleTimeoutMustNotExceedMaxLifetime() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).idleTimeout(Duration.ofHours(1)).build())
			.withMessage(HEADER + "idle-timeout: 1h is not allowed; must not exceed max-lifetime (30m (default))");
		assertThatNoException().isThrownBy(() -> PoolConfig.builder()
			.url(URL)
			.idleTimeout(Duration.ofHours(1))
			.maxLifetime(Duration.ZERO)
			.build());
		assertThatNoException().isThrownBy(() -> PoolConfig.builder()
			.url(URL)
			.idleTimeout(Duration.ZERO)
			.maxLifetime(Duration.ofSeconds(1))
			.build());
		assertThatNoException().isThrownBy(() -> PoolConfig.builder()
			.url(URL)
			.idleTimeout(Duration.ofMinutes(30))
			.maxLifetime(Duration.ofMinutes(30))
			.build());
	}

	/**
	 * Adaptive sizing's own settings and the ones it rules out, every problem at once:
	 * the floor above the ceiling, overflow (which would go past the fleet's share), and
	 * a period out of bounds.
	 */
	@Test
	void adaptiveSizingReportsEveryProblemAtOnce() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.fromProperties(PoolConfigParsingTest
				.properties(Map.of("url", URL, "sizing.mode", "adaptive", "max-size", "8", "sizing.min-size", "12",
						"on-exhausted", "overflow", "max-overflow", "2", "sizing.period", "10ms"))))
			.withMessage(HEADER + String.join("\n  - ",
					"sizing.min-size: 12 is not allowed; must be between 1 and max-size (8)",
					"sizing.period: 10ms is not allowed; must be between 100ms and 10m",
					"on-exhausted: overflow is not allowed with sizing.mode=adaptive, which grows the pool itself "
							+ "within its share of the connection budget; use wait or fail-fast",
					"max-overflow: 2 is not allowed; must be 0 with sizing.mode=adaptive, where overflow connections "
							+ "would go past the pool's share of the connection budget"));
	}

	/**
	 * Adaptive sizing's settings against each other: a fleet budget the headroom would
	 * eat whole, or too small for one connection per instance; and its own settings given
	 * while the mode is fixed, where nothing reads them. A blank message means allowed.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					sizing.mode=adaptive sizing.fleet-budget=3                                       |
					sizing.mode=adaptive sizing.fleet-budget=2                                       | sizing.fleet-budget: 2 is not allowed; must be more than sizing.headroom (2 (default)), or the fleet could hold nothing; or 0 for no budget of its own
					sizing.mode=adaptive sizing.fleet-budget=4 sizing.headroom=4                     | sizing.fleet-budget: 4 is not allowed; must be more than sizing.headroom (4), or the fleet could hold nothing; or 0 for no budget of its own
					sizing.mode=adaptive sizing.fleet-budget=5 sizing.headroom=4                     |
					sizing.mode=adaptive sizing.fleet-budget=0 sizing.headroom=0                     |
					sizing.mode=adaptive sizing.fleet-budget=3 sizing.headroom=0 sizing.instances=10 | sizing.fleet-budget: 3 is not allowed; must be at least sizing.instances (10), so that every instance may hold one connection; or 0 for no budget of its own
					sizing.mode=adaptive sizing.fleet-budget=10 sizing.headroom=0 sizing.instances=10 |
					sizing.mode=adaptive sizing.fleet-budget=1 sizing.headroom=0                     |
					sizing.mode=adaptive sizing.fleet-budget=-1 sizing.headroom=5                    | sizing.fleet-budget: -1 is not allowed; must be between 0 and 1000000
					sizing.fleet-budget=20                                                           | sizing.fleet-budget: 20 is not allowed; it applies only with sizing.mode=adaptive, and sizing.mode is fixed (default); set sizing.mode=adaptive or leave it out
					sizing.mode=fixed sizing.period=5s                                               | sizing.period: 5s is not allowed; it applies only with sizing.mode=adaptive, and sizing.mode is fixed; set sizing.mode=adaptive or leave it out
					sizing.headroom=0                                                                | sizing.headroom: 0 is not allowed; it applies only with sizing.mode=adaptive, and sizing.mode is fixed (default); set sizing.mode=adaptive or leave it out
					sizing.min-size=2                                                                | sizing.min-size: 2 is not allowed; it applies only with sizing.mode=adaptive, and sizing.mode is fixed (default); set sizing.mode=adaptive or leave it out
					sizing.mode=fixed sizing.instances=4                                             |
					sizing.mode=auto sizing.period=5s                                                | sizing.mode: 'auto' is not allowed; use fixed or adaptive
					""")
	void adaptiveSizingSettingsAreCheckedAgainstEachOther(String settings, String message) {
		PoolConfig.Builder builder = PoolConfig.builder().url(URL);
		for (String setting : settings.split(" ")) {
			String[] keyValue = setting.split("=");
			builder.property(keyValue[0], keyValue[1]);
		}
		if (message == null) {
			assertThatNoException().isThrownBy(builder::build);
		}
		else {
			assertThatIllegalArgumentException().isThrownBy(builder::build).withMessage(HEADER + message);
		}
	}

	@Test
	void adaptiveOnlySettingsInFixedModeAreReportedTogether() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.fromProperties(PoolConfigParsingTest.properties(Map.of("url", URL,
					"sizing.fleet-budget", "20", "sizing.headroom", "4", "sizing.period", "5s", "min-idle", "-1"))))
			.withMessage(HEADER + String.join("\n  - ",
					"min-idle: -1 is not allowed; must be between 0 and max-size (10)",
					"sizing.period: 5s is not allowed; it applies only with sizing.mode=adaptive, and sizing.mode is "
							+ "fixed (default); set sizing.mode=adaptive or leave it out",
					"sizing.headroom: 4 is not allowed; it applies only with sizing.mode=adaptive, and sizing.mode is "
							+ "fixed (default); set sizing.mode=adaptive or leave it out",
					"sizing.fleet-budget: 20 is not allowed; it applies only with sizing.mode=adaptive, and "
							+ "sizing.mode is fixed (default); set sizing.mode=adaptive or leave it out"));
	}

	@Test
	void adaptiveSizingAcceptsItsDefaultsAndAFloorUpToTheCeiling() {
		PoolConfig config = PoolConfig.builder()
			.url(URL)
			.sizingMode(SizingMode.ADAPTIVE)
			.maxSize(3)
			.sizingMinSize(3)
			.build();
		assertThat(config.sizingMode()).isEqualTo(SizingMode.ADAPTIVE);
		assertThat(config.sizingMinSize()).isEqualTo(3);
		assertThat(config.sizingPeriod()).isEqualTo(Duration.ofSeconds(1));
		assertThat(config.sizingHeadroom()).isEqualTo(2);
		assertThat(config.sizingFleetBudget()).isZero();
		// In fixed mode a floor nobody set is not checked against a small max-size.
		assertThatNoException().isThrownBy(() -> PoolConfig.builder().url(URL).maxSize(1).build());
	}

	@Test
	void isolationMustBeAJdbcConstant() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).transactionIsolation(3).build())
			.withMessage(HEADER + "transaction-isolation: 3 is not allowed; use one of the Connection.TRANSACTION_* "
					+ "constants (read-uncommitted, read-committed, repeatable-read, serializable or none)");
	}

	@Test
	void blankSqlIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).validationQuery(" ").connectionInitSql("").build())
			.withMessage(HEADER + "validation-query: must not be blank; leave it unset to use Connection.isValid"
					+ "\n  - connection-init-sql: must not be blank; leave it unset for none");
	}

	@Test
	void passwordIsNeverInAMessage() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder()
				.password("s3cr3t")
				.url("postgresql://db?password=s3cr3t&a=b")
				.dataSourceProperty("password", "s3cr3t")
				.maxSize(0)
				.build())
			.withMessageNotContaining("s3cr3t")
			.withMessageContaining("url: 'postgresql://db?password=******&a=b' is a malformed URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder()
				.property("pasword", "s3cr3t")
				.property("data-source-properties.password", "s3cr3t")
				.url("ftp://u:s3cr3t@db")
				.build())
			.withMessageNotContaining("s3cr3t")
			.withMessageContaining("unknown setting 'pasword'; did you mean 'password'?")
			.withMessageContaining("'ftp://u:******@db'");
	}

}
