package io.poolkit.spring.boot.autoconfigure.endpoint;

import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.ConditionalOnPoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceAutoConfiguration;
import io.poolkit.spring.boot.autoconfigure.PoolDataSources;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code pool} Actuator endpoint ({@link PoolEndpoint}) over
 * every pool of the context ({@link PoolDataSources}). Like every endpoint it exists only
 * when available: not switched off by {@code management.endpoint.pool.access=none} and
 * exposed, e.g. with
 * {@code management.endpoints.web.exposure.include=health,metrics,pool}.
 */
@AutoConfiguration(after = PoolDataSourceAutoConfiguration.class)
@ConditionalOnClass({ PoolDataSource.class, Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(PoolEndpoint.class)
@ConditionalOnPoolDataSource
public final class PoolEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PoolEndpoint poolEndpoint(ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<SanitizingFunction> sanitizingFunctions) {
		return new PoolEndpoint(() -> PoolDataSources.find(beanFactory), sanitizingFunctions.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(PoolEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	PoolEndpointWebExtension poolEndpointWebExtension(PoolEndpoint poolEndpoint) {
		return new PoolEndpointWebExtension(poolEndpoint);
	}

}
