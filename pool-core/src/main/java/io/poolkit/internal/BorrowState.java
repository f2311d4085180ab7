package io.poolkit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;

// Over 500 lines: one borrow's session bookkeeping, its open statements and the in-flight
// guard share this state and its fences; the guard's proof is the class comment. The
// return's cleanup is in ReturnCleanup.

/**
 * What one borrow did to a physical connection that must be undone before the next
 * borrower gets it: session settings moved away from the slot's defaults, a transaction
 * that may hold uncommitted work (opened through JDBC or by SQL such as {@code BEGIN}),
 * statements left open. {@link #giveBack()} undoes it all and releases the slot, within
 * {@code validation-timeout} (see {@link ReturnWatchdog}); {@link #abortBorrow} gives the
 * slot up and aborts the physical connection.
 * <p>
 * The superclass of {@link ConnectionProxy} rather than an object it holds, so that a
 * borrow allocates one object. The return's watch lives on the slot (see
 * {@link ReturnWatchdog}).
 * <p>
 * <b>A borrow shared by threads.</b> JDBC lets several threads use one connection at
 * once. The borrowing thread ({@link #owner}) keeps the bookkeeping in plain fields and
 * in its list of open statements, which only it changes. Another thread's calls, which
 * may run at the same time, never rely on what those plain read-modify-writes keep: its
 * statements go to a concurrent set, a setting it changes makes the return ask the driver
 * and restore every setting ({@code untracked}), and SQL, a commit or a rollback of its
 * makes the return end any transaction left open ({@code unseenWork}). Each is a plain
 * write of {@code true}, which the return sees through the guard's exits.
 * <p>
 * <b>The in-flight guard.</b> A connection is never lent again while a call of an ended
 * borrow is still inside the driver: a call that passed the closed-check just before
 * another thread's {@code close()} would otherwise reach the next borrower's session (a
 * stray {@code commit()} committing its work). Every proxied call that reaches the
 * driver, or writes what the return reads, runs between {@link #enterCall()} and
 * {@link #exitCall(int)}; {@link #giveBack()} waits, after setting {@code closed}, until
 * no call is inside. Two paths, because the borrowing thread makes nearly all calls and a
 * {@code lock}-prefixed atomic per call would cost it more than a fence:
 * <ul>
 * <li>the borrowing thread ({@link #owner}) publishes {@link #ownerCalls} with a volatile
 * store (one fence) and clears it with a release store (none). It is the only writer, so
 * neither needs an atomic read-modify-write;</li>
 * <li>any other thread counts itself in {@link #sharedCalls} with an atomic add.</li>
 * </ul>
 * <b>Why no call slips past the return</b> (Dekker's pattern; volatile accesses, the
 * compare-and-set and the atomic adds are all in one total order consistent with each
 * thread's program order). A call stores its count, then reads {@code closed}; the closer
 * sets {@code closed}, then reads the counts. If the call read {@code closed} as false,
 * that read precedes the closer's compare-and-set in the total order, so the call's store
 * precedes the closer's reads of the counts, which therefore see it, or a later value
 * that only the call's own exit can have written (its earlier exits happen before its
 * store, so they cannot be what the closer sees). Either the call sees {@code closed} and
 * is refused, or the closer sees the call and waits for its exit; no third case. A call
 * that starts after the compare-and-set reads {@code closed} as true. The closer's read
 * of an exit (a release store or an atomic add) synchronizes with it, so everything the
 * call did, on the lease and inside the driver, happens before the cleanup and the next
 * lend. The closer polls rather than being woken, so that an exit needs no fence.
 */
abstract class BorrowState {

	private static final VarHandle CLOSED;

	private static final VarHandle OWNER_CALLS;

	private static final VarHandle SHARED_CALLS;

	private static final VarHandle EXTRAS;

	/** {@link #enterCall()}: the connection was returned; the call is refused. */
	static final int REFUSED = 0;

