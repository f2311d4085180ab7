package io.poolkit;

/**
 * Why the pool closed a physical connection.
 */
public enum CloseReason {

	/**
	 * Idle longer than {@code idle-timeout} while the pool held more than
	 * {@code min-idle}; or, in adaptive sizing, idle above the target size when the pool
	 * shrank.
	 */
	IDLE,

	/** Reached its (jittered) {@code max-lifetime}. */
	LIFETIME,

	/** A call on it showed the connection was gone, or resetting its state failed. */
	BROKEN,

	/** It failed validation on borrow or in a keepalive check. */
	VALIDATION,

	/**
	 * Retired by {@link PoolDataSource#evictAll()} or after a sign the server went away.
	 */
	EVICTED,

	/** The pool was closed. */
	SHUTDOWN,

	/** A temporary overflow connection was returned. */
	OVERFLOW;

	/** The lower-case name used as a metric tag value. */
	public String tag() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
