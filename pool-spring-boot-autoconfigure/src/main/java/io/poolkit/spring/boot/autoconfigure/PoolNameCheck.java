package io.poolkit.spring.boot.autoconfigure;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.sql.DataSource;

import io.poolkit.PoolDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.DataSourceUnwrapper;

/**
 * Fails the creation of a {@code DataSource} bean whose pool has the name of another live
 * pool of the context ({@link DuplicatePoolNameException}): checked as each pool's bean
 * is created, so the start fails with Boot's report whatever else the application has
 * (Actuator or not), before anything keys its view of the pools by name. The rejected
 * pool is closed: a bean whose creation failed is never destroyed by the context. A pool
 * reached through several beans (a wrapper and the pool itself) is one pool; a pool
 * closed before another of its name is created (a refreshed bean) frees the name.
 */
final class PoolNameCheck implements BeanPostProcessor {

	private final ObjectProvider<PoolDataSourceFactory> factory;

	private final ConcurrentMap<String, Named> byName = new ConcurrentHashMap<>();

	PoolNameCheck(ObjectProvider<PoolDataSourceFactory> factory) {
		this.factory = factory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource) {
			PoolDataSource pool = DataSourceUnwrapper.unwrap(dataSource, PoolDataSource.class);
			if (pool != null) {
				check(pool, beanName);
			}
		}
		return bean;
	}

	private void check(PoolDataSource pool, String beanName) {
		Named named = new Named(pool, beanName);
		for (;;) {
			Named other = this.byName.putIfAbsent(pool.name(), named);
			if (other == null || other.pool() == pool) {
				return;
			}
			if (other.pool().isClosed()) {
				if (this.byName.replace(pool.name(), other, named)) {
					return;
				}
				continue;
			}
			PoolDataSourceFactory factory = this.factory.getIfUnique();
			DuplicatePoolNameException failure = new DuplicatePoolNameException(pool.name(),
					PoolDataSources.describe(other.pool(), other.beanName(), factory),
					PoolDataSources.describe(pool, beanName, factory));
			pool.close();
			throw failure;
		}
	}

	private record Named(PoolDataSource pool, String beanName) {

	}

}
