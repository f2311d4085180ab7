package io.poolkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

import io.poolkit.SizingAdvice.Direction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control law of adaptive sizing on synthetic load traces: a closed loop of
 * {@code demand} borrowers each wanting a connection all the time, so that a period sees
 * {@code min(demand, target)} connections busy and the rest of the borrowers waiting.
 * Convergence, no oscillation, bounds.
 */
class SizeControllerTest {

	/** One period of a closed loop: the busy ones hold all period, the others wait. */
	private static SizeController.Load closedLoop(double demand, int target) {
		double busy = Math.min(demand, target);
		double waiting = Math.max(0, demand - target);
		// Ten-millisecond holds: plenty of borrows end in a one-second period.
		long borrows = Math.round(busy * 100);
		return new SizeController.Load(1.0, borrows, busy, busy, waiting, 0);
	}

	private static List<Integer> run(IntToDoubleFunction demand, int periods, int start, int floor, int ceiling,
			int budget) {
		SizeController controller = new SizeController();
		List<Integer> targets = new ArrayList<>();
		int target = start;
		for (int t = 0; t < periods; t++) {
			SizeController.Decision decision = controller.decide(closedLoop(demand.applyAsDouble(t), target), target,
					SizeController.Bounds.of(floor, ceiling, budget));
			assertThat(decision.target()).as("period %d", t)
				.isBetween(Math.max(1, Math.min(floor, ceiling)),
						(budget >= 0) ? Math.max(1, Math.min(ceiling, budget)) : ceiling);
			target = decision.target();
			targets.add(target);
		}
		return targets;
	}

	private static int changes(List<Integer> targets, int from) {
		int changes = 0;
		for (int i = Math.max(1, from); i < targets.size(); i++) {
			if (!targets.get(i).equals(targets.get(i - 1))) {
				changes++;
			}
		}
		return changes;
	}

	/**
	 * Whether the targets go back and forth: grow again after having shrunk. (Growing to
	 * meet a load and settling down from there is one swing, not an oscillation.)
	 */
	private static boolean oscillates(List<Integer> targets) {
		boolean shrunk = false;
		for (int i = 1; i < targets.size(); i++) {
			int direction = Integer.signum(targets.get(i) - targets.get(i - 1));
			if (direction < 0) {
				shrunk = true;
			}
			else if (direction > 0 && shrunk) {
				return true;
			}
		}
		return false;
	}

	/** Whether {@code demand} fills the target within the dead band. */
	private static boolean inBand(double demand, int target) {
		return demand / target >= SizeController.SHRINK_BELOW && demand / target <= SizeController.GROW_ABOVE;
	}

	@Test
	void aSteadyLoadConvergesToSeventyPercentBusyAndThenNeverMoves() {
		List<Integer> targets = run((t) -> 7, 100, 1, 1, 100, -1);
		assertThat(targets.get(3)).isEqualTo(10); // ceil(7 / 0.7)
		assertThat(changes(targets, 4)).isZero();
		assertThat(oscillates(targets)).isFalse();
	}

	@Test
	void aStepUpIsMetWithinFourPeriodsAndAStepDownShrinksSlowlyWithoutOvershoot() {
		List<Integer> targets = run((t) -> (t < 20) ? 2 : (t < 60) ? 20 : 2, 120, 1, 1, 100, -1);
		assertThat(targets.get(19)).isEqualTo(3); // ceil(2 / 0.7)
		// The step at period 20: 3 → 7 → 14 → 28, at most doubling (at least +4); 20 is
		// then 71% of 28, inside the dead band.
		assertThat(targets.subList(20, 23)).containsExactly(7, 14, 28);
		assertThat(targets.subList(23, 60)).containsOnly(28);
		// The step down at period 60: nothing while the recent peak still wants 28, then
		// at most -25% a period, monotone, down to the wanted size.
		assertThat(targets.subList(60, 64)).containsOnly(28);
		List<Integer> down = targets.subList(60, 120);
		for (int i = 1; i < down.size(); i++) {
			assertThat(down.get(i)).isLessThanOrEqualTo(down.get(i - 1))
				.isGreaterThanOrEqualTo(down.get(i - 1) - Math.max(1, down.get(i - 1) / 4));
		}
		assertThat(targets.get(119)).isBetween(3, 4);
		assertThat(inBand(2, targets.get(119))).isTrue();
	}

	@Test
	void aRampIsTrackedMonotonicallyWithLittleWaiting() {
		// From 1 to 40 borrowers over 80 periods.
		List<Integer> targets = run((t) -> Math.min(40, 1 + t / 2.0), 100, 1, 1, 100, -1);
		assertThat(oscillates(targets)).isFalse();
		int short_ = 0;
		for (int t = 0; t < targets.size(); t++) {
			double demand = Math.min(40, 1 + t / 2.0);
			int before = (t == 0) ? 1 : targets.get(t - 1);
			if (demand > before) {
				short_++;
			}
		}
		assertThat(short_).as("periods in which borrowers waited").isLessThanOrEqualTo(2);
		assertThat(targets.get(99)).isEqualTo((int) Math.ceil(40 / 0.7));
	}

