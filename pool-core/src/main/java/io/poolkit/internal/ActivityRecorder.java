package io.poolkit.internal;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's own listener: feeds the {@link ActivityWindow} and keeps the recent notable
 * events, then passes every event on to the listener the application configured.
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

	private final LongAdder failures = new LongAdder();

	private final PoolListener next;

	private final ActivityWindow window;

	private final ConcurrentLinkedDeque<PoolEvent> events = new ConcurrentLinkedDeque<>();

	private final AtomicInteger eventCount = new AtomicInteger();

	ActivityRecorder(PoolListener next, ActivityWindow window) {
		this.next = next;
		this.window = window;
	}

	ActivityWindow window() {
		return this.window;
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
		try {
			this.next.connectionCreated(creationNanos);
		}
		catch (Throwable ex) {
			listenerFailed(CREATED, "connectionCreated", ex);
		}
	}

	@Override
	public void connectionCreationFailed(ConnectionErrorKind kind, SQLException error) {
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
						+ "failures of {} at debug level", this.next.getClass().getName(), name, name, failure);
				event("listener-failed", name + " threw " + failure.getClass().getName());
				return;
			}
		}
		if (logger.isDebugEnabled()) {
			logger.debug("PoolListener {} threw from {} ({} failure(s) of the listener so far)",
					this.next.getClass().getName(), name, this.failures.sum(), failure);
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
