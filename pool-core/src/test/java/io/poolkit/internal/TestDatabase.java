package io.poolkit.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.poolkit.PoolConfig;
import io.poolkit.testkit.PostgresTestSupport;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * The engine's side of the proxy tests on the real PostgreSQL (the test kit's
 * {@link PostgresTestSupport}): slots and connection defaults built as the pool builds
 * them, and a few statements on a physical connection.
 */
final class TestDatabase {

	/** A pool that is never started: it only receives the slots these tests release. */
	private static final Pool POOL = new Pool(
			PoolConfig.builder().name("proxy-test").url(PostgresTestSupport.url()).build());

	private TestDatabase() {
	}

	/** The defaults the engine would record: the physical connection's own settings. */
	static ConnectionDefaults defaultsOf(Connection connection) throws SQLException {
		return new ConnectionDefaults(connection.getAutoCommit(), connection.getTransactionIsolation(),
				connection.isReadOnly(), connection.getCatalog(), connection.getSchema(),
				connection.getNetworkTimeout());
	}

	static ConnectionSlot slotFor(Connection connection) throws SQLException {
		return slot(connection, defaultsOf(connection));
	}

	/**
	 * The only place the proxy tests build a slot, so that it follows the engine's
	 * constructor in one edit.
	 */
	static ConnectionSlot slot(Connection connection, ConnectionDefaults defaults) {
		long now = System.nanoTime();
		return new ConnectionSlot(POOL, connection, defaults, now, now + Long.MAX_VALUE / 2, false);
	}

	static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	static int countRows(Connection connection, String table) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
			rs.next();
			return rs.getInt(1);
		}
	}

	static TransactionState transactionState(Connection physical) throws SQLException {
		return physical.unwrap(BaseConnection.class).getTransactionState();
	}

	/**
	 * Wraps a connection so that the test sees which methods were called on it, in order.
	 */
	static Connection recording(Connection target, List<String> calls) {
		return (Connection) Proxy.newProxyInstance(TestDatabase.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					if (method.getDeclaringClass() != Object.class) {
						calls.add(method.getName());
					}
					try {
						return method.invoke(target, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
