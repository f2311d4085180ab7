package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import io.poolkit.PoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a connection still works, with {@code validation-query} or
 * {@link Connection#isValid}, never taking longer than it is allowed: the network timeout
 * is lowered to the allowance in milliseconds for the check, so a stalled server cannot
 * hold a borrower past its {@code connection-timeout}.
 * <p>
 * {@code isValid} and {@code setQueryTimeout} take whole seconds, so they are given the
 * allowance rounded down (at least 1): pgjdbc's {@code isValid} keeps a network timeout
 * lower than its own (checked in 42.7's {@code PgConnection.isValid}), but others, such
 * as MariaDB Connector/J 3.5, set the socket timeout to their seconds whatever it was.
 * Rounding up would let those overrun the allowance by up to a second; rounding down,
 * they overrun only an allowance under a second, and by less than that.
 */
final class SlotValidator {

	private static final Logger logger = LoggerFactory.getLogger(SlotValidator.class);

	private final String query;

	private final long timeoutNanos;

	/** For the debug log: a driver's message may quote a secret of the configuration. */
	private final SecretMasker secrets;

	/**
	 * The validation query has not yet run on a new connection, or has since failed with
	 * an error of its own: new connections must pass it before they are added.
	 */
	private volatile boolean queryUnproven;

	/** Why the validation query last failed by its own fault, or {@code null}. */
	private volatile ValidationQueryException queryError;

	SlotValidator(PoolConfig config) {
		this.query = config.validationQuery();
		this.timeoutNanos = config.validationTimeout().toNanos();
		this.queryUnproven = this.query != null;
		this.secrets = new SecretMasker(config);
	}

	/**
	 * Runs {@code validation-query} on a connection just opened, until it has passed once
	 * (and again after it failed by its own fault), so that a query wrong for the
	 * database fails the connect, with the server's error, instead of every borrow's
	 * check: the creator then backs off as for wrong credentials, rather than the
	 * borrowers discarding connection after connection. Returns at once otherwise.
	 * @throws ValidationQueryException when the query itself is wrong
	 * @throws SQLException when the connection failed it otherwise
	 */
	void checkNew(ConnectionFactory.Opened opened) throws SQLException {
		if (!this.queryUnproven) {
			return;
		}
		try {
			check(opened.connection(), opened.defaults().networkTimeout(), this.timeoutNanos);
		}
		catch (SQLException ex) {
			if (isQueryError(opened.connection(), ex)) {
				ValidationQueryException error = new ValidationQueryException(this.query, ex);
				this.queryError = error;
				throw error;
			}
			throw ex;
		}
		this.queryUnproven = false;
		this.queryError = null;
	}

	/**
	 * @return why the validation query last failed by its own fault, while it has not
	 * passed since; else {@code null}
	 */
	ValidationQueryException queryError() {
		return this.queryError;
	}

	/**
	 * @param slot a slot the caller owns
	 * @param maxNanos the most the check may take (the borrower's remaining wait, say)
	 * @return whether the connection answered in time
	 */
	boolean isAlive(ConnectionSlot slot, long maxNanos) {
		Connection connection = slot.connection;
		try {
			return check(connection, slot.defaults.networkTimeout(), Math.min(this.timeoutNanos, maxNanos));
		}
		catch (SQLException | RuntimeException ex) {
			if (ex instanceof SQLException sql && this.query != null && isQueryError(connection, sql)) {
				this.queryError = new ValidationQueryException(this.query, sql);
				this.queryUnproven = true;
			}
			logger.debug("Connection {} failed validation", connection, this.secrets.mask(ex));
			return false;
		}
	}

	/**
	 * Runs the check with the network timeout lowered to the allowance. The validation
	 * query then gets no query timeout of its own: pgjdbc's query timeout cancels over a
	 * connection of its own and, when the statement ends first, waits for that cancel,
	 * which on a silent network takes its cancelSignalTimeout (10 s by default) however
	 * short the allowance. Only where the driver cannot lower the network timeout does
	 * the query timeout bound the query.
	 * @param networkTimeout the network timeout to restore afterwards, in milliseconds
	 */
	private boolean check(Connection connection, int networkTimeout, long timeoutNanos) throws SQLException {
		long timeoutMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
		int seconds = (int) Math.max(1, TimeUnit.MILLISECONDS.toSeconds(timeoutMillis));
		boolean lowered = lowerNetworkTimeout(connection, (int) Math.min(timeoutMillis, Integer.MAX_VALUE));
		boolean alive;
		if (this.query == null) {
			alive = connection.isValid(seconds);
		}
		else {
			runQuery(connection, lowered ? 0 : seconds);
			alive = true;
		}
		if (lowered) {
			connection.setNetworkTimeout(ConnectionFactory.DIRECT, networkTimeout);
		}
		return alive;
	}

	/**
	 * With auto-commit off the query opened a transaction (a failed one, if it failed):
	 * ended here, so that the connection is lent clean.
	 * @param seconds the query timeout, 0 for none
	 */
	private void runQuery(Connection connection, int seconds) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			if (seconds > 0) {
				statement.setQueryTimeout(seconds);
			}
			statement.execute(this.query);
		}
		catch (SQLException ex) {
			try {
				if (!connection.getAutoCommit()) {
					connection.rollback();
				}
			}
			catch (SQLException rollbackFailure) {
				ex.addSuppressed(rollbackFailure);
			}
			throw ex;
		}
		if (!connection.getAutoCommit()) {
			connection.rollback();
		}
	}

	/**
	 * The query's own fault, on a connection that is otherwise healthy (still open after
	 * the error).
	 */
	private static boolean isQueryError(Connection connection, SQLException ex) {
		try {
			return ValidationQueryException.isQueryError(ex) && !connection.isClosed();
		}
		catch (SQLException | RuntimeException closedCheckFailed) {
			return false;
		}
	}

	private static boolean lowerNetworkTimeout(Connection connection, int millis) {
		try {
			connection.setNetworkTimeout(ConnectionFactory.DIRECT, millis);
			return true;
		}
		catch (SQLException | RuntimeException | AbstractMethodError ex) {
			return false; // the driver cannot; isValid's own timeout still applies
		}
	}

}
