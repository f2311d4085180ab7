package io.poolkit.bench.stub;

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
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * Every method of {@link ResultSet} failing as unsupported, so that the stubs override
 * only what the pools and the benchmarks call and a call nobody expected fails loudly
 * instead of returning a made-up answer.
 */
abstract class UnsupportedResultSet implements ResultSet {

	@Override
	public boolean absolute(int a0) throws SQLException {
		throw StubDriver.unsupported("absolute");
	}

	@Override
	public void afterLast() throws SQLException {
		throw StubDriver.unsupported("afterLast");
	}

	@Override
	public void beforeFirst() throws SQLException {
		throw StubDriver.unsupported("beforeFirst");
	}

	@Override
	public void cancelRowUpdates() throws SQLException {
		throw StubDriver.unsupported("cancelRowUpdates");
	}

	@Override
	public void clearWarnings() throws SQLException {
		throw StubDriver.unsupported("clearWarnings");
	}

	@Override
	public void close() throws SQLException {
		throw StubDriver.unsupported("close");
	}

	@Override
	public void deleteRow() throws SQLException {
		throw StubDriver.unsupported("deleteRow");
	}

	@Override
	public int findColumn(String a0) throws SQLException {
		throw StubDriver.unsupported("findColumn");
	}

	@Override
	public boolean first() throws SQLException {
		throw StubDriver.unsupported("first");
	}

	@Override
	public Array getArray(String a0) throws SQLException {
		throw StubDriver.unsupported("getArray");
	}

	@Override
	public Array getArray(int a0) throws SQLException {
		throw StubDriver.unsupported("getArray");
	}

	@Override
	public InputStream getAsciiStream(String a0) throws SQLException {
		throw StubDriver.unsupported("getAsciiStream");
	}

	@Override
	public InputStream getAsciiStream(int a0) throws SQLException {
		throw StubDriver.unsupported("getAsciiStream");
	}

	@Override
	public BigDecimal getBigDecimal(String a0, int a1) throws SQLException {
		throw StubDriver.unsupported("getBigDecimal");
	}

	@Override
	public BigDecimal getBigDecimal(String a0) throws SQLException {
		throw StubDriver.unsupported("getBigDecimal");
	}

	@Override
	public BigDecimal getBigDecimal(int a0, int a1) throws SQLException {
		throw StubDriver.unsupported("getBigDecimal");
	}

	@Override
	public BigDecimal getBigDecimal(int a0) throws SQLException {
		throw StubDriver.unsupported("getBigDecimal");
	}

	@Override
	public InputStream getBinaryStream(String a0) throws SQLException {
		throw StubDriver.unsupported("getBinaryStream");
	}

	@Override
	public InputStream getBinaryStream(int a0) throws SQLException {
		throw StubDriver.unsupported("getBinaryStream");
	}

	@Override
	public Blob getBlob(String a0) throws SQLException {
		throw StubDriver.unsupported("getBlob");
	}

	@Override
	public Blob getBlob(int a0) throws SQLException {
		throw StubDriver.unsupported("getBlob");
	}

	@Override
	public boolean getBoolean(String a0) throws SQLException {
		throw StubDriver.unsupported("getBoolean");
	}

	@Override
	public boolean getBoolean(int a0) throws SQLException {
		throw StubDriver.unsupported("getBoolean");
	}

	@Override
	public byte getByte(String a0) throws SQLException {
		throw StubDriver.unsupported("getByte");
	}

	@Override
	public byte getByte(int a0) throws SQLException {
		throw StubDriver.unsupported("getByte");
	}

	@Override
	public byte[] getBytes(String a0) throws SQLException {
		throw StubDriver.unsupported("getBytes");
	}

	@Override
	public byte[] getBytes(int a0) throws SQLException {
		throw StubDriver.unsupported("getBytes");
	}

	@Override
	public Reader getCharacterStream(String a0) throws SQLException {
		throw StubDriver.unsupported("getCharacterStream");
	}

	@Override
	public Reader getCharacterStream(int a0) throws SQLException {
		throw StubDriver.unsupported("getCharacterStream");
	}

	@Override
	public Clob getClob(String a0) throws SQLException {
		throw StubDriver.unsupported("getClob");
	}

	@Override
	public Clob getClob(int a0) throws SQLException {
		throw StubDriver.unsupported("getClob");
	}

