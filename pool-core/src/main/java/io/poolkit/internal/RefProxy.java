package io.poolkit.internal;

import java.sql.Ref;

/**
 * The {@link Ref} a borrower gets: the object it refers to may be an array, a struct or a
 * result set, which is wrapped (see {@link LentValues}). pgjdbc and MariaDB Connector/J
 * make none; other drivers do. Refused once the connection is returned.
 * <p>
 * All its methods are generated ({@code RefProxyImpl}, see {@link DelegatesTo}).
 */
@DelegatesTo(Ref.class)
abstract class RefProxy extends LentObjectProxy implements Ref {

	final Ref delegate;

	RefProxy(ConnectionProxy connection, StatementProxy statement, Ref delegate) {
		super(connection, statement, "Ref");
		this.delegate = delegate;
	}

	@Override
	public String toString() {
		return "RefProxy[" + this.delegate + "]";
	}

}
