package io.poolkit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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

	/** Punctual ticks in a row before readings are coarse again after a stall. */
	static final int RECOVERY_TICKS = 100;

	/** Ticks in a row without a reading before the ticker ends. */
	static final int IDLE_TICKS = 30_000;

	/** The clock every pool uses. */
	static final CoarseClock INSTANCE = new CoarseClock(true);

	// The two low bits of the word are flags; a time is published with them cleared,
	// which keeps it at or before the reading it came from.
	private static final long PRECISE = 1;

	private static final long DORMANT = 2;

	private static final long FLAGS = PRECISE | DORMANT;

	private static final VarHandle WORD;

	private static final VarHandle READ;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			WORD = lookup.findVarHandle(CoarseClock.class, "word", long.class);
			READ = lookup.findVarHandle(CoarseClock.class, "read", boolean.class);
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
	 * {@code System.nanoTime()}, {@link #DORMANT} (with it) while no ticker runs. Written
	 * by the ticker, and by the one reader that starts a ticker.
	 */
	private volatile long word = DORMANT | PRECISE;

	/**
	 * Set (opaque) by readers, cleared by the ticker at each tick: whether anyone still
	 * reads the clock. A reader writes it at most once per tick, so the line stays
	 * shared. Cleared every tick rather than every second so that the readers' branch
	 * that sets it is taken while the JIT profiles them: a branch never taken then is
	 * compiled as a trap, and taking it later throws out the compiled code of every
	 * caller it was inlined into.
	 */
	@SuppressWarnings("unused") // accessed through READ
	private boolean read;

	@SuppressWarnings("unused")
	private long q1, q2, q3, q4, q5, q6, q7;

	/** Whether a reading may start a ticker thread (not in tests that tick by hand). */
	private final boolean startsTicker;

	// The ticker's own state: touched by the ticking thread only.
	private long dueNanos;

	private int punctualTicks = RECOVERY_TICKS;

	private int idleTicks;

	CoarseClock(boolean startsTicker) {
		this.startsTicker = startsTicker;
	}

	/**
	 * The time, in {@link System#nanoTime()} terms, to the ticker's resolution; see the
	 * class comment for how far behind it may be.
	 */
	long nanos() {
		long word = this.word;
		if ((word & FLAGS) != 0) {
			return preciseNanos(word);
		}
		// Opaque: nobody orders anything by this flag; the ticker only needs to see it
		// eventually, and a reader writes it only when it is clear.
		if (!(boolean) READ.getOpaque(this)) {
			READ.setOpaque(this, true);
		}
		return word;
	}

	/** Whether readings are coarse now (the ticker runs and keeps time). */
	boolean isTicking() {
		return (this.word & FLAGS) == 0;
	}

	private long preciseNanos(long word) {
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
		READ.setOpaque(this, true);
		if (this.startsTicker) {
			// No inherited thread-locals or context class loader of whichever borrower
			// happens to start it.
			Thread ticker = new Thread(null, this::run, "poolkit-clock", 0, false);
			ticker.setDaemon(true);
			ticker.setContextClassLoader(CoarseClock.class.getClassLoader());
			ticker.start();
		}
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
		if ((boolean) READ.getOpaque(this)) {
			READ.setOpaque(this, false);
			this.idleTicks = 0;
		}
		else if (++this.idleTicks >= IDLE_TICKS) {
			// The next reader finds the flag, reads the precise clock and starts a ticker
			// again.
			this.word = DORMANT | PRECISE;
			return false;
		}
		this.word = (now & ~FLAGS) | ((this.punctualTicks < RECOVERY_TICKS) ? PRECISE : 0);
		return true;
	}

}
