package io.poolkit.testkit;

import java.time.Duration;

/**
 * Waiting for a condition with a deadline, polling every 20 ms: the kit's own, so that it
 * needs nothing but the JDK.
 */
final class Poll {

	private static final long INTERVAL_MILLIS = 20;

	private Poll() {
	}

	/** A condition to poll; may throw what checking it throws. */
	@FunctionalInterface
	interface Condition<E extends Exception> {

		boolean met() throws E;

	}

	/**
	 * Returns once {@code condition} is met.
	 * @param what the awaited event, for the exception
	 * @param timeout how long to wait at the most
	 * @param condition polled every 20 ms; what it throws ends the wait
	 * @throws E what the condition threw
	 * @throws IllegalStateException if the condition is not met within {@code timeout},
	 * or the thread is interrupted (its flag is kept)
	 */
	static <E extends Exception> void until(String what, Duration timeout, Condition<E> condition) throws E {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.met()) {
			if (System.nanoTime() - deadline >= 0) {
				throw new IllegalStateException(what + " did not happen within " + timeout);
			}
			try {
				Thread.sleep(INTERVAL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for " + what, ex);
			}
		}
	}

}
