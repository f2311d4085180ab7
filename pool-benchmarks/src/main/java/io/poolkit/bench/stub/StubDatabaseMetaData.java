package io.poolkit.bench.stub;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What pools ask a driver about itself when they start: names, versions and the
 * transaction features.
 */
final class StubDatabaseMetaData extends UnsupportedDatabaseMetaData {

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
		return this.connection.url();
	}

	@Override
	public String getUserName() {
		return this.connection.user();
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
		return "Poolkit benchmark stub driver";
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
	public boolean supportsTransactionIsolationLevel(int level) {
		return level != Connection.TRANSACTION_NONE;
	}

	@Override
	public int getDefaultTransactionIsolation() {
		return Connection.TRANSACTION_READ_COMMITTED;
	}

	@Override
	public boolean supportsResultSetHoldability(int holdability) {
		return holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT;
	}

	@Override
	public int getResultSetHoldability() {
		return ResultSet.HOLD_CURSORS_OVER_COMMIT;
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

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		return StubDriver.unwrap(this, iface);
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) {
		return iface.isInstance(this);
	}

}
