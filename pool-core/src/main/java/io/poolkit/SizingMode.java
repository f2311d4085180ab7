package io.poolkit;

/**
 * How a pool chooses its size: the {@code sizing.mode} setting.
 */
public enum SizingMode {

	/**
	 * The pool holds up to {@code max-size} connections, changed only by
	 * {@link PoolDataSource#resize}. The default.
	 */
	FIXED,

	/**
	 * The pool sets its own target size between {@code sizing.min-size} and
	 * {@code max-size} from the load it measures, and on PostgreSQL (directly or through
	 * PgBouncer) keeps the instances of the same pool within the connections the server
	 * or PgBouncer leaves them, shared fairly. See
	 * {@link PoolDataSource#sizingDecision()} and {@link PoolDataSource#fleetBudget()}.
	 */
	ADAPTIVE

}
