package io.poolkit;

import java.sql.Connection;
import java.sql.SQLException;

import io.poolkit.internal.Pool;

/**
 * One borrow run through an {@link AcquireObserver}: remembers the connection its
 * {@link AcquireObserver.Acquire#get()} lent, so that an observer that fails after it (or
 * returns no connection) cannot keep the slot from the pool for good: the connection is
 * given back, as the borrower would with {@code close()}, and the observer's exception
 * reaches the borrower. Used by one thread, the borrower's.
 */
final class ObservedBorrow implements AcquireObserver.Acquire {

	private final Pool pool;

	private Connection lent;

	private ObservedBorrow(Pool pool) {
		this.pool = pool;
	}

	/**
	 * Runs {@code observer} around a borrow from {@code pool}.
	 * @return the connection the observer returned
	 * @throws SQLException what the observer threw, or when it returned no connection
	 */
	static Connection observe(AcquireObserver observer, PoolDataSource dataSource, Pool pool) throws SQLException {
		ObservedBorrow borrow = new ObservedBorrow(pool);
		Connection connection;
		try {
			connection = observer.observe(dataSource, borrow);
		}
		catch (Throwable ex) {
			borrow.giveBack(ex);
			throw ex;
		}
		if (connection == null && borrow.lent != null) {
			SQLException ex = new SQLException("The AcquireObserver " + observer.getClass().getName()
					+ " returned no connection; the one it borrowed was returned to pool '" + pool.name() + "'");
			borrow.giveBack(ex);
			throw ex;
		}
		return connection;
	}

	/**
	 * @throws IllegalStateException when called more than once: the second borrow would
	 * be one the observer cannot return
	 */
	@Override
	public Connection get() throws SQLException {
		if (this.lent != null) {
			throw new IllegalStateException("AcquireObserver.Acquire.get() may be called once per borrow");
		}
		this.lent = this.pool.borrow();
		return this.lent;
	}

	private void giveBack(Throwable failure) {
		if (this.lent == null) {
			return;
		}
		try {
			this.lent.close();
		}
		catch (SQLException | RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

}
