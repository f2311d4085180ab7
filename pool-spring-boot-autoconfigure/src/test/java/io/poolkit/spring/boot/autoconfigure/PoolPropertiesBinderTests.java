package io.poolkit.spring.boot.autoconfigure;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.poolkit.PoolConfig;
import io.poolkit.PoolDataSource;
import io.poolkit.PoolSetting;
import io.poolkit.spring.boot.autoconfigure.InvalidPoolPropertiesException.Problem;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the pool's settings are read from the application's configuration: a key under
 * {@code app.pool} that is no setting fails the start naming the nearest setting, and
 * every bad value, whether it could not be converted or pool-core rejects it, is reported
 * in the one failure.
 */
class PoolPropertiesBinderTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolDataSourceAutoConfiguration.class))
		.withPropertyValues(PostgresTestSupport.propertyValues("app.pool."))
		.withPropertyValues("app.pool.max-size=2");

	@Test
	void failsForAKeyThatIsNoSettingNamingTheNearestOne() {
		this.runner
			.withPropertyValues("app.pool.maximum-pool-size=7", "app.pool.max-sise=3",
					"app.pool.allow-pool-suspension=true", "app.pool.colour=blue")
			.run((context) -> assertThat(problems(context.getStartupFailure())).containsExactlyInAnyOrder(
					new Problem("app.pool.maximum-pool-size",
							"unknown setting; did you mean app.pool.max-size? (maximum-pool-size is HikariCP's name "
									+ "for it)"),
					new Problem("app.pool.max-sise", "unknown setting; did you mean app.pool.max-size?"),
					new Problem("app.pool.allow-pool-suspension",
							"unknown setting; HikariCP's allow-pool-suspension has no Poolkit equivalent: always on: "
									+ "PoolDataSource.suspend() and resume() (and the JMX bean) need no switch"),
					new Problem("app.pool.colour",
							"unknown setting; the settings are listed in the README's Settings table")));
	}

	@Test
	void neverShowsTheValueOfAMisspeltPassword() {
		this.runner.withPropertyValues("app.pool.pasword=" + PostgresTestSupport.secret()).run((context) -> {
			assertThat(problems(context.getStartupFailure()))
				.containsExactly(new Problem("app.pool.pasword", "unknown setting; did you mean app.pool.password?"));
			for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
				assertThat(String.valueOf(t.getMessage())).doesNotContain(PostgresTestSupport.secret());
			}
		});
	}

	@Test
	void namesTheNearestSettingOfACamelCaseHikariName() {
		this.runner.withPropertyValues("app.pool.connectionTestQuery=select 1")
			.run((context) -> assertThat(problems(context.getStartupFailure())).extracting(Problem::reason)
				.containsExactly("unknown setting; did you mean app.pool.validation-query? (connection-test-query is "
						+ "HikariCP's name for it)"));
	}

	@Test
	void takesEveryRelaxedSpellingAndAnyDriverProperty() {
		this.runner
			.withPropertyValues("app.pool.maxWaiters=3", "app.pool.connection_timeout=4s",
					"app.pool.data-source-properties.tcpKeepAlive=true",
					"app.pool.data-source-properties[socketTimeout]=30", "app.pool.sizing.instances=2",
					"app.pool.dataSourceProperties.ApplicationName=binder-tests")
			.run((context) -> {
				PoolConfig config = context.getBean(PoolDataSource.class).config();
				assertThat(config.maxWaiters()).isEqualTo(3);
				assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(4));
				assertThat(config.sizingInstances()).isEqualTo(2);
				assertThat(config.dataSourceProperties()).containsEntry("tcpKeepAlive", "true")
					.containsEntry("socketTimeout", "30");
			});
	}

	@Test
	void aDriverPropertyFromAnEnvironmentVariableReachesTheDriverInItsSpelling() {
		// Boot binds the key as preparethreshold; pgjdbc knows only prepareThreshold.
		Map<String, Object> variables = Map.of("APP_POOL_DATASOURCEPROPERTIES_PREPARETHRESHOLD", "7");
		withEnvironmentVariables(this.runner, variables).run((context) -> {
			assertThat(context).hasNotFailed();
			try (Connection connection = context.getBean(PoolDataSource.class).getConnection()) {
				assertThat(connection.unwrap(PGConnection.class).getPrepareThreshold()).isEqualTo(7);
			}
		});
	}

	@Test
	void takesEnvironmentVariablesInBothOfBootsForms() {
		// APP_POOL_MAX_SIZE is Boot's legacy form, which it still binds but lists as
		// app.pool.max.size.
		Map<String, Object> variables = Map.of("APP_POOL_MAXWAITERS", "3", "APP_POOL_CONNECTION_TIMEOUT", "4000",
				"APP_POOL_SIZING_INSTANCES", "2", "APP_POOL_DATASOURCEPROPERTIES_TCPKEEPALIVE", "true",
				"SPRING_DATASOURCE_HIKARI_MINIMUM_IDLE", "1");
		withEnvironmentVariables(this.runner, variables).run((context) -> {
			assertThat(context).hasNotFailed();
			PoolConfig config = context.getBean(PoolDataSource.class).config();
			assertThat(config.maxWaiters()).isEqualTo(3);
			assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(4));
			assertThat(config.sizingInstances()).isEqualTo(2);
			assertThat(config.minIdle()).isOne();
			// Boot binds a map's keys from environment variables in lower case.
			assertThat(config.dataSourceProperties()).containsEntry("tcpkeepalive", "true");
		});
	}

	@Test
	void failsForADriverPropertyInTheEnvironmentVariableFormBootDoesNotBindToAMap() {
		// '_' for each '-' is Boot's legacy form: Boot binds APP_POOL_MAX_SIZE, but no
		// entry of a map, so sslmode=require would be dropped and the pool would connect
		// without TLS.
		Map<String, Object> variables = Map.of("APP_POOL_DATA_SOURCE_PROPERTIES_SSLMODE", "require",
				"APP_POOL_DATASOURCEPROPERTIES_TCPKEEPALIVE", "true");
		withEnvironmentVariables(this.runner, variables)
			.run((context) -> assertThat(problems(context.getStartupFailure()))
				.containsExactly(new Problem("APP_POOL_DATA_SOURCE_PROPERTIES_SSLMODE",
						"not bound: Boot binds a map from environment variables without the dashes of its name; set "
								+ "APP_POOL_DATASOURCEPROPERTIES_SSLMODE (bound as data-source-properties.sslmode)")));
	}

	@Test
	void reportsDataSourcePropertiesGivenAsOneValueWithTheOtherBadSettings() {
		this.runner
			.withPropertyValues("app.pool.data-source-properties=cachePrepStmts",
					"spring.datasource.hikari.data-source-properties=cachePrepStmts", "app.pool.max-size=-1")
			.run((context) -> assertThat(problems(context.getStartupFailure())).containsExactlyInAnyOrder(
					new Problem("app.pool.data-source-properties",
							"is not allowed; use a map of driver property names to values, e.g. "
									+ "app.pool.data-source-properties.sslmode=require"),
					new Problem("app.pool.max-size", "-1 is not allowed; must be between 1 and 10000"),
					new Problem("spring.datasource.hikari.data-source-properties",
							"is not allowed; use a map of driver property names to values, e.g. "
									+ "spring.datasource.hikari.data-source-properties.sslmode=require")));
	}

	@Test
	void reportsAnUnknownEnvironmentVariable() {
		Map<String, Object> variables = Map.of("APP_POOL_MAXIMUM_SIZE", "3");
		withEnvironmentVariables(this.runner, variables)
			.run((context) -> assertThat(problems(context.getStartupFailure())).extracting(Problem::property)
				.containsExactly("app.pool.maximum.size"));
	}

	@Test
	void reportsEveryBadValueAtOnceConversionsRangesAndUnknownKeysInTheTablesOrder() {
		this.runner
			.withPropertyValues("app.pool.max-size=-1", "app.pool.connection-timeout=30 seconds",
					"app.pool.on-exhausted=sometimes", "app.pool.max-lifetime=50ms", "app.pool.idle-timeout=5ms",
					"app.pool.sizing.instances=many", "app.pool.maximum-pool-size=7",
					"spring.datasource.hikari.validation-timeout=soon")
			.run((context) -> assertThat(problems(context.getStartupFailure())).containsExactly(
					new Problem("app.pool.max-size", "-1 is not allowed; must be between 1 and 10000"),
					new Problem("app.pool.sizing.instances", "'many' is not allowed; use a whole number"),
					new Problem("app.pool.connection-timeout",
							"'30 seconds' is not allowed; use a duration such as 500ms, 30s, 10m, 2h or 1d, a number "
									+ "of milliseconds, or ISO-8601 such as PT30S"),
					new Problem("app.pool.on-exhausted",
							"'sometimes' is not allowed; use one of wait, fail-fast, overflow"),
					new Problem("app.pool.idle-timeout",
							"5ms is not allowed; must be 0 (never) or between 10ms and 1d"),
					new Problem("app.pool.max-lifetime",
							"50ms is not allowed; must be 0 (never) or between 100ms and 7d"),
					new Problem("spring.datasource.hikari.validation-timeout",
							"'soon' is not allowed; use a duration such as 500ms, 30s, 10m, 2h or 1d, a number of "
									+ "milliseconds, or ISO-8601 such as PT30S"),
					new Problem("app.pool.maximum-pool-size", "unknown setting; did you mean app.pool.max-size? "
							+ "(maximum-pool-size is HikariCP's name for it)")));
	}

	@Test
	void bindsTheSameWayUnderAnyPrefixWithoutTheSpringDatasourceFallbacks() {
		MockEnvironment environment = new MockEnvironment().withProperty("reporting.pool.max-size", "4")
			.withProperty("reporting.pool.maximum-pool-size", "5")
			.withProperty("spring.datasource.url", PostgresTestSupport.url())
			.withProperty("spring.datasource.hikari.minimum-idle", "1");
		BoundPoolProperties bound = PoolPropertiesBinder.bind(environment, "reporting.pool", false);
		assertThat(bound.given(PoolSetting.MAX_SIZE).value()).isEqualTo(4);
		assertThat(bound.given(PoolSetting.MAX_SIZE).property()).isEqualTo("reporting.pool.max-size");
		assertThat(bound.given(PoolSetting.URL)).isNull();
		assertThat(bound.given(PoolSetting.MIN_IDLE)).isNull();
		assertThat(bound.rejected()).singleElement()
			.satisfies((rejected) -> assertThat(rejected.reason())
				.isEqualTo("did you mean reporting.pool.max-size? (maximum-pool-size is HikariCP's name for it)"));
	}

	/**
	 * A runner with environment variables, read the way Boot reads the system
	 * environment's.
	 */
	static ApplicationContextRunner withEnvironmentVariables(ApplicationContextRunner runner,
			Map<String, Object> variables) {
		return runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", variables)));
	}

	private static List<Problem> problems(Throwable failure) {
		return PoolDataSourceAutoConfigurationTests.findCause(failure, InvalidPoolPropertiesException.class).problems();
	}

}
