package io.poolkit.internal;

import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Ref;

/**
 * The {@link CallableStatement} a borrower gets; see {@link StatementProxy}. All its
 * methods are generated ({@code CallableStatementProxyImpl}); an OUT parameter may be a
 * result set (a PostgreSQL refcursor), an array, a struct or a ref, which the getters
 * wrap.
 */
@DelegatesTo(CallableStatement.class)
abstract class CallableStatementProxy extends PreparedStatementProxy implements CallableStatement {

	/** The same object as {@link #statement}, typed so that calls need no cast. */
	final CallableStatement callable;

	CallableStatementProxy(ConnectionProxy connection, CallableStatement callable) {
		super(connection, callable);
		this.callable = callable;
	}

	/**
	 * What {@code getObject} returns: a result set, an array, a struct or a ref leads
	 * back to this statement (see {@link LentValues}).
	 */
	final Object wrap(Object value) {
		return LentValues.wrap(this.connection, this, value);
	}

	final <T> T wrap(T value, Class<T> type) {
		return LentValues.wrap(this.connection, this, value, type);
	}

	final Array wrap(Array array) {
		return (array != null) ? new ArrayProxyImpl(this.connection, this, array) : null;
	}

	final Ref wrap(Ref ref) {
		return (ref != null) ? new RefProxyImpl(this.connection, this, ref) : null;
	}

}
