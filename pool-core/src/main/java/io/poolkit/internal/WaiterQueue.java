package io.poolkit.internal;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Borrowers waiting for a connection, in arrival order. A waiter is only ever handed a
 * slot by compare-and-set, so a slot offered to a waiter that timed out at the same
 * instant is never lost: the offer fails and the slot goes to the next waiter.
 */
final class WaiterQueue implements Iterable<Waiter> {

	private final ConcurrentLinkedQueue<Waiter> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final DeadlineWaker deadlines;

	WaiterQueue(String poolName) {
		this.deadlines = new DeadlineWaker(poolName, this);
	}

	/**
	 * Joins the queue; the caller must look for an idle slot once more afterwards, so no
	 * release is missed.
	 * @param deadlineNanos when the caller gives up waiting, in {@link System#nanoTime()}
	 */
	Waiter enqueue(long nowNanos, long deadlineNanos) {
		Waiter waiter = new Waiter(Thread.currentThread(), nowNanos, deadlineNanos);
		size.incrementAndGet();
		queue.add(waiter);
		return waiter;
	}

	/**
	 * Parks a queued waiter until it is woken or {@code wakeAtNanos} comes. Until its
	 * deadline it parks without a timeout and the {@link DeadlineWaker} wakes it then
	 * (see there why); until an earlier instant, with a timeout.
	 */
	void park(Waiter waiter, long wakeAtNanos, long nowNanos) {
		if (wakeAtNanos == waiter.deadlineNanos && this.deadlines.wakes(wakeAtNanos)) {
			LockSupport.park(this);
		}
		else {
			LockSupport.parkNanos(this, wakeAtNanos - nowNanos);
		}
	}

	/** Stops the deadline waker thread when the pool closes. */
	void close() {
		this.deadlines.stop();
	}

	@Override
	public Iterator<Waiter> iterator() {
		return this.queue.iterator();
	}

	/** Leaves the queue after being served or giving up. */
	void remove(Waiter waiter) {
		if (queue.remove(waiter)) {
			size.decrementAndGet();
		}
	}

	int size() {
		return size.get();
	}

	boolean isEmpty() {
		return size.get() == 0;
	}

	/** The oldest waiter still waiting, or {@code null}. */
	Waiter oldest() {
		Waiter waiter;
		while ((waiter = queue.peek()) != null && !waiter.isWaiting()) {
			remove(waiter);
		}
		return waiter;
	}

	/**
	 * Hands the slot to the oldest waiter that takes it.
	 * @return whether a waiter took it
	 */
	boolean handOff(ConnectionSlot slot) {
		Waiter waiter;
		while ((waiter = queue.poll()) != null) {
			size.decrementAndGet();
			if (waiter.offer(slot)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Hands the slot to {@code judged}, the oldest waiter the caller judged owed it, and
	 * to no other: when that one took a slot meanwhile or gave up, the waiter now oldest
	 * may not be owed one (not yet past its bound), and the caller judges it afresh
	 * rather than handing it the slot a running thread could take.
	 * @return whether {@code judged} took it
	 */
	boolean handOff(ConnectionSlot slot, Waiter judged) {
		if (!judged.offer(slot)) {
			return false;
		}
		remove(judged);
		return true;
	}

	/**
	 * Makes the new oldest waiter keep its bound. Called whenever the oldest waiter
	 * leaves: after a hand-off (the only release that reads {@code System.nanoTime()})
	 * and when it leaves by itself (a slot claimed, a timeout, an interrupt). The waiter
	 * next in line parked while it was not the oldest, so without a wake-up at its bound:
	 * if it is past the bound already, its hand-off is marked due and it is handed the
	 * next slot rather than woken to race for it; if not, it is unparked (not marked
	 * woken) to park again until its bound, as the oldest does.
	 */
	void oldestLeft() {
		Waiter waiter = oldest();
		if (waiter == null || waiter.isHandOffDue()) {
			return;
		}
		if (System.nanoTime() - waiter.sinceNanos >= Pool.HANDOFF_BOUND_NANOS) {
			waiter.markHandOffDue();
		}
		else {
			LockSupport.unpark(waiter.thread);
		}
	}

	/** Wakes the oldest waiter so it looks for an idle slot itself. */
	void signalOldest() {
		Waiter waiter = oldest();
		if (waiter != null) {
			waiter.wake();
		}
	}

	/** Wakes every waiter (shutdown, resume): each re-checks the pool's state. */
	void signalAll() {
		for (Waiter waiter : this) {
			LockSupport.unpark(waiter.thread);
		}
	}

}