	@Override
	public int getConcurrency() throws SQLException {
		throw StubDriver.unsupported("getConcurrency");
	}

	@Override
	public String getCursorName() throws SQLException {
		throw StubDriver.unsupported("getCursorName");
	}

	@Override
	public Date getDate(String a0, Calendar a1) throws SQLException {
		throw StubDriver.unsupported("getDate");
	}

	@Override
	public Date getDate(String a0) throws SQLException {
		throw StubDriver.unsupported("getDate");
	}

	@Override
	public Date getDate(int a0, Calendar a1) throws SQLException {
		throw StubDriver.unsupported("getDate");
	}

	@Override
	public Date getDate(int a0) throws SQLException {
		throw StubDriver.unsupported("getDate");
	}

	@Override
	public double getDouble(String a0) throws SQLException {
		throw StubDriver.unsupported("getDouble");
	}

	@Override
	public double getDouble(int a0) throws SQLException {
		throw StubDriver.unsupported("getDouble");
	}

	@Override
	public int getFetchDirection() throws SQLException {
		throw StubDriver.unsupported("getFetchDirection");
	}

	@Override
	public int getFetchSize() throws SQLException {
		throw StubDriver.unsupported("getFetchSize");
	}

	@Override
	public float getFloat(String a0) throws SQLException {
		throw StubDriver.unsupported("getFloat");
	}

	@Override
	public float getFloat(int a0) throws SQLException {
		throw StubDriver.unsupported("getFloat");
	}

	@Override
	public int getHoldability() throws SQLException {
		throw StubDriver.unsupported("getHoldability");
	}

	@Override
	public int getInt(String a0) throws SQLException {
		throw StubDriver.unsupported("getInt");
	}

	@Override
	public int getInt(int a0) throws SQLException {
		throw StubDriver.unsupported("getInt");
	}

	@Override
	public long getLong(String a0) throws SQLException {
		throw StubDriver.unsupported("getLong");
	}

	@Override
	public long getLong(int a0) throws SQLException {
		throw StubDriver.unsupported("getLong");
	}

	@Override
	public ResultSetMetaData getMetaData() throws SQLException {
		throw StubDriver.unsupported("getMetaData");
	}

	@Override
	public Reader getNCharacterStream(String a0) throws SQLException {
		throw StubDriver.unsupported("getNCharacterStream");
	}

	@Override
	public Reader getNCharacterStream(int a0) throws SQLException {
		throw StubDriver.unsupported("getNCharacterStream");
	}

	@Override
	public NClob getNClob(String a0) throws SQLException {
		throw StubDriver.unsupported("getNClob");
	}

	@Override
	public NClob getNClob(int a0) throws SQLException {
		throw StubDriver.unsupported("getNClob");
	}

	@Override
	public String getNString(String a0) throws SQLException {
		throw StubDriver.unsupported("getNString");
	}

	@Override
	public String getNString(int a0) throws SQLException {
		throw StubDriver.unsupported("getNString");
	}

	@Override
	public <T> T getObject(String a0, Class<T> a1) throws SQLException {
		throw StubDriver.unsupported("getObject");
	}

	@Override
	public Object getObject(String a0, Map<String, Class<?>> a1) throws SQLException {
		throw StubDriver.unsupported("getObject");
	}

	@Override
	public Object getObject(String a0) throws SQLException {
		throw StubDriver.unsupported("getObject");
	}

	@Override
	public <T> T getObject(int a0, Class<T> a1) throws SQLException {
		throw StubDriver.unsupported("getObject");
	}

	@Override
	public Object getObject(int a0, Map<String, Class<?>> a1) throws SQLException {
		throw StubDriver.unsupported("getObject");
	}

	@Override
	public Object getObject(int a0) throws SQLException {
		throw StubDriver.unsupported("getObject");
	}

	@Override
	public Ref getRef(String a0) throws SQLException {
		throw StubDriver.unsupported("getRef");
	}

	@Override
	public Ref getRef(int a0) throws SQLException {
		throw StubDriver.unsupported("getRef");
	}

	@Override
	public int getRow() throws SQLException {
		throw StubDriver.unsupported("getRow");
	}

	@Override
	public RowId getRowId(String a0) throws SQLException {
		throw StubDriver.unsupported("getRowId");
	}

	@Override
	public RowId getRowId(int a0) throws SQLException {
		throw StubDriver.unsupported("getRowId");
	}

