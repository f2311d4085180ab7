package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.poolkit.AcquireWaits;
import io.poolkit.BorrowedConnection;
import io.poolkit.CloseReason;
import io.poolkit.ConnectionErrorClassifier;
import io.poolkit.ConnectionErrorKind;
import io.poolkit.FleetBudget;
import io.poolkit.PoolConfig;
import io.poolkit.PoolConnectionError;
import io.poolkit.PoolEvent;
import io.poolkit.PoolListener;
import io.poolkit.PoolStats;
import io.poolkit.PoolTotals;
import io.poolkit.SizingAdvice;
import io.poolkit.SizingDecision;
import io.poolkit.SizingMode;

// Over 500 lines on purpose: the facade the public API calls, one short delegation per
// operation; the engine itself lives in the parts it holds (BorrowPath, SlotWait, ReturnPath, ...).

/**
 * The engine behind {@link io.poolkit.PoolDataSource}: holds the slots, takes them back,
 * and keeps waiters in order; lending is {@link BorrowPath}'s, waiting
 * {@link SlotWait}'s, closing {@link PoolShutdown}'s and reporting {@link PoolReadings}'.
 * <p>
 * Borrowing is a compare-and-set on an idle slot's state, tried first on the slot this
 * thread used last. A borrower that finds none joins the {@link WaiterQueue}. A returned
 * slot may be taken by a running thread ahead of the waiters only while the oldest waiter
 * has waited less than {@link #HANDOFF_BOUND_NANOS}; past that bound it goes straight to
 * the oldest waiter. Hot threads keep the throughput of reuse and no waiter starves.
 */
public final class Pool {

	/**
	 * How long the oldest waiter may be overtaken by running threads (the starvation
	 * bound of Go's sync.Mutex).
	 */
	static final long HANDOFF_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	/**
	 * The recent-activity window is {@link ActivityWindow#SLICES} slices of this: two
	 * minutes.
	 */
	static final long ACTIVITY_SLICE_NANOS = TimeUnit.SECONDS.toNanos(10);

	final PoolConfig config;

	final String name;

	final PoolListener listener;

	/** The fast path's time: hold times, last use, lifetime (see {@link CoarseClock}). */
	final CoarseClock clock = CoarseClock.INSTANCE;

	private final ActivityRecorder activity;

	private final ConnectionErrorClassifier classifier;

	private final SlotList slotList = new SlotList(this);

	private final WaiterQueue waiters;

	private final ScheduledExecutorService scheduler;

	private final ConnectionCreator creator;

	private final Housekeeper housekeeper;

	private final BorrowPath borrowing;

	private final ReturnPath returning;

	private final PoolShutdown shutdown;

	private final PoolReadings readings;

	private final FirstConnection firstConnection = new FirstConnection(() -> this.slotList.slots().length);

	private final long validationTimeoutNanos;

	private final PoolSize size;

	/** Sizes the pool from its load in adaptive mode; {@code null} in fixed mode. */
	private final AdaptiveSizer sizer;

	/** See {@link #closingCount()}. */
	private final AtomicInteger closing = new AtomicInteger();

	private volatile boolean closed;

	private volatile boolean suspended;

	/** Set by {@link #drain}: no connection is kept or opened until {@link #resume()}. */
	private volatile boolean drained;

	/**
	 * Idle connections last known alive before this instant are validated before they are
	 * lent.
	 */
	private volatile long suspectBeforeNanos = System.nanoTime() - 1;

	/** Shared by the borrow checks, the housekeeper's and the creator's. */
	private final SlotValidator validator;

