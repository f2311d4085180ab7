package io.poolkit.spring.boot.autoconfigure.web;

import javax.sql.DataSource;

import io.poolkit.PoolDataSource;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.transaction.AfterTransaction;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Spring's JDBC support works unchanged on the pool: {@code JdbcTemplate},
 * {@code JdbcClient} and {@code @Transactional}, which rolls back both in a test and in a
 * service that throws.
 */
@SpringBootTest(classes = PoolTestApplication.class, webEnvironment = WebEnvironment.NONE,
		properties = { "app.pool.name=tx", "app.pool.max-size=3", "app.pool.min-idle=1" })
@Import(TransactionIntegrationTests.ServiceConfiguration.class)
class TransactionIntegrationTests {

	private static final String TABLE = "poolkit_boot_tx_" + Long.toHexString(System.nanoTime());

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("app.pool.url", PostgresTestSupport::url);
		registry.add("app.pool.username", PostgresTestSupport::user);
		registry.add("app.pool.password", PostgresTestSupport::password);
	}

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private JdbcClient client;

	@Autowired
	private Orders orders;

	@Autowired
	private DataSource dataSource;

	@BeforeAll
	static void createTable() throws Exception {
		try (var connection = PostgresTestSupport.connect(); var statement = connection.createStatement()) {
			statement.execute("create table " + TABLE + " (id int primary key, item text not null)");
		}
	}

	@AfterAll
	static void dropTable() throws Exception {
		try (var connection = PostgresTestSupport.connect(); var statement = connection.createStatement()) {
			statement.execute("drop table if exists " + TABLE);
		}
	}

	@Test
	@Transactional
	void aTransactionalTestRollsBack() {
		this.jdbc.update("insert into " + TABLE + " (id, item) values (?, ?)", 1, "kept until the test ends");
		assertThat(this.jdbc.queryForObject("select count(*) from " + TABLE, Integer.class)).isOne();
		// The transaction holds one pooled connection for its whole length.
		assertThat(((PoolDataSource) this.dataSource).stats().active()).isOne();
	}

	@AfterTransaction
	void rolledBack() {
		assertThat(this.jdbc.queryForObject("select count(*) from " + TABLE, Integer.class)).isZero();
		assertThat(((PoolDataSource) this.dataSource).stats().active()).isZero();
	}

	@Test
	void aServiceThatThrowsRollsBack() {
		assertThatIllegalStateException().isThrownBy(() -> this.orders.placeThenFail(2));
		assertThat(this.client.sql("select count(*) from " + TABLE + " where id = :id")
			.param("id", 2)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aServiceThatSucceedsCommits() {
		this.orders.place(3);
		try {
			assertThat(this.client.sql("select item from " + TABLE + " where id = :id")
				.param("id", 3)
				.query(String.class)
				.single()).isEqualTo("order 3");
		}
		finally {
			this.jdbc.update("delete from " + TABLE + " where id = 3");
		}
	}

	/** A service as applications write them. */
	static class Orders {

		private final JdbcTemplate jdbc;

		Orders(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Transactional
		public void place(int id) {
			this.jdbc.update("insert into " + TABLE + " (id, item) values (?, ?)", id, "order " + id);
		}

		@Transactional
		public void placeThenFail(int id) {
			place(id);
			throw new IllegalStateException("payment declined");
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ServiceConfiguration {

		@Bean
		Orders orders(JdbcTemplate jdbc) {
			return new Orders(jdbc);
		}

	}

}
