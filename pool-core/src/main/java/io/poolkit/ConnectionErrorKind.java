package io.poolkit;

import java.sql.SQLException;

/**
 * The kind of a failure to open a physical connection.
 */
public enum ConnectionErrorKind {

	/** The server rejected the credentials (SQLState class {@code 28}). */
	AUTH,

	/** Nothing accepted the connection: the server is down or unreachable. */
	REFUSED,

	/** Connecting took longer than allowed. */
	TIMEOUT,

	/** Anything else. */
	OTHER;

	/** The lower-case name used as a metric tag value. */
	public String tag() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * Classifies a connect failure by its SQLState and cause chain.
	 * @param failure what opening the connection threw
	 * @return its kind
	 */
	public static ConnectionErrorKind of(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				if (state.startsWith("28")) {
					return AUTH;
				}
				if (state.equals("08001") || state.equals("08004") || state.equals("08006")) {
					return hasCause(failure, java.net.SocketTimeoutException.class) ? TIMEOUT : REFUSED;
				}
			}
			if (t instanceof java.net.SocketTimeoutException || t instanceof java.sql.SQLTimeoutException) {
				return TIMEOUT;
			}
			if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
					|| t instanceof java.net.NoRouteToHostException) {
				return REFUSED;
			}
		}
		return OTHER;
	}

	private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

}
