package io.poolkit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One borrower parked in the {@link WaiterQueue}. Its outcome is decided once, by
 * compare-and-set: handed a slot, or cancelled by the borrower itself (timeout,
 * interrupt, or it found an idle slot on its own).
 */
final class Waiter {

	private static final Object WAITING = new Object();

	private static final Object CANCELLED = new Object();

	private static final VarHandle OUTCOME;

	static {
		try {
			OUTCOME = MethodHandles.lookup().findVarHandle(Waiter.class, "outcome", Object.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	final Thread thread;

	final long sinceNanos;

	/** When the waiter gives up waiting, in {@link System#nanoTime()}. */
	final long deadlineNanos;

	@SuppressWarnings("unused") // accessed through OUTCOME
	private volatile Object outcome = WAITING;

	/**
	 * Set by a releaser that woke this waiter to look for an idle slot, cleared by the
	 * waiter before it looks; while set, further releases skip the unpark (a system call)
	 * the waiter would not need.
	 */
	private volatile boolean woken;

	/**
	 * Whether a release owes this waiter the next slot instead of letting a running
	 * thread take it: set by the waiter itself once it has waited
	 * {@link Pool#HANDOFF_BOUND_NANOS} or lost a slot it was woken for, or by the
	 * hand-off that made it the oldest (see {@link SlotWait}).
	 */
	private volatile boolean handOffDue;

	Waiter(Thread thread, long sinceNanos, long deadlineNanos) {
		this.thread = thread;
		this.sinceNanos = sinceNanos;
		this.deadlineNanos = deadlineNanos;
	}

	boolean isWaiting() {
		return this.outcome == WAITING;
	}

	/**
	 * Wakes the waiter to look for an idle slot itself. The caller made its slot idle
	 * before (a volatile write); the waiter clears {@link #woken} before it looks, so a
	 * wake skipped here is one the waiter's look still covers.
	 */
	void wake() {
		if (!this.woken) {
			this.woken = true;
			LockSupport.unpark(this.thread);
		}
	}

	/**
	 * Called by the waiter before it looks for an idle slot.
	 * @return whether a release woke it since it last looked
	 */
	boolean clearWoken() {
		if (this.woken) {
			this.woken = false;
			return true;
		}
		return false;
	}

	boolean isHandOffDue() {
		return this.handOffDue;
	}

	void markHandOffDue() {
		if (!this.handOffDue) {
			this.handOffDue = true;
		}
	}

	/** Offers a slot; fails when the waiter already has one or gave up. */
	boolean offer(ConnectionSlot slot) {
		if (OUTCOME.compareAndSet(this, WAITING, slot)) {
			LockSupport.unpark(this.thread);
			return true;
		}
		return false;
	}

	/**
	 * Gives up waiting.
	 * @return {@code null} when cancelled, or the slot that was handed over first and now
	 * belongs to the caller
	 */
	ConnectionSlot cancel() {
		Object witness = OUTCOME.compareAndExchange(this, WAITING, CANCELLED);
		return (witness == WAITING || witness == CANCELLED) ? null : (ConnectionSlot) witness;
	}

	/** The slot handed over, or {@code null}. */
	ConnectionSlot handedSlot() {
		Object current = this.outcome;
		return (current instanceof ConnectionSlot slot) ? slot : null;
	}

}
