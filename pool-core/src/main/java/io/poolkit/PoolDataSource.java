package io.poolkit;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.poolkit.internal.Pool;
import io.poolkit.internal.PoolMBeans;
import io.poolkit.internal.PoolOperations;
import org.slf4j.LoggerFactory;

/**
 * A pooled {@link DataSource}. Build one from a {@link PoolConfig}, share it for the life
 * of the application, and {@link #close()} it at the end:
 *
 * <pre>{@code
 * PoolConfig config = PoolConfig.builder()
 *     .url("jdbc:postgresql://127.0.0.1:5432/test")
 *     .username("postgres")
 *     .maxSize(10)
 *     .build();
 * try (PoolDataSource pool = new PoolDataSource(config)) {
 *     try (Connection connection = pool.getConnection()) {
 *         // use it; close() returns it to the pool
 *     }
 * }
 * }</pre>
 *
 * The connections it hands out are proxies: closing one rolls back unfinished work,
 * restores session state the borrower changed, closes statements left open, and returns
 * the physical connection to the pool.
 */
public class PoolDataSource implements DataSource, AutoCloseable {

	private static final org.slf4j.Logger logger = LoggerFactory.getLogger(PoolDataSource.class);

	private final Pool pool;

	private final PoolMBeans mbeans;

	private final PoolOperations operations;

	private volatile PoolConfig config;

	private volatile PrintWriter logWriter;

	private final AtomicBoolean closeStarted = new AtomicBoolean();

	private final CountDownLatch closeDone = new CountDownLatch(1);

	private volatile Thread closingThread;

	/**
	 * Starts a pool: connections are opened in the background up to {@code min-idle};
	 * when {@code initialization-timeout} is not zero this waits that long for a first
	 * good connection.
	 * @param config the pool's settings
	 * @throws PoolInitializationException when no connection could be opened within
	 * {@code initialization-timeout}, with the database's error as its cause
	 * @throws IllegalArgumentException when no driver accepts the URL or the driver class
	 * cannot be loaded
	 */
	public PoolDataSource(PoolConfig config) {
		this.pool = new Pool(config);
		this.config = config;
		this.operations = new PoolOperations(this.pool);
		this.operations.prepare();
		logger.info("Pool '{}' starting: {}, min-idle={}, connection-timeout={} ms", config.name(),
				config.maxSizeReason(), config.minIdle(), config.connectionTimeout().toMillis());
		this.pool.start();
		this.operations.start();
		this.mbeans = config.registerMbeans() ? PoolMBeans.register(this.pool) : null;
		long timeout = config.initializationTimeout().toNanos();
		if (timeout > 0) {
			PoolConnectionError error = this.pool.awaitFirstConnection(timeout);
			if (error != null) {
				close();
				throw new PoolInitializationException("Pool '" + config.name() + "' could not open a connection to "
						+ describeTarget(config) + " within initialization-timeout "
						+ TimeUnit.NANOSECONDS.toMillis(timeout) + " ms: " + error.description(), error.exception());
			}
		}
	}

	private static String describeTarget(PoolConfig config) {
		return (config.url() != null) ? io.poolkit.internal.Secrets.maskUrl(config.url()) : "the configured DataSource";
	}

	/**
	 * Borrows a connection, waiting up to {@code connection-timeout}, counted from this
	 * call however many idle connections fail validation on the way (each check gets at
	 * most half of the time left, and after one that does not answer, a new connection is
	 * preferred).
	 * @throws java.sql.SQLTransientConnectionException when none became available in
	 * time; the message names the pool, the counts and the longest holders, and the last
	 * connection error is chained
	 * @throws SQLException when the pool is closed or the waiting thread is interrupted
	 * (its interrupt flag stays set)
	 */
	@Override
	public Connection getConnection() throws SQLException {
		return this.pool.borrow();
	}

