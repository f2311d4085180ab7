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
 * @param max the pool's {@code max-size}
 * @param min the pool's {@code min-idle}
 * @param leaks borrows reported by leak detection since the pool started
 * @param lastConnectionError the most recent failure to open a connection, or
 * {@code null} if there was none
 * @param connectionFailing whether the most recent attempt to open a connection failed
 * @param suspended whether the pool is suspended
 */
public record PoolStats(int total, int active, int idle, int pending, int max, int min, long leaks,
		PoolConnectionError lastConnectionError, boolean connectionFailing, boolean suspended) {

	/**
	 * Borrowed connections as a share of {@code max-size}, from 0 to 1 (above 1 while
	 * overflowing).
	 */
	public double utilization() {
		return (this.max > 0) ? (double) this.active / this.max : 0;
	}

}
