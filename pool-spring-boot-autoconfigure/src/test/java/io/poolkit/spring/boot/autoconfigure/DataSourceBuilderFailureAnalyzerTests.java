package io.poolkit.spring.boot.autoconfigure;

import javax.sql.DataSource;

import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boot's {@code DataSourceBuilder} in an application's own {@code @Bean}, without
 * HikariCP on the class path (as a starter user's application has it): the
 * {@link DataSourceBuilderFailureAnalyzer} points to the {@link PoolDataSourceFactory}.
 * {@code PoolFailureAnalyzersTests} checks the report of a real start, which also names
 * the prefix.
 */
class DataSourceBuilderFailureAnalyzerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(PoolDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withUserConfiguration(BuilderConfiguration.class)
		.withPropertyValues(PostgresTestSupport.propertyValues("app.datasource."));

	@Test
	void pointsToTheFactory() {
		this.runner.run((context) -> {
			FailureAnalysis analysis = new DataSourceBuilderFailureAnalyzer(null).analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription())
				.startsWith("Boot's DataSourceBuilder found no connection pool it supports for the bean "
						+ "'dataSource' (defined in ")
				.endsWith(": it builds only the pools of a fixed list, Poolkit not among them, and HikariCP left "
						+ "the class path with the switch to Poolkit.");
			assertThat(analysis.getAction()).isEqualTo("Build the pool with the PoolDataSourceFactory the starter "
					+ "provides: inject it into the @Bean method, return pools.create(\"<prefix>\") with the prefix "
					+ "of the method's @ConfigurationProperties instead of DataSourceBuilder.create().build(), and "
					+ "remove the @ConfigurationProperties: the factory binds the prefix itself, with Poolkit's "
					+ "setting names (max-size, not maximum-pool-size).");
		});
	}

	@Test
	void findsBootsFailureBehindAnotherIllegalStateException() {
		this.runner.run((context) -> {
			IllegalStateException wrapped = new IllegalStateException("Failed to load", context.getStartupFailure());
			assertThat(new DataSourceBuilderFailureAnalyzer(null).analyze(wrapped)).isNotNull();
		});
	}

	@Test
	void otherIllegalStateExceptionsAreLeftAlone() {
		assertThat(new DataSourceBuilderFailureAnalyzer(null)
			.analyze(new IllegalStateException("No supported DataSource type found"))).isNull();
	}

	@Configuration(proxyBeanMethods = false)
	static class BuilderConfiguration {

		@Bean
		@ConfigurationProperties("app.datasource")
		DataSource dataSource() {
			return DataSourceBuilder.create().build();
		}

	}

}
