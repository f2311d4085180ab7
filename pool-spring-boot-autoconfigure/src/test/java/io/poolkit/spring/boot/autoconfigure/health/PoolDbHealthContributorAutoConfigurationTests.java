package io.poolkit.spring.boot.autoconfigure.health;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.poolkit.PoolConfig;
import io.poolkit.PoolConnectionError;
import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceAutoConfiguration;
import io.poolkit.testkit.FaultProxy;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link PoolDbHealthContributorAutoConfiguration} and {@link PoolDbHealthIndicator}:
 * Boot's {@code db} contributor replaced by one that checks a pool without queueing, in
 * Boot's shape, while every other {@code DataSource} keeps Boot's own check. Boot's
 * {@link DataSourceHealthContributorAutoConfiguration} is in every context, as in an
 * application, and backs off.
 */
class PoolDbHealthContributorAutoConfigurationTests {

	private static final List<PoolDataSource> pools = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolDataSourceAutoConfiguration.class,
				DataSourceAutoConfiguration.class, DataSourceHealthContributorAutoConfiguration.class,
				PoolDbHealthContributorAutoConfiguration.class))
		.withPropertyValues(PostgresTestSupport.propertyValues("app.pool."))
		.withPropertyValues("app.pool.name=poolkit-db-health", "app.pool.max-size=2", "app.pool.min-idle=2");

	@Test
	void checksAnIdleConnectionOfThePoolInBootsShape() {
		this.runner.run((context) -> {
			HealthContributor contributor = context.getBean("dbHealthContributor", HealthContributor.class);
			assertThat(contributor).isInstanceOf(PoolDbHealthIndicator.class);
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().idle() > 0);
			Health health = ((HealthIndicator) contributor).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsOnly(Map.entry("database", "PostgreSQL"),
					Map.entry("validationQuery", "isValid()"));
			assertThat(pool.stats().active()).isZero();
		});
	}

	@Test
	void runsThePoolsValidationQueryAndShowsItsResult() {
		this.runner.withPropertyValues("app.pool.validation-query=select 42").run((context) -> {
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().idle() > 0);
			Health health = health(context.getBean("dbHealthContributor", HealthContributor.class));
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("database", "PostgreSQL")
				.containsEntry("validationQuery", "select 42")
				.containsEntry("result", 42);
		});
	}

	@Test
	void answersAtOnceFromThePoolsStateWhenEveryConnectionIsHeld() {
		this.runner.withPropertyValues("app.pool.connection-timeout=30s").run((context) -> {
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			HealthIndicator indicator = (HealthIndicator) context.getBean("dbHealthContributor");
			await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().idle() == 2);
			// The first check learns the database's product name.
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
				long start = System.nanoTime();
				Health health = indicator.health();
				// Boot's own check would wait here for connection-timeout (30 s).
				assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(1));
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("database", "PostgreSQL")
					.containsEntry("validationQuery", "isValid()")
					.containsEntry("connection",
							"not checked, none idle: 2 of 2 in use, 0 waiting; answered from the pool's state "
									+ "without waiting");
				assertThat(pool.stats().active()).isEqualTo(2);
			}
		});
	}

	@Test
	void isDownWithTheErrorInBootsShapeWhenTheDatabaseCannotBeReached() {
		this.runner
			.withPropertyValues("app.pool.url=" + PostgresTestSupport.unreachableUrl(),
					"app.pool.initialization-timeout=0")
			.run((context) -> {
				PoolDataSource pool = context.getBean(PoolDataSource.class);
				HealthIndicator indicator = (HealthIndicator) context.getBean("dbHealthContributor");
				await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().connectionFailing());
				Health health = indicator.health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				// No connection was ever opened: no product name to show, and none made
				// up.
				assertThat(health.getDetails()).doesNotContainKey("database")
					.containsEntry("validationQuery", "isValid()");
				assertBootsErrorShape(health, pool);
				assertThat(Map.class.cast(health.getDetails().get("lastConnectionError"))).containsEntry("kind",
						"refused");
			});
	}

	@Test
	void isDownNamingTheDatabaseWhenItWentAwayAfterConnections() {
		try (FaultProxy proxy = PostgresTestSupport.startProxy()) {
			this.runner.withPropertyValues("app.pool.url=" + proxy.jdbcUrl(PostgresTestSupport.database()))
				.run((context) -> {
					PoolDataSource pool = context.getBean(PoolDataSource.class);
					HealthIndicator indicator = (HealthIndicator) context.getBean("dbHealthContributor");
					await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().total() == 2);
					// The database goes away before the db check ever ran.
					proxy.refuse();
					proxy.cutAll();
					pool.evictAll();
					await().atMost(Duration.ofSeconds(10))
						.until(() -> pool.stats().total() == 0 && pool.stats().connectionFailing());
					Health health = indicator.health();
					assertThat(health.getStatus()).isEqualTo(Status.DOWN);
					assertThat(health.getDetails()).containsEntry("database", "PostgreSQL");
					assertBootsErrorShape(health, pool);
				});
		}
	}

	// As Boot's DataSourceHealthIndicator: error is "<exception class>: <message>"; the
	// pool's view of it is lastConnectionError, as in the pool component.
	private static void assertBootsErrorShape(Health health, PoolDataSource pool) {
		PoolConnectionError last = pool.stats().lastConnectionError();
		assertThat(last).isNotNull();
		assertThat(health.getDetails().get("error")).isInstanceOf(String.class)
			.isEqualTo(last.exception().getClass().getName() + ": " + last.exception().getMessage());
		assertThat(Map.class.cast(health.getDetails().get("lastConnectionError"))).containsKeys("kind", "message",
				"at");
	}

	@Test
	void isOutOfServiceOnceThePoolIsClosed() {
		this.runner.run((context) -> {
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			HealthIndicator indicator = (HealthIndicator) context.getBean("dbHealthContributor");
			pool.close();
			assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		});
	}

	@Test
	void anotherDataSourceKeepsBootsOwnCheck() {
		this.runner
			.withBean("reportingDataSource", DataSource.class, PoolDbHealthContributorAutoConfigurationTests::plain)
			.withBean("poolDataSource", PoolDataSource.class, PoolDbHealthContributorAutoConfigurationTests::pool)
			.run((context) -> {
				CompositeHealthContributor composite = context.getBean("dbHealthContributor",
						CompositeHealthContributor.class);
				assertThat(composite.getContributor("reportingDataSource"))
					.isExactlyInstanceOf(DataSourceHealthIndicator.class);
				assertThat(composite.getContributor("poolDataSource")).isInstanceOf(PoolDbHealthIndicator.class);
				Health reporting = health(composite.getContributor("reportingDataSource"));
				assertThat(reporting.getStatus()).isEqualTo(Status.UP);
				assertThat(reporting.getDetails()).containsEntry("database", "PostgreSQL");
			});
	}

	@Test
	void findsAPoolBehindAWrapper() {
		this.runner.withBean("dataSource", DataSource.class, () -> new LazyConnectionDataSourceProxy(pool()))
			.run((context) -> assertThat(context.getBean("dbHealthContributor"))
				.isInstanceOf(PoolDbHealthIndicator.class));
	}

	@Test
	void checksEachTargetOfARoutingDataSource() {
		this.runner.withBean("dataSource", DataSource.class, PoolDbHealthContributorAutoConfigurationTests::routing)
			.run((context) -> {
				CompositeHealthContributor composite = context.getBean("dbHealthContributor",
						CompositeHealthContributor.class);
				assertThat(composite.getContributor("pooled")).isInstanceOf(PoolDbHealthIndicator.class);
				assertThat(composite.getContributor("plain")).isExactlyInstanceOf(DataSourceHealthIndicator.class);
			});
	}

	@Test
	void ignoresRoutingDataSourcesWhenBootIsToldTo() {
		this.runner
			.withBean("routingDataSource", DataSource.class, PoolDbHealthContributorAutoConfigurationTests::routing)
			.withBean("poolDataSource", PoolDataSource.class, PoolDbHealthContributorAutoConfigurationTests::pool)
			.withPropertyValues("management.health.db.ignore-routing-data-sources=true")
			.run((context) -> assertThat(context.getBean("dbHealthContributor"))
				.isInstanceOf(PoolDbHealthIndicator.class));
	}

	@Test
	void managementHealthDbEnabledFalseTurnsItOff() {
		this.runner.withPropertyValues("management.health.db.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("dbHealthContributor"));
	}

	@Test
	void aContributorOfTheApplicationWins() {
		this.runner
			.withBean("dbHealthContributor", HealthContributor.class,
					() -> (HealthIndicator) () -> Health.up().withDetail("mine", true).build())
			.run((context) -> assertThat(
					health(context.getBean("dbHealthContributor", HealthContributor.class)).getDetails())
				.containsEntry("mine", true));
	}

	private static PoolDataSource pool() {
		PoolDataSource pool = new PoolDataSource(PoolConfig.builder()
			.name("poolkit-db-health-own")
			.url(PostgresTestSupport.url())
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			.maxSize(1)
			.build());
		// Closed after each test: those inside a routing data source are no beans.
		pools.add(pool);
		return pool;
	}

	@AfterEach
	void closePools() {
		pools.forEach(PoolDataSource::close);
		pools.clear();
	}

	private static DataSource plain() {
		return new DriverManagerDataSource(PostgresTestSupport.url(), PostgresTestSupport.user(),
				PostgresTestSupport.password());
	}

	private static DataSource routing() {
		AbstractRoutingDataSource routing = new AbstractRoutingDataSource() {

			@Override
			protected Object determineCurrentLookupKey() {
				return "pooled";
			}

		};
		routing.setTargetDataSources(Map.of("pooled", pool(), "plain", plain()));
		routing.afterPropertiesSet();
		return routing;
	}

	private static Health health(HealthContributor contributor) {
		Health health = ((HealthIndicator) contributor).health();
		assertThat(health).isNotNull();
		return health;
	}

}
