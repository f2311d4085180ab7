package io.poolkit.internal;

import java.sql.PreparedStatement;

/**
 * The {@link PreparedStatement} a borrower gets; see {@link StatementProxy}. All its
 * methods are generated ({@code PreparedStatementProxyImpl}). Describing the statement
 * ({@code getMetaData}, {@code getParameterMetaData}) may send it to the server, which
 * with auto-commit off opens a transaction.
 */
@DelegatesTo(value = PreparedStatement.class, runsSql = { "getMetaData", "getParameterMetaData" })
abstract class PreparedStatementProxy extends StatementProxy implements PreparedStatement {

	/** The same object as {@link #statement}, typed so that calls need no cast. */
	final PreparedStatement prepared;

	PreparedStatementProxy(ConnectionProxy connection, PreparedStatement prepared) {
		super(connection, prepared);
		this.prepared = prepared;
	}

}