	/** {@link #enterCall()}: entered by a thread other than the borrowing one. */
	static final int SHARED = -1;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			CLOSED = lookup.findVarHandle(BorrowState.class, "closed", boolean.class);
			OWNER_CALLS = lookup.findVarHandle(BorrowState.class, "ownerCalls", int.class);
			SHARED_CALLS = lookup.findVarHandle(BorrowState.class, "sharedCalls", int.class);
			EXTRAS = lookup.findVarHandle(BorrowState.class, "extras", SessionExtras.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	// Session properties the borrower may have moved away from the slot's defaults
	// (package-private: ReturnCleanup restores them).
	static final int AUTO_COMMIT = 1;

	static final int ISOLATION = 1 << 1;

	static final int READ_ONLY = 1 << 2;

	static final int CATALOG = 1 << 3;

	static final int SCHEMA = 1 << 4;

	static final int NETWORK_TIMEOUT = 1 << 5;

	static final int ALL = (1 << 6) - 1;

	final ConnectionSlot slot;

	/** The physical connection. */
	final Connection delegate;

	/**
	 * Volatile and set by compare-and-set: close() and abort() may race, and the slot is
	 * released only once.
	 */
	private volatile boolean closed;

	/**
	 * The thread that borrowed (the proxy is created on it): its calls take the
	 * fence-only path of the in-flight guard.
	 */
	private final Thread owner;

	/**
	 * Calls of {@link #owner} inside the driver: a depth, so that a call that reaches the
	 * proxy again from inside the driver (a callback) does not end the outer call's
	 * guard. Written only by the owner, through {@link #OWNER_CALLS}.
	 */
	@SuppressWarnings("unused") // accessed through OWNER_CALLS
	private int ownerCalls;

	/**
	 * Calls of other threads inside the driver; atomic adds through
	 * {@link #SHARED_CALLS}.
	 */
	@SuppressWarnings("unused") // accessed through SHARED_CALLS
	private int sharedCalls;

	// Package-private from here to firstStatement: ReturnCleanup reads and resets them.

	// Current values, so that getters need no round trip (pgjdbc asks the server for the
	// isolation level).
	boolean autoCommit;

	private int isolation;

	private boolean readOnly;

	/**
	 * Bits of the properties that may differ from the defaults; cleared when set back to
	 * the default.
	 */
	int changed;

	/** A transaction may hold work nobody committed or rolled back yet. */
	boolean dirty;

	/**
	 * The borrow reached the driver in a way that may need undoing: SQL, a setter, a
	 * statement, the driver's own objects. While false the return makes no driver call.
	 */
	boolean touched;

	/**
	 * The borrower reached the driver's connection, or a setter failed halfway: ask the
	 * driver, restore all.
	 */
	boolean untracked;

	/**
	 * Work may be open that the borrowing thread's bookkeeping did not see: the borrower
	 * unwrapped a lent object (a driver object can run SQL behind our back), or another
	 * thread ran SQL, a commit or a rollback. Set together with {@link #untracked} by
	 * every unwrap, which is how {@link ReturnCleanup} tells one; no flag of its own,
	 * which would grow every borrow's proxy by 8 bytes.
	 */
	boolean unseenWork;

	/**
	 * Holdability, type map and client info as they were before the borrower touched
	 * them, and the statements of threads other than {@link #owner} (the list of
	 * {@link #track} is the owner's alone); rarely needed. Set once, by compare-and-set:
	 * threads sharing the borrow may reach it at once.
	 */
	volatile SessionExtras extras;

	/**
	 * The statement of the owner's that is first in the slot's count of open statements
	 * (see {@link #track}); here, not in the slot's array: a borrow's young statement
	 * stored into the long-lived slot would cost a card mark (a fence under G1).
	 */
	StatementProxy firstStatement;

	/**
	 * This borrow's return is watched (see {@link ReturnWatchdog#fireNow}): set before
	 * the watch is published, cleared after it ended and before the slot is released.
	 * Plain: those two stores order it for a reader that saw the watch published.
	 */
	boolean watchArmed;

	BorrowState(ConnectionSlot slot) {
		this.slot = slot;
		this.delegate = slot.connection;
		this.owner = Thread.currentThread();
		ConnectionDefaults defaults = slot.defaults;
		this.autoCommit = defaults.autoCommit();
		this.isolation = defaults.transactionIsolation();
		this.readOnly = defaults.readOnly();
	}

	// ---- checks and notes, also used by the statement, result set and metadata proxies

	final boolean isReturned() {
		return this.closed;
	}

	final void checkOpen() throws SQLException {
		if (this.closed) {
			throw closedError();
		}
	}

	static SQLException closedError() {
		return new SQLException("Connection is closed: it was returned to the pool", "08003");
	}

	// ---- the in-flight guard (see the class comment for why it is enough)

	/**
	 * Enters a call of this borrow, unless the connection was returned. Pair an entered
	 * call with {@link #exitCall(int)} in a {@code finally}, on the same thread, passing
	 * the token this returned (so that the exit needs neither the current thread nor a
	 * load); nothing that may throw between the two but the call itself. No allocation.
	 * @return {@link #REFUSED} if the connection was returned (the call must not reach
	 * the driver); otherwise the token: the borrowing thread's depth of calls, counting
	 * this one (positive), or {@link #SHARED} for another thread
	 */
	final int enterCall() {
		if (Thread.currentThread() == this.owner) {
			int depth = this.ownerCalls + 1;
			// The store, then the read of closed: setVolatile orders them (the fence).
			OWNER_CALLS.setVolatile(this, depth);
			if (!this.closed) {
				return depth;
			}
			OWNER_CALLS.setRelease(this, depth - 1);
			return REFUSED;
		}
		return enterShared();
	}

	private int enterShared() {
		// An atomic add: several threads may share the connection at once.
		SHARED_CALLS.getAndAdd(this, 1);
		if (!this.closed) {
			return SHARED;
		}
		SHARED_CALLS.getAndAdd(this, -1);
		return REFUSED;
	}

	/**
	 * {@link #enterCall()}, refusing the call with {@link #closedError()} if the
	 * connection was returned.
	 * @return the token for {@link #exitCall(int)}
	 */
	final int enterOrFail() throws SQLException {
		int token = enterCall();
		if (token == REFUSED) {
			throw closedError();
		}
		return token;
	}

	/**
	 * {@link #enterCall()} for a call on an object this borrow handed out (statement,
	 * result set, array, ...), refusing it with {@link #returnedError(String)} if the
	 * connection was returned.
	 * @param what the object's kind, as the error names it
	 * @return the token for {@link #exitCall(int)}
	 */
	final int enterOrFail(String what) throws SQLException {
		int token = enterCall();
		if (token == REFUSED) {
			throw returnedError(what);
		}
		return token;
	}

	/** SQLState 08003: an object of a borrow that has ended. */
	static SQLException returnedError(String what) {
		return new SQLException(what + " is closed: its connection was returned to the pool", "08003");
	}

	/**
	 * Leaves a call entered with {@link #enterCall()}: a release store of the depth
	 * before it on the owner's path (no fence: the return polls), an atomic add on the
	 * other.
	 * @param token what {@link #enterCall()} returned
	 */
	final void exitCall(int token) {
		if (token > 0) {
			OWNER_CALLS.setRelease(this, token - 1);
		}
		else {
			SHARED_CALLS.getAndAdd(this, -1);
		}
	}

	/**
	 * Whether a call of this borrow may still be inside the driver; read by the return
	 * after it set {@code closed}.
	 */
	final boolean callsInFlight() {
		return (int) OWNER_CALLS.getVolatile(this) != 0 || (int) SHARED_CALLS.getVolatile(this) != 0;
	}

	/**
	 * Once returned, the slot may belong to another borrower: a late error of ours must
	 * not condemn it. An aborted slot is never lent again: its errors become 08006.
	 */
	final SQLException onError(SQLException ex) {
		if (this.slot.aborted) {
			return Exceptions.aborted(ex);
		}
		if (this.closed) {
			return ex;
		}
		this.touched = true;
		return this.slot.onError(ex);
	}

	/**
	 * Called before SQL runs: with auto-commit off it may start or extend a transaction;
	 * with auto-commit on, SQL such as {@code BEGIN} may open one the return must find.
	 */
	final void markDirty() {
		this.touched = true;
		if (!this.autoCommit) {
			this.dirty = true;
		}
		if (Thread.currentThread() != this.owner) {
			// dirty is a plain flag the owner's commit may overwrite at the same time.
			this.unseenWork = true;
		}
	}

	final void markUnseenWork() {
		this.touched = true;
		this.unseenWork = true;
	}

	/**
	 * The borrower reached the driver's connection: from now on it can run SQL and change
	 * settings unseen.
	 */
	final void markUntracked() {
		this.touched = true;
		this.untracked = true;
		// Holdability, type map and client info are saved before a change through the
		// proxy; the driver's connection changes them unseen, so save them now (reads of
		// the driver's memory in pgjdbc and MariaDB Connector/J).
		try {
			SessionExtras saved = extras();
			saved.saveHoldability(this.delegate);
			saved.saveTypeMap(this.delegate);
			saved.saveClientInfo(this.delegate);
		}
		catch (SQLException | RuntimeException ex) {
			// The return could not put them back: the connection is not lent again.
			this.slot.markBroken();
		}
	}

	/** Commit or rollback ended the transaction. */
	final void transactionEnded() {
		this.touched = true;
		this.dirty = false;
		if (Thread.currentThread() != this.owner) {
			// The owner's SQL may have run between this commit and the store above.
			this.unseenWork = true;
		}
	}

	// ---- session settings

	/** While false, the getters ask the driver: our copy may be wrong. */
	final boolean isTracked() {
		return !this.untracked;
	}

	final boolean trackedAutoCommit() {
		return this.autoCommit;
	}

	final int trackedIsolation() {
		return this.isolation;
	}

	final boolean trackedReadOnly() {
		return this.readOnly;
	}

	/**
	 * A setter that failed may have changed the driver's state or not: stop trusting our
	 * copy of it.
	 */
	final SQLException setterFailed(SQLException ex) {
		this.touched = true;
		this.untracked = true;
		return onError(ex);
	}

	final void autoCommitSet(boolean value) {
		if (value) {
			// Switching auto-commit on commits the open transaction.
			this.dirty = false;
		}
		this.autoCommit = value;
		noteChange(AUTO_COMMIT, value == this.slot.defaults.autoCommit());
	}

	final void isolationSet(int level) {
		this.isolation = level;
		noteChange(ISOLATION, level == this.slot.defaults.transactionIsolation());
	}

	final void readOnlySet(boolean value) {
		this.readOnly = value;
		noteChange(READ_ONLY, value == this.slot.defaults.readOnly());
	}

	final void catalogSet(String catalog) {
		noteChange(CATALOG, Objects.equals(catalog, this.slot.defaults.catalog()));
	}

	final void schemaSet(String schema) {
		ConnectionDefaults defaults = this.slot.defaults;
		// Where the whole path is known, setSchema replaced it: only restoring it puts it
		// back, whichever schema was set.
		noteChange(SCHEMA, defaults.searchPath() == null && Objects.equals(schema, defaults.schema()));
	}

	final void networkTimeoutSet(int milliseconds) {
		noteChange(NETWORK_TIMEOUT, milliseconds == this.slot.defaults.networkTimeout());
	}

	private void noteChange(int bit, boolean isDefault) {
		this.touched = true;
		this.changed = isDefault ? this.changed & ~bit : this.changed | bit;
		if (Thread.currentThread() != this.owner) {
			// changed and the tracked values are the owner's plain read-modify-writes.
			this.untracked = true;
		}
	}

	final SessionExtras extras() {
		SessionExtras current = this.extras;
		if (current == null) {
			this.touched = true;
			SessionExtras made = new SessionExtras();
			current = (SessionExtras) EXTRAS.compareAndExchange(this, null, made);
			if (current == null) {
				current = made;
			}
		}
		return current;
	}

	// ---- open statements

	/**
	 * Notes a statement of this borrow, so that the return closes it if it is still open:
	 * the owner's oldest in {@link #firstStatement}, the others in the slot's array
	 * (oldest first), which outlives the borrow: a borrow allocates nothing for it once
	 * the slot's first borrow with two statements made it. Only calls inside the
	 * in-flight guard change them, so an ended borrow's statements never reach the next
	 * borrow's list.
	 */
	final <S extends StatementProxy> S track(S statement) {
		this.touched = true;
		if (Thread.currentThread() != this.owner) {
			statement.trackedShared = true;
			extras().sharedStatements().add(statement);
			return statement;
		}
		ConnectionSlot slot = this.slot;
		int count = slot.openStatementCount;
		if (count == 0) {
			this.firstStatement = statement;
		}
		else {
			StatementProxy[] more = slot.openStatements;
			if (more == null) {
				more = new StatementProxy[4];
				slot.openStatements = more;
			}
			else if (count - 1 == more.length) {
				more = Arrays.copyOf(more, more.length * 2);
				slot.openStatements = more;
			}
			more[count - 1] = statement;
		}
		slot.openStatementCount = count + 1;
		return statement;
	}

	/**
	 * Takes a closed statement off its list. One of the owner's, closed by another
	 * thread, stays on the owner's list: the return closes it again, which does nothing.
	 */
	final void forget(StatementProxy statement) {
		if (statement.trackedShared) {
			this.extras.sharedStatements().remove(statement);
			return;
		}
		if (Thread.currentThread() != this.owner) {
			return;
		}
		ConnectionSlot slot = this.slot;
		int last = slot.openStatementCount - 1;
		if (last < 0) {
			return;
		}
		StatementProxy[] more = slot.openStatements;
		// From the newest: statements are mostly closed in the reverse order of creation.
		for (int i = last - 1; i >= 0; i--) {
			if (more[i] == statement) {
				System.arraycopy(more, i + 1, more, i, last - 1 - i);
				more[last - 1] = null;
				slot.openStatementCount = last;
				return;
			}
		}
		if (this.firstStatement == statement) {
			if (last > 0) {
				this.firstStatement = more[0];
				System.arraycopy(more, 1, more, 0, last - 1);
				more[last - 1] = null;
			}
			else {
				this.firstStatement = null;
			}
			slot.openStatementCount = last;
		}
	}

	// ---- the end of the borrow

	/**
	 * Closes forgotten statements, rolls back unfinished work, restores changed settings
	 * and releases the slot, once. Cleanup failures are not thrown: the slot is marked
	 * broken instead, and the pool discards the connection.
	 * <p>
	 * First, if a call of this borrow made by another thread is still inside the driver,
	 * it waits for that call to leave (see the class comment): the slot is not cleaned up
	 * nor lent again before. A borrow that never reached the driver and has no call in
	 * flight is released with no driver call and no wait at all. Any other return is
	 * watched by the {@link ReturnWatchdog}: if the wait and the cleanup have not ended
	 * within {@code validation-timeout}, the connection is aborted (a call still inside
	 * the driver then fails), this thread's wait is interrupted, and the connection is
	 * discarded. The thread's interrupt status is the same afterwards as before: cleared
	 * during the cleanup (so that an interrupted virtual thread's pending interrupt does
	 * not close the socket and cost the connection), and whatever the watchdog added
	 * taken back.
	 */
	final void giveBack() {
		if (!CLOSED.compareAndSet(this, false, true)) {
			return;
		}
		// The closer's half of the guard: closed is set (the compare-and-set is a fence)
		// before the counts are read.
		if (Thread.currentThread() == this.owner && this.ownerCalls != 0) {
			ReturnCleanup.closedFromInsideACall(this);
			return;
		}
		boolean callsInFlight = callsInFlight();
		if (!callsInFlight && !this.touched) {
			// The fast path stays here, short enough to inline: no driver call, no wait.
			this.slot.release();
			return;
		}
		ReturnCleanup.cleanUp(this, callsInFlight);
	}

	/**
	 * {@link java.sql.Connection#abort}: releases the slot as broken without cleanup,
	 * once, and aborts the physical connection on {@code executor} (socket closed, the
	 * running statement cancelled, a PostgreSQL backend that lingers ended; see
	 * {@link ConnectionAborter}). If the connection was already closed but its return is
	 * still cleaning up (or waiting for a call to leave the driver), that is cut short
	 * the same way.
	 * <p>
	 * It does not wait for calls still inside the driver: a slot released broken is
	 * closed, never lent again, so such a call cannot reach another borrower; it fails on
	 * the aborted connection. Calls that start afterwards are refused, as after
	 * {@code close()}.
	 */
	final void abortBorrow(Executor executor) {
		if (!CLOSED.compareAndSet(this, false, true)) {
			ReturnWatchdog.INSTANCE.fireNow(this);
			return;
		}
		this.slot.markBroken();
		try {
			ConnectionAborter.abort(this.slot, executor);
		}
		finally {
			this.slot.release();
		}
	}

}
