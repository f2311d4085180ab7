package io.poolkit.spring.boot.autoconfigure.observation;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceAutoConfiguration;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceFactory;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link PoolObservationAutoConfiguration}: with an {@link ObservationRegistry} each
 * borrow of each pool is a {@code poolkit.acquire} observation, a child of the borrower's
 * current one, with the pool's name and the outcome; without one no observer is set on
 * any pool, so a borrow does no work for it.
 */
class PoolObservationAutoConfigurationTests {

	private final String name = "poolkit-observed-" + UUID.randomUUID().toString().substring(0, 8);

	private final ApplicationContextRunner withoutRegistry = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolDataSourceAutoConfiguration.class,
				DataSourceAutoConfiguration.class, PoolObservationAutoConfiguration.class))
		.withPropertyValues(PostgresTestSupport.propertyValues("app.pool."))
		.withPropertyValues("app.pool.name=" + this.name, "app.pool.max-size=1", "app.pool.min-idle=1",
				"app.pool.connection-timeout=100ms");

	private final ApplicationContextRunner runner = this.withoutRegistry.withBean(ObservationRegistry.class,
			TestObservationRegistry::create);

	@Test
	void noObserverWithoutAnObservationRegistry() {
		this.withoutRegistry.run((context) -> {
			assertThat(context).hasNotFailed();
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			assertThat(pool.acquireObserver()).isNull();
		});
		this.runner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(PoolObservationAutoConfiguration.class);
			assertThat(context.getBean(PoolDataSource.class).acquireObserver()).isNull();
		});
	}

	@Test
	void noObserverWithANoopRegistryOrWhenTheObservationIsSwitchedOff() {
		this.withoutRegistry.withBean(ObservationRegistry.class, () -> ObservationRegistry.NOOP)
			.run((context) -> assertThat(context.getBean(PoolDataSource.class).acquireObserver()).isNull());
		for (String off : new String[] { "management.observations.enable.poolkit.acquire=false",
				"management.observations.enable.poolkit=false", "management.observations.enable.all=false" }) {
			this.runner.withPropertyValues(off)
				.run((context) -> assertThat(context.getBean(PoolDataSource.class).acquireObserver()).as(off).isNull());
		}
		this.runner
			.withPropertyValues("management.observations.enable.all=false",
					"management.observations.enable.poolkit=true")
			.run((context) -> assertThat(context.getBean(PoolDataSource.class).acquireObserver()).isNotNull());
	}

	@Test
	void aBorrowIsAnObservationOfItsPoolInTheBorrowersTrace() {
		this.runner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			assertThat(pool.acquireObserver()).isInstanceOf(PoolAcquireObserver.class);
			Observation request = Observation.start("http.server.requests", registry);
			try (Observation.Scope scope = request.openScope(); Connection connection = pool.getConnection()) {
				assertThat(connection.isValid(1)).isTrue();
			}
			finally {
				request.stop();
			}
			assertThat(registry).hasObservationWithNameEqualTo("poolkit.acquire")
				.that()
				.hasContextualNameEqualTo("pool acquire")
				.hasLowCardinalityKeyValue("pool", this.name)
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasParentObservationEqualTo(request)
				.doesNotHaveError()
				.hasBeenStarted()
				.hasBeenStopped();
		});
	}

	@Test
	void aTimeoutAndAnErrorAreOutcomesWithTheirException() {
		this.runner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			SQLException timeout;
			try (Connection held = pool.getConnection()) {
				timeout = catchSql(pool);
			}
			assertThat((Throwable) timeout).isInstanceOf(SQLTransientConnectionException.class);
			pool.close();
			SQLException closed = catchSql(pool);
			assertThat((Throwable) closed).isInstanceOf(SQLNonTransientConnectionException.class);
			assertThat(registry).hasNumberOfObservationsWithNameEqualTo("poolkit.acquire", 3)
				.hasHandledContextsThatSatisfy((contexts) -> {
					List<PoolAcquireContext> acquires = contexts.stream()
						.filter(PoolAcquireContext.class::isInstance)
						.map(PoolAcquireContext.class::cast)
						.toList();
					assertThat(acquires).extracting(PoolAcquireContext::getOutcome)
						.containsExactly(PoolAcquireOutcome.SUCCESS, PoolAcquireOutcome.TIMEOUT,
								PoolAcquireOutcome.ERROR);
					assertThat(acquires.get(1).getError()).isSameAs(timeout);
					assertThat(acquires.get(1).getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("timeout");
					assertThat(acquires.get(2).getError()).isSameAs(closed);
					assertThat(acquires.get(2).getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("error");
				});
		});
	}

	@Test
	void everyPoolIsObservedTheApplicationsOwnToo() {
		this.runner.withUserConfiguration(ReportingPool.class)
			.withPropertyValues("app.reporting-pool.url=" + PostgresTestSupport.url(),
					"app.reporting-pool.username=" + PostgresTestSupport.user(),
					"app.reporting-pool.password=" + PostgresTestSupport.password(),
					"app.reporting-pool.name=" + this.name + "-reporting", "app.reporting-pool.max-size=1")
			.run((context) -> {
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				PoolDataSource reporting = context.getBean("reportingDataSource", PoolDataSource.class);
				try (Connection connection = reporting.getConnection()) {
					assertThat(connection.isValid(1)).isTrue();
				}
				assertThat(registry).hasObservationWithNameEqualTo("poolkit.acquire")
					.that()
					.hasLowCardinalityKeyValue("pool", this.name + "-reporting");
			});
	}

	@Test
	void aConventionBeanNamesTheObservation() {
		this.runner.withBean(PoolAcquireObservationConvention.class, () -> new PoolAcquireObservationConvention() {
			@Override
			public String getName() {
				return "db.pool.wait";
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(PoolAcquireContext context) {
				return KeyValues.of("db.pool", context.getPool());
			}
		}).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			try (Connection connection = context.getBean(PoolDataSource.class).getConnection()) {
				assertThat(connection.isValid(1)).isTrue();
			}
			assertThat(registry).hasObservationWithNameEqualTo("db.pool.wait")
				.that()
				.hasLowCardinalityKeyValue("db.pool", this.name);
		});
	}

	/**
	 * An observation handler that fails when the borrow's observation stops, after the
	 * borrow: the borrower gets the handler's exception and the pool (of one) its
	 * connection back, so the next borrow does not time out.
	 */
	@Test
	void aHandlerThatFailsAfterTheBorrowLosesThePoolNoConnection() {
		AtomicBoolean fail = new AtomicBoolean(true);
		ObservationRegistry failing = ObservationRegistry.create();
		failing.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				if (fail.getAndSet(false)) {
					throw new IllegalStateException("tracing backend down");
				}
			}
		});
		this.withoutRegistry.withBean(ObservationRegistry.class, () -> failing).run((context) -> {
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			assertThat(pool.acquireObserver()).isInstanceOf(PoolAcquireObserver.class);
			assertThatIllegalStateException().isThrownBy(pool::getConnection).withMessage("tracing backend down");
			try (Connection connection = pool.getConnection()) {
				assertThat(connection.isValid(1)).isTrue();
			}
		});
	}

	private static SQLException catchSql(PoolDataSource pool) {
		try (Connection connection = pool.getConnection()) {
			throw new AssertionError("borrowed " + connection);
		}
		catch (SQLException ex) {
			return ex;
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class ReportingPool {

		@Bean(defaultCandidate = false)
		@Qualifier("reporting")
		PoolDataSource reportingDataSource(PoolDataSourceFactory pools) {
			return pools.create("app.reporting-pool");
		}

	}

}
