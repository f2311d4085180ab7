package io.poolkit;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * One bad value for every setting, through both ways in: the text of
 * {@link PoolConfig#fromProperties} (where wrong units, unknown names and malformed
 * numbers happen) and the builder's typed setters (where only out-of-range values can).
 * Each must fail with exactly one line that names the setting, the value and what is
 * allowed. {@link PoolConfigValidationTest} and {@link PoolConfigParsingTest} cover the
 * bounds and spellings in depth; this is the one-row-per-setting table, and its guard
 * makes sure a new setting gets a row.
 */
class BadSettingsTest {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final String HEADER = "Invalid pool configuration:\n  - ";

	private static final String DURATION_HINT = " is not a duration; use e.g. 500ms, 30s, 10m or plain milliseconds";

	/**
	 * Settings whose every value is acceptable text: names, secrets and driver properties
	 * are the user's business.
	 */
	private static final Set<String> ANY_TEXT = Set.of("username", "password", "data-source-properties", "catalog",
			"schema");

	/**
	 * @param key the setting
	 * @param text a bad value as text
	 * @param textProblem the problem line {@code fromProperties} reports for it
	 * @param typed a typed setter call with a bad value, or {@code null} when the type
	 * admits no bad value
	 * @param typedProblem the problem line the builder reports for that
	 */
	record Row(String key, String text, String textProblem, UnaryOperator<PoolConfig.Builder> typed,
			String typedProblem) {

		@Override
		public String toString() {
			return this.key + "=" + this.text;
		}

	}

