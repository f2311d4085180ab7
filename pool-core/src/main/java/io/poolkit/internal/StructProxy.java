package io.poolkit.internal;

import java.sql.Struct;

/**
 * The {@link Struct} a borrower gets: its attributes may themselves be arrays, structs,
 * refs or result sets, which are wrapped (see {@link LentValues}). pgjdbc and MariaDB
 * Connector/J make none; other drivers do. Refused once the connection is returned.
 * <p>
 * All its methods are generated ({@code StructProxyImpl}, see {@link DelegatesTo}).
 */
@DelegatesTo(Struct.class)
abstract class StructProxy extends LentObjectProxy implements Struct {

	final Struct delegate;

	StructProxy(ConnectionProxy connection, StatementProxy statement, Struct delegate) {
		super(connection, statement, "Struct");
		this.delegate = delegate;
	}

	@Override
	public String toString() {
		return "StructProxy[" + this.delegate + "]";
	}

}
