package io.poolkit.testkit;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.sql.DataSource;

/**
 * One in-memory "database" behind {@link StubDriver}: it counts what a pool does to it
 * and lets a test switch faults on and off while the pool runs. Every method is safe to
 * call from any thread.
 * <p>
 * A connect goes through, in order: count the attempt, remember its properties,
 * {@linkplain #connectDelay wait the delay}, {@linkplain #blockConnects wait at the
 * gate}, {@linkplain #failConnects fail}. Faults are read after the waits, so a switch
 * flipped while connects are blocked applies to them.
 */
public final class StubDatabase {

	private static final Map<String, StubDatabase> DATABASES = new ConcurrentHashMap<>();

	private static final AtomicLong NAMES = new AtomicLong();

	private final String name;

	private final AtomicInteger opened = new AtomicInteger();

	private final AtomicInteger closed = new AtomicInteger();

	private final AtomicInteger connectAttempts = new AtomicInteger();

	private final AtomicInteger commits = new AtomicInteger();

	private final AtomicInteger rollbacks = new AtomicInteger();

	private final AtomicInteger blockedConnects = new AtomicInteger();

	private final AtomicLong connectionIds = new AtomicLong();

	/**
	 * Keyed by connection id, so {@link #connections()} lists them in the order they were
	 * opened.
	 */
	private final Map<Long, StubConnection> open = new ConcurrentSkipListMap<>();

	/** Non-null while connects are blocked; released by counting it down. */
	private final AtomicReference<CountDownLatch> connectGate = new AtomicReference<>();

	private volatile Supplier<? extends SQLException> connectFailure;

	private volatile Duration connectDelay = Duration.ZERO;

	private volatile Properties lastConnectProperties;

	private StubDatabase(String name) {
		this.name = name;
	}

	/**
	 * @return a new, empty database with a name no other database in this JVM has
	 */
	public static StubDatabase create() {
		StubDriver.ensureRegistered();
		StubDatabase database = new StubDatabase("db" + NAMES.incrementAndGet());
		DATABASES.put(database.name, database);
		return database;
	}

	static StubDatabase lookup(String name) throws SQLException {
		StubDatabase database = DATABASES.get(name);
		if (database == null) {
			throw new SQLException("no stub database named '" + name + "'", "08001");
		}
		return database;
	}

	public String name() {
		return name;
	}

	/**
	 * @return {@code jdbc:stub:<name>}, for {@link java.sql.DriverManager} or a pool's
	 * {@code url} setting
	 */
	public String url() {
		return StubDriver.URL_PREFIX + name;
	}

	/**
	 * @return a new minimal {@link DataSource} connecting to this database
	 */
	public DataSource dataSource() {
		return new StubDataSource(this);
	}

	// ---- counters ----

	/**
	 * @return physical connections opened successfully, ever
	 */
	public int opened() {
		return opened.get();
	}

	/**
	 * @return physical connections closed (or aborted), ever
	 */
	public int closed() {
		return closed.get();
	}

	/**
	 * @return physical connections open now, killed ones included until they are closed
	 */
	public int open() {
		return open.size();
	}

	/**
	 * @return connect calls, successful or not
	 */
	public int connectAttempts() {
		return connectAttempts.get();
	}

	/**
	 * @return commits on all connections: explicit ones, and {@code setAutoCommit(true)}
	 * with work pending
	 */
	public int commits() {
		return commits.get();
	}

	/**
	 * @return rollbacks on all connections
	 */
	public int rollbacks() {
		return rollbacks.get();
	}

	/**
	 * @return connect calls waiting at the gate of {@link #blockConnects()} right now
	 */
	public int blockedConnects() {
		return blockedConnects.get();
	}

	/**
	 * @return a copy of the properties the last connect call was given, or null before
	 * the first
	 */
	public Properties lastConnectProperties() {
		Properties last = lastConnectProperties;
		return last == null ? null : copy(last);
	}

