package io.poolkit.spring.boot.autoconfigure.health;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceAutoConfiguration;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.SimpleAutowireCandidateResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthIndicatorProperties;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.jdbc.metadata.CompositeDataSourcePoolMetadataProvider;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadata;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of Boot's {@code db} health contributor that never queues behind a
 * saturated pool. Boot's {@link DataSourceHealthContributorAutoConfiguration} checks each
 * {@code DataSource} by borrowing a connection, which on a pool whose every connection is
 * lent out waits up to {@code connection-timeout}: a liveness probe then times out and a
 * busy application is restarted. This contributor, named {@code dbHealthContributor} as
 * Boot's is, so Boot's backs off, checks every {@code DataSource} that is (or wraps) a
 * {@link PoolDataSource} with a {@link PoolDbHealthIndicator}, and every other one with
 * Boot's own {@link DataSourceHealthIndicator}, as Boot would (routing data sources and
 * {@code management.health.db.ignore-routing-data-sources} included).
 * <p>
 * {@code management.health.db.enabled=false} turns it off, with Boot's; a bean named
 * {@code dbHealthIndicator} or {@code dbHealthContributor} replaces it.
 */
@AutoConfiguration(after = { PoolDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class },
		before = DataSourceHealthContributorAutoConfiguration.class)
@ConditionalOnClass({ PoolDataSource.class, JdbcTemplate.class, AbstractRoutingDataSource.class,
		DataSourceHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(DataSource.class)
@ConditionalOnEnabledHealthIndicator("db")
@EnableConfigurationProperties(DataSourceHealthIndicatorProperties.class)
public final class PoolDbHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "dbHealthIndicator", "dbHealthContributor" })
	HealthContributor dbHealthContributor(ConfigurableListableBeanFactory beanFactory,
			DataSourceHealthIndicatorProperties properties,
			ObjectProvider<DataSourcePoolMetadataProvider> metadataProviders) {
		Map<String, DataSource> dataSources = SimpleAutowireCandidateResolver.resolveAutowireCandidates(beanFactory,
				DataSource.class, false, true);
		Map<String, DataSource> checked = new LinkedHashMap<>();
		dataSources.forEach((name, dataSource) -> {
			if (!properties.isIgnoreRoutingDataSources() || !isRouting(dataSource)) {
				checked.put(name, dataSource);
			}
		});
		return new Contributors(new CompositeDataSourcePoolMetadataProvider(metadataProviders.orderedStream().toList()))
			.of(checked);
	}

	private static boolean isRouting(DataSource dataSource) {
		if (dataSource instanceof AbstractRoutingDataSource) {
			return true;
		}
		try {
			return dataSource.isWrapperFor(AbstractRoutingDataSource.class);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private static AbstractRoutingDataSource routing(DataSource dataSource) {
		if (dataSource instanceof AbstractRoutingDataSource routing) {
			return routing;
		}
		try {
			return dataSource.unwrap(AbstractRoutingDataSource.class);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Failed to unwrap AbstractRoutingDataSource from " + dataSource, ex);
		}
	}

	/**
	 * Makes the contributor of each data source: one indicator, or a composite keyed by
	 * bean name (or routing key) when there are several.
	 */
	private record Contributors(DataSourcePoolMetadataProvider metadata) {

		HealthContributor of(Map<String, DataSource> dataSources) {
			if (dataSources.size() == 1) {
				return of(dataSources.values().iterator().next());
			}
			return CompositeHealthContributor.fromMap(dataSources, this::of);
		}

		HealthContributor of(DataSource dataSource) {
			if (isRouting(dataSource)) {
				return new RoutingContributor(routing(dataSource), this);
			}
			PoolDataSource pool = DataSourceUnwrapper.unwrap(dataSource, PoolDataSource.class);
			if (pool != null) {
				return new PoolDbHealthIndicator(pool);
			}
			DataSourcePoolMetadata poolMetadata = this.metadata.getDataSourcePoolMetadata(dataSource);
			return new DataSourceHealthIndicator(dataSource,
					(poolMetadata != null) ? poolMetadata.getValidationQuery() : null);
		}

	}

	/**
	 * The data sources a routing data source resolves to, each checked on its own, keyed
	 * by its lookup key ({@code unnamed} for a {@code null} key), as Boot does.
	 */
	private static final class RoutingContributor implements CompositeHealthContributor {

		private final CompositeHealthContributor delegate;

		RoutingContributor(AbstractRoutingDataSource routing, Contributors contributors) {
			Map<String, DataSource> targets = new LinkedHashMap<>();
			routing.getResolvedDataSources()
				.forEach((key, target) -> targets.put(Objects.toString(key, "unnamed"), target));
			this.delegate = CompositeHealthContributor.fromMap(targets, contributors::of);
		}

		@Override
		public @Nullable HealthContributor getContributor(String name) {
			return this.delegate.getContributor(name);
		}

		@Override
		public Stream<HealthContributors.Entry> stream() {
			return this.delegate.stream();
		}

	}

}
