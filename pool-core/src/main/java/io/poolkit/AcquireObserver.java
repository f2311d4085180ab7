package io.poolkit;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Wraps each {@link PoolDataSource#getConnection()} of a pool, for tracing: an observer
 * set with {@link PoolDataSource#setAcquireObserver} runs around the borrow on the
 * borrower's thread, so it can open a span (a Micrometer {@code Observation}, say) that
 * lasts exactly as long as the borrower waits, sees the connection or the exception, and
 * belongs to the borrower's current trace. The Spring Boot starter sets one when the
 * application has an {@code ObservationRegistry}.
 * <p>
 * None is set by default, and then a borrow does no work for it beyond reading one field.
 * {@link PoolDataSource#tryGetConnection()} is not observed: it never waits.
 * <p>
 * An implementation must call {@link Acquire#get()} once and return its connection, or
 * let its exception through unchanged (callers tell a timeout, a
 * {@link java.sql.SQLTransientConnectionException}, from the pool being closed, a
 * {@link java.sql.SQLNonTransientConnectionException}); it must be thread safe, as
 * borrowers call it at once.
 * <p>
 * An observer that throws after {@link Acquire#get()} lent it a connection (its tracing
 * backend failed, say), or returns {@code null}, does not lose the pool a connection: the
 * pool takes that connection back as {@code close()} would, and the borrower gets the
 * observer's exception (a failure of that close added as suppressed), or for {@code null}
 * an {@link SQLException}. A second call of {@link Acquire#get()} in one borrow throws
 * {@link IllegalStateException} and borrows nothing.
 */
@FunctionalInterface
public interface AcquireObserver {

	/**
	 * Runs around one borrow.
	 * @param pool the pool borrowed from
	 * @param acquire the borrow itself; call {@link Acquire#get()} exactly once
	 * @return the connection {@code acquire} returned
	 * @throws SQLException what {@code acquire} threw
	 */
	Connection observe(PoolDataSource pool, Acquire acquire) throws SQLException;

	/**
	 * The borrow an observer wraps.
	 */
	@FunctionalInterface
	interface Acquire {

		/**
		 * Borrows a connection, waiting up to {@code connection-timeout}, as
		 * {@link PoolDataSource#getConnection()} describes.
		 * @return the connection
		 * @throws SQLException on timeout, interrupt or a closed pool
		 * @throws IllegalStateException when called a second time in one borrow
		 */
		Connection get() throws SQLException;

	}

}
