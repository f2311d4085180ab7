package io.poolkit.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.poolkit.PoolSetting;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * HikariCP's properties as Spring Boot binds them under {@code spring.datasource.hikari},
 * and what Poolkit makes of each: the settings table's row it sets (with a conversion
 * where HikariCP's units or meanings differ), or why there is none. The one place this
 * mapping is written; the binder, the startup warning, unknown-key suggestions and the
 * README's table all follow it.
 * <p>
 * Names are HikariCP's in Boot's kebab-case and are compared in any of Boot's relaxed
 * forms ({@code maximumPoolSize}, {@code MAXIMUMPOOLSIZE}). HikariCP's durations are
 * milliseconds as plain numbers; they are bound as Boot binds any duration, so
 * {@code 2000} is two seconds (and {@code 2s} works too).
 */
final class HikariSettings {

	/** Where Spring Boot binds HikariCP's properties. */
	static final String PREFIX = "spring.datasource.hikari";

	private static final String OWN_BEAN = " in a PoolDataSource bean of your own";

	/** The HikariCP properties Poolkit honours, in the order of Poolkit's table. */
	static final List<Mapped> MAPPED = List.of(same("pool-name", PoolSetting.NAME), same("jdbc-url", PoolSetting.URL),
			same("username", PoolSetting.USERNAME), same("password", PoolSetting.PASSWORD),
			same("driver-class-name", PoolSetting.DRIVER_CLASS_NAME),
			new Mapped("data-source-properties", PoolSetting.DATA_SOURCE_PROPERTIES, Map.class, null,
					"each entry, passed to the driver"),
			same("maximum-pool-size", PoolSetting.MAX_SIZE), same("minimum-idle", PoolSetting.MIN_IDLE),
			new Mapped("connection-timeout", PoolSetting.CONNECTION_TIMEOUT, Duration.class,
					HikariSettings::connectionTimeout, "HikariCP's 0 (no timeout) has no equivalent: at most 1h"),
			same("idle-timeout", PoolSetting.IDLE_TIMEOUT), same("max-lifetime", PoolSetting.MAX_LIFETIME),
			same("keepalive-time", PoolSetting.KEEPALIVE_INTERVAL),
			same("connection-test-query", PoolSetting.VALIDATION_QUERY),
			same("validation-timeout", PoolSetting.VALIDATION_TIMEOUT),
			same("leak-detection-threshold", PoolSetting.LEAK_DETECTION_THRESHOLD),
			new Mapped("initialization-fail-timeout", PoolSetting.INITIALIZATION_TIMEOUT, Duration.class,
					HikariSettings::initializationTimeout,
					"a positive value waits connection-timeout + that long, as HikariCP does; 0 or less starts "
							+ "without waiting for the database"),
			same("connection-init-sql", PoolSetting.CONNECTION_INIT_SQL), same("auto-commit", PoolSetting.AUTO_COMMIT),
			new Mapped("transaction-isolation", PoolSetting.TRANSACTION_ISOLATION, String.class,
					HikariSettings::isolation, "from HikariCP's TRANSACTION_* name or level number"),
			same("read-only", PoolSetting.READ_ONLY), same("catalog", PoolSetting.CATALOG),
			same("schema", PoolSetting.SCHEMA), same("register-mbeans", PoolSetting.REGISTER_MBEANS));

	/**
	 * HikariCP's properties without a Poolkit equivalent, and why; with the mapped ones,
	 * every writable property of {@code HikariDataSource}.
	 */
	static final List<Unmapped> UNMAPPED = List.of(
			new Unmapped("allow-pool-suspension",
					"always on: PoolDataSource.suspend() and resume() (and the JMX bean) need no switch"),
			new Unmapped("isolate-internal-queries",
					"not needed: with auto-commit off, Poolkit rolls back after its own validation query"),
			new Unmapped("data-source-class-name",
					"Poolkit connects through the JDBC URL; to use a driver's DataSource, pass it to "
							+ "PoolConfig.Builder.dataSource(...)" + OWN_BEAN),
			new Unmapped("data-source", "pass it to PoolConfig.Builder.dataSource(...)" + OWN_BEAN),
			new Unmapped("data-source-jndi",
					"look the DataSource up and pass it to PoolConfig.Builder.dataSource(...)" + OWN_BEAN),
			new Unmapped("credentials", "give PoolConfig.Builder.credentialsSupplier(...)" + OWN_BEAN),
			new Unmapped("credentials-provider", "give PoolConfig.Builder.credentialsSupplier(...)" + OWN_BEAN),
			new Unmapped("credentials-provider-class-name",
					"give PoolConfig.Builder.credentialsSupplier(...)" + OWN_BEAN),
			new Unmapped("exception-override", "give PoolConfig.Builder.errorClassifier(...)" + OWN_BEAN),
			new Unmapped("exception-override-class-name", "give PoolConfig.Builder.errorClassifier(...)" + OWN_BEAN),
			new Unmapped("metric-registry", "not needed: the starter publishes the pool's meters to Micrometer"),
			new Unmapped("metrics-tracker-factory",
					"not needed: the starter publishes the pool's meters to Micrometer"),
			new Unmapped("health-check-registry", "not needed: the starter contributes the pool's health indicator"),
			new Unmapped("health-check-properties", "not needed: the starter contributes the pool's health indicator"),
			new Unmapped("scheduled-executor", "not needed: Poolkit runs its own housekeeping threads"),
			new Unmapped("thread-factory", "not needed: Poolkit runs its own housekeeping threads"),
			new Unmapped("login-timeout",
					"with PostgreSQL Poolkit sets the driver's loginTimeout from connection-timeout; for another "
							+ "driver, set its own in app.pool.data-source-properties"),
			new Unmapped("log-writer", "not needed: Poolkit logs through SLF4J"));

