package io.poolkit.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.poolkit.OnExhausted;
import io.poolkit.spring.boot.autoconfigure.PoolProperties.TransactionIsolation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How Boot's binder reads {@code app.pool.*} into {@link PoolProperties}: the relaxed
 * spellings, duration forms and map keys users write.
 */
class PoolPropertiesBindingTests {

	@ParameterizedTest
	@CsvSource({ "wait, WAIT", "fail-fast, FAIL_FAST", "FAIL_FAST, FAIL_FAST", "failFast, FAIL_FAST",
			"Overflow, OVERFLOW" })
	void bindsOnExhaustedInRelaxedSpellings(String text, OnExhausted expected) {
		assertThat(bind(Map.of("app.pool.on-exhausted", text)).getOnExhausted()).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "read-committed, READ_COMMITTED", "READ_COMMITTED, READ_COMMITTED", "readCommitted, READ_COMMITTED",
			"repeatable-read, REPEATABLE_READ", "serializable, SERIALIZABLE", "read_uncommitted, READ_UNCOMMITTED",
			"none, NONE" })
	void bindsTransactionIsolationInRelaxedSpellings(String text, TransactionIsolation expected) {
		assertThat(bind(Map.of("app.pool.transaction-isolation", text)).getTransactionIsolation()).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "500ms, 500", "30s, 30000", "10m, 600000", "2h, 7200000", "1d, 86400000", "250, 250", "PT1.5S, 1500" })
	void bindsDurationsInBootsForms(String text, long millis) {
		assertThat(bind(Map.of("app.pool.connection-timeout", text)).getConnectionTimeout())
			.isEqualTo(Duration.ofMillis(millis));
	}

	@ParameterizedTest
	@CsvSource({ "app.pool.max-size, 12", "app.pool.maxSize, 12", "app.pool.max_size, 12" })
	void bindsRelaxedPropertyNames(String name, int value) {
		assertThat(bind(Map.of(name, String.valueOf(value))).getMaxSize()).isEqualTo(value);
	}

	@ParameterizedTest
	@CsvSource({ "0.1, 0.1", "0.25, 0.25", "0, 0.0" })
	void bindsLifetimeJitterAsAFraction(String text, double expected) {
		assertThat(bind(Map.of("app.pool.lifetime-jitter", text)).getLifetimeJitter()).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "app.pool.max-size, many", "app.pool.on-exhausted, sometimes", "app.pool.connection-timeout, soon",
			"app.pool.transaction-isolation, chaos" })
	void rejectsValuesOfTheWrongType(String name, String value) {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(Map.of(name, value)))
			.satisfies((ex) -> assertThat(ex.getProperty().getName().toString()).isEqualTo(name));
	}

	@ParameterizedTest
	@CsvSource({ "app.pool.max-size, max-size", "app.pool.sizing.db-cores, sizing.db-cores",
			"app.pool.sizing.instances, sizing.instances", "app.pool.pgbouncer, pgbouncer" })
	void remembersWhichSettingsWereGiven(String name, String key) {
		String value = name.endsWith("pgbouncer") ? "true" : "3";
		PoolProperties properties = bind(Map.of(name, value));
		assertThat(properties.isConfigured(key)).isTrue();
		assertThat(new PoolProperties().isConfigured(key)).isFalse();
	}

	private static PoolProperties bind(Map<String, String> values) {
		Binder binder = new Binder(new MapConfigurationPropertySource(values));
		return binder.bindOrCreate("app.pool", PoolProperties.class);
	}

}
