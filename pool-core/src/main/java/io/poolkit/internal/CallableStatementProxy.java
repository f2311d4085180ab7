package io.poolkit.internal;

import java.sql.CallableStatement;

/**
 * The {@link CallableStatement} a borrower gets; see {@link StatementProxy}. All its
 * methods are generated ({@code CallableStatementProxyImpl}); an OUT parameter may be a
 * result set (a PostgreSQL refcursor), which {@code getObject} wraps.
 */
@DelegatesTo(CallableStatement.class)
abstract class CallableStatementProxy extends PreparedStatementProxy implements CallableStatement {

	/** The same object as {@link #statement}, typed so that calls need no cast. */
	final CallableStatement callable;

	CallableStatementProxy(ConnectionProxy connection, CallableStatement callable) {
		super(connection, callable);
		this.callable = callable;
	}

	/** What {@code getObject} returns: a result set leads back to this statement. */
	final Object wrap(Object value) {
		return ResultSetProxy.wrapValue(this.connection, this, value);
	}

	final <T> T wrap(T value, Class<T> type) {
		return ResultSetProxy.wrapValue(this.connection, this, value, type);
	}

}
