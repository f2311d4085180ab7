package io.poolkit.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.poolkit.InvalidPoolConfigException;
import io.poolkit.PoolConfig;
import io.poolkit.PoolSetting;
import io.poolkit.spring.boot.autoconfigure.BoundPoolProperties.Given;
import io.poolkit.spring.boot.autoconfigure.BoundPoolProperties.Rejected;
import io.poolkit.spring.boot.autoconfigure.InvalidPoolPropertiesException.Problem;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.core.env.Environment;

/**
 * Turns a pool's bound settings ({@link BoundPoolProperties}) into a {@link PoolConfig}
 * through pool-core's builder, driven by pool-core's settings table, so validation stays
 * in one place; and reports every problem in one {@link InvalidPoolPropertiesException}:
 * the values that could not be read, pool-core's problems
 * ({@link InvalidPoolConfigException#problems()}, and the URL no JDBC driver accepts,
 * {@link PoolConfig.Builder#driverProblem()}, which pool-core finds only as a pool
 * starts) and the keys that are no setting, each named by the property the user wrote.
 */
final class PoolConfigFactory {

	static final String DEFAULT_NAME = "pool";

	private static final Log logger = LogFactory.getLog(PoolConfigFactory.class);

	private static final int MAX_NAME_LENGTH = 63;

	private PoolConfigFactory() {
	}

	/**
	 * Builds a pool's config from the application's configuration: binds the settings
	 * under the prefix (for the primary pool with the {@code spring.datasource.*} and
	 * {@code spring.datasource.hikari.*} fallbacks, and then logs one warning listing the
	 * HikariCP properties found), resolves the connection settings and builds.
	 * @param environment the application's environment
	 * @param prefix the pool's prefix, e.g. {@code app.pool}
	 * @param primary whether this is the application's primary pool
	 * @param details the service connection, or {@code null}
	 * @param defaultName the pool's name when the prefix does not give one
	 * @param customizer applied to the builder after the properties, before it builds
	 * @return the config
	 * @throws InvalidPoolPropertiesException listing every bad setting by its property
	 */
	static PoolConfig fromEnvironment(Environment environment, String prefix, boolean primary,
			JdbcConnectionDetails details, String defaultName, Consumer<PoolConfig.Builder> customizer) {
		BoundPoolProperties properties = PoolPropertiesBinder.bind(environment, prefix, primary);
		ConnectionSettings connection = ConnectionSettings.resolve(properties, details);
		properties.hikariWarning(connection).ifPresent(logger::warn);
		return create(properties, connection, defaultName, customizer);
	}

