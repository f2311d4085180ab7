package io.poolkit.spring.boot.autoconfigure.health;

import java.util.Map;

import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.ConditionalOnPoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceAutoConfiguration;
import io.poolkit.spring.boot.autoconfigure.PoolDataSources;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code pool} health contributor: a
 * {@link PoolHealthIndicator} for the pool of the context, or, with several pools
 * ({@link PoolDataSources}), a composite with one indicator per pool, keyed by bean name
 * as Boot keys the {@code db} composite (each indicator's details name its pool).
 * {@code management.health.pool.enabled=false} turns it off.
 */
@AutoConfiguration(after = PoolDataSourceAutoConfiguration.class)
@ConditionalOnClass({ PoolDataSource.class, HealthContributor.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnPoolDataSource
@ConditionalOnEnabledHealthIndicator("pool")
public final class PoolHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "poolHealthIndicator", "poolHealthContributor" })
	@Nullable HealthContributor poolHealthContributor(ConfigurableListableBeanFactory beanFactory) {
		Map<String, PoolDataSource> pools = PoolDataSources.find(beanFactory).byBeanName();
		if (pools.size() == 1) {
			return new PoolHealthIndicator(pools.values().iterator().next());
		}
		// None when the pool bean turned out to be something else (a null bean, which
		// the health registry skips).
		return pools.isEmpty() ? null : CompositeHealthContributor.fromMap(pools, PoolHealthIndicator::new);
	}

}
