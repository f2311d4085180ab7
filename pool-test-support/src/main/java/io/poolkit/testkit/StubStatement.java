package io.poolkit.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A statement of a {@link StubConnection}. Every SQL string runs on the connection (which
 * records it on a counting database); a query yields one row whose one column holds the
 * int 1 (what {@code SELECT 1} gives), an update reports one row changed.
 * <p>
 * Like a driver's statement it is used by one thread at a time, so its state is in plain
 * fields. The {@code Statement} methods not written here or in {@link FetchingStub} are
 * generated ({@link OtherwiseUnsupported}).
 */
@OtherwiseUnsupported(Statement.class)
public abstract class StubStatement extends FetchingStub implements Statement {

	final StubConnection connection;

	private StubResultSet resultSet;

	private int updateCount = -1;

	private int queryTimeout;

	private int maxRows;

	private int maxFieldSize;

	/** JDBC's default: true for prepared statements, false for the others. */
	private boolean poolable = this instanceof PreparedStatement;

	private boolean closeOnCompletion;

	StubStatement(StubConnection connection) {
		this.connection = connection;
	}

	@Override
	final String noun() {
		return "statement";
	}

	final ResultSet query(String sql) throws SQLException {
		run(sql);
		StubResultSet rows = new StubResultSetImpl(this, answer());
		this.resultSet = rows;
		return rows;
	}

	/** What a query answers. */
	long answer() {
		return 1;
	}

	final int update(String sql) throws SQLException {
		run(sql);
		this.updateCount = 1;
		return 1;
	}

	final boolean executeAny(String sql) throws SQLException {
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
		this.updateCount = -1;
		this.connection.execute(sql);
	}

	/**
	 * Enough to tell a validation query from init SQL such as {@code SET ...}, without
	 * allocating.
	 */
	private static boolean returnsRows(String sql) {
		int start = 0;
		while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
			start++;
		}
		return startsWith(sql, start, "select") || startsWith(sql, start, "with") || startsWith(sql, start, "values")
				|| startsWith(sql, start, "show");
	}

	private static boolean startsWith(String sql, int start, String keyword) {
		return sql.regionMatches(true, start, keyword, 0, keyword.length());
	}

	/** Closes the current result set because the statement moves on, not because done. */
	private void closeResultSet() {
		StubResultSet current = this.resultSet;
		if (current != null) {
			this.resultSet = null; // first, so that closeOnCompletion does not apply
			current.close();
		}
	}

	/**
	 * Called by a result set closing itself: closes the statement too when asked to by
	 * {@link #closeOnCompletion()}.
	 */
	final void resultSetClosed(StubResultSet closedSet) {
		if (this.resultSet == closedSet) {
			this.resultSet = null;
			if (this.closeOnCompletion) {
				close();
			}
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
		closeResultSet();
		this.updateCount = -1;
		return false;
	}

	@Override
	public void close() {
		if (markClosed()) {
			closeResultSet();
			this.connection.statementClosed(this);
		}
	}

	@Override
	public Connection getConnection() throws SQLException {
		checkOpen();
		return this.connection;
	}

	@Override
	public void cancel() throws SQLException {
		checkOpen(); // nothing ever runs long enough to cancel
	}

	// ---- settings

	@Override
	public void setQueryTimeout(int seconds) throws SQLException {
		checkOpen();
		if (seconds < 0) {
			throw new SQLException("query timeout must not be negative: " + seconds);
		}
		this.queryTimeout = seconds;
	}

	@Override
	public int getQueryTimeout() throws SQLException {
		checkOpen();
		return this.queryTimeout;
	}

	@Override
	public void setFetchDirection(int direction) throws SQLException {
		checkOpen();
	}

	@Override
	public void setMaxRows(int max) throws SQLException {
		checkOpen();
		this.maxRows = max;
	}

	@Override
	public int getMaxRows() throws SQLException {
		checkOpen();
		return this.maxRows;
	}

	@Override
	public void setMaxFieldSize(int max) throws SQLException {
		checkOpen();
		this.maxFieldSize = max;
	}

	@Override
	public int getMaxFieldSize() throws SQLException {
		checkOpen();
		return this.maxFieldSize;
	}

	@Override
	public void setEscapeProcessing(boolean enable) throws SQLException {
		checkOpen();
	}

	@Override
	public void setPoolable(boolean poolable) throws SQLException {
		checkOpen();
		this.poolable = poolable;
	}

	@Override
	public boolean isPoolable() throws SQLException {
		checkOpen();
		return this.poolable;
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
		return this.connection.holdability();
	}

	@Override
	public String toString() {
		return getClass().getSimpleName().replace("Impl", "") + "[" + this.connection + "]";
	}

}