	/**
	 * @return the connections open now, oldest first
	 */
	public List<StubConnection> connections() {
		return List.copyOf(open.values());
	}

	// ---- fault switches ----

	/**
	 * Every connect throws {@code failure} (the same instance each time) until
	 * {@link #acceptConnects()}.
	 */
	public void failConnects(SQLException failure) {
		Objects.requireNonNull(failure, "failure");
		connectFailure = () -> failure;
	}

	/**
	 * Every connect throws a fresh exception from {@code failures} until
	 * {@link #acceptConnects()}.
	 */
	public void failConnects(Supplier<? extends SQLException> failures) {
		connectFailure = Objects.requireNonNull(failures, "failures");
	}

	/** Undoes {@link #failConnects}. */
	public void acceptConnects() {
		connectFailure = null;
	}

	/**
	 * Makes connect calls wait, interruptibly, until {@link #releaseConnects()};
	 * {@link #blockedConnects()} tells how many are waiting. Calling it while already
	 * blocked changes nothing.
	 */
	public void blockConnects() {
		connectGate.compareAndSet(null, new CountDownLatch(1));
	}

	/** Lets every blocked connect call go on, and new ones pass without waiting. */
	public void releaseConnects() {
		CountDownLatch gate = connectGate.getAndSet(null);
		if (gate != null) {
			gate.countDown();
		}
	}

	/**
	 * Every connect call first waits this long, interruptibly: a slow network or
	 * authentication.
	 */
	public void connectDelay(Duration delay) {
		if (delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative: " + delay);
		}
		connectDelay = delay;
	}

	/**
	 * Every connection open now dies as if the server went away: {@code isValid} returns
	 * false and other calls throw SQLState 08006. They stay counted as open until closed.
	 * Connections opened afterwards are healthy.
	 */
	public void killAll() {
		open.values().forEach(StubConnection::kill);
	}

	/** Kills one connection, as {@link #killAll()} does to all. */
	public void kill(StubConnection connection) {
		if (connection.database() != this) {
			throw new IllegalArgumentException(connection + " belongs to another database");
		}
		connection.kill();
	}

	// ---- used by the driver, the data source and the connections ----

	StubConnection connect(Properties info) throws SQLException {
		connectAttempts.incrementAndGet();
		Properties properties = info == null ? new Properties() : copy(info);
		lastConnectProperties = properties;
		pause();
		Supplier<? extends SQLException> failure = connectFailure;
		if (failure != null) {
			throw failure.get();
		}
		StubConnection connection = new StubConnection(this, connectionIds.incrementAndGet(), properties);
		open.put(connection.id(), connection);
		opened.incrementAndGet();
		return connection;
	}

	private void pause() throws SQLException {
		try {
			Duration delay = connectDelay;
			if (!delay.isZero()) {
				Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
			}
			CountDownLatch gate = connectGate.get();
			if (gate != null) {
				blockedConnects.incrementAndGet();
				try {
					gate.await();
				}
				finally {
					blockedConnects.decrementAndGet();
				}
			}
		}
		catch (InterruptedException e) {
			// A pool cancels a connect by interrupting it; keep the flag so its caller
			// sees that too.
			Thread.currentThread().interrupt();
			throw new SQLException("interrupted while connecting", "08001", e);
		}
	}

	void connectionClosed(StubConnection connection) {
		if (open.remove(connection.id()) != null) {
			closed.incrementAndGet();
		}
	}

	void committed() {
		commits.incrementAndGet();
	}

	void rolledBack() {
		rollbacks.incrementAndGet();
	}

	/**
	 * Copies defaults too, which {@code putAll} would miss: DriverManager callers may
	 * pass layered Properties.
	 */
	private static Properties copy(Properties source) {
		Properties copy = new Properties();
		for (String key : source.stringPropertyNames()) {
			copy.setProperty(key, source.getProperty(key));
		}
		return copy;
	}

	@Override
	public String toString() {
		return "StubDatabase[" + name + "]";
	}

}