	@Override
	public SQLXML getSQLXML(String a0) throws SQLException {
		throw StubDriver.unsupported("getSQLXML");
	}

	@Override
	public SQLXML getSQLXML(int a0) throws SQLException {
		throw StubDriver.unsupported("getSQLXML");
	}

	@Override
	public short getShort(String a0) throws SQLException {
		throw StubDriver.unsupported("getShort");
	}

	@Override
	public short getShort(int a0) throws SQLException {
		throw StubDriver.unsupported("getShort");
	}

	@Override
	public Statement getStatement() throws SQLException {
		throw StubDriver.unsupported("getStatement");
	}

	@Override
	public String getString(String a0) throws SQLException {
		throw StubDriver.unsupported("getString");
	}

	@Override
	public String getString(int a0) throws SQLException {
		throw StubDriver.unsupported("getString");
	}

	@Override
	public Time getTime(String a0, Calendar a1) throws SQLException {
		throw StubDriver.unsupported("getTime");
	}

	@Override
	public Time getTime(String a0) throws SQLException {
		throw StubDriver.unsupported("getTime");
	}

	@Override
	public Time getTime(int a0, Calendar a1) throws SQLException {
		throw StubDriver.unsupported("getTime");
	}

	@Override
	public Time getTime(int a0) throws SQLException {
		throw StubDriver.unsupported("getTime");
	}

	@Override
	public Timestamp getTimestamp(String a0, Calendar a1) throws SQLException {
		throw StubDriver.unsupported("getTimestamp");
	}

	@Override
	public Timestamp getTimestamp(String a0) throws SQLException {
		throw StubDriver.unsupported("getTimestamp");
	}

	@Override
	public Timestamp getTimestamp(int a0, Calendar a1) throws SQLException {
		throw StubDriver.unsupported("getTimestamp");
	}

	@Override
	public Timestamp getTimestamp(int a0) throws SQLException {
		throw StubDriver.unsupported("getTimestamp");
	}

	@Override
	public int getType() throws SQLException {
		throw StubDriver.unsupported("getType");
	}

	@Override
	public URL getURL(String a0) throws SQLException {
		throw StubDriver.unsupported("getURL");
	}

	@Override
	public URL getURL(int a0) throws SQLException {
		throw StubDriver.unsupported("getURL");
	}

	@Override
	public InputStream getUnicodeStream(String a0) throws SQLException {
		throw StubDriver.unsupported("getUnicodeStream");
	}

	@Override
	public InputStream getUnicodeStream(int a0) throws SQLException {
		throw StubDriver.unsupported("getUnicodeStream");
	}

	@Override
	public SQLWarning getWarnings() throws SQLException {
		throw StubDriver.unsupported("getWarnings");
	}

	@Override
	public void insertRow() throws SQLException {
		throw StubDriver.unsupported("insertRow");
	}

	@Override
	public boolean isAfterLast() throws SQLException {
		throw StubDriver.unsupported("isAfterLast");
	}

	@Override
	public boolean isBeforeFirst() throws SQLException {
		throw StubDriver.unsupported("isBeforeFirst");
	}

	@Override
	public boolean isClosed() throws SQLException {
		throw StubDriver.unsupported("isClosed");
	}

	@Override
	public boolean isFirst() throws SQLException {
		throw StubDriver.unsupported("isFirst");
	}

	@Override
	public boolean isLast() throws SQLException {
		throw StubDriver.unsupported("isLast");
	}

	@Override
	public boolean isWrapperFor(Class<?> a0) throws SQLException {
		throw StubDriver.unsupported("isWrapperFor");
	}

	@Override
	public boolean last() throws SQLException {
		throw StubDriver.unsupported("last");
	}

	@Override
	public void moveToCurrentRow() throws SQLException {
		throw StubDriver.unsupported("moveToCurrentRow");
	}

	@Override
	public void moveToInsertRow() throws SQLException {
		throw StubDriver.unsupported("moveToInsertRow");
	}

	@Override
	public boolean next() throws SQLException {
		throw StubDriver.unsupported("next");
	}

	@Override
	public boolean previous() throws SQLException {
		throw StubDriver.unsupported("previous");
	}

	@Override
	public void refreshRow() throws SQLException {
		throw StubDriver.unsupported("refreshRow");
	}

