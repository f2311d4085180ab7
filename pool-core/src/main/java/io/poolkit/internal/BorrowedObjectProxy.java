package io.poolkit.internal;

import java.sql.Blob;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Wrapper;

/**
 * The hooks the generated methods call (see {@link DelegatesTo}), shared by the proxies
 * of the objects a borrow hands out from its connection: statements, result sets, arrays,
 * structs, refs, LOBs, SQLXML and metadata of results and parameters. Each call holds the
 * borrow's in-flight guard (see {@link BorrowState}) and is refused once the connection
 * was returned, with SQLState 08003 naming the object's kind.
 */
abstract class BorrowedObjectProxy {

	final ConnectionProxy connection;

	/** The object's kind, as a refused call names it ("Statement", "Result set", ...). */
	private final String kind;

	BorrowedObjectProxy(ConnectionProxy connection, String kind) {
		this.connection = connection;
		this.kind = kind;
	}

	/** Called before each guarded call: enters the guard, or refuses the call. */
	final int beforeCall() throws SQLException {
		return this.connection.enterOrFail(this.kind);
	}

	/**
	 * Called before each call named in {@code runsSql}: like {@link #beforeCall()}, and
	 * tells the connection, inside the guard, that SQL runs (it may open a transaction).
	 */
	final int beforeSql() throws SQLException {
		int guard = beforeCall();
		this.connection.markDirty();
		return guard;
	}

	/**
	 * Called in a {@code finally} after each guarded call, with what the hook before
	 * returned.
	 */
	final void afterCall(int guard) {
		this.connection.exitCall(guard);
	}

	/**
	 * Once the connection is returned, its slot may belong to another borrower: see
	 * {@link BorrowState#onError}.
	 */
	final SQLException onError(SQLException ex) {
		return this.connection.onError(ex);
	}

	/**
	 * {@code unwrap} of a proxy that is a {@link Wrapper} (statements, result sets), for
	 * its driver object, inside the guard (see
	 * {@link ConnectionProxy#unwrap(Wrapper, Wrapper, Class)}).
	 */
	final <T> T unwrapDelegate(Wrapper delegate, Class<T> iface) throws SQLException {
		int guard = beforeCall();
		try {
			return this.connection.unwrap((Wrapper) this, delegate, iface);
		}
		finally {
			afterCall(guard);
		}
	}

	/** {@code isWrapperFor} of such a proxy, for its driver object, inside the guard. */
	final boolean wrapsDelegate(Wrapper delegate, Class<?> iface) throws SQLException {
		int guard = beforeCall();
		try {
			return this.connection.isWrapperFor((Wrapper) this, delegate, iface);
		}
		finally {
			afterCall(guard);
		}
	}

	// ---- wrapping the values the generated getters return (ResultSet,
	// CallableStatement)

	/**
	 * What {@code getBlob} returns: it belongs to the borrow, refused after the return
	 * (see {@link BlobProxy}).
	 */
	final Blob wrap(Blob blob) {
		return (blob != null) ? new BlobProxyImpl(this.connection, blob) : null;
	}

	final Clob wrap(Clob clob) {
		return (clob != null) ? LentValues.clob(this.connection, clob) : null;
	}

	final NClob wrap(NClob nclob) {
		return (nclob != null) ? new NClobProxyImpl(this.connection, nclob) : null;
	}

	final SQLXML wrap(SQLXML xml) {
		return (xml != null) ? new SQLXMLProxyImpl(this.connection, xml) : null;
	}

	/** The 08003 error of a call refused after the return. */
	final SQLException closedError() {
		return BorrowState.returnedError(this.kind);
	}

}
