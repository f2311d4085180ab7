package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

import io.poolkit.ConnectionErrorKind;
import io.poolkit.PoolConnectionError;

/**
 * The wait for the pool's first good connection that {@code initialization-timeout} asks
 * for: opened when a connection is added, or at once when authentication fails (waiting
 * longer will not help); otherwise the last connect error tells why.
 */
final class FirstConnection {

	private final CountDownLatch opened = new CountDownLatch(1);

	/** How many connections the pool holds now. */
	private final IntSupplier held;

	private volatile PoolConnectionError lastError;

	/**
	 * Set by the operations layer: runs once on the first physical connection, before
	 * anyone borrows it.
	 */
	private volatile Consumer<Connection> hook;

	FirstConnection(IntSupplier held) {
		this.held = held;
	}

	void onOpened(Consumer<Connection> hook) {
		this.hook = hook;
	}

	/** Runs the hook, if any, on the first physical connection, before it is lent. */
	void opened(Connection connection) {
		Consumer<Connection> hook = this.hook;
		if (hook != null) {
			hook.accept(connection);
		}
	}

	void connectionAdded() {
		this.opened.countDown();
	}

	void connectFailed(PoolConnectionError error) {
		this.lastError = error;
		if (error.kind() == ConnectionErrorKind.AUTH || error.exception() instanceof ValidationQueryException) {
			this.opened.countDown();
		}
	}

	/**
	 * Waits for a first good connection.
	 * @return {@code null} when one was opened, else the last error (or a timeout error
	 * when no connect failed)
	 */
	PoolConnectionError await(long timeoutNanos) {
		try {
			this.opened.await(timeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.held.getAsInt() > 0) {
			return null;
		}
		PoolConnectionError error = this.lastError;
		return (error != null) ? error
				: PoolConnectionError.of(ConnectionErrorKind.TIMEOUT,
						new SQLTransientConnectionException("no connection could be opened within "
								+ "initialization-timeout " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms",
								"08001"));
	}

}