	/**
	 * Not supported: a pool lends connections of one identity. Use a
	 * {@link PoolConfig#credentialsSupplier()} for rotating credentials, or a separate
	 * pool per identity.
	 * @throws SQLFeatureNotSupportedException always
	 */
	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLFeatureNotSupportedException("Pool '" + this.pool.name()
				+ "' lends connections of its configured user only; getConnection(user, password) is not supported. "
				+ "Use a separate pool per user, or a credentials supplier for rotating credentials");
	}

	/** A snapshot of the pool's counts. */
	public PoolStats stats() {
		return this.pool.stats();
	}

	/** The connections lent out now, longest held first. */
	public List<BorrowedConnection> borrowedConnections() {
		return this.pool.borrowedConnections();
	}

	/**
	 * The pool's settings, with {@code max-size} and {@code min-idle} as last
	 * {@linkplain #resize resized}.
	 */
	public PoolConfig config() {
		return this.config;
	}

	/**
	 * Changes {@code max-size} and {@code min-idle} while the pool runs. The new values
	 * are validated as at startup; when the pool shrinks, idle connections above the new
	 * size close now and borrowed ones as they come back. In adaptive mode
	 * ({@code sizing.mode=adaptive}) {@code max-size} is the ceiling of the target, which
	 * moves into the new bounds at once and is then chosen from the load again.
	 * @throws IllegalArgumentException naming each bad value and what is allowed
	 */
	public void resize(int maxSize, int minIdle) {
		PoolConfig resized = this.config.toBuilder().maxSize(maxSize).minIdle(minIdle).build();
		this.config = resized;
		this.pool.resize(maxSize, minIdle);
		LoggerFactory.getLogger(PoolDataSource.class)
			.info("Pool '{}' resized: max-size={}, min-idle={}", name(), maxSize, minIdle);
	}

	/**
	 * The last decision of adaptive sizing ({@code sizing.mode=adaptive}): the target
	 * size, the load it was chosen from and the arithmetic. One is made every
	 * {@code sizing.period}; those that change the target are also
	 * {@linkplain #recentEvents() events} of type {@code sizing} and INFO log lines. The
	 * target itself is {@link PoolStats#target()}. Thread-safe; never blocks.
	 * @return the decision, or {@code null} in fixed mode and before the first period
	 * ends
	 */
	public SizingDecision sizingDecision() {
		return this.pool.sizingDecision();
	}

	/**
	 * The share of the connection budget adaptive sizing last read and computed: the
	 * limit that binds the instances of this pool, what each holds and what this one may
	 * hold. Thread-safe; never blocks (the budget is read in the background, every
	 * {@code sizing.period}).
	 * @return the budget, or {@code null} in fixed mode, before the first read, and where
	 * no budget applies (neither PostgreSQL nor {@code sizing.fleet-budget})
	 */
	public FleetBudget fleetBudget() {
		return this.pool.fleetBudget();
	}

	/** How long borrowers waited over the recent window (about two minutes). */
	public AcquireWaits acquireWaits() {
		return this.pool.acquireWaits();
	}

	/**
	 * Notable recent events (failed connects, evictions, leaks, sizing and budget
	 * warnings), newest first.
	 */
	public List<PoolEvent> recentEvents() {
		return this.pool.recentEvents();
	}

	/**
	 * A recommended {@code max-size} from the recent window, with its formula and inputs.
	 */
	public SizingAdvice sizingAdvice() {
		return this.operations.sizingAdvice();
	}

	/**
	 * The PostgreSQL connection budget as last checked (at startup), or {@code null} when
	 * it has not been checked or the database is not PostgreSQL.
	 */
	public ConnectionBudget connectionBudget() {
		return this.operations.budget();
	}

	/** Checks the PostgreSQL connection budget now, borrowing one connection for it. */
	public ConnectionBudget checkConnectionBudget() throws SQLException {
		return this.operations.checkBudget();
	}

	/**
	 * Pools open in this JVM for the same database and user, this one included: more than
	 * a few is a bug.
	 */
	public int poolsForSameDatabase() {
		return this.operations.poolsForSameDatabase();
	}

	/** The pool's name. */
	public String name() {
		return this.pool.name();
	}

	/**
	 * Makes borrowers wait (up to their {@code connection-timeout}) until
	 * {@link #resume()}.
	 */
	public void suspend() {
		this.pool.suspend();
	}

	/** Lets borrowers through again after {@link #suspend()}. */
	public void resume() {
		this.pool.resume();
	}

	/**
	 * Retires every connection: idle ones close now, borrowed ones when returned; new
	 * ones replace them. For credential rotation and fail-over.
	 */
	public void evictAll() {
		this.pool.evictAll();
	}

	/** Whether {@link #close()} was called. */
	public boolean isClosed() {
		return this.pool.isClosed();
	}

	/**
	 * Closes the pool: new borrows fail, idle connections close at once, borrowed ones
	 * are waited for up to {@code shutdown-timeout} and then aborted. Safe to call from
	 * several threads at once and again later: every call returns only once the pool is
	 * closed (the later ones wait for the first, even when interrupted, keeping the
	 * interrupt flag), and only the first does the work.
	 * <p>
	 * On the server, an idle connection ends its session normally (PostgreSQL: a
	 * Terminate message). An aborted one ends whatever it still runs: its socket is
	 * closed (the borrower's blocked call fails at once with SQLState 08006), the running
	 * statement is cancelled (PostgreSQL cancel request; MariaDB Connector/J sends
	 * {@code KILL}), and a PostgreSQL backend still present 250 ms later is ended with
	 * {@code pg_terminate_backend} over one fresh connection (not behind PgBouncer). The
	 * server rolls back the aborted session's uncommitted work and releases its locks;
	 * nothing is committed. The abort runs on the pool's abort threads and does not wait
	 * for a validation in progress.
	 */
	@Override
	public void close() {
		if (!this.closeStarted.compareAndSet(false, true)) {
			// A listener closing the pool from inside the close itself returns at once.
			if (this.closingThread != Thread.currentThread()) {
				awaitClosed();
			}
			return;
		}
		this.closingThread = Thread.currentThread();
		try {
			this.operations.stop();
			this.pool.close();
			if (this.mbeans != null) {
				this.mbeans.unregister();
			}
			logger.info("Pool '{}' closed", this.pool.name());
		}
		finally {
			this.closingThread = null;
			this.closeDone.countDown();
		}
	}

	private void awaitClosed() {
		boolean interrupted = false;
		for (;;) {
			try {
				this.closeDone.await();
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

	@Override
	public PrintWriter getLogWriter() {
		return this.logWriter;
	}

	@Override
	public void setLogWriter(PrintWriter out) {
		this.logWriter = out;
	}

	/**
	 * Ignored: {@code connection-timeout} bounds every borrow. Frameworks call this;
	 * failing them helps no one.
	 */
	@Override
	public void setLoginTimeout(int seconds) {
	}

	@Override
	public int getLoginTimeout() {
		return (int) this.pool.config().connectionTimeout().toSeconds();
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException("Poolkit logs through SLF4J");
	}

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		if (iface.isInstance(this)) {
			return iface.cast(this);
		}
		throw new SQLException("PoolDataSource does not wrap " + iface.getName());
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) {
		return iface.isInstance(this);
	}

	@Override
	public String toString() {
		return "PoolDataSource[" + this.pool.name() + "]";
	}

}