	@Test
	void shortBurstsAreMetAndTheCalmBetweenThemShrinksWithoutOscillating() {
		// Three borrowers, with a burst of 30 for three periods every 40 periods.
		IntToDoubleFunction demand = (t) -> (t % 40 >= 20 && t % 40 < 23) ? 30 : 3;
		List<Integer> targets = run(demand, 140, 1, 1, 60, -1);
		for (int burst = 20; burst < 140; burst += 40) {
			int before = targets.get(burst - 1);
			assertThat(inBand(3, before)).isTrue();
			// 5 → 10 → 20 → 40: the burst is served within three periods.
			assertThat(targets.get(burst + 2)).isGreaterThanOrEqualTo(30);
			// After it: shrinks, every period once the burst has left the recent peak,
			// and
			// never grows back until the next burst.
			List<Integer> calm = targets.subList(burst + 3, burst + 20);
			assertThat(oscillates(calm)).isFalse();
			assertThat(inBand(3, calm.get(calm.size() - 1))).isTrue();
		}
	}

	@Test
	void aNoisyLoadDoesNotMakeTheTargetMove() {
		Random random = new Random(42);
		double[] noise = new double[300];
		for (int i = 0; i < noise.length; i++) {
			noise[i] = 10 * (0.8 + 0.4 * random.nextDouble()); // 10 ± 20%
		}
		List<Integer> targets = run((t) -> noise[t], 300, 1, 1, 100, -1);
		assertThat(changes(targets, 10)).isLessThanOrEqualTo(3);
		assertThat(oscillates(targets)).isFalse();
		// Settled where neither end of the swings leaves the dead band: 12 / 16 = 75%,
		// 8 / 16 = 50%.
		assertThat(targets.get(299)).isEqualTo(16);
	}

	@Test
	void theTargetStaysWithinFloorCeilingAndBudget() {
		assertThat(run((t) -> 0, 30, 4, 4, 12, -1)).containsOnly(4);
		assertThat(run((t) -> 100, 30, 4, 4, 12, -1).get(29)).isEqualTo(12);
		// A budget below the target binds at once, not by hysteresis.
		SizeController controller = new SizeController();
		SizeController.Decision decision = controller.decide(closedLoop(30, 12), 12,
				SizeController.Bounds.of(4, 12, 6));
		assertThat(decision.target()).isEqualTo(6);
		assertThat(decision.direction()).isEqualTo(Direction.SHRINK);
		assertThat(decision.explanation()).contains("the fleet's budget lets this instance hold 6");
		// A budget below the floor wins over it, never below 1.
		assertThat(controller.decide(closedLoop(30, 6), 6, SizeController.Bounds.of(4, 12, 0)).target()).isEqualTo(1);
		// Growing stops at the budget and says so.
		decision = controller.decide(closedLoop(30, 5), 5, SizeController.Bounds.of(1, 50, 8));
		assertThat(decision.target()).isEqualTo(8);
		assertThat(decision.explanation()).contains("limited by the fleet's budget (8)");
	}

	@Test
	void holdingKeepsTheTargetWhateverTheLoad() {
		SizeController controller = new SizeController();
		SizeController.Decision decision = controller.decide(new SizeController.Load(1.0, 0, 0, 10, 50, 12), 10,
				new SizeController.Bounds(1, 100, -1, true, "the database does not answer connects"));
		assertThat(decision.target()).isEqualTo(10);
		assertThat(decision.direction()).isEqualTo(Direction.KEEP);
		assertThat(decision.explanation()).contains("Keep target 10: the database does not answer connects");
	}

	@Test
	void timeoutsGrowThePoolEvenWhenTheSampledDemandLooksModerate() {
		SizeController controller = new SizeController();
		// Few borrows ended (long holds): the sampled busy count stands in for Little's
		// law.
		SizeController.Decision decision = controller.decide(new SizeController.Load(1.0, 3, 2.5, 6, 0, 2), 10,
				SizeController.Bounds.of(1, 100, -1));
		assertThat(decision.target()).isEqualTo(11);
		assertThat(decision.explanation()).contains("sampled; only 3 borrow(s) ended")
			.contains("2 timeout(s)")
			.contains("Borrows were refused (timed out, or at once): grow target 10 → 11");
	}

	@Test
	void theExplanationShowsTheArithmetic() {
		SizeController.Decision decision = new SizeController().decide(closedLoop(12, 8), 8,
				SizeController.Bounds.of(1, 100, -1));
		assertThat(decision.explanation()).contains("8.00 connections busy (Little's law: 800.0 borrows/s × 10.0 ms)")
			.contains("4.00 borrowers waiting on average")
			.contains("demand 12.00 = 150% of target 8")
			.contains("wanted ceil(12.00 / 0.7) = 18")
			.contains("grow target 8 → 16 (wanted 18, at most +8 a period)");
	}

}
