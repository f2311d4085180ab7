package io.poolkit.spring.boot.autoconfigure.health;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import io.poolkit.PoolConfig;
import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceAutoConfiguration;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link PoolHealthContributorAutoConfiguration} and {@link PoolHealthIndicator}: when
 * the {@code pool} contributor exists, and what it says about a working, saturated,
 * failing or closed pool.
 */
class PoolHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolDataSourceAutoConfiguration.class,
				PoolHealthContributorAutoConfiguration.class))
		.withPropertyValues(PostgresTestSupport.propertyValues("app.pool."))
		.withPropertyValues("app.pool.name=orders", "app.pool.max-size=2", "app.pool.min-idle=1");

	@Test
	void registersThePoolContributor() {
		this.runner.run((context) -> {
			assertThat(context).hasBean("poolHealthContributor");
			assertThat(context.getBean("poolHealthContributor")).isInstanceOf(PoolHealthIndicator.class);
			Health health = health(context.getBean("poolHealthContributor", HealthContributor.class));
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("name", "orders")
				.containsEntry("active", 0)
				.containsEntry("pending", 0)
				.containsEntry("max", 2)
				.containsEntry("min", 1)
				.containsEntry("utilization", 0.0)
				.containsKeys("total", "idle");
		});
	}

	@Test
	void managementHealthPoolEnabledFalseTurnsItOff() {
		this.runner.withPropertyValues("management.health.pool.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("poolHealthContributor"));
	}

	@Test
	void followsManagementHealthDefaultsEnabled() {
		this.runner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("poolHealthContributor"));
		this.runner
			.withPropertyValues("management.health.defaults.enabled=false", "management.health.pool.enabled=true")
			.run((context) -> assertThat(context).hasBean("poolHealthContributor"));
	}

	@Test
	void noContributorWithoutBootsHealthSupport() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.run((context) -> assertThat(context).hasSingleBean(PoolDataSource.class)
				.doesNotHaveBean("poolHealthContributor"));
	}

	@Test
	void noContributorWithoutAPool() {
		this.runner.withBean(DataSource.class, DriverManagerDataSource::new)
			.run((context) -> assertThat(context).doesNotHaveBean("poolHealthContributor"));
	}

	@Test
	void backsOffForTheApplicationsOwnPoolContributor() {
		this.runner.withBean("poolHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
			.run((context) -> assertThat(context).doesNotHaveBean("poolHealthContributor"));
	}

	@Test
	void aCompositeForSeveralPools() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PoolHealthContributorAutoConfiguration.class))
			.withBean("ordersPool", PoolDataSource.class, () -> new PoolDataSource(config("orders")))
			.withBean("billingPool", PoolDataSource.class, () -> new PoolDataSource(config("billing")))
			.run((context) -> {
				CompositeHealthContributor composite = context.getBean("poolHealthContributor",
						CompositeHealthContributor.class);
				assertThat(health(composite.getContributor("ordersPool")).getDetails()).containsEntry("name", "orders");
				assertThat(health(composite.getContributor("billingPool")).getDetails()).containsEntry("name",
						"billing");
			});
	}

	@Test
	void aSaturatedPoolIsUpAndTheCheckDoesNotWaitForAConnection() {
		this.runner.withPropertyValues("app.pool.connection-timeout=60s").run((context) -> {
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			HealthContributor contributor = context.getBean("poolHealthContributor", HealthContributor.class);
			try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
				// Answered on this very thread while it holds both connections: a borrow
				// here would wait 60s.
				Health health = health(contributor);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("active", 2).containsEntry("utilization", 1.0);
			}
		});
	}

	@Test
	void downWhenThePoolHasNoConnectionAndCannotOpenOne() {
		this.runner
			.withPropertyValues("app.pool.url=" + PostgresTestSupport.unreachableUrl(),
					"app.pool.initialization-timeout=0")
			.run((context) -> {
				HealthContributor contributor = context.getBean("poolHealthContributor", HealthContributor.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> health(contributor).getStatus().equals(Status.DOWN));
				Health health = health(contributor);
				assertThat(health.getDetails()).containsEntry("total", 0).containsEntry("connectionFailing", true);
				assertThat(health.getDetails().get("lastConnectionError")).isInstanceOfSatisfying(Map.class,
						(error) -> {
							assertThat(error).containsEntry("kind", "refused").containsKeys("message", "at");
							assertThat((String) error.get("message")).contains("SQLState 08001");
						});
				assertThat(health.toString()).doesNotContain(PostgresTestSupport.secret());
			});
	}

	@Test
	void downWithTheDatabasesErrorWhenTheLoginIsRejected() {
		this.runner.withPropertyValues("app.pool.username=poolkit_no_such_user", "app.pool.initialization-timeout=0")
			.run((context) -> {
				HealthContributor contributor = context.getBean("poolHealthContributor", HealthContributor.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> health(contributor).getStatus().equals(Status.DOWN));
				@SuppressWarnings("unchecked")
				Map<String, Object> error = (Map<String, Object>) health(contributor).getDetails()
					.get("lastConnectionError");
				assertThat(error).containsEntry("kind", "auth");
				assertThat((String) error.get("message")).contains("poolkit_no_such_user").contains("SQLState 28");
				assertThat(health(contributor).toString()).doesNotContain(PostgresTestSupport.secret());
			});
	}

	@Test
	void outOfServiceOnceClosed() {
		this.runner.run((context) -> {
			context.getBean(PoolDataSource.class).close();
			Health health = health(context.getBean("poolHealthContributor", HealthContributor.class));
			assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(health.getDetails()).containsEntry("closed", true);
		});
	}

	private static Health health(HealthContributor contributor) {
		return ((HealthIndicator) contributor).health();
	}

	private static PoolConfig config(String name) {
		return PoolConfig.builder()
			.name(name)
			.url(PostgresTestSupport.url())
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			.maxSize(1)
			.build();
	}

}
