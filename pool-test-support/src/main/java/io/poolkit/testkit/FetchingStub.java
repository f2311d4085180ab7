package io.poolkit.testkit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;

/**
 * What a {@link StubStatement} and a {@link StubResultSet} share under the same JDBC
 * names: being closed, a fetch-size hint, forward fetching and no warnings. Used by one
 * thread at a time, as a driver's statements and result sets are, so its state is in
 * plain fields.
 */
abstract class FetchingStub {

	private boolean closed;

	private int fetchSize;

	/** "statement" or "result set", for the exception that it is closed. */
	abstract String noun();

	/**
	 * Uses PostgreSQL's "object not in state", not an 08 state: a closed statement or
	 * result set says nothing of the link.
	 */
	final void checkOpen() throws SQLException {
		if (this.closed) {
			throw new SQLException(noun() + " is closed", "55000");
		}
	}

	/**
	 * Marks it closed.
	 * @return whether it was open, so that the caller finishes the close only once
	 */
	final boolean markClosed() {
		if (this.closed) {
			return false;
		}
		this.closed = true;
		return true;
	}

	public boolean isClosed() {
		return this.closed;
	}

	public void setFetchSize(int rows) throws SQLException {
		checkOpen();
		this.fetchSize = rows;
	}

	public int getFetchSize() throws SQLException {
		checkOpen();
		return this.fetchSize;
	}

	public int getFetchDirection() throws SQLException {
		checkOpen();
		return ResultSet.FETCH_FORWARD;
	}

	public SQLWarning getWarnings() throws SQLException {
		checkOpen();
		return null;
	}

	public void clearWarnings() throws SQLException {
		checkOpen();
	}

}
