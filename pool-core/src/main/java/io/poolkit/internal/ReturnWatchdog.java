package io.poolkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounds the cleanup a returned connection needs: a return that calls the driver is armed
 * with a deadline ({@code validation-timeout}); one still running at its deadline is
 * fired: the returning thread is interrupted and the physical connection aborted. That
 * ends every way a cleanup step can block in the drivers we know: a socket read (a
 * stalled network) fails once the socket is closed, a wait for the driver's lock held by
 * another thread's call ends once that call fails on the closed socket, and pgjdbc's wait
 * for its lock condition (a COPY still in progress) ends on the interrupt.
 * <p>
 * The watch lives on the slot: arming writes the slot's own fields (a release store, no
 * fence, nothing another thread writes), disarming is a compare-and-set on the slot, so a
 * return writes nothing shared. The slot's watch is also what decides a race between the
 * return ending and its deadline: whoever takes it first wins, so a watchdog that comes
 * late finds nothing and cannot interrupt a thread whose return has ended. The watch
 * holds the return's number, not its borrow (a young object, whose store into the slot
 * would cost a card mark), so a late watchdog or abort cannot take a later return's watch
 * either.
 * <p>
 * One daemon thread serves every pool in the JVM: it scans the slots that were ever armed
 * (each joins once, at its first armed return, and leaves once retired) and sleeps until
 * the earliest deadline, but never longer than the shortest {@code validation-timeout}
 * among them nor {@link #TICK_NANOS}: a return armed just after a scan has a deadline at
 * least that far off, so it needs no wake-up. The thread ends when no slot is left to
 * watch.
 */
final class ReturnWatchdog {

	/** The watchdog every pool uses. */
	static final ReturnWatchdog INSTANCE = new ReturnWatchdog();

	/** The longest the watchdog sleeps between two scans. */
	static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** Slots armed for the first time, for the watchdog to take into its list. */
	private final ConcurrentLinkedQueue<ConnectionSlot> joining = new ConcurrentLinkedQueue<>();

	/** Set while a watchdog thread runs (or is being started). */
	private final AtomicBoolean running = new AtomicBoolean();

	/** The slots scanned; the watchdog thread's own. */
	private final List<ConnectionSlot> slots = new ArrayList<>();

	private volatile Thread thread;

	/**
	 * Watches the calling thread's return of {@code borrow} until {@link #disarm}.
	 * @param deadlineNanos when the return must have ended, in {@link System#nanoTime()}
	 * terms
	 */
	void arm(BorrowState borrow, long deadlineNanos) {
		ConnectionSlot slot = borrow.slot;
		long number = ++slot.watches;
		borrow.watchArmed = true;
		slot.watchDeadline = deadlineNanos;
		Thread thread = Thread.currentThread();
		if (slot.watchThread != thread) {
			slot.watchThread = thread; // mostly the same thread: no card mark then
		}
		slot.watchFiredByAbort = false;
		slot.publishWatch(number);
		if (!slot.isWatchJoined() && slot.joinWatch()) {
			join(slot);
		}
	}

	/**
	 * Ends the watch of a return that finished.
	 * @return {@code true} if the return was still the watch's; {@code false} if the
	 * deadline fired first, in which case the connection is being aborted and the
	 * returning thread has been (or is about to be) interrupted (see
	 * {@link ReturnCleanup#awaitWatchdogInterrupt})
	 */
	boolean disarm(BorrowState borrow) {
		ConnectionSlot slot = borrow.slot;
		// Its own return's number, or 0 once fired: the slot is not released before
		// this, so no later return can be armed yet.
		boolean ended = slot.endWatch(slot.watch());
		borrow.watchArmed = false;
		return ended;
	}

	/**
	 * Fires the watch of {@code borrow} now, if its return is still armed: for
	 * {@code abort()} racing {@code close()}.
	 * @return whether it fired
	 */
	boolean fireNow(BorrowState borrow) {
		ConnectionSlot slot = borrow.slot;
		// The watch, then whether it is this borrow's: a later return's watch is
		// published after this borrow's return cleared watchArmed and released the
		// slot, so a reader that saw that watch sees watchArmed cleared.
		long number = slot.watch();
		if (number != 0 && borrow.watchArmed && slot.endWatch(number)) {
			fired(slot, true);
			return true;
		}
		return false;
	}

	/**
	 * Run by the watchdog (or an {@code abort()} racing the return) after it took the
	 * watch: interrupts the returning thread, then aborts the physical connection.
	 */
	private static void fired(ConnectionSlot slot, boolean byAbort) {
		slot.watchFiredByAbort = byAbort;
		slot.watchThread.interrupt();
		// Before watchFired: the returning thread then retires the slot, which must see
		// it aborted.
		ConnectionAborter.abortInBackground(slot);
		slot.watchFired = true;
	}

	/**
	 * Adds a slot to the scan, once in its life: the only shared write of the watch. The
	 * queue's add (a full fence) then the read of {@link #running} pairs with the thread
	 * clearing {@link #running} then looking at the queue, so a slot never joins a
	 * watchdog that is just ending without it.
	 */
	private void join(ConnectionSlot slot) {
		this.joining.add(slot);
		if (!this.running.get() && this.running.compareAndSet(false, true)) {
			start();
			return;
		}
		// Its first armed return may be due before the watchdog's next scan.
		LockSupport.unpark(this.thread);
	}

	/** Whether a watchdog thread runs: for tests. */
	boolean isRunning() {
		return this.running.get();
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
		for (;;) {
			long sleep = scan(System.nanoTime());
			if (sleep < 0) {
				this.running.set(false);
				// A slot that joined just before the flag was cleared may have seen it
				// set.
				if (this.joining.isEmpty() || !this.running.compareAndSet(false, true)) {
					return;
				}
				continue;
			}
			LockSupport.parkNanos(this, sleep);
		}
	}

	/**
	 * Fires the returns past their deadline and drops the slots retired since.
	 * @return how long to sleep before the next scan, or -1 when no slot is left
	 */
	private long scan(long now) {
		for (ConnectionSlot joined; (joined = this.joining.poll()) != null;) {
			this.slots.add(joined);
		}
		// A retired slot is never armed again.
		this.slots.removeIf((slot) -> slot.watch() == 0 && slot.state() == ConnectionSlot.REMOVED);
		long sleep = TICK_NANOS;
		for (ConnectionSlot slot : this.slots) {
			long watch = slot.watch();
			// Read after the watch: its own deadline or a later return's, never an
			// earlier one.
			long delay = slot.watchDeadline - now;
			if (watch != 0 && delay <= 0 && slot.endWatch(watch)) {
				fired(slot, false);
			}
			else if (watch != 0 && delay > 0) {
				sleep = Math.min(sleep, delay);
			}
			sleep = Math.min(sleep, slot.pool.validationTimeoutNanos());
		}
		return this.slots.isEmpty() ? -1 : sleep;
	}

}
