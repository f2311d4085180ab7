package io.poolkit.spring.boot.autoconfigure;

import java.sql.Connection;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.poolkit.PoolDataSource;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another pool on the class path, as {@code spring-boot-starter-data-jpa} brings HikariCP
 * back: the pool wins unless {@code spring.datasource.type} names another pool, and then
 * the starter steps aside for Boot's configuration of that type, as Boot's own pool
 * configurations do for each other. Boot's {@link DataSourceAutoConfiguration} comes
 * first in the list: the order is the auto-configurations' own. Tagged to run in the
 * build's {@code peer-libraries} test execution, the one with HikariCP on the class path.
 */
@Tag("peer-libraries")
class OtherPoolTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DataSourceAutoConfiguration.class, PoolDataSourceAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + PostgresTestSupport.url(),
				"spring.datasource.username=" + PostgresTestSupport.user(),
				"spring.datasource.password=" + PostgresTestSupport.password(), "app.pool.max-size=1");

	@Test
	void thePoolWinsOverHikariOnTheClassPath() {
		// Runs before DataSourceAutoConfiguration, whose pooled configurations back off
		// for the DataSource it defines (@ConditionalOnMissingBean(DataSource)).
		assertThat(HikariDataSource.class).isNotNull();
		this.runner.run((context) -> assertThat(context).hasSingleBean(DataSource.class)
			.getBean(DataSource.class)
			.isInstanceOf(PoolDataSource.class));
	}

	@Test
	void namingHikariMakesTheStarterStepAside() {
		this.runner
			.withPropertyValues("spring.datasource.type=com.zaxxer.hikari.HikariDataSource",
					"spring.datasource.hikari.pool-name=poolkit-other-hikari")
			.run((context) -> {
				assertThat(context).hasSingleBean(DataSource.class).doesNotHaveBean(PoolDataSource.class);
				HikariDataSource hikari = context.getBean(HikariDataSource.class);
				assertThat(hikari.getPoolName()).isEqualTo("poolkit-other-hikari");
				assertThat(hikari.getJdbcUrl()).isEqualTo(PostgresTestSupport.url());
				try (Connection connection = hikari.getConnection()) {
					assertThat(connection.isValid(1)).isTrue();
				}
			});
	}

	@Test
	void namingAPlainDataSourceLetsBootBuildIt() {
		this.runner.withPropertyValues("spring.datasource.type=" + SimpleDriverDataSource.class.getName())
			.run((context) -> assertThat(context).hasSingleBean(DataSource.class)
				.doesNotHaveBean(PoolDataSource.class)
				.getBean(DataSource.class)
				.isInstanceOf(SimpleDriverDataSource.class));
	}

	@Test
	void namingThePoolKeepsIt() {
		this.runner.withPropertyValues("spring.datasource.type=" + PoolDataSource.class.getName())
			.run((context) -> assertThat(context).hasSingleBean(DataSource.class)
				.getBean(DataSource.class)
				.isInstanceOf(PoolDataSource.class));
	}

}
