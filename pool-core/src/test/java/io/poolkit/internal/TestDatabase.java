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
 * The real PostgreSQL the proxy tests run against (the test kit's
 * {@link PostgresTestSupport}), and the engine's side of it: slots and connection
 * defaults built as the pool builds them.
 */
final class TestDatabase {

	static final String URL = PostgresTestSupport.url();

	static final String USER = PostgresTestSupport.user();

	static final String PASSWORD = PostgresTestSupport.password();

	/** A pool that is never started: it only receives the slots these tests release. */
	private static final Pool POOL = new Pool(PoolConfig.builder().name("proxy-test").url(URL).build());

	private TestDatabase() {
	}

	static Connection connect() throws SQLException {
		return PostgresTestSupport.connect();
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

	/** A unique name, so that tests of parallel builds on one database do not meet. */
	static String uniqueName(String prefix) {
		return PostgresTestSupport.uniqueName(prefix);
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
