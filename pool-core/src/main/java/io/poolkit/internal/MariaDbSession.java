package io.poolkit.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.mariadb.jdbc.util.constants.ServerStatus;

/**
 * MariaDB Connector/J's view of the server session (MariaDB and MySQL servers). Loaded
 * only when the driver is on pool-core's class path (see {@link ServerSession#of}).
 */
final class MariaDbSession extends ServerSession {

	/** ER_NO_SUCH_THREAD: {@code KILL} of a thread that is not there. */
	private static final int UNKNOWN_THREAD = 1094;

	private final org.mariadb.jdbc.Connection connection;

	private MariaDbSession(org.mariadb.jdbc.Connection connection) {
		this.connection = connection;
	}

	/**
	 * @return a session for a MariaDB Connector/J connection, or {@code null} when it is
	 * not one
	 */
	static ServerSession sessionOf(Connection physical) throws SQLException {
		org.mariadb.jdbc.Connection mariadb = unwrap(physical, org.mariadb.jdbc.Connection.class);
		return (mariadb != null) ? new MariaDbSession(mariadb) : null;
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
	 * Connector/J's abort sends {@code KILL} over a new connection when it finds a
	 * statement running, and closes the socket. It does nothing once the connection is
	 * closed, and a close while a statement runs only writes {@code COM_QUIT}, which the
	 * server reads when the statement ends: so a server thread still there after the
	 * abort is ended by {@link #endSession}.
	 */
	@Override
	void closeSocket(Connection physical) {
		super.closeSocket(this.connection);
	}

	/** The server's thread id, kept by the driver from the handshake; a field read. */
	@Override
	long sessionId() {
		try {
			return this.connection.getContext().getThreadId();
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * Thread ids only grow (MariaDB gives each new connection the next one), so an id
	 * still in the process list is the aborted session.
	 */
	@Override
	Map<Long, Object> aliveSessions(Connection admin, List<Long> ids) throws SQLException {
		Map<Long, Object> alive = new HashMap<>();
		String list = ids.stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
		try (Statement statement = admin.createStatement();
				ResultSet rows = statement.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE ID IN "
						+ list + " AND ID <> CONNECTION_ID()")) {
			while (rows.next()) {
				alive.put(rows.getLong(1), Boolean.TRUE);
			}
		}
		return alive;
	}

	@Override
	boolean endSession(Connection admin, long id, Object identity) throws SQLException {
		try (Statement statement = admin.createStatement()) {
			statement.execute("KILL " + id);
			return true;
		}
		catch (SQLException ex) {
			if (ex.getErrorCode() == UNKNOWN_THREAD) {
				return false; // it ended meanwhile
			}
			throw ex;
		}
	}

	@Override
	String endCommand() {
		return "KILL";
	}

}
