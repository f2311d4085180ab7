package io.poolkit.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounds the cleanup a returned connection needs: a return that calls the driver is armed
 * here with a deadline ({@code validation-timeout}); one still running at its deadline is
 * fired: the returning thread is interrupted and the physical connection aborted. That
 * ends every way a cleanup step can block in the drivers we know: a socket read (a
 * stalled network) fails once the socket is closed, a wait for the driver's lock held by
 * another thread's call ends once that call fails on the closed socket, and pgjdbc's wait
 * for its lock condition (a COPY still in progress) ends on the interrupt.
 * <p>
 * One daemon thread serves every pool in the JVM. Arming is a compare-and-set into a
 * table and a volatile read, disarming one compare-and-set: no allocation, no scheduling
 * (the thread wakes at most once per {@link #TICK_NANOS tick} while returns are armed,
 * and ends after a minute without any). The table entry is also what decides a race
 * between the return ending and its deadline: whoever takes the entry out first wins, so
 * a watchdog that comes late finds nothing and cannot interrupt a thread whose return has
 * ended.
 */
final class ReturnWatchdog {

	/** The watchdog every pool uses. */
	static final ReturnWatchdog INSTANCE = new ReturnWatchdog(4096);

	/**
	 * The watchdog sleeps at most this long, so an armed return whose deadline is later
	 * needs no wake-up.
	 */
	static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** Ticks without any armed return before the thread ends. */
	private static final int IDLE_TICKS = 60;

	private final AtomicReferenceArray<BorrowState> armed;

	private final int mask;

	/** Set while a watchdog thread runs (or is being started). */
	private final AtomicBoolean running = new AtomicBoolean();

	private volatile Thread thread;

	/** When the running thread will next look at the table. */
	private volatile long wakeAtNanos;

	/**
	 * @param capacity returns that can be armed at once, a power of two; more find no
	 * entry and go unwatched
	 */
	ReturnWatchdog(int capacity) {
		this.armed = new AtomicReferenceArray<>(capacity);
		this.mask = capacity - 1;
	}

	/**
	 * Watches the calling thread's return of {@code borrow} until {@link #disarm}. The
	 * caller has set {@link BorrowState#watchDeadline} and
	 * {@link BorrowState#watchThread}.
	 * @return the entry to disarm, or -1 when the table is full (the return goes
	 * unwatched)
	 */
	int arm(BorrowState borrow) {
		int start = System.identityHashCode(borrow.slot);
		for (int probe = 0; probe <= this.mask; probe++) {
			int index = (start + probe) & this.mask;
			if (this.armed.get(index) == null && this.armed.compareAndSet(index, null, borrow)) {
				ensureWatching(borrow.watchDeadline);
				return index;
			}
		}
		return -1;
	}

	/**
	 * Publishing the entry, then reading the watchdog's state, pairs with the watchdog
	 * writing its state, then scanning the table (both volatile): either it sees this
	 * entry or this sees it sleeping too long, or gone, and wakes or starts it.
	 */
	private void ensureWatching(long deadline) {
		if (!this.running.get()) {
			if (this.running.compareAndSet(false, true)) {
				start();
			}
			return;
		}
		if (deadline - this.wakeAtNanos < 0) {
			LockSupport.unpark(this.thread);
		}
	}

	/**
	 * Ends the watch of a return that finished.
	 * @return {@code true} if the return was still the watch's; {@code false} if the
	 * deadline fired first, in which case the connection is being aborted and the
	 * returning thread has been (or is about to be) interrupted (see
	 * {@link BorrowState#awaitWatchdogInterrupt})
	 */
	boolean disarm(BorrowState borrow, int index) {
		return this.armed.compareAndSet(index, borrow, null);
	}

	/**
	 * Fires the watch of {@code borrow} now, if its return is still armed: for
	 * {@code abort()} racing {@code close()}.
	 * @return whether it fired
	 */
	boolean fireNow(BorrowState borrow) {
		for (int index = 0; index <= this.mask; index++) {
			if (this.armed.get(index) == borrow) {
				if (this.armed.compareAndSet(index, borrow, null)) {
					borrow.watchdogFired(true);
					return true;
				}
				return false;
			}
		}
		return false;
	}

	private void start() {
		// No inherited thread-locals or context class loader of whichever borrower
		// happens to start it.
		Thread watchdog = new Thread(null, this::run, "poolkit-return-watchdog", 0, false);
		watchdog.setDaemon(true);
		watchdog.setContextClassLoader(ReturnWatchdog.class.getClassLoader());
		this.thread = watchdog;
		watchdog.start();
	}

	private void run() {
		int idleTicks = 0;
		for (;;) {
			long now = System.nanoTime();
			long delay = scan(now);
			if (delay >= 0) {
				idleTicks = 0;
			}
			else if (++idleTicks >= IDLE_TICKS) {
				this.running.set(false);
				// A return armed just before the flag was cleared may have seen it set.
				if (scan(System.nanoTime()) < 0 || !this.running.compareAndSet(false, true)) {
					return;
				}
				idleTicks = 0;
				continue;
			}
			long next = now + ((delay >= 0 && delay < TICK_NANOS) ? delay : TICK_NANOS);
			this.wakeAtNanos = next;
			// A return armed during the scan above may have read the previous wake-up
			// time.
			now = System.nanoTime();
			delay = scan(now);
			if (delay >= 0 && now + delay - next < 0) {
				continue;
			}
			long sleep = next - System.nanoTime();
			if (sleep > 0) {
				LockSupport.parkNanos(this, sleep);
			}
		}
	}

	/**
	 * Fires the returns past their deadline.
	 * @return nanoseconds from {@code now} to the earliest deadline still armed, or -1
	 * when none is
	 */
	private long scan(long now) {
		long earliest = -1;
		for (int index = 0; index <= this.mask; index++) {
			BorrowState borrow = this.armed.get(index);
			if (borrow == null) {
				continue;
			}
			long delay = borrow.watchDeadline - now;
			if (delay <= 0) {
				if (this.armed.compareAndSet(index, borrow, null)) {
					borrow.watchdogFired(false);
				}
			}
			else if (earliest < 0 || delay < earliest) {
				earliest = delay;
			}
		}
		return earliest;
	}

}
