package io.poolkit.bench.stub;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/** One row, every column holding the same value; forward only, read only. */
final class StubResultSet extends UnsupportedResultSet {

	private final StubStatement statement;

	private final long value;

	/** 0 before the row, 1 on it, 2 after it. */
	private int position;

	private boolean closed;

	private int fetchSize;

	StubResultSet(StubStatement statement, long value) {
		this.statement = statement;
		this.value = value;
	}

	private void checkOpen() throws SQLException {
		if (this.closed) {
			throw StubDriver.closed("ResultSet");
		}
	}

	private long current() throws SQLException {
		checkOpen();
		if (this.position != 1) {
			throw new SQLException("The result set is not on a row", "24000");
		}
		return this.value;
	}

	@Override
	public boolean next() throws SQLException {
		checkOpen();
		if (this.position < 2) {
			this.position++;
		}
		return this.position == 1;
	}

	@Override
	public int getInt(int column) throws SQLException {
		return (int) current();
	}

	@Override
	public int getInt(String column) throws SQLException {
		return (int) current();
	}

	@Override
	public long getLong(int column) throws SQLException {
		return current();
	}

	@Override
	public long getLong(String column) throws SQLException {
		return current();
	}

	@Override
	public String getString(int column) throws SQLException {
		return Long.toString(current());
	}

	@Override
	public String getString(String column) throws SQLException {
		return Long.toString(current());
	}

	@Override
	public Object getObject(int column) throws SQLException {
		return current();
	}

	@Override
	public boolean wasNull() throws SQLException {
		checkOpen();
		return false;
	}

	@Override
	public int findColumn(String column) throws SQLException {
		checkOpen();
		return 1;
	}

	@Override
	public int getRow() throws SQLException {
		checkOpen();
		return (this.position == 1) ? 1 : 0;
	}

	@Override
	public boolean isBeforeFirst() throws SQLException {
		checkOpen();
		return this.position == 0;
	}

	@Override
	public boolean isAfterLast() throws SQLException {
		checkOpen();
		return this.position == 2;
	}

	@Override
	public int getType() throws SQLException {
		checkOpen();
		return TYPE_FORWARD_ONLY;
	}

	@Override
	public int getConcurrency() throws SQLException {
		checkOpen();
		return CONCUR_READ_ONLY;
	}

	@Override
	public int getHoldability() throws SQLException {
		checkOpen();
		return HOLD_CURSORS_OVER_COMMIT;
	}

	@Override
	public int getFetchDirection() throws SQLException {
		checkOpen();
		return FETCH_FORWARD;
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
	public SQLWarning getWarnings() throws SQLException {
		checkOpen();
		return null;
	}

	@Override
	public void clearWarnings() throws SQLException {
		checkOpen();
	}

	@Override
	public Statement getStatement() throws SQLException {
		checkOpen();
		return this.statement;
	}

	@Override
	public void close() {
		if (!this.closed) {
			this.closed = true;
			this.statement.resultSetClosed(this);
		}
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
