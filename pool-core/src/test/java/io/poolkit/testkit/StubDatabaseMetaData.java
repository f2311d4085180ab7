package io.poolkit.testkit;

import java.sql.Connection;

/** What a pool may ask a {@link StubConnection} about its database and driver. */
public final class StubDatabaseMetaData extends UnsupportedDatabaseMetaData {

	private final StubConnection connection;

	StubDatabaseMetaData(StubConnection connection) {
		this.connection = connection;
	}

	@Override
	public Connection getConnection() {
		return connection;
	}

	@Override
	public String getURL() {
		return connection.database().url();
	}

	@Override
	public String getUserName() {
		return connection.connectProperties().getProperty("user");
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

}
