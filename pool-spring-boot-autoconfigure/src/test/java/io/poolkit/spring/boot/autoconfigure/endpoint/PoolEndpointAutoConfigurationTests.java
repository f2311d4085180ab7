package io.poolkit.spring.boot.autoconfigure.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.poolkit.PoolConfig;
import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceAutoConfiguration;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor.FleetBudgetDescriptor;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor.SizingDecisionDescriptor;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor.SizingDescriptor;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolDescriptor.StatsDescriptor;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link PoolEndpointAutoConfiguration}: the {@code pool} endpoint exists only when it is
 * available (exposed and not switched off) and there is a pool, and what the endpoint
 * answers when called directly.
 */
class PoolEndpointAutoConfigurationTests {

	private static final String URL_SECRET = "poolkit-url-secret-31b7";

	private static final String DRIVER_SECRET = "poolkit-driver-secret-c04e";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(PoolDataSourceAutoConfiguration.class, PoolEndpointAutoConfiguration.class))
		.withPropertyValues(PostgresTestSupport.propertyValues("app.pool."))
		.withPropertyValues("app.pool.name=orders", "app.pool.max-size=3", "app.pool.min-idle=1");

	private final ApplicationContextRunner exposed = this.runner
		.withPropertyValues("management.endpoints.web.exposure.include=health,pool");

	@Test
	void absentUnlessExposed() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(PoolDataSource.class)
			.doesNotHaveBean(PoolEndpoint.class)
			.doesNotHaveBean(PoolEndpointWebExtension.class));
	}

	@Test
	void presentWithItsWebExtensionWhenExposedOverHttp() {
		this.exposed.run((context) -> assertThat(context).hasSingleBean(PoolEndpoint.class)
			.hasSingleBean(PoolEndpointWebExtension.class));
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=*")
			.run((context) -> assertThat(context).hasSingleBean(PoolEndpoint.class));
	}

	@Test
	void absentWhenExcludedOrSwitchedOff() {
		this.exposed.withPropertyValues("management.endpoints.web.exposure.exclude=pool")
			.run((context) -> assertThat(context).doesNotHaveBean(PoolEndpoint.class));
		this.exposed.withPropertyValues("management.endpoint.pool.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(PoolEndpoint.class));
	}

	@Test
	void overJmxOnlyTheEndpointWithoutItsWebExtension() {
		this.runner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=pool")
			.run((context) -> assertThat(context).hasSingleBean(PoolEndpoint.class)
				.doesNotHaveBean(PoolEndpointWebExtension.class));
	}

	@Test
	void absentWithoutAPool() {
		this.exposed.withBean(DataSource.class, DriverManagerDataSource::new)
			.run((context) -> assertThat(context).doesNotHaveBean(PoolDataSource.class)
				.doesNotHaveBean(PoolEndpoint.class));
	}

	@Test
	void absentWithoutActuator() {
		this.exposed.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasSingleBean(PoolDataSource.class)
				.doesNotHaveBean(PoolEndpoint.class));
	}

	@Test
	void backsOffForTheApplicationsOwnEndpoint() {
		this.exposed.withUserConfiguration(OwnEndpointConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(PoolEndpoint.class).hasBean("myPoolEndpoint"));
	}

	@Test
	void describesThePrimaryPoolAmongSeveralAndEachByName() {
		// Pools the application defines itself; the auto-configured one backs off for
		// them.
		ApplicationContextRunner twoPools = this.exposed.withBean("orders", PoolDataSource.class,
				() -> unconnectedPool("orders"));
		twoPools
			.withBean("reporting", PoolDataSource.class, () -> unconnectedPool("reporting"),
					(definition) -> definition.setPrimary(true))
			.run((context) -> {
				assertThat(context).getBeans(PoolDataSource.class).hasSize(2);
				PoolEndpoint endpoint = context.getBean(PoolEndpoint.class);
				assertThat(endpoint.pool().name()).isEqualTo("reporting");
				// The main pool first.
				assertThat(endpoint.pool().pools()).containsExactly("reporting", "orders");
				assertThat(endpoint.poolNamed("orders").name()).isEqualTo("orders");
				assertThat(endpoint.poolNamed("orders").pools()).containsExactly("reporting", "orders");
				assertThat(endpoint.poolNamed("billing")).isNull();
			});
		// Without a primary, the first one found stands for the application's; each is
		// still reached by name.
		twoPools.withBean("reporting", PoolDataSource.class, () -> unconnectedPool("reporting")).run((context) -> {
			PoolEndpoint endpoint = context.getBean(PoolEndpoint.class);
			assertThat(endpoint.pool().name()).isEqualTo("orders");
			assertThat(endpoint.poolNamed("reporting").name()).isEqualTo("reporting");
		});
	}

	@Test
	void actsOnAPoolByName() {
		this.exposed
			.withBean("reporting", PoolDataSource.class, () -> unconnectedPool("reporting"),
					(definition) -> ((AbstractBeanDefinition) definition).setDefaultCandidate(false))
			.run((context) -> {
				PoolEndpoint endpoint = context.getBean(PoolEndpoint.class);
				assertThat(endpoint.pool().name()).isEqualTo("orders");
				assertThat(endpoint.pool().pools()).containsExactly("orders", "reporting");
				assertThat(endpoint.controlNamed("reporting", "suspend", null, null).suspended()).isTrue();
				assertThat(endpoint.pool().stats().suspended()).isFalse();
				assertThat(endpoint.controlNamed("reporting", "resume", null, null).suspended()).isFalse();
				StatsDescriptor resized = endpoint.controlNamed("reporting", "resize", 4, 2);
				assertThat(resized.max()).isEqualTo(4);
				assertThat(resized.min()).isEqualTo(2);
				assertThat(endpoint.poolNamed("reporting").settings()).containsEntry("max-size", 4);
				// The main pool (app.pool.max-size=3) is untouched.
				assertThat(endpoint.pool().stats().max()).isEqualTo(3);
				assertThatExceptionOfType(PoolEndpoint.UnknownPoolException.class)
					.isThrownBy(() -> endpoint.controlNamed("billing", "evict", null, null))
					.withMessageContaining("orders, reporting");
				assertThatExceptionOfType(InvalidEndpointRequestException.class)
					.isThrownBy(() -> endpoint.controlNamed("reporting", "resize", null, null))
					.withMessageContaining("maxSize");
				assertThatExceptionOfType(InvalidEndpointRequestException.class)
					.isThrownBy(() -> endpoint.controlNamed("reporting", "drop", null, null))
					.withMessageContaining("POST /actuator/pool/reporting/resize");
			});
	}

	@Test
	void showsTheSettingsWithEverySecretMasked() {
		this.exposed
			.withPropertyValues("app.pool.url=" + PostgresTestSupport.url() + "?sslpassword=" + URL_SECRET,
					"app.pool.data-source-properties.sslpassword=" + DRIVER_SECRET,
					"app.pool.data-source-properties.tcpKeepAlive=true", "app.pool.connection-timeout=5s",
					"app.pool.on-exhausted=fail-fast", "app.pool.transaction-isolation=repeatable-read",
					"app.pool.lifetime-jitter=0.2")
			.run((context) -> {
				PoolDescriptor descriptor = context.getBean(PoolEndpoint.class).pool();
				Map<String, Object> settings = descriptor.settings();
				assertThat(settings).containsEntry("name", "orders")
					.containsEntry("url", PostgresTestSupport.url() + "?sslpassword=******")
					.containsEntry("username", PostgresTestSupport.user())
					.containsEntry("password", "******")
					.containsEntry("max-size", 3)
					.containsEntry("min-idle", 1)
					.containsEntry("connection-timeout", 5000L)
					.containsEntry("on-exhausted", "fail-fast")
					.containsEntry("transaction-isolation", "repeatable-read")
					.containsEntry("lifetime-jitter", 0.2)
					.containsEntry("idle-timeout", Duration.ofMinutes(10).toMillis())
					.containsEntry("sizing.instances", 1);
				assertThat(settings.get("data-source-properties"))
					.isEqualTo(Map.of("sslpassword", "******", "tcpKeepAlive", "true"));
				assertThat(settings.toString()).doesNotContain(PostgresTestSupport.secret())
					.doesNotContain(URL_SECRET)
					.doesNotContain(DRIVER_SECRET);
				assertThat(descriptor.toString()).doesNotContain(PostgresTestSupport.secret())
					.doesNotContain(URL_SECRET)
					.doesNotContain(DRIVER_SECRET);
			});
	}

	@Test
	void appliesTheApplicationsSanitizingFunctionsToo() {
		this.exposed
			.withBean(SanitizingFunction.class,
					() -> (data) -> data.getKey().equals("app.pool.username") ? data.withSanitizedValue() : data)
			.run((context) -> assertThat(context.getBean(PoolEndpoint.class).pool().settings())
				.containsEntry("username", "******")
				.containsEntry("password", "******"));
	}

	@Test
	void aFixedPoolShowsItsModeAndMaxSizeAsItsTarget() {
		this.exposed.run((context) -> {
			PoolDescriptor descriptor = context.getBean(PoolEndpoint.class).pool();
			assertThat(descriptor.sizing()).isEqualTo(new SizingDescriptor("fixed", null, null));
			assertThat(descriptor.stats().target()).isEqualTo(3).isEqualTo(descriptor.stats().max());
			assertThat(context.getBean(PoolEndpoint.class).resize(4, null).target()).isEqualTo(4);
		});
	}

	@Test
	void anAdaptivePoolShowsItsLastDecisionAndItsShareOfTheBudget() {
		this.exposed
			.withPropertyValues("app.pool.sizing.mode=adaptive", "app.pool.sizing.min-size=1",
					"app.pool.sizing.period=100ms", "app.pool.sizing.headroom=3")
			.run((context) -> {
				PoolDataSource pool = context.getBean(PoolDataSource.class);
				PoolEndpoint endpoint = context.getBean(PoolEndpoint.class);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> pool.fleetBudget() != null && pool.sizingDecision() != null
							&& pool.sizingDecision().budgetLimit() >= 0);
				PoolDescriptor descriptor = endpoint.pool();
				SizingDescriptor sizing = descriptor.sizing();
				assertThat(sizing.mode()).isEqualTo("adaptive");
				// Quiet: kept at the floor, below the ceiling (max-size 3).
				SizingDecisionDescriptor decision = sizing.lastDecision();
				assertThat(decision.target()).isOne();
				assertThat(decision.previousTarget()).isOne();
				assertThat(decision.direction()).isEqualTo("keep");
				assertThat(decision.floor()).isOne();
				assertThat(decision.ceiling()).isEqualTo(3);
				assertThat(decision.busyConnections()).isZero();
				assertThat(decision.waitingBorrowers()).isZero();
				assertThat(decision.timeouts()).isZero();
				assertThat(decision.refusals()).isZero();
				assertThat(Instant.parse(decision.at())).isBeforeOrEqualTo(Instant.now());
				assertThat(decision.explanation()).contains("Budget (postgresql)");
				assertThat(descriptor.stats().target()).isOne();
				assertThat(descriptor.stats().max()).isEqualTo(3);

				// Read from the real server, as the pool's role sees it.
				FleetBudgetDescriptor budget = sizing.fleetBudget();
				assertThat(budget.source()).isEqualTo("postgresql");
				assertThat(budget.instance()).matches("orders#[a-z0-9]{6}");
				assertThat(budget.instances()).containsKey(budget.instance());
				assertThat(budget.headroom()).isEqualTo(3);
				assertThat(budget.limit()).isEqualTo(PostgresTestSupport.availableConnections());
				assertThat(budget.capacity()).isEqualTo(budget.limit() - budget.othersInUse() - 3);
				assertThat(budget.limitForThisInstance()).isPositive().isLessThanOrEqualTo(budget.allocation());
				assertThat(decision.budgetLimit()).isNotNull();
				assertThat(budget.explanation()).contains("held by others");
				assertThat(Instant.parse(budget.readAt())).isBeforeOrEqualTo(Instant.now());
				assertThat(endpoint.poolNamed("orders").sizing().mode()).isEqualTo("adaptive");
			});
	}

	@Test
	void resizeKeepsWhatIsLeftOut() {
		this.exposed.run((context) -> {
			PoolEndpoint endpoint = context.getBean(PoolEndpoint.class);
			StatsDescriptor grown = endpoint.resize(5, null);
			assertThat(grown.max()).isEqualTo(5);
			assertThat(grown.min()).isEqualTo(1);
			StatsDescriptor minimum = endpoint.resize(null, 2);
			assertThat(minimum.max()).isEqualTo(5);
			assertThat(minimum.min()).isEqualTo(2);
			assertThat(context.getBean(PoolDataSource.class).config().maxSize()).isEqualTo(5);
		});
	}

	@Test
	void resizeKeepsAFixedSizePoolFixed() {
		this.exposed.withPropertyValues("app.pool.min-idle=3").run((context) -> {
			PoolEndpoint endpoint = context.getBean(PoolEndpoint.class);
			StatsDescriptor shrunk = endpoint.resize(2, null);
			assertThat(shrunk.max()).isEqualTo(2);
			assertThat(shrunk.min()).isEqualTo(2);
		});
	}

	@Test
	void resizeRejectsWhatStartupWouldReject() {
		this.exposed.run((context) -> {
			PoolEndpoint endpoint = context.getBean(PoolEndpoint.class);
			assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(() -> endpoint.resize(0, null))
				.satisfies((ex) -> assertThat(ex.getReason())
					.isEqualTo("max-size: 0 is not allowed; must be between 1 and 10000"));
			assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(() -> endpoint.resize(2, 3))
				.satisfies((ex) -> assertThat(ex.getReason())
					.isEqualTo("min-idle: 3 is not allowed; must be between 0 and max-size (2)"));
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.resize(null, null))
				.satisfies((ex) -> assertThat(ex.getReason()).contains("maxSize").contains("minIdle"));
			// Nothing changed.
			assertThat(context.getBean(PoolDataSource.class).stats().max()).isEqualTo(3);
			assertThat(context.getBean(PoolDataSource.class).config().minIdle()).isEqualTo(1);
		});
	}

	@Test
	void controlRejectsAnUnknownAction() {
		this.exposed.run((context) -> {
			PoolEndpoint endpoint = context.getBean(PoolEndpoint.class);
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.control("restart"))
				.satisfies((ex) -> assertThat(ex.getReason()).contains("'restart'").contains("evict, suspend, resume"));
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.control("resize"))
				.satisfies((ex) -> assertThat(ex.getReason()).contains("POST /actuator/pool"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnEndpointConfiguration {

		@Bean
		PoolEndpoint myPoolEndpoint(PoolDataSource pool) {
			return new PoolEndpoint(pool, List.of());
		}

	}

	// No connection is opened: nothing waits for the database, and no connection is left
	// behind.
	private static PoolDataSource unconnectedPool(String name) {
		return new PoolDataSource(PoolConfig.builder()
			.name(name)
			.url(PostgresTestSupport.url())
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			.minIdle(0)
			.initializationTimeout(Duration.ZERO)
			.build());
	}

}
