package io.poolkit.internal;

import java.sql.SQLException;

/**
 * {@code validation-query} is wrong for the database: it failed with an error of the
 * statement on a connection that is otherwise healthy (a syntax error, a missing table or
 * privilege, a division by zero, a value of the wrong type: any SQLState but the classes
 * that speak of the connection or the server's state), so every check would fail the same
 * way and replacing connections cannot help. The message names the setting, its value and
 * the server's error; the SQLState is the server's, and so is the cause.
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
	 * connection's or the server's state: it has an SQLState, and not of a class that
	 * says the connection failed ({@code 08}), the server is short of resources
	 * ({@code 53}), an operator or a timeout stopped it ({@code 57}, MariaDB's
	 * {@code 70}), a transaction must be retried ({@code 40}), or the system or server
	 * failed ({@code 58}, {@code XX}). The caller checks that the connection is still
	 * open too.
	 */
	static boolean isQueryError(SQLException ex) {
		String state = ex.getSQLState();
		if (state == null || state.length() != 5) {
			return false;
		}
		return switch (state.substring(0, 2)) {
			case "08", "40", "53", "57", "58", "70", "XX" -> false;
			default -> true;
		};
	}

}
