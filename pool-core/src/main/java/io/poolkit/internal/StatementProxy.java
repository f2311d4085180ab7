package io.poolkit.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@link Statement} a borrower gets: delegates to the driver's statement, reports
 * what it runs to its {@link ConnectionProxy} (so uncommitted work is rolled back on
 * return) and refuses every use once that connection went back to the pool, where another
 * borrower may already hold it. The result sets it returns lead back to it.
 * <p>
 * Only the methods with behaviour are written here; {@code StatementProxyImpl}, generated
 * by the build (see {@link DelegatesTo}), implements the others.
 */
@DelegatesTo(value = Statement.class, runsSql = { "execute", "executeQuery", "executeUpdate", "executeBatch",
		"executeLargeBatch", "executeLargeUpdate" })
abstract class StatementProxy extends BorrowedObjectProxy implements Statement {

	final Statement statement;

	/**
	 * Closed by the borrower; the driver's statement is closed too. Plain: statements
	 * serve one thread.
	 */
	private boolean closed;

	/**
	 * Made by a thread other than the borrowing one, so on the borrow's concurrent set
	 * rather than the slot's list (see {@link BorrowState}); set before it is lent.
	 */
	boolean trackedShared;

	StatementProxy(ConnectionProxy connection, Statement statement) {
		super(connection, "Statement");
		this.statement = statement;
	}

	/**
	 * Refuses use after the connection was returned: the statement belongs to a borrow
	 * that has ended. For the methods that do not reach the server (the generated local
	 * methods call it too).
	 */
	final void checkOpen() throws SQLException {
		if (this.connection.isReturned()) {
			throw closedError();
		}
	}

	/**
	 * Wraps a result set of this statement so that {@link ResultSet#getStatement()} leads
	 * back to the proxy.
	 */
	final ResultSet wrap(ResultSet resultSet) {
		return resultSet == null ? null : new ResultSetProxyImpl(this.connection, this, resultSet);
	}

	/**
	 * The connection closes forgotten statements on return; it has already forgotten this
	 * one.
	 */
	final void closeByConnection() throws SQLException {
		this.closed = true;
		this.statement.close();
	}

	@Override
	public final void close() throws SQLException {
		// After the connection was returned, its cleanup already closed the driver's
		// statement.
		if (this.closed) {
			return;
		}
		int guard = this.connection.enterCall();
		if (guard == BorrowState.REFUSED) {
			return;
		}
		try {
			this.closed = true;
			this.connection.forget(this);
			this.statement.close();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
		finally {
			this.connection.exitCall(guard);
		}
	}

	@Override
	public final boolean isClosed() throws SQLException {
		if (this.closed) {
			return true;
		}
		int guard = this.connection.enterCall();
		if (guard == BorrowState.REFUSED) {
			return true;
		}
		try {
			// The driver closes it by itself after closeOnCompletion().
			return this.statement.isClosed();
		}
		catch (SQLException ex) {
			throw onError(ex);
		}
		finally {
			this.connection.exitCall(guard);
		}
	}

	@Override
	public final Connection getConnection() throws SQLException {
		checkOpen();
		return this.connection;
	}

	@Override
	public final <T> T unwrap(Class<T> iface) throws SQLException {
		return unwrapDelegate(this.statement, iface);
	}

	@Override
	public final boolean isWrapperFor(Class<?> iface) throws SQLException {
		return wrapsDelegate(this.statement, iface);
	}

	@Override
	public String toString() {
		// The name of the hand-written class (StatementProxy, PreparedStatementProxy,
		// ...),
		// not of the generated one.
		return getClass().getSuperclass().getSimpleName() + "[" + this.statement + "]";
	}

}
