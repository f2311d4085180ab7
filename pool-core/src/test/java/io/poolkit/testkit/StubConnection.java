package io.poolkit.testkit;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A physical connection of a {@link StubDatabase}. Its session state behaves like a real
 * driver's (getters return what setters set, {@code setAutoCommit(true)} commits pending
 * work, calls after close throw SQLState 08003), and tests read that state through the
 * accessors at the bottom, which never throw, from any thread.
 * <p>
 * Defaults, as PostgreSQL's driver has them: auto-commit on, read committed, read-write,
 * the database name as catalog, schema {@code public}, network timeout 0, holdability
 * close-at-commit.
 */
public final class StubConnection extends UnsupportedConnection {

	/**
	 * Bounds {@link #executedSql()} so a benchmark running millions of queries does not
	 * fill the heap.
	 */
	static final int SQL_HISTORY = 10_000;

	private final StubDatabase database;

	private final long id;

	private final Properties connectProperties;

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile boolean killed;

	private volatile boolean autoCommit = true;

	private volatile boolean uncommittedWork;

	private volatile int transactionIsolation = TRANSACTION_READ_COMMITTED;

	private volatile boolean readOnly;

	private volatile String catalog;

	private volatile String schema = "public";

	private volatile int networkTimeout;

	private volatile int holdability = ResultSet.CLOSE_CURSORS_AT_COMMIT;

	private final Properties clientInfo = new Properties();

	private final AtomicInteger isValidCalls = new AtomicInteger();

	private final Set<StubStatement> openStatements = ConcurrentHashMap.newKeySet();

	/**
	 * Guarded by itself; short critical sections only, so no borrower thread waits on it
	 * for long.
	 */
	private final ArrayDeque<String> executedSql = new ArrayDeque<>();

	StubConnection(StubDatabase database, long id, Properties connectProperties) {
		this.database = database;
		this.id = id;
		this.connectProperties = connectProperties;
		this.catalog = database.name();
	}

	/**
	 * Throws what a real driver throws once the connection is closed or the server is
	 * gone.
	 */
	void checkUsable() throws SQLException {
		if (closed.get()) {
			throw new SQLException("closed", "08003");
		}
		if (killed) {
			throw new SQLException("connection killed by the test (" + this + ")", "08006");
		}
	}

	/** Called by this connection's statements for every SQL string they run. */
	void execute(String sql) throws SQLException {
		checkUsable();
		synchronized (executedSql) {
			if (executedSql.size() == SQL_HISTORY) {
				executedSql.removeFirst();
			}
			executedSql.addLast(sql);
		}
		if (!autoCommit) {
			uncommittedWork = true;
		}
	}

	void statementClosed(StubStatement statement) {
		openStatements.remove(statement);
	}

	void kill() {
		killed = true;
	}

	// ---- java.sql.Connection ----

	@Override
	public Statement createStatement() throws SQLException {
		checkUsable();
		return register(new StubStatement(this));
	}

	@Override
	public PreparedStatement prepareStatement(String sql) throws SQLException {
		checkUsable();
		return register(new StubPreparedStatement(this, sql));
	}

	private <S extends StubStatement> S register(S statement) {
		openStatements.add(statement);
		return statement;
	}

	@Override
	public String nativeSQL(String sql) throws SQLException {
		checkUsable();
		return sql;
	}

	@Override
	public void setAutoCommit(boolean autoCommit) throws SQLException {
		checkUsable();
		// JDBC: switching auto-commit on commits the transaction in progress.
		if (autoCommit && !this.autoCommit && uncommittedWork) {
			uncommittedWork = false;
			database.committed();
		}
		this.autoCommit = autoCommit;
	}

	@Override
	public boolean getAutoCommit() throws SQLException {
		checkUsable();
		return autoCommit;
	}

	@Override
	public void commit() throws SQLException {
		checkNotAutoCommit("commit");
		uncommittedWork = false;
		database.committed();
	}

	@Override
	public void rollback() throws SQLException {
		checkNotAutoCommit("rollback");
		uncommittedWork = false;
		database.rolledBack();
	}

	/**
	 * Like PostgreSQL's driver, refuse rather than ignore: a pool that commits in
	 * auto-commit mode has a bug.
	 */
	private void checkNotAutoCommit(String operation) throws SQLException {
		checkUsable();
		if (autoCommit) {
			throw new SQLException("cannot " + operation + " when autoCommit is enabled", "25P01");
		}
	}

	@Override
	public void close() {
		if (closed.compareAndSet(false, true)) {
			for (StubStatement statement : openStatements) {
				statement.close();
			}
			database.connectionClosed(this);
		}
	}

	@Override
	public void abort(Executor executor) throws SQLException {
		if (executor == null) {
			throw new SQLException("abort needs an executor");
		}
		close();
	}

	@Override
	public boolean isClosed() {
		return closed.get();
	}

