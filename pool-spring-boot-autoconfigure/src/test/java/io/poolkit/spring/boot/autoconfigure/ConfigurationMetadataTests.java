package io.poolkit.spring.boot.autoconfigure;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.poolkit.PoolSetting;
import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE metadata {@code spring-boot-configuration-processor} writes into the jar: every
 * setting of the design is there, documented, with its default where it has a fixed one,
 * and so are the {@code pool} endpoint's switches.
 */
class ConfigurationMetadataTests {

	private static final List<String> SETTINGS = List.of("name", "url", "username", "password", "driver-class-name",
			"data-source-properties", "max-size", "min-idle", "sizing.db-cores", "sizing.effective-spindle-count",
			"sizing.instances", "sizing.mode", "sizing.min-size", "sizing.period", "sizing.headroom",
			"sizing.fleet-budget", "connection-timeout", "on-exhausted", "max-overflow", "overflow-after",
			"max-waiters", "idle-timeout", "max-lifetime", "lifetime-jitter", "keepalive-interval", "validation-query",
			"validation-timeout", "validation-bypass", "leak-detection-threshold", "initialization-timeout",
			"connection-init-sql", "auto-commit", "transaction-isolation", "read-only", "catalog", "schema",
			"shutdown-timeout", "register-mbeans", "pgbouncer");

	@Test
	void everySettingIsDocumented() throws Exception {
		Map<String, Map<String, Object>> properties = properties();
		for (String setting : SETTINGS) {
			Map<String, Object> property = properties.get("app.pool." + setting);
			assertThat(property).as(setting).isNotNull();
			assertThat((String) property.get("description")).as(setting).isNotBlank();
		}
		assertThat(properties.keySet()).filteredOn((name) -> name.startsWith("app.pool."))
			.allMatch((name) -> SETTINGS.contains(name.substring("app.pool.".length())));
		// The processor also documents the pool endpoint's own switches, from its
		// @Endpoint annotation.
		assertThat(properties).containsKeys("management.endpoint.pool.access",
				"management.endpoint.pool.cache.time-to-live");
		assertThat(properties.keySet()).allMatch((name) -> name.startsWith("app.pool.")
				|| name.startsWith("management.endpoint.pool.") || name.equals("management.health.pool.enabled"));
		assertThat(properties.get("app.pool.connection-timeout")).containsEntry("defaultValue", "30s");
		assertThat(properties.get("app.pool.on-exhausted")).containsEntry("defaultValue", "wait");
		assertThat(properties.get("app.pool.max-size")).doesNotContainKey("defaultValue");
	}

	/**
	 * The defaults IDEs show are pool-core's, written from its settings table; and the
	 * table has a property for every setting that takes text.
	 */
	@Test
	void theDefaultsAndNamesAreThoseOfPoolCoresTable() throws Exception {
		Map<String, Map<String, Object>> properties = properties();
		assertThat(SETTINGS).isEqualTo(PoolSetting.names());
		for (PoolSetting<?> setting : PoolSetting.all()) {
			Object defaultValue = setting.defaultValue();
			if (!setting.isBuilderOnly() && !setting.name().equals("name") && defaultValue != null
					&& !(defaultValue instanceof java.util.Properties)) {
				Object expected = (defaultValue instanceof Number || defaultValue instanceof Boolean) ? defaultValue
						: format(setting);
				assertThat(properties.get("app.pool." + setting.name())).as(setting.name())
					.containsEntry("defaultValue", expected);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> properties() throws Exception {
		Map<String, Object> metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = JsonParserFactory.getJsonParser()
				.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		return ((List<Map<String, Object>>) metadata.get("properties")).stream()
			.collect(Collectors.toMap((property) -> (String) property.get("name"), (property) -> property));
	}

	private static <T> String format(PoolSetting<T> setting) {
		return setting.format(setting.defaultValue());
	}

}
