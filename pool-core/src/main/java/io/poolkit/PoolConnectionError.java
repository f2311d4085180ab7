package io.poolkit;

import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The most recent failure to open a physical connection, as shown in {@link PoolStats}
 * and chained into borrow timeouts. Its description carries the database's message and
 * SQLState, never a password.
 *
 * @param kind what kind of failure it was
 * @param sqlState the SQLState the driver reported, or {@code null}
 * @param message the driver's message
 * @param at when it happened
 * @param exception the exception itself, for chaining
 */
public record PoolConnectionError(ConnectionErrorKind kind, String sqlState, String message, Instant at,
		SQLException exception) {

	/**
	 * Describes an exception thrown while connecting. Where the driver's message hides
	 * that the host name did not resolve (pgjdbc's "The connection attempt failed."), the
	 * message says so, naming the host.
	 */
	public static PoolConnectionError of(ConnectionErrorKind kind, SQLException exception) {
		String message = String.valueOf(exception.getMessage());
		String unknownHost = unknownHost(exception);
		if (unknownHost != null && !message.contains(unknownHost)) {
			message += " (unknown host: " + unknownHost + ")";
		}
		return new PoolConnectionError(kind, exception.getSQLState(), message, Instant.now(), exception);
	}

	private static String unknownHost(Throwable exception) {
		int depth = 0;
		for (Throwable cause = exception; cause != null && depth < 32; cause = cause.getCause(), depth++) {
			if (cause instanceof UnknownHostException unknown) {
				return unknown.getMessage();
			}
		}
		return null;
	}

	/** {@code message (SQLState xxxxx)}. */
	public String description() {
		return (this.sqlState != null) ? this.message + " (SQLState " + this.sqlState + ")" : this.message;
	}

	@Override
	public String toString() {
		return this.kind.tag() + ": " + description() + " at " + this.at;
	}

}
