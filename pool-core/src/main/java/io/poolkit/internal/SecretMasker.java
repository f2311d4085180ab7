package io.poolkit.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.poolkit.PoolConfig;
import io.poolkit.Secrets;

/**
 * Masks a pool's secret values in what the pool takes from a driver: a driver may quote a
 * URL or a setting in its error (MariaDB Connector/J reads no user info, takes
 * {@code u:secret@host} for a host and port and says so; pgjdbc quotes a URL it cannot
 * parse whole), and the pool passes such errors on to its log, events, listeners,
 * {@code lastConnectionError}, health and the exceptions it throws. The values are those
 * of {@link Secrets#valuesOf(PoolConfig)} and each password the credentials supplier has
 * given. Thread-safe.
 */
final class SecretMasker {

	/** How many of a credentials supplier's passwords are remembered, the latest kept. */
	private static final int MAX_SUPPLIED = 16;

	/** Causes and suppressed exceptions followed at most, against cycles and abuse. */
	private static final int MAX_DEPTH = 32;

	private final List<String> configured;

	private final List<String> supplied = new ArrayList<>();

	/** Every value, longest first; replaced whole when a password is supplied. */
	private volatile List<String> values;

	SecretMasker(PoolConfig config) {
		this.configured = Secrets.valuesOf(config);
		this.values = this.configured;
	}

	/** Adds a password a credentials supplier gave, so that it is masked too. */
	void addSupplied(String password) {
		if (password == null || password.isEmpty() || this.values.contains(password)) {
			return;
		}
		synchronized (this.supplied) {
			this.supplied.add(password);
			if (this.supplied.size() > MAX_SUPPLIED) {
				this.supplied.remove(0);
			}
			this.values = Stream.concat(this.configured.stream(), this.supplied.stream())
				.sorted(Comparator.comparingInt(String::length).reversed())
				.toList();
		}
	}

	/** The text with every secret value masked. */
	String mask(String text) {
		return Secrets.maskValues(text, this.values);
	}

	/**
	 * The exception itself when neither it nor a cause or suppressed exception of it
	 * shows a secret value; otherwise a copy of the chain down to the last one that does,
	 * messages masked, stack traces kept, each copy printing the class name of the
	 * exception it stands for. Classify a failure before masking it: the copies are not
	 * of the original classes.
	 */
	SQLException mask(SQLException exception) {
		return (SQLException) mask((Throwable) exception);
	}

	/** {@link #mask(SQLException)} for any throwable. */
	Throwable mask(Throwable throwable) {
		return mask(throwable, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
	}

	private Throwable mask(Throwable original, Set<Throwable> seen, int depth) {
		if (original == null || depth > MAX_DEPTH || !seen.add(original)) {
			return original;
		}
		Throwable cause = mask(original.getCause(), seen, depth + 1);
		Throwable[] suppressed = original.getSuppressed();
		Throwable[] maskedSuppressed = Arrays.stream(suppressed)
			.map((each) -> mask(each, seen, depth + 1))
			.toArray(Throwable[]::new);
		String message = original.getLocalizedMessage();
		String shown = original.toString();
		boolean shows = mask(message) != message || mask(shown) != shown;
		// Throwable's equals() is identity: equal arrays hold the very same exceptions.
		if (!shows && cause == original.getCause() && Arrays.equals(maskedSuppressed, suppressed)) {
			return original;
		}
		Throwable copy = copy(original, mask(message), cause);
		copy.setStackTrace(original.getStackTrace());
		Arrays.stream(maskedSuppressed).forEach(copy::addSuppressed);
		return copy;
	}

	private static Throwable copy(Throwable original, String message, Throwable cause) {
		if (original instanceof ValidationQueryException validation) {
			return validation.withMessage(message, cause);
		}
		if (original instanceof SQLException sql) {
			return new MaskedSQLException(original.getClass().getName(), message, sql.getSQLState(), sql.getErrorCode(),
					cause);
		}
		return new MaskedException(original.getClass().getName(), message, cause);
	}

	/**
	 * A driver's SQLException whose message showed a secret: same message masked,
	 * SQLState and vendor code, printed under the original class name.
	 */
	static final class MaskedSQLException extends SQLException {

		private static final long serialVersionUID = 1L;

		private final String originalClass;

		MaskedSQLException(String originalClass, String message, String sqlState, int vendorCode, Throwable cause) {
			super(message, sqlState, vendorCode, cause);
			this.originalClass = originalClass;
		}

		@Override
		public String toString() {
			return this.originalClass + ": " + getMessage();
		}

	}

	/** Any other exception whose message showed a secret, as above. */
	static final class MaskedException extends Exception {

		private static final long serialVersionUID = 1L;

		private final String originalClass;

		MaskedException(String originalClass, String message, Throwable cause) {
			super(message, cause);
			this.originalClass = originalClass;
		}

		@Override
		public String toString() {
			return this.originalClass + ": " + getMessage();
		}

	}

}
