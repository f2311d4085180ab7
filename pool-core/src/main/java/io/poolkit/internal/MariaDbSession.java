package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;

import org.mariadb.jdbc.util.constants.ServerStatus;

/**
 * MariaDB Connector/J's view of the server session (MariaDB and MySQL servers). Loaded
 * only when the driver is on pool-core's class path (see {@link ServerSession#of}).
 */
final class MariaDbSession extends ServerSession {

	private final org.mariadb.jdbc.Connection connection;

	private MariaDbSession(org.mariadb.jdbc.Connection connection) {
		this.connection = connection;
	}

	/**
	 * @return a session for a MariaDB Connector/J connection, or {@code null} when it is
	 * not one
	 */
	static ServerSession sessionOf(Connection physical) throws SQLException {
		if (physical instanceof org.mariadb.jdbc.Connection mariadb) {
			return new MariaDbSession(mariadb);
		}
		if (physical.isWrapperFor(org.mariadb.jdbc.Connection.class)) {
			return new MariaDbSession(physical.unwrap(org.mariadb.jdbc.Connection.class));
		}
		return null;
	}

	/**
	 * The server status flags the driver keeps from each OK and EOF packet; a field read.
	 * MariaDB has no failed-transaction state: a failed statement leaves the transaction
	 * open.
	 */
	@Override
	int transactionStatus() {
		return ((status() & ServerStatus.IN_TRANSACTION) != 0) ? OPEN : IDLE;
	}

	@Override
	int serverAutoCommit() {
		return ((status() & ServerStatus.AUTOCOMMIT) != 0) ? 1 : 0;
	}

	private int status() {
		return this.connection.getContext().getServerStatus();
	}

	/**
	 * Connector/J's abort already ends the server thread ({@code KILL} over a new
	 * connection) when a statement is running, and closes the socket; nothing is left to
	 * cancel.
	 */
	@Override
	void closeSocket(Connection physical) {
		super.closeSocket(this.connection);
	}

	@Override
	int backendPid() {
		return 0;
	}

}
