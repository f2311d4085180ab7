package io.poolkit;

/**
 * A snapshot of a pool's counts. The counts are read one after another without stopping
 * the pool, so under load they may disagree by a connection or two; each is exact for the
 * instant it was read.
 *
 * @param total physical connections held, idle or borrowed (overflow ones included)
 * @param active connections lent out now
 * @param idle connections ready to lend
 * @param pending borrowers waiting for a connection
 * @param max the pool's {@code max-size}: in adaptive mode the ceiling of its target
 * @param min the pool's {@code min-idle} in effect: in adaptive mode at most the target
 * @param leaks borrows reported by leak detection since the pool started
 * @param lastConnectionError the most recent failure to open a connection, or
 * {@code null} if there was none
 * @param connectionFailing whether the most recent attempt to open a connection failed
 * @param suspended whether the pool is suspended
 * @param target the size the pool holds itself to now: {@code max} in fixed mode; in
 * adaptive mode ({@code sizing.mode=adaptive}) the target it chose, between
 * {@code sizing.min-size} and {@code max-size} and within its share of the connection
 * budget (see {@link PoolDataSource#sizingDecision()})
 */
public record PoolStats(int total, int active, int idle, int pending, int max, int min, long leaks,
		PoolConnectionError lastConnectionError, boolean connectionFailing, boolean suspended, int target) {

	/**
	 * Borrowed connections as a share of {@code max-size}, from 0 to 1; above 1 while
	 * more are lent than {@code max-size} (overflow connections, or a resize shrank it).
	 */
	public double utilization() {
		return (this.max > 0) ? (double) this.active / this.max : 0;
	}

}
