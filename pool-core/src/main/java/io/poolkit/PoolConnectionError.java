package io.poolkit;

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

	/** Describes an exception thrown while connecting. */
	public static PoolConnectionError of(ConnectionErrorKind kind, SQLException exception) {
		return new PoolConnectionError(kind, exception.getSQLState(), String.valueOf(exception.getMessage()),
				Instant.now(), exception);
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
