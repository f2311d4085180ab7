package io.poolkit.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The hooks shared by the proxies of the values and descriptions a borrow hands out
 * ({@link ArrayProxy}, {@link StructProxy}, {@link RefProxy}, {@link BlobProxy},
 * {@link ClobProxy}, {@link SQLXMLProxy}, {@link ResultSetMetaDataProxy},
 * {@link ParameterMetaDataProxy}): every call holds the borrow's in-flight guard (the
 * driver may read from the server to decode a value, pgjdbc's {@code Array.getResultSet}
 * opens a statement, its {@code Blob} and {@code Clob} open the large object on first
 * use, its metadata queries the catalog), is refused once the connection was returned,
 * and what it returns is wrapped (see {@link LentValues}), so that it leads back to the
 * borrow's proxies, never to the driver's connection.
 */
abstract class LentObjectProxy extends BorrowedObjectProxy {

	/**
	 * The statement proxy the value came from, which result sets made from it report;
	 * {@code null} for a value the connection created or metadata returned.
	 */
	final StatementProxy statement;

	LentObjectProxy(ConnectionProxy connection, StatementProxy statement, String kind) {
		super(connection, kind);
		this.statement = statement;
	}

	final ResultSet wrap(ResultSet resultSet) {
		return (resultSet != null) ? new ResultSetProxyImpl(this.connection, this.statement, resultSet) : null;
	}

	final Object wrap(Object value) {
		return LentValues.wrap(this.connection, this.statement, value);
	}

	final Object[] wrap(Object[] values) {
		return (Object[]) LentValues.wrap(this.connection, this.statement, values);
	}

	/**
	 * The streams of a blob, a clob or an SQLXML, which may read and write through the
	 * connection as they go: see {@link LentStreams}.
	 */
	final InputStream wrap(InputStream in) {
		return LentStreams.wrap(this.connection, in);
	}

	final OutputStream wrap(OutputStream out) {
		return LentStreams.wrap(this.connection, out);
	}

	final Reader wrap(Reader in) {
		return LentStreams.wrap(this.connection, in);
	}

	final Writer wrap(Writer out) {
		return LentStreams.wrap(this.connection, out);
	}

	/**
	 * {@code free()} of a lent value ({@link java.sql.Array#free()},
	 * {@link java.sql.Blob#free()}, ...): after the return a no-op, so that cleanup code
	 * in a {@code finally} does not fail; JDBC lets {@code free} be called more than
	 * once.
	 */
	final void freeUnlessReturned(Freeable value) throws SQLException {
		int guard = this.connection.enterCall();
		if (guard == BorrowState.REFUSED) {
			return;
		}
		try {
			value.free();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
		finally {
			afterCall(guard);
		}
	}

	/** The {@code free()} of a JDBC value type, which share no interface for it. */
	@FunctionalInterface
	interface Freeable {

		void free() throws SQLException;

	}

}
