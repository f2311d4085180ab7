package io.poolkit.bench.stub;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * Every method of {@link Connection} failing as unsupported, so that the stubs override
 * only what the pools and the benchmarks call and a call nobody expected fails loudly
 * instead of returning a made-up answer.
 */
abstract class UnsupportedConnection implements Connection {

	@Override
	public void abort(Executor a0) throws SQLException {
		throw StubDriver.unsupported("abort");
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
	public void commit() throws SQLException {
		throw StubDriver.unsupported("commit");
	}

	@Override
	public Array createArrayOf(String a0, Object[] a1) throws SQLException {
		throw StubDriver.unsupported("createArrayOf");
	}

	@Override
	public Blob createBlob() throws SQLException {
		throw StubDriver.unsupported("createBlob");
	}

	@Override
	public Clob createClob() throws SQLException {
		throw StubDriver.unsupported("createClob");
	}

	@Override
	public NClob createNClob() throws SQLException {
		throw StubDriver.unsupported("createNClob");
	}

	@Override
	public SQLXML createSQLXML() throws SQLException {
		throw StubDriver.unsupported("createSQLXML");
	}

	@Override
	public Statement createStatement() throws SQLException {
		throw StubDriver.unsupported("createStatement");
	}

	@Override
	public Statement createStatement(int a0, int a1, int a2) throws SQLException {
		throw StubDriver.unsupported("createStatement");
	}

	@Override
	public Statement createStatement(int a0, int a1) throws SQLException {
		throw StubDriver.unsupported("createStatement");
	}

	@Override
	public Struct createStruct(String a0, Object[] a1) throws SQLException {
		throw StubDriver.unsupported("createStruct");
	}

	@Override
	public boolean getAutoCommit() throws SQLException {
		throw StubDriver.unsupported("getAutoCommit");
	}

	@Override
	public String getCatalog() throws SQLException {
		throw StubDriver.unsupported("getCatalog");
	}

	@Override
	public Properties getClientInfo() throws SQLException {
		throw StubDriver.unsupported("getClientInfo");
	}

	@Override
	public String getClientInfo(String a0) throws SQLException {
		throw StubDriver.unsupported("getClientInfo");
	}

	@Override
	public int getHoldability() throws SQLException {
		throw StubDriver.unsupported("getHoldability");
	}

	@Override
	public DatabaseMetaData getMetaData() throws SQLException {
		throw StubDriver.unsupported("getMetaData");
	}

	@Override
	public int getNetworkTimeout() throws SQLException {
		throw StubDriver.unsupported("getNetworkTimeout");
	}

	@Override
	public String getSchema() throws SQLException {
		throw StubDriver.unsupported("getSchema");
	}

	@Override
	public int getTransactionIsolation() throws SQLException {
		throw StubDriver.unsupported("getTransactionIsolation");
	}

	@Override
	public Map<String, Class<?>> getTypeMap() throws SQLException {
		throw StubDriver.unsupported("getTypeMap");
	}

	@Override
	public SQLWarning getWarnings() throws SQLException {
		throw StubDriver.unsupported("getWarnings");
	}

	@Override
	public boolean isClosed() throws SQLException {
		throw StubDriver.unsupported("isClosed");
	}

	@Override
	public boolean isReadOnly() throws SQLException {
		throw StubDriver.unsupported("isReadOnly");
	}

	@Override
	public boolean isValid(int a0) throws SQLException {
		throw StubDriver.unsupported("isValid");
	}

	@Override
	public boolean isWrapperFor(Class<?> a0) throws SQLException {
		throw StubDriver.unsupported("isWrapperFor");
	}

	@Override
	public String nativeSQL(String a0) throws SQLException {
		throw StubDriver.unsupported("nativeSQL");
	}

	@Override
	public CallableStatement prepareCall(String a0, int a1, int a2, int a3) throws SQLException {
		throw StubDriver.unsupported("prepareCall");
	}

	@Override
	public CallableStatement prepareCall(String a0, int a1, int a2) throws SQLException {
		throw StubDriver.unsupported("prepareCall");
	}

	@Override
	public CallableStatement prepareCall(String a0) throws SQLException {
		throw StubDriver.unsupported("prepareCall");
	}

	@Override
	public PreparedStatement prepareStatement(String a0, int[] a1) throws SQLException {
		throw StubDriver.unsupported("prepareStatement");
	}

	@Override
	public PreparedStatement prepareStatement(String a0, String[] a1) throws SQLException {
		throw StubDriver.unsupported("prepareStatement");
	}

	@Override
	public PreparedStatement prepareStatement(String a0, int a1, int a2, int a3) throws SQLException {
		throw StubDriver.unsupported("prepareStatement");
	}

	@Override
	public PreparedStatement prepareStatement(String a0, int a1, int a2) throws SQLException {
		throw StubDriver.unsupported("prepareStatement");
	}

	@Override
	public PreparedStatement prepareStatement(String a0, int a1) throws SQLException {
		throw StubDriver.unsupported("prepareStatement");
	}

	@Override
	public PreparedStatement prepareStatement(String a0) throws SQLException {
		throw StubDriver.unsupported("prepareStatement");
	}

	@Override
	public void releaseSavepoint(Savepoint a0) throws SQLException {
		throw StubDriver.unsupported("releaseSavepoint");
	}

	@Override
	public void rollback() throws SQLException {
		throw StubDriver.unsupported("rollback");
	}

	@Override
	public void rollback(Savepoint a0) throws SQLException {
		throw StubDriver.unsupported("rollback");
	}

	@Override
	public void setAutoCommit(boolean a0) throws SQLException {
		throw StubDriver.unsupported("setAutoCommit");
	}

	@Override
	public void setCatalog(String a0) throws SQLException {
		throw StubDriver.unsupported("setCatalog");
	}

	@Override
	public void setClientInfo(String a0, String a1) throws SQLClientInfoException {
		throw new UnsupportedOperationException("setClientInfo");
	}

	@Override
	public void setClientInfo(Properties a0) throws SQLClientInfoException {
		throw new UnsupportedOperationException("setClientInfo");
	}

	@Override
	public void setHoldability(int a0) throws SQLException {
		throw StubDriver.unsupported("setHoldability");
	}

	@Override
	public void setNetworkTimeout(Executor a0, int a1) throws SQLException {
		throw StubDriver.unsupported("setNetworkTimeout");
	}

	@Override
	public void setReadOnly(boolean a0) throws SQLException {
		throw StubDriver.unsupported("setReadOnly");
	}

	@Override
	public Savepoint setSavepoint() throws SQLException {
		throw StubDriver.unsupported("setSavepoint");
	}

	@Override
	public Savepoint setSavepoint(String a0) throws SQLException {
		throw StubDriver.unsupported("setSavepoint");
	}

	@Override
	public void setSchema(String a0) throws SQLException {
		throw StubDriver.unsupported("setSchema");
	}

	@Override
	public void setTransactionIsolation(int a0) throws SQLException {
		throw StubDriver.unsupported("setTransactionIsolation");
	}

	@Override
	public void setTypeMap(Map<String, Class<?>> a0) throws SQLException {
		throw StubDriver.unsupported("setTypeMap");
	}

	@Override
	public <T> T unwrap(Class<T> a0) throws SQLException {
		throw StubDriver.unsupported("unwrap");
	}

}
