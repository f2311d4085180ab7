package io.poolkit.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.poolkit.BorrowedConnection;
import io.poolkit.PoolConnectionError;
import io.poolkit.PoolStats;

/**
 * The exceptions borrowers see, each saying why in terms a reader of the log can act on.
 */
final class Exceptions {

	/** How many of the longest holders a timeout message names. */
	private static final int HOLDERS_SHOWN = 3;

	private Exceptions() {
	}

	static SQLException closed(String pool) {
		return new SQLNonTransientConnectionException("Pool '" + pool + "' is closed; no connection can be borrowed",
				"08003");
	}

	/**
	 * What a call gets that was inside the driver when its connection was aborted: 08006,
	 * as {@code abort} promises, whatever reached the call first (the socket's close; the
	 * cancel's 57014 behind PgBouncer, where the cancel goes first; MariaDB Connector/J's
	 * 08000); the driver's error is the cause.
	 */
	static SQLException aborted(SQLException driverError) {
		if ("08006".equals(driverError.getSQLState())) {
			return driverError;
		}
		return new SQLNonTransientConnectionException(
				"The connection was aborted while this call was in the driver: " + driverError.getMessage(), "08006",
				driverError.getErrorCode(), driverError);
	}

	static SQLException interrupted(String pool) {
		SQLException ex = new SQLTransientConnectionException(
				"Interrupted while waiting for a connection from pool '" + pool + "'", "08001");
		ex.initCause(new InterruptedException());
		return ex;
	}

	/**
	 * The borrower's timeout. Its counts are the pool's now; the borrower that failed is
	 * no longer among the waiting (each path takes it off the queue first), so the
	 * message says how many <em>others</em> wait. At the deadline it says whether the
	 * pool is suspended (then the likely cause).
	 * @param why what refused the borrow before its deadline (at once, unless connections
	 * failed their checks first), or {@code null} at the deadline
	 * @param failedChecks connections retired during this wait because they failed
	 * validation
	 */
	static SQLException timeout(Pool pool, String why, long waitedMillis, int failedChecks) {
		PoolStats stats = pool.stats();
		String message = "Pool '" + pool.name + "': no connection available"
				+ ((why != null) ? ((failedChecks == 0) ? " at once: " : ": ") + why
						: " within connection-timeout " + pool.config.connectionTimeout().toMillis() + " ms"
								+ (stats.suspended() ? " (the pool is suspended)" : ""));
		message += " (waited " + waitedMillis + " ms; total " + stats.total() + ", active " + stats.active() + ", idle "
				+ stats.idle() + ", " + stats.pending() + " others waiting, max-size " + stats.max() + ")";
		if (failedChecks > 0) {
			message += "; " + failedChecks + " idle connection(s) failed validation during the wait and were closed";
		}
		List<BorrowedConnection> holders = pool.borrowedConnections();
		if (!holders.isEmpty()) {
			message += "; longest holders: "
					+ holders.stream().limit(HOLDERS_SHOWN).map(String::valueOf).collect(Collectors.joining(", "));
		}
		PoolConnectionError error = stats.connectionFailing() ? stats.lastConnectionError() : null;
		if (error != null) {
			message += "; last connection error: " + error.description();
		}
		ValidationQueryException validation = pool.validator().queryError();
		if (validation != null && (error == null || !(error.exception() instanceof ValidationQueryException))) {
			message += "; last validation error: " + pool.creator().secrets().mask(validation.getMessage())
					+ " (SQLState " + validation.getSQLState() + ")";
		}
		SQLTransientConnectionException ex = new SQLTransientConnectionException(message, "08001");
		if (error != null) {
			ex.initCause(error.exception());
		}
		return ex;
	}

	/** The frames of a borrow site below the pool's own. */
	static StackTraceElement[] callerFrames(Throwable site) {
		StackTraceElement[] frames = site.getStackTrace();
		int first = 0;
		while (first < frames.length && isPoolFrame(frames[first].getClassName())) {
			first++;
		}
		// An AcquireObserver (tracing) runs between the engine and the borrower's
		// getConnection(): the borrower's frames start after that.
		if (first > 0 && first < frames.length && !frames[first - 1].getClassName().equals(ENTRY)) {
			for (int i = first; i < frames.length; i++) {
				if (frames[i].getClassName().equals(ENTRY)) {
					first = i + 1;
					break;
				}
			}
		}
		return Arrays.copyOfRange(frames, first, frames.length);
	}

	private static final String ENTRY = "io.poolkit.PoolDataSource";

	private static boolean isPoolFrame(String className) {
		return className.startsWith("io.poolkit.internal.") || className.equals(ENTRY);
	}

}
