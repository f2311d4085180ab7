package io.poolkit.testkit;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;

/**
 * What a pool may ask a {@link StubConnection} about its database and driver: names,
 * versions and the transaction features. The {@code DatabaseMetaData} methods not written
 * here are generated ({@link OtherwiseUnsupported}).
 */
@OtherwiseUnsupported(DatabaseMetaData.class)
public abstract class StubDatabaseMetaData implements DatabaseMetaData {

	private final StubConnection connection;

	StubDatabaseMetaData(StubConnection connection) {
		this.connection = connection;
	}

	@Override
	public Connection getConnection() {
		return this.connection;
	}

	@Override
	public String getURL() {
		return this.connection.database().url();
	}

	@Override
	public String getUserName() {
		return this.connection.connectProperties().getProperty("user");
	}

	@Override
	public String getDatabaseProductName() {
		return "Stub";
	}

	@Override
	public String getDatabaseProductVersion() {
		return "1.0";
	}

	@Override
	public int getDatabaseMajorVersion() {
		return 1;
	}

	@Override
	public int getDatabaseMinorVersion() {
		return 0;
	}

	@Override
	public String getDriverName() {
		return "Poolkit stub JDBC driver";
	}

	@Override
	public String getDriverVersion() {
		return "1.0";
	}

	@Override
	public int getDriverMajorVersion() {
		return 1;
	}

	@Override
	public int getDriverMinorVersion() {
		return 0;
	}

	@Override
	public int getJDBCMajorVersion() {
		return 4;
	}

	@Override
	public int getJDBCMinorVersion() {
		return 2;
	}

	@Override
	public int getSQLStateType() {
		return sqlStateSQL;
	}

	@Override
	public boolean supportsTransactions() {
		return true;
	}

	@Override
	public int getDefaultTransactionIsolation() {
		return Connection.TRANSACTION_READ_COMMITTED;
	}

	@Override
	public boolean supportsTransactionIsolationLevel(int level) {
		return level != Connection.TRANSACTION_NONE;
	}

	@Override
	public boolean supportsResultSetHoldability(int holdability) {
		return true;
	}

	/** The connections' default. */
	@Override
	public int getResultSetHoldability() {
		return ResultSet.CLOSE_CURSORS_AT_COMMIT;
	}

	@Override
	public boolean supportsSavepoints() {
		return false;
	}

	@Override
	public boolean supportsGetGeneratedKeys() {
		return false;
	}

	@Override
	public boolean supportsBatchUpdates() {
		return false;
	}

	@Override
	public boolean supportsStatementPooling() {
		return false;
	}

	@Override
	public boolean isReadOnly() {
		return false;
	}

	@Override
	public boolean locatorsUpdateCopy() {
		return false;
	}

}
