package io.poolkit.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.poolkit.PoolConfig;
import io.poolkit.PoolListener;
import io.poolkit.spring.boot.autoconfigure.InvalidPoolPropertiesException.Problem;

/**
 * Turns bound {@link PoolProperties} into a {@link PoolConfig} through pool-core's
 * builder, so validation stays in one place, and rewords pool-core's problems in terms of
 * the properties the application sets.
 */
final class PoolConfigFactory {

	static final String DEFAULT_NAME = "pool";

	private static final int MAX_NAME_LENGTH = 63;

	private PoolConfigFactory() {
	}

	/**
	 * Builds and validates a pool's settings.
	 * @param properties the bound {@code app.pool.*} properties
	 * @param connection where connections come from
	 * @param applicationName {@code spring.application.name}, or {@code null}
	 * @param listener the listener for pool events
	 * @return the config
	 * @throws InvalidPoolPropertiesException listing every bad setting by its property
	 */
	static PoolConfig create(PoolProperties properties, ConnectionSettings connection, String applicationName,
			PoolListener listener) {
		PoolConfig.Builder builder = PoolConfig.builder()
			.name(properties.isConfigured("name") ? properties.getName() : poolName(applicationName))
			.listener(listener);
		apply(connection.url().value(), builder::url);
		apply(connection.username().value(), builder::username);
		apply(connection.password().value(), builder::password);
		apply(connection.driverClassName().value(), builder::driverClassName);
		properties.getDataSourceProperties().forEach(builder::dataSourceProperty);
		PoolProperties.Sizing sizing = properties.getSizing();
		// Only settings the application gave reach the builder: pool-core cross-checks
		// configured values only.
		Applier set = new Applier(properties);
		set.apply("max-size", properties.getMaxSize(), builder::maxSize);
		set.apply("min-idle", properties.getMinIdle(), builder::minIdle);
		set.apply("sizing.db-cores", sizing.getDbCores(), builder::sizingDbCores);
		set.apply("sizing.effective-spindle-count", sizing.getEffectiveSpindleCount(),
				builder::sizingEffectiveSpindleCount);
		set.apply("sizing.instances", sizing.getInstances(), builder::sizingInstances);
		set.apply("connection-timeout", properties.getConnectionTimeout(), builder::connectionTimeout);
		set.apply("on-exhausted", properties.getOnExhausted(), builder::onExhausted);
		set.apply("max-overflow", properties.getMaxOverflow(), builder::maxOverflow);
		set.apply("overflow-after", properties.getOverflowAfter(), builder::overflowAfter);
		set.apply("max-waiters", properties.getMaxWaiters(), builder::maxWaiters);
		set.apply("idle-timeout", properties.getIdleTimeout(), builder::idleTimeout);
		set.apply("max-lifetime", properties.getMaxLifetime(), builder::maxLifetime);
		set.apply("lifetime-jitter", properties.getLifetimeJitter(), builder::lifetimeJitter);
		set.apply("keepalive-interval", properties.getKeepaliveInterval(), builder::keepaliveInterval);
		set.apply("validation-query", properties.getValidationQuery(), builder::validationQuery);
		set.apply("validation-timeout", properties.getValidationTimeout(), builder::validationTimeout);
		set.apply("validation-bypass", properties.getValidationBypass(), builder::validationBypass);
		set.apply("leak-detection-threshold", properties.getLeakDetectionThreshold(), builder::leakDetectionThreshold);
		set.apply("initialization-timeout", properties.getInitializationTimeout(), builder::initializationTimeout);
		set.apply("connection-init-sql", properties.getConnectionInitSql(), builder::connectionInitSql);
		set.apply("auto-commit", properties.getAutoCommit(), builder::autoCommit);
		set.apply("transaction-isolation", properties.getTransactionIsolation(),
				(isolation) -> builder.transactionIsolation(isolation.level()));
		set.apply("read-only", properties.getReadOnly(), builder::readOnly);
		set.apply("catalog", properties.getCatalog(), builder::catalog);
		set.apply("schema", properties.getSchema(), builder::schema);
		set.apply("shutdown-timeout", properties.getShutdownTimeout(), builder::shutdownTimeout);
		set.apply("register-mbeans", properties.isRegisterMbeans(), builder::registerMbeans);
		set.apply("pgbouncer", properties.isPgbouncer(), builder::pgbouncer);
		try {
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPoolPropertiesException(problems(ex.getMessage(), connection), ex);
		}
	}

	/**
	 * The pool's name when {@code app.pool.name} is not set: the application's name with
	 * characters a pool name may not hold replaced by {@code -}, cut to 63, else
	 * {@value #DEFAULT_NAME}.
	 * @param applicationName {@code spring.application.name}, or {@code null}
	 * @return a valid pool name
	 */
	static String poolName(String applicationName) {
		if (applicationName == null || applicationName.isBlank()) {
			return DEFAULT_NAME;
		}
		String name = applicationName.strip().replaceAll("[^A-Za-z0-9._-]", "-");
		return (name.length() > MAX_NAME_LENGTH) ? name.substring(0, MAX_NAME_LENGTH) : name;
	}

	private static <T> void apply(T value, Consumer<T> setter) {
		if (value != null) {
			setter.accept(value);
		}
	}

	// pool-core's message is "Invalid pool configuration:" then one " - <setting>:
	// <reason>" line per problem.
	private static List<Problem> problems(String message, ConnectionSettings connection) {
		List<Problem> problems = new ArrayList<>();
		for (String line : message.split("\n")) {
			String text = line.strip();
			if (!text.startsWith("- ")) {
				continue;
			}
			text = text.substring(2);
			int colon = text.indexOf(": ");
			if (colon < 0) {
				problems.add(new Problem("app.pool", text));
				continue;
			}
			String key = text.substring(0, colon);
			String reason = text.substring(colon + 2);
			String source = connection.sourceOf(key);
			if (key.equals("url") && source == null) {
				reason = "is not set; set app.pool.url or spring.datasource.url";
			}
			problems.add(new Problem((source != null) ? source : "app.pool." + key, reason));
		}
		if (problems.isEmpty()) {
			problems.add(new Problem("app.pool", message));
		}
		return problems;
	}

	// Applies a value only when its setting was given; a value of null (set
	// programmatically) counts as not given.
	private record Applier(PoolProperties properties) {

		<T> void apply(String key, T value, Consumer<T> setter) {
			if (value != null && this.properties.isConfigured(key)) {
				setter.accept(value);
			}
		}

	}

}
