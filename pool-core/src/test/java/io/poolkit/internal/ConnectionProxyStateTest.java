package io.poolkit.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.core.TransactionState;
import org.postgresql.jdbc.PgConnection;

import static org.assertj.core.api.Assertions.assertThat;

/** Session settings a borrower changes are put back on return, and only those. */
class ConnectionProxyStateTest {

	private Connection admin;

	private Connection physical;

	/** The methods the proxy called on the physical connection. */
	private final List<String> calls = new ArrayList<>();

	private String schema;

	@BeforeEach
	void setUp() throws SQLException {
		this.admin = PostgresTestSupport.connect();
		this.physical = PostgresTestSupport.connect();
		this.schema = PostgresTestSupport.uniqueName("proxy_schema");
		TestDatabase.execute(this.admin, "create schema " + this.schema);
	}

	@AfterEach
	void tearDown() throws SQLException {
		try {
			this.physical.close();
			TestDatabase.execute(this.admin, "drop schema if exists " + this.schema + " cascade");
		}
		finally {
			this.admin.close();
		}
	}

	private ConnectionProxy borrow() throws SQLException {
		Connection recorded = TestDatabase.recording(this.physical, this.calls);
		return new ConnectionProxyImpl(TestDatabase.slot(recorded, TestDatabase.defaultsOf(this.physical)));
	}

	/**
	 * Closes the proxy and returns what its close() called on the physical connection.
	 */
	private List<String> closeAndRecord(ConnectionProxy proxy) {
		this.calls.clear();
		proxy.close();
		return List.copyOf(this.calls);
	}

	@Test
	void changedSettingsAreRestored() throws SQLException {
		ConnectionProxy proxy = borrow();
		proxy.setAutoCommit(false);
		proxy.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
		proxy.setReadOnly(true);
		proxy.setSchema(this.schema);
		proxy.setNetworkTimeout(Runnable::run, 12_345);
		assertThat(proxy.getSchema()).isEqualTo(this.schema);

		proxy.close();

		assertThat(this.physical.getAutoCommit()).isTrue();
		assertThat(this.physical.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
		assertThat(this.physical.isReadOnly()).isFalse();
		assertThat(this.physical.getSchema()).isEqualTo("public");
		assertThat(this.physical.getNetworkTimeout()).isZero();
		assertThat(TestDatabase.transactionState(this.physical)).isEqualTo(TransactionState.IDLE);
	}

	@Test
	void gettersAnswerWithoutAskingTheDriver() throws SQLException {
		ConnectionProxy proxy = borrow();
		assertThat(proxy.getAutoCommit()).isTrue();
		assertThat(proxy.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
		assertThat(proxy.isReadOnly()).isFalse();
		proxy.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
		proxy.setAutoCommit(false);
		proxy.setReadOnly(true);
		this.calls.clear();

		assertThat(proxy.getAutoCommit()).isFalse();
		assertThat(proxy.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
		assertThat(proxy.isReadOnly()).isTrue();
		assertThat(this.calls).isEmpty();
		proxy.close();
	}

	@Test
	void nothingChangedMeansNothingRestored() throws SQLException {
		ConnectionProxy proxy = borrow();
		try (var statement = proxy.createStatement(); ResultSet rs = statement.executeQuery("select 1")) {
			rs.next();
		}

		assertThat(closeAndRecord(proxy)).containsExactly("clearWarnings");
	}

	@Test
	void onlyChangedSettingsAreRestored() throws SQLException {
		ConnectionProxy proxy = borrow();
		proxy.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);

		assertThat(closeAndRecord(proxy)).containsExactly("setTransactionIsolation", "clearWarnings");
		assertThat(this.physical.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
	}

	@Test
	void aSettingPutBackByTheBorrowerNeedsNoRestore() throws SQLException {
		ConnectionProxy proxy = borrow();
		// What Spring's transaction manager does around each transaction.
		proxy.setAutoCommit(false);
		proxy.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
		proxy.setReadOnly(true);
		proxy.setReadOnly(false);
		proxy.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
		proxy.setAutoCommit(true);

		assertThat(closeAndRecord(proxy)).containsExactly("clearWarnings");
	}

	@Test
	void dirtyTransactionIsRolledBackBeforeRestoring() throws SQLException {
		ConnectionProxy proxy = borrow();
		proxy.setAutoCommit(false);
		proxy.setReadOnly(true);
		try (var statement = proxy.createStatement()) {
			statement.execute("select 1");
		}

		assertThat(closeAndRecord(proxy)).startsWith("rollback").doesNotContain("commit");
		assertThat(this.physical.isReadOnly()).isFalse();
		assertThat(this.physical.getAutoCommit()).isTrue();
	}

	@Test
	void settingsAreRestoredWithoutLeavingATransactionWhenAutoCommitIsOffByDefault() throws SQLException {
		this.physical.setAutoCommit(false);
		ConnectionProxy proxy = borrow();
		proxy.setSchema(this.schema);
		proxy.commit();
		proxy.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);

		proxy.close();

		assertThat(this.physical.getAutoCommit()).isFalse();
		assertThat(TestDatabase.transactionState(this.physical)).isEqualTo(TransactionState.IDLE);
		assertThat(this.physical.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
		assertThat(this.physical.getSchema()).isEqualTo("public");
		this.physical.rollback();
	}

	@Test
	void settingsChangedThroughTheUnwrappedConnectionAreRestored() throws SQLException {
		ConnectionProxy proxy = borrow();
		Connection raw = proxy.unwrap(PgConnection.class);
		raw.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
		raw.setSchema(this.schema);

		proxy.close();

		assertThat(this.physical.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
		assertThat(this.physical.getSchema()).isEqualTo("public");
		assertThat(TestDatabase.transactionState(this.physical)).isEqualTo(TransactionState.IDLE);
	}

	@Test
	void aFailedSetterMakesCloseRestoreEverything() throws SQLException {
		ConnectionProxy proxy = borrow();
		proxy.setAutoCommit(false);
		try (var statement = proxy.createStatement()) {
			statement.execute("select 1");
		}
		// pgjdbc refuses to change isolation inside a transaction.
		try {
			proxy.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
		}
		catch (SQLException expected) {
			// what we want
		}

		assertThat(closeAndRecord(proxy)).contains("getAutoCommit", "rollback", "setTransactionIsolation", "setSchema",
				"setAutoCommit");
		assertThat(this.physical.getAutoCommit()).isTrue();
		assertThat(TestDatabase.transactionState(this.physical)).isEqualTo(TransactionState.IDLE);
	}

	@Test
	void holdabilityTypeMapAndClientInfoAreRestored() throws SQLException {
		int holdability = this.physical.getHoldability();
		String applicationName = this.physical.getClientInfo("ApplicationName");
		Map<String, Class<?>> typeMap = new HashMap<>(this.physical.getTypeMap());
		ConnectionProxy proxy = borrow();
		proxy.setHoldability(holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT ? ResultSet.CLOSE_CURSORS_AT_COMMIT
				: ResultSet.HOLD_CURSORS_OVER_COMMIT);
		proxy.setClientInfo("ApplicationName", "borrower");
		proxy.getTypeMap().put("point", String.class);
		assertThat(proxy.getClientInfo("ApplicationName")).isEqualTo("borrower");

		proxy.close();

		assertThat(this.physical.getHoldability()).isEqualTo(holdability);
		assertThat(this.physical.getClientInfo("ApplicationName")).isEqualTo(applicationName);
		assertThat(this.physical.getTypeMap()).isEqualTo(typeMap);
	}

}