	@Override
	public boolean isValid(int timeout) throws SQLException {
		if (timeout < 0) {
			throw new SQLException("timeout must not be negative: " + timeout);
		}
		isValidCalls.incrementAndGet();
		return !closed.get() && !killed;
	}

	@Override
	public DatabaseMetaData getMetaData() throws SQLException {
		checkUsable();
		return new StubDatabaseMetaData(this);
	}

	@Override
	public void setReadOnly(boolean readOnly) throws SQLException {
		checkUsable();
		this.readOnly = readOnly;
	}

	@Override
	public boolean isReadOnly() throws SQLException {
		checkUsable();
		return readOnly;
	}

	@Override
	public void setCatalog(String catalog) throws SQLException {
		checkUsable();
		this.catalog = catalog;
	}

	@Override
	public String getCatalog() throws SQLException {
		checkUsable();
		return catalog;
	}

	@Override
	public void setSchema(String schema) throws SQLException {
		checkUsable();
		this.schema = schema;
	}

	@Override
	public String getSchema() throws SQLException {
		checkUsable();
		return schema;
	}

	@Override
	public void setTransactionIsolation(int level) throws SQLException {
		checkUsable();
		if (level != TRANSACTION_READ_UNCOMMITTED && level != TRANSACTION_READ_COMMITTED
				&& level != TRANSACTION_REPEATABLE_READ && level != TRANSACTION_SERIALIZABLE) {
			throw new SQLException("unsupported transaction isolation level " + level);
		}
		transactionIsolation = level;
	}

	@Override
	public int getTransactionIsolation() throws SQLException {
		checkUsable();
		return transactionIsolation;
	}

	@Override
	public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
		checkUsable();
		if (milliseconds < 0) {
			throw new SQLException("network timeout must not be negative: " + milliseconds);
		}
		networkTimeout = milliseconds;
	}

	@Override
	public int getNetworkTimeout() throws SQLException {
		checkUsable();
		return networkTimeout;
	}

	@Override
	public void setHoldability(int holdability) throws SQLException {
		checkUsable();
		this.holdability = holdability;
	}

	@Override
	public int getHoldability() throws SQLException {
		checkUsable();
		return holdability;
	}

	@Override
	public SQLWarning getWarnings() throws SQLException {
		checkUsable();
		return null;
	}

	@Override
	public void clearWarnings() throws SQLException {
		checkUsable();
	}

	@Override
	public void setClientInfo(String name, String value) throws SQLClientInfoException {
		checkClientInfo();
		if (value == null) {
			clientInfo.remove(name);
		}
		else {
			clientInfo.setProperty(name, value);
		}
	}

	@Override
	public void setClientInfo(Properties properties) throws SQLClientInfoException {
		checkClientInfo();
		clientInfo.clear();
		clientInfo.putAll(properties);
	}

	private void checkClientInfo() throws SQLClientInfoException {
		try {
			checkUsable();
		}
		catch (SQLException e) {
			throw new SQLClientInfoException(e.getMessage(), e.getSQLState(), Map.of(), e);
		}
	}

	@Override
	public String getClientInfo(String name) throws SQLException {
		checkUsable();
		return clientInfo.getProperty(name);
	}

	@Override
	public Properties getClientInfo() throws SQLException {
		checkUsable();
		Properties copy = new Properties();
		copy.putAll(clientInfo);
		return copy;
	}

	// ---- state for tests: never throws, even when closed or killed ----

	/**
	 * @return the sequence number of this connection within its database, 1 for the first
	 */
	public long id() {
		return id;
	}

	public StubDatabase database() {
		return database;
	}

	/**
	 * @return a copy of the properties this connection was opened with
	 */
	public Properties connectProperties() {
		Properties copy = new Properties();
		copy.putAll(connectProperties);
		return copy;
	}

	public boolean autoCommit() {
		return autoCommit;
	}

	public int transactionIsolation() {
		return transactionIsolation;
	}

	public boolean readOnly() {
		return readOnly;
	}

	public String catalog() {
		return catalog;
	}

	public String schema() {
		return schema;
	}

	public int networkTimeout() {
		return networkTimeout;
	}

	/**
	 * @return true after a statement ran with auto-commit off, until commit or rollback
	 */
	public boolean uncommittedWork() {
		return uncommittedWork;
	}

	public boolean isKilled() {
		return killed;
	}

	/**
	 * @return how often {@link #isValid(int)} was called
	 */
	public int isValidCalls() {
		return isValidCalls.get();
	}

	/**
	 * @return statements created on this connection and not closed yet
	 */
	public int openStatements() {
		return openStatements.size();
	}

	/**
	 * @return the SQL run on this connection, oldest first (the last
	 * {@value #SQL_HISTORY} only)
	 */
	public List<String> executedSql() {
		synchronized (executedSql) {
			return List.copyOf(executedSql);
		}
	}

	@Override
	public String toString() {
		return "StubConnection[" + database.name() + "#" + id + (closed.get() ? ", closed" : "")
				+ (killed ? ", killed" : "") + "]";
	}

}