	static List<Row> rows() {
		return List.of(
				new Row("name", "pool one", "'pool one' is not allowed; use 1 to 63 letters, digits, '-', '_' or '.'",
						(b) -> b.name(""), "must not be blank"),
				new Row("url", "postgresql://db/app?password=hunter2",
						"'postgresql://db/app?password=******' is a malformed URL; it must start with 'jdbc:'",
						(b) -> b.url(null), "must be set (or a dataSource given)"),
				new Row("driver-class-name", "org.example.NoSuchDriver",
						"'org.example.NoSuchDriver' was not found on the class path",
						(b) -> b.driverClassName("java.util.ArrayList"),
						"'java.util.ArrayList' does not implement java.sql.Driver"),
				new Row("max-size", "100000", "100000 is not allowed; must be between 1 and 10000",
						(b) -> b.maxSize(-3), "-3 is not allowed; must be between 1 and 10000"),
				new Row("min-idle", "11", "11 is not allowed; must be between 0 and max-size (10)",
						(b) -> b.maxSize(5).minIdle(6), "6 is not allowed; must be between 0 and max-size (5)"),
				new Row("sizing.db-cores", "four", "'four' is not a whole number", (b) -> b.sizingDbCores(-4),
						"-4 is not allowed; must be between 1 and 1024"),
				new Row("sizing.effective-spindle-count", "2.5", "'2.5' is not a whole number",
						(b) -> b.sizingEffectiveSpindleCount(2000), "2000 is not allowed; must be between 0 and 1024"),
				new Row("sizing.instances", "0", "0 is not allowed; must be between 1 and 10000",
						(b) -> b.sizingInstances(20_000), "20000 is not allowed; must be between 1 and 10000"),
				new Row("sizing.mode", "auto", "'auto' is not allowed; use fixed or adaptive",
						(b) -> b.sizingMode(null), "must not be null"),
				new Row("sizing.min-size", "11", "11 is not allowed; must be between 1 and max-size (10)",
						(b) -> b.sizingMinSize(0), "0 is not allowed; must be between 1 and 10000"),
				new Row("sizing.period", "50ms", "50ms is not allowed; must be between 100ms and 10m",
						(b) -> b.sizingPeriod(Duration.ofHours(1)), "1h is not allowed; must be between 100ms and 10m"),
				new Row("sizing.headroom", "-1", "-1 is not allowed; must be between 0 and 10000",
						(b) -> b.sizingHeadroom(20_000), "20000 is not allowed; must be between 0 and 10000"),
				new Row("sizing.fleet-budget", "lots", "'lots' is not a whole number", (b) -> b.sizingFleetBudget(-1),
						"-1 is not allowed; must be between 0 and 1000000"),
				new Row("connection-timeout", "30 sec", "'30 sec'" + DURATION_HINT,
						(b) -> b.connectionTimeout(Duration.ZERO), "0 is not allowed; must be between 1ms and 1h"),
				new Row("on-exhausted", "queue", "'queue' is not allowed; use wait, fail-fast or overflow",
						(b) -> b.onExhausted(null), "must not be null"),
				new Row("max-overflow", "-1", "-1 is not allowed; must be between 0 and 10000",
						(b) -> b.maxOverflow(10_001), "10001 is not allowed; must be between 0 and 10000"),
				new Row("overflow-after", "1 second", "'1 second'" + DURATION_HINT,
						(b) -> b.overflowAfter(Duration.ofMinutes(90)), "90m is not allowed; must be between 0 and 1h"),
				new Row("max-waiters", "-5", "-5 is not allowed; must be between 0 and 1000000",
						(b) -> b.maxWaiters(2_000_000), "2000000 is not allowed; must be between 0 and 1000000"),
				new Row("idle-timeout", "10 minutes", "'10 minutes'" + DURATION_HINT,
						(b) -> b.idleTimeout(Duration.ofMillis(5)),
						"5ms is not allowed; must be 0 (never) or between 10ms and 1d"),
				new Row("max-lifetime", "-30m", "'-30m' is not allowed; a duration must not be negative",
						(b) -> b.maxLifetime(Duration.ofDays(30)),
						"30d is not allowed; must be 0 (never) or between 100ms and 7d"),
				new Row("lifetime-jitter", "75%", "75% (0.75) is not allowed; must be between 0% and 50%",
						(b) -> b.lifetimeJitter(-0.1), "-10% (-0.1) is not allowed; must be between 0% and 50%"),
				new Row("keepalive-interval", "2min", "'2min'" + DURATION_HINT,
						(b) -> b.keepaliveInterval(Duration.ofMillis(1)),
						"1ms is not allowed; must be 0 (off) or between 10ms and 1d"),
				new Row("validation-query", "   ", "must not be blank; leave it unset to use Connection.isValid",
						(b) -> b.validationQuery(""), "must not be blank; leave it unset to use Connection.isValid"),
				new Row("validation-timeout", "2h", "2h is not allowed; must be between 1ms and 1h",
						(b) -> b.connectionTimeout(Duration.ofSeconds(5)).validationTimeout(Duration.ofSeconds(10)),
						"10s is not allowed; must not exceed connection-timeout (5s)"),
				new Row("validation-bypass", "500us", "'500us'" + DURATION_HINT,
						(b) -> b.validationBypass(Duration.ofHours(2)), "2h is not allowed; must be between 0 and 1h"),
				new Row("leak-detection-threshold", "forever", "'forever'" + DURATION_HINT,
						(b) -> b.leakDetectionThreshold(Duration.ofDays(2)),
						"2d is not allowed; must be 0 (off) or between 1ms and 1d"),
				new Row("initialization-timeout", "-1s", "'-1s' is not allowed; a duration must not be negative",
						(b) -> b.initializationTimeout(Duration.ofMinutes(61)),
						"61m is not allowed; must be between 0 and 1h"),
				new Row("connection-init-sql", "", "must not be blank; leave it unset for none",
						(b) -> b.connectionInitSql(" \t"), "must not be blank; leave it unset for none"),
				new Row("auto-commit", "on", "'on' is not a boolean; use true or false", null, null),
				new Row("transaction-isolation", "read committed",
						"'read committed' is not a transaction isolation level; use read-uncommitted, read-committed, "
								+ "repeatable-read, serializable or none",
						(b) -> b.transactionIsolation(16),
						"16 is not allowed; use one of the Connection.TRANSACTION_* "
								+ "constants (read-uncommitted, read-committed, repeatable-read, serializable or none)"),
				new Row("read-only", "1", "'1' is not a boolean; use true or false", null, null),
				new Row("shutdown-timeout", "1d", "1d is not allowed; must be between 0 and 1h",
						(b) -> b.shutdownTimeout(Duration.ofMillis(-1)),
						"-1ms is not allowed; must be between 0 and 1h"),
				new Row("register-mbeans", "enabled", "'enabled' is not a boolean; use true or false", null, null),
				new Row("pgbouncer", "yes", "'yes' is not a boolean; use true or false", null, null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rows")
	void badTextFailsNamingTheSettingAndWhatIsAllowed(Row row) {
		Properties properties = new Properties();
		properties.setProperty("url", URL);
		properties.setProperty(row.key(), row.text());
		assertThatIllegalArgumentException().isThrownBy(() -> PoolConfig.fromProperties(properties))
			.withMessage(HEADER + row.key() + ": " + row.textProblem());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rows")
	void badTypedValueFailsNamingTheSettingAndWhatIsAllowed(Row row) {
		if (row.typed() == null) {
			// A boolean: the type itself rules out a bad value, and null means "the
			// driver's default".
			assertThat(row.key()).isIn("auto-commit", "read-only", "register-mbeans", "pgbouncer");
			return;
		}
		PoolConfig.Builder builder = row.typed().apply(PoolConfig.builder().url(URL));
		assertThatIllegalArgumentException().isThrownBy(builder::build)
			.withMessage(HEADER + row.key() + ": " + row.typedProblem());
	}

	@Test
	void everySettingHasARowOrTakesAnyText() {
		Set<String> covered = rows().stream().map(Row::key).collect(Collectors.toCollection(HashSet::new));
		covered.addAll(ANY_TEXT);
		assertThat(covered).containsExactlyInAnyOrderElementsOf(PoolSetting.names());
	}

	@Test
	void textSettingsTakeAnyText() {
		PoolConfig config = PoolConfig.builder()
			.url(URL)
			.property("username", " odd user ")
			.property("password", "")
			.property("catalog", "")
			.property("schema", "Ünïcode \"quoted\"")
			.property("data-source-properties.anything", "")
			.build();
		assertThat(config.username()).isEqualTo(" odd user ");
		assertThat(config.schema()).isEqualTo("Ünïcode \"quoted\"");
		assertThat(config.dataSourceProperties()).containsEntry("anything", "");
	}

}
