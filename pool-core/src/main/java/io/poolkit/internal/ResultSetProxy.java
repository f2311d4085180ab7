package io.poolkit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@link ResultSet} a borrower gets: plain delegation, except that
 * {@link #getStatement()} leads back to the statement proxy and not to the driver's
 * statement and connection. On the hot path of every query, so no checks per call: once
 * the connection is returned its statements, and with them their result sets, are closed
 * by the driver, which then refuses the calls itself. Row writes (and {@code refreshRow},
 * which re-reads) run SQL, which with auto-commit off opens a transaction.
 * <p>
 * Only the methods with behaviour are written here; {@code ResultSetProxyImpl}, generated
 * by the build (see {@link DelegatesTo}), implements the others.
 */
@DelegatesTo(value = ResultSet.class, runsSql = { "insertRow", "updateRow", "deleteRow", "refreshRow" })
abstract class ResultSetProxy implements ResultSet {

	final ConnectionProxy connection;

	/**
	 * Null for result sets of {@link java.sql.DatabaseMetaData}, which come from no
	 * statement of the borrower.
	 */
	final StatementProxy statement;

	final ResultSet delegate;

	ResultSetProxy(ConnectionProxy connection, StatementProxy statement, ResultSet delegate) {
		this.connection = connection;
		this.statement = statement;
		this.delegate = delegate;
	}

	/**
	 * A value may itself be a result set (a PostgreSQL refcursor): wrap it so that it
	 * leads back to the statement proxy, not to the driver's objects.
	 */
	static Object wrapValue(ConnectionProxy connection, StatementProxy statement, Object value) {
		if (value instanceof ResultSet) {
			return new ResultSetProxyImpl(connection, statement, (ResultSet) value);
		}
		return value;
	}

	static <T> T wrapValue(ConnectionProxy connection, StatementProxy statement, T value, Class<T> type) {
		if (value instanceof ResultSet && type.isAssignableFrom(ResultSetProxy.class)) {
			return type.cast(new ResultSetProxyImpl(connection, statement, (ResultSet) value));
		}
		return value;
	}

	// ---- hooks of the generated methods

	/** Called before each generated call: nothing to check (see the class comment). */
	final void beforeCall() {
	}

	/** Called before each generated call named in {@code runsSql}. */
	final void beforeSql() {
		this.connection.markDirty();
	}

	final SQLException onError(SQLException ex) {
		return this.connection.onError(ex);
	}

	/**
	 * What {@code getObject} returns: a result set leads back to this one's statement.
	 */
	final Object wrap(Object value) {
		return wrapValue(this.connection, this.statement, value);
	}

	final <T> T wrap(T value, Class<T> type) {
		return wrapValue(this.connection, this.statement, value, type);
	}

	// ---- behaviour

	@Override
	public Statement getStatement() throws SQLException {
		if (this.statement != null) {
			this.statement.checkOpen();
		}
		return this.statement;
	}

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		return this.connection.unwrap(this, this.delegate, iface, false);
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) throws SQLException {
		return this.connection.isWrapperFor(this, this.delegate, iface);
	}

	@Override
	public String toString() {
		return "ResultSetProxy[" + this.delegate + "]";
	}

}
