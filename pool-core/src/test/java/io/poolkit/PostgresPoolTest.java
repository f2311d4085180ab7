package io.poolkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The pool against the real PostgreSQL: what a borrower leaves behind never reaches the
 * next one.
 */
class PostgresPoolTest {

	private String table;

	private PoolDataSource pool;

	@BeforeEach
	void createTable() throws SQLException {
		this.table = PostgresTestSupport.uniqueTableName("pool_it");
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE TABLE " + this.table + " (id int PRIMARY KEY, note text)");
		}
	}

	@AfterEach
	void dropTable() throws SQLException {
		if (this.pool != null) {
			this.pool.close();
		}
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + this.table);
		}
	}

	private PoolConfig.Builder config(String name, int maxSize) {
		return TestPools.postgres(name).maxSize(maxSize);
	}

	private int rowCount() throws SQLException {
		try (Connection admin = PostgresTestSupport.admin();
				Statement statement = admin.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + this.table)) {
			rows.next();
			return rows.getInt(1);
		}
	}

	@Test
	void uncommittedWorkIsRolledBackOnReturnNeverCommitted() throws SQLException {
		this.pool = new PoolDataSource(config("rollback-it", 1).build());
		try (Connection connection = this.pool.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("INSERT INTO " + this.table + " VALUES (1, 'left open')");
			}
		}
		assertThat(rowCount()).isZero();
		try (Connection connection = this.pool.getConnection()) {
			assertThat(connection.getAutoCommit()).isTrue();
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("INSERT INTO " + this.table + " VALUES (2, 'committed')");
			}
		}
		assertThat(rowCount()).isEqualTo(1);
	}

	@Test
	void changedSessionStateIsRestoredOnReturn() throws SQLException {
		this.pool = new PoolDataSource(config("state-it", 1).build());
		int isolation;
		try (Connection connection = this.pool.getConnection()) {
			isolation = connection.getTransactionIsolation();
			connection.setAutoCommit(false);
			connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
			connection.setReadOnly(true);
			connection.setSchema("pg_catalog");
			connection.commit();
		}
		try (Connection connection = this.pool.getConnection()) {
			Connection physical = (Connection) connection.unwrap(PGConnection.class);
			assertThat(physical.getAutoCommit()).isTrue();
			assertThat(physical.getTransactionIsolation()).isEqualTo(isolation);
			assertThat(physical.isReadOnly()).isFalse();
			assertThat(physical.getSchema()).isEqualTo("public");
		}
	}

	@Test
	void configuredDefaultsApplyToEveryBorrower() throws SQLException {
		this.pool = new PoolDataSource(config("defaults-it", 1).autoCommit(false)
			.transactionIsolation(Connection.TRANSACTION_REPEATABLE_READ)
			.build());
		try (Connection connection = this.pool.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SHOW transaction_isolation")) {
			rows.next();
			assertThat(rows.getString(1)).isEqualTo("repeatable read");
			assertThat(connection.getAutoCommit()).isFalse();
		}
	}

	@Test
	void everyConnectionCarriesThePoolNameAsApplicationName() throws SQLException {
		this.pool = new PoolDataSource(config("appname-it", 3).build());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.stats().idle() == 3);
		assertThat(PostgresTestSupport.countBackends("appname-it")).isEqualTo(3);
		this.pool.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> PostgresTestSupport.countBackends("appname-it") == 0);
	}

	@Test
	void statementsLeftOpenAreClosedOnReturn() throws SQLException {
		this.pool = new PoolDataSource(config("statements-it", 1).build());
		PreparedStatement leftOpen;
		ResultSet rowsLeftOpen;
		try (Connection connection = this.pool.getConnection()) {
			leftOpen = connection.prepareStatement("SELECT 1");
			rowsLeftOpen = leftOpen.executeQuery();
			assertThat(leftOpen.getConnection()).isSameAs(connection);
			assertThat(rowsLeftOpen.getStatement()).isSameAs(leftOpen);
		}
		assertThat(leftOpen.isClosed()).isTrue();
		assertThatThrownBy(leftOpen::executeQuery).isInstanceOf(SQLException.class).hasMessageContaining("closed");
	}

	@Test
	void timeoutExceptionExplainsItself() throws SQLException {
		this.pool = new PoolDataSource(config("timeout-it", 1).connectionTimeout(Duration.ofMillis(250)).build());
		try (Connection held = this.pool.getConnection()) {
			assertThatThrownBy(() -> this.pool.getConnection()).isInstanceOf(SQLTransientConnectionException.class)
				.hasMessageContaining("Pool 'timeout-it'")
				.hasMessageContaining("connection-timeout 250 ms")
				.hasMessageContaining("total 1, active 1, idle 0, 0 others waiting, max-size 1");
		}
	}

	@Test
	void timeoutMessageCountsTheOthersWaitingNotTheBorrowerItself() throws Exception {
		this.pool = new PoolDataSource(config("timeout-others-it", 1).connectionTimeout(Duration.ofSeconds(2)).build());
		// Two threads of its own: the common pool may have only one on a small machine.
		ExecutorService borrowers = Executors.newFixedThreadPool(2);
		try (Connection held = this.pool.getConnection()) {
			// The first to wait times out first, while a second still waits.
			CompletableFuture<String> first = CompletableFuture.supplyAsync(this::timeoutMessage, borrowers);
			await().atMost(Duration.ofSeconds(5)).until(() -> this.pool.stats().pending() == 1);
			CompletableFuture<String> second = CompletableFuture.supplyAsync(this::timeoutMessage, borrowers);
			await().atMost(Duration.ofSeconds(5)).until(() -> this.pool.stats().pending() == 2);
			assertThat(first.get(10, TimeUnit.SECONDS)).contains("idle 0, 1 others waiting, max-size 1");
			assertThat(second.get(10, TimeUnit.SECONDS)).contains("idle 0, 0 others waiting, max-size 1");
		}
		finally {
			borrowers.shutdownNow();
		}
	}

	private String timeoutMessage() {
		try (Connection connection = this.pool.getConnection()) {
			throw new IllegalStateException("no timeout: " + connection);
		}
		catch (SQLTransientConnectionException ex) {
			return ex.getMessage();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void timeoutWhileSuspendedCountsTheOthersWaiting() throws SQLException {
		this.pool = new PoolDataSource(
				config("timeout-suspended-it", 1).connectionTimeout(Duration.ofMillis(250)).build());
		this.pool.suspend();
		try {
			assertThatThrownBy(() -> this.pool.getConnection()).isInstanceOf(SQLTransientConnectionException.class)
				.hasMessageContaining("the pool is suspended")
				.hasMessageContaining(", 0 others waiting,");
			assertThat(this.pool.stats().pending()).isZero();
		}
		finally {
			this.pool.resume();
		}
	}

	@Test
	void failFastDoesNotWait() throws SQLException {
		this.pool = new PoolDataSource(config("failfast-it", 1).onExhausted(OnExhausted.FAIL_FAST)
			.connectionTimeout(Duration.ofHours(1))
			.build());
		try (Connection held = this.pool.getConnection()) {
			assertThatThrownBy(() -> this.pool.getConnection()).isInstanceOf(SQLTransientConnectionException.class)
				.hasMessageContaining("fail-fast");
		}
	}

	@Test
	void overflowConnectionServesAndThenCloses() throws Exception {
		this.pool = new PoolDataSource(config("overflow-it", 1).onExhausted(OnExhausted.OVERFLOW)
			.maxOverflow(1)
			.overflowAfter(Duration.ofMillis(50))
			.build());
		try (Connection held = this.pool.getConnection()) {
			try (Connection overflow = this.pool.getConnection(); Statement statement = overflow.createStatement()) {
				assertThat(statement.executeUpdate("INSERT INTO " + this.table + " VALUES (1, 'overflow')"))
					.isEqualTo(1);
				assertThat(PostgresTestSupport.countBackends("overflow-it")).isEqualTo(2);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> PostgresTestSupport.countBackends("overflow-it") == 1);
		}
		assertThat(rowCount()).isEqualTo(1);
	}

	@Test
	void maxWaitersBoundsTheQueue() throws Exception {
		this.pool = new PoolDataSource(config("waiters-it", 1).maxWaiters(1).build());
		Connection held = this.pool.getConnection();
		CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
			try (Connection connection = this.pool.getConnection()) {
				connection.isValid(1);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.stats().pending() == 1);
		assertThatThrownBy(() -> this.pool.getConnection()).isInstanceOf(SQLTransientConnectionException.class)
			.hasMessageContaining("max-waiters");
		held.close();
		waiter.get(10, TimeUnit.SECONDS);
	}

}
