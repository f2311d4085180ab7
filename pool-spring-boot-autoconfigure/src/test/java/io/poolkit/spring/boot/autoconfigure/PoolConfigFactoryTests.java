package io.poolkit.spring.boot.autoconfigure;

import java.time.Duration;

import io.poolkit.InvalidPoolConfigException;
import io.poolkit.PoolConfig;
import io.poolkit.PoolSetting;
import io.poolkit.spring.boot.autoconfigure.ConnectionSettings.Setting;
import io.poolkit.spring.boot.autoconfigure.InvalidPoolPropertiesException.Problem;
import io.poolkit.spring.boot.autoconfigure.PoolProperties.TransactionIsolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link PoolConfigFactory}: which {@code app.pool.*} values reach pool-core, and how
 * pool-core's problems are named by property, from the problems' data.
 */
class PoolConfigFactoryTests {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	@Test
	void everyGivenPropertyReachesThePool() {
		PoolProperties properties = new PoolProperties();
		properties.setName("orders");
		properties.setMaxSize(4);
		properties.getSizing().setInstances(3);
		properties.setConnectionTimeout(Duration.ofSeconds(5));
		properties.setLifetimeJitter(0.2);
		properties.setRegisterMbeans(false);
		properties.setTransactionIsolation(TransactionIsolation.SERIALIZABLE);
		properties.getDataSourceProperties().put("ssl", "false");
		PoolConfig config = create(properties, URL);
		assertThat(config.name()).isEqualTo("orders");
		assertThat(config.maxSize()).isEqualTo(4);
		assertThat(config.sizingInstances()).isEqualTo(3);
		assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(config.lifetimeJitter()).isEqualTo(0.2);
		assertThat(config.transactionIsolation()).isEqualTo(java.sql.Connection.TRANSACTION_SERIALIZABLE);
		assertThat(config.dataSourceProperties()).containsEntry("ssl", "false");
	}

	@Test
	void onlyGivenPropertiesReachThePoolAndAGivenDefaultIsGiven() {
		PoolProperties properties = new PoolProperties();
		properties.setMaxLifetime(Duration.ofMinutes(5));
		// The default idle-timeout above a shorter max-lifetime is harmless...
		assertThat(create(properties, URL).idleTimeout()).isEqualTo(PoolSetting.IDLE_TIMEOUT.defaultValue());
		// ...but the same value given is a contradiction pool-core reports.
		properties.setIdleTimeout(PoolSetting.IDLE_TIMEOUT.defaultValue());
		InvalidPoolPropertiesException failure = catchThrowableOfType(InvalidPoolPropertiesException.class,
				() -> create(properties, URL));
		assertThat(failure.problems()).containsExactly(
				new Problem("app.pool.idle-timeout", "10m is not allowed; must not exceed max-lifetime (5m)"));
		assertThat(failure).hasCauseInstanceOf(InvalidPoolConfigException.class);
	}

	@Test
	void namesProblemsFromTheirDataNotFromTheMessageText() {
		// A value that looks like more lines of pool-core's message is still one problem.
		String url = "postgresql://db/app\n  - pgbouncer: injected";
		InvalidPoolPropertiesException failure = catchThrowableOfType(InvalidPoolPropertiesException.class,
				() -> create(new PoolProperties(), url));
		assertThat(failure.problems()).extracting(Problem::property).containsExactly("spring.datasource.url");
		assertThat(failure.problems().get(0).reason()).startsWith("'postgresql://db/app")
			.endsWith("must start with " + "'jdbc:'");
	}

	/**
	 * pool-core refuses a URL no driver accepts only as the pool starts; here it is in
	 * the one report with the others, by the property that gave it, its secrets masked.
	 */
	@Test
	void aUrlNoDriverAcceptsIsReportedWithTheOtherProblems() {
		PoolProperties properties = new PoolProperties();
		properties.setMaxSize(-1);
		InvalidPoolPropertiesException failure = catchThrowableOfType(InvalidPoolPropertiesException.class,
				() -> create(properties, "jdbc:mysql://127.0.0.1:3306/test?password=s3cret-in-url"));
		assertThat(failure.problems()).containsExactly(new Problem("spring.datasource.url",
				"no registered JDBC driver accepts 'jdbc:mysql://127.0.0.1:3306/test?password=******'; add the driver "
						+ "to the class path or set driver-class-name"),
				new Problem("app.pool.max-size", "-1 is not allowed; must be between 1 and 10000"));
		failure = catchThrowableOfType(InvalidPoolPropertiesException.class,
				() -> create(new PoolProperties(), "jdbc:postgresql://127.0.0.1:5432/test/x?password=s3cret-in-url"));
		assertThat(failure.problems()).containsExactly(new Problem("spring.datasource.url",
				"the PostgreSQL JDBC driver (org.postgresql.Driver) refuses "
						+ "'jdbc:postgresql://127.0.0.1:5432/test/x?password=******': it has too many '/' characters; "
						+ "only one separates the host and port from the database"));
	}

	@Test
	void everySettingOfTheTableHasAProperty() {
		PoolProperties properties = new PoolProperties();
		for (PoolSetting<?> setting : PoolSetting.all()) {
			if (!setting.isBuilderOnly()) {
				// Throws for a setting without a field of the same name.
				properties.given(setting.name());
			}
		}
	}

	private static PoolConfig create(PoolProperties properties, String url) {
		ConnectionSettings connection = new ConnectionSettings(new Setting(url, "spring.datasource.url"), Setting.NONE,
				Setting.NONE, Setting.NONE);
		return PoolConfigFactory.create(BoundPoolProperties.of(properties, "app.pool"), connection,
				PoolConfigFactory.DEFAULT_NAME, (builder) -> {
				});
	}

}
