package io.poolkit.testkit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The answer to every stub query: one row, one column holding the statement's answer (the
 * int 1 on a counting database). Any column label names that column, since tests and
 * benchmarks only read it back; forward only, read only. Like a driver's result set it is
 * used by one thread, so its state is in plain fields. The {@code ResultSet} methods not
 * written here are generated ({@link OtherwiseUnsupported}).
 */
@OtherwiseUnsupported(ResultSet.class)
public abstract class StubResultSet extends FetchingStub implements ResultSet {

	private static final int BEFORE_FIRST = 0;

	private static final int ON_ROW = 1;

	private static final int AFTER_LAST = 2;

	private final StubStatement statement;

	private final long value;

	private int position = BEFORE_FIRST;

	StubResultSet(StubStatement statement, long value) {
		this.statement = statement;
		this.value = value;
	}

	@Override
	final String noun() {
		return "result set";
	}

	private long value(int columnIndex) throws SQLException {
		checkOpen();
		if (this.position != ON_ROW) {
			throw new SQLException("the cursor is not on a row", "24000");
		}
		if (columnIndex != 1) {
			throw new SQLException("column index " + columnIndex + " out of range 1..1", "22023");
		}
		return this.value;
	}

	@Override
	public boolean next() throws SQLException {
		checkOpen();
		if (this.position != AFTER_LAST) {
			this.position++;
		}
		return this.position == ON_ROW;
	}

	@Override
	public void close() {
		if (markClosed()) {
			this.statement.resultSetClosed(this);
		}
	}

	@Override
	public int findColumn(String columnLabel) throws SQLException {
		checkOpen();
		return 1;
	}

	@Override
	public int getInt(int columnIndex) throws SQLException {
		return (int) value(columnIndex);
	}

	@Override
	public int getInt(String columnLabel) throws SQLException {
		return getInt(findColumn(columnLabel));
	}

	@Override
	public long getLong(int columnIndex) throws SQLException {
		return value(columnIndex);
	}

	@Override
	public long getLong(String columnLabel) throws SQLException {
		return getLong(findColumn(columnLabel));
	}

	@Override
	public String getString(int columnIndex) throws SQLException {
		return Long.toString(value(columnIndex));
	}

	@Override
	public String getString(String columnLabel) throws SQLException {
		return getString(findColumn(columnLabel));
	}

	/** An Integer, as for PostgreSQL's int4, unless the value needs a Long. */
	@Override
	public Object getObject(int columnIndex) throws SQLException {
		long value = value(columnIndex);
		if (value == (int) value) {
			return (int) value;
		}
		return value;
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
		return (this.position == ON_ROW) ? 1 : 0;
	}

	@Override
	public boolean isBeforeFirst() throws SQLException {
		checkOpen();
		return this.position == BEFORE_FIRST;
	}

	@Override
	public boolean isAfterLast() throws SQLException {
		checkOpen();
		return this.position == AFTER_LAST;
	}

	@Override
	public Statement getStatement() throws SQLException {
		checkOpen();
		return this.statement;
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
		return this.statement.connection.holdability();
	}

}
