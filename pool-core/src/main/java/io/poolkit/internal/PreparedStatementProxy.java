package io.poolkit.internal;

import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;

/**
 * The {@link PreparedStatement} a borrower gets; see {@link StatementProxy}. All its
 * methods are generated ({@code PreparedStatementProxyImpl}). Describing the statement
 * ({@code getMetaData}, {@code getParameterMetaData}) may send it to the server, which
 * with auto-commit off opens a transaction; what they return is wrapped, refused after
 * the return.
 * <p>
 * <b>Local setters</b>, outside the in-flight guard (see {@link BorrowState}): the scalar
 * parameter setters by index and {@code clearParameters} only write the driver
 * statement's own parameter list in memory (pgjdbc: its {@code ParameterList}; MariaDB
 * Connector/J: its parameters): no message to the server, no state of the connection
 * written. They are refused once the return is seen ({@code checkOpen}: a read, no
 * fence), always so after a return on the same thread. One on another thread that races
 * the return may pass that check: it then reaches only this borrow's driver statement,
 * which the return closes and which no later borrow can get (there is no statement cache:
 * each {@code prepareStatement} makes a new driver statement), and its error is ignored
 * as a returned connection's (see {@link BorrowState#onError}). Not local:
 * {@code setObject}, {@code setNull} (by type name), the date and time setters (pgjdbc
 * converts them with the connection's shared, unsynchronized calendar), streams and LOBs,
 * and {@code CallableStatement}'s setters by name (the driver may look the name up on the
 * server).
 */
@DelegatesTo(value = PreparedStatement.class, runsSql = { "getMetaData", "getParameterMetaData" },
		local = { "setBoolean", "setByte", "setShort", "setInt", "setLong", "setFloat", "setDouble", "setBigDecimal",
				"setString", "setNString", "setBytes", "clearParameters" })
abstract class PreparedStatementProxy extends StatementProxy implements PreparedStatement {

	/** The same object as {@link #statement}, typed so that calls need no cast. */
	final PreparedStatement prepared;

	PreparedStatementProxy(ConnectionProxy connection, PreparedStatement prepared) {
		super(connection, prepared);
		this.prepared = prepared;
	}

	/**
	 * What {@code getMetaData} returns: it may query the server, so it belongs to the
	 * borrow (see {@link ResultSetMetaDataProxy}).
	 */
	final ResultSetMetaData wrap(ResultSetMetaData metaData) {
		return (metaData != null) ? new ResultSetMetaDataProxyImpl(this.connection, metaData) : null;
	}

	final ParameterMetaData wrap(ParameterMetaData metaData) {
		return (metaData != null) ? new ParameterMetaDataProxyImpl(this.connection, metaData) : null;
	}

}
