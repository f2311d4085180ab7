package io.poolkit.internal;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.poolkit.CloseReason;
import io.poolkit.PoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's background work, on one scheduler thread: retiring idle and old connections,
 * keepalive checks, leak reports, asking the {@link ConnectionCreator} to refill
 * {@code min-idle} (it opens them on its own threads), and closing connections so no
 * borrower waits on a slow close.
 */
final class Housekeeper {

	private static final Logger logger = LoggerFactory.getLogger(Housekeeper.class);

	private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private static final long MAX_TICK_NANOS = TimeUnit.SECONDS.toNanos(30);

	private final Pool pool;

	private final ScheduledExecutorService scheduler;

	private final SlotValidator validator;

	private final long idleTimeoutNanos;

	private final long keepaliveNanos;

	private final long leakThresholdNanos;

	private final long tickNanos;

	Housekeeper(Pool pool, PoolConfig config) {
		this.pool = pool;
		this.scheduler = pool.scheduler();
		this.validator = pool.validator();
		this.idleTimeoutNanos = config.idleTimeout().toNanos();
		this.keepaliveNanos = config.keepaliveInterval().toNanos();
		this.leakThresholdNanos = config.leakDetectionThreshold().toNanos();
		this.tickNanos = tick(config);
	}

	static ScheduledExecutorService newScheduler(String poolName) {
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
				new PoolThreadFactory(poolName + "-housekeeper"));
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		return scheduler;
	}

	/**
	 * Often enough to honour the shortest time setting to about half of it, at most every
	 * 30 seconds.
	 */
	private static long tick(PoolConfig config) {
		long shortest = Stream
			.of(config.idleTimeout(), config.keepaliveInterval(), config.leakDetectionThreshold(),
					config.maxLifetime()
						.multipliedBy(Math.max(1, Math.round(config.lifetimeJitter() * 100)))
						.dividedBy(100))
			.filter((setting) -> !setting.isZero())
			.mapToLong(Duration::toNanos)
			.min()
			.orElse(MAX_TICK_NANOS * 2);
		return Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, shortest / 2));
	}

	void start() {
		this.scheduler.scheduleWithFixedDelay(this::run, this.tickNanos, this.tickNanos, TimeUnit.NANOSECONDS);
		long slice = this.pool.activityWindow().sliceNanos();
		this.scheduler.scheduleAtFixedRate(this.pool.activityWindow()::rotate, slice, slice, TimeUnit.NANOSECONDS);
	}

	private void run() {
		try {
			long now = System.nanoTime();
			retireIdle(now);
			if (this.pool.slots().length - this.pool.overflowCount() > this.pool.maxSize()) {
				trimToSize(); // a connection marked at the resize came back idle in the
								// meantime
			}
			if (this.leakThresholdNanos > 0) {
				reportLeaks(now);
			}
			this.pool.creator().fill();
		}
		catch (RuntimeException ex) {
			logger.warn("Pool '{}' housekeeping failed", this.pool.name, ex);
		}
	}

	private void retireIdle(long now) {
		int excess = this.pool.slots().length - this.pool.overflowCount() - this.pool.minIdle();
		for (ConnectionSlot slot : this.pool.slots()) {
			if (slot.state() != ConnectionSlot.IDLE || !slot.tryReserve()) {
				continue;
			}
			CloseReason reason = null;
			if (slot.evicted) {
				reason = CloseReason.EVICTED;
			}
			else if (now - slot.retireAtNanos >= 0) {
				reason = CloseReason.LIFETIME;
			}
			else if (excess > 0 && this.idleTimeoutNanos > 0 && now - slot.lastUsedNanos > this.idleTimeoutNanos) {
				reason = CloseReason.IDLE;
			}
			else if (this.keepaliveNanos > 0 && now - slot.lastAliveNanos > this.keepaliveNanos) {
				if (this.validator.isAlive(slot, Long.MAX_VALUE)) {
					slot.lastAliveNanos = System.nanoTime();
				}
				else {
					reason = CloseReason.VALIDATION;
				}
			}
			if (reason != null) {
				excess--;
				this.pool.retire(slot, reason);
			}
			else {
				this.pool.recycle(slot);
			}
		}
	}

	/**
	 * After a resize or an adaptive shrink: retire idle connections above the new size
	 * now, and mark the borrowed ones so that each returned while the pool is still above
	 * its size retires at once.
	 */
	void trimToSize() {
		int excess = this.pool.slots().length - this.pool.overflowCount() - this.pool.maxSize();
		for (ConnectionSlot slot : this.pool.slots()) {
			if (excess <= 0) {
				return;
			}
			if (slot.tryRemoveIdle()) {
				excess--;
				this.pool.retire(slot, this.pool.trimReason());
			}
		}
		// Which borrowed ones come back first is unknown: mark them all, and each checks
		// the excess on return.
		for (ConnectionSlot slot : this.pool.slots()) {
			if (!slot.overflow && slot.state() == ConnectionSlot.IN_USE) {
				slot.trimOnReturn = true;
			}
		}
	}

	private void reportLeaks(long now) {
		for (ConnectionSlot slot : this.pool.slots()) {
			long since = slot.borrowedAtNanos();
			if (since == 0 || slot.leakReported || now - since <= this.leakThresholdNanos) {
				continue;
			}
			Thread holder = slot.holder;
			Throwable site = slot.borrowSite;
			if (slot.borrowedAtNanos() != since || holder == null) {
				continue; // returned meanwhile
			}
			slot.leakReported = true;
			this.pool.leakDetected();
			long held = now - since;
			this.pool.listener.leakDetected(holder.getName(), held);
			logger.warn(
					"Pool '{}': connection held by thread '{}' for {} ms, longer than leak-detection-threshold "
							+ "{} ms; it may have leaked (borrowed at the stack below)",
					this.pool.name, holder.getName(), TimeUnit.NANOSECONDS.toMillis(held),
					TimeUnit.NANOSECONDS.toMillis(this.leakThresholdNanos), new LeakReport(holder.getName(), site));
		}
	}

	void leakReturned(long heldNanos) {
		logger.info("Pool '{}': connection previously reported as a possible leak was returned after {} ms",
				this.pool.name, TimeUnit.NANOSECONDS.toMillis(heldNanos));
	}

	// ---- closing in the background

	void closeInBackground(Connection connection) {
		closeInBackground(connection, () -> {
		});
	}

	/**
	 * Closes the connection in the background, then runs {@code closed}, whether the
	 * close succeeded or not.
	 */
	void closeInBackground(Connection connection, Runnable closed) {
		Runnable close = () -> {
			try {
				ConnectionFactory.closeQuietly(connection);
			}
			finally {
				closed.run();
			}
		};
		try {
			this.scheduler.execute(close);
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			close.run(); // shutting down: close on this thread
		}
	}

	/**
	 * Waits until the closes queued so far have run: the scheduler runs tasks due at once
	 * in the order they came.
	 * @return whether they ran within the timeout
	 */
	boolean awaitQueuedCloses(long timeoutNanos) {
		try {
			this.scheduler.submit(() -> {
			}).get(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			return true; // shut down: closes run inline
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			return false;
		}
	}

	/**
	 * Stops the scheduler after the closes already queued, waiting a little for them so
	 * close() means closed.
	 */
	void shutdown() {
		this.scheduler.shutdown();
		try {
			this.scheduler.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Carries a borrow stack into a log line without pretending to be an error of its
	 * own.
	 */
	private static final class LeakReport extends Exception {

		private static final long serialVersionUID = 1L;

		LeakReport(String holder, Throwable site) {
			super("borrowed by thread '" + holder + "'", null, false, true);
			if (site != null) {
				setStackTrace(Exceptions.callerFrames(site));
			}
		}

	}

}
