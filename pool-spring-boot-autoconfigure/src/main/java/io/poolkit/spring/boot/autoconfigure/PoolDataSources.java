package io.poolkit.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.poolkit.PoolDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.SimpleAutowireCandidateResolver;
import org.springframework.boot.jdbc.DataSourceUnwrapper;

/**
 * The pools of an application context, as the starter's metrics, health, endpoint and
 * tracing find them: every {@code DataSource} bean that is a {@link PoolDataSource} or
 * wraps one ({@link DataSourceUnwrapper}), auto-configured or the application's own,
 * {@code @Bean(defaultCandidate = false)} ones included (those Boot's own
 * {@code DataSource} health and metrics see too); a pool reached through several beans
 * counts once, under the first of them. Keyed by pool name, the name its meters are
 * tagged with, and known by bean name, as Boot keys its {@code db} health.
 * <p>
 * An immutable snapshot; {@link #find} looks again.
 */
public final class PoolDataSources {

	private final Map<String, PoolDataSource> byName;

	private final Map<String, PoolDataSource> byBeanName;

	private final @Nullable PoolDataSource main;

	private PoolDataSources(Map<String, PoolDataSource> byName, Map<String, PoolDataSource> byBeanName,
			@Nullable PoolDataSource main) {
		this.byName = Collections.unmodifiableMap(byName);
		this.byBeanName = Collections.unmodifiableMap(byBeanName);
		this.main = main;
	}

	/**
	 * The given pools, the first one the main pool, each known by its name as bean name
	 * too.
	 * @param pools the pools, each with a name of its own
	 * @return the pools
	 * @throws DuplicatePoolNameException when two pools have the same name
	 */
	public static PoolDataSources of(PoolDataSource... pools) {
		Map<String, PoolDataSource> byName = new LinkedHashMap<>();
		for (PoolDataSource pool : pools) {
			PoolDataSource other = byName.putIfAbsent(pool.name(), pool);
			if (other != null && other != pool) {
				throw new DuplicatePoolNameException(pool.name(),
						new DuplicatePoolNameException.Pool(null, null, other.toString()),
						new DuplicatePoolNameException.Pool(null, null, pool.toString()));
			}
		}
		return new PoolDataSources(byName, byName, (pools.length > 0) ? pools[0] : null);
	}

	/**
	 * Finds the pools of a bean factory's {@code DataSource} beans, creating those not
	 * created yet. The main pool is the one the application's {@code DataSource} is (or
	 * wraps): the single default candidate or the primary; when there is none, the single
	 * {@code PoolDataSource} candidate; else the first pool found.
	 * @param beanFactory the bean factory
	 * @return the pools, the main one first, then in the order of their beans
	 * @throws DuplicatePoolNameException when two pools have the same name
	 */
	public static PoolDataSources find(ConfigurableListableBeanFactory beanFactory) {
		Map<String, DataSource> dataSources = SimpleAutowireCandidateResolver.resolveAutowireCandidates(beanFactory,
				DataSource.class, false, true);
		Map<String, PoolDataSource> byName = new LinkedHashMap<>();
		Map<String, PoolDataSource> byBeanName = new LinkedHashMap<>();
		Map<PoolDataSource, String> beanNames = new IdentityHashMap<>();
		List<PoolDataSource> found = new ArrayList<>();
		dataSources.forEach((beanName, dataSource) -> {
			PoolDataSource pool = DataSourceUnwrapper.unwrap(dataSource, PoolDataSource.class);
			if (pool == null || beanNames.putIfAbsent(pool, beanName) != null) {
				return;
			}
			PoolDataSource other = byName.putIfAbsent(pool.name(), pool);
			if (other != null) {
				PoolDataSourceFactory factory = beanFactory.getBeanProvider(PoolDataSourceFactory.class).getIfUnique();
				throw new DuplicatePoolNameException(pool.name(), describe(other, beanNames.get(other), factory),
						describe(pool, beanName, factory));
			}
			byBeanName.put(beanName, pool);
			found.add(pool);
		});
		PoolDataSource main = unwrap(beanFactory.getBeanProvider(DataSource.class).getIfUnique());
		if (main == null || !beanNames.containsKey(main)) {
			main = beanFactory.getBeanProvider(PoolDataSource.class).getIfUnique();
		}
		if (main == null || !beanNames.containsKey(main)) {
			main = found.isEmpty() ? null : found.get(0);
		}
		return new PoolDataSources(mainFirst(byName, main), mainFirst(byBeanName, main), main);
	}

	private static Map<String, PoolDataSource> mainFirst(Map<String, PoolDataSource> pools,
			@Nullable PoolDataSource main) {
		Map<String, PoolDataSource> ordered = new LinkedHashMap<>();
		pools.forEach((name, pool) -> {
			if (pool == main) {
				ordered.put(name, pool);
			}
		});
		ordered.putAll(pools);
		return ordered;
	}

	private static @Nullable PoolDataSource unwrap(@Nullable DataSource dataSource) {
		return (dataSource != null) ? DataSourceUnwrapper.unwrap(dataSource, PoolDataSource.class) : null;
	}

	static DuplicatePoolNameException.Pool describe(PoolDataSource pool, @Nullable String beanName,
			@Nullable PoolDataSourceFactory factory) {
		return new DuplicatePoolNameException.Pool(beanName, (factory != null) ? factory.prefixOf(pool) : null,
				pool.toString());
	}

	/**
	 * The pools by name, the main one first.
	 * @return the pools
	 */
	public Map<String, PoolDataSource> byName() {
		return this.byName;
	}

	/**
	 * The pools by the name of the bean each was found through, the main one first.
	 * @return the pools
	 */
	public Map<String, PoolDataSource> byBeanName() {
		return this.byBeanName;
	}

	/**
	 * The pool of a name.
	 * @param name the pool's name
	 * @return the pool, or {@code null} when no pool has that name
	 */
	public @Nullable PoolDataSource get(String name) {
		return this.byName.get(name);
	}

	/**
	 * The application's main pool: the one its {@code DataSource} is.
	 * @return the pool, or {@code null} when there is none
	 */
	public @Nullable PoolDataSource main() {
		return this.main;
	}

	/**
	 * Whether no pool was found.
	 * @return {@code true} when there is none
	 */
	public boolean isEmpty() {
		return this.byName.isEmpty();
	}

	@Override
	public String toString() {
		return "PoolDataSources" + this.byName.keySet();
	}

}
