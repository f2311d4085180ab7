package io.poolkit.spring.boot.autoconfigure.endpoint;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.poolkit.OnExhausted;
import io.poolkit.PoolConfig;
import io.poolkit.PoolSetting;
import io.poolkit.spring.boot.autoconfigure.PoolSecretsSanitizingFunction;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.Sanitizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PoolSettings}, the endpoint's view of a config: every setting of pool-core's
 * table that takes text, in the form {@code application.properties} takes it, secrets
 * masked by pool-core's rule.
 */
class PoolSettingsTests {

	private static final String PASSWORD = "zq1;zq2#zq3&zq4=zq5%zq6/zq7@zq8?zq9:zq0 zqA}zqB";

	private final Sanitizer sanitizer = new Sanitizer(List.of(new PoolSecretsSanitizingFunction()));

	@Test
	void showsEverySettingOfTheTableInApplicationPropertiesForm() {
		PoolConfig config = PoolConfig.builder()
			.url("jdbc:postgresql://db/app")
			.connectionTimeout(Duration.ofSeconds(5))
			.onExhausted(OnExhausted.FAIL_FAST)
			.transactionIsolation(Connection.TRANSACTION_READ_COMMITTED)
			.lifetimeJitter(0.2)
			.build();
		Map<String, Object> settings = PoolSettings.describe(config, this.sanitizer);
		assertThat(settings.keySet()).containsExactlyElementsOf(PoolSetting.names());
		assertThat(settings).containsEntry("connection-timeout", 5000L)
			.containsEntry("on-exhausted", "fail-fast")
			.containsEntry("transaction-isolation", "read-committed")
			.containsEntry("lifetime-jitter", 0.2)
			.containsEntry("max-size", 10)
			.containsEntry("register-mbeans", false)
			.containsEntry("auto-commit", null)
			.containsEntry("data-source-properties", Map.of());
	}

	@Test
	void masksPasswordsWithEveryUrlSpecialCharacterAndSecretDriverProperties() {
		String encoded = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20");
		for (String url : List.of("jdbc:postgresql://db/app?password=" + encoded + "&ssl=true",
				"jdbc:postgresql://db/app?sslpassword=" + PASSWORD.replace("&", "") + "&ssl=true",
				"jdbc:mysql://u:" + PASSWORD + "@db/app",
				"jdbc:sqlserver://db;password={" + PASSWORD.replace("}", "}}") + "};encrypt=true",
				"jdbc:oracle:thin:scott/\"" + PASSWORD + "\"@//db/svc")) {
			PoolConfig config = PoolConfig.builder()
				.url(url)
				.password(PASSWORD)
				.dataSourceProperty("sslpassword", PASSWORD)
				.dataSourceProperty("sslkey", PASSWORD)
				.dataSourceProperty("gcpCredential", PASSWORD)
				.dataSourceProperty("ssl", "true")
				.build();
			Map<String, Object> settings = PoolSettings.describe(config, this.sanitizer);
			assertThat(settings).containsEntry("password", "******");
			assertThat(settings.get("data-source-properties")).isEqualTo(
					Map.of("sslpassword", "******", "sslkey", "******", "gcpCredential", "******", "ssl", "true"));
			String text = settings.toString();
			assertThat(text).doesNotContainIgnoringCase("zq");
			assertThat(URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8))
				.doesNotContainIgnoringCase("zq");
		}
	}

}
