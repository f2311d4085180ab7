package io.poolkit.internal;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.jdbc.PgConnection;
import org.postgresql.jdbc.PgStatement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Work, statements and lifecycle of {@link ConnectionProxy} on a real PostgreSQL. */
class ConnectionProxyTest {

	private Connection admin;

	private Connection physical;

	private String table;

	@BeforeEach
	void setUp() throws SQLException {
		this.admin = PostgresTestSupport.connect();
		this.physical = PostgresTestSupport.connect();
		this.table = PostgresTestSupport.uniqueName("proxy_test");
		TestDatabase.execute(this.admin, "create table " + this.table + " (id serial primary key, name text)");
	}

	@AfterEach
	void tearDown() throws SQLException {
		try {
			this.physical.close();
			TestDatabase.execute(this.admin, "drop table if exists " + this.table);
		}
		finally {
			this.admin.close();
		}
	}

	private ConnectionProxy borrow() throws SQLException {
		return new ConnectionProxyImpl(TestDatabase.slotFor(this.physical));
	}

	private void insert(Connection connection, String name) throws SQLException {
		try (PreparedStatement ps = connection.prepareStatement("insert into " + this.table + " (name) values (?)")) {
			ps.setString(1, name);
			ps.executeUpdate();
		}
	}

	@Test
	void uncommittedWorkIsRolledBackOnClose() throws SQLException {
		ConnectionProxy proxy = borrow();
		proxy.setAutoCommit(false);
		insert(proxy, "left behind");
		proxy.close();

		assertThat(TestDatabase.countRows(this.admin, this.table)).isZero();
		assertThat(TestDatabase.transactionState(this.physical)).isEqualTo(TransactionState.IDLE);
		assertThat(this.physical.getAutoCommit()).isTrue();
	}

	@Test
	void committedWorkStaysAndOnlyTheRestIsRolledBack() throws SQLException {
		ConnectionProxy proxy = borrow();
		proxy.setAutoCommit(false);
		insert(proxy, "committed");
		proxy.commit();
		insert(proxy, "not committed");
		proxy.close();

		assertThat(TestDatabase.countRows(this.admin, this.table)).isEqualTo(1);
	}

	@Test
	void autoCommittedWorkStays() throws SQLException {
		ConnectionProxy proxy = borrow();
		insert(proxy, "auto-committed");
		proxy.close();

		assertThat(TestDatabase.countRows(this.admin, this.table)).isEqualTo(1);
	}

	@Test
	void switchingAutoCommitOnCommits() throws SQLException {
		ConnectionProxy proxy = borrow();
		proxy.setAutoCommit(false);
		insert(proxy, "committed by the switch");
		proxy.setAutoCommit(true);
		proxy.close();

		assertThat(TestDatabase.countRows(this.admin, this.table)).isEqualTo(1);
	}

	@Test
	void rollbackToSavepointLeavesTheTransactionToRollBack() throws SQLException {
		ConnectionProxy proxy = borrow();
		proxy.setAutoCommit(false);
		insert(proxy, "before the savepoint");
		Savepoint savepoint = proxy.setSavepoint();
		insert(proxy, "after the savepoint");
		proxy.rollback(savepoint);
		proxy.close();

		assertThat(TestDatabase.countRows(this.admin, this.table)).isZero();
		assertThat(TestDatabase.transactionState(this.physical)).isEqualTo(TransactionState.IDLE);
	}

	@Test
	void everyKindOfExecuteMakesTheTransactionDirty() throws SQLException {
		ConnectionProxy proxy = borrow();
		proxy.setAutoCommit(false);
		try (Statement statement = proxy.createStatement()) {
			statement.addBatch("insert into " + this.table + " (name) values ('batch')");
			statement.executeBatch();
		}
		proxy.close();
		assertThat(TestDatabase.countRows(this.admin, this.table)).isZero();

		proxy = borrow();
		proxy.setAutoCommit(false);
		try (Statement statement = proxy.createStatement()) {
			statement.executeLargeUpdate("insert into " + this.table + " (name) values ('large')");
		}
		proxy.close();
		assertThat(TestDatabase.countRows(this.admin, this.table)).isZero();

		proxy = borrow();
		proxy.setAutoCommit(false);
		try (CallableStatement call = proxy.prepareCall("{call pg_sleep(0)}")) {
			// A read-only call still opens a transaction on the server.
			call.execute();
		}
		assertThat(TestDatabase.transactionState(this.physical)).isEqualTo(TransactionState.OPEN);
		proxy.close();
		assertThat(TestDatabase.transactionState(this.physical)).isEqualTo(TransactionState.IDLE);
	}

