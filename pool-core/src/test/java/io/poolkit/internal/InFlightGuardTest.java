package io.poolkit.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.poolkit.testkit.JdbcArguments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-flight guard covers every proxied call that reaches the driver (issue 11, point
 * 7): for every method of every wrapped JDBC interface, on a driver of recording
 * {@link Proxy} objects, each call the method makes on the driver's objects is made while
 * the borrow counts a call in flight, on the borrowing thread's path and on another
 * thread's, and the borrow counts none once the method has returned or thrown. The only
 * driver calls made outside the guard are the result set's local getters, exactly those
 * {@code ResultSetProxy} names, and the prepared statement's local setters by index,
 * exactly those {@code PreparedStatementProxy} names (a callable statement's setters by
 * name stay guarded). After the return, every call but the result set's local getters is
 * refused before it reaches the driver.
 */
class InFlightGuardTest {

	/** {@code ResultSetProxy}'s {@code local} names: the spec this test holds it to. */
	private static final Set<String> LOCAL_RESULT_SET_METHODS = Set.of("wasNull", "getString", "getNString",
			"getBoolean", "getByte", "getShort", "getInt", "getLong", "getFloat", "getDouble", "getBigDecimal",
			"getBytes", "getDate", "getTime", "getTimestamp", "getURL", "findColumn", "getMetaData", "getRow",
			"getType", "getConcurrency", "getHoldability", "getFetchSize", "getFetchDirection", "getCursorName",
			"getWarnings", "clearWarnings", "isClosed", "rowUpdated", "rowInserted", "rowDeleted");

	/**
	 * {@code PreparedStatementProxy}'s {@code local} names, for the overloads
	 * {@link PreparedStatement} declares.
	 */
	private static final Set<String> LOCAL_PREPARED_STATEMENT_METHODS = Set.of("setBoolean", "setByte", "setShort",
			"setInt", "setLong", "setFloat", "setDouble", "setBigDecimal", "setString", "setNString", "setBytes",
			"clearParameters");

	/** They end the borrow: the cleanup's own driver calls are not the borrower's. */
	private static final Set<String> ENDING = Set.of("Connection.close()", "Connection.abort(Executor)");

	private static final List<Class<?>> WRAPPED = List.of(Connection.class, Statement.class, PreparedStatement.class,
			CallableStatement.class, ResultSet.class, DatabaseMetaData.class);

	private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

	/** The borrow under test; the driver reads it on each call. */
	private volatile ConnectionProxy lease;

	private volatile boolean recording;

	private volatile boolean failing;

