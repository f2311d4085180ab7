package io.poolkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLRecoverableException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StubDriverTest {

	private final StubDatabase db = StubDatabase.create();

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@AfterEach
	void stopThreads() {
		db.releaseConnects();
		executor.shutdownNow();
	}

	@Test
	void countsOpensAndClosesThroughDriverManagerAndDataSource() throws SQLException {
		Connection viaDriverManager = DriverManager.getConnection(db.url(), "alice", "secret");
		Connection viaDataSource = db.dataSource().getConnection();

		assertThat(db.opened()).isEqualTo(2);
		assertThat(db.open()).isEqualTo(2);
		assertThat(db.connectAttempts()).isEqualTo(2);
		assertThat(db.connections()).containsExactly((StubConnection) viaDriverManager, (StubConnection) viaDataSource);

		viaDriverManager.close();
		viaDriverManager.close(); // idempotent: counted once

		assertThat(db.closed()).isEqualTo(1);
		assertThat(db.open()).isEqualTo(1);
		assertThat(db.connections()).containsExactly((StubConnection) viaDataSource);
		viaDataSource.close();
		assertThat(db.open()).isZero();
		assertThat(db.opened()).isEqualTo(2);
	}

	@Test
	void remembersTheLastConnectProperties() throws SQLException {
		assertThat(db.lastConnectProperties()).isNull();
		Properties properties = new Properties();
		properties.setProperty("user", "alice");
		properties.setProperty("password", "secret");
		properties.setProperty("ApplicationName", "orders");

		try (Connection connection = DriverManager.getConnection(db.url(), properties)) {
			assertThat(db.lastConnectProperties()).containsEntry("user", "alice")
				.containsEntry("password", "secret")
				.containsEntry("ApplicationName", "orders");
			assertThat(connection.getMetaData().getUserName()).isEqualTo("alice");
		}
		try (Connection connection = db.dataSource().getConnection("bob", "hunter2")) {
			assertThat(db.lastConnectProperties()).containsEntry("user", "bob").containsEntry("password", "hunter2");
		}
	}

	@Test
	void keepsSessionStateLikeARealConnection() throws SQLException {
		try (Connection connection = db.dataSource().getConnection()) {
			StubConnection stub = (StubConnection) connection;
			assertThat(connection.getAutoCommit()).isTrue();
			assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
			assertThat(connection.getCatalog()).isEqualTo(db.name());
			assertThat(connection.getSchema()).isEqualTo("public");

			connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
			connection.setReadOnly(true);
			connection.setCatalog("other");
			connection.setSchema("audit");
			connection.setNetworkTimeout(Runnable::run, 1234);

			assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
			assertThat(connection.isReadOnly()).isTrue();
			assertThat(connection.getCatalog()).isEqualTo("other");
			assertThat(connection.getSchema()).isEqualTo("audit");
			assertThat(connection.getNetworkTimeout()).isEqualTo(1234);
			assertThat(stub.transactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
			assertThat(stub.readOnly()).isTrue();
			assertThat(stub.catalog()).isEqualTo("other");
			assertThat(stub.schema()).isEqualTo("audit");
			assertThat(stub.networkTimeout()).isEqualTo(1234);
		}
	}

	@Test
	void tracksTransactions() throws SQLException {
		try (Connection connection = db.dataSource().getConnection()) {
			StubConnection stub = (StubConnection) connection;
			assertThatThrownBy(connection::commit).isInstanceOf(SQLException.class);

			connection.setAutoCommit(false);
			assertThat(stub.autoCommit()).isFalse();
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("insert into t values (1)");
				assertThat(stub.uncommittedWork()).isTrue();
				connection.rollback();
				assertThat(stub.uncommittedWork()).isFalse();
				assertThat(db.rollbacks()).isEqualTo(1);

				statement.executeUpdate("insert into t values (2)");
				connection.commit();
				assertThat(db.commits()).isEqualTo(1);

				connection.setAutoCommit(true); // nothing pending: no commit
				assertThat(db.commits()).isEqualTo(1);
				connection.setAutoCommit(false);
				statement.execute("update t set x = 3");
				connection.setAutoCommit(true); // work pending: JDBC says this commits
				assertThat(db.commits()).isEqualTo(2);
				assertThat(stub.uncommittedWork()).isFalse();
			}
		}
	}

	@Test
	void answersEveryQueryWithOneRowHoldingOne() throws SQLException {
		try (Connection connection = db.dataSource().getConnection()) {
			StubConnection stub = (StubConnection) connection;
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT 1")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getInt(1)).isEqualTo(1);
				assertThat(rows.getInt("anything")).isEqualTo(1);
				assertThat(rows.next()).isFalse();
				assertThat(statement.executeUpdate("delete from t")).isEqualTo(1);
				assertThat(statement.execute("set search_path = x")).isFalse();
				assertThat(statement.execute("select 1")).isTrue();
			}
			try (PreparedStatement prepared = connection.prepareStatement("select ?")) {
				prepared.setInt(1, 42);
				try (ResultSet rows = prepared.executeQuery()) {
					assertThat(rows.next()).isTrue();
					assertThat(rows.getLong(1)).isEqualTo(1L);
				}
				assertThatThrownBy(() -> prepared.executeQuery("select 2")).isInstanceOf(SQLException.class);
			}
			assertThat(stub.executedSql()).containsExactly("SELECT 1", "delete from t", "set search_path = x",
					"select 1", "select ?");
			assertThat(connection.isValid(1)).isTrue();
			assertThat(stub.isValidCalls()).isEqualTo(1);
			assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("Stub");
			assertThat(connection.getMetaData().getURL()).isEqualTo(db.url());
			assertThat(connection.unwrap(StubConnection.class)).isSameAs(stub);
			assertThat(connection.isWrapperFor(ResultSet.class)).isFalse();
			assertThatThrownBy(() -> connection.unwrap(ResultSet.class)).isInstanceOf(SQLException.class);
		}
	}

	@Test
	void closingAConnectionClosesItsStatementsAndLaterCallsFailWith08003() throws SQLException {
		Connection connection = db.dataSource().getConnection();
		Statement statement = connection.createStatement();
		assertThat(((StubConnection) connection).openStatements()).isEqualTo(1);

		connection.close();

		assertThat(connection.isClosed()).isTrue();
		assertThat(statement.isClosed()).isTrue();
		assertThat(((StubConnection) connection).openStatements()).isZero();
		assertThat(connection.isValid(1)).isFalse();
		assertThatThrownBy(connection::getAutoCommit).isInstanceOfSatisfying(SQLException.class,
				e -> assertThat(e.getSQLState()).isEqualTo("08003"));
		assertThatThrownBy(connection::createStatement).isInstanceOfSatisfying(SQLException.class,
				e -> assertThat(e.getSQLState()).isEqualTo("08003"));
	}

	@Test
	void unsupportedMethodsSayWhichMethodIsMissing() throws SQLException {
		try (Connection connection = db.dataSource().getConnection()) {
			assertThatThrownBy(() -> connection.prepareCall("call p()"))
				.isInstanceOf(SQLFeatureNotSupportedException.class)
				.hasMessageContaining("Connection.prepareCall");
		}
	}

	@Test
	void failsConnectsOnDemand() throws SQLException {
		SQLException refused = new SQLRecoverableException("connection refused", "08001");
		db.failConnects(refused);

		assertThatThrownBy(() -> DriverManager.getConnection(db.url())).isSameAs(refused);
		assertThatThrownBy(() -> db.dataSource().getConnection()).isSameAs(refused);
		db.failConnects(() -> new SQLException("password authentication failed", "28P01"));
		assertThatThrownBy(() -> db.dataSource().getConnection()).isInstanceOfSatisfying(SQLException.class,
				e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
		assertThat(db.connectAttempts()).isEqualTo(3);
		assertThat(db.opened()).isZero();

		db.acceptConnects();
		try (Connection connection = DriverManager.getConnection(db.url())) {
			assertThat(connection.isValid(1)).isTrue();
		}
		assertThat(db.opened()).isEqualTo(1);
	}

	@Test
	void blocksConnectsUntilReleased() throws Exception {
		db.blockConnects();
		List<Future<Connection>> connects = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			connects.add(executor.submit(() -> db.dataSource().getConnection()));
		}

		await().until(() -> db.blockedConnects() == 3);
		assertThat(db.connectAttempts()).isEqualTo(3);
		assertThat(db.opened()).isZero();
		assertThat(connects).noneMatch(Future::isDone);

		db.releaseConnects();
		for (Future<Connection> connect : connects) {
			assertThat(connect.get(10, TimeUnit.SECONDS).isValid(1)).isTrue();
		}
		assertThat(db.opened()).isEqualTo(3);
		assertThat(db.blockedConnects()).isZero();
	}

	@Test
	void aBlockedConnectCanBeInterrupted() throws Exception {
		db.blockConnects();
		AtomicBoolean interruptFlagKept = new AtomicBoolean();
		CompletableFuture<Thread> connectingThread = new CompletableFuture<>();
		Future<?> connect = executor.submit(() -> {
			connectingThread.complete(Thread.currentThread());
			try {
				db.dataSource().getConnection();
			}
			finally {
				interruptFlagKept.set(Thread.currentThread().isInterrupted());
			}
			return null;
		});
		await().until(() -> db.blockedConnects() == 1);

		connectingThread.get().interrupt();

		assertThatThrownBy(() -> connect.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class);
		assertThat(interruptFlagKept).isTrue();
		assertThat(db.opened()).isZero();
	}

	@Test
	void delaysConnects() throws SQLException {
		db.connectDelay(Duration.ofMillis(200));
		long start = System.nanoTime();
		try (Connection connection = db.dataSource().getConnection()) {
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		}
	}

	@Test
	void killedConnectionsFailWith08006UntilClosed() throws SQLException {
		Connection first = db.dataSource().getConnection();
		Connection second = db.dataSource().getConnection();
		Statement statement = first.createStatement();

		db.killAll();

		for (Connection connection : List.of(first, second)) {
			assertThat(connection.isValid(1)).isFalse();
			assertThat(((StubConnection) connection).isKilled()).isTrue();
			assertThatThrownBy(connection::getAutoCommit).isInstanceOfSatisfying(SQLException.class,
					e -> assertThat(e.getSQLState()).isEqualTo("08006"));
		}
		assertThatThrownBy(() -> statement.executeQuery("select 1")).isInstanceOfSatisfying(SQLException.class,
				e -> assertThat(e.getSQLState()).isEqualTo("08006"));
		assertThat(db.open()).isEqualTo(2);

		first.close();
		second.close();
		assertThat(db.open()).isZero();
		assertThat(db.closed()).isEqualTo(2);
		try (Connection fresh = db.dataSource().getConnection()) {
			assertThat(fresh.isValid(1)).isTrue();
		}
	}

	@Test
	void killsOneConnection() throws SQLException {
		try (Connection victim = db.dataSource().getConnection();
				Connection bystander = db.dataSource().getConnection()) {
			db.kill((StubConnection) victim);

			assertThat(victim.isValid(1)).isFalse();
			assertThat(bystander.isValid(1)).isTrue();
			assertThatThrownBy(() -> victim.setAutoCommit(false)).isInstanceOfSatisfying(SQLException.class,
					e -> assertThat(e.getSQLState()).isEqualTo("08006"));
		}
	}

	@Test
	void rejectsUnknownDatabasesAndLeavesOtherUrlsToOtherDrivers() throws SQLException {
		assertThatThrownBy(() -> DriverManager.getConnection("jdbc:stub:no-such-db"))
			.isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"));
		assertThat(new StubDriver().connect("jdbc:postgresql://127.0.0.1/test", new Properties())).isNull();
		assertThat(DriverManager.getDriver(db.url())).isInstanceOf(StubDriver.class);
	}

	@Test
	void aPlainDatabaseAnswersAPreparedQueryWithItsFirstParameter() throws SQLException {
		StubDatabase plain = StubDatabase.plain(PostgresTestSupport.uniqueName("plain"));
		try (Connection connection = DriverManager.getConnection(plain.url());
				PreparedStatement prepared = connection.prepareStatement("select id from t where id = ?")) {
			assertThat(readOne(prepared)).isEqualTo(1L);
			prepared.setInt(1, 42);
			assertThat(readOne(prepared)).isEqualTo(42L);
			prepared.setLong(1, 5_000_000_000L);
			assertThat(readOne(prepared)).isEqualTo(5_000_000_000L);
			prepared.setString(1, "four");
			assertThat(readOne(prepared)).isEqualTo(4L);
			prepared.clearParameters();
			assertThat(readOne(prepared)).isEqualTo(1L);
			assertThatThrownBy(() -> prepared.setInt(0, 1)).isInstanceOfSatisfying(SQLException.class,
					e -> assertThat(e.getSQLState()).isEqualTo("22023"));
			try (Statement statement = connection.createStatement()) {
				assertThat(statement.execute("  WITH x AS (SELECT 2) SELECT * FROM x")).isTrue();
				try (ResultSet rows = statement.getResultSet()) {
					assertThat(rows.next()).isTrue();
					assertThat(rows.getObject(1)).isEqualTo(1);
				}
			}
		}
	}

	private static long readOne(PreparedStatement prepared) throws SQLException {
		try (ResultSet rows = prepared.executeQuery()) {
			assertThat(rows.next()).isTrue();
			return rows.getLong(1);
		}
	}

	@Test
	void aPlainDatabaseKeepsNoBooksButKeepsTheRulesAndTakesFaults() throws SQLException {
		StubDatabase plain = StubDatabase.plain(PostgresTestSupport.uniqueName("plain"));
		assertThat(StubDatabase.plain(plain.name())).isSameAs(plain);
		assertThat(plain.counting()).isFalse();
		assertThat(this.db.counting()).isTrue();
		assertThatThrownBy(() -> StubDatabase.plain(this.db.name())).isInstanceOf(IllegalArgumentException.class);

		try (Connection connection = plain.dataSource().getConnection("alice", "secret")) {
			StubConnection stub = (StubConnection) connection;
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("insert into t values (1)");
			}
			connection.commit();
			assertThat(connection.getMetaData().getUserName()).isEqualTo("alice");
			assertThat(connection.isValid(1)).isTrue();
			for (ThrowingCallable books : List.<ThrowingCallable>of(plain::opened, plain::open, plain::commits,
					plain::connections, plain::lastConnectProperties, plain::killAll, stub::executedSql,
					stub::isValidCalls, stub::openStatements, stub::uncommittedWork)) {
				assertThatThrownBy(books).isInstanceOf(IllegalStateException.class);
			}
			connection.setAutoCommit(true);
			assertThatThrownBy(connection::commit).isInstanceOfSatisfying(SQLException.class,
					e -> assertThat(e.getSQLState()).isEqualTo("25P01"));

			plain.kill(stub);
			assertThat(connection.isValid(1)).isFalse();
			assertThatThrownBy(connection::getAutoCommit).isInstanceOfSatisfying(SQLException.class,
					e -> assertThat(e.getSQLState()).isEqualTo("08006"));
		}
		plain.failConnects(new SQLException("refused", "08001"));
		try {
			assertThatThrownBy(() -> DriverManager.getConnection(plain.url())).hasMessage("refused");
		}
		finally {
			plain.acceptConnects();
		}
	}

	@Test
	void generatedMethodsThrowNamingTheStubButDefaultsAndWrapperBehaveAsInADriver() throws SQLException {
		try (Connection connection = this.db.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select 1")) {
			rows.next();
			assertThatThrownBy(() -> rows.getDate(1)).isInstanceOf(SQLFeatureNotSupportedException.class)
				.hasMessage("StubResultSet does not implement ResultSet.getDate");
			assertThatThrownBy(() -> statement.addBatch("select 1")).isInstanceOf(SQLFeatureNotSupportedException.class)
				.hasMessage("StubStatement does not implement Statement.addBatch");
			assertThatThrownBy(() -> connection.getMetaData().getTables(null, null, "%", null))
				.isInstanceOf(SQLFeatureNotSupportedException.class)
				.hasMessage("StubDatabaseMetaData does not implement DatabaseMetaData.getTables");
			// Interface defaults stay: JDBC 4.3's request demarcation is a no-op,
			// literals are quoted by the standard's rule.
			connection.beginRequest();
			connection.endRequest();
			assertThat(statement.enquoteLiteral("it's")).isEqualTo("'it''s'");
			assertThat(rows.unwrap(StubResultSet.class)).isSameAs(rows);
			assertThat(statement.isWrapperFor(Statement.class)).isTrue();
			assertThatThrownBy(() -> statement.unwrap(Connection.class)).isInstanceOf(SQLException.class)
				.hasMessage("StubStatement does not wrap java.sql.Connection");
		}
	}

}
