package io.poolkit;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for settings given as text: {@link PoolConfig#fromProperties} and
 * {@link PoolConfig.Builder#property}.
 */
class PoolConfigParsingTest {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	@Test
	void fromPropertiesReadsEveryKey() {
		Properties props = properties(Map.ofEntries(Map.entry("name", "orders"), Map.entry("url", URL),
				Map.entry("username", "app"), Map.entry("password", " pw "),
				Map.entry("driver-class-name", "org.postgresql.Driver"),
				Map.entry("data-source-properties.ssl", "false"),
				Map.entry("data-source-properties.socketTimeout", "30"), Map.entry("max-size", "20"),
				Map.entry("min-idle", "5"), Map.entry("sizing.db-cores", "4"),
				Map.entry("sizing.effective-spindle-count", "2"), Map.entry("sizing.instances", "3"),
				Map.entry("connection-timeout", "5s"), Map.entry("on-exhausted", "overflow"),
				Map.entry("max-overflow", "4"), Map.entry("overflow-after", "200ms"), Map.entry("max-waiters", "100"),
				Map.entry("idle-timeout", "5m"), Map.entry("max-lifetime", "1h"), Map.entry("lifetime-jitter", "20%"),
				Map.entry("keepalive-interval", "1m"), Map.entry("validation-query", "select 1"),
				Map.entry("validation-timeout", "2s"), Map.entry("validation-bypass", "100"),
				Map.entry("leak-detection-threshold", "PT1M"), Map.entry("initialization-timeout", "0"),
				Map.entry("connection-init-sql", "set timezone = 'UTC'"), Map.entry("auto-commit", "false"),
				Map.entry("transaction-isolation", "serializable"), Map.entry("read-only", "TRUE"),
				Map.entry("catalog", "cat"), Map.entry("schema", "app"), Map.entry("shutdown-timeout", "10s"),
				Map.entry("register-mbeans", "true"), Map.entry("pgbouncer", "true")));
		PoolConfig config = PoolConfig.fromProperties(props);
		assertThat(config.name()).isEqualTo("orders");
		assertThat(config.url()).isEqualTo(URL);
		assertThat(config.username()).isEqualTo("app");
		assertThat(config.password()).isEqualTo(" pw ");
		assertThat(config.driverClassName()).isEqualTo("org.postgresql.Driver");
		assertThat(config.dataSourceProperties()).containsOnlyKeys("ssl", "socketTimeout")
			.containsEntry("ssl", "false")
			.containsEntry("socketTimeout", "30");
		assertThat(config.maxSize()).isEqualTo(20);
		assertThat(config.minIdle()).isEqualTo(5);
		assertThat(config.sizingDbCores()).isEqualTo(4);
		assertThat(config.sizingEffectiveSpindleCount()).isEqualTo(2);
		assertThat(config.sizingInstances()).isEqualTo(3);
		assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(config.onExhausted()).isEqualTo(OnExhausted.OVERFLOW);
		assertThat(config.maxOverflow()).isEqualTo(4);
		assertThat(config.overflowAfter()).isEqualTo(Duration.ofMillis(200));
		assertThat(config.maxWaiters()).isEqualTo(100);
		assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
		assertThat(config.maxLifetime()).isEqualTo(Duration.ofHours(1));
		assertThat(config.lifetimeJitter()).isEqualTo(0.2);
		assertThat(config.keepaliveInterval()).isEqualTo(Duration.ofMinutes(1));
		assertThat(config.validationQuery()).isEqualTo("select 1");
		assertThat(config.validationTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(config.validationBypass()).isEqualTo(Duration.ofMillis(100));
		assertThat(config.leakDetectionThreshold()).isEqualTo(Duration.ofMinutes(1));
		assertThat(config.initializationTimeout()).isZero();
		assertThat(config.connectionInitSql()).isEqualTo("set timezone = 'UTC'");
		assertThat(config.autoCommit()).isFalse();
		assertThat(config.transactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
		assertThat(config.readOnly()).isTrue();
		assertThat(config.catalog()).isEqualTo("cat");
		assertThat(config.schema()).isEqualTo("app");
		assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(config.registerMbeans()).isTrue();
		assertThat(config.pgbouncer()).isTrue();
	}

	@Test
	void everyKnownKeyIsAccepted() {
		// Guards the key list against drifting from the switch that applies it.
		for (String key : PoolSetting.names()) {
			if (!key.equals("data-source-properties")) {
				assertThat(PoolSetting.isKnown(key)).as(key).isTrue();
			}
		}
		assertThat(PoolSetting.names()).hasSize(39);
	}

	@Test
	void fromPropertiesOfOnlyAUrlGivesDefaults() {
		PoolConfig config = PoolConfig.fromProperties(properties(Map.of("url", URL)));
		assertThat(config).hasToString(PoolConfig.builder().url(URL).build().toString());
	}

	@Test
	void fromPropertiesCopiesTheGivenProperties() {
		Properties props = properties(Map.of("url", URL, "data-source-properties.ssl", "true"));
		PoolConfig config = PoolConfig.fromProperties(props);
		props.setProperty("data-source-properties.ssl", "false");
		assertThat(config.dataSourceProperties()).containsEntry("ssl", "true");
	}

	@Test
	void fromPropertiesReadsDefaultsAndValuesThatAreNotStrings() {
		Properties defaults = properties(Map.of("url", URL));
		Properties props = new Properties(defaults);
		props.put("max-size", 12);
		props.put("register-mbeans", Boolean.TRUE);
		props.put("connection-timeout", Duration.ofSeconds(7));
		PoolConfig config = PoolConfig.fromProperties(props);
		assertThat(config.url()).isEqualTo(URL);
		assertThat(config.maxSize()).isEqualTo(12);
		assertThat(config.registerMbeans()).isTrue();
		assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(7));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			500ms   | PT0.5S
			30s     | PT30S
			10m     | PT10M
			2h      | PT2H
			1d      | PT24H
			250     | PT0.25S
			0       | PT0S
			PT30S   | PT30S
			pt1m30s | PT1M30S
			P1D     | PT24H
			30S     | PT30S
			10 m    | PT10M
			'  5s ' | PT5S
			1500MS  | PT1.5S
			""")
	void durationsAcceptEveryForm(String text, String expected) {
		PoolConfig config = PoolConfig.builder().url(URL).property("leak-detection-threshold", text).build();
		assertThat(config.leakDetectionThreshold()).isEqualTo(Duration.parse(expected));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			abc                  | 'abc' is not a duration; use e.g. 500ms, 30s, 10m or plain milliseconds
			5 seconds            | '5 seconds' is not a duration; use e.g. 500ms, 30s, 10m or plain milliseconds
			1.5s                 | '1.5s' is not a duration; use e.g. 500ms, 30s, 10m or plain milliseconds
			""                   | '' is not a duration; use e.g. 500ms, 30s, 10m or plain milliseconds
			5w                   | '5w' is not a duration; use e.g. 500ms, 30s, 10m or plain milliseconds
			-5s                  | '-5s' is not allowed; a duration must not be negative
			-1                   | '-1' is not allowed; a duration must not be negative
			PT-1S                | 'PT-1S' is not allowed; a duration must not be negative
			99999999999999999999 | '99999999999999999999' is too large for a duration
			""")
	void malformedOrNegativeDurationsAreReported(String text, String message) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).property("connection-timeout", text).build())
			.withMessage("Invalid pool configuration:\n  - connection-timeout: " + message);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			read-uncommitted             | 1
			read-committed               | 2
			repeatable-read              | 4
			serializable                 | 8
			none                         | 0
			READ_COMMITTED               | 2
			read_committed               | 2
			TRANSACTION_READ_COMMITTED   | 2
			transaction_repeatable_read  | 4
			Read-Committed               | 2
			TRANSACTION_SERIALIZABLE     | 8
			' serializable '             | 8
			""")
	void isolationLevelsAcceptEverySpelling(String text, int expected) {
		PoolConfig config = PoolConfig.builder().url(URL).property("transaction-isolation", text).build();
		assertThat(config.transactionIsolation()).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "snapshot", "2", "committed", "" })
	void unknownIsolationLevelsAreReported(String text) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).property("transaction-isolation", text).build())
			.withMessage("Invalid pool configuration:\n  - transaction-isolation: '" + text + "' is not a "
					+ "transaction isolation level; use read-uncommitted, read-committed, repeatable-read, "
					+ "serializable or none");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			wait      | WAIT
			WAIT      | WAIT
			fail-fast | FAIL_FAST
			FAIL_FAST | FAIL_FAST
			fail_fast | FAIL_FAST
			failFast  | FAIL_FAST
			FailFast  | FAIL_FAST
			overflow  | OVERFLOW
			""")
	void onExhaustedAcceptsEverySpelling(String text, OnExhausted expected) {
		PoolConfig config = PoolConfig.builder().url(URL).maxOverflow(1).property("on-exhausted", text).build();
		assertThat(config.onExhausted()).isEqualTo(expected);
	}

	@Test
	void unknownOnExhaustedIsReported() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).property("on-exhausted", "block").build())
			.withMessageContaining("on-exhausted: 'block' is not allowed; use wait, fail-fast or overflow");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			10%   | 0.1
			0.1   | 0.1
			.25   | 0.25
			0     | 0
			0%    | 0
			50%   | 0.5
			12.5% | 0.125
			' 5 %'| 0.05
			""")
	void lifetimeJitterAcceptsPercentOrFraction(String text, double expected) {
		PoolConfig config = PoolConfig.builder().url(URL).property("lifetime-jitter", text).build();
		assertThat(config.lifetimeJitter()).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ten", "NaN", "Infinity", "-0.1", "0x1", "1e-1", "%" })
	void malformedFractionsAreReported(String text) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).property("lifetime-jitter", text).build())
			.withMessageContaining("lifetime-jitter: '" + text + "' is not a fraction; use e.g. 10% or 0.1");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			true   | true
			TRUE   | true
			False  | false
			' true'| true
			""")
	void booleansAcceptTrueAndFalseInAnyCase(String text, boolean expected) {
		assertThat(PoolConfig.builder().url(URL).property("pgbouncer", text).build().pgbouncer()).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "yes", "1", "on", "" })
	void otherBooleansAreReported(String text) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).property("auto-commit", text).build())
			.withMessageContaining("auto-commit: '" + text + "' is not a boolean; use true or false");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ten", "1.5", "0x10", "1e3", "", "١٠" })
	void integersAreDecimalOnly(String text) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).property("max-size", text).build())
			.withMessageContaining("max-size: '" + text + "' is not a whole number");
	}

	@Test
	void integersBeyondIntAreReported() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).property("max-waiters", "9999999999").build())
			.withMessageContaining("max-waiters: '9999999999' is out of range for a whole number");
	}

	@Test
	void integersMayHaveSurroundingWhitespaceAndSign() {
		assertThat(PoolConfig.builder().url(URL).property("max-size", " +12 ").build().maxSize()).isEqualTo(12);
	}

	@Test
	void nameUrlAndDriverClassAreTrimmedButPasswordsAndSqlAreNot() {
		PoolConfig config = PoolConfig.builder()
			.property("name", " orders ")
			.property("url", URL + "  ")
			.property("driver-class-name", "org.postgresql.Driver ")
			.property("password", " pw")
			.property("validation-query", " select 1 ")
			.build();
		assertThat(config.name()).isEqualTo("orders");
		assertThat(config.url()).isEqualTo(URL);
		assertThat(config.driverClassName()).isEqualTo("org.postgresql.Driver");
		assertThat(config.password()).isEqualTo(" pw");
		assertThat(config.validationQuery()).isEqualTo(" select 1 ");
	}

	@Test
	void unknownKeyIsReportedWithTheClosestName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.fromProperties(properties(Map.of("url", URL, "max-sise", "5"))))
			.withMessage("Invalid pool configuration:\n  - unknown setting 'max-sise'; did you mean 'max-size'?");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			maxSize                   | max-size
			leakDetectionThreshold    | leak-detection-threshold
			MAX_SIZE                  | max-size
			sizing.dbCores            | sizing.db-cores
			conection-timeout         | connection-timeout
			idle-timout               | idle-timeout
			pgbouncr                  | pgbouncer
			dataSourceProperties.ssl  | data-source-properties.ssl
			data-source-properties    | data-source-properties.<name>
			""")
	void unknownKeysSuggestTheIntendedName(String key, String suggestion) {
		assertThatIllegalArgumentException().isThrownBy(() -> PoolConfig.builder().url(URL).property(key, "1").build())
			.withMessage("Invalid pool configuration:\n  - unknown setting '" + key + "'; did you mean '" + suggestion
					+ "'?");
	}

	@ParameterizedTest
	@ValueSource(strings = { "pool-size", "spring.datasource.url", "dataSource", "listener", "xyz" })
	void unknownKeysFarFromAnyNameGetNoSuggestion(String key) {
		assertThatIllegalArgumentException().isThrownBy(() -> PoolConfig.builder().url(URL).property(key, "1").build())
			.withMessage("Invalid pool configuration:\n  - unknown setting '" + key + "'");
	}

	@Test
	void laterValidValueReplacesAnEarlierUnparsableOne() {
		PoolConfig config = PoolConfig.builder().url(URL).property("max-size", "ten").maxSize(8).build();
		assertThat(config.maxSize()).isEqualTo(8);
		assertThat(
				PoolConfig.builder().url(URL).property("max-size", "ten").property("max-size", "9").build().maxSize())
			.isEqualTo(9);
	}

	@Test
	void nullValueIsReported() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).property("max-size", null).build())
			.withMessage("Invalid pool configuration:\n  - max-size: no value given");
	}

	static Properties properties(Map<String, String> entries) {
		Properties props = new Properties();
		props.putAll(entries);
		return props;
	}

}
