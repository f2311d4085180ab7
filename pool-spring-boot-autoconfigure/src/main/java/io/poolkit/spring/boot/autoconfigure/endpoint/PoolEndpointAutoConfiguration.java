package io.poolkit.spring.boot.autoconfigure.endpoint;

import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code pool} Actuator endpoint ({@link PoolEndpoint}). Like
 * every endpoint it exists only when available: not switched off by
 * {@code management.endpoint.pool.access=none} and exposed, e.g. with
 * {@code management.endpoints.web.exposure.include=health,metrics,pool}. With several
 * pools it describes the primary one.
 */
@AutoConfiguration(after = PoolDataSourceAutoConfiguration.class)
@ConditionalOnClass({ PoolDataSource.class, Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(PoolEndpoint.class)
public final class PoolEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(PoolDataSource.class)
	PoolEndpoint poolEndpoint(PoolDataSource pool, ObjectProvider<SanitizingFunction> sanitizingFunctions) {
		return new PoolEndpoint(pool, sanitizingFunctions.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(PoolEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	PoolEndpointWebExtension poolEndpointWebExtension(PoolEndpoint poolEndpoint) {
		return new PoolEndpointWebExtension(poolEndpoint);
	}

}
