package io.poolkit.testkit;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * The answer to every stub query: one row, one column, the int 1. Any column label names
 * that column, since tests and benchmarks only read it back.
 */
public final class StubResultSet extends UnsupportedResultSet {

	private static final int BEFORE_FIRST = 0;

	private static final int ON_ROW = 1;

	private static final int AFTER_LAST = 2;

	private final StubStatement statement;

	private volatile int position = BEFORE_FIRST;

	private volatile boolean closed;

	private volatile int fetchSize;

	StubResultSet(StubStatement statement) {
		this.statement = statement;
	}

	private void checkOpen() throws SQLException {
		if (closed) {
			throw new SQLException("result set is closed", "55000");
		}
	}

	private void checkColumn(int columnIndex) throws SQLException {
		checkOpen();
		if (position != ON_ROW) {
			throw new SQLException("the cursor is not on a row", "24000");
		}
		if (columnIndex != 1) {
			throw new SQLException("column index " + columnIndex + " out of range 1..1", "22023");
		}
	}

	@Override
	public boolean next() throws SQLException {
		checkOpen();
		if (position != AFTER_LAST) {
			position++;
		}
		return position == ON_ROW;
	}

	@Override
	public void close() {
		closed = true;
	}

	@Override
	public boolean isClosed() {
		return closed;
	}

	@Override
	public int findColumn(String columnLabel) throws SQLException {
		checkOpen();
		return 1;
	}

	@Override
	public int getInt(int columnIndex) throws SQLException {
		checkColumn(columnIndex);
		return 1;
	}

	@Override
	public int getInt(String columnLabel) throws SQLException {
		return getInt(findColumn(columnLabel));
	}

	@Override
	public long getLong(int columnIndex) throws SQLException {
		return getInt(columnIndex);
	}

	@Override
	public long getLong(String columnLabel) throws SQLException {
		return getInt(findColumn(columnLabel));
	}

	@Override
	public String getString(int columnIndex) throws SQLException {
		return Integer.toString(getInt(columnIndex));
	}

	@Override
	public String getString(String columnLabel) throws SQLException {
		return getString(findColumn(columnLabel));
	}

	@Override
	public Object getObject(int columnIndex) throws SQLException {
		return getInt(columnIndex);
	}

	@Override
	public Object getObject(String columnLabel) throws SQLException {
		return getObject(findColumn(columnLabel));
	}

	@Override
	public boolean wasNull() throws SQLException {
		checkOpen();
		return false;
	}

	@Override
	public int getRow() throws SQLException {
		checkOpen();
		return position == ON_ROW ? 1 : 0;
	}

	@Override
	public Statement getStatement() throws SQLException {
		checkOpen();
		return statement;
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
	public SQLWarning getWarnings() throws SQLException {
		checkOpen();
		return null;
	}

	@Override
	public void clearWarnings() throws SQLException {
		checkOpen();
	}

}
