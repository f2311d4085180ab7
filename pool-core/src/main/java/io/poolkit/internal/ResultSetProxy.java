package io.poolkit.internal;

import java.sql.Array;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@link ResultSet} a borrower gets: delegation, except that {@link #getStatement()}
 * leads back to the statement proxy and not to the driver's statement and connection. Row
 * writes (and {@code refreshRow}, which re-reads) run SQL, which with auto-commit off
 * opens a transaction.
 * <p>
 * <b>Which calls hold the in-flight guard</b> (see {@link BorrowState}): the result set
 * shares its borrow's physical connection, so a call that exchanges messages with the
 * server must not still be inside the driver when the connection is lent again. These are
 * guarded: navigation ({@code next}, {@code absolute}, {@code isLast}, ...: with a fetch
 * size, pgjdbc fetches the next rows of a cursor and MariaDB Connector/J reads a
 * streaming result from the socket), {@code close} (MariaDB drains the rest of a
 * streaming result), row changes ({@code update*}, {@code insertRow}, {@code updateRow},
 * {@code deleteRow}, {@code refreshRow}, {@code moveToInsertRow}, ...: pgjdbc asks the
 * server for the table's key on the first of them), {@code getObject} (pgjdbc looks up a
 * type it has not seen yet on the server, and the value may be a refcursor's result set),
 * the LOB, array, stream and reference getters (their values may read from the server),
 * and the settings ({@code setFetchSize}, {@code setFetchDirection}). Every method not
 * named as local below is guarded, so a method a later JDBC version adds is guarded too.
 * <p>
 * Local, unguarded and unchecked: the scalar getters and the questions about the current
 * row and the result ({@code getInt}, {@code getString}, {@code wasNull},
 * {@code findColumn}, {@code getMetaData}, {@code getRow}, ...). They read the row the
 * driver already holds in memory (pgjdbc: the current row's bytes, with the core types it
 * knows since the connection opened; MariaDB: the row buffer), exchange nothing with the
 * server and write nothing the return reads; they are the innermost loop of reading a
 * result, where a fence each would cost the most. A stray one after the return at worst
 * reads a result set the return has closed, or gets the driver's error for it; its
 * failure goes through {@link BorrowState#onError}, which ignores errors of a returned
 * connection. {@code getMetaData} is local too (the driver makes its metadata object in
 * memory), but what it returns is wrapped: pgjdbc's runs queries when asked about the
 * columns' tables, so its calls hold the guard (see {@link ResultSetMetaDataProxy}).
 * <p>
 * Only the methods with behaviour are written here; {@code ResultSetProxyImpl}, generated
 * by the build (see {@link DelegatesTo}), implements the others.
 */
@DelegatesTo(value = ResultSet.class, runsSql = { "insertRow", "updateRow", "deleteRow", "refreshRow" },
		local = { "wasNull", "getString", "getNString", "getBoolean", "getByte", "getShort", "getInt", "getLong",
				"getFloat", "getDouble", "getBigDecimal", "getBytes", "getDate", "getTime", "getTimestamp", "getURL",
				"findColumn", "getMetaData", "getRow", "getType", "getConcurrency", "getHoldability", "getFetchSize",
				"getFetchDirection", "getCursorName", "getWarnings", "clearWarnings", "isClosed", "rowUpdated",
				"rowInserted", "rowDeleted" })
abstract class ResultSetProxy extends BorrowedObjectProxy implements ResultSet {

	/**
	 * Null for result sets of {@link java.sql.DatabaseMetaData}, which come from no
	 * statement of the borrower.
	 */
	final StatementProxy statement;

	final ResultSet delegate;

	/**
	 * The proxy {@link #getMetaData()} made, made once: row mappers ask for it every row.
	 * Plain: threads racing at the first call each make an equivalent proxy.
	 */
	private ResultSetMetaDataProxy metaData;

	ResultSetProxy(ConnectionProxy connection, StatementProxy statement, ResultSet delegate) {
		super(connection, "Result set");
		this.statement = statement;
		this.delegate = delegate;
	}

	// ---- wrapping what the generated methods return

	/**
	 * What {@code getObject} returns: a result set, an array, a struct or a ref leads
	 * back to this one's statement (see {@link LentValues}).
	 */
	final Object wrap(Object value) {
		return LentValues.wrap(this.connection, this.statement, value);
	}

	final <T> T wrap(T value, Class<T> type) {
		return LentValues.wrap(this.connection, this.statement, value, type);
	}

	/** What {@code getArray} returns: its result sets lead back to this statement. */
	final Array wrap(Array array) {
		return (array != null) ? new ArrayProxyImpl(this.connection, this.statement, array) : null;
	}

	final Ref wrap(Ref ref) {
		return (ref != null) ? new RefProxyImpl(this.connection, this.statement, ref) : null;
	}

	/** What {@code getMetaData} returns: see {@link ResultSetMetaDataProxy}. */
	final ResultSetMetaData wrap(ResultSetMetaData driverMetaData) {
		if (driverMetaData == null) {
			return null;
		}
		ResultSetMetaDataProxy made = this.metaData;
		if (made == null || made.delegate != driverMetaData) {
			made = new ResultSetMetaDataProxyImpl(this.connection, driverMetaData);
			this.metaData = made;
		}
		return made;
	}

	// ---- behaviour

	@Override
	public Statement getStatement() throws SQLException {
		if (this.statement != null) {
			this.statement.checkOpen();
		}
		return this.statement;
	}

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		return unwrapDelegate(this.delegate, iface);
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) throws SQLException {
		return wrapsDelegate(this.delegate, iface);
	}

	@Override
	public String toString() {
		return "ResultSetProxy[" + this.delegate + "]";
	}

}
