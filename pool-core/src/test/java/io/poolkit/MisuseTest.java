package io.poolkit;

import java.lang.reflect.UndeclaredThrowableException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What happens when a borrower misuses the pool, against the real PostgreSQL, one case
 * per test; the README's "Misuse and what happens" lists the same behaviours. The rule
 * behind all of them: a borrow that has ended can no longer reach the physical
 * connection, because another borrower may hold it by then.
 */
@Timeout(120)
class MisuseTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private String table;

	private PoolDataSource pool;

	@BeforeEach
	void createTable() throws SQLException {
		this.table = PostgresTestSupport.uniqueTableName("misuse");
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE TABLE " + this.table + " (id int PRIMARY KEY, who text)");
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

	private PoolDataSource start(String name, int size) {
		return start(config(name, size));
	}

	private PoolDataSource start(PoolConfig.Builder builder) {
		this.pool = new PoolDataSource(builder.build());
		return this.pool;
	}

	private PoolConfig.Builder config(String name, int size) {
		return TestPools.postgres(name).maxSize(size);
	}

	private void insert(Connection connection, int id, String who) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate("INSERT INTO " + this.table + " VALUES (" + id + ", '" + who + "')");
		}
	}

	private int rows() throws SQLException {
		try (Connection admin = PostgresTestSupport.admin();
				Statement statement = admin.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + this.table)) {
			rows.next();
			return rows.getInt(1);
		}
	}

	private static void assertReturned(ThrowingCall call) {
		assertThatThrownBy(call::call).isInstanceOf(SQLException.class)
			.hasMessage("Connection is closed: it was returned to the pool")
			.extracting((ex) -> ((SQLException) ex).getSQLState())
			.isEqualTo("08003");
	}

	@FunctionalInterface
	interface ThrowingCall {

		void call() throws Exception;

	}

	@Test
	void aConnectionUsedAfterCloseFailsAndCannotTouchTheNextBorrowersWork() throws SQLException {
		start("misuse-after-close", 1);
		Connection stale = this.pool.getConnection();
		int pid = PostgresTestSupport.backendPid(stale);
		stale.close();
		try (Connection next = this.pool.getConnection()) {
			assertThat(PostgresTestSupport.backendPid(next)).as("the same physical connection, lent again")
				.isEqualTo(pid);
			next.setAutoCommit(false);
			insert(next, 1, "next borrower");
			assertReturned(stale::createStatement);
			assertReturned(() -> stale.prepareStatement("SELECT 1"));
			// Neither may end the next borrower's transaction.
			assertReturned(stale::commit);
			assertReturned(stale::rollback);
			assertReturned(() -> stale.setAutoCommit(true));
			assertReturned(() -> stale.unwrap(PGConnection.class));
			assertThat(stale.isClosed()).isTrue();
			assertThat(stale.isValid(1)).isFalse();
			next.rollback();
		}
		assertThat(rows()).as("the next borrower's rolled-back row").isZero();
	}

	@Test
	void closingTwiceIsHarmlessAndReturnsTheConnectionOnce() throws Exception {
		start("misuse-close-twice", 2);
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 2);
		Connection connection = this.pool.getConnection();
		connection.close();
		assertThatNoException().isThrownBy(connection::close);
		PoolStats stats = this.pool.stats();
		assertThat(stats.total()).isEqualTo(2);
		assertThat(stats.idle()).isEqualTo(2);
		assertThat(stats.active()).isZero();
		// Returned once, so two borrowers now get two different connections.
		try (Connection first = this.pool.getConnection(); Connection second = this.pool.getConnection()) {
			assertThat(PostgresTestSupport.backendPid(first)).isNotEqualTo(PostgresTestSupport.backendPid(second));
			assertThat(this.pool.stats().active()).isEqualTo(2);
		}
	}

	@Test
	void statementsResultSetsAndMetadataUsedAfterReturnFail() throws SQLException {
		start("misuse-statements", 1);
		Connection first = this.pool.getConnection();
		Statement statement = first.createStatement();
		PreparedStatement prepared = first.prepareStatement("INSERT INTO " + this.table + " VALUES (?, 'stale')");
		ResultSet openRows = first.createStatement().executeQuery("SELECT generate_series(1, 3)");
		DatabaseMetaData metaData = first.getMetaData();
		first.close();
		try (Connection next = this.pool.getConnection()) {
			next.setAutoCommit(false);
			insert(next, 1, "next borrower");
			assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO " + this.table + " VALUES (2, 'stale')"))
				.isInstanceOf(SQLException.class)
				.hasMessage("Statement is closed: its connection was returned to the pool");
			// Even binding a parameter is refused: the driver's statement may be in use
			// again.
			assertThatThrownBy(() -> prepared.setInt(1, 3)).isInstanceOf(SQLException.class)
				.hasMessage("Statement is closed: its connection was returned to the pool");
			assertThatThrownBy(prepared::executeUpdate).isInstanceOf(SQLException.class)
				.hasMessage("Statement is closed: its connection was returned to the pool");
			// Closed by the pool on return, so the driver refuses it.
			assertThatThrownBy(openRows::next).isInstanceOf(SQLException.class).hasMessageContaining("closed");
			assertReturned(() -> metaData.getTables(null, null, "%", null));
			// They declare no SQLException: the same 08003 comes wrapped.
			assertThatThrownBy(metaData::getDriverMajorVersion).isInstanceOf(UndeclaredThrowableException.class)
				.cause()
				.isInstanceOf(SQLException.class)
				.extracting((ex) -> ((SQLException) ex).getSQLState())
				.isEqualTo("08003");
			assertThatThrownBy(metaData::getDriverMinorVersion).isInstanceOf(UndeclaredThrowableException.class)
				.cause()
				.isInstanceOf(SQLException.class);
			assertThat(statement.isClosed()).isTrue();
			assertThatNoException().isThrownBy(statement::close);
			next.commit();
		}
		try (Connection check = this.pool.getConnection();
				Statement query = check.createStatement();
				ResultSet rows = query.executeQuery("SELECT id, who FROM " + this.table)) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString("who")).isEqualTo("next borrower");
			assertThat(rows.next()).as("no row of the stale statements").isFalse();
		}
	}

	@Test
	void aBorrowerInterruptedWhileWaitingGetsAnExceptionAndKeepsItsFlag() throws Exception {
		start(config("misuse-interrupt", 1).connectionTimeout(Duration.ofMinutes(5)));
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicBoolean flagKept = new AtomicBoolean();
		try (Connection held = this.pool.getConnection()) {
			Thread waiter = new Thread(() -> {
				try {
					this.pool.getConnection().close();
				}
				catch (SQLException ex) {
					failure.set(ex);
					flagKept.set(Thread.currentThread().isInterrupted());
				}
			}, "interrupted-borrower");
			waiter.start();
			await().atMost(WAIT).until(() -> this.pool.stats().pending() == 1);
			long interruptedAt = System.nanoTime();
			waiter.interrupt();
			waiter.join(TimeUnit.SECONDS.toMillis(30));
			// Not the five-minute connection-timeout: the interrupt ends the wait.
			assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - interruptedAt)).isLessThan(30);
			assertThat(failure.get()).isInstanceOf(SQLTransientConnectionException.class)
				.hasMessage("Interrupted while waiting for a connection from pool 'misuse-interrupt'")
				.hasCauseInstanceOf(InterruptedException.class);
			assertThat(((SQLException) failure.get()).getSQLState()).isEqualTo("08001");
			assertThat(flagKept).isTrue();
			assertThat(this.pool.stats().pending()).isZero();
			assertThat(PostgresTestSupport.backendPid(held)).isPositive();
		}
		// Nothing was lost: the one connection is idle and lends again.
		assertThat(this.pool.stats().idle()).isEqualTo(1);
		try (Connection again = this.pool.getConnection()) {
			assertThat(PostgresTestSupport.backendPid(again)).isPositive();
		}
	}

	@Test
	void anAlreadyInterruptedThreadFailsAtOnceWhenItWouldWaitButTakesAnIdleConnection() throws Exception {
		start(config("misuse-interrupted", 1).connectionTimeout(Duration.ofMinutes(5)));
		await().atMost(WAIT).until(() -> this.pool.stats().idle() == 1);
		CompletableFuture<String> outcome = CompletableFuture.supplyAsync(() -> {
			Thread.currentThread().interrupt();
			try (Connection idle = this.pool.getConnection()) {
				// The interrupt only ends waiting; an idle connection is lent, and the
				// flag is left for the caller.
				String first = "got idle, interrupted=" + Thread.currentThread().isInterrupted();
				try (Connection none = this.pool.getConnection()) {
					return first + "; then got a second one";
				}
				catch (SQLException ex) {
					return first + "; then " + ex.getMessage();
				}
			}
			catch (SQLException ex) {
				return "failed: " + ex;
			}
			finally {
				Thread.interrupted();
			}
		});
		assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo("got idle, interrupted=true; then Interrupted while "
				+ "waiting for a connection from pool 'misuse-interrupted'");
	}

	@Test
	void closingThePoolWaitsForABorrowerThatReturnsWithinShutdownTimeout() throws Exception {
		start(config("misuse-close-wait", 2).shutdownTimeout(Duration.ofMinutes(1)));
		Connection borrowed = this.pool.getConnection();
		CompletableFuture<Void> closing = CompletableFuture.runAsync(this.pool::close);
		await().atMost(WAIT).until(this.pool::isClosed);
		assertThatThrownBy(this.pool::getConnection).isInstanceOf(SQLNonTransientConnectionException.class)
			.hasMessage("Pool 'misuse-close-wait' is closed; no connection can be borrowed")
			.extracting((ex) -> ((SQLException) ex).getSQLState())
			.isEqualTo("08003");
		// The borrower finishes its work undisturbed while close() waits for it.
		borrowed.setAutoCommit(false);
		insert(borrowed, 1, "finished during shutdown");
		borrowed.commit();
		assertThat(closing).isNotDone();
		borrowed.close();
		closing.get(30, TimeUnit.SECONDS);
		assertThat(rows()).isEqualTo(1);
		assertThat(this.pool.stats().total()).isZero();
		await().atMost(WAIT).until(() -> PostgresTestSupport.countBackends("misuse-close-wait") == 0);
	}

	@Test
	void closingThePoolAbortsConnectionsHeldPastShutdownTimeoutWithoutCommitting() throws Exception {
		start(config("misuse-close-abort", 1).shutdownTimeout(Duration.ofMillis(200)));
		Connection borrowed = this.pool.getConnection();
		borrowed.setAutoCommit(false);
		insert(borrowed, 1, "never committed");
		this.pool.close();
		assertThatThrownBy(() -> insert(borrowed, 2, "after abort")).isInstanceOf(SQLException.class);
		assertThatThrownBy(borrowed::commit).isInstanceOf(SQLException.class);
		assertThatNoException().isThrownBy(borrowed::close);
		assertThat(rows()).isZero();
		await().atMost(WAIT).until(() -> PostgresTestSupport.countBackends("misuse-close-abort") == 0);
	}

	@Test
	void closingThePoolFailsWaitingBorrowersAtOnce() throws Exception {
		start(config("misuse-close-waiters", 1).connectionTimeout(Duration.ofMinutes(5))
			.shutdownTimeout(Duration.ofMillis(100)));
		Connection held = this.pool.getConnection();
		CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
			try {
				this.pool.getConnection().close();
				return null;
			}
			catch (SQLException ex) {
				return ex;
			}
		});
		await().atMost(WAIT).until(() -> this.pool.stats().pending() == 1);
		this.pool.close();
		assertThat(waiter.get(30, TimeUnit.SECONDS)).isInstanceOf(SQLNonTransientConnectionException.class)
			.hasMessage("Pool 'misuse-close-waiters' is closed; no connection can be borrowed");
		held.close();
	}

	@Test
	void getConnectionWithAnotherUserIsRefusedAndNamesTheAlternatives() throws SQLException {
		start("misuse-credentials", 1);
		assertThatThrownBy(() -> this.pool.getConnection("someone-else", "their-secret"))
			.isInstanceOf(SQLFeatureNotSupportedException.class)
			.hasMessage("Pool 'misuse-credentials' lends connections of its configured user only; "
					+ "getConnection(user, password) is not supported. Use a separate pool per user, or a credentials "
					+ "supplier for rotating credentials")
			.hasMessageNotContaining("their-secret");
		try (Connection connection = this.pool.getConnection()) {
			assertThat(connection.getMetaData().getUserName()).isEqualTo(PostgresTestSupport.user());
		}
	}

}
