package io.poolkit.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes the waiters of a {@link WaiterQueue} at their deadline, so that a waiter can park
 * without a timeout of its own. A virtual thread's timed park schedules a task on the
 * JDK's timer and cancels it when unparked first; in a queue where nearly every waiter is
 * handed a connection long before its deadline, parking without a timeout raised the
 * throughput with 10,000 virtual threads on 8 connections by about a fifth
 * (pool-benchmarks' profile notes).
 * <p>
 * One thread per pool, started by the first waiter that needs it, parks until the
 * deadline it is armed for, then wakes every waiter past its deadline and arms itself for
 * the earliest deadline of the others. A waiter whose deadline comes before the armed one
 * lowers it. The thread parks on {@link System#nanoTime()}, as a waiter's own timed park
 * would; the waiter then needs one wake-up more to run, which only a borrow that times
 * out pays. Thread-safe.
 */
final class DeadlineWaker {

	/** The deadline the thread wakes at, in {@link System#nanoTime()}. */
	private record Alarm(long at) {
	}

	/** While the thread scans: a waiter that parks then keeps a timeout of its own. */
	private static final Alarm SCANNING = new Alarm(0);

	/** {@code null} while no waiter relies on the thread. */
	private final AtomicReference<Alarm> alarm = new AtomicReference<>();

	private final Iterable<Waiter> waiters;

	private final Thread thread;

	private final AtomicBoolean started = new AtomicBoolean();

	private volatile boolean stopped;

	DeadlineWaker(String poolName, Iterable<Waiter> waiters) {
		this.waiters = waiters;
		// No inherited thread-locals or context class loader of whichever borrower starts
		// it.
		this.thread = new Thread(null, this::run, "poolkit-" + poolName + "-deadlines", 0, false);
		this.thread.setDaemon(true);
		this.thread.setContextClassLoader(DeadlineWaker.class.getClassLoader());
	}

	/**
	 * Whether this waker will wake a queued waiter by its deadline, arming it earlier
	 * when needed. The waiter must be in the queue before it asks, so that the next scan
	 * sees it.
	 * @param deadline the waiter's deadline, in {@link System#nanoTime()}
	 * @return {@code false} while the waker scans and once it stopped: the waiter then
	 * parks with a timeout of its own
	 */
	boolean wakes(long deadline) {
		for (;;) {
			Alarm armed = this.alarm.get();
			if (armed == SCANNING || this.stopped) {
				return false;
			}
			if (armed != null && armed.at - deadline <= 0) {
				return true;
			}
			if (this.alarm.compareAndSet(armed, new Alarm(deadline))) {
				if (!this.started.get() && this.started.compareAndSet(false, true) && !start()) {
					return false;
				}
				LockSupport.unpark(this.thread);
				return true;
			}
		}
	}

	/**
	 * Starts the thread; when the JVM cannot start one more, stops instead and wakes the
	 * waiters, which then park with timeouts of their own.
	 */
	private boolean start() {
		try {
			this.thread.start();
			return true;
		}
		catch (OutOfMemoryError ex) { // "unable to create native thread"
			stopAndWakeWaiters();
			return false;
		}
	}

	/**
	 * Stops for good and wakes every waiter: those that parked relying on this waker park
	 * again with a timeout of their own. The flag is set before the waiters are read, and
	 * a waiter asks after it joined the queue, so each one either is woken or sees it.
	 */
	private void stopAndWakeWaiters() {
		this.stopped = true;
		this.waiters.forEach((waiter) -> LockSupport.unpark(waiter.thread));
	}

	/** Ends the thread; waiters that park from now on keep a timeout of their own. */
	void stop() {
		this.stopped = true;
		LockSupport.unpark(this.thread);
	}

	private void run() {
		try {
			tickUntilStopped();
		}
		finally {
			// Also when an Error (an OutOfMemoryError in the scan) ends the thread: no
			// waiter may stay parked on a waker that is gone.
			stopAndWakeWaiters();
		}
	}

	private void tickUntilStopped() {
		while (!this.stopped) {
			Thread.interrupted(); // an interrupt would turn every park into a spin
			Alarm armed = this.alarm.get();
			long now = System.nanoTime();
			if (armed == null) {
				LockSupport.park(this);
			}
			else if (armed.at - now > 0) {
				LockSupport.parkNanos(this, armed.at - now);
			}
			else if (this.alarm.compareAndSet(armed, SCANNING)) {
				this.alarm.set(wakeExpired(now));
			}
		}
	}

	/**
	 * Wakes every waiter whose deadline has come; each finds it out itself.
	 * @return the alarm for the earliest deadline of the others, or {@code null}
	 */
	private Alarm wakeExpired(long now) {
		Waiter earliest = null;
		for (Waiter waiter : this.waiters) {
			if (!waiter.isWaiting()) {
				continue;
			}
			if (waiter.deadlineNanos - now <= 0) {
				LockSupport.unpark(waiter.thread);
			}
			else if (earliest == null || waiter.deadlineNanos - earliest.deadlineNanos < 0) {
				earliest = waiter;
			}
		}
		return (earliest != null) ? new Alarm(earliest.deadlineNanos) : null;
	}

}
