package io.poolkit;

/**
 * A recommended {@code max-size} from what the pool observed, with the formula and its
 * inputs shown.
 *
 * @param currentMaxSize the pool's {@code max-size} now
 * @param recommendedMaxSize what the observations suggest
 * @param direction whether to grow, shrink or keep
 * @param borrowsPerSecond the borrow rate over the window
 * @param meanHoldMillis how long a borrower held a connection on average
 * @param busyConnections connections busy on average: rate × hold time (Little's law)
 * @param waitP95Millis the 95th percentile wait to borrow
 * @param timeouts borrows that timed out in the window
 * @param budgetLimit the most connections this instance may hold within the database's
 * budget, or {@code null} when unknown
 * @param explanation one paragraph saying why
 */
public record SizingAdvice(int currentMaxSize, int recommendedMaxSize, Direction direction, double borrowsPerSecond,
		double meanHoldMillis, double busyConnections, double waitP95Millis, long timeouts, Integer budgetLimit,
		String explanation) {

	/** Which way the advice points. */
	public enum Direction {

		/** Borrowers wait a real share of their time, and the database has room. */
		GROW,

		/** The pool stays mostly idle. */
		SHRINK,

		/** The size fits, or there is too little to go on. */
		KEEP

	}

}
