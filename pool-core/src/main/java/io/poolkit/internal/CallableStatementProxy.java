package io.poolkit.internal;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/** The {@link CallableStatement} a borrower gets; see {@link StatementProxy}. */
final class CallableStatementProxy extends PreparedStatementProxy implements CallableStatement {

	/** The same object as {@link #statement}, typed so that calls need no cast. */
	private final CallableStatement callable;

	CallableStatementProxy(ConnectionProxy connection, CallableStatement callable) {
		super(connection, callable);
		this.callable = callable;
	}

	// Delegation below: refused once the connection is returned; what runs SQL marks the
	// transaction dirty.

	@Override
	public void registerOutParameter(int parameterIndex, int sqlType) throws SQLException {
		checkOpen();
		try {
			this.callable.registerOutParameter(parameterIndex, sqlType);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void registerOutParameter(int parameterIndex, int sqlType, int scale) throws SQLException {
		checkOpen();
		try {
			this.callable.registerOutParameter(parameterIndex, sqlType, scale);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean wasNull() throws SQLException {
		checkOpen();
		try {
			return this.callable.wasNull();
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public String getString(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getString(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean getBoolean(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getBoolean(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public byte getByte(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getByte(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public short getShort(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getShort(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getInt(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getInt(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public long getLong(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getLong(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public float getFloat(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getFloat(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public double getDouble(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getDouble(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Deprecated
	@Override
	public BigDecimal getBigDecimal(int parameterIndex, int scale) throws SQLException {
		checkOpen();
		try {
			return this.callable.getBigDecimal(parameterIndex, scale);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public byte[] getBytes(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getBytes(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Date getDate(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getDate(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Time getTime(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getTime(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Timestamp getTimestamp(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getTimestamp(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Object getObject(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return wrapObject(this.callable.getObject(parameterIndex));
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public BigDecimal getBigDecimal(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getBigDecimal(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Object getObject(int parameterIndex, Map<String, Class<?>> map) throws SQLException {
		checkOpen();
		try {
			return wrapObject(this.callable.getObject(parameterIndex, map));
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Ref getRef(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getRef(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Blob getBlob(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getBlob(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Clob getClob(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getClob(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Array getArray(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getArray(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Date getDate(int parameterIndex, Calendar cal) throws SQLException {
		checkOpen();
		try {
			return this.callable.getDate(parameterIndex, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Time getTime(int parameterIndex, Calendar cal) throws SQLException {
		checkOpen();
		try {
			return this.callable.getTime(parameterIndex, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Timestamp getTimestamp(int parameterIndex, Calendar cal) throws SQLException {
		checkOpen();
		try {
			return this.callable.getTimestamp(parameterIndex, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void registerOutParameter(int parameterIndex, int sqlType, String typeName) throws SQLException {
		checkOpen();
		try {
			this.callable.registerOutParameter(parameterIndex, sqlType, typeName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void registerOutParameter(String parameterName, int sqlType) throws SQLException {
		checkOpen();
		try {
			this.callable.registerOutParameter(parameterName, sqlType);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void registerOutParameter(String parameterName, int sqlType, int scale) throws SQLException {
		checkOpen();
		try {
			this.callable.registerOutParameter(parameterName, sqlType, scale);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void registerOutParameter(String parameterName, int sqlType, String typeName) throws SQLException {
		checkOpen();
		try {
			this.callable.registerOutParameter(parameterName, sqlType, typeName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public URL getURL(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getURL(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setURL(String parameterName, URL val) throws SQLException {
		checkOpen();
		try {
			this.callable.setURL(parameterName, val);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setNull(String parameterName, int sqlType) throws SQLException {
		checkOpen();
		try {
			this.callable.setNull(parameterName, sqlType);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBoolean(String parameterName, boolean x) throws SQLException {
		checkOpen();
		try {
			this.callable.setBoolean(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setByte(String parameterName, byte x) throws SQLException {
		checkOpen();
		try {
			this.callable.setByte(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setShort(String parameterName, short x) throws SQLException {
		checkOpen();
		try {
			this.callable.setShort(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setInt(String parameterName, int x) throws SQLException {
		checkOpen();
		try {
			this.callable.setInt(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setLong(String parameterName, long x) throws SQLException {
		checkOpen();
		try {
			this.callable.setLong(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setFloat(String parameterName, float x) throws SQLException {
		checkOpen();
		try {
			this.callable.setFloat(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setDouble(String parameterName, double x) throws SQLException {
		checkOpen();
		try {
			this.callable.setDouble(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBigDecimal(String parameterName, BigDecimal x) throws SQLException {
		checkOpen();
		try {
			this.callable.setBigDecimal(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setString(String parameterName, String x) throws SQLException {
		checkOpen();
		try {
			this.callable.setString(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBytes(String parameterName, byte[] x) throws SQLException {
		checkOpen();
		try {
			this.callable.setBytes(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setDate(String parameterName, java.sql.Date x) throws SQLException {
		checkOpen();
		try {
			this.callable.setDate(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setTime(String parameterName, java.sql.Time x) throws SQLException {
		checkOpen();
		try {
			this.callable.setTime(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setTimestamp(String parameterName, java.sql.Timestamp x) throws SQLException {
		checkOpen();
		try {
			this.callable.setTimestamp(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setAsciiStream(String parameterName, InputStream x, int length) throws SQLException {
		checkOpen();
		try {
			this.callable.setAsciiStream(parameterName, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBinaryStream(String parameterName, InputStream x, int length) throws SQLException {
		checkOpen();
		try {
			this.callable.setBinaryStream(parameterName, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setObject(String parameterName, Object x, int targetSqlType, int scale) throws SQLException {
		checkOpen();
		try {
			this.callable.setObject(parameterName, x, targetSqlType, scale);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setObject(String parameterName, Object x, int targetSqlType) throws SQLException {
		checkOpen();
		try {
			this.callable.setObject(parameterName, x, targetSqlType);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setObject(String parameterName, Object x) throws SQLException {
		checkOpen();
		try {
			this.callable.setObject(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setCharacterStream(String parameterName, Reader reader, int length) throws SQLException {
		checkOpen();
		try {
			this.callable.setCharacterStream(parameterName, reader, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setDate(String parameterName, java.sql.Date x, Calendar cal) throws SQLException {
		checkOpen();
		try {
			this.callable.setDate(parameterName, x, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setTime(String parameterName, java.sql.Time x, Calendar cal) throws SQLException {
		checkOpen();
		try {
			this.callable.setTime(parameterName, x, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setTimestamp(String parameterName, java.sql.Timestamp x, Calendar cal) throws SQLException {
		checkOpen();
		try {
			this.callable.setTimestamp(parameterName, x, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setNull(String parameterName, int sqlType, String typeName) throws SQLException {
		checkOpen();
		try {
			this.callable.setNull(parameterName, sqlType, typeName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public String getString(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getString(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public boolean getBoolean(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getBoolean(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public byte getByte(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getByte(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public short getShort(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getShort(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public int getInt(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getInt(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public long getLong(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getLong(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public float getFloat(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getFloat(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public double getDouble(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getDouble(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public byte[] getBytes(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getBytes(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Date getDate(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getDate(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Time getTime(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getTime(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Timestamp getTimestamp(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getTimestamp(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Object getObject(String parameterName) throws SQLException {
		checkOpen();
		try {
			return wrapObject(this.callable.getObject(parameterName));
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public BigDecimal getBigDecimal(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getBigDecimal(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Object getObject(String parameterName, Map<String, Class<?>> map) throws SQLException {
		checkOpen();
		try {
			return wrapObject(this.callable.getObject(parameterName, map));
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Ref getRef(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getRef(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Blob getBlob(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getBlob(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Clob getClob(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getClob(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Array getArray(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getArray(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Date getDate(String parameterName, Calendar cal) throws SQLException {
		checkOpen();
		try {
			return this.callable.getDate(parameterName, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Time getTime(String parameterName, Calendar cal) throws SQLException {
		checkOpen();
		try {
			return this.callable.getTime(parameterName, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public java.sql.Timestamp getTimestamp(String parameterName, Calendar cal) throws SQLException {
		checkOpen();
		try {
			return this.callable.getTimestamp(parameterName, cal);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public URL getURL(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getURL(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public RowId getRowId(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getRowId(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public RowId getRowId(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getRowId(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setRowId(String parameterName, RowId x) throws SQLException {
		checkOpen();
		try {
			this.callable.setRowId(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setNString(String parameterName, String value) throws SQLException {
		checkOpen();
		try {
			this.callable.setNString(parameterName, value);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setNCharacterStream(String parameterName, Reader value, long length) throws SQLException {
		checkOpen();
		try {
			this.callable.setNCharacterStream(parameterName, value, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setNClob(String parameterName, NClob value) throws SQLException {
		checkOpen();
		try {
			this.callable.setNClob(parameterName, value);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setClob(String parameterName, Reader reader, long length) throws SQLException {
		checkOpen();
		try {
			this.callable.setClob(parameterName, reader, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBlob(String parameterName, InputStream inputStream, long length) throws SQLException {
		checkOpen();
		try {
			this.callable.setBlob(parameterName, inputStream, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setNClob(String parameterName, Reader reader, long length) throws SQLException {
		checkOpen();
		try {
			this.callable.setNClob(parameterName, reader, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public NClob getNClob(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getNClob(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public NClob getNClob(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getNClob(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setSQLXML(String parameterName, SQLXML xmlObject) throws SQLException {
		checkOpen();
		try {
			this.callable.setSQLXML(parameterName, xmlObject);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public SQLXML getSQLXML(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getSQLXML(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public SQLXML getSQLXML(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getSQLXML(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public String getNString(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getNString(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public String getNString(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getNString(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Reader getNCharacterStream(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getNCharacterStream(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Reader getNCharacterStream(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getNCharacterStream(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Reader getCharacterStream(int parameterIndex) throws SQLException {
		checkOpen();
		try {
			return this.callable.getCharacterStream(parameterIndex);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public Reader getCharacterStream(String parameterName) throws SQLException {
		checkOpen();
		try {
			return this.callable.getCharacterStream(parameterName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBlob(String parameterName, Blob x) throws SQLException {
		checkOpen();
		try {
			this.callable.setBlob(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setClob(String parameterName, Clob x) throws SQLException {
		checkOpen();
		try {
			this.callable.setClob(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setAsciiStream(String parameterName, InputStream x, long length) throws SQLException {
		checkOpen();
		try {
			this.callable.setAsciiStream(parameterName, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBinaryStream(String parameterName, InputStream x, long length) throws SQLException {
		checkOpen();
		try {
			this.callable.setBinaryStream(parameterName, x, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setCharacterStream(String parameterName, Reader reader, long length) throws SQLException {
		checkOpen();
		try {
			this.callable.setCharacterStream(parameterName, reader, length);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setAsciiStream(String parameterName, InputStream x) throws SQLException {
		checkOpen();
		try {
			this.callable.setAsciiStream(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBinaryStream(String parameterName, InputStream x) throws SQLException {
		checkOpen();
		try {
			this.callable.setBinaryStream(parameterName, x);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setCharacterStream(String parameterName, Reader reader) throws SQLException {
		checkOpen();
		try {
			this.callable.setCharacterStream(parameterName, reader);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setNCharacterStream(String parameterName, Reader value) throws SQLException {
		checkOpen();
		try {
			this.callable.setNCharacterStream(parameterName, value);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setClob(String parameterName, Reader reader) throws SQLException {
		checkOpen();
		try {
			this.callable.setClob(parameterName, reader);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setBlob(String parameterName, InputStream inputStream) throws SQLException {
		checkOpen();
		try {
			this.callable.setBlob(parameterName, inputStream);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setNClob(String parameterName, Reader reader) throws SQLException {
		checkOpen();
		try {
			this.callable.setNClob(parameterName, reader);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public <T> T getObject(int parameterIndex, Class<T> type) throws SQLException {
		checkOpen();
		try {
			return wrapObject(this.callable.getObject(parameterIndex, type), type);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public <T> T getObject(String parameterName, Class<T> type) throws SQLException {
		checkOpen();
		try {
			return wrapObject(this.callable.getObject(parameterName, type), type);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setObject(String parameterName, Object x, SQLType targetSqlType, int scaleOrLength)
			throws SQLException {
		checkOpen();
		try {
			this.callable.setObject(parameterName, x, targetSqlType, scaleOrLength);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void setObject(String parameterName, Object x, SQLType targetSqlType) throws SQLException {
		checkOpen();
		try {
			this.callable.setObject(parameterName, x, targetSqlType);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void registerOutParameter(int parameterIndex, SQLType sqlType) throws SQLException {
		checkOpen();
		try {
			this.callable.registerOutParameter(parameterIndex, sqlType);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void registerOutParameter(int parameterIndex, SQLType sqlType, int scale) throws SQLException {
		checkOpen();
		try {
			this.callable.registerOutParameter(parameterIndex, sqlType, scale);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void registerOutParameter(int parameterIndex, SQLType sqlType, String typeName) throws SQLException {
		checkOpen();
		try {
			this.callable.registerOutParameter(parameterIndex, sqlType, typeName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void registerOutParameter(String parameterName, SQLType sqlType) throws SQLException {
		checkOpen();
		try {
			this.callable.registerOutParameter(parameterName, sqlType);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void registerOutParameter(String parameterName, SQLType sqlType, int scale) throws SQLException {
		checkOpen();
		try {
			this.callable.registerOutParameter(parameterName, sqlType, scale);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

	@Override
	public void registerOutParameter(String parameterName, SQLType sqlType, String typeName) throws SQLException {
		checkOpen();
		try {
			this.callable.registerOutParameter(parameterName, sqlType, typeName);
		}
		catch (SQLException ex) {
			throw this.connection.onError(ex);
		}
	}

}
