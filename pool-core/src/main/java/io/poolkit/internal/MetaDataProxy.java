package io.poolkit.internal;

import java.lang.reflect.UndeclaredThrowableException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@link DatabaseMetaData} a borrower gets, so that {@code getConnection()} and the
 * result sets' statements do not lead to the driver's connection. Most metadata methods
 * run queries, which with auto-commit off open a transaction, so every delegated call
 * marks the connection dirty.
 * <p>
 * Only the methods with behaviour are written here; {@code MetaDataProxyImpl}, generated
 * by the build (see {@link DelegatesTo}), implements the others.
 */
@DelegatesTo(DatabaseMetaData.class)
abstract class MetaDataProxy implements DatabaseMetaData {

	final ConnectionProxy connection;

	final DatabaseMetaData delegate;

	MetaDataProxy(ConnectionProxy connection, DatabaseMetaData delegate) {
		this.connection = connection;
		this.delegate = delegate;
	}

	// ---- hooks of the generated methods

	/**
	 * Called before each generated call: enters the connection's in-flight guard (see
	 * {@link BorrowState}), or refuses the call once the connection was returned; then
	 * notes, inside the guard, that a query may run.
	 */
	final int beforeCall() throws SQLException {
		ConnectionProxy c = this.connection;
		int guard = c.enterOrFail();
		c.markDirty();
		return guard;
	}

	/**
	 * Called in a {@code finally} after each generated call that entered the guard, with
	 * what the hook before returned.
	 */
	final void afterCall(int guard) {
		this.connection.exitCall(guard);
	}

	final SQLException onError(SQLException ex) {
		return this.connection.onError(ex);
	}

	/**
	 * Result sets of metadata belong to no statement of the borrower: the borrow keeps
	 * them, so that the return closes those left open (see
	 * {@link MetaDataResultSetProxy}). Called inside the guard.
	 */
	final ResultSet wrap(ResultSet resultSet) {
		if (resultSet == null) {
			return null;
		}
		MetaDataResultSetProxy lent = new MetaDataResultSetProxyImpl(this.connection, resultSet);
		this.connection.extras().metaDataResultSets().add(lent);
		return lent;
	}

	// ---- behaviour

	@Override
	public Connection getConnection() throws SQLException {
		this.connection.checkOpen();
		return this.connection;
	}

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		ConnectionProxy c = this.connection;
		int guard = c.enterOrFail();
		try {
			return c.unwrap(this, this.delegate, iface);
		}
		finally {
			c.exitCall(guard);
		}
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) throws SQLException {
		ConnectionProxy c = this.connection;
		int guard = c.enterOrFail();
		try {
			return c.isWrapperFor(this, this.delegate, iface);
		}
		finally {
			c.exitCall(guard);
		}
	}

	// The two methods that declare no SQLException: after return, the 08003 error comes
	// wrapped in an unchecked exception (as java.lang.reflect.Proxy reports it).

	@Override
	public int getDriverMajorVersion() {
		int guard = beforeUncheckedCall();
		try {
			return this.delegate.getDriverMajorVersion();
		}
		finally {
			afterCall(guard);
		}
	}

	@Override
	public int getDriverMinorVersion() {
		int guard = beforeUncheckedCall();
		try {
			return this.delegate.getDriverMinorVersion();
		}
		finally {
			afterCall(guard);
		}
	}

	private int beforeUncheckedCall() {
		try {
			return beforeCall();
		}
		catch (SQLException ex) {
			throw new UndeclaredThrowableException(ex);
		}
	}

	@Override
	public String toString() {
		return "MetaDataProxy[" + this.delegate + "]";
	}

}
