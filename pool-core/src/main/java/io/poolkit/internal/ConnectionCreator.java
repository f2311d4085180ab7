package io.poolkit.internal;

import java.sql.SQLException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.poolkit.ConnectionErrorKind;
import io.poolkit.PoolConnectionError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens connections in the background, on its own threads, never on a borrower's. While
 * the database answers, up to {@link #HEALTHY_PARALLELISM} connects run at once, so
 * filling a pool takes about one connect time. After a failure it probes with one connect
 * at a time: while borrowers wait, a new attempt starts {@link #WAITING_RETRY_NANOS}
 * after the last one started (or as soon as it ended, if it took longer), so the first
 * borrow after the database is back succeeds within about a second; while nobody waits,
 * it backs off exponentially with jitter up to {@link #MAX_BACKOFF_NANOS}. Either way a
 * database that is down sees a trickle of attempts, never a storm.
 * <p>
 * Once the pool has seen the server answer, an attempt on pgjdbc or MariaDB Connector/J
 * gets a login timeout ({@code loginTimeout}, {@code connectTimeout}) of a few times the
 * slowest recent connect (at least {@link #MIN_LOGIN_NANOS}, at most the configured one):
 * an attempt stuck on a server or network that stopped answering would otherwise hold the
 * only probe for a whole {@code connection-timeout}, and the pool would notice the
 * database is back that late. Attempts that keep running out of it get longer ones, so a
 * server that has merely become slow is still reached.
 */
final class ConnectionCreator {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionCreator.class);

	private static final int HEALTHY_PARALLELISM = 10;

	private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(10);

	/**
	 * While borrowers wait for a database that failed: at most this long (±20%) from the
	 * start of one attempt to the start of the next.
	 */
	private static final long WAITING_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	/** The shortest login timeout an attempt is given. */
	private static final long MIN_LOGIN_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** An attempt's login timeout: this many times the slowest recent connect. */
	private static final int LOGIN_FACTOR = 4;

	/** Attempts in a row that run out of their login timeout before it doubles. */
	private static final int TIMEOUTS_BEFORE_LONGER_LOGIN = 5;

	private static final long NONE = Long.MIN_VALUE;

	private final Pool pool;

	private final ConnectionFactory factory;

	private final ThreadPoolExecutor executor;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger overflowInFlight = new AtomicInteger();

	/** When the earliest retry scheduled will run, or {@link #NONE}. */
	private final AtomicLong retryAtNanos = new AtomicLong(NONE);

	/**
	 * Set until the first connection opens; that one is shown to the pool before it is
	 * lent.
	 */
	private final AtomicBoolean firstConnection = new AtomicBoolean(true);

	private final AtomicInteger attempts = new AtomicInteger();

	private final long maxBackoffNanos;

	/** Since the last failed attempt, until one succeeds; {@code null} while healthy. */
	private volatile Failing failing;

	/**
	 * The slowest recent successful connect, decaying by an eighth with each success; 0
	 * until one succeeded.
	 */
	private volatile long slowestConnectNanos;

	/** Attempts in a row that ran out of a shortened login timeout. */
	private volatile int loginTimeouts;

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
			Failing failing = this.failing;
			if (failing != null) {
				long due = nextAttemptNanos(failing);
				if (System.nanoTime() - due < 0) {
					scheduleRetry(due);
					return;
				}
			}
			int parallelism = (failing != null) ? 1 : HEALTHY_PARALLELISM;
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
	 * When the next attempt may start after a failure: soon while borrowers wait (unless
	 * the credentials were refused, which waiting does not fix), later while nobody does.
	 */
	private long nextAttemptNanos(Failing failing) {
		long afterBackoff = failing.endNanos() + failing.backoffNanos();
		if (failing.hopeless() || !this.pool.hasWaiters()) {
			return afterBackoff;
		}
		long waiting = Math.max(failing.startNanos() + failing.waitingPauseNanos(), failing.endNanos());
		return (waiting - afterBackoff < 0) ? waiting : afterBackoff;
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
	 * {@code overflow-after}; not while connects fail, when the one probe at a time
	 * speaks for every borrower (each waiting borrower asking for its own would be the
	 * storm the back-off prevents), and not while the pool is drained.
	 */
	void requestOverflow() {
		if (this.failing != null || this.pool.isDrained()) {
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
		catch (RejectedExecutionException ex) {
			(overflow ? this.overflowInFlight : this.inFlight).decrementAndGet();
		}
	}

	/**
	 * Opens one connection, then starts the next (or schedules it, if this one failed).
	 */
	private void create(boolean overflow) {
		long start = System.nanoTime();
		long loginTimeout = loginTimeoutNanos();
		try {
			if (this.pool.isClosed()) {
				return;
			}
			this.attempts.incrementAndGet();
			ConnectionFactory.Opened opened = this.factory.open(loginTimeout);
			try {
				this.pool.validator().checkNew(opened);
			}
			catch (SQLException | RuntimeException ex) {
				ConnectionFactory.closeQuietly(opened.connection());
				throw ex;
			}
			long elapsed = System.nanoTime() - start;
			if (!overflow && this.firstConnection.compareAndSet(true, false)) {
				this.pool.firstConnectionOpened(opened.connection());
			}
			recovered(elapsed);
			this.pool.listener.connectionCreated(elapsed);
			this.pool.addConnection(opened, overflow);
		}
		catch (SQLException | RuntimeException ex) {
			failed(ex, start, loginTimeout);
		}
		finally {
			(overflow ? this.overflowInFlight : this.inFlight).decrementAndGet();
		}
		fill();
	}

	/**
	 * The login timeout of the next attempt: 0 (the configured one) until the server has
	 * answered once, or where the pool cannot set it; then {@link #LOGIN_FACTOR} times
	 * the slowest recent connect, at least {@link #MIN_LOGIN_NANOS}, doubled for every
	 * {@link #TIMEOUTS_BEFORE_LONGER_LOGIN} attempts in a row that ran out of it.
	 */
	private long loginTimeoutNanos() {
		long slowest = this.slowestConnectNanos;
		long configured = this.factory.loginTimeoutNanos();
		if (slowest == 0 || configured <= 0) {
			return 0;
		}
		long bound = Math.max(MIN_LOGIN_NANOS, LOGIN_FACTOR * slowest);
		int doublings = Math.min(this.loginTimeouts / TIMEOUTS_BEFORE_LONGER_LOGIN, 20);
		bound = (bound > configured >> doublings) ? configured : bound << doublings;
		return Math.min(bound, configured);
	}

	private void recovered(long elapsedNanos) {
		this.slowestConnectNanos = Math.max(elapsedNanos, this.slowestConnectNanos - this.slowestConnectNanos / 8);
		this.loginTimeouts = 0;
		Failing failing = this.failing;
		if (failing != null) {
			this.failing = null;
			logger.info("Pool '{}' connected again after {} failed attempt(s)", this.pool.name, failing.count());
		}
	}

	private void failed(Exception ex, long startNanos, long loginTimeoutNanos) {
		SecretMasker secrets = this.factory.secrets();
		if (this.pool.isClosed()) {
			// close() interrupts the connects under way: the pool gave up on them, the
			// database did not fail.
			logger.debug("Pool '{}' closed while a connection was being opened", this.pool.name, secrets.mask(ex));
			return;
		}
		long now = System.nanoTime();
		SQLException failure = (ex instanceof SQLException sqlException) ? sqlException
				: new SQLException(ex.getMessage(), "08001", ex);
		ConnectionErrorKind kind = classify(failure, now - startNanos, loginTimeoutNanos);
		// Classified first: the masked copies of a chain are not of the driver's classes.
		SQLException sql = secrets.mask(failure);
		PoolConnectionError error = PoolConnectionError.of(kind, sql);
		this.lastError = error;
		if (kind == ConnectionErrorKind.TIMEOUT && loginTimeoutNanos > 0) {
			this.loginTimeouts++;
		}
		Failing previous = this.failing;
		int failures = ((previous != null) ? previous.count() : 0) + 1;
		// Wrong credentials, or a validation query wrong for the database, will not fix
		// themselves within a borrower's wait: retry at the slowest pace at once.
		boolean hopeless = kind == ConnectionErrorKind.AUTH || sql instanceof ValidationQueryException;
		this.failing = new Failing(failures, startNanos, now,
				hopeless ? MAX_BACKOFF_NANOS : jitter(backoffNanos(failures)), jitter(WAITING_RETRY_NANOS), hopeless);
		this.pool.listener.connectionCreationFailed(kind, sql);
		this.pool.creationFailed(error);
		if (failures == 1) {
			logger.warn("Pool '{}' could not open a connection ({}): {}; retrying with back-off", this.pool.name,
					kind.tag(), error.description());
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Pool '{}' connect attempt {} failed ({}): {}", this.pool.name, failures, kind.tag(),
					error.description());
		}
	}

	/**
	 * The kind of a failed attempt; one that failed only once its login timeout ran out
	 * timed out, whatever the driver's message says (pgjdbc's is translated, and carries
	 * no cause).
	 */
	private ConnectionErrorKind classify(SQLException failure, long elapsedNanos, long loginTimeoutNanos) {
		ConnectionErrorKind kind = ConnectionErrorKind.of(failure);
		if (kind == ConnectionErrorKind.AUTH || kind == ConnectionErrorKind.TIMEOUT) {
			return kind;
		}
		long limit = (loginTimeoutNanos > 0) ? loginTimeoutNanos : this.factory.loginTimeoutNanos();
		if (limit <= 0) {
			limit = this.pool.config.connectionTimeout().toNanos();
		}
		return (elapsedNanos >= limit - limit / 20) ? ConnectionErrorKind.TIMEOUT : kind;
	}

	private long backoffNanos(int failures) {
		long base = FIRST_BACKOFF_NANOS << Math.min(failures - 1, 20);
		return Math.min(base, this.maxBackoffNanos);
	}

	/** ±20%, so that pools restarted together do not retry in lock-step. */
	private static long jitter(long nanos) {
		return (long) (nanos * (0.8 + ThreadLocalRandom.current().nextDouble() * 0.4));
	}

	/**
	 * Runs {@link #fill()} at {@code dueNanos}, unless a run at that time or earlier is
	 * scheduled already; a later one stays scheduled and finds nothing to do.
	 */
	private void scheduleRetry(long dueNanos) {
		if (this.pool.isClosed()) {
			return;
		}
		for (;;) {
			long scheduled = this.retryAtNanos.get();
			if (scheduled != NONE && scheduled - dueNanos <= 0) {
				return;
			}
			if (this.retryAtNanos.compareAndSet(scheduled, dueNanos)) {
				break;
			}
		}
		try {
			this.pool.scheduler().schedule(() -> {
				this.retryAtNanos.compareAndSet(dueNanos, NONE);
				fill();
			}, Math.max(0, dueNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			this.retryAtNanos.compareAndSet(dueNanos, NONE);
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

	/** See {@link ConnectionFactory#databaseProductName()}. */
	String databaseProductName() {
		return this.factory.databaseProductName();
	}

	boolean isFailing() {
		return this.failing != null;
	}

	/** See {@link ConnectionFactory#secrets()}. */
	SecretMasker secrets() {
		return this.factory.secrets();
	}

	PoolConnectionError lastError() {
		return this.lastError;
	}

	void shutdown() {
		this.executor.shutdownNow();
	}

	/**
	 * Failed attempts in a row, when the last one started and ended, the pause after it
	 * while nobody waits ({@code backoffNanos}) and while borrowers wait, and whether
	 * waiting cannot help (the credentials or the validation query were refused).
	 */
	private record Failing(int count, long startNanos, long endNanos, long backoffNanos, long waitingPauseNanos,
			boolean hopeless) {
	}

}
