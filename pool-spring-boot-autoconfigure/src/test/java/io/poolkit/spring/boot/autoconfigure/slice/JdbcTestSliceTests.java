package io.poolkit.spring.boot.autoconfigure.slice;

import javax.sql.DataSource;

import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.lifecycle.PoolCheckpointRestoreLifecycle;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @JdbcTest} against the real database ({@code replace = NONE}, as with
 * Testcontainers) tests the application's pool, configured as the application is: the
 * slice imports the pool's auto-configuration with Boot's
 * {@code DataSourceAutoConfiguration}, which alone finds no pool it knows once HikariCP
 * is gone.
 */
@JdbcTest(properties = { "app.pool.name=jdbc-slice", "app.pool.max-size=2" })
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JdbcTestSliceTests {

	// The connection settings of an application that used HikariCP, the pool's own under
	// app.pool.
	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", PostgresTestSupport::url);
		registry.add("spring.datasource.username", PostgresTestSupport::user);
		registry.add("spring.datasource.password", PostgresTestSupport::password);
	}

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ApplicationContext context;

	@Test
	void theSliceQueriesThroughThePool() {
		assertThat(this.dataSource).isInstanceOf(PoolDataSource.class);
		assertThat(((PoolDataSource) this.dataSource).config().name()).isEqualTo("jdbc-slice");
		assertThat(this.jdbc.queryForObject("select current_database()", String.class))
			.isEqualTo(PostgresTestSupport.database());
	}

	// Boot's DataSourceAutoConfiguration brings HikariCP's checkpoint/restore
	// support into a slice; the pool's comes with it.
	@Test
	void theSliceHasThePoolsCheckpointRestoreSupport() {
		assertThat(this.context.getBeansOfType(PoolCheckpointRestoreLifecycle.class)).hasSize(1);
	}

}
