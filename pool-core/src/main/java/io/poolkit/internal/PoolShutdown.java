package io.poolkit.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.poolkit.CloseReason;

/**
 * Ending the {@link Pool}'s connections: {@link #close()} for good, {@link #drain} until
 * the pool resumes. Both close idle connections now and borrowed ones as they come back;
 * close aborts what is still borrowed at {@code shutdown-timeout}.
 */
final class PoolShutdown {

	private final Pool pool;

	/** The thread waiting in {@link #close()} for borrowed connections to come back. */
	private volatile Thread closer;

	/** Set by the one caller of {@link #close()} that does the closing. */
	private final AtomicBoolean closing = new AtomicBoolean();

	/**
	 * Completed when that caller is done; the other callers wait for it with
	 * {@code join}, which an interrupt does not cut short (the close is bounded by
	 * shutdown-timeout) but which keeps the interrupt.
	 */
	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	/** That caller, while it closes: a call from inside its close returns at once. */
	private volatile Thread closingThread;

	PoolShutdown(Pool pool) {
		this.pool = pool;
	}

	/** Called when a slot was retired: the closer may be waiting for the last ones. */
	void slotRetired() {
		Thread waitingCloser = this.closer;
		if (waitingCloser != null) {
			LockSupport.unpark(waitingCloser);
		}
	}

	/** @see Pool#close() */
	void close() {
		if (!this.closing.compareAndSet(false, true)) {
			if (this.closingThread != Thread.currentThread()) {
				this.closed.join();
			}
			return;
		}
		Pool pool = this.pool;
		this.closingThread = Thread.currentThread();
		this.closer = Thread.currentThread();
		pool.markClosed();
		try {
			pool.wakeEveryWaiter();
			retireIdle(CloseReason.SHUTDOWN);
			long deadline = System.nanoTime() + pool.config.shutdownTimeout().toNanos();
			while (pool.slots().length > 0) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					break;
				}
				retireIdle(CloseReason.SHUTDOWN);
				LockSupport.parkNanos(pool, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
			}
			for (ConnectionSlot slot : pool.slots()) {
				slot.markBroken();
				ConnectionAborter.abortInBackground(slot);
				pool.retire(slot, CloseReason.SHUTDOWN);
			}
		}
		finally {
			this.closer = null;
			try {
				pool.creator().shutdown();
				pool.housekeeper().shutdown();
			}
			finally {
				this.closingThread = null;
				this.closed.complete(null);
			}
		}
	}

	/**
	 * Marks every connection to retire: idle ones now, borrowed ones when returned.
	 */
	void evictEvery() {
		retireIdle(CloseReason.EVICTED);
	}

	/**
	 * Retires the idle slots; with {@code EVICTED}, marks the borrowed ones to retire
	 * too.
	 */
	private void retireIdle(CloseReason reason) {
		for (ConnectionSlot slot : this.pool.slots()) {
			if (reason == CloseReason.EVICTED) {
				slot.evicted = true;
			}
			if (slot.tryRemoveIdle()) {
				this.pool.retire(slot, reason);
			}
		}
	}

	/** @see Pool#drain(long) */
	boolean drain(long timeoutNanos) {
		Pool pool = this.pool;
		long deadline = System.nanoTime() + timeoutNanos;
		for (;;) {
			// Each round: a connect under way when draining began may have added one.
			evictEvery();
			long left = deadline - System.nanoTime();
			ConnectionCreator creator = pool.creator();
			if (pool.slots().length == 0 && creator.inFlight() == 0 && creator.overflowInFlight() == 0) {
				return pool.housekeeper().awaitQueuedCloses(left);
			}
			if (left <= 0) {
				return false;
			}
			LockSupport.parkNanos(pool, Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
		}
	}

}
