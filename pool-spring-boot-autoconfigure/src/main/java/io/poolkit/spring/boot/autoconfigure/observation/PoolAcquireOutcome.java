package io.poolkit.spring.boot.autoconfigure.observation;

import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * How a borrow ended, the {@code outcome} key of a {@code poolkit.acquire} observation.
 */
public enum PoolAcquireOutcome {

	/** The borrower got a connection. */
	SUCCESS,

	/**
	 * No connection within {@code connection-timeout}, or refused at once by
	 * {@code on-exhausted=fail-fast} or {@code max-waiters}: the pool's
	 * {@link SQLTransientConnectionException}, SQLState {@code 08001}.
	 */
	TIMEOUT,

	/**
	 * Anything else: the pool was closed, or the borrower was interrupted while it
	 * waited.
	 */
	ERROR;

	/**
	 * The value of the {@code outcome} key.
	 * @return {@code success}, {@code timeout} or {@code error}
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The outcome of a borrow that threw.
	 * @param failure what the borrow threw
	 * @return {@link #TIMEOUT} for the pool's timeout, else {@link #ERROR}
	 */
	static PoolAcquireOutcome of(Throwable failure) {
		// An interrupted wait is transient too, but not a timeout: the pool chains the
		// InterruptedException.
		if (failure instanceof SQLTransientConnectionException timeout
				&& !(timeout.getCause() instanceof InterruptedException)) {
			return TIMEOUT;
		}
		return ERROR;
	}

}
