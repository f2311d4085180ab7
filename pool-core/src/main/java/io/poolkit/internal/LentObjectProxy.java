package io.poolkit.internal;

import java.sql.ResultSet;

/**
 * The hooks shared by the proxies of the values a borrow hands out ({@link ArrayProxy},
 * {@link StructProxy}, {@link RefProxy}): every call holds the borrow's in-flight guard
 * (the driver may read from the server to decode a value, and pgjdbc's
 * {@code Array.getResultSet} opens a statement), is refused once the connection was
 * returned, and what it returns is wrapped (see {@link LentValues}), so that it leads
 * back to the borrow's proxies, never to the driver's connection.
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

}