	@Override
	public boolean relative(int a0) throws SQLException {
		throw StubDriver.unsupported("relative");
	}

	@Override
	public boolean rowDeleted() throws SQLException {
		throw StubDriver.unsupported("rowDeleted");
	}

	@Override
	public boolean rowInserted() throws SQLException {
		throw StubDriver.unsupported("rowInserted");
	}

	@Override
	public boolean rowUpdated() throws SQLException {
		throw StubDriver.unsupported("rowUpdated");
	}

	@Override
	public void setFetchDirection(int a0) throws SQLException {
		throw StubDriver.unsupported("setFetchDirection");
	}

	@Override
	public void setFetchSize(int a0) throws SQLException {
		throw StubDriver.unsupported("setFetchSize");
	}

	@Override
	public <T> T unwrap(Class<T> a0) throws SQLException {
		throw StubDriver.unsupported("unwrap");
	}

	@Override
	public void updateArray(String a0, Array a1) throws SQLException {
		throw StubDriver.unsupported("updateArray");
	}

	@Override
	public void updateArray(int a0, Array a1) throws SQLException {
		throw StubDriver.unsupported("updateArray");
	}

	@Override
	public void updateAsciiStream(String a0, InputStream a1, int a2) throws SQLException {
		throw StubDriver.unsupported("updateAsciiStream");
	}

	@Override
	public void updateAsciiStream(String a0, InputStream a1, long a2) throws SQLException {
		throw StubDriver.unsupported("updateAsciiStream");
	}

	@Override
	public void updateAsciiStream(String a0, InputStream a1) throws SQLException {
		throw StubDriver.unsupported("updateAsciiStream");
	}

	@Override
	public void updateAsciiStream(int a0, InputStream a1, int a2) throws SQLException {
		throw StubDriver.unsupported("updateAsciiStream");
	}

	@Override
	public void updateAsciiStream(int a0, InputStream a1, long a2) throws SQLException {
		throw StubDriver.unsupported("updateAsciiStream");
	}

	@Override
	public void updateAsciiStream(int a0, InputStream a1) throws SQLException {
		throw StubDriver.unsupported("updateAsciiStream");
	}

	@Override
	public void updateBigDecimal(String a0, BigDecimal a1) throws SQLException {
		throw StubDriver.unsupported("updateBigDecimal");
	}

	@Override
	public void updateBigDecimal(int a0, BigDecimal a1) throws SQLException {
		throw StubDriver.unsupported("updateBigDecimal");
	}

	@Override
	public void updateBinaryStream(String a0, InputStream a1, int a2) throws SQLException {
		throw StubDriver.unsupported("updateBinaryStream");
	}

	@Override
	public void updateBinaryStream(String a0, InputStream a1, long a2) throws SQLException {
		throw StubDriver.unsupported("updateBinaryStream");
	}

	@Override
	public void updateBinaryStream(String a0, InputStream a1) throws SQLException {
		throw StubDriver.unsupported("updateBinaryStream");
	}

	@Override
	public void updateBinaryStream(int a0, InputStream a1, int a2) throws SQLException {
		throw StubDriver.unsupported("updateBinaryStream");
	}

	@Override
	public void updateBinaryStream(int a0, InputStream a1, long a2) throws SQLException {
		throw StubDriver.unsupported("updateBinaryStream");
	}

	@Override
	public void updateBinaryStream(int a0, InputStream a1) throws SQLException {
		throw StubDriver.unsupported("updateBinaryStream");
	}

	@Override
	public void updateBlob(String a0, InputStream a1, long a2) throws SQLException {
		throw StubDriver.unsupported("updateBlob");
	}

	@Override
	public void updateBlob(String a0, InputStream a1) throws SQLException {
		throw StubDriver.unsupported("updateBlob");
	}

	@Override
	public void updateBlob(String a0, Blob a1) throws SQLException {
		throw StubDriver.unsupported("updateBlob");
	}

	@Override
	public void updateBlob(int a0, InputStream a1, long a2) throws SQLException {
		throw StubDriver.unsupported("updateBlob");
	}

	@Override
	public void updateBlob(int a0, InputStream a1) throws SQLException {
		throw StubDriver.unsupported("updateBlob");
	}

	@Override
	public void updateBlob(int a0, Blob a1) throws SQLException {
		throw StubDriver.unsupported("updateBlob");
	}

