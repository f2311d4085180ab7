package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pool can learn about, and do to, the server session behind one physical
 * connection without a round trip, per driver: whether a transaction is open (whatever
 * opened it: a JDBC call, SQL {@code BEGIN}, a procedure), how to end it, and how to stop
 * a statement that is still running when the connection is aborted.
 * <p>
 * Resolved once per physical connection. The drivers are optional: pgjdbc and MariaDB
 * Connector/J are used only when present on pool-core's class path and the connection is
 * theirs; for any other driver the generic session knows nothing and the pool falls back
 * to what JDBC guarantees (see {@link #transactionStatus()}).
 */
abstract class ServerSession {

	private static final Logger logger = LoggerFactory.getLogger(ServerSession.class);

	/** The driver does not tell; the pool relies on what it saw through JDBC. */
	static final int UNKNOWN = 0;

	/** No transaction is open on the server. */
	static final int IDLE = 1;

	/** A transaction is open: work may be uncommitted, locks may be held. */
	static final int OPEN = 2;

	/**
	 * A transaction is open and failed (PostgreSQL SQLState 25P02 for every statement
	 * until it ends).
	 */
	static final int FAILED = 3;

	/** For drivers pool-core does not know. */
	static final ServerSession GENERIC = new ServerSession() {
	};

	private static final boolean PGJDBC = isPresent("org.postgresql.core.BaseConnection");

	private static final boolean MARIADB = isPresent("org.mariadb.jdbc.Connection");

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, ServerSession.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * @param physical a physical connection, possibly wrapped by its data source
	 * @return the session helper for its driver; {@link #GENERIC} when the driver is not
	 * known or its classes are not the ones pool-core sees
	 */
	static ServerSession of(Connection physical) {
		try {
			ServerSession session = PGJDBC ? PostgresSession.sessionOf(physical) : null;
			session = (session == null && MARIADB) ? MariaDbSession.sessionOf(physical) : session;
			if (session != null) {
				return session;
			}
		}
		catch (SQLException | RuntimeException | LinkageError ex) {
			logger.debug("Cannot tell which driver {} belongs to; treating it as unknown", physical, ex);
		}
		return GENERIC;
	}

	/** The driver's own connection behind {@code physical}, or {@code null}. */
	static <T> T unwrap(Connection physical, Class<T> type) throws SQLException {
		if (type.isInstance(physical)) {
			return type.cast(physical);
		}
		return physical.isWrapperFor(type) ? physical.unwrap(type) : null;
	}

	/**
	 * The server's transaction status as the driver last heard it, without a round trip.
	 * pgjdbc reads it from every ReadyForQuery message, MariaDB Connector/J from the
	 * status flags of every OK packet.
	 * <p>
	 * For other drivers it is {@link #UNKNOWN}, and the return relies on JDBC alone: with
	 * auto-commit off it rolls back through {@link Connection#rollback()}, which ends any
	 * transaction; with auto-commit on, JDBC says each statement is its own transaction,
	 * so it sends nothing. Sending a blind {@code ROLLBACK} on every return instead would
	 * add a round trip to every borrow, and some databases answer it with an error when
	 * no transaction is open (SQL Server 3903, SQLite), which would discard healthy
	 * connections. On those drivers a transaction opened with SQL {@code BEGIN} under
	 * auto-commit is the borrower's to end (the README says so).
	 * @return {@link #UNKNOWN}, {@link #IDLE}, {@link #OPEN} or {@link #FAILED}
	 */
	int transactionStatus() {
		return UNKNOWN;
	}

	/**
	 * The server's own auto-commit flag, which SQL such as MySQL's
	 * {@code SET autocommit=0} changes behind the driver's setter.
	 * @return 1 on, 0 off, -1 unknown
	 */
	int serverAutoCommit() {
		return -1;
	}

	/**
	 * Ends the open transaction without committing it, whatever opened it. With
	 * auto-commit off that is {@link Connection#rollback()}; with auto-commit on a
	 * {@code ROLLBACK} statement, because JDBC's rollback refuses (pgjdbc) or may skip it
	 * there. Called only when {@link #transactionStatus()} said a transaction is open.
	 */
	void rollback(Connection connection, boolean autoCommit) throws SQLException {
		if (!autoCommit) {
			connection.rollback();
			return;
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("ROLLBACK");
		}
	}

	/**
	 * Reads the schema, and where the database has one the whole path it resolves names
	 * by, in one round trip, when a connection is opened.
	 * @return the current schema ({@code null} where the driver has none) and the exact
	 * path (see {@link ConnectionDefaults#searchPath()}, {@code null} here)
	 */
	String[] readSchema(Connection connection) throws SQLException {
		return new String[] { ConnectionFactory.readOptional(connection::getSchema, null), null };
	}

	/**
	 * Puts the schema a borrower changed back as it was when the connection was opened.
	 * Called with auto-commit on.
	 */
	void restoreSchema(Connection connection, ConnectionDefaults defaults) throws SQLException {
		connection.setSchema(defaults.schema());
	}

	/**
	 * Closes the connection's socket at once, without waiting for a lock another thread
	 * holds: a thread blocked reading from it fails at once. Never throws.
	 */
	void closeSocket(Connection connection) {
		try {
			connection.abort(ConnectionFactory.DIRECT);
		}
		catch (SQLException | RuntimeException | AbstractMethodError ex) {
			ConnectionFactory.closeQuietly(connection);
		}
	}

	/**
	 * Asks the server to stop the statement that may still run for this session, before
	 * or after {@link #closeSocket}. The server does not notice a closed socket until it
	 * next reads or writes, so without this a long statement would keep running, and keep
	 * its locks, after the abort. May take a network round trip on a new connection.
	 */
	void cancel() {
	}

	/**
	 * @return the server's id of this session (PostgreSQL backend pid, MariaDB thread
	 * id), by which {@link #endSession} can end it if it outlives the abort; 0 when there
	 * is none
	 */
	long sessionId() {
		return 0;
	}

	// ---- ending sessions that outlive their abort (see ConnectionAborter), over a
	// fresh connection of the pool's own: the methods below use only that one

	/**
	 * Readies the fresh connection that checks on aborted sessions: so that it is not
	 * taken for one of the pool's own sessions, say.
	 */
	void prepareAdmin(Connection admin) throws SQLException {
	}

	/**
	 * Which of the aborted sessions are still on the server.
	 * @param ids ids given by {@link #sessionId()}
	 * @return each one still there, with what tells it from a later session the server
	 * may give the same id (PostgreSQL reuses pids)
	 */
	Map<Long, Object> aliveSessions(Connection admin, List<Long> ids) throws SQLException {
		return Map.of();
	}

	/**
	 * Ends one session, only if it is still the one {@link #aliveSessions} saw.
	 * @return whether a session was ended
	 */
	boolean endSession(Connection admin, long id, Object identity) throws SQLException {
		return false;
	}

	/**
	 * The words for the log of how {@link #endSession} ends a session.
	 * @return e.g. {@code pg_terminate_backend}
	 */
	String endCommand() {
		return "nothing";
	}

}
