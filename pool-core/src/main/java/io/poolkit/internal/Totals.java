package io.poolkit.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import io.poolkit.CloseReason;
import io.poolkit.ConnectionErrorKind;
import io.poolkit.PoolTotals;

/**
 * The pool's cumulative totals ({@link PoolTotals}) of the events that happen off the
 * borrow and return fast path: waits that were not served at once, timeouts, connections
 * opened and closed, failed connects. Each is a {@link LongAdder}, which only grows.
 * Borrows, returns and hold times are not counted here: the slots keep them in plain
 * counters (a slot has one owner at a time), and the pool sums them when asked.
 */
final class Totals {

	private final LongAdder acquireWaitNanos = new LongAdder();

	private final LongAdder timeouts = new LongAdder();

	private final LongAdder opened = new LongAdder();

	private final LongAdder openNanos = new LongAdder();

	private final LongAdder[] closed = adders(CloseReason.values().length);

	private final LongAdder[] connectErrors = adders(ConnectionErrorKind.values().length);

	// The highest value each sum over the slots has shown. A slot's counters move to the
	// pool's retired totals just after it leaves the slot array, so a read in between
	// misses them for a moment; a total must never go back (a monitoring system would
	// take it for a restart).
	private final AtomicLong acquiredShown = new AtomicLong();

	private final AtomicLong returnedShown = new AtomicLong();

	private final AtomicLong heldShown = new AtomicLong();

	void waited(long nanos) {
		this.acquireWaitNanos.add(nanos);
	}

	void timedOut() {
		this.timeouts.increment();
	}

	void opened(long nanos) {
		this.opened.increment();
		this.openNanos.add(nanos);
	}

	void closed(CloseReason reason) {
		this.closed[reason.ordinal()].increment();
	}

	void connectFailed(ConnectionErrorKind kind) {
		this.connectErrors[kind.ordinal()].increment();
	}

	/**
	 * A snapshot, with the figures the slots keep.
	 * @param acquired borrows summed over the slots, retired ones included
	 * @param returned returns summed likewise
	 * @param heldNanos hold time summed likewise
	 * @param leaks leaks reported
	 */
	PoolTotals snapshot(long acquired, long returned, long heldNanos, long leaks) {
		// Closes before opens: each close follows its open, so read in this order no
		// snapshot shows a close without its open.
		Map<CloseReason, Long> closedByReason = sums(CloseReason.class, this.closed);
		Map<ConnectionErrorKind, Long> errorsByKind = sums(ConnectionErrorKind.class, this.connectErrors);
		return new PoolTotals(this.acquiredShown.accumulateAndGet(acquired, Math::max), this.acquireWaitNanos.sum(),
				this.returnedShown.accumulateAndGet(returned, Math::max),
				this.heldShown.accumulateAndGet(heldNanos, Math::max), this.timeouts.sum(), this.opened.sum(),
				this.openNanos.sum(), closedByReason, errorsByKind, leaks);
	}

	private static LongAdder[] adders(int count) {
		return Stream.generate(LongAdder::new).limit(count).toArray(LongAdder[]::new);
	}

	/** Each constant of {@code type} with the sum of its adder. */
	private static <E extends Enum<E>> Map<E, Long> sums(Class<E> type, LongAdder[] adders) {
		Map<E, Long> sums = new EnumMap<>(type);
		for (E constant : type.getEnumConstants()) {
			sums.put(constant, adders[constant.ordinal()].sum());
		}
		return sums;
	}

}
