package io.poolkit;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.poolkit.internal.Pool;
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

	private final PoolOperations operations;

	private volatile PoolConfig config;

	private volatile PrintWriter logWriter;

	private final AtomicBoolean closeStarted = new AtomicBoolean();

	private final CompletableFuture<Void> closeDone = new CompletableFuture<>();

	private volatile Thread closingThread;

	/** {@code null} unless tracing asked for one: one field read per borrow. */
	private volatile AcquireObserver acquireObserver;

	/**
	 * Starts a pool: connections are opened in the background up to {@code min-idle};
	 * when {@code initialization-timeout} is not zero this waits that long for a first
	 * good connection.
	 * @param config the pool's settings
	 * @throws PoolInitializationException when no connection could be opened within
	 * {@code initialization-timeout}, with the database's error as its cause; at once
	 * when the credentials are refused or {@code validation-query} fails on the first
	 * connection with an error of its own (a syntax error, a missing table, a division by
	 * zero: any SQLState but those of a failed connection or server; the message names
	 * the setting, its value and the server's error)
	 * @throws InvalidPoolConfigException naming {@code url} when no driver accepts the
	 * URL ({@link PoolConfig.Builder#driverProblem()}; a {@code driver-class-name} given
	 * must accept it too, by its {@link java.sql.Driver#acceptsURL}), or
	 * {@code driver-class-name} when the driver class cannot be instantiated
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
		long timeout = config.initializationTimeout().toNanos();
		if (timeout > 0) {
			PoolConnectionError error = this.pool.awaitFirstConnection(timeout);
			if (error != null) {
				close();
				String why = (error.exception() instanceof io.poolkit.internal.ValidationQueryException)
						? "cannot start: "
						: "could not open a connection to "
								+ ((config.url() != null) ? Secrets.maskUrl(config.url()) : "the configured DataSource")
								+ " within initialization-timeout " + TimeUnit.NANOSECONDS.toMillis(timeout) + " ms: ";
				throw new PoolInitializationException("Pool '" + config.name() + "' " + why + error.description(),
						error.exception());
			}
		}
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
	 * @see #setAcquireObserver
	 */
	@Override
	public Connection getConnection() throws SQLException {
		AcquireObserver observer = this.acquireObserver;
		if (observer == null) {
			return this.pool.borrow();
		}
		return ObservedBorrow.observe(observer, this, this.pool);
	}

	/**
	 * Sets the observer that runs around every later {@link #getConnection()}, for
	 * tracing; {@code null} (the default) removes it, and a borrow then does no work for
	 * it. Thread safe: borrows already under way keep the observer they started with.
	 * @param observer the observer, or {@code null}
	 */
	public void setAcquireObserver(AcquireObserver observer) {
		this.acquireObserver = observer;
	}

	/**
	 * The observer set with {@link #setAcquireObserver}.
	 * @return the observer, or {@code null} when none is set
	 */
	public AcquireObserver acquireObserver() {
		return this.acquireObserver;
	}

	/**
	 * Borrows a connection only if one is idle now: it never waits, never opens a
	 * connection and never goes ahead of borrowers already waiting. For checks that must
	 * not queue behind the application's borrowers, such as a health check. An idle
	 * connection past {@code validation-bypass} is validated first (up to
	 * {@code validation-timeout}); if it fails, it is retired and {@code null} returned.
	 * Close the connection to return it, as for {@link #getConnection()}. Thread safe.
	 * @return a connection, or {@code null} when none is idle, borrowers are waiting, the
	 * pool is suspended, or the idle connection taken failed validation
	 * @throws SQLException when the pool is closed
	 */
	public Connection tryGetConnection() throws SQLException {
		return this.pool.tryBorrow();
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

	/**
	 * What the pool has done since it started: connections lent, returned, opened and
	 * closed, timeouts, failed connects, with their total times. Every figure only grows,
	 * so metrics read them as counters and timers. Reading sums a few counters per
	 * connection; thread safe.
	 * @return a snapshot
	 */
	public PoolTotals totals() {
		return this.pool.totals();
	}

	/**
	 * Sends the pool's later events to one more listener, beside the one
	 * {@link PoolConfig#listener()} gave, for the life of the pool: for a meter that
	 * needs each event (a histogram of waits), where {@link #totals()} is not enough. The
	 * listener hears only what happens after this call. Listeners are called on the
	 * thread where the event happens, as {@link PoolListener} says; one that throws is
	 * logged and does not keep the others from the event. Thread safe.
	 * @param listener the listener
	 */
	public void addListener(PoolListener listener) {
		if (listener == null) {
			throw new IllegalArgumentException("listener must not be null");
		}
		this.pool.addListener(listener);
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
		logger.info("Pool '{}' resized: max-size={}, min-idle={}", name(), maxSize, minIdle);
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

	/**
	 * Pools open in this JVM for the same database and user, this one included: more than
	 * a few is a bug.
	 */
	public int poolsForSameDatabase() {
		return this.operations.poolsForSameDatabase();
	}

	/**
	 * The database's product name, as the driver reports it
	 * ({@link java.sql.DatabaseMetaData#getDatabaseProductName()}: {@code "PostgreSQL"},
	 * {@code "MariaDB"}, ...), read once from the first physical connection the pool
	 * opened, so known without borrowing one even while every connection is lent out.
	 * Thread safe; no database call.
	 * @return the product name, or {@code null} while no connection has been opened yet
	 * (or the driver could not tell)
	 */
	public String databaseProductName() {
		return this.operations.databaseProductName();
	}

	/** The pool's name. */
	public String name() {
		return this.pool.name();
	}

	/**
	 * Makes borrowers wait (up to their {@code connection-timeout}) until
	 * {@link #resume()}: those that come from now on and those already waiting. No
	 * connection is lent meanwhile; borrowers already holding one keep it. On resume the
	 * waiting borrowers are served in arrival order, as always. A borrower that comes
	 * while suspended is held even with {@code on-exhausted=fail-fast} or
	 * {@code max-waiters} reached; a borrower whose timeout comes while the pool is
	 * suspended is told so.
	 */
	public void suspend() {
		this.pool.suspend();
	}

	/**
	 * Lets borrowers through again after {@link #suspend()} or {@link #drain}; after a
	 * drain the pool opens connections up to {@code min-idle} again, and for the
	 * borrowers waiting.
	 */
	public void resume() {
		this.pool.resume();
	}

	/**
	 * Suspends the pool and closes all its physical connections, for a pause during which
	 * the database must see none of them, such as a JVM checkpoint (CRaC). Borrowers wait
	 * as after {@link #suspend()} (up to their {@code connection-timeout}); idle
	 * connections close now and borrowed ones when they are returned; no connection is
	 * opened until {@link #resume()}. Waits up to {@code timeout} for all of that. Thread
	 * safe; calling it again waits again.
	 * @param timeout how long to wait for borrowed connections to come back and every
	 * connection to be closed; zero does not wait
	 * @return {@code true} when the pool holds no physical connection any more,
	 * {@code false} when some were still borrowed (or being opened or closed) at the
	 * timeout; they close when they are returned
	 */
	public boolean drain(Duration timeout) {
		return this.pool.drain(timeout.toNanos());
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
	 * {@code KILL}), and a server session still present 250 ms later is ended over one
	 * fresh connection ({@code pg_terminate_backend} on PostgreSQL, {@code KILL} on
	 * MariaDB). Behind PgBouncer ({@code pgbouncer=true}) the cancel is sent before the
	 * socket is closed, as PgBouncer forwards it only for a client still connected, and
	 * nothing is ended by pid. The server rolls back the aborted session's uncommitted
	 * work and releases its locks; nothing is committed. The abort runs on the pool's
	 * abort threads and does not wait for a validation in progress.
	 */
	@Override
	public void close() {
		if (!this.closeStarted.compareAndSet(false, true)) {
			// A listener closing the pool from inside the close itself returns at once.
			if (this.closingThread != Thread.currentThread()) {
				// join() waits through interrupts and sets the flag again afterwards.
				this.closeDone.join();
			}
			return;
		}
		this.closingThread = Thread.currentThread();
		try {
			this.operations.stop();
			this.pool.close();
			logger.info("Pool '{}' closed", this.pool.name());
		}
		finally {
			this.closingThread = null;
			this.closeDone.complete(null);
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
