package io.poolkit.internal;

import java.util.Locale;

import io.poolkit.SizingAdvice;
import io.poolkit.SizingAdvice.Direction;

/**
 * Turns what a pool observed into a recommended {@code max-size}. Little's law gives the
 * connections busy on average (borrow rate × mean hold time); a pool sized so that this
 * is about {@link #TARGET_UTILIZATION} of it leaves room for bursts. The advice grows the
 * pool only when waiting is a real share of the time a borrower spends (or borrows time
 * out), shrinks it only when it stays mostly idle, never moves more than doubling or
 * halving at once, and never exceeds the database's connection budget.
 */
final class SizingAdvisor {

	/** The share of the pool the average busy count should fill. */
	static final double TARGET_UTILIZATION = 0.7;

	/** Waiting this share of (wait + hold) time is worth growing for. */
	static final double WAIT_SHARE_TO_GROW = 0.10;

	/**
	 * Below this average utilization, with no waiting, the pool is larger than it needs.
	 */
	static final double UTILIZATION_TO_SHRINK = 0.3;

	/** Fewer borrows than this in the window are too few to advise on. */
	static final long MIN_BORROWS = 100;

	private SizingAdvisor() {
	}

	/**
	 * @param current the pool's max-size now
	 * @param windowSeconds how long the observations cover
	 * @param borrows borrows in the window
	 * @param meanHoldMillis mean hold time
	 * @param waitP95Millis 95th percentile wait
	 * @param timeouts timeouts in the window
	 * @param budgetLimit the most this instance may hold, or {@code null} when unknown
	 */
	static SizingAdvice advise(int current, double windowSeconds, long borrows, double meanHoldMillis,
			double waitP95Millis, long timeouts, Integer budgetLimit) {
		double rate = (windowSeconds > 0) ? borrows / windowSeconds : 0;
		double busy = rate * meanHoldMillis / 1000.0;
		double waitShare = (waitP95Millis + meanHoldMillis > 0) ? waitP95Millis / (waitP95Millis + meanHoldMillis) : 0;
		int target = Math.max(1, (int) Math.ceil(busy / TARGET_UTILIZATION));
		StringBuilder why = new StringBuilder(String.format(Locale.ROOT,
				"Over the last %.0f s the pool lent %d connections (%.1f/s), each held %.1f ms on average, so %.2f "
						+ "connections were busy on average (Little's law: %.1f/s × %.4f s). Borrowers waited %.1f ms "
						+ "at p95 (%.0f%% of wait + hold time) and %d borrow(s) timed out. ",
				windowSeconds, borrows, rate, meanHoldMillis, busy, rate, meanHoldMillis / 1000.0, waitP95Millis,
				waitShare * 100, timeouts));
		int recommended;
		if (borrows < MIN_BORROWS && timeouts == 0) {
			recommended = current;
			why.append("Too few borrows to judge; keep max-size " + current + ".");
		}
		else if (waitShare >= WAIT_SHARE_TO_GROW || timeouts > 0) {
			recommended = Math.min(current * 2, Math.max(target, current + Math.max(1, current / 4)));
			why.append("Waiting is a real share of request time: grow max-size from " + current + " to " + recommended
					+ " (busy / " + TARGET_UTILIZATION + ", at least +25%, at most ×2).");
		}
		else if (busy / current < UTILIZATION_TO_SHRINK) {
			recommended = Math.max(Math.max(1, (current + 1) / 2), target);
			why.append(String.format(Locale.ROOT, "The pool is %.0f%% busy on average with no real waiting: ",
					100 * busy / current));
			why.append((recommended < current) ? "shrink max-size from " + current + " to " + recommended + " (busy / "
					+ TARGET_UTILIZATION + ", at most halving)." : "keep max-size " + current + ".");
		}
		else {
			recommended = current;
			why.append("The size fits the load; keep max-size " + current + ".");
		}
		if (budgetLimit != null && recommended > budgetLimit) {
			recommended = budgetLimit;
			why.append(" The database's connection budget allows at most " + budgetLimit
					+ " for this instance, so the advice is " + recommended + ".");
		}
		return new SizingAdvice(current, recommended, direction(current, recommended), rate, meanHoldMillis, busy,
				waitP95Millis, timeouts, budgetLimit, why.toString());
	}

	/** Which way a size moved. */
	static Direction direction(int from, int to) {
		return (to > from) ? Direction.GROW : (to < from) ? Direction.SHRINK : Direction.KEEP;
	}

}
