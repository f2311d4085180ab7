package io.poolkit.spring.boot.autoconfigure;

import java.sql.Connection;
import java.time.Duration;

import javax.sql.DataSource;
import javax.sql.XADataSource;

import io.poolkit.OnExhausted;
import io.poolkit.PoolConfig;
import io.poolkit.PoolDataSource;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.postgresql.xa.PGXADataSource;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadata;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadataProvider;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PoolDataSourceAutoConfiguration}: which {@code DataSource} the application gets,
 * where its settings come from, and when the auto-configuration backs off.
 */
class PoolDataSourceAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(PoolDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class,
						DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
		.withPropertyValues("app.pool.max-size=2", "app.pool.min-idle=1");

	private final ApplicationContextRunner connected = this.runner
		.withPropertyValues(PostgresTestSupport.propertyValues("app.pool."));

	@Test
	void theApplicationsDataSourceIsThePool() {
		this.connected.run((context) -> {
			assertThat(context).hasSingleBean(DataSource.class).hasSingleBean(PoolDataSource.class);
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			assertThat(pool.name()).isEqualTo("pool");
			assertThat(pool.config().url()).isEqualTo(PostgresTestSupport.url());
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.getDataSource()).isSameAs(pool);
			assertThat(jdbc.queryForObject("select current_setting('application_name')", String.class))
				.isEqualTo("pool");
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesADataSource() {
		this.connected.withUserConfiguration(UserDataSourceConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(DataSource.class).doesNotHaveBean(PoolDataSource.class);
			assertThat(context.getBean(DataSource.class)).isSameAs(context.getBean("userDataSource"));
			// Still there, so Boot's gauges and db health see a PoolDataSource the
			// application builds itself.
			assertThat(context).hasSingleBean(DataSourcePoolMetadataProvider.class);
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesAnXaDataSource() {
		this.connected.withBean(XADataSource.class, PGXADataSource::new)
			.run((context) -> assertThat(context).doesNotHaveBean(PoolDataSource.class));
	}

	@Test
	void backsOffWithoutPoolkitOnTheClassPath() {
		this.connected.withClassLoader(new FilteredClassLoader(PoolDataSource.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PoolProperties.class)
				.doesNotHaveBean(DataSourcePoolMetadataProvider.class));
	}

	@Test
	void masksSecretsForTheActuatorWhenItIsThere() {
		this.connected.run((context) -> assertThat(context).hasSingleBean(SanitizingFunction.class));
		this.connected.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).hasSingleBean(PoolDataSource.class)
				.doesNotHaveBean("poolSecretsSanitizingFunction"));
	}

	@Test
	void closesThePoolWhenTheContextCloses() {
		PoolDataSource[] pool = new PoolDataSource[1];
		this.connected.run((context) -> {
			pool[0] = context.getBean(PoolDataSource.class);
			assertThat(pool[0].isClosed()).isFalse();
		});
		assertThat(pool[0].isClosed()).isTrue();
	}

	@Test
	void bindsEverySetting() {
		this.connected
			.withPropertyValues("app.pool.name=orders", "app.pool.driver-class-name=org.postgresql.Driver",
					"app.pool.data-source-properties.tcpKeepAlive=true",
					"app.pool.data-source-properties[loginTimeout]=7", "app.pool.sizing.db-cores=4",
					"app.pool.sizing.effective-spindle-count=1", "app.pool.sizing.instances=3",
					"app.pool.connection-timeout=5s", "app.pool.on-exhausted=overflow", "app.pool.max-overflow=2",
					"app.pool.overflow-after=250ms", "app.pool.max-waiters=50", "app.pool.idle-timeout=5m",
					"app.pool.max-lifetime=20m", "app.pool.lifetime-jitter=0.2", "app.pool.keepalive-interval=1m",
					"app.pool.validation-query=select 1", "app.pool.validation-timeout=2s",
					"app.pool.validation-bypass=100ms", "app.pool.leak-detection-threshold=30s",
					"app.pool.initialization-timeout=PT3S", "app.pool.connection-init-sql=set search_path to public",
					"app.pool.auto-commit=true", "app.pool.transaction-isolation=repeatable-read",
					"app.pool.read-only=false", "app.pool.catalog=test", "app.pool.schema=public",
					"app.pool.shutdown-timeout=1500", "app.pool.register-mbeans=false", "app.pool.pgbouncer=true")
			.run((context) -> {
				PoolConfig config = context.getBean(PoolDataSource.class).config();
				assertThat(config.name()).isEqualTo("orders");
				assertThat(config.url()).isEqualTo(PostgresTestSupport.url());
				assertThat(config.username()).isEqualTo(PostgresTestSupport.user());
				assertThat(config.password()).isEqualTo(PostgresTestSupport.secret());
				assertThat(config.driverClassName()).isEqualTo("org.postgresql.Driver");
				assertThat(config.dataSourceProperties()).containsEntry("tcpKeepAlive", "true")
					.containsEntry("loginTimeout", "7");
				assertThat(config.maxSize()).isEqualTo(2);
				assertThat(config.minIdle()).isEqualTo(1);
				assertThat(config.sizingDbCores()).isEqualTo(4);
				assertThat(config.sizingEffectiveSpindleCount()).isEqualTo(1);
				assertThat(config.sizingInstances()).isEqualTo(3);
				assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(config.onExhausted()).isEqualTo(OnExhausted.OVERFLOW);
				assertThat(config.maxOverflow()).isEqualTo(2);
				assertThat(config.overflowAfter()).isEqualTo(Duration.ofMillis(250));
				assertThat(config.maxWaiters()).isEqualTo(50);
				assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
				assertThat(config.maxLifetime()).isEqualTo(Duration.ofMinutes(20));
				assertThat(config.lifetimeJitter()).isEqualTo(0.2);
				assertThat(config.keepaliveInterval()).isEqualTo(Duration.ofMinutes(1));
				assertThat(config.validationQuery()).isEqualTo("select 1");
				assertThat(config.validationTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(config.validationBypass()).isEqualTo(Duration.ofMillis(100));
				assertThat(config.leakDetectionThreshold()).isEqualTo(Duration.ofSeconds(30));
				assertThat(config.initializationTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(config.connectionInitSql()).isEqualTo("set search_path to public");
				assertThat(config.autoCommit()).isTrue();
				assertThat(config.transactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
				assertThat(config.readOnly()).isFalse();
				assertThat(config.catalog()).isEqualTo("test");
				assertThat(config.schema()).isEqualTo("public");
				assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofMillis(1500));
				assertThat(config.registerMbeans()).isFalse();
				assertThat(config.pgbouncer()).isTrue();
				// The pool really works with all of them.
				try (Connection connection = context.getBean(DataSource.class).getConnection()) {
					assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
				}
			});
	}

	@Test
	void sizesThePoolFromSizingWhenMaxSizeIsUnset() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PoolDataSourceAutoConfiguration.class))
			.withPropertyValues(PostgresTestSupport.propertyValues("app.pool."))
			.withPropertyValues("app.pool.min-idle=1", "app.pool.sizing.db-cores=2",
					"app.pool.sizing.effective-spindle-count=1")
			.run((context) -> assertThat(context.getBean(PoolDataSource.class).config().maxSize()).isEqualTo(5));
	}

	@Test
	void leavesSettingsTheApplicationDoesNotSetToPoolCore() {
		PoolConfig defaults = PoolConfig.builder().url(PostgresTestSupport.url()).build();
		// A configured max-lifetime below the default idle-timeout is fine: only two
		// configured values conflict.
		this.connected.withPropertyValues("app.pool.max-lifetime=5m").run((context) -> {
			PoolConfig config = context.getBean(PoolDataSource.class).config();
			assertThat(config.maxLifetime()).isEqualTo(Duration.ofMinutes(5));
			assertThat(config.idleTimeout()).isEqualTo(defaults.idleTimeout());
			assertThat(config.connectionTimeout()).isEqualTo(defaults.connectionTimeout());
			assertThat(config.onExhausted()).isEqualTo(defaults.onExhausted());
			assertThat(config.lifetimeJitter()).isEqualTo(defaults.lifetimeJitter());
			assertThat(config.transactionIsolation()).isNull();
			assertThat(config.autoCommit()).isNull();
		});
	}

	@Test
	void documentedDefaultsAreThoseOfPoolCore() {
		// The field initialisers become the defaults IDEs show; they must not drift from
		// pool-core's.
		PoolConfig defaults = PoolConfig.builder().url(PostgresTestSupport.url()).build();
		PoolProperties properties = new PoolProperties();
		assertThat(properties.getConnectionTimeout()).isEqualTo(defaults.connectionTimeout());
		assertThat(properties.getOnExhausted()).isEqualTo(defaults.onExhausted());
		assertThat(properties.getMaxOverflow()).isEqualTo(defaults.maxOverflow());
		assertThat(properties.getOverflowAfter()).isEqualTo(defaults.overflowAfter());
		assertThat(properties.getMaxWaiters()).isEqualTo(defaults.maxWaiters());
		assertThat(properties.getIdleTimeout()).isEqualTo(defaults.idleTimeout());
		assertThat(properties.getMaxLifetime()).isEqualTo(defaults.maxLifetime());
		assertThat(properties.getLifetimeJitter()).isEqualTo(defaults.lifetimeJitter());
		assertThat(properties.getKeepaliveInterval()).isEqualTo(defaults.keepaliveInterval());
		assertThat(properties.getValidationTimeout()).isEqualTo(defaults.validationTimeout());
		assertThat(properties.getValidationBypass()).isEqualTo(defaults.validationBypass());
		assertThat(properties.getLeakDetectionThreshold()).isEqualTo(defaults.leakDetectionThreshold());
		assertThat(properties.getInitializationTimeout()).isEqualTo(defaults.initializationTimeout());
		assertThat(properties.getShutdownTimeout()).isEqualTo(defaults.shutdownTimeout());
		assertThat(properties.isRegisterMbeans()).isEqualTo(defaults.registerMbeans());
		assertThat(properties.isPgbouncer()).isEqualTo(defaults.pgbouncer());
		assertThat(properties.getSizing().getEffectiveSpindleCount()).isEqualTo(defaults.sizingEffectiveSpindleCount());
		assertThat(properties.getSizing().getInstances()).isEqualTo(defaults.sizingInstances());
	}

	@Test
	void connectionSettingsFallBackToSpringDatasource() {
		this.runner
			.withPropertyValues("spring.datasource.url=" + PostgresTestSupport.url(),
					"spring.datasource.username=" + PostgresTestSupport.user(),
					"spring.datasource.password=" + PostgresTestSupport.secret(),
					"spring.datasource.driver-class-name=org.postgresql.Driver")
			.run((context) -> {
				PoolConfig config = context.getBean(PoolDataSource.class).config();
				assertThat(config.url()).isEqualTo(PostgresTestSupport.url());
				assertThat(config.username()).isEqualTo(PostgresTestSupport.user());
				assertThat(config.password()).isEqualTo(PostgresTestSupport.secret());
				assertThat(config.driverClassName()).isEqualTo("org.postgresql.Driver");
			});
	}

	@Test
	void appPoolSettingsWinOverSpringDatasourceOneByOne() {
		this.runner
			.withPropertyValues("app.pool.url=" + PostgresTestSupport.url(),
					"spring.datasource.url=" + PostgresTestSupport.unreachableUrl(),
					"spring.datasource.username=" + PostgresTestSupport.user(),
					"spring.datasource.password=" + PostgresTestSupport.secret())
			.run((context) -> {
				PoolConfig config = context.getBean(PoolDataSource.class).config();
				assertThat(config.url()).isEqualTo(PostgresTestSupport.url());
				assertThat(config.username()).isEqualTo(PostgresTestSupport.user());
				assertThat(config.driverClassName()).isNull();
			});
	}

	@Test
	void jdbcConnectionDetailsWinOverProperties() {
		this.runner.withUserConfiguration(ServiceConnectionConfiguration.class)
			.withPropertyValues("app.pool.url=" + PostgresTestSupport.unreachableUrl(), "app.pool.username=nobody",
					"spring.datasource.url=" + PostgresTestSupport.unreachableUrl())
			.run((context) -> {
				PoolConfig config = context.getBean(PoolDataSource.class).config();
				assertThat(config.url()).isEqualTo(PostgresTestSupport.url());
				assertThat(config.username()).isEqualTo(PostgresTestSupport.user());
				// JdbcConnectionDetails derives the driver from the URL.
				assertThat(config.driverClassName()).isEqualTo("org.postgresql.Driver");
				assertThat(context.getBean(JdbcTemplate.class).queryForObject("select 1", Integer.class)).isOne();
			});
	}

	@Test
	void isNamedAfterTheApplication() {
		this.connected.withPropertyValues("spring.application.name=orders-service")
			.run((context) -> assertThat(context.getBean(PoolDataSource.class).name()).isEqualTo("orders-service"));
	}

	@Test
	void replacesCharactersAPoolNameMayNotHold() {
		this.connected.withPropertyValues("spring.application.name=My Shop/EU")
			.run((context) -> assertThat(context.getBean(PoolDataSource.class).name()).isEqualTo("My-Shop-EU"));
	}

	@Test
	void appPoolNameWinsOverTheApplicationName() {
		this.connected.withPropertyValues("spring.application.name=orders-service", "app.pool.name=orders-db")
			.run((context) -> assertThat(context.getBean(PoolDataSource.class).name()).isEqualTo("orders-db"));
	}

	@Test
	void providesPoolMetadataToBoot() {
		this.connected.run((context) -> {
			PoolDataSource pool = context.getBean(PoolDataSource.class);
			DataSourcePoolMetadata metadata = context.getBean(DataSourcePoolMetadataProvider.class)
				.getDataSourcePoolMetadata(pool);
			assertThat(metadata).isNotNull();
			assertThat(metadata.getMax()).isEqualTo(2);
			assertThat(metadata.getMin()).isEqualTo(1);
			try (Connection connection = pool.getConnection()) {
				assertThat(metadata.getActive()).isOne();
				assertThat(metadata.getUsage()).isEqualTo(0.5f);
			}
			assertThat(metadata.getActive()).isZero();
			assertThat(context.getBean(DataSourcePoolMetadataProvider.class)
				.getDataSourcePoolMetadata(new DriverManagerDataSource())).isNull();
		});
	}

	@Test
	void failsWithEveryBadSettingNamedByItsProperty() {
		this.connected.withPropertyValues("app.pool.max-size=-1", "app.pool.connection-timeout=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure().rootCause().isInstanceOf(IllegalArgumentException.class);
			InvalidPoolPropertiesException failure = findCause(context.getStartupFailure(),
					InvalidPoolPropertiesException.class);
			assertThat(failure.problems()).extracting(InvalidPoolPropertiesException.Problem::property)
				.containsExactly("app.pool.max-size", "app.pool.connection-timeout");
			assertThat(failure.getMessage())
				.contains("app.pool.max-size: -1 is not allowed; must be between 1 and 10000")
				.contains("app.pool.connection-timeout: 0 is not allowed");
		});
	}

	@Test
	void namesTheSpringDatasourcePropertyABadFallbackCameFrom() {
		this.runner.withPropertyValues("spring.datasource.url=postgresql://no-jdbc-prefix/test").run((context) -> {
			InvalidPoolPropertiesException failure = findCause(context.getStartupFailure(),
					InvalidPoolPropertiesException.class);
			assertThat(failure.problems()).singleElement()
				.satisfies((problem) -> assertThat(problem.property()).isEqualTo("spring.datasource.url"));
		});
	}

	@Test
	void saysWhereToSetAMissingUrl() {
		this.runner.run((context) -> {
			InvalidPoolPropertiesException failure = findCause(context.getStartupFailure(),
					InvalidPoolPropertiesException.class);
			assertThat(failure.getMessage())
				.contains("app.pool.url: is not set; set app.pool.url or spring.datasource.url");
		});
	}

	@Test
	void neverPutsThePasswordInItsMessages() {
		this.connected.withPropertyValues("app.pool.max-size=-1", "app.pool.data-source-properties.password=x")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				for (Throwable t = failure; t != null; t = t.getCause()) {
					assertThat(String.valueOf(t.getMessage())).doesNotContain(PostgresTestSupport.secret());
				}
			});
	}

	static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in " + failure, failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserDataSourceConfiguration {

		@Bean
		DataSource userDataSource() {
			return new DriverManagerDataSource(PostgresTestSupport.url(), PostgresTestSupport.user(),
					PostgresTestSupport.password());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ServiceConnectionConfiguration {

		@Bean
		JdbcConnectionDetails jdbcConnectionDetails() {
			return new JdbcConnectionDetails() {

				@Override
				public String getUsername() {
					return PostgresTestSupport.user();
				}

				@Override
				public String getPassword() {
					return PostgresTestSupport.password();
				}

				@Override
				public String getJdbcUrl() {
					return PostgresTestSupport.url();
				}

			};
		}

	}

}
