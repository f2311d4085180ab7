package io.poolkit.internal;

import java.util.Arrays;
import java.util.Locale;

import io.poolkit.SizingAdvice.Direction;

/**
 * The control law of adaptive sizing: from one period's measured load, the current target
 * and its bounds, the next target, with the arithmetic in words. No clock, no I/O and no
 * thread of its own: fed a trace of loads, it gives the same targets every time. It
 * remembers one thing between periods, how many in a row the load stayed low (the
 * hysteresis of shrinking), so one controller drives one pool; not thread-safe.
 * <p>
 * The demand is the busy connections (Little's law: borrows per second × mean hold time)
 * plus the borrowers waiting on average: in a closed loop each waiting borrower would
 * hold a connection if it had one. The wanted size is the demand at
 * {@link #TARGET_UTILIZATION} (the advisor's 70%), so bursts find room. The target grows
 * when the demand fills more than {@link #GROW_ABOVE} of it (or a borrow timed out), by
 * at most doubling (at least {@link #MIN_GROW_STEP}) a period, so a burst is met within a
 * few periods; it shrinks only after {@link #LOW_PERIODS_TO_SHRINK} periods in a row
 * below {@link #SHRINK_BELOW} with nobody waiting, by at most a quarter a period and
 * never below what the highest demand of the last {@link #PEAK_PERIODS} periods wants.
 * Between the two lies a dead band: a target the rules reached leaves the demand at about
 * 70% of it, inside the band, so a steady load never makes it move again; and a shrink
 * sized for the recent peak leaves room for the load's usual swings, so a noisy load does
 * not make it grow back.
 */
final class SizeController {

	/** The share of the target the demand should fill: the advisor's. */
	static final double TARGET_UTILIZATION = SizingAdvisor.TARGET_UTILIZATION;

	/** Above this share of the target the pool grows. */
	static final double GROW_ABOVE = 0.85;

	/** Below this share of the target, for a few periods in a row, the pool shrinks. */
	static final double SHRINK_BELOW = 0.5;

	/** Periods in a row below {@link #SHRINK_BELOW} before the pool shrinks. */
	static final int LOW_PERIODS_TO_SHRINK = 3;

	/** The least a grow step may add; small pools under a burst double too slowly. */
	static final int MIN_GROW_STEP = 4;

	/**
	 * Fewer borrows than this ending in a period are too few for Little's law (a long
	 * hold ends in one period, not across it): the sampled busy count is used instead.
	 */
	static final long MIN_BORROWS_FOR_LITTLE = 20;

	/** Waiting on average below this counts as nobody waiting. */
	static final double NOBODY_WAITING = 0.05;

	/** A shrink leaves room for the highest demand of this many recent periods. */
	static final int PEAK_PERIODS = 5;

	private int lowPeriods;

	private final double[] recentDemand = new double[PEAK_PERIODS];

	private int periods;

	/**
	 * Decides the next target.
	 * @param load what the period measured
	 * @param target the target now, at least 1
	 * @param bounds the floor, ceiling and budget limit
	 * @return the decision, whose target lies within the bounds
	 */
	Decision decide(Load load, int target, Bounds bounds) {
		double busy = load.busy();
		double waiting = load.waiting();
		double demand = busy + waiting;
		int wanted = wanted(demand);
		this.recentDemand[this.periods++ % PEAK_PERIODS] = demand;
		// Slots not filled yet hold 0, which no demand is below.
		double peak = Arrays.stream(this.recentDemand).max().getAsDouble();
		int peakWanted = wanted(peak);
		int budget = bounds.budgetLimit();
		int upper = Math.max(1, (budget >= 0) ? Math.min(bounds.ceiling(), budget) : bounds.ceiling());
		int lower = Math.max(1, Math.min(bounds.floor(), upper));
		double utilization = demand / target;
		StringBuilder why = new StringBuilder(describe(load, busy, waiting, demand, target, utilization, wanted));
		int lowPeriods = this.lowPeriods;
		this.lowPeriods = 0;
		int next;
		if (bounds.hold()) {
			next = Math.min(target, bounds.ceiling());
			why.append("Keep target " + next + ": " + bounds.reason() + ".");
		}
		else if (target > upper) {
			next = Math.max(lower, upper);
			why.append("Shrink target " + target + " → " + next + " at once: "
					+ ((upper < bounds.ceiling()) ? "the fleet's budget lets this instance hold " : "max-size is ")
					+ upper + ".");
		}
		else if (target < lower) {
			next = lower;
			why.append(
					"Grow target " + target + " → " + next + " to the floor (sizing.min-size " + bounds.floor() + ").");
		}
		else if (utilization > GROW_ABOVE || load.timeouts() > 0) {
			int step = Math.max(target, MIN_GROW_STEP);
			int goal = Math.max(wanted, target + 1);
			next = Math.min(Math.min(goal, target + step), upper);
			why.append((load.timeouts() > 0) ? "Borrows were refused (timed out, or at once): "
					: String.format(Locale.ROOT, "The demand is above %.0f%% of the target: ", GROW_ABOVE * 100));
			if (next > target) {
				why.append("grow target " + target + " → " + next + " (wanted " + goal + ", at most +" + step
						+ " a period"
						+ ((next == upper && upper < goal) ? ", limited by " + limitName(upper, bounds) : "") + ").");
			}
			else {
				why.append("keep target " + target + ", the most " + limitName(upper, bounds) + " allows (wanted "
						+ goal + ").");
			}
		}
		else if (utilization < SHRINK_BELOW && waiting < NOBODY_WAITING) {
			this.lowPeriods = lowPeriods + 1;
			int candidate = Math.max(lower, Math.max(peakWanted, target - Math.max(1, target / 4)));
			if (this.lowPeriods >= LOW_PERIODS_TO_SHRINK && candidate < target) {
				// Once shrinking, it goes on every period while the demand stays low.
				next = candidate;
				why.append(String.format(Locale.ROOT,
						"The demand stayed below %.0f%% of the target for %d periods with nobody waiting: shrink "
								+ "target %d → %d (at most -25%% a period; never below the floor, nor ceil(%.2f / "
								+ "%.1f) = %d for the highest demand of the last %d periods).",
						SHRINK_BELOW * 100, LOW_PERIODS_TO_SHRINK, target, next, peak, TARGET_UTILIZATION, peakWanted,
						PEAK_PERIODS));
			}
			else {
				next = target;
				why.append(String.format(Locale.ROOT, "Keep target %d (demand below %.0f%% for %d of %d periods",
						target, SHRINK_BELOW * 100, Math.min(this.lowPeriods, LOW_PERIODS_TO_SHRINK),
						LOW_PERIODS_TO_SHRINK));
				why.append((candidate >= target) ? "; already sized for the recent peak or at the floor)." : ").");
			}
		}
		else {
			next = target;
			why.append(String.format(Locale.ROOT, "Keep target %d: the demand is within %.0f%%–%.0f%% of it.", target,
					SHRINK_BELOW * 100, GROW_ABOVE * 100));
		}
		return new Decision(next, SizingAdvisor.direction(target, next), busy, waiting, demand, wanted, why.toString());
	}

