package io.poolkit.spring.boot.autoconfigure.endpoint;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import io.poolkit.PoolConfig;
import io.poolkit.PoolSetting;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;

/**
 * A pool's settings as the endpoint shows them: every setting of pool-core's table that
 * has an {@code app.pool.*} property, keyed by its name in the table's order, with values
 * written as they are in {@code application.properties}: durations as milliseconds, enums
 * and named levels ({@code read-committed}) by name, numbers, flags and text as they are.
 * Every value passes through the sanitizer as {@code app.pool.<name>}, so the password,
 * secret-looking {@code data-source-properties} and secrets inside the URL are masked by
 * the same rule as in {@code /actuator/configprops}, whatever {@code show-values} says.
 */
final class PoolSettings {

	private static final String PREFIX = "app.pool.";

	private PoolSettings() {
	}

	static Map<String, Object> describe(PoolConfig config, Sanitizer sanitizer) {
		Map<String, Object> settings = new LinkedHashMap<>();
		for (PoolSetting<?> setting : PoolSetting.all()) {
			if (!setting.isBuilderOnly()) {
				settings.put(setting.name(), shown(setting, config, sanitizer));
			}
		}
		return settings;
	}

	private static <T> Object shown(PoolSetting<T> setting, PoolConfig config, Sanitizer sanitizer) {
		T value = config.get(setting);
		if (value instanceof Properties properties) {
			// Sorted, so the JSON does not depend on the order the driver's Properties
			// happen to hash into.
			Map<String, Object> entries = new TreeMap<>();
			properties.forEach((key, entry) -> entries.put(String.valueOf(key),
					sanitize(setting.name() + "." + key, String.valueOf(entry), sanitizer)));
			return entries;
		}
		return sanitize(setting.name(), plain(setting, value), sanitizer);
	}

	private static <T> Object plain(PoolSetting<T> setting, T value) {
		if (value instanceof Duration duration) {
			return duration.toMillis();
		}
		if (value instanceof Enum<?>) {
			return setting.format(value);
		}
		if (value instanceof Integer number) {
			// A JDBC isolation level is written by its name, other numbers as numbers.
			String text = setting.format(value);
			return text.equals(number.toString()) ? number : text;
		}
		return value;
	}

	private static Object sanitize(String name, Object value, Sanitizer sanitizer) {
		return sanitizer.sanitize(new SanitizableData(null, PREFIX + name, value), true);
	}

}
