package io.poolkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Attacks on the {@link CoarseClock}'s flag word: a ticker that cannot be started, many
 * readers racing for the start and with the tick that ends the ticker, and readers racing
 * the ticks. The test thread is the ticker; the tickers the clock "starts" are counted,
 * never run.
 */
@Timeout(120)
class CoarseClockAttackTest {

	private static final long TICK = CoarseClock.TICK_NANOS;

	private static final int READERS = 2;

	/** Counts the tickers a clock starts; each one a thread that ends at once. */
	private static final class CountingTickers implements ThreadFactory {

		final AtomicInteger started = new AtomicInteger();

		volatile boolean fail;

		@Override
		public Thread newThread(Runnable run) {
			if (this.fail) {
				throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
			}
			this.started.incrementAndGet();
			return new Thread(() -> {
			});
		}

	}

	@Test
	void aTickerThatCannotStartLeavesTheClockPreciseAndTheNextReadingTriesAgain() {
		CountingTickers tickers = new CountingTickers();
		tickers.fail = true;
		CoarseClock clock = new CoarseClock(tickers);
		long before = System.nanoTime();
		AtomicReference<Long> reading = new AtomicReference<>();
		assertThatNoException().as("a borrow or return reading the clock").isThrownBy(() -> reading.set(clock.nanos()));
		assertThat(reading.get()).isGreaterThanOrEqualTo(before);
		assertThat(clock.isTicking()).isFalse();

		tickers.fail = false;
		clock.nanos();
		assertThat(tickers.started).as("started by a later reading").hasValue(1);
		clock.tick(System.nanoTime());
		assertThat(clock.isTicking()).isTrue();
	}

	@Test
	void readersRacingForTheStartStartOneTickerAndRacingTheEndRestartIt() throws Exception {
		CountingTickers tickers = new CountingTickers();
		CoarseClock clock = new CoarseClock(tickers);
		CyclicBarrier barrier = new CyclicBarrier(READERS + 1);
		AtomicBoolean done = new AtomicBoolean();
		AtomicInteger go = new AtomicInteger();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		List<Thread> readers = new ArrayList<>();
		for (int i = 0; i < READERS; i++) {
			Thread reader = new Thread(() -> {
				try {
					int phase = 0;
					while (true) {
						barrier.await();
						if (done.get()) {
							return;
						}
						// Spin, not block, to the reading: the readers load the word
						// together, not one wake-up apart.
						phase++;
						while (go.get() < phase) {
							Thread.onSpinWait();
						}
						clock.nanos();
						barrier.await();
					}
				}
				catch (Throwable ex) {
					failure.compareAndSet(null, ex);
				}
			});
			reader.start();
			readers.add(reader);
		}
		int ends = 0;
		long now = System.nanoTime();
		try {
			for (int round = 0; round < 1000; round++) {
				// Each round the readers race the start of a ticker, then (the test
				// thread ticking for it, nobody reading) race the tick that ends it.
				barrier.await();
				go.incrementAndGet();
				barrier.await();
				assertThat(tickers.started).as("round %d: one start per dormant clock", round).hasValue(ends + 1);
				// The ticker ends at the (IDLE_TICKS + 1)th tick after the start: the
				// readers race that one.
				for (int i = 0; i < CoarseClock.IDLE_TICKS; i++) {
					now += TICK;
					assertThat(clock.tick(now)).isTrue();
				}
				barrier.await();
				go.incrementAndGet();
				now += TICK;
				boolean ticking = clock.tick(now);
				barrier.await();
				if (!ticking) {
					ends++;
				}
				assertThat(tickers.started).as("round %d: started again only by readings after the end", round)
					.hasValueLessThanOrEqualTo(ends + 1);
				clock.nanos();
				assertThat(tickers.started).as("round %d: a ticker after every end", round).hasValue(ends + 1);
				// Idle to the end, so that the next round races a dormant clock.
				while (clock.tick(now += TICK)) {
				}
				ends++;
			}
			done.set(true);
			barrier.await();
		}
		finally {
			done.set(true);
			barrier.reset();
			for (Thread reader : readers) {
				reader.join();
			}
		}
		assertThat(failure.get()).isNull();
	}

}