	private HikariSettings() {
	}

	/**
	 * The mapped property of a name.
	 * @param name a HikariCP property name in any relaxed form, e.g.
	 * {@code maximumPoolSize}
	 * @return the property, or empty when it is not one Poolkit honours
	 */
	static Optional<Mapped> mapped(ConfigurationPropertyName name) {
		return MAPPED.stream().filter((mapped) -> mapped.propertyName().equals(name)).findFirst();
	}

	/**
	 * The unmapped property of a name.
	 * @param name a HikariCP property name in any relaxed form
	 * @return the property, or empty when it is not one of HikariCP's without an
	 * equivalent
	 */
	static Optional<Unmapped> unmapped(ConfigurationPropertyName name) {
		return UNMAPPED.stream().filter((unmapped) -> unmapped.propertyName().equals(name)).findFirst();
	}

	/**
	 * The HikariCP property that sets a setting.
	 * @param setting a setting of pool-core's table
	 * @return the property, or empty when HikariCP has none
	 */
	static Optional<Mapped> mappedTo(PoolSetting<?> setting) {
		return MAPPED.stream().filter((mapped) -> mapped.setting() == setting).findFirst();
	}

	private static Mapped same(String name, PoolSetting<?> setting) {
		return new Mapped(name, setting, setting.type(), null, null);
	}

	// HikariCP reads 0 as "no timeout" (Integer.MAX_VALUE ms); Poolkit has no such
	// setting, and silently choosing a bound for the user would hide the change.
	private static Object connectionTimeout(Object value, Function<PoolSetting<?>, Object> inEffect) {
		if (((Duration) value).isZero()) {
			throw new IllegalArgumentException("0 (no timeout in HikariCP) has no equivalent; "
					+ "set a timeout between 1ms and 1h, as app.pool.connection-timeout");
		}
		return value;
	}

	// HikariCP: a positive value retries for that long after a first attempt that may
	// take connection-timeout; 0 makes one attempt and starts anyway, less than 0 makes
	// none. Poolkit's initialization-timeout is the whole wait, 0 for none.
	private static Object initializationTimeout(Object value, Function<PoolSetting<?>, Object> inEffect) {
		Duration given = (Duration) value;
		if (given.isNegative() || given.isZero()) {
			return Duration.ZERO;
		}
		Object connectionTimeout = inEffect.apply(PoolSetting.CONNECTION_TIMEOUT);
		return given.plus((connectionTimeout instanceof Duration timeout) ? timeout
				: PoolSetting.CONNECTION_TIMEOUT.defaultValue());
	}

	// HikariCP takes the Connection constant's name (TRANSACTION_READ_COMMITTED) or its
	// number; the table reads the name with or without the prefix.
	private static Object isolation(Object value, Function<PoolSetting<?>, Object> inEffect) {
		String text = ((String) value).trim();
		return text.matches("[0-9]+") ? Integer.valueOf(text) : PoolSetting.TRANSACTION_ISOLATION.parse(text);
	}

	/**
	 * Turns a HikariCP value into the value of Poolkit's setting.
	 */
	@FunctionalInterface
	interface Conversion {

		/**
		 * Converts a value.
		 * @param value the value as bound, of {@link Mapped#bindType()}
		 * @param inEffect the value another setting has (as given, else its default)
		 * @return the value of the setting's type
		 * @throws IllegalArgumentException with what is wrong and what is allowed, when
		 * the value has no Poolkit meaning
		 */
		Object convert(Object value, Function<PoolSetting<?>, Object> inEffect);

	}

	/**
	 * A HikariCP property Poolkit honours.
	 *
	 * @param name its kebab-case name under {@link #PREFIX}
	 * @param setting the row of pool-core's table it sets
	 * @param bindType the type Boot binds it to
	 * @param conversion how the bound value becomes the setting's, or {@code null} when
	 * it is the same
	 * @param note what differs from HikariCP, or {@code null}
	 */
	record Mapped(String name, PoolSetting<?> setting, Class<?> bindType, Conversion conversion, String note) {

		ConfigurationPropertyName propertyName() {
			return ConfigurationPropertyName.of(this.name);
		}

		/**
		 * The value of the setting.
		 * @param value the value as bound
		 * @param inEffect the values other settings have
		 * @return the converted value
		 * @throws IllegalArgumentException when the value has no Poolkit meaning
		 */
		Object convert(Object value, Function<PoolSetting<?>, Object> inEffect) {
			return (this.conversion != null) ? this.conversion.convert(value, inEffect) : value;
		}

	}

	/**
	 * A HikariCP property without a Poolkit equivalent.
	 *
	 * @param name its kebab-case name under {@link #PREFIX}
	 * @param reason why, and what to do instead
	 */
	record Unmapped(String name, String reason) {

		ConfigurationPropertyName propertyName() {
			return ConfigurationPropertyName.of(this.name);
		}

	}

}
