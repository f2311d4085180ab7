package io.poolkit.internal;

import java.sql.SQLException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.poolkit.ConnectionErrorKind;
import io.poolkit.PoolConnectionError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens connections in the background, on its own threads, never on a borrower's. While
 * the database answers, up to {@link #HEALTHY_PARALLELISM} connects run at once, so
 * filling a pool takes about one connect time; after a failure it probes with one connect
 * at a time, backing off exponentially with jitter, so a database that is down sees a
 * trickle of attempts rather than a storm.
 */
final class ConnectionCreator {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionCreator.class);

	static final int HEALTHY_PARALLELISM = 10;

	private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final Pool pool;

	private final ConnectionFactory factory;

	private final ThreadPoolExecutor executor;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger overflowInFlight = new AtomicInteger();

	private final AtomicBoolean retryScheduled = new AtomicBoolean();

	/**
	 * Set until the first connection opens; that one is shown to the pool before it is
	 * lent.
	 */
	private final AtomicBoolean firstConnection = new AtomicBoolean(true);

	private final AtomicInteger attempts = new AtomicInteger();

	private final long maxBackoffNanos;

	/** Failures since the last success; 0 while healthy. */
	private volatile int consecutiveFailures;

	private volatile long nextAttemptNanos;

	private volatile PoolConnectionError lastError;

	ConnectionCreator(Pool pool, ConnectionFactory factory) {
		this.pool = pool;
		this.factory = factory;
		int threads = Math.min(HEALTHY_PARALLELISM, pool.config.maxSize() + pool.config.maxOverflow());
		this.executor = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				new PoolThreadFactory(pool.name + "-connector"));
		this.executor.allowCoreThreadTimeOut(true);
		long halfTimeout = pool.config.connectionTimeout().toNanos() / 2;
		this.maxBackoffNanos = Math.max(FIRST_BACKOFF_NANOS, Math.min(MAX_BACKOFF_NANOS, halfTimeout));
	}

	/** Starts as many connects as the pool wants now, within the parallelism allowed. */
	void fill() {
		if (this.pool.isClosed()) {
			return;
		}
		for (;;) {
			// Read afresh each round: a connect that failed meanwhile turns the pool to
			// probing one at a time.
			boolean failing = this.consecutiveFailures > 0;
			if (failing && System.nanoTime() - this.nextAttemptNanos < 0) {
				scheduleRetry();
				return;
			}
			int parallelism = failing ? 1 : HEALTHY_PARALLELISM;
			int running = this.inFlight.get();
			if (running >= parallelism || this.pool.connectionsWanted(running) <= 0) {
				return;
			}
			if (this.inFlight.compareAndSet(running, running + 1)) {
				submit(false);
			}
		}
	}

	/**
	 * Opens one connection whatever min-idle says: the startup probe of
	 * {@code initialization-timeout}.
	 */
	void createOne() {
		this.inFlight.incrementAndGet();
		submit(false);
	}

	/**
	 * Opens one temporary connection past max-size for a borrower that has waited
	 * {@code overflow-after}.
	 */
	void requestOverflow() {
		if (this.pool.isDrained()) {
			return;
		}
		for (;;) {
			int running = this.overflowInFlight.get();
			if (running + this.pool.overflowCount() >= this.pool.config.maxOverflow()) {
				return;
			}
			if (this.overflowInFlight.compareAndSet(running, running + 1)) {
				submit(true);
				return;
			}
		}
	}

	private void submit(boolean overflow) {
		try {
			this.executor.execute(() -> create(overflow));
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			(overflow ? this.overflowInFlight : this.inFlight).decrementAndGet();
		}
	}

	private void create(boolean overflow) {
		boolean success = false;
		try {
			if (this.pool.isClosed()) {
				return;
			}
			this.attempts.incrementAndGet();
			long start = System.nanoTime();
			ConnectionFactory.Opened opened = this.factory.open();
			long elapsed = System.nanoTime() - start;
			if (!overflow && this.firstConnection.compareAndSet(true, false)) {
				this.pool.firstConnectionOpened(opened.connection());
			}
			success = true;
			recovered();
			this.pool.listener.connectionCreated(elapsed);
			this.pool.addConnection(opened, overflow);
		}
		catch (SQLException | RuntimeException ex) {
			failed(ex);
		}
		finally {
			(overflow ? this.overflowInFlight : this.inFlight).decrementAndGet();
		}
		if (success) {
			fill();
		}
		else {
			scheduleRetry();
		}
	}

	private void recovered() {
		int failures = this.consecutiveFailures;
		if (failures > 0) {
			this.consecutiveFailures = 0;
			logger.info("Pool '{}' connected again after {} failed attempt(s)", this.pool.name, failures);
		}
	}

	private void failed(Exception ex) {
		if (this.pool.isClosed()) {
			// close() interrupts the connects under way: the pool gave up on them, the
			// database did not fail.
			logger.debug("Pool '{}' closed while a connection was being opened", this.pool.name, ex);
			return;
		}
		SQLException sql = (ex instanceof SQLException sqlException) ? sqlException
				: new SQLException(ex.getMessage(), "08001", ex);
		ConnectionErrorKind kind = ConnectionErrorKind.of(sql);
		PoolConnectionError error = PoolConnectionError.of(kind, sql);
		this.lastError = error;
		int failures = ++this.consecutiveFailures;
		// Wrong credentials will not fix themselves within a borrower's wait: retry at
		// the slowest pace at once.
		long backoff = (kind == ConnectionErrorKind.AUTH) ? MAX_BACKOFF_NANOS : backoffNanos(failures);
		this.nextAttemptNanos = System.nanoTime() + backoff;
		this.pool.listener.connectionCreationFailed(kind, sql);
		this.pool.creationFailed(error);
		if (failures == 1) {
			logger.warn("Pool '{}' could not open a connection ({}): {}; retrying with back-off", this.pool.name,
					kind.tag(), error.description());
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Pool '{}' connect attempt {} failed ({}): {}; next in {} ms", this.pool.name, failures,
					kind.tag(), error.description(), TimeUnit.NANOSECONDS.toMillis(backoff));
		}
	}

	private long backoffNanos(int failures) {
		long base = FIRST_BACKOFF_NANOS << Math.min(failures - 1, 20);
		long capped = Math.min(base, this.maxBackoffNanos);
		// +/-20% so that pools restarted together do not retry in lock-step
		double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
		return (long) (capped * jitter);
	}

	private void scheduleRetry() {
		if (this.pool.isClosed() || !this.retryScheduled.compareAndSet(false, true)) {
			return;
		}
		long delay = Math.max(0, this.nextAttemptNanos - System.nanoTime());
		try {
			this.pool.scheduler().schedule(() -> {
				this.retryScheduled.set(false);
				fill();
			}, delay, TimeUnit.NANOSECONDS);
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			this.retryScheduled.set(false);
		}
	}

	int inFlight() {
		return this.inFlight.get();
	}

	int overflowInFlight() {
		return this.overflowInFlight.get();
	}

	/** Connect attempts made so far, successful or not. */
	int attempts() {
		return this.attempts.get();
	}

	boolean isFailing() {
		return this.consecutiveFailures > 0;
	}

	PoolConnectionError lastError() {
		return this.lastError;
	}

	void shutdown() {
		this.executor.shutdownNow();
	}

}
