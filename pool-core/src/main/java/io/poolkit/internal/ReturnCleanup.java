package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The return's cleanup of one borrow, run by {@link BorrowState#giveBack()} once the
 * borrow is closed and the closer's half of the in-flight guard has read the counts:
 * waits for calls still inside the driver, closes the statements left open, ends the open
 * transaction, restores changed settings, and releases the slot, all under the
 * {@link ReturnWatchdog}'s deadline.
 * <p>
 * Separate from {@link BorrowState}, which keeps the borrow's bookkeeping and the guard
 * that every call passes through: this runs once per borrow, on the returning thread, and
 * only waits on the guard. Static methods taking the borrow, so that a return allocates
 * nothing for it; they read and write the borrow's fields in the same order as when they
 * were its methods.
 */
final class ReturnCleanup {

	// The category the return has always logged under.
	private static final Logger logger = LoggerFactory.getLogger(BorrowState.class);

	// What the return was doing, for the report when it missed its deadline: indexes of
	// RETURN_STEPS, so that noting a step stores no reference into the slot.
	private static final int CLOSING_STATEMENTS = 0;

	private static final int ROLLING_BACK = 1;

	private static final int RESTORING = 2;

	private static final int CLEARING_WARNINGS = 3;

	private static final int WAITING_FOR_CALLS = 4;

	private static final String[] RETURN_STEPS = { "closing the statements left open",
			"rolling back the open transaction", "restoring session settings", "clearing warnings",
			"waiting for a call of another thread to leave the driver" };

	/**
	 * How often a return spins before it parks while a call is still inside the driver: a
	 * call that is just leaving is seen within microseconds.
	 */
	private static final int WAIT_SPINS = 100;

	/** The first park of that wait; doubled up to {@link #MAX_WAIT_PARK_NANOS}. */
	private static final long FIRST_WAIT_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

	/**
	 * The longest park: how late at most the return notices that the last call left (a
	 * database round trip takes longer than the first parks).
	 */
	private static final long MAX_WAIT_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	/**
	 * Runs setNetworkTimeout's work in the caller: restoring it is a plain field write in
	 * the drivers we know.
	 */
	private static final Executor DIRECT = Runnable::run;

	private ReturnCleanup() {
	}

	/**
	 * {@link BorrowState#giveBack()} after its compare-and-set and the read of the
	 * guard's counts, for a borrow that reached the driver or has a call in flight (see
	 * its Javadoc for what the return does and promises).
	 * @param borrow the borrow, already closed
	 * @param callsInFlight whether a call of the borrow was inside the driver when the
	 * counts were read
	 */
	static void cleanUp(BorrowState borrow, boolean callsInFlight) {
		boolean wasInterrupted = Thread.interrupted();
		ReturnWatchdog watchdog = ReturnWatchdog.INSTANCE;
		Pool pool = borrow.slot.pool;
		long timeoutNanos = pool.validationTimeoutNanos();
		// From the coarse clock, a tick later: never before validation-timeout while the
		// clock keeps time.
		watchdog.arm(borrow, pool.clock.nanos() + timeoutNanos + CoarseClock.TICK_NANOS);
		boolean clean = false;
		boolean callsEnded = true;
		try {
			if (callsInFlight) {
				borrow.slot.returnStep = WAITING_FOR_CALLS;
				callsEnded = awaitCallsEnded(borrow);
			}
			if (callsEnded) {
				// Read after the wait: the calls that just ended may have touched the
				// session.
				clean = !borrow.touched || resetSession(borrow);
			}
		}
		catch (SQLException ex) {
			borrow.slot.onError(ex);
			logger.debug("Could not reset {} on return; the pool will discard it", borrow, ex);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not reset {} on return; the pool will discard it", borrow, ex);
		}
		finally {
			if (!watchdog.disarm(borrow)) {
				awaitWatchdogInterrupt(borrow);
				clean = false;
				if (borrow.slot.watchFiredByAbort) {
					logger.debug("Pool '{}': a connection was aborted while it was being returned", pool.name);
				}
				else {
					reportMissedDeadline(borrow, timeoutNanos);
				}
			}
			if (wasInterrupted) {
				Thread.currentThread().interrupt();
			}
			if (!clean) {
				borrow.slot.markBroken();
			}
			borrow.slot.release();
		}
	}

