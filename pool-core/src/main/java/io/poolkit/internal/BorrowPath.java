package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.poolkit.CloseReason;
import io.poolkit.PoolConfig;

/**
 * The borrowing side of the {@link Pool}: the lock-free fast path, the checks of a slot
 * taken for lending, and the slow path of a borrower that has to wait (in
 * {@link SlotWait}) or whose slot failed its check.
 * <p>
 * Borrowing is a compare-and-set on an idle slot's state, tried first on the slot this
 * thread used last. The fast path (a slot taken at once that needs no check) reads only
 * the {@link CoarseClock}; a borrower that has to wait, or whose slot must be checked,
 * reads {@link System#nanoTime()} and counts its deadline from there.
 */
final class BorrowPath {

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

	private final Pool pool;

	private final CoarseClock clock;

	/**
	 * Each thread's last slot, in a holder the release updates without another
	 * thread-local lookup.
	 */
	private final ThreadLocal<SlotHint> hints = ThreadLocal.withInitial(SlotHint::new);

	private final SlotWait wait;

	private final SlotValidator validator;

	private final long connectionTimeoutNanos;

	private final long validationBypassNanos;

	private final long validationTimeoutNanos;

	private final long leakThresholdNanos;

	BorrowPath(Pool pool, WaiterQueue waiters) {
		PoolConfig config = pool.config;
		this.pool = pool;
		this.clock = pool.clock;
		this.wait = new SlotWait(pool, waiters, this);
		this.validator = pool.validator();
		this.connectionTimeoutNanos = config.connectionTimeout().toNanos();
		this.validationBypassNanos = config.validationBypass().toNanos();
		this.validationTimeoutNanos = config.validationTimeout().toNanos();
		this.leakThresholdNanos = config.leakDetectionThreshold().toNanos();
	}

	/** @see Pool#borrow() */
	Connection borrow() throws SQLException {
		Pool pool = this.pool;
		if (pool.isClosed()) {
			throw Exceptions.closed(pool.name);
		}
		SlotHint hint = this.hints.get();
		ConnectionSlot slot = null;
		if (!pool.isSuspended()) {
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
	 * The rest of {@link #borrow()}: waits for a slot (in the queue also while the pool
	 * is suspended, so that the borrowers it holds are served in arrival order on
	 * resume), and checks the slot it gets; all against the precise clock.
	 * @param taken a slot already taken that needs its check, or {@code null}
	 */
	private Connection borrowSlowly(SlotHint hint, ConnectionSlot taken) throws SQLException {
		long start = System.nanoTime();
		long deadline = start + this.connectionTimeoutNanos;
		ConnectionSlot slot = taken;
		if (slot == null && !this.pool.isSuspended()) {
			slot = tryTakeIdle(hint);
		}
		long now = start;
		if (slot == null) {
			slot = this.wait.waitForSlot(start, deadline, deadline, false, 0, 0);
			now = System.nanoTime();
		}
		int verdict = check(slot, now, deadline);
		if (verdict != LENDABLE) {
			slot = findAnother(start, deadline, hint, verdict);
			now = System.nanoTime();
		}
		if (now != start) {
			this.pool.activity().recordWait(now - start);
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
				&& now - alive < this.validationBypassNanos && alive - this.pool.suspectBeforeNanos() >= 0;
	}

	/**
	 * Hands a slot that passed its check to the calling thread.
	 * @param now the {@link CoarseClock}'s time: the borrow's start for its hold time
	 */
	private Connection lend(ConnectionSlot slot, SlotHint hint, long now, long waitedNanos) {
		slot.leaseTo(Thread.currentThread(), now, (this.leakThresholdNanos > 0) ? new Throwable() : null);
		if (slot.hint != hint) {
			slot.hint = hint;
		}
		slot.borrows++;
		this.pool.listener.connectionAcquired(waitedNanos);
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
				throw timeout(start, null, failedChecks);
			}
			ConnectionSlot slot = null;
			if (verdict == UNANSWERED) {
				// Fresh by the coarse clock, which slots are stamped with on return: it
				// only grows, so a slot returned from now on is fresh.
				slot = this.wait.waitForSlot(start, deadline, now + (deadline - now) / 2, true, this.clock.nanos(),
						failedChecks);
			}
			if (slot == null) {
				slot = this.pool.isSuspended() ? null : tryTakeIdle(hint);
				if (slot == null) {
					slot = this.wait.waitForSlot(start, deadline, deadline, false, 0, failedChecks);
				}
			}
			verdict = check(slot, System.nanoTime(), deadline);
			if (verdict == LENDABLE) {
				return slot;
			}
		}
	}

	/** @see Pool#tryBorrow() */
	Connection tryBorrow() throws SQLException {
		Pool pool = this.pool;
		if (pool.isClosed()) {
			throw Exceptions.closed(pool.name);
		}
		if (pool.isSuspended() || pool.hasWaiters()) {
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
				pool.creator().fill();
				return null;
			}
		}
		return lend(slot, hint, now, 0);
	}

	/**
	 * The lock-free fast path: this thread's last slot, then a scan from a random point.
	 */
	ConnectionSlot tryTakeIdle() {
		return tryTakeIdle(this.hints.get());
	}

	private ConnectionSlot tryTakeIdle(SlotHint hint) {
		ConnectionSlot last = hint.slot;
		if (last != null && last.state() == ConnectionSlot.IDLE && last.tryBorrow()) {
			return last;
		}
		ConnectionSlot[] all = this.pool.slots();
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
	ConnectionSlot tryTakeFresh(long sinceNanos) {
		for (ConnectionSlot slot : this.pool.slots()) {
			// lastAliveNanos only grows, so a slot fresh when read is fresh once taken.
			if (slot.state() == ConnectionSlot.IDLE && slot.lastAliveNanos - sinceNanos >= 0 && slot.tryBorrow()) {
				return slot;
			}
		}
		return null;
	}

	/**
	 * A borrow gives up: tells the listener and makes the exception to throw.
	 * @param why what made it give up before its deadline, or {@code null} at the
	 * deadline
	 */
	SQLException timeout(long start, String why, int failedChecks) {
		long waited = System.nanoTime() - start;
		this.pool.listener.acquireTimedOut(waited);
		return Exceptions.timeout(this.pool, why, TimeUnit.NANOSECONDS.toMillis(waited), failedChecks);
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
			this.pool.retire(slot, slot.evicted ? CloseReason.EVICTED : CloseReason.LIFETIME);
			return RETIRED;
		}
		long alive = slot.lastAliveNanos;
		if (now - alive > this.validationBypassNanos || alive - this.pool.suspectBeforeNanos() < 0) {
			long allowance = checkAllowance(deadline - now);
			if (!this.validator.isAlive(slot, allowance)) {
				long took = System.nanoTime() - now;
				this.pool.retire(slot, CloseReason.VALIDATION);
				// The server may have restarted, or the network dropped connections
				// silently: the idle ones are checked before they are lent.
				this.pool.serverMayHaveGone();
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

	/** See {@link Pool#reserveIdle}. */
	ConnectionSlot reserveIdle(int keepIdle) {
		if (this.pool.hasWaiters() || this.pool.idleCount() <= keepIdle) {
			return null;
		}
		for (ConnectionSlot slot : this.pool.slots()) {
			if (slot.state() == ConnectionSlot.IDLE && !slot.evicted && slot.tryReserve()) {
				if (this.pool.hasWaiters()) {
					this.pool.recycle(slot);
					return null;
				}
				return slot;
			}
		}
		return null;
	}

}
