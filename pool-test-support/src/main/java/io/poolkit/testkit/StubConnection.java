package io.poolkit.testkit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A physical connection of a {@link StubDatabase}. Its session state behaves like a real
 * driver's (getters return what setters set, calls after close throw SQLState 08003,
 * after a kill 08006), and tests read it through the accessors at the bottom, which never
 * throw for a closed or killed connection.
 * <p>
 * Defaults, as PostgreSQL's driver has them: auto-commit on, read committed, read-write,
 * the database name as catalog, schema {@code public}, network timeout 0, holdability
 * close-at-commit.
 * <p>
 * A connection of a counting database also keeps books for tests: the SQL it ran, its
 * open statements, its {@code isValid} calls, and whether work is pending, so that
 * {@code setAutoCommit(true)} with work pending counts as the commit JDBC says it is;
 * closing it closes its statements. A connection of a plain database keeps none, so that
 * no call a benchmark makes pays for them, and those accessors throw
 * {@link IllegalStateException}.
 * <p>
 * Thread safety: whether it is closed or killed, and the books, may be read from any
 * thread. Session state is kept in plain fields, as a driver keeps it for the one thread
 * that uses a connection at a time: read it from that thread, or after the pool has
 * handed the connection on. The {@code Connection} methods not written here are generated
 * ({@link OtherwiseUnsupported}).
 * <p>
 * Over 500 lines because {@code Connection} is large: about forty of its methods are what
 * pools call, each spelled out here with the check a driver makes.
 */
@OtherwiseUnsupported(Connection.class)
public abstract class StubConnection implements Connection {

	/**
	 * Bounds {@link #executedSql()} so a long test running millions of queries does not
	 * fill the heap.
	 */
	static final int SQL_HISTORY = 10_000;

	private static final int CLOSED = 1;

	private static final int KILLED = 2;

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(StubConnection.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final StubDatabase database;

	private final long id;

	private final Properties connectProperties;

	/** Null on a plain database: every call skips the bookkeeping. */
	private final Books books;

	/**
	 * {@link #CLOSED} and {@link #KILLED} bits, one volatile read per call: what the
	 * stub's every call checks, as a driver checks its socket.
	 */
	private volatile int state;

	private boolean autoCommit = true;

	private int transactionIsolation = TRANSACTION_READ_COMMITTED;

	private boolean readOnly;

	private String catalog;

	private String schema = "public";

	private int networkTimeout;

	private int holdability = ResultSet.CLOSE_CURSORS_AT_COMMIT;

	private Map<String, Class<?>> typeMap = Collections.emptyMap();

	/** Created by the first {@code setClientInfo}: most connections never get any. */
	private Properties clientInfo;

	StubConnection(StubDatabase database, long id, Properties connectProperties) {
		this.database = database;
		this.id = id;
		this.connectProperties = connectProperties;
		this.catalog = database.name();
		this.books = database.counting() ? new Books() : null;
	}

	/**
	 * Throws what a real driver throws once the connection is closed or the server is
	 * gone.
	 */
	final void checkUsable() throws SQLException {
		int state = this.state;
		if (state != 0) {
			throw ((state & CLOSED) != 0) ? new SQLException("closed", "08003")
					: new SQLException("connection killed by the test (" + this + ")", "08006");
		}
	}

	/** Called by this connection's statements for every SQL string they run. */
	final void execute(String sql) throws SQLException {
		checkUsable();
		Books books = this.books;
		if (books != null) {
			books.executed(sql, this.autoCommit);
		}
	}

	final void statementClosed(StubStatement statement) {
		Books books = this.books;
		if (books != null) {
			books.openStatements.remove(statement);
		}
	}

	final void kill() {
		STATE.getAndBitwiseOr(this, KILLED);
	}

	final int holdability() {
		return this.holdability;
	}

	private <S extends StubStatement> S opened(S statement) {
		Books books = this.books;
		if (books != null) {
			books.openStatements.add(statement);
		}
		return statement;
	}

	// ---- java.sql.Connection: statements

	@Override
	public Statement createStatement() throws SQLException {
		checkUsable();
		return opened(new StubStatementImpl(this));
	}

	@Override
	public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
		return createStatement();
	}

	@Override
	public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
			throws SQLException {
		return createStatement();
	}

