package io.poolkit.bench.stub;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * Every method of {@link PreparedStatement} failing as unsupported, so that the stubs
 * override only what the pools and the benchmarks call and a call nobody expected fails
 * loudly instead of returning a made-up answer.
 */
abstract class UnsupportedPreparedStatement implements PreparedStatement {

	@Override
	public void addBatch() throws SQLException {
		throw StubDriver.unsupported("addBatch");
	}

	@Override
	public void addBatch(String a0) throws SQLException {
		throw StubDriver.unsupported("addBatch");
	}

	@Override
	public void cancel() throws SQLException {
		throw StubDriver.unsupported("cancel");
	}

	@Override
	public void clearBatch() throws SQLException {
		throw StubDriver.unsupported("clearBatch");
	}

	@Override
	public void clearParameters() throws SQLException {
		throw StubDriver.unsupported("clearParameters");
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
	public void closeOnCompletion() throws SQLException {
		throw StubDriver.unsupported("closeOnCompletion");
	}

	@Override
	public boolean execute() throws SQLException {
		throw StubDriver.unsupported("execute");
	}

	@Override
	public boolean execute(String a0, int[] a1) throws SQLException {
		throw StubDriver.unsupported("execute");
	}

	@Override
	public boolean execute(String a0, String[] a1) throws SQLException {
		throw StubDriver.unsupported("execute");
	}

	@Override
	public boolean execute(String a0, int a1) throws SQLException {
		throw StubDriver.unsupported("execute");
	}

	@Override
	public boolean execute(String a0) throws SQLException {
		throw StubDriver.unsupported("execute");
	}

	@Override
	public int[] executeBatch() throws SQLException {
		throw StubDriver.unsupported("executeBatch");
	}

	@Override
	public ResultSet executeQuery() throws SQLException {
		throw StubDriver.unsupported("executeQuery");
	}

	@Override
	public ResultSet executeQuery(String a0) throws SQLException {
		throw StubDriver.unsupported("executeQuery");
	}

	@Override
	public int executeUpdate() throws SQLException {
		throw StubDriver.unsupported("executeUpdate");
	}

	@Override
	public int executeUpdate(String a0, int[] a1) throws SQLException {
		throw StubDriver.unsupported("executeUpdate");
	}

	@Override
	public int executeUpdate(String a0, String[] a1) throws SQLException {
		throw StubDriver.unsupported("executeUpdate");
	}

	@Override
	public int executeUpdate(String a0, int a1) throws SQLException {
		throw StubDriver.unsupported("executeUpdate");
	}

	@Override
	public int executeUpdate(String a0) throws SQLException {
		throw StubDriver.unsupported("executeUpdate");
	}

	@Override
	public Connection getConnection() throws SQLException {
		throw StubDriver.unsupported("getConnection");
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
	public ResultSet getGeneratedKeys() throws SQLException {
		throw StubDriver.unsupported("getGeneratedKeys");
	}

	@Override
	public int getMaxFieldSize() throws SQLException {
		throw StubDriver.unsupported("getMaxFieldSize");
	}

	@Override
	public int getMaxRows() throws SQLException {
		throw StubDriver.unsupported("getMaxRows");
	}

	@Override
	public ResultSetMetaData getMetaData() throws SQLException {
		throw StubDriver.unsupported("getMetaData");
	}

	@Override
	public boolean getMoreResults() throws SQLException {
		throw StubDriver.unsupported("getMoreResults");
	}

	@Override
	public boolean getMoreResults(int a0) throws SQLException {
		throw StubDriver.unsupported("getMoreResults");
	}

	@Override
	public ParameterMetaData getParameterMetaData() throws SQLException {
		throw StubDriver.unsupported("getParameterMetaData");
	}

	@Override
	public int getQueryTimeout() throws SQLException {
		throw StubDriver.unsupported("getQueryTimeout");
	}

	@Override
	public ResultSet getResultSet() throws SQLException {
		throw StubDriver.unsupported("getResultSet");
	}

	@Override
	public int getResultSetConcurrency() throws SQLException {
		throw StubDriver.unsupported("getResultSetConcurrency");
	}

	@Override
	public int getResultSetHoldability() throws SQLException {
		throw StubDriver.unsupported("getResultSetHoldability");
	}

	@Override
	public int getResultSetType() throws SQLException {
		throw StubDriver.unsupported("getResultSetType");
	}

	@Override
	public int getUpdateCount() throws SQLException {
		throw StubDriver.unsupported("getUpdateCount");
	}

	@Override
	public SQLWarning getWarnings() throws SQLException {
		throw StubDriver.unsupported("getWarnings");
	}

	@Override
	public boolean isCloseOnCompletion() throws SQLException {
		throw StubDriver.unsupported("isCloseOnCompletion");
	}

	@Override
	public boolean isClosed() throws SQLException {
		throw StubDriver.unsupported("isClosed");
	}

	@Override
	public boolean isPoolable() throws SQLException {
		throw StubDriver.unsupported("isPoolable");
	}

	@Override
	public boolean isWrapperFor(Class<?> a0) throws SQLException {
		throw StubDriver.unsupported("isWrapperFor");
	}

	@Override
	public void setArray(int a0, Array a1) throws SQLException {
		throw StubDriver.unsupported("setArray");
	}

	@Override
	public void setAsciiStream(int a0, InputStream a1, int a2) throws SQLException {
		throw StubDriver.unsupported("setAsciiStream");
	}

	@Override
	public void setAsciiStream(int a0, InputStream a1, long a2) throws SQLException {
		throw StubDriver.unsupported("setAsciiStream");
	}

	@Override
	public void setAsciiStream(int a0, InputStream a1) throws SQLException {
		throw StubDriver.unsupported("setAsciiStream");
	}

	@Override
	public void setBigDecimal(int a0, BigDecimal a1) throws SQLException {
		throw StubDriver.unsupported("setBigDecimal");
	}

	@Override
	public void setBinaryStream(int a0, InputStream a1, int a2) throws SQLException {
		throw StubDriver.unsupported("setBinaryStream");
	}

	@Override
	public void setBinaryStream(int a0, InputStream a1, long a2) throws SQLException {
		throw StubDriver.unsupported("setBinaryStream");
	}

	@Override
	public void setBinaryStream(int a0, InputStream a1) throws SQLException {
		throw StubDriver.unsupported("setBinaryStream");
	}

	@Override
	public void setBlob(int a0, InputStream a1, long a2) throws SQLException {
		throw StubDriver.unsupported("setBlob");
	}

	@Override
	public void setBlob(int a0, InputStream a1) throws SQLException {
		throw StubDriver.unsupported("setBlob");
	}

	@Override
	public void setBlob(int a0, Blob a1) throws SQLException {
		throw StubDriver.unsupported("setBlob");
	}

	@Override
	public void setBoolean(int a0, boolean a1) throws SQLException {
		throw StubDriver.unsupported("setBoolean");
	}

	@Override
	public void setByte(int a0, byte a1) throws SQLException {
		throw StubDriver.unsupported("setByte");
	}

	@Override
	public void setBytes(int a0, byte[] a1) throws SQLException {
		throw StubDriver.unsupported("setBytes");
	}

	@Override
	public void setCharacterStream(int a0, Reader a1, int a2) throws SQLException {
		throw StubDriver.unsupported("setCharacterStream");
	}

	@Override
	public void setCharacterStream(int a0, Reader a1, long a2) throws SQLException {
		throw StubDriver.unsupported("setCharacterStream");
	}

	@Override
	public void setCharacterStream(int a0, Reader a1) throws SQLException {
		throw StubDriver.unsupported("setCharacterStream");
	}

	@Override
	public void setClob(int a0, Reader a1, long a2) throws SQLException {
		throw StubDriver.unsupported("setClob");
	}

	@Override
	public void setClob(int a0, Reader a1) throws SQLException {
		throw StubDriver.unsupported("setClob");
	}

	@Override
	public void setClob(int a0, Clob a1) throws SQLException {
		throw StubDriver.unsupported("setClob");
	}

	@Override
	public void setCursorName(String a0) throws SQLException {
		throw StubDriver.unsupported("setCursorName");
	}

	@Override
	public void setDate(int a0, Date a1, Calendar a2) throws SQLException {
		throw StubDriver.unsupported("setDate");
	}

	@Override
	public void setDate(int a0, Date a1) throws SQLException {
		throw StubDriver.unsupported("setDate");
	}

	@Override
	public void setDouble(int a0, double a1) throws SQLException {
		throw StubDriver.unsupported("setDouble");
	}

	@Override
	public void setEscapeProcessing(boolean a0) throws SQLException {
		throw StubDriver.unsupported("setEscapeProcessing");
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
	public void setFloat(int a0, float a1) throws SQLException {
		throw StubDriver.unsupported("setFloat");
	}

	@Override
	public void setInt(int a0, int a1) throws SQLException {
		throw StubDriver.unsupported("setInt");
	}

	@Override
	public void setLong(int a0, long a1) throws SQLException {
		throw StubDriver.unsupported("setLong");
	}

	@Override
	public void setMaxFieldSize(int a0) throws SQLException {
		throw StubDriver.unsupported("setMaxFieldSize");
	}

	@Override
	public void setMaxRows(int a0) throws SQLException {
		throw StubDriver.unsupported("setMaxRows");
	}

	@Override
	public void setNCharacterStream(int a0, Reader a1, long a2) throws SQLException {
		throw StubDriver.unsupported("setNCharacterStream");
	}

	@Override
	public void setNCharacterStream(int a0, Reader a1) throws SQLException {
		throw StubDriver.unsupported("setNCharacterStream");
	}

	@Override
	public void setNClob(int a0, Reader a1, long a2) throws SQLException {
		throw StubDriver.unsupported("setNClob");
	}

	@Override
	public void setNClob(int a0, Reader a1) throws SQLException {
		throw StubDriver.unsupported("setNClob");
	}

	@Override
	public void setNClob(int a0, NClob a1) throws SQLException {
		throw StubDriver.unsupported("setNClob");
	}

	@Override
	public void setNString(int a0, String a1) throws SQLException {
		throw StubDriver.unsupported("setNString");
	}

	@Override
	public void setNull(int a0, int a1, String a2) throws SQLException {
		throw StubDriver.unsupported("setNull");
	}

	@Override
	public void setNull(int a0, int a1) throws SQLException {
		throw StubDriver.unsupported("setNull");
	}

	@Override
	public void setObject(int a0, Object a1, int a2, int a3) throws SQLException {
		throw StubDriver.unsupported("setObject");
	}

	@Override
	public void setObject(int a0, Object a1, int a2) throws SQLException {
		throw StubDriver.unsupported("setObject");
	}

	@Override
	public void setObject(int a0, Object a1) throws SQLException {
		throw StubDriver.unsupported("setObject");
	}

	@Override
	public void setPoolable(boolean a0) throws SQLException {
		throw StubDriver.unsupported("setPoolable");
	}

	@Override
	public void setQueryTimeout(int a0) throws SQLException {
		throw StubDriver.unsupported("setQueryTimeout");
	}

	@Override
	public void setRef(int a0, Ref a1) throws SQLException {
		throw StubDriver.unsupported("setRef");
	}

	@Override
	public void setRowId(int a0, RowId a1) throws SQLException {
		throw StubDriver.unsupported("setRowId");
	}

	@Override
	public void setSQLXML(int a0, SQLXML a1) throws SQLException {
		throw StubDriver.unsupported("setSQLXML");
	}

	@Override
	public void setShort(int a0, short a1) throws SQLException {
		throw StubDriver.unsupported("setShort");
	}

	@Override
	public void setString(int a0, String a1) throws SQLException {
		throw StubDriver.unsupported("setString");
	}

	@Override
	public void setTime(int a0, Time a1, Calendar a2) throws SQLException {
		throw StubDriver.unsupported("setTime");
	}

	@Override
	public void setTime(int a0, Time a1) throws SQLException {
		throw StubDriver.unsupported("setTime");
	}

	@Override
	public void setTimestamp(int a0, Timestamp a1, Calendar a2) throws SQLException {
		throw StubDriver.unsupported("setTimestamp");
	}

	@Override
	public void setTimestamp(int a0, Timestamp a1) throws SQLException {
		throw StubDriver.unsupported("setTimestamp");
	}

	@Override
	public void setURL(int a0, URL a1) throws SQLException {
		throw StubDriver.unsupported("setURL");
	}

	@Override
	public void setUnicodeStream(int a0, InputStream a1, int a2) throws SQLException {
		throw StubDriver.unsupported("setUnicodeStream");
	}

	@Override
	public <T> T unwrap(Class<T> a0) throws SQLException {
		throw StubDriver.unsupported("unwrap");
	}

}
