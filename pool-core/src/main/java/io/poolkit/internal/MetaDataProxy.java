package io.poolkit.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@link DatabaseMetaData} a borrower gets, so that {@code getConnection()} and the
 * result sets' statements do not lead to the driver's connection. A reflective proxy:
 * DatabaseMetaData has some 180 methods and is not on any hot path (frameworks read it
 * once at startup).
 */
final class MetaDataProxy implements InvocationHandler {

	private static final Class<?>[] INTERFACES = { DatabaseMetaData.class };

	private static final Method UNWRAP;

	static {
		try {
			UNWRAP = DatabaseMetaData.class.getMethod("unwrap", Class.class);
		}
		catch (NoSuchMethodException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final ConnectionProxy connection;

	private final DatabaseMetaData delegate;

	private MetaDataProxy(ConnectionProxy connection, DatabaseMetaData delegate) {
		this.connection = connection;
		this.delegate = delegate;
	}

	static DatabaseMetaData wrap(ConnectionProxy connection, DatabaseMetaData delegate) {
		return (DatabaseMetaData) Proxy.newProxyInstance(MetaDataProxy.class.getClassLoader(), INTERFACES,
				new MetaDataProxy(connection, delegate));
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return invokeObjectMethod(proxy, method, args);
		}
		this.connection.checkOpen();
		switch (method.getName()) {
			case "getConnection":
				return this.connection;
			case "unwrap":
				return unwrap(proxy, (Class<?>) args[0]);
			case "isWrapperFor":
				Class<?> iface = (Class<?>) args[0];
				if (iface.isInstance(proxy) || iface.isInstance(this.delegate)) {
					return true;
				}
				break;
			default:
				// Most metadata methods run queries, which with auto-commit off open a
				// transaction.
				this.connection.markDirty();
		}
		Object result = invokeDelegate(method, args);
		return result instanceof ResultSet ? new ResultSetProxy(this.connection, null, (ResultSet) result) : result;
	}

	private Object unwrap(Object proxy, Class<?> iface) throws Throwable {
		if (iface.isInstance(proxy)) {
			return proxy;
		}
		Object unwrapped = iface.isInstance(this.delegate) ? this.delegate
				: invokeDelegate(UNWRAP, new Object[] { iface });
		// The driver's metadata leads to the driver's connection.
		this.connection.markUntracked();
		return unwrapped;
	}

	private Object invokeDelegate(Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(this.delegate, args);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof SQLException) {
				throw this.connection.onError((SQLException) cause);
			}
			throw cause;
		}
	}

	private Object invokeObjectMethod(Object proxy, Method method, Object[] args) {
		switch (method.getName()) {
			case "equals":
				return proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			default:
				return "MetaDataProxy[" + this.delegate + "]";
		}
	}

}
