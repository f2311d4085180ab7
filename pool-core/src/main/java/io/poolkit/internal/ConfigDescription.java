package io.poolkit.internal;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import io.poolkit.PoolConfig;
import io.poolkit.PoolListener;

/**
 * Describes a {@link PoolConfig} for logs: every setting under its kebab-case name, in
 * the order of the settings table, with secrets masked. Startup logs and bug reports
 * carry this text, so nothing secret may be in it.
 */
public final class ConfigDescription {

	private ConfigDescription() {
	}

	/**
	 * Describes a config.
	 * @param config the config
	 * @return e.g.
	 * {@code PoolConfig[name=pool, url=jdbc:postgresql://db/app?password=******, ...]}
	 */
	public static String describe(PoolConfig config) {
		StringJoiner text = new StringJoiner(", ", "PoolConfig[", "]");
		text.add("name=" + config.name());
		text.add("url=" + Secrets.maskUrl(config.url()));
		text.add("username=" + config.username());
		text.add("password=" + ((config.password() != null) ? Secrets.MASK : null));
		text.add("driver-class-name=" + config.driverClassName());
		text.add("data-source=" + typeOf(config.dataSource()));
		Map<String, String> properties = new TreeMap<>();
		config.dataSourceProperties()
			.forEach((key, value) -> properties.put(String.valueOf(key),
					Secrets.maskValue(String.valueOf(key), String.valueOf(value))));
		text.add("data-source-properties=" + properties);
		text.add("max-size=" + config.maxSize());
		text.add("min-idle=" + config.minIdle());
		text.add("sizing.db-cores=" + config.sizingDbCores());
		text.add("sizing.effective-spindle-count=" + config.sizingEffectiveSpindleCount());
		text.add("sizing.instances=" + config.sizingInstances());
		text.add("connection-timeout=" + SettingParser.formatDuration(config.connectionTimeout()));
		text.add("on-exhausted=" + SettingParser.onExhaustedName(config.onExhausted()));
		text.add("max-overflow=" + config.maxOverflow());
		text.add("overflow-after=" + SettingParser.formatDuration(config.overflowAfter()));
		text.add("max-waiters=" + config.maxWaiters());
		text.add("idle-timeout=" + SettingParser.formatDuration(config.idleTimeout()));
		text.add("max-lifetime=" + SettingParser.formatDuration(config.maxLifetime()));
		text.add("lifetime-jitter=" + SettingParser.formatPercent(config.lifetimeJitter()));
		text.add("keepalive-interval=" + SettingParser.formatDuration(config.keepaliveInterval()));
		text.add("validation-query=" + config.validationQuery());
		text.add("validation-timeout=" + SettingParser.formatDuration(config.validationTimeout()));
		text.add("validation-bypass=" + SettingParser.formatDuration(config.validationBypass()));
		text.add("leak-detection-threshold=" + SettingParser.formatDuration(config.leakDetectionThreshold()));
		text.add("initialization-timeout=" + SettingParser.formatDuration(config.initializationTimeout()));
		text.add("connection-init-sql=" + config.connectionInitSql());
		text.add("auto-commit=" + config.autoCommit());
		text.add("transaction-isolation=" + SettingParser.isolationName(config.transactionIsolation()));
		text.add("read-only=" + config.readOnly());
		text.add("catalog=" + config.catalog());
		text.add("schema=" + config.schema());
		text.add("shutdown-timeout=" + SettingParser.formatDuration(config.shutdownTimeout()));
		text.add("register-mbeans=" + config.registerMbeans());
		text.add("pgbouncer=" + config.pgbouncer());
		text.add("listener=" + ((config.listener() != PoolListener.noop()) ? typeOf(config.listener()) : null));
		text.add("credentials-supplier=" + typeOf(config.credentialsSupplier()));
		text.add("error-classifier=" + typeOf(config.errorClassifier()));
		return text.toString();
	}

	// Only the type: a DataSource's or lambda's own toString() may well print credentials
	// it holds.
	private static String typeOf(Object value) {
		return (value != null) ? value.getClass().getName() : null;
	}

}
