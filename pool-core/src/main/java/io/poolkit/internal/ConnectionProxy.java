package io.poolkit.internal;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.ClientInfoStatus;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The {@link Connection} a borrower gets; one per borrow. It delegates to the slot's
 * physical connection, tells {@link BorrowState} what the borrower changes, and wraps
 * statements and metadata so that they lead back here. {@link #close()} undoes the borrow
 * and releases the slot; after that every call fails, because the physical connection may
 * already serve another borrower.
 */
final class ConnectionProxy extends BorrowState implements Connection {

	ConnectionProxy(ConnectionSlot slot) {
		super(slot);
	}

	// ---- lifecycle

	/**
	 * Rolls back unfinished work, closes forgotten statements, restores changed settings
	 * and releases the slot. A transaction is rolled back whatever opened it (JDBC, or
	 * SQL such as {@code BEGIN} on PostgreSQL and MariaDB, whose drivers report the
	 * server's transaction status); it is never committed. Returns within
	 * {@code validation-timeout}: a cleanup still blocked then (a COPY in progress, a
	 * stalled network, another thread's call inside the driver) is cut short by aborting
	 * the connection. It does not throw for cleanup failures: the slot is then marked
	 * broken and the pool discards the connection. The calling thread's interrupt status
	 * is left as it was.
	 */
	@Override
	public void close() {
		giveBack();
	}

	/**
	 * Gives the slot up without cleanup and aborts the physical connection on
	 * {@code executor}: its socket is closed (a thread blocked on the connection fails at
	 * once with SQLState 08006), then the server is asked to stop the statement still
	 * running (PostgreSQL: a cancel request; MariaDB: the driver's {@code KILL}), and on
	 * PostgreSQL a backend still present 250 ms later is ended with
	 * {@code pg_terminate_backend} over a fresh connection. Its uncommitted work is
	 * rolled back by the server and its locks released. The pool opens a replacement.
	 * @throws SQLException (SQLState 22023) if {@code executor} is {@code null}
	 */
	@Override
	public void abort(Executor executor) throws SQLException {
		if (executor == null) {
			throw new SQLException("abort needs an executor", "22023");
		}
		abortBorrow(executor);
	}

	@Override
	public boolean isClosed() throws SQLException {
		if (isReturned()) {
			return true;
		}
		try {
			return this.delegate.isClosed();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public boolean isValid(int timeout) throws SQLException {
		if (isReturned()) {
			return false;
		}
		// The driver may send a query, which with auto-commit off can open a transaction.
		markDirty();
		try {
			return this.delegate.isValid(timeout);
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	// ---- session state

	@Override
	public void setAutoCommit(boolean autoCommit) throws SQLException {
		checkOpen();
		try {
			this.delegate.setAutoCommit(autoCommit);
		}
		catch (SQLException ex) {
			throw setterFailed(ex);
		}
		autoCommitSet(autoCommit);
	}

	@Override
	public boolean getAutoCommit() throws SQLException {
		checkOpen();
		if (isTracked()) {
			return trackedAutoCommit();
		}
		try {
			return this.delegate.getAutoCommit();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public void setTransactionIsolation(int level) throws SQLException {
		checkOpen();
		try {
			this.delegate.setTransactionIsolation(level);
		}
		catch (SQLException ex) {
			throw setterFailed(ex);
		}
		isolationSet(level);
	}

	@Override
	public int getTransactionIsolation() throws SQLException {
		checkOpen();
		if (isTracked()) {
			// pgjdbc would ask the server each time.
			return trackedIsolation();
		}
		try {
			return this.delegate.getTransactionIsolation();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public void setReadOnly(boolean readOnly) throws SQLException {
		checkOpen();
		try {
			this.delegate.setReadOnly(readOnly);
		}
		catch (SQLException ex) {
			throw setterFailed(ex);
		}
		readOnlySet(readOnly);
	}

	@Override
	public boolean isReadOnly() throws SQLException {
		checkOpen();
		if (isTracked()) {
			return trackedReadOnly();
		}
		try {
			return this.delegate.isReadOnly();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public void setCatalog(String catalog) throws SQLException {
		checkOpen();
		markDirty();
		try {
			this.delegate.setCatalog(catalog);
		}
		catch (SQLException ex) {
			throw setterFailed(ex);
		}
		catalogSet(catalog);
	}

	@Override
	public String getCatalog() throws SQLException {
		checkOpen();
		try {
			return this.delegate.getCatalog();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public void setSchema(String schema) throws SQLException {
		checkOpen();
		// pgjdbc runs "SET search_path" as a statement: with auto-commit off, that opens
		// a transaction.
		markDirty();
		try {
			this.delegate.setSchema(schema);
		}
		catch (SQLException ex) {
			throw setterFailed(ex);
		}
		schemaSet(schema);
	}

	@Override
	public String getSchema() throws SQLException {
		checkOpen();
		// Not answered from a field: SQL such as "SET search_path" changes it behind our
		// back. pgjdbc asks the
		// server with a statement, which with auto-commit off opens a transaction.
		markDirty();
		try {
			return this.delegate.getSchema();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
		checkOpen();
		try {
			this.delegate.setNetworkTimeout(executor, milliseconds);
		}
		catch (SQLException ex) {
			throw setterFailed(ex);
		}
		networkTimeoutSet(milliseconds);
	}

	@Override
	public int getNetworkTimeout() throws SQLException {
		checkOpen();
		try {
			return this.delegate.getNetworkTimeout();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public void setHoldability(int holdability) throws SQLException {
		checkOpen();
		try {
			extras().saveHoldability(this.delegate);
			this.delegate.setHoldability(holdability);
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public int getHoldability() throws SQLException {
		checkOpen();
		try {
			return this.delegate.getHoldability();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
		checkOpen();
		try {
			extras().saveTypeMap(this.delegate);
			this.delegate.setTypeMap(map);
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public Map<String, Class<?>> getTypeMap() throws SQLException {
		checkOpen();
		try {
			// The borrower may change the map it gets back (pgjdbc hands out its own), so
			// save it first.
			extras().saveTypeMap(this.delegate);
			return this.delegate.getTypeMap();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public void setClientInfo(String name, String value) throws SQLClientInfoException {
		saveClientInfo();
		try {
			this.delegate.setClientInfo(name, value);
		}
		catch (SQLClientInfoException ex) {
			throw clientInfoError(ex);
		}
	}

	@Override
	public void setClientInfo(Properties properties) throws SQLClientInfoException {
		saveClientInfo();
		try {
			this.delegate.setClientInfo(properties);
		}
		catch (SQLClientInfoException ex) {
			throw clientInfoError(ex);
		}
	}

	private void saveClientInfo() throws SQLClientInfoException {
		try {
			checkOpen();
			extras().saveClientInfo(this.delegate);
		}
		catch (SQLException ex) {
			throw clientInfoError(ex);
		}
	}

	/**
	 * setClientInfo may only throw SQLClientInfoException, so whatever onError reports is
	 * converted to it.
	 */
	private SQLClientInfoException clientInfoError(SQLException ex) {
		SQLException reported = onError(ex);
		if (reported instanceof SQLClientInfoException) {
			return (SQLClientInfoException) reported;
		}
		return new SQLClientInfoException(reported.getMessage(), reported.getSQLState(), reported.getErrorCode(),
				Map.<String, ClientInfoStatus>of(), reported);
	}

	@Override
	public String getClientInfo(String name) throws SQLException {
		checkOpen();
		try {
			return this.delegate.getClientInfo(name);
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public Properties getClientInfo() throws SQLException {
		checkOpen();
		try {
			return this.delegate.getClientInfo();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	// ---- transactions

	@Override
	public void commit() throws SQLException {
		checkOpen();
		try {
			this.delegate.commit();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
		transactionEnded();
	}

	@Override
	public void rollback() throws SQLException {
		checkOpen();
		try {
			this.delegate.rollback();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
		transactionEnded();
	}

	@Override
	public void rollback(Savepoint savepoint) throws SQLException {
		checkOpen();
		// The transaction stays open: still dirty.
		try {
			this.delegate.rollback(savepoint);
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public Savepoint setSavepoint() throws SQLException {
		checkOpen();
		markDirty();
		try {
			return this.delegate.setSavepoint();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public Savepoint setSavepoint(String name) throws SQLException {
		checkOpen();
		markDirty();
		try {
			return this.delegate.setSavepoint(name);
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public void releaseSavepoint(Savepoint savepoint) throws SQLException {
		checkOpen();
		try {
			this.delegate.releaseSavepoint(savepoint);
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	// ---- statements and metadata

	@Override
	public Statement createStatement() throws SQLException {
		checkOpen();
		try {
			return track(new StatementProxy(this, this.delegate.createStatement()));
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
		checkOpen();
		try {
			return track(new StatementProxy(this, this.delegate.createStatement(resultSetType, resultSetConcurrency)));
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
			throws SQLException {
		checkOpen();
		try {
			return track(new StatementProxy(this,
					this.delegate.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability)));
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public PreparedStatement prepareStatement(String sql) throws SQLException {
		checkOpen();
		try {
			return track(new PreparedStatementProxy(this, this.delegate.prepareStatement(sql)));
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
		checkOpen();
		try {
			return track(new PreparedStatementProxy(this, this.delegate.prepareStatement(sql, autoGeneratedKeys)));
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
		checkOpen();
		try {
			return track(new PreparedStatementProxy(this, this.delegate.prepareStatement(sql, columnIndexes)));
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
		checkOpen();
		try {
			return track(new PreparedStatementProxy(this, this.delegate.prepareStatement(sql, columnNames)));
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
			throws SQLException {
		checkOpen();
		try {
			return track(new PreparedStatementProxy(this,
					this.delegate.prepareStatement(sql, resultSetType, resultSetConcurrency)));
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
			int resultSetHoldability) throws SQLException {
		checkOpen();
		try {
			return track(new PreparedStatementProxy(this,
					this.delegate.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability)));
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public CallableStatement prepareCall(String sql) throws SQLException {
		checkOpen();
		try {
			return track(new CallableStatementProxy(this, this.delegate.prepareCall(sql)));
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
		checkOpen();
		try {
			return track(new CallableStatementProxy(this,
					this.delegate.prepareCall(sql, resultSetType, resultSetConcurrency)));
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
			int resultSetHoldability) throws SQLException {
		checkOpen();
		try {
			return track(new CallableStatementProxy(this,
					this.delegate.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability)));
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public DatabaseMetaData getMetaData() throws SQLException {
		checkOpen();
		// Metadata methods run queries of their own; MetaDataProxy marks each call too.
		markDirty();
		try {
			return MetaDataProxy.wrap(this, this.delegate.getMetaData());
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public String nativeSQL(String sql) throws SQLException {
		checkOpen();
		try {
			return this.delegate.nativeSQL(sql);
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	// ---- plain delegation

	@Override
	public SQLWarning getWarnings() throws SQLException {
		checkOpen();
		try {
			return this.delegate.getWarnings();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public void clearWarnings() throws SQLException {
		checkOpen();
		try {
			this.delegate.clearWarnings();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public Clob createClob() throws SQLException {
		checkOpen();
		try {
			return this.delegate.createClob();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public Blob createBlob() throws SQLException {
		checkOpen();
		try {
			return this.delegate.createBlob();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public NClob createNClob() throws SQLException {
		checkOpen();
		try {
			return this.delegate.createNClob();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public SQLXML createSQLXML() throws SQLException {
		checkOpen();
		try {
			return this.delegate.createSQLXML();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
		checkOpen();
		try {
			return this.delegate.createArrayOf(typeName, elements);
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
		checkOpen();
		try {
			return this.delegate.createStruct(typeName, attributes);
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	// ---- wrapper

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		checkOpen();
		if (iface.isInstance(this)) {
			return iface.cast(this);
		}
		T unwrapped;
		if (iface.isInstance(this.delegate)) {
			unwrapped = iface.cast(this.delegate);
		}
		else {
			try {
				unwrapped = this.delegate.unwrap(iface);
			}
			catch (SQLException ex) {
				throw onError(ex);
			}
		}
		markUntracked();
		return unwrapped;
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) throws SQLException {
		checkOpen();
		if (iface.isInstance(this) || iface.isInstance(this.delegate)) {
			return true;
		}
		try {
			return this.delegate.isWrapperFor(iface);
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
	}

	@Override
	public String toString() {
		return "ConnectionProxy[" + this.delegate + "]";
	}

}