	@Test
	void metadataQueriesDoNotLeaveATransactionOpen() throws SQLException {
		// Auto-commit off by default: nothing else on return would end the transaction.
		this.physical.setAutoCommit(false);
		ConnectionProxy proxy = borrow();
		DatabaseMetaData metaData = proxy.getMetaData();
		// Each use counts, not only getting the metadata.
		proxy.commit();
		try (ResultSet tables = metaData.getTables(null, "public", this.table, null)) {
			assertThat(tables.next()).isTrue();
			assertThat(tables.getStatement()).isNull();
		}
		proxy.close();

		assertThat(TestDatabase.transactionState(this.physical)).isEqualTo(TransactionState.IDLE);
	}

	@Test
	void workThroughTheUnwrappedConnectionIsRolledBack() throws SQLException {
		ConnectionProxy proxy = borrow();
		Connection raw = proxy.unwrap(PgConnection.class);
		raw.setAutoCommit(false);
		insert(raw, "behind the proxy's back");
		proxy.close();

		assertThat(TestDatabase.countRows(this.admin, this.table)).isZero();
		assertThat(this.physical.getAutoCommit()).isTrue();
		assertThat(TestDatabase.transactionState(this.physical)).isEqualTo(TransactionState.IDLE);
	}

	@Test
	void workThroughAnUnwrappedStatementIsRolledBack() throws SQLException {
		ConnectionProxy proxy = borrow();
		Statement statement = proxy.createStatement();
		PgStatement raw = statement.unwrap(PgStatement.class);
		proxy.setAutoCommit(false);
		raw.getConnection().createStatement().executeUpdate("insert into " + this.table + " (name) values ('raw')");
		proxy.close();

		assertThat(TestDatabase.countRows(this.admin, this.table)).isZero();
	}

	@Test
	void statementsAndResultSetsLeftOpenAreClosed() throws SQLException {
		ConnectionProxy proxy = borrow();
		Statement statement = proxy.createStatement();
		ResultSet rs = statement.executeQuery("select 1");
		PreparedStatement prepared = proxy.prepareStatement("select ?");
		prepared.setInt(1, 2);
		ResultSet preparedRs = prepared.executeQuery();
		CallableStatement callable = proxy.prepareCall("{call pg_sleep(0)}");
		Statement closedByBorrower = proxy.createStatement();
		closedByBorrower.close();
		Statement rawStatement = statement.unwrap(PgStatement.class);
		Statement rawPrepared = prepared.unwrap(PgStatement.class);
		Statement rawCallable = callable.unwrap(PgStatement.class);

		proxy.close();

		assertThat(rawStatement.isClosed()).isTrue();
		assertThat(rawPrepared.isClosed()).isTrue();
		assertThat(rawCallable.isClosed()).isTrue();
		assertThat(rs.isClosed()).isTrue();
		assertThat(preparedRs.isClosed()).isTrue();
		assertThat(statement.isClosed()).isTrue();
		assertThat(prepared.isClosed()).isTrue();
		assertThat(callable.isClosed()).isTrue();
		// Closing again after the connection did is harmless.
		statement.close();
	}

	@Test
	void statementsClosedInAnyOrderAreForgotten() throws SQLException {
		ConnectionProxy proxy = borrow();
		List<Statement> statements = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			statements.add(proxy.createStatement());
		}
		statements.get(3).close();
		statements.get(0).close();
		statements.get(9).close();
		Statement kept = statements.get(5);
		Statement raw = kept.unwrap(PgStatement.class);
		proxy.close();

