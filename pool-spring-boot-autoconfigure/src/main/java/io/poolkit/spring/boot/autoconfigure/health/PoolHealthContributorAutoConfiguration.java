package io.poolkit.spring.boot.autoconfigure.health;

import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceAutoConfiguration;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code pool} health contributor: a
 * {@link PoolHealthIndicator} per {@link PoolDataSource} (a composite keyed by bean name
 * when there are several). {@code management.health.pool.enabled=false} turns it off.
 */
@AutoConfiguration(after = PoolDataSourceAutoConfiguration.class)
@ConditionalOnClass({ PoolDataSource.class, HealthContributor.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(PoolDataSource.class)
@ConditionalOnEnabledHealthIndicator("pool")
public final class PoolHealthContributorAutoConfiguration
		extends CompositeHealthContributorConfiguration<PoolHealthIndicator, PoolDataSource> {

	PoolHealthContributorAutoConfiguration() {
		super(PoolHealthIndicator::new);
	}

	@Bean
	@ConditionalOnMissingBean(name = { "poolHealthIndicator", "poolHealthContributor" })
	HealthContributor poolHealthContributor(ConfigurableListableBeanFactory beanFactory) {
		return createContributor(beanFactory, PoolDataSource.class);
	}

}
