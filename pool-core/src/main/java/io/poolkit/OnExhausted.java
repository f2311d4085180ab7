package io.poolkit;

/**
 * What a borrower does when no connection is idle and the pool holds {@code max-size}
 * connections.
 */
public enum OnExhausted {

	/**
	 * Wait up to {@code connection-timeout} for a connection to come back or be created.
	 */
	WAIT,

	/** Fail at once with an {@link java.sql.SQLTransientConnectionException}. */
	FAIL_FAST,

	/**
	 * Wait {@code overflow-after}, then open one of up to {@code max-overflow} temporary
	 * connections past {@code max-size}; a temporary connection is closed when it is
	 * returned.
	 */
	OVERFLOW

}