	public Pool(PoolConfig config) {
		this.config = config;
		this.name = config.name();
		this.waiters = new WaiterQueue(this.name);
		this.readings = new PoolReadings(this);
		this.activity = new ActivityRecorder(config.listener(),
				new ActivityWindow(ACTIVITY_SLICE_NANOS, this.readings::borrowsTotal, this.readings::holdNanosTotal));
		this.listener = this.activity;
		this.classifier = (config.errorClassifier() != null) ? config.errorClassifier()
				: ConnectionErrorClassifier.forUrl(config.url());
		this.validationTimeoutNanos = config.validationTimeout().toNanos();
		this.validator = new SlotValidator(config);
		this.scheduler = Housekeeper.newScheduler(this.name);
		this.sizer = (config.sizingMode() == SizingMode.ADAPTIVE) ? new AdaptiveSizer(this) : null;
		String applicationName = (this.sizer != null) ? this.sizer.applicationName() : this.name;
		// Adaptive pools start at their floor and grow with the load they meet.
		this.size = (this.sizer != null)
				? new PoolSize(this, this.sizer.target(), Math.min(config.minIdle(), this.sizer.target()))
				: new PoolSize(this, config.maxSize(), config.minIdle());
		this.creator = new ConnectionCreator(this,
				new ConnectionFactory(config, applicationName, this.sizer != null && this.sizer.numbersConnections()));
		this.housekeeper = new Housekeeper(this, config);
		this.borrowing = new BorrowPath(this, this.waiters);
		this.returning = new ReturnPath(this, this.waiters);
		this.shutdown = new PoolShutdown(this);
	}

	/** Starts background filling and housekeeping. */
	public void start() {
		this.housekeeper.start();
		if (this.sizer != null) {
			this.sizer.start();
		}
		if (this.size.minIdle() == 0 && !this.config.initializationTimeout().isZero()) {
			this.creator.createOne();
		}
		this.creator.fill();
	}

	// ---- borrowing (see BorrowPath)

	/**
	 * Borrows a connection, waiting up to {@code connection-timeout}.
	 * @return a proxy for one slot
	 * @throws SQLException on timeout, interrupt, or a closed pool
	 */
	public Connection borrow() throws SQLException {
		return this.borrowing.borrow();
	}

	/**
	 * Lends a connection only if one is idle now: never waits, never opens one, and never
	 * goes ahead of borrowers already waiting.
	 * @return a proxy for one slot, or {@code null} when none is idle, borrowers are
	 * waiting or the pool is suspended
	 * @throws SQLException when the pool is closed
	 */
	public Connection tryBorrow() throws SQLException {
		return this.borrowing.tryBorrow();
	}

	// ---- returning (see ReturnPath)

	/** Takes back a borrowed slot; called once per borrow by the proxy. */
	void release(ConnectionSlot slot) {
		this.returning.release(slot);
	}

	/**
	 * Makes a slot the caller owns available again: to the oldest waiter past the
	 * hand-off bound, otherwise idle.
	 */
	void recycle(ConnectionSlot slot) {
		this.returning.recycle(slot, false);
	}

	// ---- slots (see SlotList)

	/**
	 * Adds a newly opened connection and lends it to the oldest waiter, or makes it idle.
	 */
	void addConnection(ConnectionFactory.Opened opened, boolean overflow) {
		ConnectionSlot slot = this.slotList.add(opened, overflow);
		if (slot == null) {
			return;
		}
		if (overflow) {
			// Nobody needs it any more, or the pool was suspended since it was asked for.
			if (this.suspended || !this.waiters.handOff(slot)) {
				retire(slot, CloseReason.OVERFLOW);
			}
		}
		else {
			this.returning.recycle(slot, true);
		}
		this.firstConnection.connectionAdded();
	}

	/**
	 * Removes a slot the caller owns (or found idle and marked removed) and closes its
	 * connection in the background.
	 */
	void retire(ConnectionSlot slot, CloseReason reason) {
		if (!this.slotList.remove(slot)) {
			return;
		}
		this.readings.slotRetired(slot);
		this.listener.connectionClosed(reason);
		if (!slot.aborted && this.sizer != null) {
			// Adaptive: the connection still holds a session of the fleet's budget (and
			// shows in pg_stat_activity as this instance's) until it is closed, so it
			// counts against the target until then; a connect meanwhile could be refused.
			this.closing.incrementAndGet();
			this.housekeeper.closeInBackground(slot.connection, () -> {
				this.closing.decrementAndGet();
				this.creator.fill();
			});
		}
		else if (!slot.aborted) {
			// An aborted one is closed by its abort, once that is done.
			this.housekeeper.closeInBackground(slot.connection);
		}
		this.shutdown.slotRetired();
	}

