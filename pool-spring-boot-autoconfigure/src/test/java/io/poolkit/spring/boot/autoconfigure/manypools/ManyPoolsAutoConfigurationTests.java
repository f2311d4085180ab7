package io.poolkit.spring.boot.autoconfigure.manypools;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.DuplicatePoolNameException;
import io.poolkit.spring.boot.autoconfigure.InvalidPoolPropertiesException;
import io.poolkit.spring.boot.autoconfigure.InvalidPoolPropertiesException.Problem;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceAutoConfiguration;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceFactory;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolEndpoint;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolEndpointAutoConfiguration;
import io.poolkit.spring.boot.autoconfigure.health.PoolDbHealthContributorAutoConfiguration;
import io.poolkit.spring.boot.autoconfigure.health.PoolDbHealthIndicator;
import io.poolkit.spring.boot.autoconfigure.health.PoolHealthContributorAutoConfiguration;
import io.poolkit.spring.boot.autoconfigure.health.PoolHealthIndicator;
import io.poolkit.spring.boot.autoconfigure.lifecycle.PoolCheckpointRestoreAutoConfiguration;
import io.poolkit.spring.boot.autoconfigure.lifecycle.PoolCheckpointRestoreLifecycle;
import io.poolkit.spring.boot.autoconfigure.metrics.PoolMetricsAutoConfiguration;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Two pools in one application, wired by the auto-configurations: the application's pool
 * from {@code app.pool}, and a reporting pool the application declares with the
 * {@link PoolDataSourceFactory} from {@code app.reporting-pool}, as
 * {@code @Bean(defaultCandidate = false)} so the auto-configured pool stays. Each gets
 * the full meters, a health entry, a place in the {@code pool} endpoint, its secrets
 * masked, checkpoint/restore and the pool-per-request detector; a bad setting of the
 * second pool is reported like the first's.
 */
class ManyPoolsAutoConfigurationTests {

	private final String main = "poolkit-many-" + UUID.randomUUID().toString().substring(0, 8);