	/**
	 * Builds and validates a pool's settings: every setting of pool-core's table that was
	 * given, the connection settings from where {@link ConnectionSettings} found them,
	 * and nothing else, so pool-core's defaults and its checks of settings against each
	 * other apply as they do outside Boot.
	 * @param properties the bound settings
	 * @param connection where connections come from
	 * @param defaultName the pool's name when the properties do not give one
	 * @param customizer applied to the builder after the properties, before it builds: a
	 * value it sets wins, and is checked with the others
	 * @return the config
	 * @throws InvalidPoolPropertiesException listing every bad setting by its property
	 */
	static PoolConfig create(BoundPoolProperties properties, ConnectionSettings connection, String defaultName,
			Consumer<PoolConfig.Builder> customizer) {
		PoolConfig.Builder builder = PoolConfig.builder().name(defaultName);
		for (Map.Entry<PoolSetting<?>, Given> value : properties.values().entrySet()) {
			if (!ConnectionSettings.NAMES.contains(value.getKey().name())) {
				set(builder, value.getKey(), value.getValue().value());
			}
		}
		for (Rejected rejected : properties.rejected()) {
			if (!rejected.unknown() && PoolSetting.named(rejected.key()).isPresent()) {
				// No value is a problem build() reports in the table's order, and it
				// keeps pool-core from checking other settings against this one's
				// default; its reason is replaced by the rejection's below.
				builder.property(rejected.key(), null);
			}
		}
		PropertyMapper map = PropertyMapper.get();
		map.from(connection.url().value()).to(builder::url);
		map.from(connection.username().value()).to(builder::username);
		map.from(connection.password().value()).to(builder::password);
		map.from(connection.driverClassName().value()).to(builder::driverClassName);
		properties.dataSourceProperties()
			.forEach((name, value) -> builder.dataSourceProperty(name, String.valueOf(value.value())));
		customizer.accept(builder);
		PoolConfig config = null;
		List<InvalidPoolConfigException.Problem> problems = new ArrayList<>();
		try {
			config = builder.build();
		}
		catch (InvalidPoolConfigException ex) {
			problems.addAll(ex.problems());
		}
		// The pool would refuse a URL no driver takes only as it starts, after this
		// report: it is one of the problems here.
		builder.driverProblem()
			.filter((problem) -> problems.stream().noneMatch((other) -> other.setting().equals(problem.setting())))
			.ifPresent(problems::add);
		problems.removeIf((problem) -> properties.rejected()
			.stream()
			.anyMatch((rejected) -> rejected.key().equals(problem.setting())));
		for (Rejected rejected : properties.rejected()) {
			String reason = rejected.unknown() ? "unknown setting '" + rejected.key() + "'; " + rejected.reason()
					: rejected.reason();
			problems.add(new InvalidPoolConfigException.Problem(rejected.key(), rejected.value(), reason));
		}
		if (problems.isEmpty()) {
			return config;
		}
		problems.sort(Comparator.comparingInt(PoolConfigFactory::order));
		InvalidPoolConfigException failure = new InvalidPoolConfigException(problems);
		throw new InvalidPoolPropertiesException(problems(failure, properties, connection), failure);
	}

	// The table's order, as pool-core's; keys that are no setting last.
	private static int order(InvalidPoolConfigException.Problem problem) {
		String key = problem.setting();
		String setting = key.startsWith(PoolSetting.DATA_SOURCE_PROPERTIES_PREFIX)
				? PoolSetting.DATA_SOURCE_PROPERTIES.name() : key;
		return PoolSetting.named(setting).map(PoolSetting.all()::indexOf).orElse(PoolSetting.all().size());
	}

	private static <T> void set(PoolConfig.Builder builder, PoolSetting<T> setting, Object value) {
		builder.set(setting, setting.type().cast(value));
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

	private static List<Problem> problems(InvalidPoolConfigException failure, BoundPoolProperties properties,
			ConnectionSettings connection) {
		String prefix = properties.prefix();
		return failure.problems().stream().map((problem) -> {
			Rejected rejected = rejectedOf(properties, problem);
			if (rejected != null) {
				return new Problem(rejected.property(),
						rejected.unknown() ? "unknown setting; " + rejected.reason() : rejected.reason());
			}
			String source = connection.sourceOf(problem.setting());
			if (problem.setting().equals("url") && source == null) {
				String where = properties.isPrimary() ? prefix + ".url or spring.datasource.url" : prefix + ".url";
				return new Problem(prefix + ".url", "is not set; set " + where);
			}
			String property = (source != null) ? source : properties.propertyOf(problem.setting());
			// A HikariCP value says which setting it was read as: its value may have
			// been converted, and the name differs.
			String reason = property.startsWith(HikariSettings.PREFIX + ".")
					? problem.reason() + " (read as " + prefix + "." + problem.setting() + ")" : problem.reason();
			return new Problem(property, reason);
		}).toList();
	}

	private static Rejected rejectedOf(BoundPoolProperties properties, InvalidPoolConfigException.Problem problem) {
		return properties.rejected()
			.stream()
			.filter((rejected) -> rejected.key().equals(problem.setting()))
			.findFirst()
			.orElse(null);
	}

}
