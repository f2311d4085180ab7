package io.poolkit.spring.boot.autoconfigure;

import javax.sql.DataSource;

import io.poolkit.PoolDataSource;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The failure analyzers, through a real {@link SpringApplication}: a bad setting or an
 * unreachable database ends in Boot's "APPLICATION FAILED TO START" report naming the
 * property or the database error, with an action.
 */
@ExtendWith(OutputCaptureExtension.class)
class PoolFailureAnalyzersTests {

	@Test
	void reportsEveryBadSettingWithItsPropertyAndWhereItWasSet(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--spring.config.name=bad-pool",
				"--app.pool.url=" + PostgresTestSupport.url(), "--app.pool.password=" + PostgresTestSupport.secret()));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The connection pool's configuration is invalid:")
			.contains("app.pool.max-size: -1 is not allowed; must be between 1 and 10000")
			.contains("app.pool.connection-timeout: 0 is not allowed; must be between 1ms and 1h")
			.contains("app.pool.idle-timeout: 10m is not allowed; must not exceed max-lifetime (5m)")
			.contains("(set in class path resource [bad-pool.properties] - 1:19)")
			.contains("Action:")
			.contains("Update the properties listed above in your application's configuration")
			.doesNotContain(PostgresTestSupport.secret());
	}

	@Test
	void reportsConversionAndRangeFailuresAndUnknownKeysInOneReport(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--app.pool.url=" + PostgresTestSupport.url(),
				"--app.pool.password=" + PostgresTestSupport.secret(), "--app.pool.max-size=-1",
				"--app.pool.connection-timeout=30 seconds", "--app.pool.maximum-pool-size=7",
				"--spring.datasource.hikari.minimum-idle=0", "--spring.datasource.hikari.idle-timeout=soon"));
		String out = output.getOut();
		assertThat(out.split("APPLICATION FAILED TO START", -1)).as("one report").hasSize(2);
		assertThat(out.substring(out.indexOf("APPLICATION FAILED TO START")))
			.contains("The connection pool's configuration is invalid:\n\n"
					+ "    app.pool.max-size: -1 is not allowed; must be between 1 and 10000\n"
					+ "        (set in \"app.pool.max-size\" from property source \"commandLineArgs\")\n"
					+ "    app.pool.connection-timeout: '30 seconds' is not allowed; use a duration such as 500ms, "
					+ "30s, 10m, 2h or 1d, a number of milliseconds, or ISO-8601 such as PT30S\n"
					+ "        (set in \"app.pool.connection-timeout\" from property source \"commandLineArgs\")\n"
					+ "    spring.datasource.hikari.idle-timeout: 'soon' is not allowed; use a duration such as "
					+ "500ms, 30s, 10m, 2h or 1d, a number of milliseconds, or ISO-8601 such as PT30S\n"
					+ "        (set in \"spring.datasource.hikari.idle-timeout\" from property source "
					+ "\"commandLineArgs\")\n"
					+ "    app.pool.maximum-pool-size: unknown setting; did you mean app.pool.max-size? "
					+ "(maximum-pool-size is HikariCP's name for it)\n"
					+ "        (set in \"app.pool.maximum-pool-size\" from property source \"commandLineArgs\")\n")
			.contains("Update the properties listed above")
			.doesNotContain(PostgresTestSupport.secret());
	}

	@Test
	void reportsAMissingUrl(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--app.pool.max-size=2"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("app.pool.url: is not set; set app.pool.url or spring.datasource.url");
	}

	@Test
	void reportsAValueOfTheWrongTypeTheBootWay(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> run("--app.pool.url=" + PostgresTestSupport.url(), "--app.pool.on-exhausted=sometimes"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("app.pool.on-exhausted")
			.contains("sometimes")
			.contains("Action:");
	}

	@Test
	void reportsAnUnreachableDatabase(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--app.pool.url=" + PostgresTestSupport.unreachableUrl(),
				"--app.pool.password=" + PostgresTestSupport.secret(), "--app.pool.initialization-timeout=300ms"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Pool 'pool' could not open a connection to jdbc:postgresql://127.0.0.1:1/test")
			.contains("SQLState 08001")
			.contains("Check that the database is running and reachable at app.pool.url")
			.contains("app.pool.initialization-timeout")
			.doesNotContain(PostgresTestSupport.secret());
	}

	@Test
	void reportsARejectedLogin(CapturedOutput output) {
		assertThatException().isThrownBy(
				() -> run("--app.pool.url=" + PostgresTestSupport.url(), "--app.pool.username=poolkit_no_such_user",
						"--app.pool.password=" + PostgresTestSupport.secret(), "--app.pool.initialization-timeout=2s"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("poolkit_no_such_user")
			.contains("SQLState 28")
			.contains("Check the credentials in app.pool.username and app.pool.password")
			.doesNotContain(PostgresTestSupport.secret());
	}

	// Boot's own bind failure report would name only the ClassNotFoundException.
	@Test
	void reportsASpringDatasourceTypeNamingHikariCpWithWhatToDo(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--spring.datasource.url=" + PostgresTestSupport.url(),
				"--spring.datasource.type=com.zaxxer.hikari.HikariDataSource"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("spring.datasource.type names 'com.zaxxer.hikari.HikariDataSource', a class that is not on the "
					+ "class path.")
			.contains("Remove spring.datasource.type from your application's configuration, or set it to "
					+ "io.poolkit.PoolDataSource");
	}

	// Boot's DataSourceBuilder knows no Poolkit: the report points to the factory, with
	// the prefix of the bean's @ConfigurationProperties.
	@Test
	void reportsADataSourceBuilderWithTheFactoryToUse(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(new Class<?>[] { DataSourceBuilderApplication.class },
				"--app.datasource.url=" + PostgresTestSupport.url()));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Boot's DataSourceBuilder found no connection pool it supports for the bean 'dataSource'")
			.contains("return pools.create(\"app.datasource\") instead of DataSourceBuilder.create().build()");
	}

	// A bean created first that takes the DataSource wraps the failure in its own: the
	// report still names the DataSource's bean and prefix.
	@Test
	void reportsADataSourceBuilderThatAnotherBeanDependsOnByItsOwnBean(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(new Class<?>[] { DependentDataSourceBuilderApplication.class },
				"--app.orders.datasource.url=" + PostgresTestSupport.url()));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Boot's DataSourceBuilder found no connection pool it supports for the bean 'ordersDataSource'")
			.contains("return pools.create(\"app.orders.datasource\") instead of DataSourceBuilder.create().build()")
			.doesNotContain("for the bean 'ordersTemplate'");
	}

	@Test
	void namesTheHikariDriverPropertyTheDriverRejects(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--spring.datasource.url=" + PostgresTestSupport.url(),
				"--spring.datasource.password=" + PostgresTestSupport.secret(),
				"--spring.datasource.hikari.data-source-properties.prepareThreshold=often",
				"--app.pool.initialization-timeout=1s"));
		String out = output.getOut();
		// The report, after the HikariCP warning that names app.pool's property.
		assertThat(out.substring(out.indexOf("APPLICATION FAILED TO START")))
			.contains("prepareThreshold parameter value must be an integer but was: often")
			.contains("Check spring.datasource.hikari.data-source-properties.prepareThreshold: the driver's message "
					+ "above names it")
			.doesNotContain("app.pool.data-source-properties.prepareThreshold")
			.doesNotContain(PostgresTestSupport.secret());
	}

	@Test
	void namesTheOwnPropertiesOfAFurtherPoolThatCannotReachItsDatabase(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(new Class<?>[] { PoolOnlyApplication.class, ReportingPool.class },
				"--app.pool.url=" + PostgresTestSupport.url(), "--app.pool.password=" + PostgresTestSupport.secret(),
				"--app.reporting-pool.url=" + PostgresTestSupport.unreachableUrl(),
				"--app.reporting-pool.initialization-timeout=300ms"));
		String out = output.getOut();
		assertThat(out.substring(out.indexOf("APPLICATION FAILED TO START")))
			.contains("Pool 'reporting-pool' could not open a connection to jdbc:postgresql://127.0.0.1:1/test")
			.contains("Check that the database is running and reachable at app.reporting-pool.url. If it starts "
					+ "after the application, raise app.reporting-pool.initialization-timeout")
			.doesNotContain("app.pool.")
			.doesNotContain("spring.datasource.");
	}

	private static void run(String... args) {
		run(new Class<?>[] { PoolOnlyApplication.class }, args);
	}

	private static void run(Class<?>[] sources, String... args) {
		SpringApplication application = new SpringApplication(sources);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args).close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PoolDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class })
	static class PoolOnlyApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@Import(PoolOnlyApplication.class)
	static class DataSourceBuilderApplication {

		@Bean
		@ConfigurationProperties("app.datasource")
		DataSource dataSource() {
			return DataSourceBuilder.create().build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(PoolOnlyApplication.class)
	static class DependentDataSourceBuilderApplication {

		// Declared first, so created first, creating the DataSource on its way.
		@Bean
		JdbcTemplate ordersTemplate(@Qualifier("ordersDataSource") DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

		@Bean
		@ConfigurationProperties("app.orders.datasource")
		DataSource ordersDataSource() {
			return DataSourceBuilder.create().build();
		}

	}

	// A further pool, as the README's "Many pools" declares one.
	@Configuration(proxyBeanMethods = false)
	static class ReportingPool {

		@Bean(defaultCandidate = false)
		PoolDataSource reportingDataSource(PoolDataSourceFactory pools) {
			return pools.create("app.reporting-pool");
		}

	}

}