	private final String reporting = this.main + "-reporting";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolDataSourceAutoConfiguration.class,
				DataSourceAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				PoolMetricsAutoConfiguration.class, PoolHealthContributorAutoConfiguration.class,
				DataSourceHealthContributorAutoConfiguration.class, PoolDbHealthContributorAutoConfiguration.class,
				PoolEndpointAutoConfiguration.class, PoolCheckpointRestoreAutoConfiguration.class))
		.withPropertyValues(PostgresTestSupport.propertyValues("app.pool."))
		.withPropertyValues("app.pool.name=" + this.main, "app.pool.max-size=2", "app.pool.min-idle=1",
				"app.reporting-pool.url=" + PostgresTestSupport.url(),
				"app.reporting-pool.username=" + PostgresTestSupport.user(),
				"app.reporting-pool.password=" + PostgresTestSupport.password(),
				"app.reporting-pool.name=" + this.reporting, "app.reporting-pool.max-size=1",
				"management.endpoints.web.exposure.include=pool");

	private final ApplicationContextRunner twoPools = this.runner.withUserConfiguration(ReportingPool.class);

	@Test
	void theSecondPoolComesFromItsOwnPrefixAndTheApplicationsPoolStays() {
		this.twoPools.run((context) -> {
			assertThat(context).hasNotFailed();
			PoolDataSource application = (PoolDataSource) context.getBean(DataSource.class);
			PoolDataSource reportingPool = context.getBean("reportingDataSource", PoolDataSource.class);
			assertThat(application.name()).isEqualTo(this.main);
			assertThat(reportingPool.name()).isEqualTo(this.reporting);
			assertThat(reportingPool.config().maxSize()).isOne();
			assertThat(application.config().maxSize()).isEqualTo(2);
			try (Connection connection = reportingPool.getConnection()) {
				assertThat(connection.isValid(1)).isTrue();
			}
			// Both are known to the pool-per-request detector, as every pool of the JVM.
			assertThat(reportingPool.poolsForSameDatabase()).isGreaterThanOrEqualTo(2)
				.isEqualTo(application.poolsForSameDatabase());
			assertThat(context.getBean(PoolDataSourceFactory.class).prefixes()).containsExactlyInAnyOrder("app.pool",
					"app.reporting-pool");
		});
	}

	@Test
	void theSecondPoolHasNoFallbackToSpringDatasource() {
		this.runner.withUserConfiguration(ReportingPool.class)
			.withPropertyValues("app.reporting-pool.url=", "spring.datasource.url=" + PostgresTestSupport.url())
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(invalidProperties(context.getStartupFailure()).problems()).extracting(Problem::property)
					.containsExactly("app.reporting-pool.url");
			});
	}

	@Test
	void everyBadSettingOfTheSecondPoolIsReportedAtOnce() {
		this.twoPools
			.withPropertyValues("app.reporting-pool.max-size=-1", "app.reporting-pool.connection-timeout=30 seconds",
					"app.reporting-pool.maximum-pool-size=7")
			.run((context) -> {
				assertThat(context).hasFailed();
				InvalidPoolPropertiesException failure = invalidProperties(context.getStartupFailure());
				assertThat(failure.problems()).extracting(Problem::property)
					.containsExactlyInAnyOrder("app.reporting-pool.max-size", "app.reporting-pool.connection-timeout",
							"app.reporting-pool.maximum-pool-size");
				assertThat(failure.problems()).extracting(Problem::reason)
					.anySatisfy((reason) -> assertThat(reason).contains("did you mean app.reporting-pool.max-size"));
			});
	}

	@Test
	void aUrlNoDriverAcceptsIsReportedUnderTheSecondPoolsPrefixWithItsOtherProblems() {
		this.twoPools
			.withPropertyValues("app.reporting-pool.url=jdbc:postgresql://127.0.0.1:99999/test",
					"app.reporting-pool.max-size=-1")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(invalidProperties(context.getStartupFailure()).problems()).containsExactly(
						new Problem("app.reporting-pool.url",
								"the PostgreSQL JDBC driver (org.postgresql.Driver) refuses "
										+ "'jdbc:postgresql://127.0.0.1:99999/test': the port 99999 is out of range "
										+ "(1 to 65535)"),
						new Problem("app.reporting-pool.max-size", "-1 is not allowed; must be between 1 and 10000"));
			});
	}

	@Test
	void aDriverPropertyInAnEnvironmentVariableThatSpellsThePrefixsDashesWithUnderscoresFailsTheStart() {
		// Boot binds APP_REPORTING_POOL_MAX_SIZE, but lists these under
		// app.reporting.pool, under no map of app.reporting-pool: sslmode=require would
		// be
		// dropped and the pool connect without TLS.
		Map<String, Object> variables = Map.of("APP_REPORTING_POOL_DATA_SOURCE_PROPERTIES_SSLMODE", "require",
				"APP_REPORTING_POOL_DATASOURCEPROPERTIES_SSLCERT", "/certs/reporting.crt",
				"APP_REPORTING_POOL_MAX_SIZE", "1");
		String reason = "not bound: Boot binds a map from environment variables without the dashes of its name; set ";
		withEnvironmentVariables(this.twoPools, variables).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(invalidProperties(context.getStartupFailure()).problems()).containsExactlyInAnyOrder(
					new Problem("APP_REPORTING_POOL_DATA_SOURCE_PROPERTIES_SSLMODE",
							reason + "APP_REPORTINGPOOL_DATASOURCEPROPERTIES_SSLMODE (bound as "
									+ "data-source-properties.sslmode)"),
					new Problem("APP_REPORTING_POOL_DATASOURCEPROPERTIES_SSLCERT",
							reason + "APP_REPORTINGPOOL_DATASOURCEPROPERTIES_SSLCERT (bound as "
									+ "data-source-properties.sslcert)"));
		});
	}

	@Test
	void aDriverPropertyInTheEnvironmentVariableFormThatBindsReachesTheSecondPool() {
		Map<String, Object> variables = Map.of("APP_REPORTINGPOOL_DATASOURCEPROPERTIES_TCPKEEPALIVE", "true",
				"APP_REPORTING_POOL_MAX_SIZE", "1");
		withEnvironmentVariables(this.twoPools, variables).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("reportingDataSource", PoolDataSource.class).config().dataSourceProperties())
				.containsEntry("tcpkeepalive", "true");
		});
	}

	@Test
	void theDefaultNameIsTheLastPartOfThePrefix() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("app.pools.reporting.url", PostgresTestSupport.url())
			.withProperty("spring.application.name", "orders service");
		PoolDataSourceFactory factory = new PoolDataSourceFactory(environment);
		assertThat(factory.config("app.pools.reporting", (builder) -> {
		}).name()).isEqualTo("reporting");
		environment.setProperty("app.pool.url", PostgresTestSupport.url());
		assertThat(factory.config("app.pool", (builder) -> {
		}).name()).isEqualTo("orders-service");
		assertThat(factory.config("app.pools.reporting", (builder) -> builder.name("reports")).name())
			.isEqualTo("reports");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PoolDataSourceFactory(new StandardEnvironment()).create("App.Reporting_Pool"))
			.withMessageContaining("app.reporting-pool");
	}

	@Test
	void everyPoolGetsTheFullMetersTaggedWithItsName() {
		this.twoPools.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			PoolDataSource reportingPool = context.getBean("reportingDataSource", PoolDataSource.class);
			for (String pool : new String[] { this.main, this.reporting }) {
				for (String meter : new String[] { "pool.connections.active", "pool.connections.idle",
						"pool.connections.pending", "pool.connections.total", "pool.connections.max",
						"pool.connections.min", "pool.connections.target", "pool.utilization", "pool.acquire",
						"pool.usage", "pool.creation", "pool.timeouts", "pool.connections.opened",
						"pool.connections.closed", "pool.errors" }) {
					assertThat(registry.find(meter).tag("pool", pool).meters()).as(meter + " of " + pool).isNotEmpty();
				}
			}
			try (Connection connection = reportingPool.getConnection()) {
				assertThat(registry.get("pool.acquire").tag("pool", this.reporting).timer().count()).isOne();
				assertThat(registry.get("pool.connections.active").tag("pool", this.reporting).gauge().value()).isOne();
			}
			assertThat(registry.get("pool.usage").tag("pool", this.reporting).functionTimer().count()).isOne();
			assertThat(registry.get("pool.acquire").tag("pool", this.main).timer().count()).isZero();
			assertThat(registry.get("pool.connections.max").tag("pool", this.reporting).gauge().value()).isOne();
			assertThat(registry.get("pool.connections.max").tag("pool", this.main).gauge().value()).isEqualTo(2);
		});
	}

	@Test
	void healthHasAnEntryForEachPoolAndTheDbCheckOfEachNeverWaits() {
		this.twoPools.run((context) -> {
			CompositeHealthContributor pools = context.getBean("poolHealthContributor",
					CompositeHealthContributor.class);
			assertThat(pools.getContributor("dataSource")).isInstanceOf(PoolHealthIndicator.class);
			assertThat(pools.getContributor("reportingDataSource")).isInstanceOf(PoolHealthIndicator.class);
			assertThat(health(pools.getContributor("reportingDataSource")).getDetails()).containsEntry("name",
					this.reporting);
			CompositeHealthContributor db = context.getBean("dbHealthContributor", CompositeHealthContributor.class);
			assertThat(db.getContributor("dataSource")).isInstanceOf(PoolDbHealthIndicator.class);
			assertThat(db.getContributor("reportingDataSource")).isInstanceOf(PoolDbHealthIndicator.class);
			PoolDataSource reportingPool = context.getBean("reportingDataSource", PoolDataSource.class);
			try (Connection held = reportingPool.getConnection()) {
				// Its only connection is lent out: a check that borrowed would wait 30 s.
				Health health = health(db.getContributor("reportingDataSource"));
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat((String) health.getDetails().get("connection")).startsWith("not checked");
			}
		});
	}

	@Test
	void theEndpointDescribesEachPoolByName() {
		this.twoPools.run((context) -> {
			PoolEndpoint endpoint = context.getBean(PoolEndpoint.class);
			PoolDescriptor application = endpoint.pool();
			assertThat(application.name()).isEqualTo(this.main);
			assertThat(application.pools()).containsExactly(this.main, this.reporting);
			PoolDescriptor reportingPool = endpoint.poolNamed(this.reporting);
			assertThat(reportingPool.name()).isEqualTo(this.reporting);
			assertThat(reportingPool.settings()).containsEntry("max-size", 1).containsEntry("password", "******");
			assertThat(endpoint.controlNamed(this.reporting, "suspend", null, null).suspended()).isTrue();
			assertThat(endpoint.pool().stats().suspended()).isFalse();
			endpoint.controlNamed(this.reporting, "resume", null, null);
		});
	}

	@Test
	void secretsUnderTheSecondPoolsPrefixAreMasked() {
		this.twoPools.run((context) -> {
			SanitizingFunction function = context.getBean(SanitizingFunction.class);
			for (String key : new String[] { "app.reporting-pool.password", "APP_REPORTINGPOOL_PASSWORD",
					"APP_REPORTING_POOL_PASSWORD", "app.reporting-pool.data-source-properties.sslpassword",
					"app.reportingPool.dataSourceProperties.sslPassword" }) {
				assertThat(sanitize(function, key, "hunter2")).as(key).isEqualTo(SanitizableData.SANITIZED_VALUE);
			}
			assertThat(sanitize(function, "app.reporting-pool.url", "jdbc:postgresql://db/r?password=hunter2"))
				.isEqualTo("jdbc:postgresql://db/r?password=******");
			assertThat(sanitize(function, "app.reporting-pool.username", "hunter2")).isEqualTo("hunter2");
			assertThat(sanitize(function, "app.other.password", "hunter2")).isEqualTo("hunter2");
		});
	}

	@Test
	void checkpointStopDrainsEveryPoolAndStartRefillsThem() {
		this.twoPools.run((context) -> {
			PoolDataSource application = (PoolDataSource) context.getBean(DataSource.class);
			PoolDataSource reportingPool = context.getBean("reportingDataSource", PoolDataSource.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> reportingPool.stats().total() == 1);
			PoolCheckpointRestoreLifecycle lifecycle = context.getBean(PoolCheckpointRestoreLifecycle.class);
			lifecycle.stop();
			assertThat(application.stats().total()).isZero();
			assertThat(reportingPool.stats().total()).isZero();
			assertThat(reportingPool.stats().suspended()).isTrue();
			lifecycle.start();
			await().atMost(Duration.ofSeconds(20)).until(() -> reportingPool.stats().total() == 1);
			assertThat(reportingPool.stats().suspended()).isFalse();
		});
	}

	@Test
	void twoPoolsOfOneNameFailStartupNamingBoth() {
		this.twoPools.withPropertyValues("app.reporting-pool.name=" + this.main).run((context) -> {
			assertThat(context).hasFailed();
			// Reported by Boot's failure analyzer: see DuplicatePoolNameTests.
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(DuplicatePoolNameException.class)
				.hasMessageContaining("Two pools are named '" + this.main + "'")
				.hasMessageContaining("'dataSource'")
				.hasMessageContaining("'reportingDataSource'");
		});
	}

	@Test
	void aPoolBehindAWrapperIsFoundOnce() {
		this.runner.withUserConfiguration(WrappedReportingPool.class).run((context) -> {
			assertThat(context).hasNotFailed();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("pool.acquire").tag("pool", this.reporting).timers()).hasSize(1);
			PoolDataSource reportingPool = context.getBean("reportingPool", PoolDataSource.class);
			try (Connection connection = context.getBean("reportingDataSource", DataSource.class).getConnection()) {
				// One listener records the borrow, though two beans lead to the pool.
				assertThat(registry.get("pool.acquire").tag("pool", this.reporting).timer().count()).isOne();
				assertThat(reportingPool.stats().active()).isOne();
			}
			assertThat(context.getBean(PoolEndpoint.class).pool().pools()).containsExactly(this.main, this.reporting);
		});
	}

	@Test
	void aPoolOnlyAWrapperBeanLeadsToIsFoundToo() {
		this.runner.withUserConfiguration(PoolOnlyBehindAWrapper.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(PoolDataSource.class)).containsOnlyKeys("dataSource");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (Connection connection = context.getBean("reportingDataSource", DataSource.class).getConnection()) {
				assertThat(registry.get("pool.acquire").tag("pool", this.reporting).timer().count()).isOne();
			}
			assertThat(registry.get("pool.usage").tag("pool", this.reporting).functionTimer().count()).isOne();
			assertThat(context.getBean(PoolEndpoint.class).poolNamed(this.reporting)).isNotNull();
			CompositeHealthContributor pools = context.getBean("poolHealthContributor",
					CompositeHealthContributor.class);
			assertThat(pools.getContributor("reportingDataSource")).isInstanceOf(PoolHealthIndicator.class);
		});
	}

	private static InvalidPoolPropertiesException invalidProperties(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidPoolPropertiesException invalid) {
				return invalid;
			}
		}
		throw new AssertionError("No InvalidPoolPropertiesException in " + failure, failure);
	}

	private static ApplicationContextRunner withEnvironmentVariables(ApplicationContextRunner runner,
			Map<String, Object> variables) {
		return runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", variables)));
	}

	private static Health health(HealthContributor contributor) {
		return ((HealthIndicator) contributor).health();
	}

	private static Object sanitize(SanitizingFunction function, String key, Object value) {
		return function.applyUnlessFiltered(new SanitizableData(null, key, value)).getValue();
	}

	@Configuration(proxyBeanMethods = false)
	static class ReportingPool {

		@Bean(defaultCandidate = false)
		PoolDataSource reportingDataSource(PoolDataSourceFactory pools) {
			return pools.create("app.reporting-pool");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PoolOnlyBehindAWrapper {

		@Bean(defaultCandidate = false)
		DataSource reportingDataSource(PoolDataSourceFactory pools) {
			return new ClosingWrapper(pools.create("app.reporting-pool"));
		}

	}

	/** A wrapper that closes the pool it wraps with the context. */
	static class ClosingWrapper extends DelegatingDataSource implements AutoCloseable {

		ClosingWrapper(PoolDataSource pool) {
			super(pool);
		}

		@Override
		public void close() {
			((PoolDataSource) obtainTargetDataSource()).close();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WrappedReportingPool {

		@Bean(defaultCandidate = false)
		PoolDataSource reportingPool(PoolDataSourceFactory pools) {
			return pools.create("app.reporting-pool");
		}

		@Bean(defaultCandidate = false)
		DataSource reportingDataSource(@Qualifier("reportingPool") PoolDataSource reportingPool) {
			return new DelegatingDataSource(reportingPool);
		}

	}

}
