package io.poolkit.spring.boot.autoconfigure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.SanitizableData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PoolSecretsSanitizingFunction}: which keys and URL parts it masks, in every
 * relaxed spelling.
 */
class PoolSecretsSanitizingFunctionTests {

	private final PoolSecretsSanitizingFunction function = new PoolSecretsSanitizingFunction();

	@ParameterizedTest
	@ValueSource(strings = { "app.pool.password", "APP_POOL_PASSWORD", "app.pool.data-source-properties.sslpassword",
			"app.pool.dataSourceProperties.sslPassword", "app.pool.data-source-properties[sslpassword]",
			"APP_POOL_DATASOURCEPROPERTIES_SSLPASSWORD", "app.pool.data-source-properties.apiToken",
			"spring.datasource.password", "SPRING_DATASOURCE_PASSWORD", "app.pool.data-source-properties.sslkey" })
	void masksSecrets(String key) {
		assertThat(sanitize(key, "hunter2")).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "app.pool.username", "app.pool.max-size", "app.pool.keepalive-interval",
			"spring.datasource.username", "other.password" })
	void leavesOtherValuesAlone(String key) {
		assertThat(sanitize(key, "hunter2")).isEqualTo("hunter2");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"jdbc:postgresql://db:5432/app?user=app&password=hunter2&ssl=true|jdbc:postgresql://db:5432/app?user=app&password=******&ssl=true",
			"jdbc:postgresql://app:hunter2@db/app|jdbc:postgresql://app:******@db/app",
			"jdbc:sqlserver://db;user=app;password=hunter2|jdbc:sqlserver://db;user=app;password=******",
			"jdbc:postgresql://db/app?sslpassword=hunter2|jdbc:postgresql://db/app?sslpassword=******",
			"jdbc:postgresql://db/app?ssl=true|jdbc:postgresql://db/app?ssl=true" })
	void masksSecretsInsideUrls(String url, String masked) {
		assertThat(sanitize("app.pool.url", url)).isEqualTo(masked);
		assertThat(sanitize("SPRING_DATASOURCE_URL", url)).isEqualTo(masked);
	}

	private Object sanitize(String key, Object value) {
		return this.function.applyUnlessFiltered(new SanitizableData(null, key, value)).getValue();
	}

}
