package io.poolkit;

import java.sql.SQLException;

/**
 * Receives the pool's events; the seam metrics (Micrometer or anything else) plug into.
 * Every method has a no-op default, so an implementation overrides only what it records.
 * <p>
 * Methods are called on the thread where the event happens, often a borrower's thread on
 * the hot path: they must be quick, must not block and should not throw. Whatever one
 * throws is caught and logged (the first failure of each method as a warning, later ones
 * at debug level) and never changes what the pool does. Times are in nanoseconds from
 * {@link System#nanoTime()} so no clock conversion happens unless a listener asks for it.
 */
public interface PoolListener {

	/**
	 * A borrower got a connection.
	 * @param waitNanos how long it waited, from {@link System#nanoTime()}; 0 when one was
	 * idle at once
	 */
	default void connectionAcquired(long waitNanos) {
	}

	/**
	 * A borrower returned a connection.
	 * @param heldNanos how long it held it, to the resolution of the pool's ticking clock
	 * (about a millisecond): each figure is a whole number of ticks, so a borrow shorter
	 * than a tick mostly shows as 0, but a borrow's start and end fall at random phases
	 * of the tick, so the mean of many (and their sum, {@link PoolTotals#heldNanos()}) is
	 * exact
	 */
	default void connectionReturned(long heldNanos) {
	}

	/**
	 * A physical connection was opened.
	 * @param creationNanos how long opening (and any {@code connection-init-sql}) took
	 */
	default void connectionCreated(long creationNanos) {
	}

	/**
	 * Opening a physical connection failed.
	 * @param kind what kind of failure it was
	 * @param error what the driver threw
	 */
	default void connectionCreationFailed(ConnectionErrorKind kind, SQLException error) {
	}

	/**
	 * A borrow was refused: after {@code connection-timeout}, or at once by
	 * {@code on-exhausted=fail-fast} or {@code max-waiters}.
	 * @param waitNanos how long since the borrow began: about 0 when refused at its first
	 * look, more when refused after connections failed their checks
	 */
	default void acquireTimedOut(long waitNanos) {
	}

	/**
	 * The pool closed a physical connection.
	 * @param reason why
	 */
	default void connectionClosed(CloseReason reason) {
	}

	/**
	 * A connection has been held longer than {@code leak-detection-threshold}.
	 * @param holderThread the name of the thread that borrowed it
	 * @param heldNanos how long it has been held so far, to about a millisecond (the
	 * borrow's start is read from the pool's ticking clock)
	 */
	default void leakDetected(String holderThread, long heldNanos) {
	}

	/**
	 * A listener that ignores every event, used when none is configured so the engine
	 * never checks for {@code null}.
	 * @return the shared no-op listener
	 */
	static PoolListener noop() {
		return NoopPoolListener.INSTANCE;
	}

}
