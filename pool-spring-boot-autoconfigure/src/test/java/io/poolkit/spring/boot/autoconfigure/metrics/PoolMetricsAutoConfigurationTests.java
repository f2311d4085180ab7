package io.poolkit.spring.boot.autoconfigure.metrics;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.poolkit.CloseReason;
import io.poolkit.ConnectionErrorKind;
import io.poolkit.PoolDataSource;
import io.poolkit.SizingDecision;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceAutoConfiguration;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link PoolMetricsAutoConfiguration}: the {@code pool.*} meters exist only with a
 * registry, carry the pool's name, count from the first connection on (read from the
 * pool's own totals), and follow Boot's {@code management.metrics.*} switches.
 */
class PoolMetricsAutoConfigurationTests {

	private final ApplicationContextRunner withoutRegistry = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolDataSourceAutoConfiguration.class,
				DataSourceAutoConfiguration.class, PoolMetricsAutoConfiguration.class))
		.withPropertyValues(PostgresTestSupport.propertyValues("app.pool."))
		.withPropertyValues("app.pool.name=orders", "app.pool.max-size=2", "app.pool.min-idle=2");

	private final ApplicationContextRunner runner = this.withoutRegistry.withConfiguration(
			AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, DataSourcePoolMetricsAutoConfiguration.class));

	@Test
	void noMetersWithoutARegistry() {
		this.withoutRegistry.run((context) -> {
			assertThat(context).hasSingleBean(PoolDataSource.class).doesNotHaveBean(PoolMeterBinder.class);
		});
	}

	@Test
	void noMetersWithoutMicrometer() {
		this.withoutRegistry.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasSingleBean(PoolDataSource.class)
				.doesNotHaveBean(PoolMeterBinder.class));
	}

	@Test
	void registersEveryMeterTaggedWithThePoolName() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(PoolMeterBinder.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().idle() == 2);
			// Each gauge reads its own count: a value, not just a meter that exists.
			Map<String, Double> gauges = Map.of("pool.connections.active", 0.0, "pool.connections.idle", 2.0,
					"pool.connections.pending", 0.0, "pool.connections.total", 2.0, "pool.connections.max", 2.0,
					"pool.connections.min", 2.0, "pool.connections.target", 2.0, "pool.utilization", 0.0);
			gauges.forEach(
					(gauge, value) -> assertThat(registry.get(gauge).tag("pool", "orders").gauge().value()).as(gauge)
						.isEqualTo(value));
			assertThat(registry.get("pool.acquire").tag("pool", "orders").timer().count()).isZero();
			assertThat(registry.get("pool.usage").tag("pool", "orders").functionTimer().count()).isZero();
			assertThat(registry.get("pool.creation").tag("pool", "orders").functionTimer().count()).isEqualTo(2);
			assertThat(
					registry.get("pool.creation").tag("pool", "orders").functionTimer().totalTime(TimeUnit.NANOSECONDS))
				.isPositive();
			assertThat(registry.get("pool.timeouts").tag("pool", "orders").functionCounter().count()).isZero();
			assertThat(registry.get("pool.connections.opened").tag("pool", "orders").functionCounter().count())
				.isEqualTo(2);
			for (CloseReason reason : CloseReason.values()) {
				assertThat(registry.get("pool.connections.closed")
					.tags("pool", "orders", "reason", reason.tag())
					.functionCounter()
					.count()).as(reason.tag()).isZero();
			}
			for (ConnectionErrorKind kind : ConnectionErrorKind.values()) {
				assertThat(registry.get("pool.errors")
					.tags("pool", "orders", "kind", kind.tag())
					.functionCounter()
					.count()).as(kind.tag()).isZero();
			}
			pool.evictAll();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.get("pool.connections.closed")
					.tags("pool", "orders", "reason", "evicted")
					.functionCounter()
					.count() == 2);
		});
	}

	@Test
	void countsFromTheFirstConnectionOn() {
		this.runner.run((context) -> {
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			// The first connection opened before the registry existed: startup waits for
			// it.
			await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().total() == 2);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.get("pool.connections.opened")
					.tag("pool", "orders")
					.functionCounter()
					.count() == 2);
			assertThat(registry.get("pool.creation").tag("pool", "orders").functionTimer().count()).isEqualTo(2);
			assertThat(registry.get("pool.connections.total").tag("pool", "orders").gauge().value()).isEqualTo(2);
		});
	}

	@Test
	void metersFollowBorrows() {
		this.runner.run((context) -> {
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Timer acquire = registry.get("pool.acquire").tag("pool", "orders").timer();
			FunctionTimer usage = registry.get("pool.usage").tag("pool", "orders").functionTimer();
			long acquiredBefore = acquire.count();
			double usedBefore = usage.count();
			try (Connection connection = pool.getConnection()) {
				assertThat(registry.get("pool.connections.active").tag("pool", "orders").gauge().value()).isOne();
				assertThat(registry.get("pool.utilization").tag("pool", "orders").gauge().value()).isEqualTo(0.5);
				assertThat(acquire.count()).isEqualTo(acquiredBefore + 1);
			}
			assertThat(usage.count()).isEqualTo(usedBefore + 1);
			assertThat(usage.totalTime(TimeUnit.NANOSECONDS)).isPositive();
			assertThat(registry.get("pool.connections.active").tag("pool", "orders").gauge().value()).isZero();
		});
	}

	@Test
	void theTargetOfAFixedPoolIsItsMaxSizeAndFollowsAResize() {
		this.runner.run((context) -> {
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Gauge target = registry.get("pool.connections.target").tag("pool", "orders").gauge();
			assertThat(target.getId().getBaseUnit()).isEqualTo("connections");
			assertThat(target.getId().getDescription()).contains("max-size in fixed mode");
			assertThat(target.value()).isEqualTo(2);
			pool.resize(3, 3);
			assertThat(target.value()).isEqualTo(3);
			assertThat(registry.get("pool.connections.max").tag("pool", "orders").gauge().value()).isEqualTo(3);
		});
	}

	@Test
	void theTargetOfAnAdaptivePoolIsTheOneItChoseFromTheLoad() {
		this.runner
			.withPropertyValues("app.pool.sizing.mode=adaptive", "app.pool.sizing.min-size=1",
					"app.pool.sizing.period=200ms", "app.pool.max-size=6", "app.pool.min-idle=1")
			.run((context) -> {
				PoolDataSource pool = context.getBean(PoolDataSource.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				Gauge target = registry.get("pool.connections.target").tag("pool", "orders").gauge();
				// Quiet: the floor, below the ceiling that pool.connections.max shows.
				assertThat(target.value()).isOne();
				assertThat(registry.get("pool.connections.max").tag("pool", "orders").gauge().value()).isEqualTo(6);
				ExecutorService waiter = Executors.newSingleThreadExecutor();
				try (Connection held = pool.getConnection()) {
					// A second borrower waits behind the one connection: demand 2 of a
					// target of 1, so the pool grows and the waiter is served.
					Future<Boolean> served = waiter.submit(() -> {
						try (Connection connection = pool.getConnection()) {
							return connection.isValid(1);
						}
					});
					assertThat(served.get(20, TimeUnit.SECONDS)).isTrue();
					// While one connection is held the target stays at 2 or more; each
					// period may move it within that, so the gauge, the counts and the
					// last decision are compared once they agree.
					await().atMost(Duration.ofSeconds(10)).until(() -> {
						SizingDecision decision = pool.sizingDecision();
						double value = target.value();
						return value >= 2 && value == pool.stats().target() && value == decision.target();
					});
					assertThat(target.value()).isLessThanOrEqualTo(6);
				}
				finally {
					waiter.shutdownNow();
				}
			});
	}

	/**
	 * A borrow refused after {@code connection-timeout} and one refused at once by
	 * {@code on-exhausted=fail-fast} are both counted by {@code pool.timeouts}, whose
	 * description names both.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			app.pool.connection-timeout=50ms  | within connection-timeout 50 ms
			app.pool.on-exhausted=fail-fast   | at once: none is idle and the pool is full (on-exhausted=fail-fast)
			""")
	void countsRefusedBorrowsAsTimeouts(String setting, String refusal) {
		this.runner.withPropertyValues("app.pool.max-size=1", "app.pool.min-idle=1", setting).run((context) -> {
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (Connection held = pool.getConnection()) {
				assertThatExceptionOfType(SQLTransientConnectionException.class).isThrownBy(pool::getConnection)
					.withMessageContaining(refusal);
			}
			FunctionCounter timeouts = registry.get("pool.timeouts").tag("pool", "orders").functionCounter();
			assertThat(timeouts.count()).isOne();
			assertThat(timeouts.getId().getDescription()).contains("connection-timeout")
				.contains("on-exhausted=fail-fast");
		});
	}

	@Test
	void countsConnectionErrorsByKind() {
		this.runner
			.withPropertyValues("app.pool.url=" + PostgresTestSupport.unreachableUrl(),
					"app.pool.initialization-timeout=0")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> registry.get("pool.errors")
						.tags("pool", "orders", "kind", "refused")
						.functionCounter()
						.count() >= 1);
				assertThat(registry.get("pool.connections.total").tag("pool", "orders").gauge().value()).isZero();
			});
	}

	@Test
	void publishesAcquirePercentilesAndHistogramByDefault() {
		this.runner.withUserConfiguration(DistributionCaptureConfiguration.class).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			for (String phi : new String[] { "0.5", "0.95", "0.99" }) {
				assertThat(registry.find("pool.acquire.percentile").tags("pool", "orders", "phi", phi).gauge()).as(phi)
					.isNotNull();
			}
			// Whether buckets are exported depends on the registry (Prometheus does, the
			// simple one does not).
			assertThat(context.getBean(DistributionCapture.class).acquire.isPercentileHistogram()).isTrue();
		});
	}

	@Test
	void acquirePercentilesAreConfiguredTheUsualWay() {
		this.runner.withUserConfiguration(DistributionCaptureConfiguration.class)
			.withPropertyValues("management.metrics.distribution.percentiles.pool.acquire=0.75",
					"management.metrics.distribution.percentiles-histogram.pool.acquire=false")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("pool.acquire.percentile").tags("phi", "0.75").gauge()).isNotNull();
				assertThat(registry.find("pool.acquire.percentile").tags("phi", "0.95").gauge()).isNull();
				assertThat(context.getBean(DistributionCapture.class).acquire.isPercentileHistogram()).isFalse();
			});
	}

	@Test
	void managementMetricsEnablePoolFalseTurnsThemOff() {
		this.runner.withPropertyValues("management.metrics.enable.pool=false").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (Connection connection = context.getBean(PoolDataSource.class).getConnection()) {
				assertThat(registry.getMeters()).extracting((meter) -> meter.getId().getName())
					.noneMatch((name) -> name.startsWith("pool."));
			}
			// Boot's own data source meters are a separate switch.
			assertThat(registry.find("jdbc.connections.max").gauge()).isNotNull();
		});
	}

	@Test
	void bootsJdbcConnectionsGaugesSeeThePool() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("jdbc.connections.max").tag("name", "dataSource").gauge().value()).isEqualTo(2);
			assertThat(registry.get("jdbc.connections.min").tag("name", "dataSource").gauge().value()).isEqualTo(2);
			try (Connection connection = context.getBean(PoolDataSource.class).getConnection()) {
				assertThat(registry.get("jdbc.connections.active").tag("name", "dataSource").gauge().value()).isOne();
			}
		});
	}

	@Test
	void poolsTheApplicationBuildsItselfGetEveryMeter() {
		this.runner
			.withBean("myPool", PoolDataSource.class,
					() -> new PoolDataSource(io.poolkit.PoolConfig.builder()
						.name("mine")
						.url(PostgresTestSupport.url())
						.username(PostgresTestSupport.user())
						.password(PostgresTestSupport.password())
						.maxSize(1)
						.build()))
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				PoolDataSource mine = context.getBean("myPool", PoolDataSource.class);
				assertThat(registry.get("pool.connections.max").tag("pool", "mine").gauge().value()).isOne();
				try (Connection connection = mine.getConnection()) {
					assertThat(registry.get("pool.acquire").tag("pool", "mine").timer().count()).isOne();
				}
				assertThat(registry.get("pool.usage").tag("pool", "mine").functionTimer().count()).isOne();
				assertThat(registry.get("pool.connections.opened").tag("pool", "mine").functionCounter().count())
					.isOne();
				// The auto-configured pool backed off for the application's.
				assertThat(registry.find("pool.acquire").tag("pool", "orders").meters()).isEmpty();
			});
	}

	@Test
	void theAcquireTimerCountsFromTheBindingAndTheCountersFromThePoolsStart() throws SQLException {
		PoolDataSource early = new PoolDataSource(io.poolkit.PoolConfig.builder()
			.name("early")
			.url(PostgresTestSupport.url())
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			.maxSize(1)
			.build());
		try (early) {
			try (Connection connection = early.getConnection()) {
				assertThat(connection.isValid(1)).isTrue();
			}
			// The counts of a pool that served before the registry bound it.
			this.runner.withBean("earlyPool", PoolDataSource.class, () -> early).run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("pool.usage").tag("pool", "early").functionTimer().count()).isOne();
				assertThat(registry.get("pool.acquire").tag("pool", "early").timer().count()).isZero();
				try (Connection connection = early.getConnection()) {
					assertThat(registry.get("pool.acquire").tag("pool", "early").timer().count()).isOne();
				}
				assertThat(registry.get("pool.usage").tag("pool", "early").functionTimer().count()).isEqualTo(2);
			});
		}
	}

	@Test
	void bindingTwiceToOneRegistryRegistersAndRecordsOnce() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			int meters = registry.getMeters().size();
			context.getBean(PoolMeterBinder.class).bindTo(registry);
			assertThat(registry.getMeters()).hasSize(meters);
			Timer acquire = registry.get("pool.acquire").tag("pool", "orders").timer();
			long before = acquire.count();
			try (Connection connection = context.getBean(PoolDataSource.class).getConnection()) {
				assertThat(acquire.count()).isEqualTo(before + 1);
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class DistributionCaptureConfiguration {

		// Last of the filters, so it sees the distribution settings the timer is finally
		// built with.
		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		DistributionCapture distributionCapture() {
			return new DistributionCapture();
		}

	}

	static final class DistributionCapture implements MeterFilter {

		volatile DistributionStatisticConfig acquire;

		@Override
		public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
			if (id.getName().equals("pool.acquire")) {
				this.acquire = config;
			}
			return config;
		}

	}

}