	private static int wanted(double demand) {
		return Math.max(1, (int) Math.ceil(demand / TARGET_UTILIZATION - 1e-9));
	}

	private static String limitName(int upper, Bounds bounds) {
		return (bounds.budgetLimit() >= 0 && upper == bounds.budgetLimit() && upper < bounds.ceiling())
				? "the fleet's budget (" + upper + ")" : "max-size (" + upper + ")";
	}

	private static String describe(Load load, double busy, double waiting, double demand, int target,
			double utilization, int wanted) {
		String busyHow = load.usesLittlesLaw()
				? String.format(Locale.ROOT, "Little's law: %.1f borrows/s × %.1f ms", load.borrows() / load.seconds(),
						(load.borrows() > 0) ? load.holdSeconds() * 1000 / load.borrows() : 0)
				: String.format(Locale.ROOT, "sampled; only %d borrow(s) ended", load.borrows());
		return String.format(Locale.ROOT,
				"Over %.1f s: %.2f connections busy (%s), %.2f borrowers waiting on average, %d timeout(s); demand "
						+ "%.2f = %.0f%% of target %d; wanted ceil(%.2f / %.1f) = %d. ",
				load.seconds(), busy, busyHow, waiting, load.timeouts(), demand, utilization * 100, target, demand,
				TARGET_UTILIZATION, wanted);
	}

	/**
	 * One period's measurements.
	 *
	 * @param seconds how long the period lasted
	 * @param borrows borrows that ended (were returned) in it
	 * @param holdSeconds the time those borrows held their connections, summed
	 * @param sampledActive connections lent out, averaged over samples taken in it
	 * @param waiting borrowers waiting, averaged over the same samples
	 * @param timeouts borrows refused in it: timed out, or at once ({@code fail-fast},
	 * {@code max-waiters})
	 */
	record Load(double seconds, long borrows, double holdSeconds, double sampledActive, double waiting, long timeouts) {

		boolean usesLittlesLaw() {
			return this.borrows >= MIN_BORROWS_FOR_LITTLE && this.seconds > 0;
		}

		/**
		 * Busy connections on average: Little's law, or the samples when too few ended.
		 */
		double busy() {
			return usesLittlesLaw() ? this.holdSeconds / this.seconds : this.sampledActive;
		}

	}

	/**
	 * What bounds the target.
	 *
	 * @param floor {@code sizing.min-size}; the budget wins over it, down to 1
	 * @param ceiling {@code max-size}
	 * @param budgetLimit the most the fleet's budget lets this instance hold, -1 for none
	 * @param hold keep the target whatever the load (the database is unreachable)
	 * @param reason why it holds, for the explanation
	 */
	record Bounds(int floor, int ceiling, int budgetLimit, boolean hold, String reason) {

		static Bounds of(int floor, int ceiling, int budgetLimit) {
			return new Bounds(floor, ceiling, budgetLimit, false, null);
		}

	}

	/**
	 * The next target and why.
	 *
	 * @param target the next target
	 * @param direction which way it moved
	 * @param busy connections busy on average
	 * @param waiting borrowers waiting on average
	 * @param demand busy + waiting
	 * @param wanted the demand at the target utilization, rounded up
	 * @param explanation the arithmetic in words
	 */
	record Decision(int target, Direction direction, double busy, double waiting, double demand, int wanted,
			String explanation) {
	}

}
