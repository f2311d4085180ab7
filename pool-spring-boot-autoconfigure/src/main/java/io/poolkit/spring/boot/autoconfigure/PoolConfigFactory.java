package io.poolkit.spring.boot.autoconfigure;

import java.util.List;

import io.poolkit.InvalidPoolConfigException;
import io.poolkit.PoolConfig;
import io.poolkit.PoolListener;
import io.poolkit.PoolSetting;
import io.poolkit.spring.boot.autoconfigure.InvalidPoolPropertiesException.Problem;

import org.springframework.boot.context.properties.PropertyMapper;

/**
 * Turns bound {@link PoolProperties} into a {@link PoolConfig} through pool-core's
 * builder, driven by pool-core's settings table, so validation stays in one place; and
 * names pool-core's problems ({@link InvalidPoolConfigException#problems()}) by the
 * properties the application sets.
 */
final class PoolConfigFactory {

	static final String DEFAULT_NAME = "pool";

	private static final String PREFIX = "app.pool.";

	private static final int MAX_NAME_LENGTH = 63;

	private PoolConfigFactory() {
	}

	/**
	 * Builds and validates a pool's settings: every setting of pool-core's table that
	 * {@code app.pool.*} gives, the connection settings from where
	 * {@link ConnectionSettings} found them, and nothing else, so pool-core's defaults
	 * and its checks of settings against each other apply as they do outside Boot.
	 * @param properties the bound {@code app.pool.*} properties
	 * @param connection where connections come from
	 * @param applicationName {@code spring.application.name}, or {@code null}
	 * @param listener the listener for pool events
	 * @return the config
	 * @throws InvalidPoolPropertiesException listing every bad setting by its property
	 */
	static PoolConfig create(PoolProperties properties, ConnectionSettings connection, String applicationName,
			PoolListener listener) {
		PoolConfig.Builder builder = PoolConfig.builder().name(poolName(applicationName)).listener(listener);
		for (PoolSetting<?> setting : PoolSetting.all()) {
			Object value = isProperty(setting) ? properties.given(setting.name()) : null;
			if (value != null) {
				set(builder, setting, value);
			}
		}
		PropertyMapper map = PropertyMapper.get();
		map.from(connection.url().value()).to(builder::url);
		map.from(connection.username().value()).to(builder::username);
		map.from(connection.password().value()).to(builder::password);
		map.from(connection.driverClassName().value()).to(builder::driverClassName);
		properties.getDataSourceProperties().forEach(builder::dataSourceProperty);
		try {
			return builder.build();
		}
		catch (InvalidPoolConfigException ex) {
			throw new InvalidPoolPropertiesException(problems(ex, connection), ex);
		}
	}

	// The connection settings and driver properties are applied on their own, above.
	private static boolean isProperty(PoolSetting<?> setting) {
		return !setting.isBuilderOnly() && setting != PoolSetting.DATA_SOURCE_PROPERTIES
				&& !ConnectionSettings.NAMES.contains(setting.name());
	}

	// A property of another type than pool-core's (TransactionIsolation for an int level)
	// goes through the setting's text form.
	private static <T> void set(PoolConfig.Builder builder, PoolSetting<T> setting, Object value) {
		Class<T> type = setting.type();
		builder.set(setting, type.isInstance(value) ? type.cast(value) : setting.parse(String.valueOf(value)));
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

	private static List<Problem> problems(InvalidPoolConfigException failure, ConnectionSettings connection) {
		return failure.problems().stream().map((problem) -> {
			String source = connection.sourceOf(problem.setting());
			if (problem.setting().equals("url") && source == null) {
				return new Problem(PREFIX + "url", "is not set; set app.pool.url or spring.datasource.url");
			}
			return new Problem((source != null) ? source : PREFIX + problem.setting(), problem.reason());
		}).toList();
	}

}
