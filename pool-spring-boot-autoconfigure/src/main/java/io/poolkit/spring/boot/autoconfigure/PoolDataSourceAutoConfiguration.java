package io.poolkit.spring.boot.autoconfigure;

import javax.sql.DataSource;
import javax.sql.XADataSource;

import io.poolkit.PoolConfig;
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
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of a Poolkit {@link PoolDataSource} as the application's
 * {@link DataSource}, from {@code app.pool.*} with the connection settings falling back
 * to {@code spring.datasource.*} and HikariCP's properties under
 * {@code spring.datasource.hikari.*} honoured. It runs before Boot's
 * {@link DataSourceAutoConfiguration}, which then backs off, and backs off itself when
 * the application defines a {@code DataSource} or {@code spring.datasource.type} names
 * another pool.
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
		PoolDataSource dataSource(Environment environment, ObjectProvider<JdbcConnectionDetails> connectionDetails) {
			// Bound here rather than from the PoolProperties bean, whose binding stops at
			// the first value it cannot convert: every bad value is reported at once.
			PoolConfig config = PoolConfigFactory.fromEnvironment(environment, PoolProperties.PREFIX, true,
					connectionDetails.getIfAvailable(),
					PoolConfigFactory.poolName(environment.getProperty("spring.application.name")),
					new DeferredPoolListener());
			return new PoolDataSource(config);
		}

		@Bean
		EarlyEventsRelease poolEarlyEventsRelease(ObjectProvider<PoolDataSource> dataSource) {
			return new EarlyEventsRelease(dataSource);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class SanitizingConfiguration {

		@Bean
		SanitizingFunction poolSecretsSanitizingFunction() {
			return new PoolSecretsSanitizingFunction();
		}

	}

	/**
	 * Meters bind just before the context is refreshed; a pool whose events nobody
	 * attached to by then stops buffering them.
	 */
	static final class EarlyEventsRelease implements ApplicationListener<ContextRefreshedEvent> {

		private final ObjectProvider<PoolDataSource> dataSource;

		EarlyEventsRelease(ObjectProvider<PoolDataSource> dataSource) {
			this.dataSource = dataSource;
		}

		@Override
		public void onApplicationEvent(ContextRefreshedEvent event) {
			this.dataSource.orderedStream().forEach((pool) -> {
				if (pool.config().listener() instanceof DeferredPoolListener deferred) {
					deferred.release();
				}
			});
		}

	}

}