	void firstConnectionOpened(Connection connection) {
		this.firstConnection.opened(connection);
	}

	/**
	 * Runs the hook on the first physical connection the pool opens, before it is lent.
	 */
	public void onFirstConnection(Consumer<Connection> hook) {
		this.firstConnection.onOpened(hook);
	}

	/**
	 * Waits for a first good connection, as {@code initialization-timeout} asks.
	 * @return {@code null} when one was opened, else the last error (authentication
	 * failures end the wait at once)
	 */
	public PoolConnectionError awaitFirstConnection(long timeoutNanos) {
		return this.firstConnection.await(timeoutNanos);
	}

	// ---- faults

	boolean isConnectionBroken(SQLException e) {
		return this.classifier.isConnectionBroken(e);
	}

	/**
	 * A connection turned out dead: the server may have restarted, so idle ones are
	 * checked before lending.
	 */
	void serverMayHaveGone() {
		this.suspectBeforeNanos = System.nanoTime();
	}

	void creationFailed(PoolConnectionError error) {
		if (error.kind() == ConnectionErrorKind.REFUSED || error.kind() == ConnectionErrorKind.TIMEOUT) {
			this.suspectBeforeNanos = System.nanoTime();
		}
		this.firstConnection.connectFailed(error);
		if (this.sizer != null) {
			this.sizer.connectFailed(error);
		}
	}

	// ---- operations

	public void suspend() {
		this.suspended = true;
	}

	public void resume() {
		this.drained = false;
		this.suspended = false;
		this.waiters.signalOldest(); // the held borrowers are served in arrival order
		this.creator.fill();
	}

	/**
	 * Suspends borrowers and closes every connection: idle ones now, borrowed ones when
	 * returned; none is opened until {@link #resume()}.
	 * @param timeoutNanos how long to wait for every physical connection to be closed
	 * @return whether none is left open, nor being opened
	 */
	public boolean drain(long timeoutNanos) {
		this.drained = true;
		this.suspended = true;
		return this.shutdown.drain(timeoutNanos);
	}

	/**
	 * Retires every connection: idle ones now, borrowed ones when returned; then refills.
	 */
	public void evictAll() {
		this.shutdown.evictEvery();
		this.creator.fill();
	}

	/**
	 * Takes an idle slot for background work only when nobody waits and {@code keepIdle}
	 * others stay idle: 1 so that a borrower arriving meanwhile still finds one at once,
	 * 0 for work short enough that it may wait for it. Give it back with
	 * {@link #recycle}.
	 */
	ConnectionSlot reserveIdle(int keepIdle) {
		return this.borrowing.reserveIdle(keepIdle);
	}

	SlotValidator validator() {
		return this.validator;
	}

	/**
	 * Closes the pool: no new borrows, idle connections closed now, borrowed ones waited
	 * for up to {@code shutdown-timeout} and then aborted. Every caller returns once that
	 * is done, whichever thread does it; a call from inside the closing (a listener)
	 * returns at once.
	 */
	public void close() {
		this.shutdown.close();
	}

	/** The first step of {@link #close()}: no borrow from now on. */
	void markClosed() {
		this.closed = true;
		this.waiters.close();
		if (this.sizer != null) {
			this.sizer.shutdown();
		}
	}

	/** Wakes every waiting borrower: each looks at the pool's state again. */
	void wakeEveryWaiter() {
		this.waiters.signalAll();
	}

	// ---- readings (see PoolReadings)

	public PoolStats stats() {
		return this.readings.stats();
	}

	/**
	 * What the pool has done since it started.
	 * @see PoolTotals
	 */
	public PoolTotals totals() {
		return this.readings.totals();
	}

	public List<BorrowedConnection> borrowedConnections() {
		return this.readings.borrowedConnections();
	}

	/**
	 * The last adaptive sizing decision; {@code null} in fixed mode or before the first.
	 */
	public SizingDecision sizingDecision() {
		return (this.sizer != null) ? this.sizer.lastDecision() : null;
	}

	/**
	 * The fleet's budget as last read; {@code null} in fixed mode or before the first
	 * read.
	 */
	public FleetBudget fleetBudget() {
		return (this.sizer != null) ? this.sizer.lastBudget() : null;
	}

