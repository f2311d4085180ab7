package io.poolkit.bench.stub;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;

/**
 * A statement and, when it has SQL, a prepared statement: one class for both, since
 * {@link java.sql.PreparedStatement} extends {@link java.sql.Statement}. Every query
 * returns one row whose columns all hold the first parameter (or 1), so a benchmark can
 * check that it read what it asked for.
 */
final class StubStatement extends UnsupportedPreparedStatement {

	private final StubConnection connection;

	/** The SQL of a prepared statement; {@code null} for a plain one. */
	private final String sql;

	private boolean closed;

	private long parameter = 1;

	private StubResultSet resultSet;

	private int updateCount = -1;

	private int queryTimeout;

	private int fetchSize;

	private int maxRows;

	private int maxFieldSize;

	private boolean poolable;

	private boolean closeOnCompletion;

	StubStatement(StubConnection connection, String sql) {
		this.connection = connection;
		this.sql = sql;
		this.poolable = sql != null;
	}

	private void checkOpen() throws SQLException {
		if (this.closed) {
			throw StubDriver.closed("Statement");
		}
		this.connection.checkOpen();
	}

	private void checkPrepared() throws SQLException {
		checkOpen();
		if (this.sql == null) {
			throw new SQLException("Not a prepared statement", "HY000");
		}
	}

	private boolean run(String text) throws SQLException {
		checkOpen();
		if (this.resultSet != null) {
			this.resultSet.close();
			this.resultSet = null;
		}
		// Only a query has rows; anything else counts one row changed.
		if (text.regionMatches(true, 0, "SELECT", 0, 6) || text.regionMatches(true, 0, "VALUES", 0, 6)) {
			this.resultSet = new StubResultSet(this, this.parameter);
			this.updateCount = -1;
			return true;
		}
		this.updateCount = 1;
		return false;
	}

	/**
	 * A result set closing itself makes the statement close too, when asked to with
	 * closeOnCompletion.
	 */
	void resultSetClosed(StubResultSet closedSet) {
		if (this.resultSet == closedSet) {
			this.resultSet = null;
			if (this.closeOnCompletion) {
				this.closed = true;
			}
		}
	}

	// ---- plain statement

	@Override
	public ResultSet executeQuery(String text) throws SQLException {
		if (!run(text)) {
			throw new SQLException("The statement returned no rows: " + text, "02000");
		}
		return this.resultSet;
	}

	@Override
	public int executeUpdate(String text) throws SQLException {
		if (run(text)) {
			throw new SQLException("The statement returned rows: " + text, "0100D");
		}
		return this.updateCount;
	}

	@Override
	public boolean execute(String text) throws SQLException {
		return run(text);
	}

	@Override
	public ResultSet getResultSet() throws SQLException {
		checkOpen();
		return this.resultSet;
	}

	@Override
	public int getUpdateCount() throws SQLException {
		checkOpen();
		return this.updateCount;
	}

	@Override
	public boolean getMoreResults() throws SQLException {
		checkOpen();
		if (this.resultSet != null) {
			this.resultSet.close();
		}
		this.updateCount = -1;
		return false;
	}

	// ---- prepared statement

	@Override
	public ResultSet executeQuery() throws SQLException {
		checkPrepared();
		return executeQuery(this.sql);
	}

	@Override
	public int executeUpdate() throws SQLException {
		checkPrepared();
		return executeUpdate(this.sql);
	}

	@Override
	public boolean execute() throws SQLException {
		checkPrepared();
		return run(this.sql);
	}

	@Override
	public void setInt(int index, int value) throws SQLException {
		setParameter(index, value);
	}

	@Override
	public void setLong(int index, long value) throws SQLException {
		setParameter(index, value);
	}

	@Override
	public void setString(int index, String value) throws SQLException {
		setParameter(index, (value != null) ? value.length() : 0);
	}

	@Override
	public void setObject(int index, Object value) throws SQLException {
		setParameter(index, (value instanceof Number number) ? number.longValue() : 0);
	}

	@Override
	public void setNull(int index, int sqlType) throws SQLException {
		setParameter(index, 0);
	}

	private void setParameter(int index, long value) throws SQLException {
		checkPrepared();
		if (index < 1) {
			throw new SQLException("Parameter index out of range: " + index, "22023");
		}
		if (index == 1) {
			this.parameter = value;
		}
	}

	@Override
	public void clearParameters() throws SQLException {
		checkPrepared();
		this.parameter = 1;
	}

	// ---- settings

	@Override
	public int getQueryTimeout() throws SQLException {
		checkOpen();
		return this.queryTimeout;
	}

	@Override
	public void setQueryTimeout(int seconds) throws SQLException {
		checkOpen();
		this.queryTimeout = seconds;
	}

	@Override
	public int getFetchSize() throws SQLException {
		checkOpen();
		return this.fetchSize;
	}

	@Override
	public void setFetchSize(int rows) throws SQLException {
		checkOpen();
		this.fetchSize = rows;
	}

	@Override
	public int getFetchDirection() throws SQLException {
		checkOpen();
		return ResultSet.FETCH_FORWARD;
	}

	@Override
	public void setFetchDirection(int direction) throws SQLException {
		checkOpen();
	}

	@Override
	public int getMaxRows() throws SQLException {
		checkOpen();
		return this.maxRows;
	}

	@Override
	public void setMaxRows(int max) throws SQLException {
		checkOpen();
		this.maxRows = max;
	}

	@Override
	public int getMaxFieldSize() throws SQLException {
		checkOpen();
		return this.maxFieldSize;
	}

	@Override
	public void setMaxFieldSize(int max) throws SQLException {
		checkOpen();
		this.maxFieldSize = max;
	}

	@Override
	public void setEscapeProcessing(boolean enable) throws SQLException {
		checkOpen();
	}

	@Override
	public boolean isPoolable() throws SQLException {
		checkOpen();
		return this.poolable;
	}

	@Override
	public void setPoolable(boolean poolable) throws SQLException {
		checkOpen();
		this.poolable = poolable;
	}

	@Override
	public void closeOnCompletion() throws SQLException {
		checkOpen();
		this.closeOnCompletion = true;
	}

	@Override
	public boolean isCloseOnCompletion() throws SQLException {
		checkOpen();
		return this.closeOnCompletion;
	}

	@Override
	public int getResultSetType() throws SQLException {
		checkOpen();
		return ResultSet.TYPE_FORWARD_ONLY;
	}

	@Override
	public int getResultSetConcurrency() throws SQLException {
		checkOpen();
		return ResultSet.CONCUR_READ_ONLY;
	}

	@Override
	public int getResultSetHoldability() throws SQLException {
		checkOpen();
		return ResultSet.HOLD_CURSORS_OVER_COMMIT;
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
	public void cancel() throws SQLException {
		checkOpen();
	}

	@Override
	public Connection getConnection() throws SQLException {
		checkOpen();
		return this.connection;
	}

	// ---- lifecycle

	@Override
	public void close() {
		if (this.resultSet != null) {
			this.resultSet.close();
			this.resultSet = null;
		}
		this.closed = true;
	}

	@Override
	public boolean isClosed() {
		return this.closed;
	}

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		return StubDriver.unwrap(this, iface);
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) {
		return iface.isInstance(this);
	}

}
