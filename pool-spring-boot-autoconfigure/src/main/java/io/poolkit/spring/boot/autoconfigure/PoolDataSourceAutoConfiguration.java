package io.poolkit.spring.boot.autoconfigure;

import java.util.Set;

import javax.sql.DataSource;
import javax.sql.XADataSource;

import io.poolkit.PoolDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of a Poolkit {@link PoolDataSource} as the application's
 * {@link DataSource}, from {@code app.pool.*} with the connection settings falling back
 * to {@code spring.datasource.*} and HikariCP's properties under
 * {@code spring.datasource.hikari.*} honoured. It runs before Boot's
 * {@link DataSourceAutoConfiguration}, which then backs off, and backs off itself when
 * the application defines a {@code DataSource} or {@code spring.datasource.type} names
 * another pool. Further pools, from prefixes of the application's choosing, come from the
 * {@link PoolDataSourceFactory} it provides; two pools of one name fail the start
 * ({@link DuplicatePoolNameException}).
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass({ DataSource.class, PoolDataSource.class, JdbcConnectionDetails.class })
@EnableConfigurationProperties(PoolProperties.class)
public final class PoolDataSourceAutoConfiguration {

	// Also for a PoolDataSource the application defines itself; Boot's jdbc.connections.*
	// gauges and db health
	// indicator find pools through it.
	@Bean
	DataSourcePoolMetadataProvider poolDataSourcePoolMetadataProvider() {
		return (dataSource) -> {
			PoolDataSource pool = DataSourceUnwrapper.unwrap(dataSource, PoolDataSource.class);
			return (pool != null) ? new PoolDataSourcePoolMetadata(pool) : null;
		};
	}

	// Two pools of one name fail the start as the second one's bean is created.
	@Bean
	static PoolNameCheck poolNameCheck(ObjectProvider<PoolDataSourceFactory> factory) {
		return new PoolNameCheck(factory);
	}

	@Bean
	@ConditionalOnMissingBean
	PoolDataSourceFactory poolDataSourceFactory(Environment environment,
			ObjectProvider<JdbcConnectionDetails> connectionDetails) {
		return new PoolDataSourceFactory(environment, connectionDetails::getIfAvailable);
	}

	// Steps aside when spring.datasource.type names another pool, as each of Boot's own
	// pool configurations does: Boot's configuration for that type creates the
	// DataSource.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean({ DataSource.class, XADataSource.class })
	@ConditionalOnProperty(name = "spring.datasource.type", havingValue = "io.poolkit.PoolDataSource",
			matchIfMissing = true)
	static class PoolDataSourceConfiguration {

		// A destroy method runs after the context's lifecycle beans have stopped, so the
		// web server has stopped
		// taking requests (and finished the ones in flight, with graceful shutdown)
		// before the pool closes.
		@Bean(destroyMethod = "close")
		PoolDataSource dataSource(PoolDataSourceFactory pools) {
			// Bound by the factory from the environment rather than from the
			// PoolProperties bean, whose binding skips values it cannot convert: every
			// bad value is reported at once.
			return pools.create(PoolProperties.PREFIX);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class SanitizingConfiguration {

		// Also masks under the prefix of each pool the factory built, and what their
		// secrets refer to through placeholders.
		@Bean
		SanitizingFunction poolSecretsSanitizingFunction(ObjectProvider<PoolDataSourceFactory> factory,
				Environment environment) {
			return new PoolSecretsSanitizingFunction(() -> {
				PoolDataSourceFactory pools = factory.getIfAvailable();
				return (pools != null) ? pools.prefixes() : Set.of();
			}, environment);
		}

	}

}
