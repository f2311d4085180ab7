package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.poolkit.AcquireWaits;
import io.poolkit.BorrowedConnection;
import io.poolkit.CloseReason;
import io.poolkit.ConnectionErrorClassifier;
import io.poolkit.ConnectionErrorKind;
import io.poolkit.OnExhausted;
import io.poolkit.PoolConfig;
import io.poolkit.PoolConnectionError;
import io.poolkit.PoolEvent;
import io.poolkit.PoolListener;
import io.poolkit.FleetBudget;
import io.poolkit.PoolStats;
import io.poolkit.PoolTotals;
import io.poolkit.SizingAdvice;
import io.poolkit.SizingDecision;
import io.poolkit.SizingMode;

/**
 * The engine behind {@link io.poolkit.PoolDataSource}: lends slots, takes them back, and
 * keeps waiters in order.
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

	/**
	 * The least a check on borrow is allowed while the borrower has that much time left:
	 * a healthy connection answers in a round trip.
	 */
	static final long MIN_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	// What checking a slot taken for lending found.
	private static final int LENDABLE = 0;

	private static final int RETIRED = 1;

	private static final int FAILED = 2;

	private static final int UNANSWERED = 3;

	final PoolConfig config;

	final String name;

	final PoolListener listener;

	private final ActivityRecorder activity;

	private final ConnectionErrorClassifier classifier;

	/**
	 * Each thread's last slot, in a holder the release updates without another
	 * thread-local lookup.
	 */
	private final ThreadLocal<SlotHint> hints = ThreadLocal.withInitial(SlotHint::new);

	/** The fast path's time: hold times, last use, lifetime (see {@link CoarseClock}). */
	final CoarseClock clock = CoarseClock.INSTANCE;

	private final ReentrantLock slotsLock = new ReentrantLock();

	/** Every slot held, copied on write; borrowers scan it without locking. */
	private volatile ConnectionSlot[] slots = new ConnectionSlot[0];

	private final WaiterQueue waiters = new WaiterQueue();

	private final AtomicInteger overflowCount = new AtomicInteger();

	private final LongAdder leaks = new LongAdder();

	/**
	 * Borrows and hold time of connections no longer held, so the activity totals survive
	 * retirement.
	 */
	private final LongAdder retiredBorrows = new LongAdder();

	private final LongAdder retiredHoldNanos = new LongAdder();

	private final LongAdder retiredReturns = new LongAdder();

	private final ScheduledExecutorService scheduler;

	private final ConnectionCreator creator;

	private final Housekeeper housekeeper;

	private final SlotValidator validator;

	private final long connectionTimeoutNanos;

	private final long validationBypassNanos;

	private final long validationTimeoutNanos;

	private final long leakThresholdNanos;

	private final long overflowAfterNanos;

	/**
	 * The most connections held now (overflow aside): max-size, or the adaptive target.
	 */
	private volatile int maxSize;

	private volatile int minIdle;

	/**
	 * Why connections above the size close when the pool shrinks: evicted by a resize,
	 * idle surplus when adaptive sizing shrinks it.
	 */
	private volatile CloseReason trimReason = CloseReason.EVICTED;

	/** Sizes the pool from its load in adaptive mode; {@code null} in fixed mode. */
	private final AdaptiveSizer sizer;

	private volatile boolean closed;

	private volatile boolean suspended;

	/** Set by {@link #drain}: no connection is kept or opened until {@link #resume()}. */
	private volatile boolean drained;

	/**
	 * Idle connections last known alive before this instant are validated before they are
	 * lent.
	 */
	private volatile long suspectBeforeNanos = System.nanoTime() - 1;

	/** The thread waiting in {@link #close()} for borrowed connections to come back. */
	private volatile Thread closer;

	/** Set by the one caller of {@link #close()} that does the closing. */
	private final AtomicBoolean closing = new AtomicBoolean();

	/** Opened when that caller is done; the other callers wait for it. */
	private final CountDownLatch closedLatch = new CountDownLatch(1);

	/** That caller, while it closes: a call from inside its close returns at once. */
	private volatile Thread closingThread;

	public Pool(PoolConfig config) {
		this.config = config;
		this.name = config.name();
		this.activity = new ActivityRecorder(config.listener(),
				new ActivityWindow(ACTIVITY_SLICE_NANOS, this::borrowsTotal, this::holdNanosTotal));
		this.listener = this.activity;
		this.classifier = (config.errorClassifier() != null) ? config.errorClassifier()
				: ErrorClassifiers.forUrl(config.url());
		this.maxSize = config.maxSize();
		this.minIdle = config.minIdle();
		this.connectionTimeoutNanos = config.connectionTimeout().toNanos();
		this.validationBypassNanos = config.validationBypass().toNanos();
		this.validationTimeoutNanos = config.validationTimeout().toNanos();
		this.leakThresholdNanos = config.leakDetectionThreshold().toNanos();
		this.overflowAfterNanos = config.overflowAfter().toNanos();
		this.validator = new SlotValidator(config);
		this.scheduler = Housekeeper.newScheduler(this.name);
		this.sizer = (config.sizingMode() == SizingMode.ADAPTIVE) ? new AdaptiveSizer(this) : null;
		String applicationName = (this.sizer != null) ? this.sizer.applicationName() : this.name;
		if (this.sizer != null) {
			// Adaptive pools start at their floor and grow with the load they meet.
			this.maxSize = this.sizer.target();
			this.minIdle = Math.min(this.minIdle, this.maxSize);
		}
		this.creator = new ConnectionCreator(this,
				new ConnectionFactory(config, applicationName, this.sizer != null && this.sizer.numbersConnections()));
		this.housekeeper = new Housekeeper(this, config);
	}

	/** Starts background filling and housekeeping. */
	public void start() {
		this.housekeeper.start();
		if (this.sizer != null) {
			this.sizer.start();
		}
		if (this.minIdle == 0 && !this.config.initializationTimeout().isZero()) {
			this.creator.createOne();
		}
		this.creator.fill();
	}

	// ---- borrowing

	/**
	 * Borrows a connection, waiting up to {@code connection-timeout}.
	 * <p>
	 * The fast path (an idle slot taken at once that needs no check) reads only the
	 * {@link CoarseClock}; a borrower that has to wait, or whose slot must be checked,
	 * reads {@link System#nanoTime()} and counts its deadline from there.
	 * @return a proxy for one slot
	 * @throws SQLException on timeout, interrupt, or a closed pool
	 */
	public Connection borrow() throws SQLException {
		if (this.closed) {
			throw Exceptions.closed(this.name);
		}
		SlotHint hint = this.hints.get();
		ConnectionSlot slot = null;
		if (!this.suspended) {
			slot = tryTakeIdle(hint);
			if (slot != null) {
				long now = this.clock.nanos();
				if (isLendableAsIs(slot, now)) {
					return lend(slot, hint, now, 0);
				}
			}
		}
		return borrowSlowly(hint, slot);
	}

	/**
	 * The rest of {@link #borrow()}: waits for resume, then for a slot, and checks the
	 * slot it gets; all against the precise clock.
	 * @param taken a slot already taken that needs its check, or {@code null}
	 */
	private Connection borrowSlowly(SlotHint hint, ConnectionSlot taken) throws SQLException {
		long start = System.nanoTime();
		long deadline = start + this.connectionTimeoutNanos;
		ConnectionSlot slot = taken;
		if (slot == null) {
			if (this.suspended) {
				awaitResume(start, deadline);
			}
			slot = tryTakeIdle(hint);
		}
		long now = start;
		if (slot == null) {
			slot = waitForSlot(start, deadline, deadline, false, 0, 0);
			now = System.nanoTime();
		}
		int verdict = check(slot, now, deadline);
		if (verdict != LENDABLE) {
			slot = findAnother(start, deadline, hint, verdict);
			now = System.nanoTime();
		}
		if (now != start) {
			this.activity.recordWait(now - start);
		}
		return lend(slot, hint, this.clock.nanos(), now - start);
	}

	/**
	 * Whether a slot just taken may be lent without its check: not evicted, within its
	 * lifetime, and known alive within {@code validation-bypass} and since the server was
	 * last suspected gone. {@link #check} decides the rest, on the precise clock. A
	 * bypass of 0 validates every borrow: the coarse clock may read the same at two
	 * instants, or behind a precise stamp.
	 */
	private boolean isLendableAsIs(ConnectionSlot slot, long now) {
		long alive = slot.lastAliveNanos;
		return !slot.evicted && now - slot.retireAtNanos < 0 && this.validationBypassNanos > 0
				&& now - alive < this.validationBypassNanos && alive - this.suspectBeforeNanos >= 0;
	}

	/**
	 * Hands a slot that passed its check to the calling thread.
	 * @param now the {@link CoarseClock}'s time: the borrow's start for its hold time
	 */
	private Connection lend(ConnectionSlot slot, SlotHint hint, long now, long waitedNanos) {
		slot.leaseTo(Thread.currentThread(), now, (this.leakThresholdNanos > 0) ? new Throwable() : null);
		slot.hint = hint;
		slot.borrows++;
		this.listener.connectionAcquired(waitedNanos);
		return new ConnectionProxyImpl(slot);
	}

	/**
	 * The slow path once a slot taken for lending was retired instead: looks for another
	 * within the same deadline, which counts from the borrower's call however many checks
	 * fail on the way. After a connection that did not answer its check, the other idle
	 * ones may be silently dead too, each costing a whole check: the borrower first
	 * waits, up to half the time it has left, for a fresh connection (a new one, which
	 * the pool opens meanwhile, or one just returned) before it checks another old one.
	 */
	private ConnectionSlot findAnother(long start, long deadline, SlotHint hint, int firstVerdict) throws SQLException {
		int verdict = firstVerdict;
		int failedChecks = 0;
		for (;;) {
			if (verdict != RETIRED) {
				failedChecks++;
			}
			long now = System.nanoTime();
			if (now - deadline >= 0) {
				timedOut(start, null, failedChecks);
			}
			ConnectionSlot slot = null;
			if (verdict == UNANSWERED) {
				// Fresh by the coarse clock, which slots are stamped with on return: it
				// only grows, so a slot returned from now on is fresh.
				slot = waitForSlot(start, deadline, now + (deadline - now) / 2, true, this.clock.nanos(), failedChecks);
			}
			if (slot == null) {
				slot = tryTakeIdle(hint);
				if (slot == null) {
					slot = waitForSlot(start, deadline, deadline, false, 0, failedChecks);
				}
			}
			verdict = check(slot, System.nanoTime(), deadline);
			if (verdict == LENDABLE) {
				return slot;
			}
		}
	}

	/**
	 * Lends a connection only if one is idle now: never waits, never opens one, and never
	 * goes ahead of borrowers already waiting.
	 * @return a proxy for one slot, or {@code null} when none is idle, borrowers are
	 * waiting or the pool is suspended
	 * @throws SQLException when the pool is closed
	 */
	public Connection tryBorrow() throws SQLException {
		if (this.closed) {
			throw Exceptions.closed(this.name);
		}
		if (this.suspended || !this.waiters.isEmpty()) {
			return null;
		}
		SlotHint hint = this.hints.get();
		ConnectionSlot slot = tryTakeIdle(hint);
		if (slot == null) {
			return null;
		}
		long now = this.clock.nanos();
		if (!isLendableAsIs(slot, now)) {
			// One check at most: a caller that must not wait does not try idle
			// connection after idle connection.
			long precise = System.nanoTime();
			if (check(slot, precise, precise + this.connectionTimeoutNanos) != LENDABLE) {
				this.creator.fill();
				return null;
			}
		}
		return lend(slot, hint, now, 0);
	}

	/**
	 * The lock-free fast path: this thread's last slot, then a scan from a random point.
	 */
	private ConnectionSlot tryTakeIdle(SlotHint hint) {
		ConnectionSlot last = hint.slot;
		if (last != null && last.state() == ConnectionSlot.IDLE && last.tryBorrow()) {
			return last;
		}
		ConnectionSlot[] all = this.slots;
		int n = all.length;
		if (n == 0) {
			return null;
		}
		int index = (n == 1) ? 0 : ThreadLocalRandom.current().nextInt(n);
		for (int i = 0; i < n; i++) {
			ConnectionSlot slot = all[index];
			if (slot.state() == ConnectionSlot.IDLE && slot.tryBorrow()) {
				return slot;
			}
			if (++index == n) {
				index = 0;
			}
		}
		return null;
	}

	/**
	 * An idle slot known alive at or after {@code sinceNanos} (opened, returned or
	 * validated since), which needs no check that could stall.
	 */
	private ConnectionSlot tryTakeFresh(long sinceNanos) {
		for (ConnectionSlot slot : this.slots) {
			// lastAliveNanos only grows, so a slot fresh when read is fresh once taken.
			if (slot.state() == ConnectionSlot.IDLE && slot.lastAliveNanos - sinceNanos >= 0 && slot.tryBorrow()) {
				return slot;
			}
		}
		return null;
	}

	private ConnectionSlot tryTake(boolean freshOnly, long freshSince) {
		return freshOnly ? tryTakeFresh(freshSince) : tryTakeIdle(this.hints.get());
	}

	/**
	 * Waits in the queue for a slot until {@code giveUpAt}: the borrower's deadline, when
	 * it times out, or earlier, when it returns {@code null}.
	 * @param freshOnly take only idle slots alive since {@code freshSince} (handed slots
	 * are always taken); such a bounded early wait is never refused at once
	 * @param failedChecks connections this borrow already saw fail validation, for the
	 * timeout's message
	 */
	private ConnectionSlot waitForSlot(long start, long deadline, long giveUpAt, boolean freshOnly, long freshSince,
			int failedChecks) throws SQLException {
		OnExhausted onExhausted = this.config.onExhausted();
		if (!freshOnly) {
			// Full means full of open connections: one being opened may still come to
			// this borrower.
			if (onExhausted == OnExhausted.FAIL_FAST && this.slots.length - this.overflowCount.get() >= this.maxSize) {
				timedOut(start, "none is idle and the pool is full (on-exhausted=fail-fast)", failedChecks);
			}
			int maxWaiters = this.config.maxWaiters();
			if (maxWaiters > 0 && this.waiters.size() >= maxWaiters) {
				timedOut(start, "max-waiters (" + maxWaiters + ") borrowers are already waiting", failedChecks);
			}
		}
		Waiter waiter = this.waiters.enqueue(start);
		// A slot handed over came with the waiter already taken off the queue, and left
		// nothing idle behind.
		boolean handedOver = false;
		try {
			ConnectionSlot slot = tryTake(freshOnly, freshSince);
			if (slot != null) {
				return keepOne(waiter, slot);
			}
			this.creator.fill();
			long overflowAt = (onExhausted == OnExhausted.OVERFLOW) ? start + this.overflowAfterNanos : Long.MAX_VALUE;
			for (;;) {
				ConnectionSlot handed = waiter.handedSlot();
				if (handed != null) {
					handedOver = true;
					return handed;
				}
				if (this.closed) {
					abandon(waiter);
					throw Exceptions.closed(this.name);
				}
				if (Thread.currentThread().isInterrupted()) {
					abandon(waiter);
					throw Exceptions.interrupted(this.name);
				}
				long now = System.nanoTime();
				if (now - giveUpAt >= 0) {
					handed = waiter.cancel();
					if (handed != null) {
						handedOver = true;
						return handed;
					}
					this.waiters.remove(waiter); // so the message counts the others still
													// waiting
					if (giveUpAt != deadline) {
						return null;
					}
					timedOut(start, null, failedChecks);
				}
				if (now - overflowAt >= 0) {
					overflowAt = Long.MAX_VALUE;
					this.creator.requestOverflow();
				}
				waiter.clearWoken();
				if (this.waiters.oldest() == waiter) {
					slot = tryTake(freshOnly, freshSince);
					if (slot != null) {
						return keepOne(waiter, slot);
					}
				}
				LockSupport.parkNanos(this, Math.min(giveUpAt, overflowAt) - now);
			}
		}
		finally {
			if (!handedOver) {
				this.waiters.remove(waiter);
				if (!this.waiters.isEmpty() && idleCount() > 0) {
					// Releases woke this waiter, not the next one: let the new oldest
					// take what is idle.
					this.waiters.signalOldest();
				}
			}
		}
	}

	/**
	 * A waiter that found an idle slot itself may have been handed one too; it keeps one
	 * and returns the other.
	 */
	private ConnectionSlot keepOne(Waiter waiter, ConnectionSlot found) {
		ConnectionSlot handed = waiter.cancel();
		if (handed != null) {
			recycle(found);
			return handed;
		}
		return found;
	}

	private void abandon(Waiter waiter) {
		ConnectionSlot handed = waiter.cancel();
		if (handed != null) {
			recycle(handed);
		}
	}

	private void timedOut(long start, String why) throws SQLException {
		timedOut(start, why, 0);
	}

	private void timedOut(long start, String why, int failedChecks) throws SQLException {
		long waited = System.nanoTime() - start;
		this.listener.acquireTimedOut(waited);
		throw Exceptions.timeout(this, why, TimeUnit.NANOSECONDS.toMillis(waited), failedChecks);
	}

	private void awaitResume(long start, long deadline) throws SQLException {
		Thread thread = Thread.currentThread();
		this.housekeeper.addSuspended(thread);
		try {
			while (this.suspended && !this.closed) {
				long now = System.nanoTime();
				if (now - deadline >= 0) {
					// Off the count first: the message counts the others waiting.
					this.housekeeper.removeSuspended(thread);
					timedOut(start, "the pool is suspended");
				}
				if (thread.isInterrupted()) {
					throw Exceptions.interrupted(this.name);
				}
				LockSupport.parkNanos(this, deadline - now);
			}
		}
		finally {
			this.housekeeper.removeSuspended(thread);
		}
		if (this.closed) {
			throw Exceptions.closed(this.name);
		}
	}

	/**
	 * Checks a slot just taken: retires it when it was evicted, has outlived its
	 * lifetime, or fails validation after being idle longer than
	 * {@code validation-bypass}.
	 * @return {@link #LENDABLE}, or why it was retired: {@link #RETIRED} (no time lost),
	 * {@link #FAILED} (the check failed with an error) or {@link #UNANSWERED} (the
	 * connection did not answer within the check's allowance)
	 */
	private int check(ConnectionSlot slot, long now, long deadline) {
		if (slot.evicted || now - slot.retireAtNanos >= 0) {
			retire(slot, slot.evicted ? CloseReason.EVICTED : CloseReason.LIFETIME);
			return RETIRED;
		}
		long alive = slot.lastAliveNanos;
		if (now - alive > this.validationBypassNanos || alive - this.suspectBeforeNanos < 0) {
			long allowance = checkAllowance(deadline - now);
			if (!this.validator.isAlive(slot, allowance)) {
				long took = System.nanoTime() - now;
				retire(slot, CloseReason.VALIDATION);
				// The server may have restarted, or the network dropped connections
				// silently: the idle ones are checked before they are lent.
				serverMayHaveGone();
				return (took >= allowance / 2) ? UNANSWERED : FAILED;
			}
			slot.lastAliveNanos = System.nanoTime();
		}
		return LENDABLE;
	}

	/**
	 * What a check on borrow may take: {@code validation-timeout}, but at most half of
	 * what the borrower has left, so that a connection that does not answer leaves time
	 * for another; never less than {@link #MIN_CHECK_NANOS} while that much is left.
	 */
	private long checkAllowance(long remaining) {
		long allowance = Math.max(remaining / 2, Math.min(remaining, MIN_CHECK_NANOS));
		return Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(this.validationTimeoutNanos, allowance));
	}

	// ---- returning

	/**
	 * Takes back a borrowed slot; called once per borrow by the proxy. Its bookkeeping
	 * (hold time, last used and alive, lifetime) reads the {@link CoarseClock}; only
	 * waiters make it read the precise clock (see {@link #recycle}).
	 */
	void release(ConnectionSlot slot) {
		long now = this.clock.nanos();
		long borrowedAt = slot.borrowedAtNanos();
		if (slot.leakReported) {
			this.housekeeper.leakReturned(now - borrowedAt);
		}
		slot.endLease();
		// Both ends from the coarse clock: a whole number of ticks, exact on average.
		// Never
		// negative, even across the clock's rare switch to and from the precise clock.
		long held = (borrowedAt != 0) ? Math.max(0, now - borrowedAt) : 0;
		slot.holdNanos += held;
		slot.returns++;
		this.listener.connectionReturned(held);
		CloseReason reason = retireReason(slot, now);
		if (reason != null) {
			retire(slot, reason);
			this.creator.fill();
			return;
		}
		slot.lastUsedNanos = now;
		slot.lastAliveNanos = now;
		SlotHint hint = slot.hint;
		if (hint != null) {
			hint.slot = slot;
		}
		recycle(slot);
	}

	private CloseReason retireReason(ConnectionSlot slot, long now) {
		if (this.closed) {
			return CloseReason.SHUTDOWN;
		}
		if (slot.isBroken()) {
			return CloseReason.BROKEN;
		}
		if (slot.overflow) {
			return CloseReason.OVERFLOW;
		}
		if (slot.evicted) {
			return CloseReason.EVICTED;
		}
		if (now - slot.retireAtNanos >= 0) {
			return CloseReason.LIFETIME;
		}
		if (slot.trimOnReturn) {
			slot.trimOnReturn = false;
			if (this.slots.length - this.overflowCount.get() > this.maxSize) {
				return this.trimReason;
			}
		}
		return null;
	}

	/**
	 * Makes a slot the caller owns available again: straight to the oldest waiter when it
	 * has waited past the bound, otherwise idle, waking the oldest waiter to compete for
	 * it. Publishing idle and then looking for waiters (a full fence apart) pairs with a
	 * waiter's enqueue-then-rescan, so no release is missed. The bound is measured with
	 * {@link System#nanoTime()}, read only when someone waits.
	 */
	void recycle(ConnectionSlot slot) {
		recycle(slot, false);
	}

	/**
	 * @param toOldest hand the slot to the oldest waiter whatever it waited (a new
	 * connection always goes to the oldest waiter)
	 */
	private void recycle(ConnectionSlot slot, boolean toOldest) {
		long now = 0;
		boolean clockRead = toOldest;
		for (;;) {
			Waiter oldest = this.waiters.oldest();
			if (oldest != null) {
				if (!clockRead) {
					now = System.nanoTime();
					clockRead = true;
				}
				if ((toOldest || now - oldest.sinceNanos >= HANDOFF_BOUND_NANOS) && this.waiters.handOff(slot)) {
					return;
				}
			}
			slot.makeIdleVolatile();
			oldest = this.waiters.oldest();
			if (oldest == null) {
				return;
			}
			if (!clockRead) {
				now = System.nanoTime();
				clockRead = true;
			}
			if (!toOldest && now - oldest.sinceNanos < HANDOFF_BOUND_NANOS) {
				oldest.wake();
				return;
			}
			if (!slot.tryBorrow()) {
				return; // a running thread took it; its release will serve the waiter
			}
		}
	}

	// ---- slots

	/**
	 * Adds a newly opened connection and lends it to the oldest waiter, or makes it idle.
	 */
	void addConnection(ConnectionFactory.Opened opened, boolean overflow) {
		long now = System.nanoTime();
		ConnectionSlot slot = new ConnectionSlot(this, opened.connection(), opened.defaults(), now, retireAt(now),
				overflow);
		this.slotsLock.lock();
		try {
			if (this.closed || this.drained
					|| (!overflow && this.slots.length - this.overflowCount.get() >= this.maxSize)) {
				slot.markRemoved();
				this.listener.connectionClosed(
						this.closed ? CloseReason.SHUTDOWN : this.drained ? CloseReason.EVICTED : CloseReason.IDLE);
				ConnectionFactory.closeQuietly(slot.connection);
				return;
			}
			ConnectionSlot[] grown = Arrays.copyOf(this.slots, this.slots.length + 1);
			grown[grown.length - 1] = slot;
			this.slots = grown;
			if (overflow) {
				this.overflowCount.incrementAndGet();
			}
		}
		finally {
			this.slotsLock.unlock();
		}
		if (overflow) {
			if (!this.waiters.handOff(slot)) {
				retire(slot, CloseReason.OVERFLOW); // nobody needs it any more
			}
		}
		else {
			recycle(slot, true);
		}
		this.housekeeper.connectionAdded();
	}

	private long retireAt(long now) {
		long lifetime = this.config.maxLifetime().toNanos();
		if (lifetime == 0) {
			return now + Long.MAX_VALUE / 2;
		}
		long jitter = (long) (lifetime * this.config.lifetimeJitter() * ThreadLocalRandom.current().nextDouble());
		return now + lifetime - jitter;
	}

	/**
	 * Removes a slot the caller owns (or found idle and marked removed) and closes its
	 * connection in the background.
	 */
	void retire(ConnectionSlot slot, CloseReason reason) {
		slot.markRemoved();
		boolean removed = false;
		this.slotsLock.lock();
		try {
			ConnectionSlot[] current = this.slots;
			for (int i = 0; i < current.length; i++) {
				if (current[i] == slot) {
					ConnectionSlot[] shrunk = new ConnectionSlot[current.length - 1];
					System.arraycopy(current, 0, shrunk, 0, i);
					System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
					this.slots = shrunk;
					removed = true;
					break;
				}
			}
		}
		finally {
			this.slotsLock.unlock();
		}
		if (!removed) {
			return;
		}
		if (slot.overflow) {
			this.overflowCount.decrementAndGet();
		}
		this.retiredBorrows.add(slot.borrows);
		this.retiredHoldNanos.add(slot.holdNanos);
		this.retiredReturns.add(slot.returns);
		this.listener.connectionClosed(reason);
		this.housekeeper.closeInBackground(slot.connection);
		Thread waitingCloser = this.closer;
		if (waitingCloser != null) {
			LockSupport.unpark(waitingCloser);
		}
	}

	/**
	 * How many more connections to open now, given {@code inFlight} already being opened:
	 * enough for the waiters and to keep {@code min-idle} idle, never past
	 * {@code max-size}.
	 */
	int connectionsWanted(int inFlight) {
		if (this.closed || this.drained) {
			return 0;
		}
		int total = this.slots.length - this.overflowCount.get();
		int room = this.maxSize - total - inFlight;
		if (room <= 0) {
			return 0;
		}
		int wanted = Math.max(this.minIdle - idleCount() - inFlight, this.waiters.size() - inFlight);
		return Math.min(room, wanted);
	}

	/**
	 * Set by the operations layer: runs once on the first physical connection, before
	 * anyone borrows it.
	 */
	private volatile Consumer<Connection> firstConnectionHook;

	void firstConnectionOpened(Connection connection) {
		Consumer<Connection> hook = this.firstConnectionHook;
		if (hook != null) {
			hook.accept(connection);
		}
	}

	/**
	 * Runs the hook on the first physical connection the pool opens, before it is lent.
	 */
	public void onFirstConnection(Consumer<Connection> hook) {
		this.firstConnectionHook = hook;
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
		this.housekeeper.creationFailed(error);
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
		this.housekeeper.wakeSuspended();
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
		long deadline = System.nanoTime() + timeoutNanos;
		for (;;) {
			// Each round: a connect under way when draining began may have added one.
			for (ConnectionSlot slot : this.slots) {
				slot.evicted = true;
				if (slot.tryRemoveIdle()) {
					retire(slot, CloseReason.EVICTED);
				}
			}
			long left = deadline - System.nanoTime();
			if (this.slots.length == 0 && this.creator.inFlight() == 0 && this.creator.overflowInFlight() == 0) {
				return this.housekeeper.awaitQueuedCloses(left);
			}
			if (left <= 0) {
				return false;
			}
			LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
		}
	}

	boolean isDrained() {
		return this.drained;
	}

	/**
	 * Retires every connection: idle ones now, borrowed ones when returned; then refills.
	 */
	public void evictAll() {
		for (ConnectionSlot slot : this.slots) {
			slot.evicted = true;
			if (slot.tryRemoveIdle()) {
				retire(slot, CloseReason.EVICTED);
			}
		}
		this.creator.fill();
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
		this.trimReason = CloseReason.EVICTED;
		this.maxSize = newMaxSize;
		this.minIdle = newMinIdle;
		this.housekeeper.trimToSize();
		this.creator.fill();
	}

	/**
	 * Sets the adaptive target: the pool holds at most {@code target} connections and
	 * keeps up to {@code minIdle} of them idle; when it shrinks, idle connections above
	 * the target close now and borrowed ones as they come back.
	 */
	void applyTarget(int target, int minIdle) {
		this.trimReason = CloseReason.IDLE;
		this.maxSize = target;
		this.minIdle = Math.min(minIdle, target);
		this.housekeeper.trimToSize();
		this.creator.fill();
	}

	CloseReason trimReason() {
		return this.trimReason;
	}

	public PoolStats stats() {
		ConnectionSlot[] all = this.slots;
		int idle = 0;
		int active = 0;
		for (ConnectionSlot slot : all) {
			int state = slot.state();
			if (state == ConnectionSlot.IDLE) {
				idle++;
			}
			else if (state == ConnectionSlot.IN_USE) {
				active++;
			}
		}
		int pending = this.waiters.size() + this.housekeeper.suspendedCount();
		int target = this.maxSize;
		int max = (this.sizer != null) ? this.sizer.ceiling() : target;
		return new PoolStats(all.length, active, idle, pending, max, this.minIdle, this.leaks.sum(),
				this.creator.lastError(), this.creator.isFailing(), this.suspended, target);
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

	/**
	 * Advice on max-size from the recent window.
	 * @param budgetLimit the most this instance may hold, or {@code null}
	 */
	public SizingAdvice sizingAdvice(Integer budgetLimit) {
		ActivityWindow.Snapshot window = this.activity.window().snapshot();
		return SizingAdvisor.advise(this.maxSize, window.coveredNanos() / 1e9, window.borrows(),
				window.meanHoldNanos() / 1e6, window.waitQuantile(0.95) / 1e6, window.timeouts(), budgetLimit);
	}

	long borrowsTotal() {
		long total = this.retiredBorrows.sum();
		for (ConnectionSlot slot : this.slots) {
			total += slot.borrows;
		}
		return total;
	}

	/**
	 * What the pool has done since it started.
	 * @see PoolTotals
	 */
	public PoolTotals totals() {
		long returns = this.retiredReturns.sum();
		for (ConnectionSlot slot : this.slots) {
			returns += slot.returns;
		}
		return this.activity.totals(borrowsTotal(), returns, holdNanosTotal(), this.leaks.sum());
	}

	/** Sends the pool's later events to one more listener. */
	public void addListener(PoolListener added) {
		this.activity.attach(added);
	}

	long holdNanosTotal() {
		long total = this.retiredHoldNanos.sum();
		for (ConnectionSlot slot : this.slots) {
			total += slot.holdNanos;
		}
		return total;
	}

	ActivityWindow activityWindow() {
		return this.activity.window();
	}

	public List<BorrowedConnection> borrowedConnections() {
		long now = System.nanoTime();
		List<BorrowedConnection> borrowed = new ArrayList<>();
		for (ConnectionSlot slot : this.slots) {
			long since = slot.borrowedAtNanos();
			Thread holder = slot.holder;
			if (slot.state() == ConnectionSlot.IN_USE && since != 0 && holder != null) {
				Throwable site = slot.borrowSite;
				borrowed.add(new BorrowedConnection(holder.getName(), Duration.ofNanos(now - since),
						(site != null) ? Exceptions.callerFrames(site) : new StackTraceElement[0]));
			}
		}
		borrowed.sort((a, b) -> b.heldFor().compareTo(a.heldFor()));
		return borrowed;
	}

	/** Whether borrowers are queued for a connection now. */
	boolean hasWaiters() {
		return !this.waiters.isEmpty();
	}

	/** Borrowers queued for a connection now. */
	int waiterCount() {
		return this.waiters.size();
	}

	/** Slots lent out now. */
	int activeCount() {
		int active = 0;
		for (ConnectionSlot slot : this.slots) {
			if (slot.state() == ConnectionSlot.IN_USE) {
				active++;
			}
		}
		return active;
	}

	/**
	 * Takes an idle slot for background work (as keepalive does) only when nobody waits
	 * and another stays idle, so that a borrower arriving meanwhile still finds one at
	 * once; give it back with {@link #recycle}.
	 */
	ConnectionSlot reserveSpareIdle() {
		if (hasWaiters() || idleCount() < 2) {
			return null;
		}
		for (ConnectionSlot slot : this.slots) {
			if (slot.state() == ConnectionSlot.IDLE && !slot.evicted && slot.tryReserve()) {
				if (hasWaiters()) {
					recycle(slot);
					return null;
				}
				return slot;
			}
		}
		return null;
	}

	int idleCount() {
		int idle = 0;
		for (ConnectionSlot slot : this.slots) {
			if (slot.state() == ConnectionSlot.IDLE) {
				idle++;
			}
		}
		return idle;
	}

	ConnectionSlot[] slots() {
		return this.slots;
	}

	int overflowCount() {
		return this.overflowCount.get();
	}

	/** {@code validation-timeout}: also what bounds a return's cleanup. */
	long validationTimeoutNanos() {
		return this.validationTimeoutNanos;
	}

	int maxSize() {
		return this.maxSize;
	}

	int minIdle() {
		return this.minIdle;
	}

	void leakDetected() {
		this.leaks.increment();
	}

	public boolean isClosed() {
		return this.closed;
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

	/**
	 * Waits for a first good connection, as {@code initialization-timeout} asks.
	 * @return {@code null} when one was opened, else the last error (authentication
	 * failures end the wait at once)
	 */
	public PoolConnectionError awaitFirstConnection(long timeoutNanos) {
		return this.housekeeper.awaitFirstConnection(timeoutNanos);
	}

	/**
	 * Closes the pool: no new borrows, idle connections closed now, borrowed ones waited
	 * for up to {@code shutdown-timeout} and then aborted. Every caller returns once that
	 * is done, whichever thread does it; a call from inside the closing (a listener)
	 * returns at once.
	 */
	public void close() {
		if (!this.closing.compareAndSet(false, true)) {
			if (this.closingThread != Thread.currentThread()) {
				awaitClosed();
			}
			return;
		}
		this.closingThread = Thread.currentThread();
		this.closer = Thread.currentThread();
		this.closed = true;
		if (this.sizer != null) {
			this.sizer.shutdown();
		}
		try {
			this.waiters.signalAll();
			this.housekeeper.wakeSuspended();
			closeIdle();
			long deadline = System.nanoTime() + this.config.shutdownTimeout().toNanos();
			while (this.slots.length > 0) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					break;
				}
				closeIdle();
				LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
			}
			for (ConnectionSlot slot : this.slots) {
				slot.markBroken();
				this.housekeeper.abortInBackground(slot.connection);
				retire(slot, CloseReason.SHUTDOWN);
			}
		}
		finally {
			this.closer = null;
			try {
				this.creator.shutdown();
				this.housekeeper.shutdown();
			}
			finally {
				this.closingThread = null;
				this.closedLatch.countDown();
			}
		}
	}

	/**
	 * Waits for the thread that is closing the pool; an interrupt does not cut the wait
	 * short (the close is bounded by shutdown-timeout) but is kept.
	 */
	private void awaitClosed() {
		boolean interrupted = false;
		for (;;) {
			try {
				this.closedLatch.await();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private void closeIdle() {
		for (ConnectionSlot slot : this.slots) {
			if (slot.tryRemoveIdle()) {
				retire(slot, CloseReason.SHUTDOWN);
			}
		}
	}

}
