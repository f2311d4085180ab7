package io.poolkit.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * The {@link Statement} a borrower gets: delegates to the driver's statement, reports
 * what it runs to its {@link ConnectionProxy} (so uncommitted work is rolled back on
 * return) and refuses every use once that connection went back to the pool, where another
 * borrower may already hold it.
 */
class StatementProxy implements Statement {

	final ConnectionProxy connection;

	final Statement statement;

	/**
	 * Closed by the borrower; the driver's statement is closed too. Plain: statements
	 * serve one thread.
	 */
	private boolean closed;

	StatementProxy(ConnectionProxy connection, Statement statement) {
		this.connection = connection;
		this.statement = statement;
	}

	/**
	 * Refuses use after the connection was returned: the statement belongs to a borrow
	 * that has ended.
	 */
	final void checkOpen() throws SQLException {
		if (this.connection.isReturned()) {
			throw closedError();
		}
	}

	/**
	 * Like {@link #checkOpen()}, and tells the connection that SQL runs (it may open a
	 * transaction).
	 */
	final void beforeExecute() throws SQLException {
		ConnectionProxy c = this.connection;
		if (c.isReturned()) {
			throw closedError();
		}
		c.markDirty();
	}

	static SQLException closedError() {
		return new SQLException("Statement is closed: its connection was returned to the pool", "08003");
	}

	/**
	 * Wraps a result set of this statement so that {@link ResultSet#getStatement()} leads
	 * back to the proxy.
	 */
	final ResultSet wrap(ResultSet resultSet) {
		return resultSet == null ? null : new ResultSetProxy(this.connection, this, resultSet);
	}

	/**
	 * A value may be a result set (a PostgreSQL refcursor); wrap it so it does not lead
	 * to the driver's objects.
	 */
	final Object wrapObject(Object value) {
		return value instanceof ResultSet ? wrap((ResultSet) value) : value;
	}

	final <T> T wrapObject(T value, Class<T> type) {
		if (value instanceof ResultSet && type.isAssignableFrom(ResultSetProxy.class)) {
			return type.cast(wrap((ResultSet) value));
		}
		return value;
	}

	/**
	 * The connection closes forgotten statements on return; it has already forgotten this
	 * one.
	 */
	final void closeByConnection() throws SQLException {
		this.closed = true;
		this.statement.close();
	}

