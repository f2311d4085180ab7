package io.poolkit.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.UUID;

import io.poolkit.PoolConfig;
import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.health.PoolHealthContributorAutoConfiguration;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13: two pools of one name fail the start with Boot's failure report
 * ({@link DuplicatePoolNameFailureAnalyzer}) naming both beans, the prefix each was built
 * from and the {@code name} to set under each: checked as the pools' beans are created,
 * with Actuator's contributors in the context or not (it used to surface only with
 * Actuator, as a raw {@code BeanCreationException} of {@code poolHealthContributor}). The
 * pool refused is closed, though the context never destroys a bean whose creation failed.
 */
class DuplicatePoolNameTests {

	private final String name = "poolkit-dup-" + UUID.randomUUID().toString().substring(0, 8);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(PoolDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues(PostgresTestSupport.propertyValues("app.pool."))
		.withPropertyValues("app.pool.name=" + this.name, "app.pool.max-size=1", "app.pool.min-idle=1",
				"app.reporting-pool.url=" + PostgresTestSupport.url(),
				"app.reporting-pool.username=" + PostgresTestSupport.user(),
				"app.reporting-pool.password=" + PostgresTestSupport.password(), "app.reporting-pool.max-size=1",
				"app.reporting-pool.min-idle=1");

	@Test
	void withoutActuatorTheStartFailsWithBootsReport() {
		this.runner.withUserConfiguration(ReportingPool.class)
			.withPropertyValues("app.reporting-pool.name=" + this.name)
			.run(this::assertReportNamesBothPoolsOfTheFactory);
	}

	@Test
	void withActuatorsHealthContributorTheSameReport() {
		this.runner.withConfiguration(AutoConfigurations.of(PoolHealthContributorAutoConfiguration.class))
			.withUserConfiguration(ReportingPool.class)
			.withPropertyValues("app.reporting-pool.name=" + this.name)
			.run(this::assertReportNamesBothPoolsOfTheFactory);
	}

	@Test
	void aPoolBuiltInCodeIsNamedByItsBeanWithWhereToSetItsName() {
		this.runner
			.withBean("ownDataSource", PoolDataSource.class, this::ownPool,
					(definition) -> ((AbstractBeanDefinition) definition).setDefaultCandidate(false))
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("bean 'dataSource', from app.pool")
					.contains("bean 'ownDataSource'")
					.doesNotContain("'ownDataSource', from");
				assertThat(analysis.getAction()).contains("set app.pool.name (bean 'dataSource')")
					.contains("set the name in the PoolConfig of bean 'ownDataSource' (PoolConfig.Builder.name)");
				context.close();
				assertNoSessionLeft();
			});
	}

	@Test
	void poolsOfDistinctNamesStart() {
		this.runner.withUserConfiguration(ReportingPool.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("reportingDataSource", PoolDataSource.class).name()).isEqualTo("reporting-pool");
		});
	}

	private PoolDataSource ownPool() {
		return new PoolDataSource(PoolConfig.builder()
			.name(this.name)
			.url(PostgresTestSupport.url())
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			.maxSize(1)
			.build());
	}

	private void assertReportNamesBothPoolsOfTheFactory(AssertableApplicationContext context) {
		FailureAnalysis analysis = analysis(context);
		// The two in the order their beans were created.
		assertThat(analysis.getDescription()).startsWith("Two connection pools are named '" + this.name + "':\n\n")
			.contains("\n    bean 'dataSource', from app.pool\n")
			.contains("\n    bean 'reportingDataSource', from app.reporting-pool\n")
			.endsWith("\n\nMetrics, health and /actuator/pool tell pools apart by name, so each pool needs its own.");
		assertThat(analysis.getAction())
			.startsWith("Give each pool a name of its own (it tags the pool's meters and "
					+ "keys its health and /actuator/pool entries):\n")
			.contains("    set app.pool.name (bean 'dataSource')")
			.contains("    set app.reporting-pool.name (bean 'reportingDataSource')");
		context.close();
		assertNoSessionLeft();
	}

	private FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(DuplicatePoolNameException.class);
		FailureAnalysis analysis = new DuplicatePoolNameFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		assertThat(analysis.getCause()).isInstanceOf(DuplicatePoolNameException.class);
		return analysis;
	}

	// The context closed the first pool; the check closed the one it refused.
	private void assertNoSessionLeft() {
		await().atMost(Duration.ofSeconds(20)).until(() -> PostgresTestSupport.countBackends(this.name) == 0);
	}

	@Configuration(proxyBeanMethods = false)
	static class ReportingPool {

		@Bean(defaultCandidate = false)
		PoolDataSource reportingDataSource(PoolDataSourceFactory pools) {
			return pools.create("app.reporting-pool");
		}

	}

}
