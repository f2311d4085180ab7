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
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/** The {@link PreparedStatement} a borrower gets; see {@link StatementProxy}. */
class PreparedStatementProxy extends StatementProxy implements PreparedStatement {

	/** The same object as {@link #statement}, typed so that calls need no cast. */
	final PreparedStatement prepared;

	PreparedStatementProxy(ConnectionProxy connection, PreparedStatement prepared) {
		super(connection, prepared);
		this.prepared = prepared;
	}

	// Delegation below: refused once the connection is returned; what runs SQL marks the
	// transaction dirty.

	@Override
	public ResultSet executeQuery() throws SQLException {
		beforeExecute();
		try {
			return wrap(this.prepared.executeQuery());
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int executeUpdate() throws SQLException {
		beforeExecute();
		try {
			return this.prepared.executeUpdate();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setNull(int parameterIndex, int sqlType) throws SQLException {
		checkOpen();
		try {
			this.prepared.setNull(parameterIndex, sqlType);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBoolean(int parameterIndex, boolean x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setBoolean(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setByte(int parameterIndex, byte x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setByte(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setShort(int parameterIndex, short x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setShort(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setInt(int parameterIndex, int x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setInt(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setLong(int parameterIndex, long x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setLong(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setFloat(int parameterIndex, float x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setFloat(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setDouble(int parameterIndex, double x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setDouble(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setBigDecimal(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setString(int parameterIndex, String x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setString(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBytes(int parameterIndex, byte[] x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setBytes(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setDate(int parameterIndex, java.sql.Date x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setDate(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setTime(int parameterIndex, java.sql.Time x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setTime(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setTimestamp(int parameterIndex, java.sql.Timestamp x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setTimestamp(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
		checkOpen();
		try {
			this.prepared.setAsciiStream(parameterIndex, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Deprecated
	@Override
	public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
		checkOpen();
		try {
			this.prepared.setUnicodeStream(parameterIndex, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
		checkOpen();
		try {
			this.prepared.setBinaryStream(parameterIndex, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void clearParameters() throws SQLException {
		checkOpen();
		try {
			this.prepared.clearParameters();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
		checkOpen();
		try {
			this.prepared.setObject(parameterIndex, x, targetSqlType);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setObject(int parameterIndex, Object x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setObject(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean execute() throws SQLException {
		beforeExecute();
		try {
			return this.prepared.execute();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void addBatch() throws SQLException {
		checkOpen();
		try {
			this.prepared.addBatch();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
		checkOpen();
		try {
			this.prepared.setCharacterStream(parameterIndex, reader, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setRef(int parameterIndex, Ref x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setRef(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBlob(int parameterIndex, Blob x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setBlob(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setClob(int parameterIndex, Clob x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setClob(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setArray(int parameterIndex, Array x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setArray(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public ResultSetMetaData getMetaData() throws SQLException {
		beforeExecute();
		try {
			return this.prepared.getMetaData();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setDate(int parameterIndex, java.sql.Date x, Calendar cal) throws SQLException {
		checkOpen();
		try {
			this.prepared.setDate(parameterIndex, x, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setTime(int parameterIndex, java.sql.Time x, Calendar cal) throws SQLException {
		checkOpen();
		try {
			this.prepared.setTime(parameterIndex, x, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setTimestamp(int parameterIndex, java.sql.Timestamp x, Calendar cal) throws SQLException {
		checkOpen();
		try {
			this.prepared.setTimestamp(parameterIndex, x, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
		checkOpen();
		try {
			this.prepared.setNull(parameterIndex, sqlType, typeName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setURL(int parameterIndex, URL x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setURL(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public ParameterMetaData getParameterMetaData() throws SQLException {
		beforeExecute();
		try {
			return this.prepared.getParameterMetaData();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setRowId(int parameterIndex, RowId x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setRowId(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setNString(int parameterIndex, String value) throws SQLException {
		checkOpen();
		try {
			this.prepared.setNString(parameterIndex, value);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
		checkOpen();
		try {
			this.prepared.setNCharacterStream(parameterIndex, value, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setNClob(int parameterIndex, NClob value) throws SQLException {
		checkOpen();
		try {
			this.prepared.setNClob(parameterIndex, value);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
		checkOpen();
		try {
			this.prepared.setClob(parameterIndex, reader, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
		checkOpen();
		try {
			this.prepared.setBlob(parameterIndex, inputStream, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
		checkOpen();
		try {
			this.prepared.setNClob(parameterIndex, reader, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
		checkOpen();
		try {
			this.prepared.setSQLXML(parameterIndex, xmlObject);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
		checkOpen();
		try {
			this.prepared.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
		checkOpen();
		try {
			this.prepared.setAsciiStream(parameterIndex, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
		checkOpen();
		try {
			this.prepared.setBinaryStream(parameterIndex, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
		checkOpen();
		try {
			this.prepared.setCharacterStream(parameterIndex, reader, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setAsciiStream(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
		checkOpen();
		try {
			this.prepared.setBinaryStream(parameterIndex, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
		checkOpen();
		try {
			this.prepared.setCharacterStream(parameterIndex, reader);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
		checkOpen();
		try {
			this.prepared.setNCharacterStream(parameterIndex, value);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setClob(int parameterIndex, Reader reader) throws SQLException {
		checkOpen();
		try {
			this.prepared.setClob(parameterIndex, reader);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
		checkOpen();
		try {
			this.prepared.setBlob(parameterIndex, inputStream);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setNClob(int parameterIndex, Reader reader) throws SQLException {
		checkOpen();
		try {
			this.prepared.setNClob(parameterIndex, reader);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
		checkOpen();
		try {
			this.prepared.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
		checkOpen();
		try {
			this.prepared.setObject(parameterIndex, x, targetSqlType);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public long executeLargeUpdate() throws SQLException {
		beforeExecute();
		try {
			return this.prepared.executeLargeUpdate();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

}
