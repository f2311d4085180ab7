package io.poolkit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One physical connection held by the pool, and its lending state. The state word is the
 * only thing borrowers race on: a borrow is a compare-and-set from {@link #IDLE} to
 * {@link #IN_USE}.
 */
final class ConnectionSlot {

	static final int IDLE = 0;
	static final int IN_USE = 1;

	/** Taken by the housekeeper (validation, retirement); not lendable. */
	static final int RESERVED = 2;

	/** Closed or being closed; never lendable again. */
	static final int REMOVED = 3;

	private static final VarHandle STATE;

	private static final VarHandle BORROWED_AT;

	private static final VarHandle WATCH;

	private static final VarHandle WATCH_JOINED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			STATE = lookup.findVarHandle(ConnectionSlot.class, "state", int.class);
			BORROWED_AT = lookup.findVarHandle(ConnectionSlot.class, "borrowedAtNanos", long.class);
			WATCH = lookup.findVarHandle(ConnectionSlot.class, "watch", long.class);
			WATCH_JOINED = lookup.findVarHandle(ConnectionSlot.class, "watchJoined", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	final Pool pool;

	final Connection connection;

	final ConnectionDefaults defaults;

	/**
	 * The driver's view of the server session: transaction status, cancel, backend pid.
	 */
	final ServerSession session;

	final long createdNanos;

	/**
	 * When this connection retires: its lifetime less its own random share of the jitter.
	 */
	final long retireAtNanos;

	/** A temporary connection past max-size; closed when returned. */
	final boolean overflow;

	@SuppressWarnings("unused") // accessed through STATE
	private volatile int state = IN_USE;

	/**
	 * Last return (or creation); drives idle-timeout. Read by whoever wins the state CAS
	 * next. A return stamps it from the {@link CoarseClock}.
	 */
	long lastUsedNanos;

	/**
	 * Last time the connection was known to work: a return (from the
	 * {@link CoarseClock}), creation or passed validation.
	 */
	long lastAliveNanos;

	/**
	 * When the current borrow began, from the {@link CoarseClock}; 0 while idle.
	 * Published with release semantics for the leak detector.
	 */
	@SuppressWarnings("unused") // accessed through BORROWED_AT
	private long borrowedAtNanos;

	/**
	 * The borrowing thread; written before {@link #borrowedAtNanos} is published, and
	 * left after the return (meaningful only while that is not 0).
	 */
	Thread holder;

	/**
	 * Borrows of this slot, and how long they held it: written by the owner only, read
	 * for the activity window.
	 */
	long borrows;

	long holdNanos;

	/** Returns of this slot: written by the owner only, read for the pool's totals. */
	long returns;

	/**
	 * The borrowing thread's hint, updated on return so that thread tries this slot first
	 * next time.
	 */
	SlotHint hint;

	/** Where the current borrow came from, when leak detection is on. */
	Throwable borrowSite;

	/** Set once the current borrow has been reported as a leak. */
	volatile boolean leakReported;

	/**
	 * A call showed the connection is gone, or its state could not be restored: close
	 * instead of lending again.
	 */
	private boolean broken;

	/**
	 * Being aborted (see {@link ConnectionAborter}), which closes the connection when it
	 * is done: retiring the slot must not close it first. Set before the slot is retired.
	 */
	volatile boolean aborted;

	/**
	 * Retire when next seen idle or returned ({@code evictAll}, or the server went away).
	 */
	volatile boolean evicted;

	/**
	 * The pool shrank while this was borrowed: retire on return if the pool is still
	 * above its size.
	 */
	volatile boolean trimOnReturn;

	/**
	 * Statements of the current borrow not closed yet past its first (see
	 * {@link BorrowState#track}), oldest first; the array is kept for the slot's next
	 * borrows.
	 */
	StatementProxy[] openStatements;

	/** Statements of the current borrow's thread not closed yet, its first included. */
	int openStatementCount;

	/**
	 * What the current return is doing (see {@code ReturnCleanup.RETURN_STEPS}); read
	 * when it missed its deadline.
	 */
	int returnStep;

	// ---- the return's watch (see ReturnWatchdog): one return at a time, the slot's
	// owner's

	/**
	 * The number of the return watched now, or 0: published with release semantics by the
	 * returning thread after the fields below, taken by compare-and-set by whoever ends
	 * the watch first (the return, its deadline, an abort). A number rather than the
	 * borrow: storing a young object's reference into this long-lived one would cost each
	 * return a card mark (a fence under G1).
	 */
	@SuppressWarnings("unused") // accessed through WATCH
	private volatile long watch;

	/** Returns watched so far: numbers them. Written by the returning thread only. */
	long watches;

	/** When the watched return must have ended, in {@link System#nanoTime()} terms. */
	long watchDeadline;

	/** The thread returning the connection. */
	Thread watchThread;

	/** Set by the watchdog once it has interrupted {@link #watchThread}. */
	volatile boolean watchFired;

	/**
	 * Fired by {@code abort()} rather than the deadline; written before
	 * {@link #watchFired}.
	 */
	boolean watchFiredByAbort;

	/** Set once the slot is among the watchdog's (at its first armed return). */
	@SuppressWarnings("unused") // accessed through WATCH_JOINED
	private boolean watchJoined;

	/** A new slot starts {@link #IN_USE}, owned by its creator until published. */
	ConnectionSlot(Pool pool, Connection connection, ConnectionDefaults defaults, long createdNanos, long retireAtNanos,
			boolean overflow) {
		this.pool = pool;
		this.connection = connection;
		this.defaults = defaults;
		this.createdNanos = createdNanos;
		this.retireAtNanos = retireAtNanos;
		this.overflow = overflow;
		this.session = ServerSession.of(connection);
		this.lastUsedNanos = createdNanos;
		this.lastAliveNanos = createdNanos;
	}

	boolean tryBorrow() {
		return STATE.compareAndSet(this, IDLE, IN_USE);
	}

	boolean tryReserve() {
		return STATE.compareAndSet(this, IDLE, RESERVED);
	}

	boolean tryRemoveIdle() {
		return STATE.compareAndSet(this, IDLE, REMOVED);
	}

	int state() {
		return this.state;
	}

	/**
	 * Publishes the slot as lendable. A volatile store: it must be ordered before the
	 * caller's next look at the waiter queue (see {@link ReturnPath#recycle}).
	 */
	void makeIdleVolatile() {
		STATE.setVolatile(this, IDLE);
	}

	void markRemoved() {
		STATE.setVolatile(this, REMOVED);
	}

	void leaseTo(Thread thread, long nowNanos, Throwable site) {
		// Each reference store into this long-lived object costs a card mark: only the
		// changed ones.
		if (this.holder != thread) {
			this.holder = thread;
		}
		if (site != null) {
			this.borrowSite = site;
		}
		BORROWED_AT.setRelease(this, nowNanos);
	}

	/** When the current borrow began, or 0 when unknown or idle. */
	long borrowedAtNanos() {
		return (long) BORROWED_AT.getAcquire(this);
	}

	void endLease() {
		BORROWED_AT.setRelease(this, 0L);
		// The holder stays (readers check borrowedAtNanos, now 0): the same thread
		// borrowing again then stores nothing.
		if (this.borrowSite != null) {
			this.borrowSite = null;
		}
		if (this.leakReported) {
			this.leakReported = false; // a volatile write is a fence: only when there is
										// something to undo
		}
	}

	/**
	 * Arms the watch: a release store, ordered after the watch's fields (and the reset of
	 * {@link #watchFired}) so that the watchdog, which reads this first, sees them. No
	 * fence: nothing this thread does next depends on the watchdog having seen it, which
	 * scans often enough to find it before its deadline (see {@link ReturnWatchdog}).
	 * @param number the return's number, never 0
	 */
	void publishWatch(long number) {
		// The flag of an earlier return's watch, cleared before the release store.
		if (this.watchFired) {
			this.watchFired = false;
		}
		WATCH.setRelease(this, number);
	}

	/** The number of the return watched now, or 0. */
	long watch() {
		return (long) WATCH.getAcquire(this);
	}

	/**
	 * Ends the watch of the return numbered {@code number}, if it still has it.
	 * @return whether this call ended it (it had not been ended yet)
	 */
	boolean endWatch(long number) {
		return number != 0 && WATCH.compareAndSet(this, number, 0L);
	}

	boolean isWatchJoined() {
		return (boolean) WATCH_JOINED.getOpaque(this);
	}

	/**
	 * @return whether this call is the one that marked the slot joined
	 */
	boolean joinWatch() {
		return WATCH_JOINED.compareAndSet(this, false, true);
	}

	/**
	 * Notes an exception thrown by the physical connection or one of its statements. If
	 * it shows the connection is gone, the slot is marked broken and is closed instead of
	 * lent again when it is returned.
	 * @param e the exception
	 * @return the same exception, for {@code throw slot.onError(e)}
	 */
	SQLException onError(SQLException e) {
		if (!this.broken && this.pool.isConnectionBroken(e)) {
			this.broken = true;
			this.pool.serverMayHaveGone();
		}
		return e;
	}

	/** Marks the connection unfit to lend again (its state could not be restored). */
	void markBroken() {
		this.broken = true;
	}

	boolean isBroken() {
		return this.broken;
	}

	/**
	 * Returns the slot to the pool; called exactly once per borrow, after the proxy has
	 * cleaned up.
	 */
	void release() {
		this.pool.release(this);
	}

	@Override
	public String toString() {
		return "ConnectionSlot[" + this.connection + ", state=" + this.state + "]";
	}

}