	/** Wait times over the recent window. */
	public AcquireWaits acquireWaits() {
		return this.activity.acquireWaits();
	}

	/** Notable events, newest first. */
	public List<PoolEvent> recentEvents() {
		return this.activity.recentEvents();
	}

	/** Notes an event of the pool's own (sizing, budget) among the recent events. */
	public void recordEvent(String type, String detail) {
		this.activity.event(type, detail);
	}

	/** Sends the pool's later events to one more listener. */
	public void addListener(PoolListener added) {
		this.activity.attach(added);
	}

	/**
	 * Advice on max-size from the recent window.
	 * @param budgetLimit the most this instance may hold, or {@code null}
	 */
	public SizingAdvice sizingAdvice(Integer budgetLimit) {
		return this.readings.sizingAdvice(budgetLimit);
	}

	long borrowsTotal() {
		return this.readings.borrowsTotal();
	}

	long holdNanosTotal() {
		return this.readings.holdNanosTotal();
	}

	void leakDetected() {
		this.readings.leakDetected();
	}

	/** Slots lent out now. */
	int activeCount() {
		return this.readings.count(ConnectionSlot.IN_USE);
	}

	int idleCount() {
		return this.readings.count(ConnectionSlot.IDLE);
	}

	/** Whether borrowers are queued for a connection now. */
	boolean hasWaiters() {
		return !this.waiters.isEmpty();
	}

	/** Borrowers queued for a connection now. */
	int waiterCount() {
		return this.waiters.size();
	}

	// ---- state, for the engine's other parts

	public boolean isClosed() {
		return this.closed;
	}

	boolean isSuspended() {
		return this.suspended;
	}

	boolean isDrained() {
		return this.drained;
	}

	long suspectBeforeNanos() {
		return this.suspectBeforeNanos;
	}

	CloseReason trimReason() {
		return this.size.trimReason();
	}

	WaiterQueue waiters() {
		return this.waiters;
	}

	ConnectionSlot[] slots() {
		return this.slotList.slots();
	}

	/**
	 * Connections an adaptive pool retired whose close has not completed: still sessions
	 * on the server, so still counted against the target.
	 */
	int closingCount() {
		return this.closing.get();
	}

	int overflowCount() {
		return this.slotList.overflowCount();
	}

	int maxSize() {
		return this.size.maxSize();
	}

	int minIdle() {
		return this.size.minIdle();
	}

	/** @see PoolSize#connectionsWanted(int) */
	int connectionsWanted(int inFlight) {
		return this.size.connectionsWanted(inFlight);
	}

	/**
	 * Changes max-size and min-idle at run time; connections above the new size retire as
	 * they become idle.
	 */
	public void resize(int newMaxSize, int newMinIdle) {
		if (this.sizer != null) {
			// Adaptive: max-size is the ceiling and min-idle the idle kept within the
			// target; the target moves into the new bounds at once.
			this.sizer.boundsChanged(newMaxSize, newMinIdle);
			return;
		}
		this.size.set(newMaxSize, newMinIdle, CloseReason.EVICTED);
	}

	/** @see PoolSize#set */
	void applyTarget(int target, int minIdle) {
		this.size.set(target, Math.min(minIdle, target), CloseReason.IDLE);
	}

	/** {@code validation-timeout}: also what bounds a return's cleanup. */
	long validationTimeoutNanos() {
		return this.validationTimeoutNanos;
	}

	ActivityRecorder activity() {
		return this.activity;
	}

	/** Sizes the pool from its load in adaptive mode; {@code null} in fixed mode. */
	AdaptiveSizer sizer() {
		return this.sizer;
	}

	ActivityWindow activityWindow() {
		return this.activity.window();
	}

	public String name() {
		return this.name;
	}

	public PoolConfig config() {
		return this.config;
	}

	/** Connect attempts made so far. */
	public int connectAttempts() {
		return this.creator.attempts();
	}

	ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	ConnectionCreator creator() {
		return this.creator;
	}

	Housekeeper housekeeper() {
		return this.housekeeper;
	}

}
