package io.poolkit.spring.boot.autoconfigure.endpoint;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.poolkit.PoolConfig;
import io.poolkit.spring.boot.autoconfigure.PoolProperties.TransactionIsolation;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;

/**
 * A pool's settings as the endpoint shows them: keyed by their {@code app.pool.*} names
 * in the order of the settings table, with values written as they are in
 * {@code application.properties} except durations, which are milliseconds. Every value
 * passes through the sanitizer as {@code app.pool.<name>}, so the password,
 * secret-looking {@code data-source-properties} and secrets inside the URL are masked by
 * the same rules as in {@code /actuator/configprops}, whatever {@code show-values} says.
 */
final class PoolSettings {

	private static final String PREFIX = "app.pool.";

	private final Sanitizer sanitizer;

	private final Map<String, Object> settings = new LinkedHashMap<>();

	private PoolSettings(Sanitizer sanitizer) {
		this.sanitizer = sanitizer;
	}

	static Map<String, Object> describe(PoolConfig config, Sanitizer sanitizer) {
		PoolSettings settings = new PoolSettings(sanitizer);
		settings.put("name", config.name());
		settings.put("url", config.url());
		settings.put("username", config.username());
		settings.put("password", config.password());
		settings.put("driver-class-name", config.driverClassName());
		settings.settings.put("data-source-properties", settings.dataSourceProperties(config));
		settings.put("max-size", config.maxSize());
		settings.put("min-idle", config.minIdle());
		settings.put("sizing.db-cores", config.sizingDbCores());
		settings.put("sizing.effective-spindle-count", config.sizingEffectiveSpindleCount());
		settings.put("sizing.instances", config.sizingInstances());
		settings.put("connection-timeout", millis(config.connectionTimeout()));
		settings.put("on-exhausted", kebab(config.onExhausted()));
		settings.put("max-overflow", config.maxOverflow());
		settings.put("overflow-after", millis(config.overflowAfter()));
		settings.put("max-waiters", config.maxWaiters());
		settings.put("idle-timeout", millis(config.idleTimeout()));
		settings.put("max-lifetime", millis(config.maxLifetime()));
		settings.put("lifetime-jitter", config.lifetimeJitter());
		settings.put("keepalive-interval", millis(config.keepaliveInterval()));
		settings.put("validation-query", config.validationQuery());
		settings.put("validation-timeout", millis(config.validationTimeout()));
		settings.put("validation-bypass", millis(config.validationBypass()));
		settings.put("leak-detection-threshold", millis(config.leakDetectionThreshold()));
		settings.put("initialization-timeout", millis(config.initializationTimeout()));
		settings.put("connection-init-sql", config.connectionInitSql());
		settings.put("auto-commit", config.autoCommit());
		settings.put("transaction-isolation", isolation(config.transactionIsolation()));
		settings.put("read-only", config.readOnly());
		settings.put("catalog", config.catalog());
		settings.put("schema", config.schema());
		settings.put("shutdown-timeout", millis(config.shutdownTimeout()));
		settings.put("register-mbeans", config.registerMbeans());
		settings.put("pgbouncer", config.pgbouncer());
		return settings.settings;
	}

	private void put(String name, Object value) {
		this.settings.put(name, sanitize(PREFIX + name, value));
	}

	// Sorted, so the JSON does not depend on the order the driver's Properties happen to
	// hash into.
	private Map<String, Object> dataSourceProperties(PoolConfig config) {
		Map<String, Object> properties = new TreeMap<>();
		config.dataSourceProperties()
			.forEach((key, value) -> properties.put(String.valueOf(key),
					sanitize(PREFIX + "data-source-properties." + key, String.valueOf(value))));
		return properties;
	}

	private Object sanitize(String key, Object value) {
		return this.sanitizer.sanitize(new SanitizableData(null, key, value), true);
	}

	private static Long millis(Duration duration) {
		return (duration != null) ? duration.toMillis() : null;
	}

	private static String kebab(Enum<?> value) {
		return (value != null) ? value.name().toLowerCase(Locale.ROOT).replace('_', '-') : null;
	}

	private static String isolation(Integer level) {
		if (level == null) {
			return null;
		}
		for (TransactionIsolation isolation : TransactionIsolation.values()) {
			if (isolation.level() == level) {
				return kebab(isolation);
			}
		}
		return String.valueOf(level);
	}

}
