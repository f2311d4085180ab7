package io.poolkit.bench.stub;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A connection held in memory. Defaults are PostgreSQL's: auto-commit on, read committed.
 * Plain fields except {@code closed}: a pool's housekeeping thread may ask whether a
 * connection is closed while no one uses it.
 */
final class StubConnection extends UnsupportedConnection {

	private final String url;

	private final String user;

	private volatile boolean closed;

	private boolean autoCommit = true;

	private int isolation = TRANSACTION_READ_COMMITTED;

	private boolean readOnly;

	private String catalog = "bench";

	private String schema = "public";

	private int holdability = ResultSet.HOLD_CURSORS_OVER_COMMIT;

	private int networkTimeout;

	private Properties clientInfo;

	private Map<String, Class<?>> typeMap = Collections.emptyMap();

	StubConnection(String url, String user) {
		this.url = url;
		this.user = user;
	}

	String url() {
		return this.url;
	}

	String user() {
		return this.user;
	}

	void checkOpen() throws SQLException {
		if (this.closed) {
			throw StubDriver.closed("Connection");
		}
	}

	// ---- lifecycle

	@Override
	public void close() {
		this.closed = true;
	}

	@Override
	public boolean isClosed() {
		return this.closed;
	}

	@Override
	public boolean isValid(int timeout) throws SQLException {
		if (timeout < 0) {
			throw new SQLException("timeout must not be negative", "22023");
		}
		return !this.closed;
	}

	@Override
	public void abort(Executor executor) throws SQLException {
		if (executor == null) {
			throw new SQLException("abort needs an executor", "22023");
		}
		this.closed = true;
	}

	// ---- transactions

	@Override
	public boolean getAutoCommit() throws SQLException {
		checkOpen();
		return this.autoCommit;
	}

	@Override
	public void setAutoCommit(boolean autoCommit) throws SQLException {
		checkOpen();
		this.autoCommit = autoCommit;
	}

	@Override
	public void commit() throws SQLException {
		checkTransaction("commit");
	}

	@Override
	public void rollback() throws SQLException {
		checkTransaction("rollback");
	}

	private void checkTransaction(String what) throws SQLException {
		checkOpen();
		if (this.autoCommit) {
			// What pgjdbc does: a pool that ends transactions it did not open would fail
			// on a real database too.
			throw new SQLException("Cannot " + what + " when auto-commit is on", "25000");
		}
	}

	@Override
	public int getTransactionIsolation() throws SQLException {
		checkOpen();
		return this.isolation;
	}

	@Override
	public void setTransactionIsolation(int level) throws SQLException {
		checkOpen();
		this.isolation = level;
	}

	// ---- other session state

	@Override
	public boolean isReadOnly() throws SQLException {
		checkOpen();
		return this.readOnly;
	}

	@Override
	public void setReadOnly(boolean readOnly) throws SQLException {
		checkOpen();
		this.readOnly = readOnly;
	}

	@Override
	public String getCatalog() throws SQLException {
		checkOpen();
		return this.catalog;
	}

	@Override
	public void setCatalog(String catalog) throws SQLException {
		checkOpen();
		this.catalog = catalog;
	}

	@Override
	public String getSchema() throws SQLException {
		checkOpen();
		return this.schema;
	}

	@Override
	public void setSchema(String schema) throws SQLException {
		checkOpen();
		this.schema = schema;
	}

	@Override
	public int getHoldability() throws SQLException {
		checkOpen();
		return this.holdability;
	}

	@Override
	public void setHoldability(int holdability) throws SQLException {
		checkOpen();
		this.holdability = holdability;
	}

	@Override
	public int getNetworkTimeout() throws SQLException {
		checkOpen();
		return this.networkTimeout;
	}

	@Override
	public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
		checkOpen();
		this.networkTimeout = milliseconds;
	}

	@Override
	public Map<String, Class<?>> getTypeMap() throws SQLException {
		checkOpen();
		return this.typeMap;
	}

	@Override
	public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
		checkOpen();
		this.typeMap = map;
	}

	@Override
	public Properties getClientInfo() throws SQLException {
		checkOpen();
		Properties copy = new Properties();
		if (this.clientInfo != null) {
			copy.putAll(this.clientInfo);
		}
		return copy;
	}

	@Override
	public String getClientInfo(String name) throws SQLException {
		checkOpen();
		return (this.clientInfo != null) ? this.clientInfo.getProperty(name) : null;
	}

	@Override
	public void setClientInfo(String name, String value) throws SQLClientInfoException {
		if (this.clientInfo == null) {
			this.clientInfo = new Properties();
		}
		if (value == null) {
			this.clientInfo.remove(name);
		}
		else {
			this.clientInfo.setProperty(name, value);
		}
	}

	@Override
	public void setClientInfo(Properties properties) throws SQLClientInfoException {
		this.clientInfo = new Properties();
		this.clientInfo.putAll(properties);
	}

	@Override
	public SQLWarning getWarnings() throws SQLException {
		checkOpen();
		return null;
	}

	@Override
	public void clearWarnings() throws SQLException {
		checkOpen();
	}

	@Override
	public String nativeSQL(String sql) throws SQLException {
		checkOpen();
		return sql;
	}

	@Override
	public DatabaseMetaData getMetaData() throws SQLException {
		checkOpen();
		return new StubDatabaseMetaData(this);
	}

	// ---- statements

	@Override
	public Statement createStatement() throws SQLException {
		checkOpen();
		return new StubStatement(this, null);
	}

	@Override
	public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
		return createStatement();
	}

	@Override
	public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
			throws SQLException {
		return createStatement();
	}

	@Override
	public PreparedStatement prepareStatement(String sql) throws SQLException {
		checkOpen();
		if (sql == null) {
			throw new SQLException("sql is null", "22004");
		}
		return new StubStatement(this, sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
		return prepareStatement(sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
			throws SQLException {
		return prepareStatement(sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
			int resultSetHoldability) throws SQLException {
		return prepareStatement(sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
		return prepareStatement(sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
		return prepareStatement(sql);
	}

	// ---- wrapper

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		return StubDriver.unwrap(this, iface);
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) {
		return iface.isInstance(this);
	}

	@Override
	public String toString() {
		return "StubConnection@" + Integer.toHexString(System.identityHashCode(this));
	}

}
