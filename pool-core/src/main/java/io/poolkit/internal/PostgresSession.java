package io.poolkit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pgjdbc's view of the server session. Loaded only when pgjdbc is on pool-core's class
 * path (see {@link ServerSession#of}).
 */
final class PostgresSession extends ServerSession {

	private static final Logger logger = LoggerFactory.getLogger(PostgresSession.class);

	private final BaseConnection connection;

	private PostgresSession(BaseConnection connection) {
		this.connection = connection;
	}

	/**
	 * @return a session for a pgjdbc connection, or {@code null} when it is not one
	 */
	static ServerSession sessionOf(Connection physical) throws SQLException {
		BaseConnection base = unwrap(physical, BaseConnection.class);
		return (base != null) ? new PostgresSession(base) : null;
	}

	/**
	 * A volatile field pgjdbc sets from the status byte of each ReadyForQuery; no lock,
	 * no I/O.
	 */
	@Override
	int transactionStatus() {
		TransactionState state = this.connection.getTransactionState();
		if (state == TransactionState.IDLE) {
			return IDLE;
		}
		return (state == TransactionState.FAILED) ? FAILED : OPEN;
	}

	/**
	 * {@code search_path} as the server has it, not re-derived from the current schema:
	 * pgjdbc's {@code setSchema} replaces the whole path with one schema.
	 */
	@Override
	String[] readSchema(Connection physical) throws SQLException {
		try (Statement statement = physical.createStatement();
				ResultSet row = statement.executeQuery("SELECT current_schema(), current_setting('search_path')")) {
			row.next();
			return new String[] { row.getString(1), row.getString(2) };
		}
	}

	/**
	 * {@code set_config} with the text read when the connection was opened puts back
	 * every entry of the path, quoted as it was.
	 */
	@Override
	void restoreSchema(Connection physical, ConnectionDefaults defaults) throws SQLException {
		if (defaults.searchPath() == null) {
			super.restoreSchema(physical, defaults);
			return;
		}
		try (PreparedStatement statement = physical.prepareStatement("SELECT set_config('search_path', ?, false)")) {
			statement.setString(1, defaults.searchPath());
			statement.execute();
		}
	}

	/**
	 * The query executor's abort closes the socket without taking its lock (pgjdbc's
	 * {@code Connection.abort} would check the closed state and a permission first).
	 */
	@Override
	void closeSocket(Connection physical) {
		try {
			this.connection.getQueryExecutor().abort();
		}
		catch (RuntimeException ex) {
			super.closeSocket(physical);
		}
	}

	/**
	 * PostgreSQL's cancel request: a new connection to the server carrying the backend's
	 * pid and secret key. The query executor sends it before or after the socket is
	 * closed ({@code PGConnection.cancelQuery()} would refuse a closed connection);
	 * behind PgBouncer it goes to PgBouncer, which forwards it to the server connection
	 * the client is linked to. It waits at most pgjdbc's {@code cancelSignalTimeout} (10
	 * s by default).
	 */
	@Override
	void cancel() {
		try {
			this.connection.getQueryExecutor().sendQueryCancel();
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug("Could not send a cancel request for backend {}", sessionId(), ex);
		}
	}

	/**
	 * The backend's pid; behind PgBouncer PgBouncer's made-up one, which ends nothing.
	 */
	@Override
	long sessionId() {
		try {
			return this.connection.getQueryExecutor().getBackendPID();
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

	@Override
	void prepareAdmin(Connection admin) throws SQLException {
		// Not counted as one of the pool's own sessions by anyone watching
		// application_name.
		try (Statement statement = admin.createStatement()) {
			statement.execute("SET application_name = 'poolkit-abort'");
		}
	}

	/**
	 * Backends of the same user, each with its start time: the operating system may give
	 * a pid to a newer backend.
	 */
	@Override
	Map<Long, Object> aliveSessions(Connection admin, List<Long> ids) throws SQLException {
		Map<Long, Object> alive = new HashMap<>();
		try (PreparedStatement query = admin.prepareStatement("SELECT pid, backend_start FROM pg_stat_activity"
				+ " WHERE pid = ANY(?) AND usename = session_user AND pid <> pg_backend_pid()")) {
			Object[] pids = ids.stream().map(Long::intValue).toArray();
			query.setArray(1, admin.createArrayOf("int4", pids));
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					alive.put((long) rows.getInt(1), rows.getTimestamp(2));
				}
			}
		}
		return alive;
	}

	@Override
	boolean endSession(Connection admin, long id, Object identity) throws SQLException {
		try (PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(pid)"
				+ " FROM pg_stat_activity WHERE pid = ? AND backend_start = ? AND usename = session_user")) {
			terminate.setInt(1, (int) id);
			terminate.setTimestamp(2, (Timestamp) identity);
			try (ResultSet rows = terminate.executeQuery()) {
				return rows.next() && rows.getBoolean(1);
			}
		}
	}

	@Override
	String endCommand() {
		return "pg_terminate_backend";
	}

}
