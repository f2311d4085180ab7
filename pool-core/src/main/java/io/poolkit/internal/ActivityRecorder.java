package io.poolkit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

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
 * events and the cumulative {@link Totals}, then passes every event on to the listener
 * the application configured, and to those {@linkplain #attach attached} since.
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

	// One bit per callback, set once its first failure has been logged as a warning.
	private static final int ACQUIRED = 1;

	private static final int RETURNED = 1 << 1;

	private static final int CREATED = 1 << 2;

	private static final int CREATION_FAILED = 1 << 3;

	private static final int TIMED_OUT = 1 << 4;

	private static final int CLOSED = 1 << 5;

	private static final int LEAK = 1 << 6;

	private final AtomicInteger warned = new AtomicInteger();

	private static final VarHandle NEXT;

	static {
		try {
			NEXT = MethodHandles.lookup().findVarHandle(ActivityRecorder.class, "next", PoolListener.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final LongAdder failures = new LongAdder();

	// The configured listener, or it and those attached since: one volatile read per
	// event, as cheap as a plain one where it matters (x86), and no more work when
	// nothing is attached.
	private volatile PoolListener next;

	private final ActivityWindow window;

	private final Totals totals = new Totals();

	private final ConcurrentLinkedDeque<PoolEvent> events = new ConcurrentLinkedDeque<>();

	private final AtomicInteger eventCount = new AtomicInteger();

	ActivityRecorder(PoolListener next, ActivityWindow window) {
		this.next = next;
		this.window = window;
	}

	ActivityWindow window() {
		return this.window;
	}

	/**
	 * Sends every later event to one more listener, after those already there. Lock-free:
	 * a compare-and-set on the listener the events read.
	 */
	void attach(PoolListener listener) {
		for (;;) {
			PoolListener current = this.next;
			PoolListener both = (current == PoolListener.noop()) ? listener : new Both(current, listener);
			if (NEXT.compareAndSet(this, current, both)) {
				return;
			}
		}
	}

	/** A borrow that had to wait: the window's histogram and the wait total. */
	void recordWait(long waitNanos) {
		this.window.recordWait(waitNanos);
		this.totals.waited(waitNanos);
	}

	/**
	 * The totals, with the figures the slots keep.
	 * @see Totals#snapshot
	 */
	PoolTotals totals(long acquired, long returned, long heldNanos, long leaks) {
		return this.totals.snapshot(acquired, returned, heldNanos, leaks);
	}

	// Borrows and hold times reach the window through the slots' own counters, and waits
	// from the pool's slow
	// path, so these two only pass the event on.

	@Override
	public void connectionAcquired(long waitNanos) {
		try {
			this.next.connectionAcquired(waitNanos);
		}
		catch (Throwable ex) {
			listenerFailed(ACQUIRED, "connectionAcquired", ex);
		}
	}

	@Override
	public void connectionReturned(long heldNanos) {
		try {
			this.next.connectionReturned(heldNanos);
		}
		catch (Throwable ex) {
			listenerFailed(RETURNED, "connectionReturned", ex);
		}
	}

	@Override
	public void connectionCreated(long creationNanos) {
		this.totals.opened(creationNanos);
		try {
			this.next.connectionCreated(creationNanos);
		}
		catch (Throwable ex) {
			listenerFailed(CREATED, "connectionCreated", ex);
		}
	}

	@Override
	public void connectionCreationFailed(ConnectionErrorKind kind, SQLException error) {
		this.totals.connectFailed(kind);
		event("creation-failed", kind.tag() + ": " + error.getMessage()
				+ ((error.getSQLState() != null) ? " (SQLState " + error.getSQLState() + ")" : ""));
		try {
			this.next.connectionCreationFailed(kind, error);
		}
		catch (Throwable ex) {
			listenerFailed(CREATION_FAILED, "connectionCreationFailed", ex);
		}
	}

	@Override
	public void acquireTimedOut(long waitNanos) {
		this.window.recordTimeout();
		this.totals.timedOut();
		event("timeout", "a borrower gave up after " + Duration.ofNanos(waitNanos).toMillis() + " ms");
		try {
			this.next.acquireTimedOut(waitNanos);
		}
		catch (Throwable ex) {
			listenerFailed(TIMED_OUT, "acquireTimedOut", ex);
		}
	}

	@Override
	public void connectionClosed(CloseReason reason) {
		this.totals.closed(reason);
		if (reason == CloseReason.BROKEN || reason == CloseReason.VALIDATION || reason == CloseReason.EVICTED) {
			event("closed", "a connection was closed: " + reason.tag());
		}
		try {
			this.next.connectionClosed(reason);
		}
		catch (Throwable ex) {
			listenerFailed(CLOSED, "connectionClosed", ex);
		}
	}

	@Override
	public void leakDetected(String holderThread, long heldNanos) {
		event("leak", "thread '" + holderThread + "' has held a connection for "
				+ Duration.ofNanos(heldNanos).toMillis() + " ms");
		try {
			this.next.leakDetected(holderThread, heldNanos);
		}
		catch (Throwable ex) {
			listenerFailed(LEAK, "leakDetected", ex);
		}
	}

	/**
	 * Logs a failure of the application's listener: the first of each callback as a
	 * warning with its stack trace, the rest at debug level.
	 */
	private void listenerFailed(int callback, String name, Throwable failure) {
		this.failures.increment();
		for (int seen = this.warned.get(); (seen & callback) == 0; seen = this.warned.get()) {
			if (this.warned.compareAndSet(seen, seen | callback)) {
				logger.warn("PoolListener {} threw from {}; the pool carried on as if it had not, and logs further "
						+ "failures of {} at debug level", describe(this.next), name, name, failure);
				event("listener-failed", name + " threw " + failure.getClass().getName());
				return;
			}
		}
		if (logger.isDebugEnabled()) {
			logger.debug("PoolListener {} threw from {} ({} failure(s) of the listener so far)", describe(this.next),
					name, this.failures.sum(), failure);
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

	private static String describe(PoolListener listener) {
		return (listener instanceof Both both) ? describe(both.first) + " or " + describe(both.second)
				: listener.getClass().getName();
	}

	/**
	 * Two listeners: the second hears every event even when the first throws (whatever
	 * throws reaches the recorder, which logs it).
	 */
	private record Both(PoolListener first, PoolListener second) implements PoolListener {

		@Override
		public void connectionAcquired(long waitNanos) {
			try {
				this.first.connectionAcquired(waitNanos);
			}
			finally {
				this.second.connectionAcquired(waitNanos);
			}
		}

		@Override
		public void connectionReturned(long heldNanos) {
			try {
				this.first.connectionReturned(heldNanos);
			}
			finally {
				this.second.connectionReturned(heldNanos);
			}
		}

		@Override
		public void connectionCreated(long creationNanos) {
			try {
				this.first.connectionCreated(creationNanos);
			}
			finally {
				this.second.connectionCreated(creationNanos);
			}
		}

		@Override
		public void connectionCreationFailed(ConnectionErrorKind kind, SQLException error) {
			try {
				this.first.connectionCreationFailed(kind, error);
			}
			finally {
				this.second.connectionCreationFailed(kind, error);
			}
		}

		@Override
		public void acquireTimedOut(long waitNanos) {
			try {
				this.first.acquireTimedOut(waitNanos);
			}
			finally {
				this.second.acquireTimedOut(waitNanos);
			}
		}

		@Override
		public void connectionClosed(CloseReason reason) {
			try {
				this.first.connectionClosed(reason);
			}
			finally {
				this.second.connectionClosed(reason);
			}
		}

		@Override
		public void leakDetected(String holderThread, long heldNanos) {
			try {
				this.first.leakDetected(holderThread, heldNanos);
			}
			finally {
				this.second.leakDetected(holderThread, heldNanos);
			}
		}

	}

}
