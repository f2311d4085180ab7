package io.poolkit.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import io.poolkit.AcquireWaits;
import io.poolkit.CloseReason;
import io.poolkit.ConnectionErrorKind;
import io.poolkit.PoolEvent;
import io.poolkit.PoolListener;

/**
 * The pool's own listener: feeds the {@link ActivityWindow} and keeps the recent notable
 * events, then passes every event on to the listener the application configured.
 */
final class ActivityRecorder implements PoolListener {

	private static final int EVENTS_KEPT = 50;

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
		this.next.connectionAcquired(waitNanos);
	}

	@Override
	public void connectionReturned(long heldNanos) {
		this.next.connectionReturned(heldNanos);
	}

	@Override
	public void connectionCreated(long creationNanos) {
		this.next.connectionCreated(creationNanos);
	}

	@Override
	public void connectionCreationFailed(ConnectionErrorKind kind, SQLException error) {
		event("creation-failed", kind.tag() + ": " + error.getMessage()
				+ ((error.getSQLState() != null) ? " (SQLState " + error.getSQLState() + ")" : ""));
		this.next.connectionCreationFailed(kind, error);
	}

	@Override
	public void acquireTimedOut(long waitNanos) {
		this.window.recordTimeout();
		event("timeout", "a borrower gave up after " + Duration.ofNanos(waitNanos).toMillis() + " ms");
		this.next.acquireTimedOut(waitNanos);
	}

	@Override
	public void connectionClosed(CloseReason reason) {
		if (reason == CloseReason.BROKEN || reason == CloseReason.VALIDATION || reason == CloseReason.EVICTED) {
			event("closed", "a connection was closed: " + reason.tag());
		}
		this.next.connectionClosed(reason);
	}

	@Override
	public void leakDetected(String holderThread, long heldNanos) {
		event("leak", "thread '" + holderThread + "' has held a connection for "
				+ Duration.ofNanos(heldNanos).toMillis() + " ms");
		this.next.leakDetected(holderThread, heldNanos);
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
