package io.poolkit.spring.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the pool's Micrometer meters ({@code pool.*}, tagged
 * {@code pool=<name>}) when a {@link MeterRegistry} exists.
 * {@code management.metrics.enable.pool=false} turns them off, as for any meter.
 */
@AutoConfiguration(after = PoolDataSourceAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ PoolDataSource.class, MeterRegistry.class })
@ConditionalOnBean({ PoolDataSource.class, MeterRegistry.class })
public final class PoolMetricsAutoConfiguration {

	@Bean
	PoolMeterBinder poolMeterBinder(ObjectProvider<PoolDataSource> pools) {
		return new PoolMeterBinder(pools);
	}

}
