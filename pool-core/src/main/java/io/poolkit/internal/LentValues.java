package io.poolkit.internal;

import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.SQLXML;
import java.sql.Struct;

/**
 * Wraps the driver's objects that a lent value may be, so that none of them leads to the
 * driver's connection or statements, or reaches the connection after the return: a result
 * set ({@link ResultSet#getStatement()}), an array (whose {@code getResultSet} comes from
 * a statement of the driver's), a struct or a ref (whose values may be such objects), a
 * blob, clob or SQLXML (which may read and write through the connection: see
 * {@link BlobProxy}), and an object array holding any of these. Everything else is
 * returned as it is. Called inside the borrow's in-flight guard, except by the local
 * methods of the proxies (which wrap no such value).
 */
final class LentValues {

	private LentValues() {
	}

	/**
	 * @param connection the borrow the value belongs to
	 * @param statement the statement proxy it came from, or {@code null} (metadata, a
	 * value the connection created)
	 * @param value what the driver returned
	 * @return the value, or a proxy for it
	 */
	static Object wrap(ConnectionProxy connection, StatementProxy statement, Object value) {
		if (value instanceof ResultSet resultSet) {
			return new ResultSetProxyImpl(connection, statement, resultSet);
		}
		if (value instanceof Array array) {
			return new ArrayProxyImpl(connection, statement, array);
		}
		if (value instanceof Struct struct) {
			return new StructProxyImpl(connection, statement, struct);
		}
		if (value instanceof Ref ref) {
			return new RefProxyImpl(connection, statement, ref);
		}
		if (value instanceof Blob blob) {
			return new BlobProxyImpl(connection, blob);
		}
		if (value instanceof Clob clob) {
			return clob(connection, clob);
		}
		if (value instanceof SQLXML xml) {
			return new SQLXMLProxyImpl(connection, xml);
		}
		if (value instanceof Object[] values) {
			return wrapElements(connection, statement, values);
		}
		return value;
	}

	/**
	 * A clob's proxy, an {@link NClob}'s where the driver's clob is one.
	 */
	static Clob clob(ConnectionProxy connection, Clob clob) {
		if (clob instanceof NClob nclob) {
			return new NClobProxyImpl(connection, nclob);
		}
		return new ClobProxyImpl(connection, clob, "Clob");
	}

	/**
	 * What {@code getObject(..., Class<T> type)} returns: the proxy where {@code type}
	 * admits it. A caller that names the driver's own class gets the driver's object, as
	 * from {@code unwrap}: the borrow then stops trusting what it knows of the session.
	 */
	static <T> T wrap(ConnectionProxy connection, StatementProxy statement, T value, Class<T> type) {
		Object wrapped = wrap(connection, statement, value);
		if (wrapped == value) {
			return value;
		}
		if (type.isInstance(wrapped)) {
			return type.cast(wrapped);
		}
		connection.markUntracked();
		connection.markUnseenWork();
		return value;
	}

	/**
	 * An array of values with each driver object in it wrapped: a copy of the same type
	 * where that type can hold the proxies, else an {@code Object[]}; the array itself
	 * when nothing needed wrapping.
	 */
	private static Object[] wrapElements(ConnectionProxy connection, StatementProxy statement, Object[] values) {
		Object[] copy = null;
		for (int i = 0; i < values.length; i++) {
			Object wrapped = wrap(connection, statement, values[i]);
			if (wrapped != values[i]) {
				if (copy == null) {
					copy = new Object[values.length];
					System.arraycopy(values, 0, copy, 0, values.length);
				}
				copy[i] = wrapped;
			}
		}
		if (copy == null) {
			return values;
		}
		Class<?> component = values.getClass().getComponentType();
		for (Object element : copy) {
			if (element != null && !component.isInstance(element)) {
				return copy;
			}
		}
		Object[] typed = (Object[]) java.lang.reflect.Array.newInstance(component, copy.length);
		System.arraycopy(copy, 0, typed, 0, copy.length);
		return typed;
	}

}