	@Override
	public final void close() throws SQLException {
		// After the connection was returned, its cleanup already closed the driver's
		// statement.
		if (this.closed || this.connection.isReturned()) {
			return;
		}
		this.closed = true;
		this.connection.forget(this);
		try {
			this.statement.close();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public final boolean isClosed() throws SQLException {
		if (this.closed || this.connection.isReturned()) {
			return true;
		}
		try {
			// The driver closes it by itself after closeOnCompletion().
			return this.statement.isClosed();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public final Connection getConnection() throws SQLException {
		checkOpen();
		return this.connection;
	}

	@Override
	public final <T> T unwrap(Class<T> iface) throws SQLException {
		checkOpen();
		if (iface.isInstance(this)) {
			return iface.cast(this);
		}
		T unwrapped;
		if (iface.isInstance(this.statement)) {
			unwrapped = iface.cast(this.statement);
		}
		else {
			try {
				unwrapped = this.statement.unwrap(iface);
			}
			catch (SQLException ex) {
				throw this.connection.onError(ex);
			}
		}
		// The driver's statement runs SQL we do not see.
		this.connection.markUnseenWork();
		return unwrapped;
	}

	@Override
	public final boolean isWrapperFor(Class<?> iface) throws SQLException {
		checkOpen();
		if (iface.isInstance(this) || iface.isInstance(this.statement)) {
			return true;
		}
		try {
			return this.statement.isWrapperFor(iface);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.statement + "]";
	}

	// Delegation below: refused once the connection is returned; what runs SQL marks the
	// transaction dirty.

	@Override
	public ResultSet executeQuery(String sql) throws SQLException {
		beforeExecute();
		try {
			return wrap(this.statement.executeQuery(sql));
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int executeUpdate(String sql) throws SQLException {
		beforeExecute();
		try {
			return this.statement.executeUpdate(sql);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getMaxFieldSize() throws SQLException {
		checkOpen();
		try {
			return this.statement.getMaxFieldSize();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setMaxFieldSize(int max) throws SQLException {
		checkOpen();
		try {
			this.statement.setMaxFieldSize(max);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getMaxRows() throws SQLException {
		checkOpen();
		try {
			return this.statement.getMaxRows();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setMaxRows(int max) throws SQLException {
		checkOpen();
		try {
			this.statement.setMaxRows(max);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setEscapeProcessing(boolean enable) throws SQLException {
		checkOpen();
		try {
			this.statement.setEscapeProcessing(enable);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getQueryTimeout() throws SQLException {
		checkOpen();
		try {
			return this.statement.getQueryTimeout();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setQueryTimeout(int seconds) throws SQLException {
		checkOpen();
		try {
			this.statement.setQueryTimeout(seconds);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void cancel() throws SQLException {
		checkOpen();
		try {
			this.statement.cancel();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public SQLWarning getWarnings() throws SQLException {
		checkOpen();
		try {
			return this.statement.getWarnings();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void clearWarnings() throws SQLException {
		checkOpen();
		try {
			this.statement.clearWarnings();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setCursorName(String name) throws SQLException {
		checkOpen();
		try {
			this.statement.setCursorName(name);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean execute(String sql) throws SQLException {
		beforeExecute();
		try {
			return this.statement.execute(sql);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public ResultSet getResultSet() throws SQLException {
		checkOpen();
		try {
			return wrap(this.statement.getResultSet());
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getUpdateCount() throws SQLException {
		checkOpen();
		try {
			return this.statement.getUpdateCount();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean getMoreResults() throws SQLException {
		checkOpen();
		try {
			return this.statement.getMoreResults();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setFetchDirection(int direction) throws SQLException {
		checkOpen();
		try {
			this.statement.setFetchDirection(direction);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getFetchDirection() throws SQLException {
		checkOpen();
		try {
			return this.statement.getFetchDirection();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setFetchSize(int rows) throws SQLException {
		checkOpen();
		try {
			this.statement.setFetchSize(rows);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getFetchSize() throws SQLException {
		checkOpen();
		try {
			return this.statement.getFetchSize();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getResultSetConcurrency() throws SQLException {
		checkOpen();
		try {
			return this.statement.getResultSetConcurrency();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getResultSetType() throws SQLException {
		checkOpen();
		try {
			return this.statement.getResultSetType();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void addBatch(String sql) throws SQLException {
		checkOpen();
		try {
			this.statement.addBatch(sql);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void clearBatch() throws SQLException {
		checkOpen();
		try {
			this.statement.clearBatch();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int[] executeBatch() throws SQLException {
		beforeExecute();
		try {
			return this.statement.executeBatch();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean getMoreResults(int current) throws SQLException {
		checkOpen();
		try {
			return this.statement.getMoreResults(current);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public ResultSet getGeneratedKeys() throws SQLException {
		checkOpen();
		try {
			return wrap(this.statement.getGeneratedKeys());
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
		beforeExecute();
		try {
			return this.statement.executeUpdate(sql, autoGeneratedKeys);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
		beforeExecute();
		try {
			return this.statement.executeUpdate(sql, columnIndexes);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int executeUpdate(String sql, String[] columnNames) throws SQLException {
		beforeExecute();
		try {
			return this.statement.executeUpdate(sql, columnNames);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
		beforeExecute();
		try {
			return this.statement.execute(sql, autoGeneratedKeys);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean execute(String sql, int[] columnIndexes) throws SQLException {
		beforeExecute();
		try {
			return this.statement.execute(sql, columnIndexes);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean execute(String sql, String[] columnNames) throws SQLException {
		beforeExecute();
		try {
			return this.statement.execute(sql, columnNames);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getResultSetHoldability() throws SQLException {
		checkOpen();
		try {
			return this.statement.getResultSetHoldability();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setPoolable(boolean poolable) throws SQLException {
		checkOpen();
		try {
			this.statement.setPoolable(poolable);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean isPoolable() throws SQLException {
		checkOpen();
		try {
			return this.statement.isPoolable();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void closeOnCompletion() throws SQLException {
		checkOpen();
		try {
			this.statement.closeOnCompletion();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean isCloseOnCompletion() throws SQLException {
		checkOpen();
		try {
			return this.statement.isCloseOnCompletion();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public long getLargeUpdateCount() throws SQLException {
		checkOpen();
		try {
			return this.statement.getLargeUpdateCount();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setLargeMaxRows(long max) throws SQLException {
		checkOpen();
		try {
			this.statement.setLargeMaxRows(max);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public long getLargeMaxRows() throws SQLException {
		checkOpen();
		try {
			return this.statement.getLargeMaxRows();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public long[] executeLargeBatch() throws SQLException {
		beforeExecute();
		try {
			return this.statement.executeLargeBatch();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public long executeLargeUpdate(String sql) throws SQLException {
		beforeExecute();
		try {
			return this.statement.executeLargeUpdate(sql);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
		beforeExecute();
		try {
			return this.statement.executeLargeUpdate(sql, autoGeneratedKeys);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
		beforeExecute();
		try {
			return this.statement.executeLargeUpdate(sql, columnIndexes);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
		beforeExecute();
		try {
			return this.statement.executeLargeUpdate(sql, columnNames);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public String enquoteLiteral(String val) throws SQLException {
		checkOpen();
		try {
			return this.statement.enquoteLiteral(val);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public String enquoteIdentifier(String identifier, boolean alwaysQuote) throws SQLException {
		checkOpen();
		try {
			return this.statement.enquoteIdentifier(identifier, alwaysQuote);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean isSimpleIdentifier(String identifier) throws SQLException {
		checkOpen();
		try {
			return this.statement.isSimpleIdentifier(identifier);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public String enquoteNCharLiteral(String val) throws SQLException {
		checkOpen();
		try {
			return this.statement.enquoteNCharLiteral(val);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

}