	@Override
	public void updateBoolean(String a0, boolean a1) throws SQLException {
		throw StubDriver.unsupported("updateBoolean");
	}

	@Override
	public void updateBoolean(int a0, boolean a1) throws SQLException {
		throw StubDriver.unsupported("updateBoolean");
	}

	@Override
	public void updateByte(String a0, byte a1) throws SQLException {
		throw StubDriver.unsupported("updateByte");
	}

	@Override
	public void updateByte(int a0, byte a1) throws SQLException {
		throw StubDriver.unsupported("updateByte");
	}

	@Override
	public void updateBytes(String a0, byte[] a1) throws SQLException {
		throw StubDriver.unsupported("updateBytes");
	}

	@Override
	public void updateBytes(int a0, byte[] a1) throws SQLException {
		throw StubDriver.unsupported("updateBytes");
	}

	@Override
	public void updateCharacterStream(String a0, Reader a1, int a2) throws SQLException {
		throw StubDriver.unsupported("updateCharacterStream");
	}

	@Override
	public void updateCharacterStream(String a0, Reader a1, long a2) throws SQLException {
		throw StubDriver.unsupported("updateCharacterStream");
	}

	@Override
	public void updateCharacterStream(String a0, Reader a1) throws SQLException {
		throw StubDriver.unsupported("updateCharacterStream");
	}

	@Override
	public void updateCharacterStream(int a0, Reader a1, int a2) throws SQLException {
		throw StubDriver.unsupported("updateCharacterStream");
	}

	@Override
	public void updateCharacterStream(int a0, Reader a1, long a2) throws SQLException {
		throw StubDriver.unsupported("updateCharacterStream");
	}

	@Override
	public void updateCharacterStream(int a0, Reader a1) throws SQLException {
		throw StubDriver.unsupported("updateCharacterStream");
	}

	@Override
	public void updateClob(String a0, Reader a1, long a2) throws SQLException {
		throw StubDriver.unsupported("updateClob");
	}

	@Override
	public void updateClob(String a0, Reader a1) throws SQLException {
		throw StubDriver.unsupported("updateClob");
	}

	@Override
	public void updateClob(String a0, Clob a1) throws SQLException {
		throw StubDriver.unsupported("updateClob");
	}

	@Override
	public void updateClob(int a0, Reader a1, long a2) throws SQLException {
		throw StubDriver.unsupported("updateClob");
	}

	@Override
	public void updateClob(int a0, Reader a1) throws SQLException {
		throw StubDriver.unsupported("updateClob");
	}

	@Override
	public void updateClob(int a0, Clob a1) throws SQLException {
		throw StubDriver.unsupported("updateClob");
	}

	@Override
	public void updateDate(String a0, Date a1) throws SQLException {
		throw StubDriver.unsupported("updateDate");
	}

	@Override
	public void updateDate(int a0, Date a1) throws SQLException {
		throw StubDriver.unsupported("updateDate");
	}

	@Override
	public void updateDouble(String a0, double a1) throws SQLException {
		throw StubDriver.unsupported("updateDouble");
	}

	@Override
	public void updateDouble(int a0, double a1) throws SQLException {
		throw StubDriver.unsupported("updateDouble");
	}

	@Override
	public void updateFloat(String a0, float a1) throws SQLException {
		throw StubDriver.unsupported("updateFloat");
	}

	@Override
	public void updateFloat(int a0, float a1) throws SQLException {
		throw StubDriver.unsupported("updateFloat");
	}

	@Override
	public void updateInt(String a0, int a1) throws SQLException {
		throw StubDriver.unsupported("updateInt");
	}

	@Override
	public void updateInt(int a0, int a1) throws SQLException {
		throw StubDriver.unsupported("updateInt");
	}

	@Override
	public void updateLong(String a0, long a1) throws SQLException {
		throw StubDriver.unsupported("updateLong");
	}

	@Override
	public void updateLong(int a0, long a1) throws SQLException {
		throw StubDriver.unsupported("updateLong");
	}

	@Override
	public void updateNCharacterStream(String a0, Reader a1, long a2) throws SQLException {
		throw StubDriver.unsupported("updateNCharacterStream");
	}

	@Override
	public void updateNCharacterStream(String a0, Reader a1) throws SQLException {
		throw StubDriver.unsupported("updateNCharacterStream");
	}

	@Override
	public void updateNCharacterStream(int a0, Reader a1, long a2) throws SQLException {
		throw StubDriver.unsupported("updateNCharacterStream");
	}

