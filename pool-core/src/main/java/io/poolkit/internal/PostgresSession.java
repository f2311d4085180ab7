package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.QueryExecutor;
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
		if (physical instanceof BaseConnection base) {
			return new PostgresSession(base);
		}
		if (physical.isWrapperFor(BaseConnection.class)) {
			return new PostgresSession(physical.unwrap(BaseConnection.class));
		}
		return null;
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
	 * pid and secret key. The query executor sends it even after the socket is closed
	 * ({@code PGConnection.cancelQuery()} would refuse a closed connection). It waits at
	 * most pgjdbc's {@code cancelSignalTimeout} (10 s by default).
	 */
	@Override
	void cancelAfterClose() {
		try {
			QueryExecutor executor = this.connection.getQueryExecutor();
			executor.sendQueryCancel();
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug("Could not send a cancel request for backend {}", backendPid(), ex);
		}
	}

	@Override
	int backendPid() {
		try {
			return this.connection.getQueryExecutor().getBackendPID();
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

}
