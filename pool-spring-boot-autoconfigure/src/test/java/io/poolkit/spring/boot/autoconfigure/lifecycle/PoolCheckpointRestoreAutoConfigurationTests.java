package io.poolkit.spring.boot.autoconfigure.lifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.poolkit.PoolConfig;
import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceAutoConfiguration;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link PoolCheckpointRestoreAutoConfiguration}: stopping the context, as Spring does
 * before a CRaC checkpoint, leaves no session of any pool on PostgreSQL while borrowers
 * wait; starting it, as after a restore, refills the pools and the waiting borrowers get
 * their connections. Sessions are counted in {@code pg_stat_activity} by each pool's
 * {@code application_name}, its name.
 */
class PoolCheckpointRestoreAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final String name = "poolkit-crac-" + UUID.randomUUID().toString().substring(0, 8);

	private final String ownName = this.name + "-own";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolDataSourceAutoConfiguration.class,
				DataSourceAutoConfiguration.class, PoolCheckpointRestoreAutoConfiguration.class))
		.withPropertyValues(PostgresTestSupport.propertyValues("app.pool."))
		.withPropertyValues("app.pool.name=" + this.name, "app.pool.max-size=2", "app.pool.min-idle=2");

	@Test
	void stopClosesEveryConnectionWhileBorrowersWaitAndStartServesThem() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(PoolCheckpointRestoreLifecycle.class);
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			await().atMost(WAIT).until(() -> sessions(this.name) == 2);
			Connection held = pool.getConnection();

			CompletableFuture<Void> stopped = CompletableFuture.runAsync(context::stop);
			// The idle connection closes at once; the borrowed one when it comes back.
			await().atMost(WAIT).until(() -> sessions(this.name) == 1);
			assertThat(stopped).isNotDone();
			held.close();
			stopped.get(20, TimeUnit.SECONDS);
			assertThat(pool.stats().total()).isZero();
			// The server ends a session a moment after its client closed it.
			await().atMost(WAIT).until(() -> sessions(this.name) == 0);

			// A borrower now waits rather than fails, and no connection is opened for it.
			CompletableFuture<Integer> borrower = CompletableFuture.supplyAsync(() -> selectOne(pool));
			await().atMost(WAIT).until(() -> pool.stats().pending() == 1);
			assertThat(sessions(this.name)).isZero();
			assertThat(borrower).isNotDone();

			context.start();
			assertThat(borrower.get(20, TimeUnit.SECONDS)).isOne();
			await().atMost(WAIT).until(() -> sessions(this.name) == 2);

			// And again: a second checkpoint works as the first.
			context.stop();
			await().atMost(WAIT).until(() -> sessions(this.name) == 0);
			context.start();
			assertThat(selectOne(pool)).isOne();
		});
	}

	@Test
	void theApplicationsOwnPoolsTakePartToo() {
		// One defined as a PoolDataSource, one behind a wrapper.
		this.runner.withBean("ordersDataSource", PoolDataSource.class, () -> new PoolDataSource(config(this.name, 2)))
			.withBean("reportingDataSource", DataSource.class,
					() -> new LazyConnectionDataSourceProxy(new PoolDataSource(config(this.ownName, 1))))
			.run((context) -> {
				assertThat(context).hasSingleBean(PoolCheckpointRestoreLifecycle.class);
				DataSource reporting = context.getBean("reportingDataSource", DataSource.class);
				assertThat(selectOne(reporting)).isOne();
				await().atMost(WAIT).until(() -> sessions(this.name) == 2 && sessions(this.ownName) == 1);
				context.stop();
				await().atMost(WAIT).until(() -> sessions(this.name) == 0 && sessions(this.ownName) == 0);
				context.start();
				assertThat(selectOne(reporting)).isOne();
				await().atMost(WAIT).until(() -> sessions(this.name) == 2 && sessions(this.ownName) == 1);
			});
	}

	@Test
	void closingTheContextLeavesClosingToThePools() {
		this.runner.withUserConfiguration(CloseProbeConfiguration.class).run((context) -> {
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			await().atMost(WAIT).until(() -> pool.stats().idle() == 2);
			CloseProbe probe = context.getBean(CloseProbe.class);
			context.close();
			// Lifecycle beans stop before any bean is destroyed: a pool drained then
			// would show so to the probe, destroyed just before the pool.
			assertThat(probe.suspendedAtDestroy).isFalse();
			assertThat(probe.totalAtDestroy).isEqualTo(2);
			assertThat(pool.isClosed()).isTrue();
		});
	}

	@Test
	void absentWithoutTheCracApi() {
		this.runner.withClassLoader(new FilteredClassLoader("org.crac"))
			.run((context) -> assertThat(context).hasSingleBean(PoolDataSource.class)
				.doesNotHaveBean(PoolCheckpointRestoreLifecycle.class));
	}

	@Test
	void theApplicationsLifecycleWins() {
		this.runner.withUserConfiguration(OwnLifecycleConfiguration.class)
			.run((context) -> assertThat(context).getBean(PoolCheckpointRestoreLifecycle.class)
				.isSameAs(context.getBean("myLifecycle")));
	}

	private static PoolConfig config(String name, int size) {
		return PoolConfig.builder()
			.name(name)
			.url(PostgresTestSupport.url())
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			.maxSize(size)
			.minIdle(size)
			.connectionTimeout(Duration.ofSeconds(60))
			.build();
	}

	private static int selectOne(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("select 1");
				ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getInt(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int sessions(String applicationName) throws SQLException {
		try (Connection admin = PostgresTestSupport.connect();
				PreparedStatement count = admin.prepareStatement(
						"select count(*) from pg_stat_activity where application_name = ? and pid <> pg_backend_pid()")) {
			count.setString(1, applicationName);
			try (ResultSet rows = count.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class CloseProbeConfiguration {

		@Bean
		CloseProbe closeProbe(PoolDataSource pool) {
			return new CloseProbe(pool);
		}

	}

	static class CloseProbe implements DisposableBean {

		private final PoolDataSource pool;

		volatile boolean suspendedAtDestroy;

		volatile int totalAtDestroy = -1;

		CloseProbe(PoolDataSource pool) {
			this.pool = pool;
		}

		@Override
		public void destroy() {
			this.suspendedAtDestroy = this.pool.stats().suspended();
			this.totalAtDestroy = this.pool.stats().total();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnLifecycleConfiguration {

		@Bean
		PoolCheckpointRestoreLifecycle myLifecycle(ConfigurableApplicationContext context) {
			return new PoolCheckpointRestoreLifecycle(context);
		}

	}

}
