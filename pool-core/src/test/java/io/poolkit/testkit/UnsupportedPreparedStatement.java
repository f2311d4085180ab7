package io.poolkit.testkit;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * The methods {@link PreparedStatement} adds to {@link Statement}, all throwing
 * {@link SQLFeatureNotSupportedException}. An interface of defaults rather than a base
 * class, because {@link StubPreparedStatement} already extends {@link StubStatement} to
 * share its execution logic.
 */
interface UnsupportedPreparedStatement extends PreparedStatement {

	@Override
	default ResultSet executeQuery() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default int executeUpdate() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setNull(int parameterIndex, int sqlType) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setBoolean(int parameterIndex, boolean x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setByte(int parameterIndex, byte x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setShort(int parameterIndex, short x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setInt(int parameterIndex, int x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setLong(int parameterIndex, long x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setFloat(int parameterIndex, float x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setDouble(int parameterIndex, double x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setString(int parameterIndex, String x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setBytes(int parameterIndex, byte[] x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setDate(int parameterIndex, Date x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setTime(int parameterIndex, Time x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void clearParameters() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setObject(int parameterIndex, Object x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default boolean execute() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void addBatch() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setRef(int parameterIndex, Ref x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setBlob(int parameterIndex, Blob x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setClob(int parameterIndex, Clob x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setArray(int parameterIndex, Array x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default ResultSetMetaData getMetaData() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setURL(int parameterIndex, URL x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default ParameterMetaData getParameterMetaData() throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setRowId(int parameterIndex, RowId x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setNString(int parameterIndex, String value) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setNClob(int parameterIndex, NClob value) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setClob(int parameterIndex, Reader reader) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
		throw Stubs.unsupported();
	}

	@Override
	default void setNClob(int parameterIndex, Reader reader) throws SQLException {
		throw Stubs.unsupported();
	}

}
