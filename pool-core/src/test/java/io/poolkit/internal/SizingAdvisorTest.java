package io.poolkit.internal;

import java.util.concurrent.atomic.AtomicLong;

import io.poolkit.SizingAdvice;
import io.poolkit.SizingAdvice.Direction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sizing advice on synthetic observations: recorded into an {@link ActivityWindow}
 * whose slices are advanced by the test, not by a clock.
 */
class SizingAdvisorTest {

	private static final long SLICE_NANOS = 10_000_000_000L;

	/** Borrow totals as the pool keeps them, driven by the test. */
	private static final class Recorded {

		final AtomicLong borrows = new AtomicLong();

		final AtomicLong holdNanos = new AtomicLong();

		final ActivityWindow window = new ActivityWindow(SLICE_NANOS, this.borrows::get, this.holdNanos::get);

		void borrow(double waitMillis, double holdMillis) {
			this.borrows.incrementAndGet();
			if (waitMillis > 0) {
				this.window.recordWait((long) (waitMillis * 1e6));
			}
			this.holdNanos.addAndGet((long) (holdMillis * 1e6));
		}

	}

	/**
	 * Fills the whole window: {@code borrows} borrows, each held {@code holdMillis} after
	 * waiting {@code waitMillis}.
	 */
	private static ActivityWindow.Snapshot observe(int borrowsPerSlice, double holdMillis, double waitMillis,
			int timeouts) {
		Recorded recorded = new Recorded();
		for (int slice = 0; slice < ActivityWindow.SLICES; slice++) {
			for (int i = 0; i < borrowsPerSlice; i++) {
				recorded.borrow(waitMillis, holdMillis);
			}
			if (slice < ActivityWindow.SLICES - 1) {
				recorded.window.rotate();
			}
		}
		for (int i = 0; i < timeouts; i++) {
			recorded.window.recordTimeout();
		}
		return recorded.window.snapshot();
	}

	private static SizingAdvice advise(int current, ActivityWindow.Snapshot window, Integer budget) {
		return SizingAdvisor.advise(current, window.coveredNanos() / 1e9, window.borrows(),
				window.meanHoldNanos() / 1e6, window.waitQuantile(0.95) / 1e6, window.timeouts(), budget);
	}

	@Test
	void underSizedPoolWithLongWaitsIsAdvisedToGrowWithinBounds() {
		// 200 borrows/s held 45 ms: 9 busy on average in a pool of 10, and borrowers wait
		// 20 ms.
		ActivityWindow.Snapshot window = observe(2_000, 45, 20, 0);
		SizingAdvice advice = advise(10, window, null);
		assertThat(advice.direction()).isEqualTo(Direction.GROW);
		assertThat(advice.busyConnections()).isBetween(8.0, 10.0);
		assertThat(advice.recommendedMaxSize()).isBetween(13, 20);
		assertThat(advice.explanation()).contains("Little's law").contains("grow max-size from 10");
	}

	@Test
	void timeoutsAloneAreReasonToGrow() {
		SizingAdvice advice = advise(10, observe(100, 5, 0, 3), null);
		assertThat(advice.direction()).isEqualTo(Direction.GROW);
		assertThat(advice.recommendedMaxSize()).isGreaterThan(10);
	}

	@Test
	void overSizedIdlePoolIsAdvisedToShrinkAtMostByHalf() {
		// 10 borrows/s held 20 ms: 0.2 busy in a pool of 40.
		SizingAdvice advice = advise(40, observe(100, 20, 0, 0), null);
		assertThat(advice.direction()).isEqualTo(Direction.SHRINK);
		assertThat(advice.recommendedMaxSize()).isEqualTo(20);
		assertThat(advice.explanation()).contains("shrink max-size from 40 to 20");
	}

	@Test
	void rightSizedPoolIsKept() {
		// 100 borrows/s held 50 ms: 5 busy in a pool of 10, no waiting.
		SizingAdvice advice = advise(10, observe(1_000, 50, 0, 0), null);
		assertThat(advice.direction()).isEqualTo(Direction.KEEP);
		assertThat(advice.recommendedMaxSize()).isEqualTo(10);
	}

	@Test
	void tooFewObservationsGiveNoAdvice() {
		SizingAdvice advice = advise(10, observe(1, 500, 100, 0), null);
		assertThat(advice.direction()).isEqualTo(Direction.KEEP);
		assertThat(advice.explanation()).contains("Too few borrows");
	}

	@Test
	void adviceNeverExceedsTheDatabaseBudget() {
		SizingAdvice advice = advise(10, observe(2_000, 45, 20, 5), 12);
		assertThat(advice.recommendedMaxSize()).isEqualTo(12);
		assertThat(advice.budgetLimit()).isEqualTo(12);
		assertThat(advice.explanation()).contains("budget allows at most 12");
	}

	@Test
	void windowQuantilesComeFromTheRecordedWaits() {
		Recorded recorded = new Recorded();
		for (int i = 1; i <= 100; i++) {
			recorded.borrow(i, 1); // waits of 1..100 ms
		}
		for (int i = 0; i < 100; i++) {
			recorded.borrow(0, 1); // served at once
		}
		ActivityWindow.Snapshot snapshot = recorded.window.snapshot();
		assertThat(snapshot.borrows()).isEqualTo(200);
		assertThat(snapshot.waitQuantile(0.5)).isZero();
		assertThat(snapshot.waitQuantile(0.75) / 1e6).isBetween(50.0, 64.0);
		assertThat(snapshot.waitQuantile(0.995) / 1e6).isBetween(99.0, 100.0);
		assertThat(snapshot.maxWaitNanos()).isEqualTo(100_000_000L);
		assertThat(snapshot.meanHoldNanos()).isEqualTo(1e6);
	}

	@Test
	void oldSlicesFallOutOfTheWindow() {
		Recorded recorded = new Recorded();
		recorded.borrow(5, 5);
		recorded.window.recordTimeout();
		for (int i = 0; i < ActivityWindow.SLICES; i++) {
			recorded.window.rotate();
		}
		assertThat(recorded.window.snapshot().borrows()).isZero();
		assertThat(recorded.window.snapshot().timeouts()).isZero();
	}

}