	/**
	 * Waits until no call of the borrow is inside the driver: spins briefly, then parks
	 * for short, growing times. A leaving call wakes nobody (its exit has no fence), so
	 * the wait polls. A call still inside after the spins may be a statement running on
	 * the server: on PostgreSQL the borrow's statements are cancelled then, once, as
	 * closing them did before the wait existed (pgjdbc closes a running statement by
	 * cancelling it), so that the wait ends with the statement and the connection can be
	 * cleaned and lent again. Other drivers' statements are not cancelled (MariaDB
	 * Connector/J's {@code cancel} sends {@code KILL QUERY} over a new connection even
	 * for an idle statement): there the wait ends with the call or at the deadline, which
	 * the watchdog enforces. No allocation but the rare cancel's; {@code LockSupport}
	 * parks a virtual thread without pinning it.
	 * <p>
	 * The cancel is sent from another thread (see {@link OffThreadReturnStep}), and this
	 * wait goes on until it has been sent, as well as until the calls have left (a cancel
	 * that reached the server later could end the cleanup's rollback, or the next
	 * borrower's statement): pgjdbc's cancel request travels over a socket of its own,
	 * which neither the watchdog's interrupt nor its abort reaches, and on a silent
	 * network it waits up to {@code cancelSignalTimeout} (10 s by default). The deadline
	 * then ends this wait like any other; the cancel finishes on its own thread, on a
	 * connection already aborted and never lent again.
	 * @return {@code true} once no call is inside and the cancel, if any, was sent;
	 * {@code false} if the deadline came first, the connection then being aborted (by the
	 * watchdog or an {@code abort()})
	 */
	private static boolean awaitCallsEnded(BorrowState borrow) {
		long park = FIRST_WAIT_PARK_NANOS;
		OffThreadReturnStep cancel = null;
		for (int spins = 0; borrow.callsInFlight() || (cancel != null && !cancel.done); spins++) {
			if (borrow.slot.watchFired) {
				return false;
			}
			if (spins < WAIT_SPINS) {
				Thread.onSpinWait();
			}
			else {
				if (spins == WAIT_SPINS && borrow.slot.session instanceof PostgresSession) {
					cancel = OffThreadReturnStep.start(borrow, false);
				}
				// Returns at once when the watchdog interrupts this thread.
				LockSupport.parkNanos(borrow, park);
				park = Math.min(park * 2, MAX_WAIT_PARK_NANOS);
			}
		}
		return true;
	}

	static void cancelStatements(BorrowState borrow) {
		cancel(borrow.firstStatement);
		StatementProxy[] more = borrow.slot.openStatements;
		if (more != null) {
			int count = Math.min(borrow.slot.openStatementCount - 1, more.length);
			for (int i = 0; i < count; i++) {
				cancel(more[i]);
			}
		}
		Set<StatementProxy> shared = sharedStatements(borrow);
		if (shared != null) {
			shared.forEach(ReturnCleanup::cancel);
		}
	}

	private static void cancel(StatementProxy statement) {
		if (statement != null) {
			try {
				statement.statement.cancel();
			}
			catch (SQLException | RuntimeException ex) {
				logger.debug("Could not cancel {} of a connection being returned", statement, ex);
			}
		}
	}

	/**
	 * {@code close()} reached from inside a call of the borrowing thread itself (a driver
	 * that calls back into the borrower's code, which closes the connection): that outer
	 * call is still inside the driver and cannot end while this thread waits for it. So
	 * the connection is never lent again: the slot is released broken without cleanup,
	 * and the pool closes the connection, which rolls back what it left open.
	 */
	static void closedFromInsideACall(BorrowState borrow) {
		logger.debug("Pool '{}': a connection was closed from inside one of its own calls; it will be replaced",
				borrow.slot.pool.name);
		borrow.slot.markBroken();
		borrow.slot.release();
	}

	/**
	 * The watchdog took the watch: its interrupt of this thread is under way. Wait until
	 * it has landed, then clear it, so that no interrupt of the watchdog's reaches this
	 * thread after the return.
	 */
	private static void awaitWatchdogInterrupt(BorrowState borrow) {
		int spins = 0;
		while (!borrow.slot.watchFired) {
			if (++spins < 100) {
				Thread.onSpinWait();
			}
			else {
				Thread.yield();
			}
		}
		Thread.interrupted();
	}

	private static void reportMissedDeadline(BorrowState borrow, long timeoutNanos) {
		String detail = "a returned connection was still " + RETURN_STEPS[borrow.slot.returnStep]
				+ " after validation-timeout (" + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
				+ " ms); it was aborted and will be replaced";
		logger.warn("Pool '{}': {}. A COPY left in progress, a stalled network or another thread's call inside the "
				+ "driver can hold a return up.", borrow.slot.pool.name, detail);
		borrow.slot.pool.recordEvent("closed", detail);
	}

	/**
	 * Waits for a step run on another thread, parking for short, growing times (as
	 * {@link #awaitCallsEnded} does), until it ended or the deadline came.
	 * @return {@code true} once it ended; {@code false} if the deadline came first
	 */
	private static boolean awaitStep(BorrowState borrow, OffThreadReturnStep step) {
		long park = FIRST_WAIT_PARK_NANOS;
		while (!step.done) {
			if (borrow.slot.watchFired) {
				return false;
			}
			// Returns at once when the watchdog interrupts this thread.
			LockSupport.parkNanos(borrow, park);
			park = Math.min(park * 2, MAX_WAIT_PARK_NANOS);
		}
		return true;
	}

