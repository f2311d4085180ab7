package io.poolkit;

/**
 * Thrown when a pool cannot open a first connection within
 * {@code initialization-timeout}. Its cause is the database's own error.
 */
public class PoolInitializationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates a new exception.
	 * @param message what failed
	 * @param cause the last connection error
	 */
	public PoolInitializationException(String message, Throwable cause) {
		super(message, cause);
	}

}
