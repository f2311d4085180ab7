package io.poolkit.internal;

import java.sql.SQLException;

/**
 * {@code validation-query} is wrong for the database: it failed on a working connection
 * with an error of the statement itself (SQLState class {@code 42}: a syntax error, a
 * missing table or function, a missing privilege), so every check would fail the same way
 * and replacing connections cannot help. The message names the setting, its value and the
 * server's error; the SQLState is the server's, and so is the cause.
 */
public final class ValidationQueryException extends SQLException {

	private static final long serialVersionUID = 1L;

	ValidationQueryException(String query, SQLException cause) {
		super("validation-query: '" + query + "' fails on the database (fix it, or leave it unset to use "
				+ "Connection.isValid): " + cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
	}

	private ValidationQueryException(String message, String sqlState, int vendorCode, Throwable cause) {
		super(message, sqlState, vendorCode, cause);
	}

	/** A copy with another message and cause: the message masked, say. */
	ValidationQueryException withMessage(String message, Throwable cause) {
		return new ValidationQueryException(message, getSQLState(), getErrorCode(), cause);
	}

	/**
	 * Whether a failure of the validation query is the query's own fault rather than the
	 * connection's or the server's state.
	 */
	static boolean isQueryError(SQLException ex) {
		String state = ex.getSQLState();
		return state != null && state.startsWith("42");
	}

}
