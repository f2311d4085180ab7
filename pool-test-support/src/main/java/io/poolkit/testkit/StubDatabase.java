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
 * One in-memory "database" behind {@link StubDriver}, of one of two kinds:
 * <ul>
 * <li>a <em>counting</em> database ({@link #create()}), for the pool's tests: it counts
 * what a pool does to it, keeps its open connections and their SQL, and answers every
 * query with the int 1;</li>
 * <li>a <em>plain</em> database ({@link #plain(String)}), for benchmarks, which measure
 * the pool and not the stub: it keeps no books at all, so no call on its connections pays
 * for a counter, a list or a lock, and a prepared query answers its first parameter, so
 * that a benchmark can check it read the row it asked for. Its counters,
 * {@link #connections()}, {@link #lastConnectProperties()} and {@link #killAll()} throw
 * {@link IllegalStateException}.</li>
 * </ul>
 * Both take the same faults, which a test switches on and off while the pool runs. A
 * connect goes through, in order: count the attempt and remember its properties (counting
 * only), {@linkplain #connectDelay wait the delay}, {@linkplain #blockConnects wait at
 * the gate}, {@linkplain #failConnects fail}. Faults are read after the waits, so a
 * switch flipped while connects are blocked applies to them. Every method is safe to call
 * from any thread.
 */
public final class StubDatabase {

	private static final Map<String, StubDatabase> DATABASES = new ConcurrentHashMap<>();

	private static final AtomicLong NAMES = new AtomicLong();

	private final String name;

	/** What a counting database keeps; null for a plain one. */
	private final Books books;

	private final AtomicInteger blockedConnects = new AtomicInteger();

	/** Non-null while connects are blocked; released by counting it down. */
	private final AtomicReference<CountDownLatch> connectGate = new AtomicReference<>();

	private volatile Supplier<? extends SQLException> connectFailure;

	private volatile Duration connectDelay = Duration.ZERO;

	private StubDatabase(String name, boolean counting) {
		this.name = name;
		this.books = counting ? new Books() : null;
	}

	/**
	 * @return a new, empty counting database with a name no other database in this JVM
	 * has
	 */
	public static StubDatabase create() {
		StubDriver.ensureRegistered();
		StubDatabase database = new StubDatabase("db" + NAMES.incrementAndGet(), true);
		DATABASES.put(database.name, database);
		return database;
	}

	/**
	 * The plain database of that name, created by the first call: every call with the
	 * name, in any thread, gets the same one, so that a benchmark can name it in a fixed
	 * URL.
	 * @param name the name in {@code jdbc:stub:<name>}
	 * @return the database
	 * @throws IllegalArgumentException if a counting database has that name
	 */
	public static StubDatabase plain(String name) {
		StubDriver.ensureRegistered();
		StubDatabase database = DATABASES.computeIfAbsent(name, (key) -> new StubDatabase(key, false));
		if (database.books != null) {
			throw new IllegalArgumentException(name + " names a counting database");
		}
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
		return this.name;
	}

	/**
	 * @return true for a database from {@link #create()}, false for a plain one
	 */
	public boolean counting() {
		return this.books != null;
	}

	/**
	 * @return {@code jdbc:stub:<name>}, for {@link java.sql.DriverManager} or a pool's
	 * {@code url} setting
	 */
	public String url() {
		return StubDriver.URL_PREFIX + this.name;
	}

	/**
	 * @return a new minimal {@link DataSource} connecting to this database
	 */
	public DataSource dataSource() {
		return new StubDataSource(this);
	}

	// ---- counters (counting databases only)

	/**
	 * @return physical connections opened successfully, ever
	 */
	public int opened() {
		return books().opened.get();
	}

	/**
	 * @return physical connections closed (or aborted), ever
	 */
	public int closed() {
		return books().closed.get();
	}

	/**
	 * @return physical connections open now, killed ones included until they are closed
	 */
	public int open() {
		return books().open.size();
	}

	/**
	 * @return connect calls, successful or not
	 */
	public int connectAttempts() {
		return books().connectAttempts.get();
	}

	/**
	 * @return commits on all connections: explicit ones, and {@code setAutoCommit(true)}
	 * with work pending
	 */
	public int commits() {
		return books().commits.get();
	}

	/**
	 * @return rollbacks on all connections
	 */
	public int rollbacks() {
		return books().rollbacks.get();
	}

	/**
	 * @return a copy of the properties the last connect call was given, or null before
	 * the first
	 */
	public Properties lastConnectProperties() {
		Properties last = books().lastConnectProperties;
		return last == null ? null : copy(last);
	}

	/**
	 * @return the connections open now, oldest first
	 */
	public List<StubConnection> connections() {
		return List.copyOf(books().open.values());
	}

	/**
	 * @return connect calls waiting at the gate of {@link #blockConnects()} right now
	 */
	public int blockedConnects() {
		return this.blockedConnects.get();
	}

	private Books books() {
		Books books = this.books;
		if (books == null) {
			throw new IllegalStateException(this + " is plain: it keeps no books");
		}
		return books;
	}

	// ---- fault switches

	/**
	 * Every connect throws {@code failure} (the same instance each time) until
	 * {@link #acceptConnects()}.
	 */
	public void failConnects(SQLException failure) {
		Objects.requireNonNull(failure, "failure");
		this.connectFailure = () -> failure;
	}

	/**
	 * Every connect throws a fresh exception from {@code failures} until
	 * {@link #acceptConnects()}.
	 */
	public void failConnects(Supplier<? extends SQLException> failures) {
		this.connectFailure = Objects.requireNonNull(failures, "failures");
	}

	/** Undoes {@link #failConnects}. */
	public void acceptConnects() {
		this.connectFailure = null;
	}

	/**
	 * Makes connect calls wait, interruptibly, until {@link #releaseConnects()};
	 * {@link #blockedConnects()} tells how many are waiting. Calling it while already
	 * blocked changes nothing.
	 */
	public void blockConnects() {
		this.connectGate.compareAndSet(null, new CountDownLatch(1));
	}

	/** Lets every blocked connect call go on, and new ones pass without waiting. */
	public void releaseConnects() {
		CountDownLatch gate = this.connectGate.getAndSet(null);
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
		this.connectDelay = delay;
	}

	/**
	 * Every connection open now dies as if the server went away: {@code isValid} returns
	 * false and other calls throw SQLState 08006. They stay counted as open until closed.
	 * Connections opened afterwards are healthy. Counting databases only: a plain one
	 * does not know its connections.
	 */
	public void killAll() {
		books().open.values().forEach(StubConnection::kill);
	}

	/** Kills one connection, as {@link #killAll()} does to all. */
	public void kill(StubConnection connection) {
		if (connection.database() != this) {
			throw new IllegalArgumentException(connection + " belongs to another database");
		}
		connection.kill();
	}

	// ---- used by the driver, the data source and the connections

	StubConnection connect(Properties info) throws SQLException {
		Books books = this.books;
		Properties properties = (info != null) ? copy(info) : new Properties();
		if (books != null) {
			books.connectAttempts.incrementAndGet();
			books.lastConnectProperties = properties;
		}
		pause();
		Supplier<? extends SQLException> failure = this.connectFailure;
		if (failure != null) {
			throw failure.get();
		}
		if (books == null) {
			return new StubConnectionImpl(this, 0, properties);
		}
		StubConnection connection = new StubConnectionImpl(this, books.connectionIds.incrementAndGet(), properties);
		books.open.put(connection.id(), connection);
		books.opened.incrementAndGet();
		return connection;
	}

	private void pause() throws SQLException {
		try {
			Duration delay = this.connectDelay;
			if (!delay.isZero()) {
				Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
			}
			CountDownLatch gate = this.connectGate.get();
			if (gate != null) {
				this.blockedConnects.incrementAndGet();
				try {
					gate.await();
				}
				finally {
					this.blockedConnects.decrementAndGet();
				}
			}
		}
		catch (InterruptedException ex) {
			// A pool cancels a connect by interrupting it; keep the flag so its caller
			// sees that too.
			Thread.currentThread().interrupt();
			throw new SQLException("interrupted while connecting", "08001", ex);
		}
	}

	/** Called once per connection of a counting database, by its first close. */
	void connectionClosed(StubConnection connection) {
		if (this.books.open.remove(connection.id()) != null) {
			this.books.closed.incrementAndGet();
		}
	}

	/** Called by connections of a counting database. */
	void committed() {
		this.books.commits.incrementAndGet();
	}

	/** Called by connections of a counting database. */
	void rolledBack() {
		this.books.rollbacks.incrementAndGet();
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
		return "StubDatabase[" + this.name + "]";
	}

	/** What a counting database counts and keeps. */
	private static final class Books {

		final AtomicInteger opened = new AtomicInteger();

		final AtomicInteger closed = new AtomicInteger();

		final AtomicInteger connectAttempts = new AtomicInteger();

		final AtomicInteger commits = new AtomicInteger();

		final AtomicInteger rollbacks = new AtomicInteger();

		final AtomicLong connectionIds = new AtomicLong();

		/**
		 * Keyed by connection id, so {@link #connections()} lists them in the order they
		 * were opened.
		 */
		final Map<Long, StubConnection> open = new ConcurrentSkipListMap<>();

		volatile Properties lastConnectProperties;

	}

}