	/**
	 * Undoes what the borrow did to the session.
	 * @return {@code true} once done; {@code false} if the deadline came first while the
	 * statements were being closed on another thread
	 */
	private static boolean resetSession(BorrowState borrow) throws SQLException {
		borrow.slot.returnStep = CLOSING_STATEMENTS;
		if (borrow.untracked && borrow.unseenWork && borrow.slot.session instanceof PostgresSession
				&& (borrow.slot.openStatementCount > 0 || sharedStatements(borrow) != null)) {
			// After an unwrap (which sets both; so, rarely, does another thread's use) a
			// driver statement may still run, outside the guard: pgjdbc's close() then
			// sends a cancel, which must not hold this thread past its deadline. Other
			// returns close on this thread.
			OffThreadReturnStep close = OffThreadReturnStep.start(borrow, true);
			if (!awaitStep(borrow, close)) {
				return false;
			}
			close.rethrow();
		}
		else {
			closeOpenStatements(borrow);
		}
		Connection c = borrow.delegate;
		ServerSession session = borrow.slot.session;
		if (borrow.untracked) {
			borrow.autoCommit = c.getAutoCommit();
			borrow.dirty = true;
			borrow.changed = BorrowState.ALL;
		}
		int serverAutoCommit = session.serverAutoCommit();
		if (serverAutoCommit >= 0 && (serverAutoCommit == 1) != borrow.autoCommit) {
			// SQL changed it behind the setter (MySQL's SET autocommit): restore it too.
			borrow.autoCommit = serverAutoCommit == 1;
			borrow.changed = (borrow.autoCommit == borrow.slot.defaults.autoCommit())
					? borrow.changed & ~BorrowState.AUTO_COMMIT : borrow.changed | BorrowState.AUTO_COMMIT;
		}
		borrow.slot.returnStep = ROLLING_BACK;
		int status = session.transactionStatus();
		if (status == ServerSession.UNKNOWN) {
			// Only what JDBC shows: with auto-commit on, JDBC has no transaction to end.
			if (!borrow.autoCommit && (borrow.dirty || borrow.unseenWork)) {
				c.rollback();
			}
		}
		else if (status != ServerSession.IDLE) {
			// Never commit: work the borrower did not commit was not meant to be kept,
			// whatever opened the transaction.
			session.rollback(c, borrow.autoCommit);
		}
		borrow.dirty = false;
		if (borrow.changed != 0) {
			borrow.slot.returnStep = RESTORING;
			restoreDefaults(borrow, c);
		}
		if (borrow.extras != null) {
			borrow.slot.returnStep = RESTORING;
			borrow.extras.restore(c);
		}
		borrow.slot.returnStep = CLEARING_WARNINGS;
		c.clearWarnings();
		return true;
	}

	static void closeOpenStatements(BorrowState borrow) throws SQLException {
		int count = borrow.slot.openStatementCount;
		borrow.slot.openStatementCount = 0;
		if (count > 0) {
			StatementProxy first = borrow.firstStatement;
			borrow.firstStatement = null;
			first.closeByConnection();
			StatementProxy[] more = borrow.slot.openStatements;
			for (int i = 0; i < count - 1; i++) {
				StatementProxy statement = more[i];
				more[i] = null;
				statement.closeByConnection();
			}
		}
		Set<StatementProxy> shared = sharedStatements(borrow);
		if (shared != null) {
			for (StatementProxy statement : shared) {
				statement.closeByConnection();
			}
		}
		if (borrow.extras != null) {
			// No statement of the borrower's closes them.
			borrow.extras.closeMetaDataResultSets();
		}
	}

	/** The statements of threads other than the borrowing one, or {@code null}. */
	private static Set<StatementProxy> sharedStatements(BorrowState borrow) {
		SessionExtras current = borrow.extras;
		return (current != null) ? current.sharedStatementsOrNull() : null;
	}

	private static void restoreDefaults(BorrowState borrow, Connection c) throws SQLException {
		ConnectionDefaults defaults = borrow.slot.defaults;
		int toRestore = borrow.changed;
		if ((toRestore & ~BorrowState.AUTO_COMMIT) != 0 && !borrow.autoCommit) {
			// Some setters run SQL (pgjdbc's setSchema): with auto-commit off that opens
			// a transaction which would
			// stay open in the pool, and rolling it back would undo the setting. So
			// restore with auto-commit on and
			// switch it back last. The rollback first keeps the promise never to commit
			// the borrower's work.
			c.rollback();
			c.setAutoCommit(true);
			borrow.autoCommit = true;
			toRestore |= BorrowState.AUTO_COMMIT;
		}
		if ((toRestore & BorrowState.ISOLATION) != 0) {
			c.setTransactionIsolation(defaults.transactionIsolation());
		}
		if ((toRestore & BorrowState.READ_ONLY) != 0) {
			c.setReadOnly(defaults.readOnly());
		}
		if ((toRestore & BorrowState.CATALOG) != 0) {
			c.setCatalog(defaults.catalog());
		}
		if ((toRestore & BorrowState.SCHEMA) != 0) {
			borrow.slot.session.restoreSchema(c, defaults);
		}
		if ((toRestore & BorrowState.NETWORK_TIMEOUT) != 0) {
			c.setNetworkTimeout(DIRECT, defaults.networkTimeout());
		}
		if ((toRestore & BorrowState.AUTO_COMMIT) != 0) {
			c.setAutoCommit(defaults.autoCommit());
		}
		borrow.changed = 0;
	}

}