	@Override
	public PreparedStatement prepareStatement(String sql) throws SQLException {
		checkUsable();
		if (sql == null) {
			throw new SQLException("sql is null", "22004");
		}
		return opened(new StubPreparedStatementImpl(this, sql));
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
		return prepareStatement(sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
		return prepareStatement(sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
		return prepareStatement(sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
			throws SQLException {
		return prepareStatement(sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
			int resultSetHoldability) throws SQLException {
		return prepareStatement(sql);
	}

	@Override
	public String nativeSQL(String sql) throws SQLException {
		checkUsable();
		return sql;
	}

	// ---- transactions

	@Override
	public void setAutoCommit(boolean autoCommit) throws SQLException {
		checkUsable();
		// JDBC: switching auto-commit on commits the transaction in progress.
		if (autoCommit && !this.autoCommit && this.books != null && this.books.uncommittedWork) {
			this.books.uncommittedWork = false;
			this.database.committed();
		}
		this.autoCommit = autoCommit;
	}

	@Override
	public boolean getAutoCommit() throws SQLException {
		checkUsable();
		return this.autoCommit;
	}

	@Override
	public void commit() throws SQLException {
		checkNotAutoCommit("commit");
		if (this.books != null) {
			this.books.uncommittedWork = false;
			this.database.committed();
		}
	}

	@Override
	public void rollback() throws SQLException {
		checkNotAutoCommit("rollback");
		if (this.books != null) {
			this.books.uncommittedWork = false;
			this.database.rolledBack();
		}
	}

	/**
	 * Like PostgreSQL's driver, refuse rather than ignore: a pool that commits in
	 * auto-commit mode has a bug.
	 */
	private void checkNotAutoCommit(String operation) throws SQLException {
		checkUsable();
		if (this.autoCommit) {
			throw new SQLException("cannot " + operation + " when autoCommit is enabled", "25P01");
		}
	}

	@Override
	public void setTransactionIsolation(int level) throws SQLException {
		checkUsable();
		if (level != TRANSACTION_READ_UNCOMMITTED && level != TRANSACTION_READ_COMMITTED
				&& level != TRANSACTION_REPEATABLE_READ && level != TRANSACTION_SERIALIZABLE) {
			throw new SQLException("unsupported transaction isolation level " + level);
		}
		this.transactionIsolation = level;
	}

	@Override
	public int getTransactionIsolation() throws SQLException {
		checkUsable();
		return this.transactionIsolation;
	}

	// ---- lifecycle

	@Override
	public void close() {
		int previous = (int) STATE.getAndBitwiseOr(this, CLOSED);
		if ((previous & CLOSED) == 0 && this.books != null) {
			for (StubStatement statement : this.books.openStatements) {
				statement.close();
			}
			this.database.connectionClosed(this);
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
		return (this.state & CLOSED) != 0;
	}

	@Override
	public boolean isValid(int timeout) throws SQLException {
		if (timeout < 0) {
			throw new SQLException("timeout must not be negative: " + timeout);
		}
		if (this.books != null) {
			this.books.isValidCalls.incrementAndGet();
		}
		return this.state == 0;
	}

	// ---- other session state

	@Override
	public DatabaseMetaData getMetaData() throws SQLException {
		checkUsable();
		return new StubDatabaseMetaDataImpl(this);
	}

	@Override
	public void setReadOnly(boolean readOnly) throws SQLException {
		checkUsable();
		this.readOnly = readOnly;
	}

	@Override
	public boolean isReadOnly() throws SQLException {
		checkUsable();
		return this.readOnly;
	}

	@Override
	public void setCatalog(String catalog) throws SQLException {
		checkUsable();
		this.catalog = catalog;
	}

	@Override
	public String getCatalog() throws SQLException {
		checkUsable();
		return this.catalog;
	}

	@Override
	public void setSchema(String schema) throws SQLException {
		checkUsable();
		this.schema = schema;
	}

	@Override
	public String getSchema() throws SQLException {
		checkUsable();
		return this.schema;
	}

	@Override
	public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
		checkUsable();
		if (milliseconds < 0) {
			throw new SQLException("network timeout must not be negative: " + milliseconds);
		}
		this.networkTimeout = milliseconds;
	}

	@Override
	public int getNetworkTimeout() throws SQLException {
		checkUsable();
		return this.networkTimeout;
	}

	@Override
	public void setHoldability(int holdability) throws SQLException {
		checkUsable();
		this.holdability = holdability;
	}

	@Override
	public int getHoldability() throws SQLException {
		checkUsable();
		return this.holdability;
	}

	@Override
	public Map<String, Class<?>> getTypeMap() throws SQLException {
		checkUsable();
		return this.typeMap;
	}

	@Override
	public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
		checkUsable();
		this.typeMap = map;
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
			clientInfo().remove(name);
		}
		else {
			clientInfo().setProperty(name, value);
		}
	}

	@Override
	public void setClientInfo(Properties properties) throws SQLClientInfoException {
		checkClientInfo();
		clientInfo().clear();
		clientInfo().putAll(properties);
	}

	private Properties clientInfo() {
		if (this.clientInfo == null) {
			this.clientInfo = new Properties();
		}
		return this.clientInfo;
	}

	private void checkClientInfo() throws SQLClientInfoException {
		try {
			checkUsable();
		}
		catch (SQLException ex) {
			throw new SQLClientInfoException(ex.getMessage(), ex.getSQLState(), Map.of(), ex);
		}
	}

	@Override
	public String getClientInfo(String name) throws SQLException {
		checkUsable();
		return (this.clientInfo != null) ? this.clientInfo.getProperty(name) : null;
	}

	@Override
	public Properties getClientInfo() throws SQLException {
		checkUsable();
		Properties copy = new Properties();
		if (this.clientInfo != null) {
			copy.putAll(this.clientInfo);
		}
		return copy;
	}

	// ---- state for tests: never throws for a closed or killed connection

	/**
	 * @return the sequence number of this connection within its database, 1 for the
	 * first; 0 on a plain database
	 */
	public long id() {
		return this.id;
	}

	public StubDatabase database() {
		return this.database;
	}

	/**
	 * @return a copy of the properties this connection was opened with
	 */
	public Properties connectProperties() {
		Properties copy = new Properties();
		copy.putAll(this.connectProperties);
		return copy;
	}

	public boolean autoCommit() {
		return this.autoCommit;
	}

	public int transactionIsolation() {
		return this.transactionIsolation;
	}

	public boolean readOnly() {
		return this.readOnly;
	}

	public String catalog() {
		return this.catalog;
	}

	public String schema() {
		return this.schema;
	}

	public int networkTimeout() {
		return this.networkTimeout;
	}

	public boolean isKilled() {
		return (this.state & KILLED) != 0;
	}

	/**
	 * @return true after a statement ran with auto-commit off, until commit or rollback
	 */
	public boolean uncommittedWork() {
		return books().uncommittedWork;
	}

	/**
	 * @return how often {@link #isValid(int)} was called
	 */
	public int isValidCalls() {
		return books().isValidCalls.get();
	}

	/**
	 * @return statements created on this connection and not closed yet
	 */
	public int openStatements() {
		return books().openStatements.size();
	}

	/**
	 * @return the SQL run on this connection, oldest first (the last
	 * {@value #SQL_HISTORY} only)
	 */
	public List<String> executedSql() {
		Books books = books();
		synchronized (books.executedSql) {
			return List.copyOf(books.executedSql);
		}
	}

	private Books books() {
		if (this.books == null) {
			throw new IllegalStateException(this + " is a plain database's: it keeps no books");
		}
		return this.books;
	}

	@Override
	public String toString() {
		int state = this.state;
		return "StubConnection[" + this.database.name() + "#" + this.id + (((state & CLOSED) != 0) ? ", closed" : "")
				+ (((state & KILLED) != 0) ? ", killed" : "") + "]";
	}

	/** What a connection of a counting database keeps for tests. */
	private static final class Books {

		final AtomicInteger isValidCalls = new AtomicInteger();

		final Set<StubStatement> openStatements = ConcurrentHashMap.newKeySet();

		/**
		 * Guarded by itself; short critical sections only, so no borrower thread waits on
		 * it for long.
		 */
		final ArrayDeque<String> executedSql = new ArrayDeque<>();

		volatile boolean uncommittedWork;

		void executed(String sql, boolean autoCommit) {
			synchronized (this.executedSql) {
				if (this.executedSql.size() == SQL_HISTORY) {
					this.executedSql.removeFirst();
				}
				this.executedSql.addLast(sql);
			}
			if (!autoCommit) {
				this.uncommittedWork = true;
			}
		}

	}

}
