package io.poolkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PostgresTestSupportTest {

	@Test
	void terminateBackendsKillsTheConnectionsOfOneApplicationName() throws SQLException {
		String applicationName = PostgresTestSupport.uniqueTableName("victim");
		Properties properties = PostgresTestSupport.properties();
		properties.setProperty("ApplicationName", applicationName);
		try (Connection victim = DriverManager.getConnection(PostgresTestSupport.url(), properties);
				Connection bystander = PostgresTestSupport.admin()) {
			assertThat(PostgresTestSupport.countBackends(applicationName)).isEqualTo(1);

			assertThat(PostgresTestSupport.terminateBackends(applicationName)).isEqualTo(1);

			assertThat(PostgresTestSupport.countBackends(applicationName)).isZero();
			assertThatThrownBy(() -> victim.createStatement().execute("select 1")).isInstanceOf(SQLException.class);
			assertThat(victim.isValid(1)).isFalse();
			assertThat(bystander.isValid(1)).isTrue();
		}
	}

	@Test
	void terminateBackendsWithoutMatchesDoesNothing() throws SQLException {
		assertThat(PostgresTestSupport.terminateBackends(PostgresTestSupport.uniqueTableName("nobody"))).isZero();
	}

	@Test
	void uniqueTableNamesAreUsableAndDistinct() throws SQLException {
		String table = PostgresTestSupport.uniqueTableName("Orders");
		assertThat(table).startsWith("orders_").isNotEqualTo(PostgresTestSupport.uniqueTableName("Orders"));
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("create table " + table + " (id int)");
			statement.execute("drop table " + table);
		}
	}

	@Test
	void readsSettingsWithDefaults() {
		// The defaults match the CI server; an environment that overrides them only has
		// to stay self-consistent.
		assertThat(PostgresTestSupport.url()).startsWith("jdbc:postgresql://")
			.contains(PostgresTestSupport.host() + ":" + PostgresTestSupport.port() + "/"
					+ PostgresTestSupport.database());
		assertThat(PostgresTestSupport.user()).isNotEmpty();
	}

	@Test
	void buildsUrlsAndNamesAndReadsTheServersLimits() throws SQLException {
		assertThat(PostgresTestSupport.urlWith("a=b")).startsWith(PostgresTestSupport.url()).endsWith("a=b");
		assertThat(PostgresTestSupport.uniqueName("Pool")).matches("Pool_[0-9a-f]{12}")
			.isNotEqualTo(PostgresTestSupport.uniqueName("Pool"));
		assertThat(PostgresTestSupport.secret()).isNotEmpty();
		assertThat(PostgresTestSupport.queryInt("select 41 + 1")).isEqualTo(42);
		assertThat(PostgresTestSupport.reservedConnections()).isNotNegative();
		assertThat(PostgresTestSupport.availableConnections()).isPositive();
		assertThatThrownBy(() -> DriverManager.getConnection(PostgresTestSupport.unreachableUrl(),
				PostgresTestSupport.properties()))
			.isInstanceOf(SQLException.class);
	}

}
