package io.poolkit.internal;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * The {@link ResultSet} a borrower gets: plain delegation, except that
 * {@link #getStatement()} leads back to the statement proxy and not to the driver's
 * statement and connection. On the hot path of every query, so no checks per call: once
 * the connection is returned its statements, and with them their result sets, are closed
 * by the driver, which then refuses the calls itself.
 */
final class ResultSetProxy implements ResultSet {

	private final ConnectionProxy connection;

	/**
	 * Null for result sets of {@link java.sql.DatabaseMetaData}, which come from no
	 * statement of the borrower.
	 */
	private final StatementProxy statement;

	private final ResultSet delegate;

	ResultSetProxy(ConnectionProxy connection, StatementProxy statement, ResultSet delegate) {
		this.connection = connection;
		this.statement = statement;
		this.delegate = delegate;
	}

	/**
	 * A value may itself be a result set (a PostgreSQL refcursor); wrap it like this one.
	 */
	private Object wrapObject(Object value) {
		if (value instanceof ResultSet) {
			return new ResultSetProxy(this.connection, this.statement, (ResultSet) value);
		}
		return value;
	}

	private <T> T wrapObject(T value, Class<T> type) {
		if (value instanceof ResultSet && type.isAssignableFrom(ResultSetProxy.class)) {
			return type.cast(new ResultSetProxy(this.connection, this.statement, (ResultSet) value));
		}
		return value;
	}

	@Override
	public Statement getStatement() throws SQLException {
		if (this.statement != null) {
			this.statement.checkOpen();
		}
		return this.statement;
	}

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
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
				throw this.connection.onError(ex);
			}
		}
		// The driver's result set leads to the driver's statement, which runs SQL we do
		// not see.
		this.connection.markUnseenWork();
		return unwrapped;
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) throws SQLException {
		if (iface.isInstance(this) || iface.isInstance(this.delegate)) {
			return true;
		}
		try {
			return this.delegate.isWrapperFor(iface);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public String toString() {
		return "ResultSetProxy[" + this.delegate + "]";
	}

	// Plain delegation below; row writes mark the transaction dirty.

	@Override
	public boolean next() throws SQLException {
		try {
			return this.delegate.next();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void close() throws SQLException {
		try {
			this.delegate.close();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean wasNull() throws SQLException {
		try {
			return this.delegate.wasNull();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public String getString(int columnIndex) throws SQLException {
		try {
			return this.delegate.getString(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean getBoolean(int columnIndex) throws SQLException {
		try {
			return this.delegate.getBoolean(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public byte getByte(int columnIndex) throws SQLException {
		try {
			return this.delegate.getByte(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public short getShort(int columnIndex) throws SQLException {
		try {
			return this.delegate.getShort(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getInt(int columnIndex) throws SQLException {
		try {
			return this.delegate.getInt(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public long getLong(int columnIndex) throws SQLException {
		try {
			return this.delegate.getLong(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public float getFloat(int columnIndex) throws SQLException {
		try {
			return this.delegate.getFloat(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public double getDouble(int columnIndex) throws SQLException {
		try {
			return this.delegate.getDouble(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Deprecated
	@Override
	public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
		try {
			return this.delegate.getBigDecimal(columnIndex, scale);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public byte[] getBytes(int columnIndex) throws SQLException {
		try {
			return this.delegate.getBytes(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Date getDate(int columnIndex) throws SQLException {
		try {
			return this.delegate.getDate(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Time getTime(int columnIndex) throws SQLException {
		try {
			return this.delegate.getTime(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Timestamp getTimestamp(int columnIndex) throws SQLException {
		try {
			return this.delegate.getTimestamp(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public InputStream getAsciiStream(int columnIndex) throws SQLException {
		try {
			return this.delegate.getAsciiStream(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Deprecated
	@Override
	public InputStream getUnicodeStream(int columnIndex) throws SQLException {
		try {
			return this.delegate.getUnicodeStream(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public InputStream getBinaryStream(int columnIndex) throws SQLException {
		try {
			return this.delegate.getBinaryStream(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public String getString(String columnLabel) throws SQLException {
		try {
			return this.delegate.getString(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean getBoolean(String columnLabel) throws SQLException {
		try {
			return this.delegate.getBoolean(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public byte getByte(String columnLabel) throws SQLException {
		try {
			return this.delegate.getByte(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public short getShort(String columnLabel) throws SQLException {
		try {
			return this.delegate.getShort(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getInt(String columnLabel) throws SQLException {
		try {
			return this.delegate.getInt(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public long getLong(String columnLabel) throws SQLException {
		try {
			return this.delegate.getLong(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public float getFloat(String columnLabel) throws SQLException {
		try {
			return this.delegate.getFloat(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public double getDouble(String columnLabel) throws SQLException {
		try {
			return this.delegate.getDouble(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Deprecated
	@Override
	public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
		try {
			return this.delegate.getBigDecimal(columnLabel, scale);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public byte[] getBytes(String columnLabel) throws SQLException {
		try {
			return this.delegate.getBytes(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Date getDate(String columnLabel) throws SQLException {
		try {
			return this.delegate.getDate(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Time getTime(String columnLabel) throws SQLException {
		try {
			return this.delegate.getTime(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Timestamp getTimestamp(String columnLabel) throws SQLException {
		try {
			return this.delegate.getTimestamp(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public InputStream getAsciiStream(String columnLabel) throws SQLException {
		try {
			return this.delegate.getAsciiStream(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Deprecated
	@Override
	public InputStream getUnicodeStream(String columnLabel) throws SQLException {
		try {
			return this.delegate.getUnicodeStream(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public InputStream getBinaryStream(String columnLabel) throws SQLException {
		try {
			return this.delegate.getBinaryStream(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public SQLWarning getWarnings() throws SQLException {
		try {
			return this.delegate.getWarnings();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void clearWarnings() throws SQLException {
		try {
			this.delegate.clearWarnings();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public String getCursorName() throws SQLException {
		try {
			return this.delegate.getCursorName();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public ResultSetMetaData getMetaData() throws SQLException {
		try {
			return this.delegate.getMetaData();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Object getObject(int columnIndex) throws SQLException {
		try {
			return wrapObject(this.delegate.getObject(columnIndex));
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Object getObject(String columnLabel) throws SQLException {
		try {
			return wrapObject(this.delegate.getObject(columnLabel));
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int findColumn(String columnLabel) throws SQLException {
		try {
			return this.delegate.findColumn(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Reader getCharacterStream(int columnIndex) throws SQLException {
		try {
			return this.delegate.getCharacterStream(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Reader getCharacterStream(String columnLabel) throws SQLException {
		try {
			return this.delegate.getCharacterStream(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
		try {
			return this.delegate.getBigDecimal(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
		try {
			return this.delegate.getBigDecimal(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean isBeforeFirst() throws SQLException {
		try {
			return this.delegate.isBeforeFirst();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean isAfterLast() throws SQLException {
		try {
			return this.delegate.isAfterLast();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean isFirst() throws SQLException {
		try {
			return this.delegate.isFirst();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean isLast() throws SQLException {
		try {
			return this.delegate.isLast();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void beforeFirst() throws SQLException {
		try {
			this.delegate.beforeFirst();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void afterLast() throws SQLException {
		try {
			this.delegate.afterLast();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean first() throws SQLException {
		try {
			return this.delegate.first();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean last() throws SQLException {
		try {
			return this.delegate.last();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getRow() throws SQLException {
		try {
			return this.delegate.getRow();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean absolute(int row) throws SQLException {
		try {
			return this.delegate.absolute(row);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean relative(int rows) throws SQLException {
		try {
			return this.delegate.relative(rows);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean previous() throws SQLException {
		try {
			return this.delegate.previous();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setFetchDirection(int direction) throws SQLException {
		try {
			this.delegate.setFetchDirection(direction);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getFetchDirection() throws SQLException {
		try {
			return this.delegate.getFetchDirection();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setFetchSize(int rows) throws SQLException {
		try {
			this.delegate.setFetchSize(rows);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getFetchSize() throws SQLException {
		try {
			return this.delegate.getFetchSize();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getType() throws SQLException {
		try {
			return this.delegate.getType();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getConcurrency() throws SQLException {
		try {
			return this.delegate.getConcurrency();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean rowUpdated() throws SQLException {
		try {
			return this.delegate.rowUpdated();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean rowInserted() throws SQLException {
		try {
			return this.delegate.rowInserted();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean rowDeleted() throws SQLException {
		try {
			return this.delegate.rowDeleted();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateNull(int columnIndex) throws SQLException {
		try {
			this.delegate.updateNull(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBoolean(int columnIndex, boolean x) throws SQLException {
		try {
			this.delegate.updateBoolean(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateByte(int columnIndex, byte x) throws SQLException {
		try {
			this.delegate.updateByte(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateShort(int columnIndex, short x) throws SQLException {
		try {
			this.delegate.updateShort(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateInt(int columnIndex, int x) throws SQLException {
		try {
			this.delegate.updateInt(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateLong(int columnIndex, long x) throws SQLException {
		try {
			this.delegate.updateLong(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateFloat(int columnIndex, float x) throws SQLException {
		try {
			this.delegate.updateFloat(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateDouble(int columnIndex, double x) throws SQLException {
		try {
			this.delegate.updateDouble(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException {
		try {
			this.delegate.updateBigDecimal(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateString(int columnIndex, String x) throws SQLException {
		try {
			this.delegate.updateString(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBytes(int columnIndex, byte[] x) throws SQLException {
		try {
			this.delegate.updateBytes(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateDate(int columnIndex, java.sql.Date x) throws SQLException {
		try {
			this.delegate.updateDate(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateTime(int columnIndex, java.sql.Time x) throws SQLException {
		try {
			this.delegate.updateTime(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateTimestamp(int columnIndex, java.sql.Timestamp x) throws SQLException {
		try {
			this.delegate.updateTimestamp(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException {
		try {
			this.delegate.updateAsciiStream(columnIndex, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException {
		try {
			this.delegate.updateBinaryStream(columnIndex, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException {
		try {
			this.delegate.updateCharacterStream(columnIndex, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateObject(int columnIndex, Object x, int scaleOrLength) throws SQLException {
		try {
			this.delegate.updateObject(columnIndex, x, scaleOrLength);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateObject(int columnIndex, Object x) throws SQLException {
		try {
			this.delegate.updateObject(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateNull(String columnLabel) throws SQLException {
		try {
			this.delegate.updateNull(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBoolean(String columnLabel, boolean x) throws SQLException {
		try {
			this.delegate.updateBoolean(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateByte(String columnLabel, byte x) throws SQLException {
		try {
			this.delegate.updateByte(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateShort(String columnLabel, short x) throws SQLException {
		try {
			this.delegate.updateShort(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateInt(String columnLabel, int x) throws SQLException {
		try {
			this.delegate.updateInt(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateLong(String columnLabel, long x) throws SQLException {
		try {
			this.delegate.updateLong(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateFloat(String columnLabel, float x) throws SQLException {
		try {
			this.delegate.updateFloat(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateDouble(String columnLabel, double x) throws SQLException {
		try {
			this.delegate.updateDouble(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException {
		try {
			this.delegate.updateBigDecimal(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateString(String columnLabel, String x) throws SQLException {
		try {
			this.delegate.updateString(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBytes(String columnLabel, byte[] x) throws SQLException {
		try {
			this.delegate.updateBytes(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateDate(String columnLabel, java.sql.Date x) throws SQLException {
		try {
			this.delegate.updateDate(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateTime(String columnLabel, java.sql.Time x) throws SQLException {
		try {
			this.delegate.updateTime(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateTimestamp(String columnLabel, java.sql.Timestamp x) throws SQLException {
		try {
			this.delegate.updateTimestamp(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException {
		try {
			this.delegate.updateAsciiStream(columnLabel, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBinaryStream(String columnLabel, InputStream x, int length) throws SQLException {
		try {
			this.delegate.updateBinaryStream(columnLabel, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateCharacterStream(String columnLabel, Reader reader, int length) throws SQLException {
		try {
			this.delegate.updateCharacterStream(columnLabel, reader, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateObject(String columnLabel, Object x, int scaleOrLength) throws SQLException {
		try {
			this.delegate.updateObject(columnLabel, x, scaleOrLength);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateObject(String columnLabel, Object x) throws SQLException {
		try {
			this.delegate.updateObject(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void insertRow() throws SQLException {
		this.connection.markDirty();
		try {
			this.delegate.insertRow();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateRow() throws SQLException {
		this.connection.markDirty();
		try {
			this.delegate.updateRow();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void deleteRow() throws SQLException {
		this.connection.markDirty();
		try {
			this.delegate.deleteRow();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void refreshRow() throws SQLException {
		this.connection.markDirty();
		try {
			this.delegate.refreshRow();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void cancelRowUpdates() throws SQLException {
		try {
			this.delegate.cancelRowUpdates();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void moveToInsertRow() throws SQLException {
		try {
			this.delegate.moveToInsertRow();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void moveToCurrentRow() throws SQLException {
		try {
			this.delegate.moveToCurrentRow();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
		try {
			return wrapObject(this.delegate.getObject(columnIndex, map));
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Ref getRef(int columnIndex) throws SQLException {
		try {
			return this.delegate.getRef(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Blob getBlob(int columnIndex) throws SQLException {
		try {
			return this.delegate.getBlob(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Clob getClob(int columnIndex) throws SQLException {
		try {
			return this.delegate.getClob(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Array getArray(int columnIndex) throws SQLException {
		try {
			return this.delegate.getArray(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
		try {
			return wrapObject(this.delegate.getObject(columnLabel, map));
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Ref getRef(String columnLabel) throws SQLException {
		try {
			return this.delegate.getRef(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Blob getBlob(String columnLabel) throws SQLException {
		try {
			return this.delegate.getBlob(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Clob getClob(String columnLabel) throws SQLException {
		try {
			return this.delegate.getClob(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Array getArray(String columnLabel) throws SQLException {
		try {
			return this.delegate.getArray(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Date getDate(int columnIndex, Calendar cal) throws SQLException {
		try {
			return this.delegate.getDate(columnIndex, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Date getDate(String columnLabel, Calendar cal) throws SQLException {
		try {
			return this.delegate.getDate(columnLabel, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Time getTime(int columnIndex, Calendar cal) throws SQLException {
		try {
			return this.delegate.getTime(columnIndex, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Time getTime(String columnLabel, Calendar cal) throws SQLException {
		try {
			return this.delegate.getTime(columnLabel, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
		try {
			return this.delegate.getTimestamp(columnIndex, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
		try {
			return this.delegate.getTimestamp(columnLabel, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public URL getURL(int columnIndex) throws SQLException {
		try {
			return this.delegate.getURL(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public URL getURL(String columnLabel) throws SQLException {
		try {
			return this.delegate.getURL(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateRef(int columnIndex, java.sql.Ref x) throws SQLException {
		try {
			this.delegate.updateRef(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateRef(String columnLabel, java.sql.Ref x) throws SQLException {
		try {
			this.delegate.updateRef(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBlob(int columnIndex, java.sql.Blob x) throws SQLException {
		try {
			this.delegate.updateBlob(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBlob(String columnLabel, java.sql.Blob x) throws SQLException {
		try {
			this.delegate.updateBlob(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateClob(int columnIndex, java.sql.Clob x) throws SQLException {
		try {
			this.delegate.updateClob(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateClob(String columnLabel, java.sql.Clob x) throws SQLException {
		try {
			this.delegate.updateClob(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateArray(int columnIndex, java.sql.Array x) throws SQLException {
		try {
			this.delegate.updateArray(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateArray(String columnLabel, java.sql.Array x) throws SQLException {
		try {
			this.delegate.updateArray(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public RowId getRowId(int columnIndex) throws SQLException {
		try {
			return this.delegate.getRowId(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public RowId getRowId(String columnLabel) throws SQLException {
		try {
			return this.delegate.getRowId(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateRowId(int columnIndex, RowId x) throws SQLException {
		try {
			this.delegate.updateRowId(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateRowId(String columnLabel, RowId x) throws SQLException {
		try {
			this.delegate.updateRowId(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getHoldability() throws SQLException {
		try {
			return this.delegate.getHoldability();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean isClosed() throws SQLException {
		try {
			return this.delegate.isClosed();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateNString(int columnIndex, String nString) throws SQLException {
		try {
			this.delegate.updateNString(columnIndex, nString);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateNString(String columnLabel, String nString) throws SQLException {
		try {
			this.delegate.updateNString(columnLabel, nString);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateNClob(int columnIndex, NClob nClob) throws SQLException {
		try {
			this.delegate.updateNClob(columnIndex, nClob);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateNClob(String columnLabel, NClob nClob) throws SQLException {
		try {
			this.delegate.updateNClob(columnLabel, nClob);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public NClob getNClob(int columnIndex) throws SQLException {
		try {
			return this.delegate.getNClob(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public NClob getNClob(String columnLabel) throws SQLException {
		try {
			return this.delegate.getNClob(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public SQLXML getSQLXML(int columnIndex) throws SQLException {
		try {
			return this.delegate.getSQLXML(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public SQLXML getSQLXML(String columnLabel) throws SQLException {
		try {
			return this.delegate.getSQLXML(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateSQLXML(int columnIndex, SQLXML xmlObject) throws SQLException {
		try {
			this.delegate.updateSQLXML(columnIndex, xmlObject);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateSQLXML(String columnLabel, SQLXML xmlObject) throws SQLException {
		try {
			this.delegate.updateSQLXML(columnLabel, xmlObject);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public String getNString(int columnIndex) throws SQLException {
		try {
			return this.delegate.getNString(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public String getNString(String columnLabel) throws SQLException {
		try {
			return this.delegate.getNString(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Reader getNCharacterStream(int columnIndex) throws SQLException {
		try {
			return this.delegate.getNCharacterStream(columnIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Reader getNCharacterStream(String columnLabel) throws SQLException {
		try {
			return this.delegate.getNCharacterStream(columnLabel);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
		try {
			this.delegate.updateNCharacterStream(columnIndex, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateNCharacterStream(String columnLabel, Reader reader, long length) throws SQLException {
		try {
			this.delegate.updateNCharacterStream(columnLabel, reader, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException {
		try {
			this.delegate.updateAsciiStream(columnIndex, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException {
		try {
			this.delegate.updateBinaryStream(columnIndex, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
		try {
			this.delegate.updateCharacterStream(columnIndex, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateAsciiStream(String columnLabel, InputStream x, long length) throws SQLException {
		try {
			this.delegate.updateAsciiStream(columnLabel, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBinaryStream(String columnLabel, InputStream x, long length) throws SQLException {
		try {
			this.delegate.updateBinaryStream(columnLabel, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateCharacterStream(String columnLabel, Reader reader, long length) throws SQLException {
		try {
			this.delegate.updateCharacterStream(columnLabel, reader, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBlob(int columnIndex, InputStream inputStream, long length) throws SQLException {
		try {
			this.delegate.updateBlob(columnIndex, inputStream, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBlob(String columnLabel, InputStream inputStream, long length) throws SQLException {
		try {
			this.delegate.updateBlob(columnLabel, inputStream, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateClob(int columnIndex, Reader reader, long length) throws SQLException {
		try {
			this.delegate.updateClob(columnIndex, reader, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateClob(String columnLabel, Reader reader, long length) throws SQLException {
		try {
			this.delegate.updateClob(columnLabel, reader, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateNClob(int columnIndex, Reader reader, long length) throws SQLException {
		try {
			this.delegate.updateNClob(columnIndex, reader, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateNClob(String columnLabel, Reader reader, long length) throws SQLException {
		try {
			this.delegate.updateNClob(columnLabel, reader, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException {
		try {
			this.delegate.updateNCharacterStream(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateNCharacterStream(String columnLabel, Reader reader) throws SQLException {
		try {
			this.delegate.updateNCharacterStream(columnLabel, reader);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException {
		try {
			this.delegate.updateAsciiStream(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException {
		try {
			this.delegate.updateBinaryStream(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateCharacterStream(int columnIndex, Reader x) throws SQLException {
		try {
			this.delegate.updateCharacterStream(columnIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException {
		try {
			this.delegate.updateAsciiStream(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException {
		try {
			this.delegate.updateBinaryStream(columnLabel, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateCharacterStream(String columnLabel, Reader reader) throws SQLException {
		try {
			this.delegate.updateCharacterStream(columnLabel, reader);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBlob(int columnIndex, InputStream inputStream) throws SQLException {
		try {
			this.delegate.updateBlob(columnIndex, inputStream);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateBlob(String columnLabel, InputStream inputStream) throws SQLException {
		try {
			this.delegate.updateBlob(columnLabel, inputStream);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateClob(int columnIndex, Reader reader) throws SQLException {
		try {
			this.delegate.updateClob(columnIndex, reader);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateClob(String columnLabel, Reader reader) throws SQLException {
		try {
			this.delegate.updateClob(columnLabel, reader);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateNClob(int columnIndex, Reader reader) throws SQLException {
		try {
			this.delegate.updateNClob(columnIndex, reader);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateNClob(String columnLabel, Reader reader) throws SQLException {
		try {
			this.delegate.updateNClob(columnLabel, reader);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
		try {
			return wrapObject(this.delegate.getObject(columnIndex, type), type);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
		try {
			return wrapObject(this.delegate.getObject(columnLabel, type), type);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateObject(int columnIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
		try {
			this.delegate.updateObject(columnIndex, x, targetSqlType, scaleOrLength);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateObject(String columnLabel, Object x, SQLType targetSqlType, int scaleOrLength)
			throws SQLException {
		try {
			this.delegate.updateObject(columnLabel, x, targetSqlType, scaleOrLength);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateObject(int columnIndex, Object x, SQLType targetSqlType) throws SQLException {
		try {
			this.delegate.updateObject(columnIndex, x, targetSqlType);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void updateObject(String columnLabel, Object x, SQLType targetSqlType) throws SQLException {
		try {
			this.delegate.updateObject(columnLabel, x, targetSqlType);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

}
