package io.poolkit.spring.boot.autoconfigure;

import java.sql.Connection;
import java.sql.Statement;

import io.poolkit.PoolDataSource;
import io.poolkit.testkit.PostgresTestSupport;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boot's Flyway auto-configuration migrates through the pool, unchanged.
 */
class FlywayOnPoolTests {

	private static final String SCHEMA = "poolkit_flyway_" + Long.toHexString(System.nanoTime());

	@AfterEach
	void dropSchema() throws Exception {
		try (Connection connection = PostgresTestSupport.connect();
				Statement statement = connection.createStatement()) {
			statement.execute("drop schema if exists " + SCHEMA + " cascade");
		}
	}

	@Test
	void flywayMigratesThroughThePool() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(PoolDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class,
							FlywayAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
			.withPropertyValues(PostgresTestSupport.propertyValues("app.pool."))
			.withPropertyValues("app.pool.max-size=2", "app.pool.min-idle=1",
					"spring.flyway.locations=classpath:db/poolkit-flyway-it", "spring.flyway.schemas=" + SCHEMA)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PoolDataSource pool = context.getBean(PoolDataSource.class);
				assertThat(context.getBean(Flyway.class).getConfiguration().getDataSource()).isSameAs(pool);
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForObject("select item from " + SCHEMA + ".orders where id = 1", String.class))
					.isEqualTo("migrated through the pool");
				assertThat(pool.stats().active()).isZero();
			});
	}

}
