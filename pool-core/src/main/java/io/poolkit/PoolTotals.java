package io.poolkit;

import java.util.Map;

/**
 * What a pool has done since it started: cumulative counts and total times, read with
 * {@link PoolDataSource#totals()}. Every figure only grows for the life of the pool (two
 * snapshots taken one after the other never show a smaller value), so a metrics library
 * can read them as counters and timers (Micrometer's {@code FunctionCounter} and
 * {@code FunctionTimer}) without any event reaching it, and rates follow from two
 * snapshots.
 * <p>
 * The figures are read one after another without stopping the pool: under load they may
 * lag the events of the last moment (a borrow in flight, a connection being closed), and
 * a count and its total time may be a borrow apart; each catches up on the next read.
 * Times are in nanoseconds.
 *
 * @param acquired connections lent to borrowers ({@link PoolDataSource#getConnection()}
 * and {@link PoolDataSource#tryGetConnection()})
 * @param acquireWaitNanos how long those borrowers waited in all, from the call to the
 * connection in hand; a borrow served at once adds nothing
 * @param returned connections given back by borrowers
 * @param heldNanos how long those borrowers held their connections in all: a sum of hold
 * times read from the pool's ticking clock (about a millisecond apart), each a whole
 * number of ticks, which is exact on average since borrows start and end at random phases
 * of the tick
 * @param timeouts borrows that gave up without a connection: after
 * {@code connection-timeout}, or at once with {@code on-exhausted=fail-fast} or
 * {@code max-waiters}
 * @param opened physical connections opened
 * @param openNanos time taken to open them in all, {@code connection-init-sql} included
 * @param closed physical connections closed, by reason; every reason is present
 * @param connectErrors failed attempts to open a physical connection, by kind; every kind
 * is present
 * @param leaks borrows reported by leak detection
 */
public record PoolTotals(long acquired, long acquireWaitNanos, long returned, long heldNanos, long timeouts,
		long opened, long openNanos, Map<CloseReason, Long> closed, Map<ConnectionErrorKind, Long> connectErrors,
		long leaks) {

	/**
	 * Copies the maps, so a snapshot never changes.
	 * @param acquired connections lent to borrowers
	 * @param acquireWaitNanos how long borrowers waited in all
	 * @param returned connections given back
	 * @param heldNanos how long connections were held in all
	 * @param timeouts borrows that gave up
	 * @param opened physical connections opened
	 * @param openNanos time taken to open them in all
	 * @param closed physical connections closed, by reason
	 * @param connectErrors failed connect attempts, by kind
	 * @param leaks borrows reported by leak detection
	 */
	public PoolTotals {
		closed = Map.copyOf(closed);
		connectErrors = Map.copyOf(connectErrors);
	}

	/**
	 * Physical connections closed for one reason.
	 * @param reason the reason
	 * @return how many, 0 when none
	 */
	public long closed(CloseReason reason) {
		return this.closed.getOrDefault(reason, 0L);
	}

	/**
	 * Failed attempts to open a physical connection of one kind.
	 * @param kind the kind
	 * @return how many, 0 when none
	 */
	public long connectErrors(ConnectionErrorKind kind) {
		return this.connectErrors.getOrDefault(kind, 0L);
	}

}
