package io.poolkit.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.poolkit.AcquireWaits;
import io.poolkit.CloseReason;
import io.poolkit.ConnectionErrorKind;
import io.poolkit.PoolEvent;
import io.poolkit.PoolListener;
import io.poolkit.PoolTotals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's own listener: feeds the {@link ActivityWindow}, keeps the recent notable
 * events and the cumulative totals ({@link PoolTotals}) of what happens off the borrow
 * and return fast path (waits that were not served at once, timeouts, connections opened
 * and closed, failed connects: each a {@link LongAdder}, which only grows), then passes
 * every event on to the listener the application configured, and to those
 * {@linkplain #attach attached} since. Borrows, returns and hold times are not counted
 * here: the slots keep them in plain counters (a slot has one owner at a time), and the
 * pool sums them when asked.
 * <p>
 * The application's listener is called inside a try/catch: whatever it throws is logged
 * (a warning the first time for each callback, then at debug level, so a listener that
 * always fails cannot flood the log) and never reaches the pool, which goes on exactly as
 * it would have. A listener throwing from {@code connectionAcquired} must not leave a
 * slot lent to nobody, nor one throwing from {@code connectionClosed} a backend open.
 */
final class ActivityRecorder implements PoolListener {

	private static final Logger logger = LoggerFactory.getLogger(ActivityRecorder.class);

	private static final int EVENTS_KEPT = 50;

	/** The callbacks whose first failure has been logged as a warning. */
	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	private final LongAdder failures = new LongAdder();

	// The configured listener (none for the no-op one) and those attached since: one
	// volatile read per event, as cheap as a plain one where it matters (x86), and no
	// call at all when there is none.
	private volatile PoolListener[] listeners;

	private final ActivityWindow window;

	private final LongAdder acquireWaitNanos = new LongAdder();

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

	private final ConcurrentLinkedDeque<PoolEvent> events = new ConcurrentLinkedDeque<>();

	private final AtomicInteger eventCount = new AtomicInteger();

	ActivityRecorder(PoolListener listener, ActivityWindow window) {
		this.listeners = (listener == PoolListener.noop()) ? new PoolListener[0] : new PoolListener[] { listener };
		this.window = window;
	}

	ActivityWindow window() {
		return this.window;
	}

	/**
	 * Sends every later event to one more listener, after those already there. The events
	 * read the array without a lock; attaching, which is rare, replaces it under one.
	 */
	synchronized void attach(PoolListener listener) {
		PoolListener[] more = Arrays.copyOf(this.listeners, this.listeners.length + 1);
		more[more.length - 1] = listener;
		this.listeners = more;
	}

	/** A borrow that had to wait: the window's histogram and the wait total. */
	void recordWait(long waitNanos) {
		this.window.recordWait(waitNanos);
		this.acquireWaitNanos.add(waitNanos);
	}

	/**
	 * The totals, with the figures the slots keep.
	 * @param acquired borrows summed over the slots, retired ones included
	 * @param returned returns summed likewise
	 * @param heldNanos hold time summed likewise
	 * @param leaks leaks reported
	 */
	PoolTotals totals(long acquired, long returned, long heldNanos, long leaks) {
		// Closes before opens: each close follows its open, so read in this order no
		// snapshot shows a close without its open.
		Map<CloseReason, Long> closedByReason = sums(CloseReason.class, this.closed);
		Map<ConnectionErrorKind, Long> errorsByKind = sums(ConnectionErrorKind.class, this.connectErrors);
		return new PoolTotals(this.acquiredShown.accumulateAndGet(acquired, Math::max), this.acquireWaitNanos.sum(),
				this.returnedShown.accumulateAndGet(returned, Math::max),
				this.heldShown.accumulateAndGet(heldNanos, Math::max), this.window.timeoutsTotal(), this.opened.sum(),
				this.openNanos.sum(), closedByReason, errorsByKind, leaks);
	}

	private static LongAdder[] adders(int count) {
		return Stream.generate(LongAdder::new).limit(count).toArray(LongAdder[]::new);
	}

	/** Each constant of {@code type} with the sum of its adder. */
	private static <E extends Enum<E>> Map<E, Long> sums(Class<E> type, LongAdder[] adders) {
		Map<E, Long> sums = new EnumMap<>(type);
		Arrays.stream(type.getEnumConstants())
			.forEach((constant) -> sums.put(constant, adders[constant.ordinal()].sum()));
		return sums;
	}

	// Borrows and hold times reach the window through the slots' own counters, and waits
	// from the pool's slow
	// path, so these two only pass the event on.

	@Override
	public void connectionAcquired(long waitNanos) {
		for (PoolListener listener : this.listeners) {
			try {
				listener.connectionAcquired(waitNanos);
			}
			catch (Throwable ex) {
				listenerFailed(listener, "connectionAcquired", ex);
			}
		}
	}

	@Override
	public void connectionReturned(long heldNanos) {
		for (PoolListener listener : this.listeners) {
			try {
				listener.connectionReturned(heldNanos);
			}
			catch (Throwable ex) {
				listenerFailed(listener, "connectionReturned", ex);
			}
		}
	}

	@Override
	public void connectionCreated(long creationNanos) {
		this.opened.increment();
		this.openNanos.add(creationNanos);
		tell("connectionCreated", (listener) -> listener.connectionCreated(creationNanos));
	}

	@Override
	public void connectionCreationFailed(ConnectionErrorKind kind, SQLException error) {
		this.connectErrors[kind.ordinal()].increment();
		event("creation-failed", kind.tag() + ": " + error.getMessage()
				+ ((error.getSQLState() != null) ? " (SQLState " + error.getSQLState() + ")" : ""));
		tell("connectionCreationFailed", (listener) -> listener.connectionCreationFailed(kind, error));
	}

	@Override
	public void acquireTimedOut(long waitNanos) {
		this.window.recordTimeout();
		event("timeout", "a borrow was refused after " + Duration.ofNanos(waitNanos).toMillis() + " ms");
		tell("acquireTimedOut", (listener) -> listener.acquireTimedOut(waitNanos));
	}

	@Override
	public void connectionClosed(CloseReason reason) {
		this.closed[reason.ordinal()].increment();
		if (reason == CloseReason.BROKEN || reason == CloseReason.VALIDATION || reason == CloseReason.EVICTED) {
			event("closed", "a connection was closed: " + reason.tag());
		}
		tell("connectionClosed", (listener) -> listener.connectionClosed(reason));
	}

	@Override
	public void leakDetected(String holderThread, long heldNanos) {
		event("leak", "thread '" + holderThread + "' has held a connection for "
				+ Duration.ofNanos(heldNanos).toMillis() + " ms");
		tell("leakDetected", (listener) -> listener.leakDetected(holderThread, heldNanos));
	}

	/**
	 * Passes an event off the borrow and return path to every listener: each hears it
	 * even when one before it throws.
	 */
	private void tell(String callback, Consumer<PoolListener> event) {
		for (PoolListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (Throwable ex) {
				listenerFailed(listener, callback, ex);
			}
		}
	}

	/**
	 * Logs a failure of an application's listener: the first of each callback as a
	 * warning with its stack trace, the rest at debug level.
	 */
	private void listenerFailed(PoolListener listener, String callback, Throwable failure) {
		this.failures.increment();
		if (this.warned.add(callback)) {
			logger.warn(
					"PoolListener {} threw from {}; the pool carried on as if it had not, and logs further "
							+ "failures of {} at debug level",
					listener.getClass().getName(), callback, callback, failure);
			event("listener-failed", callback + " threw " + failure.getClass().getName());
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("PoolListener {} threw from {} ({} failure(s) of the listeners so far)",
					listener.getClass().getName(), callback, this.failures.sum(), failure);
		}
	}

	void event(String type, String detail) {
		this.events.addFirst(new PoolEvent(Instant.now(), type, detail));
		if (this.eventCount.incrementAndGet() > EVENTS_KEPT && this.events.pollLast() != null) {
			this.eventCount.decrementAndGet();
		}
	}

	/** The most recent events, newest first. */
	List<PoolEvent> recentEvents() {
		return new ArrayList<>(this.events);
	}

	AcquireWaits acquireWaits() {
		ActivityWindow.Snapshot snapshot = this.window.snapshot();
		return new AcquireWaits(Duration.ofNanos(snapshot.coveredNanos()), snapshot.borrows(),
				Duration.ofNanos(snapshot.waitQuantile(0.50)), Duration.ofNanos(snapshot.waitQuantile(0.95)),
				Duration.ofNanos(snapshot.waitQuantile(0.99)), Duration.ofNanos(snapshot.maxWaitNanos()),
				snapshot.timeouts());
	}

}