	@Override
	public void updateNCharacterStream(int a0, Reader a1) throws SQLException {
		throw StubDriver.unsupported("updateNCharacterStream");
	}

	@Override
	public void updateNClob(String a0, Reader a1, long a2) throws SQLException {
		throw StubDriver.unsupported("updateNClob");
	}

	@Override
	public void updateNClob(String a0, Reader a1) throws SQLException {
		throw StubDriver.unsupported("updateNClob");
	}

	@Override
	public void updateNClob(String a0, NClob a1) throws SQLException {
		throw StubDriver.unsupported("updateNClob");
	}

	@Override
	public void updateNClob(int a0, Reader a1, long a2) throws SQLException {
		throw StubDriver.unsupported("updateNClob");
	}

	@Override
	public void updateNClob(int a0, Reader a1) throws SQLException {
		throw StubDriver.unsupported("updateNClob");
	}

	@Override
	public void updateNClob(int a0, NClob a1) throws SQLException {
		throw StubDriver.unsupported("updateNClob");
	}

	@Override
	public void updateNString(String a0, String a1) throws SQLException {
		throw StubDriver.unsupported("updateNString");
	}

	@Override
	public void updateNString(int a0, String a1) throws SQLException {
		throw StubDriver.unsupported("updateNString");
	}

	@Override
	public void updateNull(String a0) throws SQLException {
		throw StubDriver.unsupported("updateNull");
	}

	@Override
	public void updateNull(int a0) throws SQLException {
		throw StubDriver.unsupported("updateNull");
	}

	@Override
	public void updateObject(String a0, Object a1, int a2) throws SQLException {
		throw StubDriver.unsupported("updateObject");
	}

	@Override
	public void updateObject(String a0, Object a1) throws SQLException {
		throw StubDriver.unsupported("updateObject");
	}

	@Override
	public void updateObject(int a0, Object a1, int a2) throws SQLException {
		throw StubDriver.unsupported("updateObject");
	}

	@Override
	public void updateObject(int a0, Object a1) throws SQLException {
		throw StubDriver.unsupported("updateObject");
	}

	@Override
	public void updateRef(String a0, Ref a1) throws SQLException {
		throw StubDriver.unsupported("updateRef");
	}

	@Override
	public void updateRef(int a0, Ref a1) throws SQLException {
		throw StubDriver.unsupported("updateRef");
	}

	@Override
	public void updateRow() throws SQLException {
		throw StubDriver.unsupported("updateRow");
	}

	@Override
	public void updateRowId(String a0, RowId a1) throws SQLException {
		throw StubDriver.unsupported("updateRowId");
	}

	@Override
	public void updateRowId(int a0, RowId a1) throws SQLException {
		throw StubDriver.unsupported("updateRowId");
	}

	@Override
	public void updateSQLXML(String a0, SQLXML a1) throws SQLException {
		throw StubDriver.unsupported("updateSQLXML");
	}

	@Override
	public void updateSQLXML(int a0, SQLXML a1) throws SQLException {
		throw StubDriver.unsupported("updateSQLXML");
	}

	@Override
	public void updateShort(String a0, short a1) throws SQLException {
		throw StubDriver.unsupported("updateShort");
	}

	@Override
	public void updateShort(int a0, short a1) throws SQLException {
		throw StubDriver.unsupported("updateShort");
	}

	@Override
	public void updateString(String a0, String a1) throws SQLException {
		throw StubDriver.unsupported("updateString");
	}

	@Override
	public void updateString(int a0, String a1) throws SQLException {
		throw StubDriver.unsupported("updateString");
	}

	@Override
	public void updateTime(String a0, Time a1) throws SQLException {
		throw StubDriver.unsupported("updateTime");
	}

	@Override
	public void updateTime(int a0, Time a1) throws SQLException {
		throw StubDriver.unsupported("updateTime");
	}

	@Override
	public void updateTimestamp(String a0, Timestamp a1) throws SQLException {
		throw StubDriver.unsupported("updateTimestamp");
	}

	@Override
	public void updateTimestamp(int a0, Timestamp a1) throws SQLException {
		throw StubDriver.unsupported("updateTimestamp");
	}

	@Override
	public boolean wasNull() throws SQLException {
		throw StubDriver.unsupported("wasNull");
	}

}
