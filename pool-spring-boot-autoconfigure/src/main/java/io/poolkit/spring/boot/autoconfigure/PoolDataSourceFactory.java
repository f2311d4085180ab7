package io.poolkit.spring.boot.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.poolkit.PoolConfig;
import io.poolkit.PoolDataSource;
import io.poolkit.PoolInitializationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.core.env.Environment;

/**
 * Builds {@link PoolDataSource}s from properties under a prefix of the application's
 * choosing, with the same names, checks and failure report as the application's pool
 * under {@code app.pool}: for an application with more than one database. The starter
 * provides one as a bean; use it in the {@code @Bean} method of each further pool:
 *
 * <pre class="code">
 * &#64;Bean(defaultCandidate = false)
 * PoolDataSource reportingDataSource(PoolDataSourceFactory pools) {
 *     return pools.create("app.reporting-pool");
 * }
 * </pre>
 *
 * {@code app.reporting-pool.url}, {@code .username}, {@code .password}, {@code .max-size}
 * and every other setting of the {@code app.pool} table are read from the
 * {@link Environment} with Boot's relaxed names; every value that cannot be read, every
 * value not allowed and every key that is no setting is reported at once, naming its
 * property, in Boot's failure report. Another prefix has no fallback: its {@code url}
 * must be set, and {@code spring.datasource.*} and {@code spring.datasource.hikari.*}
 * belong to the application's pool only. The prefix {@code app.pool} itself builds
 * exactly the pool the starter would, fallbacks and service connection included.
 * <p>
 * The pool's name, when {@code <prefix>.name} is not set, is the last part of the prefix
 * ({@code reporting-pool} for {@code app.reporting-pool}). Each pool should have a name
 * of its own: metrics, health and {@code /actuator/pool} tell pools apart by name, and a
 * second pool of a name already taken fails the start as its bean is created
 * ({@link DuplicatePoolNameException}, with Boot's failure report naming both beans and
 * the {@code name} to set under each prefix).
 * <p>
 * The factory remembers the prefixes it built pools from, so that {@code /actuator/env}
 * and {@code /actuator/configprops} mask the passwords and the secrets in URLs under
 * them, as under {@code app.pool}. Thread safe.
 */
public final class PoolDataSourceFactory {

	private static final ConfigurationPropertyName PRIMARY = ConfigurationPropertyName.of(PoolProperties.PREFIX);

	private final Environment environment;

	private final Supplier<JdbcConnectionDetails> connectionDetails;

	private final Set<String> prefixes = Collections.synchronizedSet(new LinkedHashSet<>());

	// The prefix of each pool built, for the report of two pools of one name; weak, so
	// that a pool the application dropped is not kept.
	private final Map<PoolDataSource, String> builtFrom = Collections.synchronizedMap(new WeakHashMap<>());

	/**
	 * Creates a factory reading an environment.
	 * @param environment the application's environment
	 */
	public PoolDataSourceFactory(Environment environment) {
		this(environment, () -> null);
	}

	/**
	 * Creates a factory reading an environment.
	 * @param environment the application's environment
	 * @param connectionDetails the service connection of the application's pool (a
	 * Testcontainers or Docker Compose one), or a supplier of {@code null}
	 */
	PoolDataSourceFactory(Environment environment, Supplier<JdbcConnectionDetails> connectionDetails) {
		this.environment = environment;
		this.connectionDetails = connectionDetails;
	}

	/**
	 * Builds and starts a pool from the properties under a prefix. Starting waits for a
	 * first connection up to the pool's {@code initialization-timeout}, as for the
	 * application's pool.
	 * @param prefix the properties' prefix, e.g. {@code app.reporting-pool}, in Boot's
	 * canonical form (lower case, {@code .} between parts, {@code -} within them)
	 * @return the started pool; declare it as a {@code @Bean} so it closes with the
	 * context
	 * @throws InvalidPoolPropertiesException naming every bad property under the prefix
	 * @throws IllegalArgumentException when the prefix is not a valid property name
	 * @throws io.poolkit.PoolInitializationException when no connection could be opened
	 * within {@code initialization-timeout}
	 */
	public PoolDataSource create(String prefix) {
		return create(prefix, (builder) -> {
		});
	}

	/**
	 * Builds and starts a pool from the properties under a prefix, with settings that
	 * have no property: a listener, a credentials supplier, an error classifier.
	 * @param prefix the properties' prefix, e.g. {@code app.reporting-pool}
	 * @param customizer applied to pool-core's builder after the properties; what it sets
	 * wins, and is checked with the rest
	 * @return the started pool
	 * @throws InvalidPoolPropertiesException naming every bad property under the prefix
	 * @throws IllegalArgumentException when the prefix is not a valid property name
	 * @throws io.poolkit.PoolInitializationException when no connection could be opened
	 * within {@code initialization-timeout}
	 */
	public PoolDataSource create(String prefix, Consumer<PoolConfig.Builder> customizer) {
		PoolConfig config = config(prefix, customizer);
		ConfigurationPropertyName name = ConfigurationPropertyName.of(prefix);
		PoolDataSource pool;
		try {
			pool = new PoolDataSource(config);
		}
		catch (PoolInitializationException ex) {
			// For the failure report, which names this pool's own properties.
			boolean primary = name.equals(PRIMARY);
			throw new BoundPoolInitializationException(ex, name.toString(), primary,
					PoolPropertiesBinder.bind(this.environment, name.toString(), primary).dataSourcePropertySources());
		}
		this.builtFrom.put(pool, name.toString());
		return pool;
	}

	/**
	 * The prefix a pool was built from by this factory.
	 * @param pool the pool
	 * @return the prefix, or {@code null} when this factory did not build the pool
	 */
	@Nullable String prefixOf(PoolDataSource pool) {
		return this.builtFrom.get(pool);
	}

	/**
	 * Builds a pool's settings from the properties under a prefix, without starting a
	 * pool.
	 * @param prefix the properties' prefix, e.g. {@code app.reporting-pool}
	 * @param customizer applied to pool-core's builder after the properties
	 * @return the settings
	 * @throws InvalidPoolPropertiesException naming every bad property under the prefix
	 * @throws IllegalArgumentException when the prefix is not a valid property name
	 */
	public PoolConfig config(String prefix, Consumer<PoolConfig.Builder> customizer) {
		if (prefix == null || !ConfigurationPropertyName.isValid(prefix) || prefix.isEmpty()) {
			throw new IllegalArgumentException("'" + prefix + "' is not a valid property prefix; use Boot's canonical "
					+ "form, lower case with '.' between parts and '-' within them, e.g. app.reporting-pool");
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(prefix);
		boolean primary = name.equals(PRIMARY);
		this.prefixes.add(name.toString());
		String defaultName = primary
				? PoolConfigFactory.poolName(this.environment.getProperty("spring.application.name"))
				: PoolConfigFactory.poolName(name.getLastElement(ConfigurationPropertyName.Form.DASHED));
		return PoolConfigFactory.fromEnvironment(this.environment, name.toString(), primary,
				primary ? this.connectionDetails.get() : null, defaultName, customizer);
	}

	/**
	 * The prefixes this factory built pools (or their settings) from, in the order first
	 * used.
	 * @return the prefixes, e.g. {@code app.pool} and {@code app.reporting-pool}
	 */
	public Set<String> prefixes() {
		synchronized (this.prefixes) {
			return Collections.unmodifiableSet(new LinkedHashSet<>(this.prefixes));
		}
	}

}
