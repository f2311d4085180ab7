package io.poolkit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The time for the borrow and return fast path: {@link System#nanoTime()} as a daemon
 * ticker last read it, about every {@link #TICK_NANOS millisecond}. Reading it is one
 * load; {@code System.nanoTime()} costs 20 to 40 ns on some virtual machines, more than
 * the rest of a borrow and return together.
 * <p>
 * What it feeds has a resolution of one tick: the hold time of each borrow, when a slot
 * was last used and last known alive, the lifetime check, and when a borrow began (leak
 * detection, {@code borrowedConnections()}). A hold time is the difference of two ticking
 * readings, so each one is a whole number of ticks, but its mean (and so the pool's total
 * hold time) is exact: a borrow's start and end fall at random phases of the tick.
 * Nothing that bounds a waiting borrower reads it: deadlines, {@code connection-timeout}
 * and the hand-off bound use {@code System.nanoTime()}.
 * <p>
 * A reading is never ahead of {@code System.nanoTime()}, and behind it by less than a
 * tick while the ticker keeps time. If the ticker wakes more than {@link #STALE_NANOS}
 * late (the machine is overloaded, the JVM paused it), readings fall back to
 * {@code System.nanoTime()} until the ticker has kept time for {@link #RECOVERY_TICKS}
 * ticks in a row; a stall still under way shows as readings up to that stall old. The
 * ticker is one thread for the JVM; it ends after {@link #IDLE_TICKS} ticks (30 s)
 * without a reading, and the next reading (precise) starts it again.
 */
final class CoarseClock {

	/** How often the ticker reads the clock. */
	static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	/**
	 * A tick this late means the ticker stalled: readers go back to the precise clock.
	 */
	static final long STALE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	/**
	 * Punctual ticks in a row before readings are coarse again after a stall. Short: on a
	 * machine loaded enough to stall the ticker that happens about once a second, and
	 * each reading while precise costs a {@code System.nanoTime()} (a hundred ticks cost
	 * a tenth of the 32-thread query cycle's throughput).
	 */
	static final int RECOVERY_TICKS = 10;

	/** Ticks in a row without a reading before the ticker ends. */
	static final int IDLE_TICKS = 30_000;

	/** The clock every pool uses. */
	static final CoarseClock INSTANCE = new CoarseClock(CoarseClock::newTicker);

	// The three low bits of the word are flags; a time is published with them cleared,
	// which keeps it at or before the reading it came from.
	private static final long PRECISE = 1;

	private static final long DORMANT = 2;

	private static final long UNREAD = 4;

	private static final long FLAGS = PRECISE | DORMANT | UNREAD;

	private static final VarHandle WORD;

	static {
		try {
			WORD = MethodHandles.lookup().findVarHandle(CoarseClock.class, "word", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	// Padding, so that the word the readers load shares its cache line with nothing
	// written by other code.
	@SuppressWarnings("unused")
	private long p1, p2, p3, p4, p5, p6, p7;

	/**
	 * The last tick's time, or the flags: {@link #PRECISE} while readers must read
	 * {@code System.nanoTime()}, {@link #DORMANT} (with it) while no ticker runs,
	 * {@link #UNREAD} from a tick until a reader clears it (how the ticker knows the
	 * clock is still read). Written by the ticker, by the one reader that starts a ticker
	 * and, by compare-and-set, by the first reader after each tick.
	 * <p>
	 * One flag word and one branch for all three: the branch is taken by a reader at
	 * every tick, so it is in the JIT's profile when the borrow path is compiled. A
	 * branch never taken while profiled (the fall-back to the precise clock, which comes
	 * only with a stall) is compiled as a trap, and taking it later throws out the
	 * compiled code of every caller it was inlined into: under load, seconds of
	 * interpreted borrows.
	 */
	private volatile long word = DORMANT | PRECISE;

	@SuppressWarnings("unused")
	private long q1, q2, q3, q4, q5, q6, q7;

	/**
	 * Makes the ticker thread a reading starts; {@code null} in tests that tick by hand.
	 */
	private final ThreadFactory tickers;

	// The ticker's own state: touched by the ticking thread only.
	private long dueNanos;

	private int punctualTicks = RECOVERY_TICKS;

	private int idleTicks;

	CoarseClock(boolean startsTicker) {
		this(startsTicker ? CoarseClock::newTicker : null);
	}

	/**
	 * A clock whose readings start tickers made by {@code tickers} (a test's, to count
	 * them or to fail), or that never starts one ({@code null}).
	 */
	CoarseClock(ThreadFactory tickers) {
		this.tickers = tickers;
	}

	/**
	 * The time, in {@link System#nanoTime()} terms, to the ticker's resolution; see the
	 * class comment for how far behind it may be.
	 */
	long nanos() {
		long word = this.word;
		return ((word & FLAGS) == 0) ? word : flaggedNanos(word);
	}

	/** Whether readings are coarse now (the ticker runs and keeps time). */
	boolean isTicking() {
		return (this.word & (PRECISE | DORMANT)) == 0;
	}

	private long flaggedNanos(long word) {
		if ((word & UNREAD) != 0) {
			// The first reader since the tick; losing the race to another reader or to
			// the next tick is fine, either way the ticker sees a reading soon.
			WORD.compareAndSet(this, word, word & ~UNREAD);
		}
		if ((word & (PRECISE | DORMANT)) == 0) {
			return word & ~FLAGS;
		}
		long now = System.nanoTime();
		if ((word & DORMANT) != 0 && WORD.compareAndSet(this, word, PRECISE)) {
			// This reader won the start: the ticker publishes its first tick at once.
			wake(now);
		}
		return now;
	}

	private void wake(long now) {
		this.dueNanos = now;
		this.punctualTicks = RECOVERY_TICKS;
		this.idleTicks = 0;
		if (this.tickers != null) {
			try {
				this.tickers.newThread(this::run).start();
			}
			catch (Throwable ex) {
				// Most likely "unable to create native thread". Not thrown at the
				// borrower or the return that read the clock (it would lose the slot
				// taken or returned); the clock stays precise and dormant, so a later
				// reading tries to start a ticker again. The plain write races with no
				// other: no ticker runs, and no reader CASes a word that is PRECISE
				// alone.
				this.word = DORMANT | PRECISE;
			}
		}
	}

	/**
	 * The ticker thread: no inherited thread-locals or context class loader of whichever
	 * borrower happens to start it.
	 */
	private static Thread newTicker(Runnable run) {
		Thread ticker = new Thread(null, run, "poolkit-clock", 0, false);
		ticker.setDaemon(true);
		ticker.setContextClassLoader(CoarseClock.class.getClassLoader());
		return ticker;
	}

	private void run() {
		while (tick(System.nanoTime())) {
			LockSupport.parkNanos(this, TICK_NANOS);
		}
	}

	/**
	 * One tick of the ticker (or of a test): publishes {@code now}, or the fall-back to
	 * the precise clock when this tick came late, and ends the ticker if nobody read the
	 * clock for {@link #IDLE_TICKS} ticks.
	 * @param now {@code System.nanoTime()} as the ticker read it
	 * @return whether to keep ticking
	 */
	boolean tick(long now) {
		if (now - this.dueNanos > STALE_NANOS) {
			this.punctualTicks = 0;
		}
		else if (this.punctualTicks < RECOVERY_TICKS) {
			this.punctualTicks++;
		}
		this.dueNanos = now + TICK_NANOS;
		if ((this.word & UNREAD) == 0) {
			this.idleTicks = 0;
		}
		else if (++this.idleTicks >= IDLE_TICKS) {
			// The next reader finds the flag, reads the precise clock and starts a ticker
			// again.
			this.word = DORMANT | PRECISE;
			return false;
		}
		this.word = (now & ~FLAGS) | UNREAD | ((this.punctualTicks < RECOVERY_TICKS) ? PRECISE : 0);
		return true;
	}

}