	private final List<Seen> seen = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.otherThread.shutdownNow();
	}

	@Test
	void everyDriverCallOfTheBorrowingThreadIsInsideTheGuard() throws Exception {
		List<String> unguarded = callEverything(false);

		assertThat(unguarded).containsExactlyInAnyOrderElementsOf(expectedUnguarded());
	}

	@Test
	void everyDriverCallOfAnotherThreadIsInsideTheGuard() throws Exception {
		List<String> unguarded = callEverything(true);

		assertThat(unguarded).containsExactlyInAnyOrderElementsOf(expectedUnguarded());
	}

	@Test
	void aCallTheDriverFailsLeavesTheGuard() throws Exception {
		this.failing = true;
		callEverything(false);
		callEverything(true);
	}

	@Test
	void callsAfterTheReturnAreRefusedAndNeverReachTheDriver() throws Exception {
		ConnectionProxy borrow = borrow();
		Statement statement = borrow.createStatement();
		PreparedStatement prepared = borrow.prepareStatement("select ?");
		CallableStatement callable = borrow.prepareCall("{call p(?)}");
		ResultSet rows = statement.executeQuery("select 1");
		DatabaseMetaData metaData = borrow.getMetaData();
		borrow.close();
		this.recording = true;
		// The local setters included: refused once the return is seen.
		Map<Class<?>, Object> targets = Map.of(Connection.class, borrow, Statement.class, statement,
				PreparedStatement.class, prepared, CallableStatement.class, callable, ResultSet.class, rows,
				DatabaseMetaData.class, metaData);
		targets.forEach((jdbcInterface, target) -> {
			for (Method method : jdbcInterface.getMethods()) {
				boolean local = jdbcInterface == ResultSet.class && LOCAL_RESULT_SET_METHODS.contains(method.getName());
				if (!Modifier.isStatic(method.getModifiers()) && !local) {
					try {
						invoke(target, method, false);
					}
					catch (Exception ex) {
						throw new AssertionError(method.toString(), ex);
					}
				}
			}
		});
		assertThat(this.seen).as("driver calls after the return").isEmpty();
		assertThat(borrow.callsInFlight()).isFalse();
	}

	/**
	 * Every ResultSet method whose name is local, and every setter PreparedStatement
	 * declares whose name is local, on both kinds of prepared statement; by signature.
	 */
	private static List<String> expectedUnguarded() {
		List<String> expected = Arrays.stream(ResultSet.class.getMethods())
			.filter((m) -> !Modifier.isStatic(m.getModifiers()) && LOCAL_RESULT_SET_METHODS.contains(m.getName()))
			.map((m) -> "ResultSet." + signature(m))
			.collect(Collectors.toList());
		for (Method method : PreparedStatement.class.getDeclaredMethods()) {
			if (!Modifier.isStatic(method.getModifiers())
					&& LOCAL_PREPARED_STATEMENT_METHODS.contains(method.getName())) {
				expected.add("PreparedStatement." + signature(method));
				expected.add("CallableStatement." + signature(method));
			}
		}
		return expected;
	}

	/**
	 * Calls every method of every wrapped interface on a fresh borrow, on this thread or
	 * another, and checks each left the guard.
	 * @return the driver calls made outside the guard, as "Interface.signature"
	 */
	private List<String> callEverything(boolean onAnotherThread) throws Exception {
		Set<String> unguarded = new TreeSet<>();
		int tested = 0;
		for (Class<?> jdbcInterface : WRAPPED) {
			for (Method method : jdbcInterface.getMethods()) {
				String name = jdbcInterface.getSimpleName() + "." + signature(method);
				if (Modifier.isStatic(method.getModifiers()) || ENDING.contains(name)) {
					continue;
				}
				ConnectionProxy borrow = borrow();
				Object target = objectOf(jdbcInterface, borrow);
				this.seen.clear();
				this.recording = true;
				try {
					invoke(target, method, onAnotherThread);
				}
				finally {
					this.recording = false;
				}
				assertThat(borrow.callsInFlight()).as("%s left the guard", name).isFalse();
				for (Seen call : this.seen) {
					if (!call.inFlight) {
						unguarded.add(call.on.getSimpleName() + "." + call.method);
					}
				}
				tested++;
			}
		}
		// Connection 58, Statement 56, PreparedStatement 114, CallableStatement 235,
		// ResultSet 195, DatabaseMetaData 179 in Java 17.
		assertThat(tested).isGreaterThanOrEqualTo(837);
		return new ArrayList<>(unguarded);
	}

	private void invoke(Object target, Method method, boolean onAnotherThread) throws Exception {
		Object[] arguments = JdbcArguments.of(method, (type) -> (type == Class.class) ? Runnable.class : null);
		if (!onAnotherThread) {
			invokeHere(target, method, arguments);
			return;
		}
		Future<?> call = this.otherThread.submit(() -> {
			invokeHere(target, method, arguments);
			return null;
		});
		call.get(10, TimeUnit.SECONDS);
	}

	private static void invokeHere(Object target, Method method, Object[] arguments) throws Exception {
		try {
			method.invoke(target, arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			// The driver's failure, a refused call (08003), or one of the two metadata
			// methods that cannot throw it.
			if (!(cause instanceof SQLException) && !(cause.getCause() instanceof SQLException)) {
				throw ex;
			}
		}
	}

	private ConnectionProxy borrow() {
		Connection physical = (Connection) stub(Connection.class);
		ConnectionProxy borrow = new ConnectionProxyImpl(TestDatabase.slot(physical,
				new ConnectionDefaults(true, Connection.TRANSACTION_READ_COMMITTED, false, null, null, 0)));
		this.lease = borrow;
		return borrow;
	}

	private static Object objectOf(Class<?> jdbcInterface, Connection connection) throws SQLException {
		if (jdbcInterface == Connection.class) {
			return connection;
		}
		if (jdbcInterface == Statement.class) {
			return connection.createStatement();
		}
		if (jdbcInterface == PreparedStatement.class) {
			return connection.prepareStatement("select 1");
		}
		if (jdbcInterface == CallableStatement.class) {
			return connection.prepareCall("{call p()}");
		}
		if (jdbcInterface == ResultSet.class) {
			return connection.createStatement().executeQuery("select 1");
		}
		return connection.getMetaData();
	}

	// ---- the recording driver

	/** One call the driver saw while recording. */
	record Seen(Class<?> on, String method, boolean inFlight) {
	}

	private Object stub(Class<?> jdbcInterface) {
		return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { jdbcInterface },
				(proxy, method, args) -> {
					if (method.getDeclaringClass() == Object.class) {
						return objectMethod(proxy, method, args, jdbcInterface);
					}
					if (this.recording) {
						this.seen.add(new Seen(jdbcInterface, signature(method), this.lease.callsInFlight()));
						if (this.failing) {
							throw new SQLException("the driver failed", "42000");
						}
					}
					return answer(method);
				});
	}

	private static final Set<Class<?>> CREATED = Set.of(Statement.class, PreparedStatement.class,
			CallableStatement.class, ResultSet.class, DatabaseMetaData.class);

	private Object answer(Method method) {
		Class<?> type = method.getReturnType();
		if (CREATED.contains(type)) {
			return stub(type);
		}
		if (method.getName().equals("getTransactionIsolation")) {
			return Connection.TRANSACTION_READ_COMMITTED;
		}
		if (type == boolean.class) {
			return method.getName().equals("getAutoCommit");
		}
		if (type == int.class) {
			return 0;
		}
		if (type == long.class) {
			return 0L;
		}
		if (type == short.class) {
			return (short) 0;
		}
		if (type == byte.class) {
			return (byte) 0;
		}
		if (type == float.class) {
			return 0f;
		}
		if (type == double.class) {
			return 0d;
		}
		if (type == Properties.class) {
			return new Properties();
		}
		if (type == Map.class) {
			return new HashMap<>();
		}
		return null;
	}

	private static Object objectMethod(Object proxy, Method method, Object[] args, Class<?> type) {
		switch (method.getName()) {
			case "equals":
				return proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			case "toString":
				return "Recording" + type.getSimpleName();
			default:
				throw new UnsupportedOperationException(method.toString());
		}
	}

	private static String signature(Method method) {
		return method.getName() + Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", ", "(", ")"));
	}

}
