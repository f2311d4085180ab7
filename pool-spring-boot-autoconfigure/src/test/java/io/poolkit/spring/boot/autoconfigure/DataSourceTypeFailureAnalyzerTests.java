package io.poolkit.spring.boot.autoconfigure;

import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spring.datasource.type} naming a pool that is not on the class path, HikariCP's
 * after the switch above all: the {@link DataSourceTypeFailureAnalyzer} says to remove
 * the property or name {@code io.poolkit.PoolDataSource}. These tests run without
 * HikariCP on the class path, as a starter user's application does.
 */
class DataSourceTypeFailureAnalyzerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(PoolDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues(PostgresTestSupport.propertyValues("spring.datasource."));

	@Test
	void hikariTypeAfterTheSwitch() {
		this.runner.withPropertyValues("spring.datasource.type=com.zaxxer.hikari.HikariDataSource").run((context) -> {
			FailureAnalysis analysis = new DataSourceTypeFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription())
				.startsWith("spring.datasource.type names 'com.zaxxer.hikari.HikariDataSource', a class that is not "
						+ "on the class path.\n    (set in \"spring.datasource.type\" from property source ")
				.endsWith("HikariCP left the class path with the switch to Poolkit. Without the property, Poolkit's "
						+ "pool (io.poolkit.PoolDataSource) is the application's DataSource.");
			assertThat(analysis.getAction())
				.isEqualTo("Remove spring.datasource.type from your application's configuration, or set it to "
						+ "io.poolkit.PoolDataSource, to use Poolkit's pool. To use the pool it names instead, add "
						+ "that pool's library to the application's dependencies.");
		});
	}

	@Test
	void anotherMissingType() {
		this.runner.withPropertyValues("spring.datasource.type=org.apache.tomcat.jdbc.pool.DataSource")
			.run((context) -> assertThat(
					new DataSourceTypeFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
				.startsWith("spring.datasource.type names 'org.apache.tomcat.jdbc.pool.DataSource'")
				.contains("The pool it names is not among the application's dependencies."));
	}

	// Other bind failures, even under spring.datasource, are Boot's to report.
	@Test
	void otherBindFailuresAreLeftToBoot() {
		this.runner.withPropertyValues("spring.datasource.generate-unique-name=sometimes").run((context) -> {
			assertThat(context.getStartupFailure()).hasCauseInstanceOf(BindException.class);
			assertThat(new DataSourceTypeFailureAnalyzer().analyze(context.getStartupFailure())).isNull();
		});
	}

}
