package io.poolkit.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fast path's clock: never ahead of {@link System#nanoTime()}, coarse only while its
 * ticker keeps time, back to the precise clock when the ticker stalls, and a ticker that
 * ends when nobody reads and starts again on the next reading. The rules are driven tick
 * by tick on a clock of the test's own; the last test runs the real ticker.
 */
@Timeout(60)
class CoarseClockTest {

	private static final long TICK = CoarseClock.TICK_NANOS;

	@Test
	void readsTheLastTickWhileTheTickerKeepsTime() {
		CoarseClock clock = new CoarseClock(false);
		long start = clock.nanos(); // the first reading wakes the ticker: precise
		assertThat(clock.isTicking()).isFalse();
		long tick = start + TICK;
		assertThat(clock.tick(tick)).isTrue();

		assertThat(clock.isTicking()).isTrue();
		assertThat(clock.nanos()).isEqualTo(tick & ~7L).isEqualTo(clock.nanos());
		clock.tick(tick + TICK);
		assertThat(clock.nanos()).isEqualTo((tick + TICK) & ~7L);
	}

	@Test
	void aReadingIsNeverAheadOfTheSystemClock() {
		CoarseClock clock = new CoarseClock(false);
		clock.nanos();
		for (int i = 0; i < 1000; i++) {
			clock.tick(System.nanoTime());
			long coarse = clock.nanos();
			assertThat(coarse).isLessThanOrEqualTo(System.nanoTime());
		}
	}

	@Test
	void aLateTickFallsBackToThePreciseClockUntilTheTickerKeptTimeAgain() {
		CoarseClock clock = new CoarseClock(false);
		long now = clock.nanos();
		clock.tick(now);
		assertThat(clock.isTicking()).isTrue();

		now += TICK + CoarseClock.STALE_NANOS + 1;
		clock.tick(now);
		assertThat(clock.isTicking()).as("stalled: precise").isFalse();
		long before = System.nanoTime();
		assertThat(clock.nanos()).as("System.nanoTime()").isGreaterThanOrEqualTo(before);
		for (int i = 1; i < CoarseClock.RECOVERY_TICKS; i++) {
			now += TICK;
			clock.tick(now);
			assertThat(clock.isTicking()).as("after %d punctual ticks", i).isFalse();
		}
		now += TICK;
		clock.tick(now);
		assertThat(clock.isTicking()).isTrue();
		assertThat(clock.nanos()).isEqualTo(now & ~7L);
	}

	@Test
	void theTickerEndsWhenNobodyReadsAndTheNextReadingStartsItAgain() {
		CoarseClock clock = new CoarseClock(false);
		long now = clock.nanos();
		int ticks = 0;
		boolean ticking = true;
		while (ticking && ticks < 10 * CoarseClock.IDLE_TICKS) {
			now += TICK;
			ticking = clock.tick(now);
			ticks++;
			if (ticks == 1000) {
				clock.nanos(); // a reading: the idle count starts again at the next tick
			}
		}
		assertThat(ticks).isEqualTo(1000 + 1 + CoarseClock.IDLE_TICKS);
		assertThat(clock.isTicking()).isFalse();

		long before = System.nanoTime();
		assertThat(clock.nanos()).as("precise while no ticker runs").isGreaterThanOrEqualTo(before);
		clock.tick(before);
		assertThat(clock.isTicking()).as("started again by that reading").isTrue();
	}

	@Test
	void aReadingWhileThePreciseClockIsInUseKeepsTheTicker() {
		CoarseClock clock = new CoarseClock(false);
		long now = clock.nanos();
		for (int i = 0; i < CoarseClock.IDLE_TICKS + 10; i++) {
			now += TICK + CoarseClock.STALE_NANOS + 1; // every tick late: always precise
			assertThat(clock.tick(now)).as("tick %d", i).isTrue();
			assertThat(clock.isTicking()).isFalse();
			clock.nanos();
		}
	}

	@Test
	void theSharedClockTicks() {
		CoarseClock clock = CoarseClock.INSTANCE;
		clock.nanos();
		await().atMost(Duration.ofSeconds(10)).until(clock::isTicking);
		long first = clock.nanos();
		await().atMost(Duration.ofSeconds(10)).until(() -> clock.nanos() != first);
		long later = clock.nanos();
		assertThat(later).isGreaterThan(first).isLessThanOrEqualTo(System.nanoTime());
	}

}
