package io.poolkit.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A statement of a {@link StubConnection}. Every SQL string is recorded on the
 * connection; a query yields one row with the int 1 in its only column (what
 * {@code SELECT 1} gives), an update reports one row changed.
 */
public class StubStatement extends UnsupportedStatement {

	final StubConnection connection;

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile StubResultSet resultSet;

	private volatile int updateCount = -1;

	private volatile int queryTimeout;

	private volatile int fetchSize;

	private volatile int maxRows;

	StubStatement(StubConnection connection) {
		this.connection = connection;
	}

	/**
	 * Uses PostgreSQL's "object not in state", not an 08 state: a closed statement says
	 * nothing of the link.
	 */
	void checkOpen() throws SQLException {
		if (closed.get()) {
			throw new SQLException("statement is closed", "55000");
		}
	}

	ResultSet query(String sql) throws SQLException {
		run(sql);
		StubResultSet rows = new StubResultSet(this);
		resultSet = rows;
		return rows;
	}

	int update(String sql) throws SQLException {
		run(sql);
		updateCount = 1;
		return 1;
	}

	boolean executeAny(String sql) throws SQLException {
		if (returnsRows(sql)) {
			query(sql);
			return true;
		}
		update(sql);
		return false;
	}

	private void run(String sql) throws SQLException {
		checkOpen();
		closeResultSet();
		updateCount = -1;
		connection.execute(sql);
	}

	/** Enough to tell a validation query from init SQL such as {@code SET ...}. */
	private static boolean returnsRows(String sql) {
		String start = sql.stripLeading().toLowerCase(Locale.ROOT);
		return start.startsWith("select") || start.startsWith("with") || start.startsWith("values")
				|| start.startsWith("show");
	}

	private void closeResultSet() {
		StubResultSet current = resultSet;
		if (current != null) {
			current.close();
			resultSet = null;
		}
	}

	@Override
	public ResultSet executeQuery(String sql) throws SQLException {
		return query(sql);
	}

	@Override
	public int executeUpdate(String sql) throws SQLException {
		return update(sql);
	}

	@Override
	public boolean execute(String sql) throws SQLException {
		return executeAny(sql);
	}

	@Override
	public ResultSet getResultSet() throws SQLException {
		checkOpen();
		return resultSet;
	}

	@Override
	public int getUpdateCount() throws SQLException {
		checkOpen();
		return updateCount;
	}

	@Override
	public boolean getMoreResults() throws SQLException {
		checkOpen();
		closeResultSet();
		updateCount = -1;
		return false;
	}

	@Override
	public void close() {
		if (closed.compareAndSet(false, true)) {
			closeResultSet();
			connection.statementClosed(this);
		}
	}

	@Override
	public boolean isClosed() {
		return closed.get();
	}

	@Override
	public Connection getConnection() throws SQLException {
		checkOpen();
		return connection;
	}

	@Override
	public void cancel() throws SQLException {
		checkOpen(); // nothing ever runs long enough to cancel
	}

	@Override
	public void setQueryTimeout(int seconds) throws SQLException {
		checkOpen();
		if (seconds < 0) {
			throw new SQLException("query timeout must not be negative: " + seconds);
		}
		queryTimeout = seconds;
	}

	@Override
	public int getQueryTimeout() throws SQLException {
		checkOpen();
		return queryTimeout;
	}

	@Override
	public void setFetchSize(int rows) throws SQLException {
		checkOpen();
		fetchSize = rows;
	}

	@Override
	public int getFetchSize() throws SQLException {
		checkOpen();
		return fetchSize;
	}

	@Override
	public void setMaxRows(int max) throws SQLException {
		checkOpen();
		maxRows = max;
	}

	@Override
	public int getMaxRows() throws SQLException {
		checkOpen();
		return maxRows;
	}

	@Override
	public void setEscapeProcessing(boolean enable) throws SQLException {
		checkOpen();
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
	public SQLWarning getWarnings() throws SQLException {
		checkOpen();
		return null;
	}

	@Override
	public void clearWarnings() throws SQLException {
		checkOpen();
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + connection + "]";
	}

}
