package io.poolkit.spring.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.ConditionalOnPoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceAutoConfiguration;
import io.poolkit.spring.boot.autoconfigure.PoolDataSources;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the Micrometer meters ({@code pool.*}, tagged
 * {@code pool=<name>}) of every pool of the context when a {@link MeterRegistry} exists.
 * {@code management.metrics.enable.pool=false} turns them off, as for any meter.
 */
@AutoConfiguration(after = PoolDataSourceAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ PoolDataSource.class, MeterRegistry.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnPoolDataSource
public final class PoolMetricsAutoConfiguration {

	@Bean
	PoolMeterBinder poolMeterBinder(ConfigurableListableBeanFactory beanFactory) {
		return new PoolMeterBinder(() -> PoolDataSources.find(beanFactory));
	}

}