		assertThat(raw.isClosed()).isTrue();
		assertThat(statements).allSatisfy(s -> assertThat(s.isClosed()).isTrue());
	}

	@Test
	void proxiesLeadBackToProxies() throws SQLException {
		ConnectionProxy proxy = borrow();
		try (Statement statement = proxy.createStatement(); ResultSet rs = statement.executeQuery("select 1")) {
			assertThat(statement.getConnection()).isSameAs(proxy);
			assertThat(rs.getStatement()).isSameAs(statement);
			assertThat(statement.getResultSet()).isNotNull();
		}
		try (PreparedStatement prepared = proxy.prepareStatement("insert into " + this.table + " (name) values ('x')",
				Statement.RETURN_GENERATED_KEYS)) {
			prepared.executeUpdate();
			try (ResultSet keys = prepared.getGeneratedKeys()) {
				assertThat(keys.getStatement()).isSameAs(prepared);
				assertThat(keys.next()).isTrue();
				assertThat(keys.getInt(1)).isPositive();
			}
			assertThat(prepared.getConnection()).isSameAs(proxy);
		}
		try (CallableStatement callable = proxy.prepareCall("{? = call upper(?)}")) {
			callable.registerOutParameter(1, java.sql.Types.VARCHAR);
			callable.setString(2, "abc");
			callable.execute();
			assertThat(callable.getString(1)).isEqualTo("ABC");
			assertThat(callable.getConnection()).isSameAs(proxy);
		}
		DatabaseMetaData metaData = proxy.getMetaData();
		assertThat(metaData.getConnection()).isSameAs(proxy);
		assertThat(metaData.getDatabaseProductName()).isEqualTo("PostgreSQL");
		assertThat(metaData.unwrap(DatabaseMetaData.class)).isSameAs(metaData);
		proxy.close();
	}

	@Test
	void refcursorResultSetsLeadBackToTheStatementProxy() throws SQLException {
		String function = PostgresTestSupport.uniqueName("proxy_cursor");
		TestDatabase.execute(this.admin, "create function " + function + "() returns refcursor language plpgsql as $$"
				+ " declare c refcursor; begin open c for select 42 as answer; return c; end $$");
		try {
			ConnectionProxy proxy = borrow();
			// pgjdbc fetches a refcursor only inside a transaction.
			proxy.setAutoCommit(false);
			try (PreparedStatement ps = proxy.prepareStatement("select " + function + "()");
					ResultSet rs = ps.executeQuery()) {
				assertThat(rs.next()).isTrue();
				try (ResultSet cursor = (ResultSet) rs.getObject(1)) {
					assertThat(cursor).isInstanceOf(ResultSetProxy.class);
					assertThat(cursor.getStatement()).isSameAs(ps);
					assertThat(cursor.next()).isTrue();
					assertThat(cursor.getInt("answer")).isEqualTo(42);
				}
			}
			proxy.close();
		}
		finally {
			TestDatabase.execute(this.admin, "drop function if exists " + function + "()");
		}
	}

	@Test
	void resultSetsDelegate() throws SQLException {
		ConnectionProxy proxy = borrow();
		try (PreparedStatement ps = proxy.prepareStatement("select g, 'row ' || g from generate_series(1, 3) g");
				ResultSet rs = ps.executeQuery()) {
			List<String> rows = new ArrayList<>();
			while (rs.next()) {
				rows.add(rs.getInt(1) + ":" + rs.getString(2));
			}
			assertThat(rows).containsExactly("1:row 1", "2:row 2", "3:row 3");
			assertThat(rs.unwrap(ResultSet.class)).isSameAs(rs);
			assertThat(rs.isWrapperFor(org.postgresql.jdbc.PgResultSet.class)).isTrue();
		}
		proxy.close();
	}

	@Test
	void driverErrorsReachTheBorrower() throws SQLException {
		ConnectionProxy proxy = borrow();
		try (Statement statement = proxy.createStatement()) {
			assertThatThrownBy(() -> statement.executeQuery("select * from no_such_table_here"))
				.isInstanceOf(SQLException.class)
				.extracting(ex -> ((SQLException) ex).getSQLState())
				.isEqualTo("42P01");
		}
		proxy.close();
	}

	@Test
	void secondCloseIsANoOp() throws SQLException {
		List<String> calls = new ArrayList<>();
		this.physical = TestDatabase.recording(this.physical, calls);
		ConnectionProxy proxy = borrow();
		proxy.setAutoCommit(false);
		insert(proxy, "x");
		proxy.close();
		assertThat(calls).contains("rollback");
		calls.clear();

		proxy.close();

		assertThat(calls).isEmpty();
	}

	@Test
	void everyCallAfterCloseFails() throws SQLException {
		ConnectionProxy proxy = borrow();
		Statement statement = proxy.createStatement();
		PreparedStatement prepared = proxy.prepareStatement("select 1");
		DatabaseMetaData metaData = proxy.getMetaData();
		proxy.close();

		assertThat(proxy.isClosed()).isTrue();
		assertThat(proxy.isValid(1)).isFalse();
		assertClosed(proxy::createStatement);
		assertClosed(() -> proxy.prepareStatement("select 1"));
		assertClosed(() -> proxy.prepareCall("select 1"));
		assertClosed(() -> proxy.setAutoCommit(false));
		assertClosed(proxy::getAutoCommit);
		assertClosed(proxy::commit);
		assertClosed(proxy::rollback);
		assertClosed(proxy::getMetaData);
		assertClosed(proxy::getSchema);
		assertClosed(proxy::getWarnings);
		assertClosed(() -> proxy.unwrap(PGConnection.class));
		assertClosed(() -> proxy.isWrapperFor(PGConnection.class));
		assertClosed(() -> proxy.setClientInfo("ApplicationName", "late"));
		assertClosed(metaData::getConnection);
		assertClosed(() -> metaData.getTables(null, null, this.table, null));

		assertThat(statement.isClosed()).isTrue();
		assertThat(prepared.isClosed()).isTrue();
		assertStatementClosed(() -> statement.executeQuery("select 1"));
		assertStatementClosed(statement::getConnection);
		assertStatementClosed(() -> prepared.setInt(1, 1));
		assertStatementClosed(prepared::executeQuery);
	}

	private interface SqlCall {

		void call() throws SQLException;

	}

	private static void assertClosed(SqlCall call) {
		assertThatThrownBy(call::call).isInstanceOf(SQLException.class)
			.hasMessage("Connection is closed: it was returned to the pool")
			.extracting(ex -> ((SQLException) ex).getSQLState())
			.isEqualTo("08003");
	}

	private static void assertStatementClosed(SqlCall call) {
		assertThatThrownBy(call::call).isInstanceOf(SQLException.class)
			.hasMessage("Statement is closed: its connection was returned to the pool")
			.extracting(ex -> ((SQLException) ex).getSQLState())
			.isEqualTo("08003");
	}

	@Test
	void unwrapReachesTheDriverConnection() throws SQLException {
		ConnectionProxy proxy = borrow();

		assertThat(proxy.unwrap(Connection.class)).isSameAs(proxy);
		assertThat(proxy.unwrap(PgConnection.class)).isSameAs(this.physical);
		assertThat(proxy.unwrap(PGConnection.class)).isSameAs(this.physical);
		assertThat(proxy.isWrapperFor(Connection.class)).isTrue();
		assertThat(proxy.isWrapperFor(PGConnection.class)).isTrue();
		assertThat(proxy.isWrapperFor(String.class)).isFalse();
		assertThatThrownBy(() -> proxy.unwrap(String.class)).isInstanceOf(SQLException.class);
		proxy.close();
	}

	@Test
	void closeDoesNotThrowWhenThePhysicalConnectionIsGone() throws SQLException {
		ConnectionProxy proxy = borrow();
		proxy.setAutoCommit(false);
		insert(proxy, "x");
		this.physical.close();

		proxy.close();

		assertThat(proxy.isClosed()).isTrue();
	}

	@Test
	void abortGivesTheSlotUpWithoutCleanup() throws SQLException {
		List<String> calls = new ArrayList<>();
		this.physical = TestDatabase.recording(this.physical, calls);
		ConnectionProxy proxy = borrow();
		proxy.setAutoCommit(false);
		insert(proxy, "x");
		calls.clear();

		proxy.abort(Runnable::run);
		proxy.close();

		assertThat(proxy.isClosed()).isTrue();
		// No rollback, no restore: only the abort's own close, after the socket's.
		assertThat(calls).containsOnly("close");
		assertClosed(proxy::createStatement);
	}

}
