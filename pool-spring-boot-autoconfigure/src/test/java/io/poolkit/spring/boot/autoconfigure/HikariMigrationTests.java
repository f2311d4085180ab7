package io.poolkit.spring.boot.autoconfigure;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.poolkit.PoolConfig;
import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.InvalidPoolPropertiesException.Problem;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application switching from HikariCP keeps its {@code spring.datasource.hikari.*}
 * properties: each with a Poolkit equivalent is honoured, {@code app.pool.*} wins where
 * both are set, one warning says where to move each, and a value Poolkit cannot take
 * fails the start naming the HikariCP property.
 */
@ExtendWith(OutputCaptureExtension.class)
class HikariMigrationTests {

	private static final String HEADER = "Poolkit is the application's connection pool and honours these "
			+ "spring.datasource.hikari.* properties for now";

	// Configured the way an application on HikariCP is: spring.datasource.*, no
	// app.pool.
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(PoolDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + PostgresTestSupport.url(),
				"spring.datasource.username=" + PostgresTestSupport.user(),
				"spring.datasource.password=" + PostgresTestSupport.secret());

	@Test
	void honoursTheHikariPropertiesItHasAnEquivalentFor() {
		String name = uniqueName();
		this.runner.withPropertyValues("spring.datasource.hikari.maximum-pool-size=7",
				"spring.datasource.hikari.connection-timeout=2000", "spring.datasource.hikari.minimum-idle=1",
				"spring.datasource.hikari.idle-timeout=60000", "spring.datasource.hikari.max-lifetime=900000",
				"spring.datasource.hikari.keepalive-time=45000", "spring.datasource.hikari.validation-timeout=1500",
				"spring.datasource.hikari.leak-detection-threshold=20000",
				"spring.datasource.hikari.initialization-fail-timeout=3000",
				"spring.datasource.hikari.connection-init-sql=set search_path to public",
				"spring.datasource.hikari.connection-test-query=select 1", "spring.datasource.hikari.auto-commit=false",
				"spring.datasource.hikari.transaction-isolation=TRANSACTION_REPEATABLE_READ",
				"spring.datasource.hikari.read-only=false", "spring.datasource.hikari.catalog=test",
				"spring.datasource.hikari.schema=public", "spring.datasource.hikari.pool-name=" + name,
				"spring.datasource.hikari.data-source-properties.tcpKeepAlive=true",
				"spring.datasource.hikari.register-mbeans=false")
			.run((context) -> {
				PoolConfig config = context.getBean(PoolDataSource.class).config();
				assertThat(config.maxSize()).isEqualTo(7);
				assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(config.minIdle()).isOne();
				assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(1));
				assertThat(config.maxLifetime()).isEqualTo(Duration.ofMinutes(15));
				assertThat(config.keepaliveInterval()).isEqualTo(Duration.ofSeconds(45));
				assertThat(config.validationTimeout()).isEqualTo(Duration.ofMillis(1500));
				assertThat(config.leakDetectionThreshold()).isEqualTo(Duration.ofSeconds(20));
				// HikariCP retries for 3 s after a first attempt that may take
				// connection-timeout.
				assertThat(config.initializationTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(config.connectionInitSql()).isEqualTo("set search_path to public");
				assertThat(config.validationQuery()).isEqualTo("select 1");
				assertThat(config.autoCommit()).isFalse();
				assertThat(config.transactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
				assertThat(config.readOnly()).isFalse();
				assertThat(config.catalog()).isEqualTo("test");
				assertThat(config.schema()).isEqualTo("public");
				assertThat(config.name()).isEqualTo(name);
				assertThat(config.dataSourceProperties()).containsEntry("tcpKeepAlive", "true");
				assertThat(config.registerMbeans()).isFalse();
				// And the pool works with them: the database sees the pool's name and
				// the isolation.
				try (Connection connection = context.getBean(DataSource.class).getConnection()) {
					assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
					assertThat(connection.getAutoCommit()).isFalse();
				}
				assertThat(new JdbcTemplate(context.getBean(DataSource.class))
					.queryForObject("select current_setting('application_name')", String.class)).isEqualTo(name);
			});
	}

	@ParameterizedTest
	@CsvSource({ "1, 2000, 2001", "60000, 30000, 90000", "0, 2000, 0", "-1, 2000, 0" })
	void readsInitializationFailTimeoutAsHikariCpWaits(String hikari, long connectionTimeout, long expectedMillis) {
		this.runner
			.withPropertyValues("spring.datasource.hikari.initialization-fail-timeout=" + hikari,
					"spring.datasource.hikari.connection-timeout=" + connectionTimeout)
			.run((context) -> assertThat(context.getBean(PoolDataSource.class).config().initializationTimeout())
				.isEqualTo(Duration.ofMillis(expectedMillis)));
	}

	@ParameterizedTest
	@CsvSource({ "TRANSACTION_READ_COMMITTED, 2", "transaction_serializable, 8", "4, 4", "read-committed, 2" })
	void readsTransactionIsolationAsHikariCpNamesIt(String hikari, int level) {
		this.runner.withPropertyValues("spring.datasource.hikari.transaction-isolation=" + hikari)
			.run((context) -> assertThat(context.getBean(PoolDataSource.class).config().transactionIsolation())
				.isEqualTo(level));
	}

	@Test
	void appPoolWinsWhereBothAreSet(CapturedOutput output) {
		this.runner
			.withPropertyValues("spring.datasource.hikari.maximum-pool-size=7", "app.pool.max-size=3",
					"spring.datasource.hikari.connection-timeout=2000",
					"spring.datasource.hikari.data-source-properties.tcpKeepAlive=true",
					"spring.datasource.hikari.data-source-properties.loginTimeout=9",
					"app.pool.data-source-properties.loginTimeout=4")
			.run((context) -> {
				PoolConfig config = context.getBean(PoolDataSource.class).config();
				assertThat(config.maxSize()).isEqualTo(3);
				assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(config.dataSourceProperties()).containsEntry("tcpKeepAlive", "true")
					.containsEntry("loginTimeout", "4");
			});
		assertThat(output)
			.contains("spring.datasource.hikari.maximum-pool-size -> app.pool.max-size (not used: app.pool.max-size "
					+ "wins)")
			.contains("spring.datasource.hikari.data-source-properties.loginTimeout -> "
					+ "app.pool.data-source-properties.loginTimeout (not used: "
					+ "app.pool.data-source-properties.loginTimeout wins)");
	}

	@Test
	void connectionSettingsComeFromAppPoolThenHikariThenSpringDatasource() {
		this.runner
			.withPropertyValues("spring.datasource.url=" + PostgresTestSupport.unreachableUrl(),
					"spring.datasource.hikari.jdbc-url=" + PostgresTestSupport.url(),
					"spring.datasource.hikari.username=nobody", "app.pool.username=" + PostgresTestSupport.user())
			.run((context) -> {
				PoolConfig config = context.getBean(PoolDataSource.class).config();
				assertThat(config.url()).isEqualTo(PostgresTestSupport.url());
				assertThat(config.username()).isEqualTo(PostgresTestSupport.user());
				assertThat(config.password()).isEqualTo(PostgresTestSupport.secret());
			});
	}

	@Test
	void warnsOnceWithEachKeyAndTheAppPoolPropertyToMoveItTo(CapturedOutput output) {
		this.runner
			.withPropertyValues("spring.datasource.hikari.maximum-pool-size=7",
					"spring.datasource.hikari.connection-timeout=2000", "app.pool.connection-timeout=3s",
					"spring.datasource.hikari.keepalive-time=60000",
					"spring.datasource.hikari.transaction-isolation=TRANSACTION_READ_COMMITTED",
					"spring.datasource.hikari.password=" + PostgresTestSupport.secret(),
					"spring.datasource.hikari.allow-pool-suspension=true",
					"spring.datasource.hikari.isolate-internal-queries=true",
					"spring.datasource.hikari.maximum-pool-sise=8")
			.run((context) -> assertThat(context).hasSingleBean(PoolDataSource.class));
		String out = output.getOut();
		assertThat(out.split(HEADER, -1)).as("one warning").hasSize(2);
		String warning = out.substring(out.indexOf(HEADER));
		assertThat(warning).startsWith(HEADER + "; move each to the app.pool.* property named (where both are set, "
				+ "app.pool.* wins):\n    spring.datasource.hikari.password -> app.pool.password\n"
				+ "    spring.datasource.hikari.maximum-pool-size -> app.pool.max-size\n"
				+ "    spring.datasource.hikari.connection-timeout -> app.pool.connection-timeout (not used: "
				+ "app.pool.connection-timeout wins)\n"
				+ "    spring.datasource.hikari.keepalive-time -> app.pool.keepalive-interval\n"
				+ "    spring.datasource.hikari.transaction-isolation -> app.pool.transaction-isolation = "
				+ "read-committed (from HikariCP's TRANSACTION_* name or level number)\n"
				+ "    spring.datasource.hikari.allow-pool-suspension: no Poolkit equivalent, ignored: always on: "
				+ "PoolDataSource.suspend() and resume() (and the JMX bean) need no switch\n"
				+ "    spring.datasource.hikari.isolate-internal-queries: no Poolkit equivalent, ignored: not needed: "
				+ "with auto-commit off, Poolkit rolls back after its own validation query\n"
				+ "    spring.datasource.hikari.maximum-pool-sise: not a HikariCP property, ignored\n");
		assertThat(out.substring(0, out.indexOf(HEADER))).contains(" WARN ");
		assertThat(out).doesNotContain(PostgresTestSupport.secret());
	}

	@Test
	void saysWhenAServiceConnectionWinsOverAHikariUrl(CapturedOutput output) {
		this.runner.withUserConfiguration(PoolDataSourceAutoConfigurationTests.ServiceConnectionConfiguration.class)
			.withPropertyValues("spring.datasource.hikari.jdbc-url=" + PostgresTestSupport.unreachableUrl())
			.run((context) -> assertThat(context.getBean(PoolDataSource.class).config().url())
				.isEqualTo(PostgresTestSupport.url()));
		assertThat(output).contains("spring.datasource.hikari.jdbc-url -> app.pool.url (not used: "
				+ ConnectionSettings.CONNECTION_DETAILS + " wins)");
	}

	@Test
	void saysNothingWithoutHikariProperties(CapturedOutput output) {
		this.runner.run((context) -> assertThat(context).hasSingleBean(PoolDataSource.class));
		assertThat(output).doesNotContain("spring.datasource.hikari");
	}

	@Test
	void failsForHikariValuesPoolkitCannotTakeNamingTheHikariProperty() {
		this.runner
			.withPropertyValues("spring.datasource.hikari.maximum-pool-size=0",
					"spring.datasource.hikari.connection-timeout=0", "spring.datasource.hikari.minimum-idle=few",
					"spring.datasource.hikari.transaction-isolation=TRANSACTION_CHAOS",
					"spring.datasource.hikari.pool-name=My Pool")
			.run((context) -> {
				InvalidPoolPropertiesException failure = PoolDataSourceAutoConfigurationTests
					.findCause(context.getStartupFailure(), InvalidPoolPropertiesException.class);
				assertThat(failure.problems()).containsExactly(
						new Problem("spring.datasource.hikari.pool-name",
								"'My Pool' is not allowed; use 1 to 63 letters, digits, '-', '_' or '.' "
										+ "(read as app.pool.name)"),
						new Problem("spring.datasource.hikari.maximum-pool-size",
								"0 is not allowed; must be between 1 and 10000 (read as app.pool.max-size)"),
						new Problem("spring.datasource.hikari.minimum-idle",
								"'few' is not allowed; use a whole number"),
						new Problem("spring.datasource.hikari.connection-timeout",
								"0 (no timeout in HikariCP) has no equivalent; set a timeout between 1ms and 1h, as "
										+ "app.pool.connection-timeout"),
						new Problem("spring.datasource.hikari.transaction-isolation",
								"'TRANSACTION_CHAOS' is not a transaction isolation level; use read-uncommitted, "
										+ "read-committed, repeatable-read, serializable or none"));
			});
	}

	@Test
	void failsForADriverPropertyInTheEnvironmentVariableFormBootDoesNotBindToAMap(CapturedOutput output) {
		// '_' for each '-' of data-source-properties: Boot's binding of HikariCP's map
		// drops it too.
		Map<String, Object> variables = Map.of("SPRING_DATASOURCE_HIKARI_DATA_SOURCE_PROPERTIES_PREPARETHRESHOLD", "7",
				"SPRING_DATASOURCE_HIKARI_DATASOURCEPROPERTIES_TCPKEEPALIVE", "true");
		PoolPropertiesBinderTests.withEnvironmentVariables(this.runner, variables)
			.run((context) -> assertThat(PoolDataSourceAutoConfigurationTests
				.findCause(context.getStartupFailure(), InvalidPoolPropertiesException.class)
				.problems())
				.containsExactly(new Problem("SPRING_DATASOURCE_HIKARI_DATA_SOURCE_PROPERTIES_PREPARETHRESHOLD",
						"not bound: Boot binds a map from environment variables without the dashes of its name; set "
								+ "SPRING_DATASOURCE_HIKARI_DATASOURCEPROPERTIES_PREPARETHRESHOLD (bound as "
								+ "data-source-properties.preparethreshold)")));
		assertThat(output)
			.contains("\n    spring.datasource.hikari.data-source-properties.tcpkeepalive -> "
					+ "app.pool.data-source-properties.tcpkeepalive\n")
			.contains("\n    SPRING_DATASOURCE_HIKARI_DATA_SOURCE_PROPERTIES_PREPARETHRESHOLD -> "
					+ "app.pool.data-source-properties.preparethreshold (not bound: see the failure report)");
	}

	@Test
	void reportsAHikariJdbcUrlTheDriverRefusesWithTheOtherProblems() {
		this.runner
			.withPropertyValues("spring.datasource.hikari.jdbc-url=jdbc:postgresql://127.0.0.1:5432?password=s3cret",
					"spring.datasource.hikari.maximum-pool-size=0")
			.run((context) -> {
				InvalidPoolPropertiesException failure = PoolDataSourceAutoConfigurationTests
					.findCause(context.getStartupFailure(), InvalidPoolPropertiesException.class);
				assertThat(failure.problems()).containsExactly(
						new Problem("spring.datasource.hikari.jdbc-url",
								"the PostgreSQL JDBC driver (org.postgresql.Driver) refuses "
										+ "'jdbc:postgresql://127.0.0.1:5432?password=******': it needs a '/' after "
										+ "the host and port, before the database name "
										+ "(jdbc:postgresql://host:port/database) (read as app.pool.url)"),
						new Problem("spring.datasource.hikari.maximum-pool-size",
								"0 is not allowed; must be between 1 and 10000 (read as app.pool.max-size)"));
			});
	}

	@Test
	void ignoresABadHikariValueForASettingAppPoolGives() {
		this.runner.withPropertyValues("spring.datasource.hikari.maximum-pool-size=0", "app.pool.max-size=2")
			.run((context) -> assertThat(context.getBean(PoolDataSource.class).config().maxSize()).isEqualTo(2));
	}

	@Test
	void stepsAsideWhenSpringDatasourceTypeNamesAnotherPool(CapturedOutput output) {
		this.runner
			.withPropertyValues("spring.datasource.type=" + SimpleDriverDataSource.class.getName(),
					"spring.datasource.hikari.maximum-pool-size=7")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PoolDataSource.class);
				assertThat(context).getBean(DataSource.class).isInstanceOf(SimpleDriverDataSource.class);
			});
		assertThat(output).doesNotContain(HEADER);
	}

	@Test
	void isThePoolWhenSpringDatasourceTypeNamesIt() {
		this.runner.withPropertyValues("spring.datasource.type=" + PoolDataSource.class.getName())
			.run((context) -> assertThat(context).getBean(DataSource.class).isInstanceOf(PoolDataSource.class));
	}

	private static String uniqueName() {
		return "hikari-migration-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
