package io.poolkit.spring.boot.autoconfigure;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.poolkit.CloseReason;
import io.poolkit.ConnectionErrorKind;
import io.poolkit.PoolListener;

/**
 * The listener a pool is built with when its real listeners arrive later. Spring creates
 * the {@code DataSource} before the {@code MeterRegistry} binds its meters, yet the first
 * connections are opened, and maybe borrowed, in between; this listener keeps those early
 * events (up to {@value #MAX_EARLY_EVENTS}) and replays them to the first listener
 * {@linkplain #attach attached}, so counts start from the very first connection. Once
 * attached it only forwards: one volatile read per event. When no listener comes (no
 * Micrometer), {@link #release()} at the end of startup, or a full buffer, turns it into
 * a no-op that takes no lock.
 */
public final class DeferredPoolListener implements PoolListener {

	static final int MAX_EARLY_EVENTS = 10_000;

	// Guards the buffer and every change of target; events take it only while nothing is
	// attached yet.
	private final ReentrantLock lock = new ReentrantLock();

	// null while buffering; PoolListener.noop() once released or full; else where events
	// go.
	private volatile PoolListener target;

	private List<Consumer<PoolListener>> early = new ArrayList<>();

	/**
	 * Sends every later event to a listener; the first listener attached also receives
	 * the events buffered so far. Attaching more than one sends each event to all of
	 * them.
	 * @param listener the listener, e.g. one recording Micrometer meters
	 */
	public void attach(PoolListener listener) {
		this.lock.lock();
		try {
			PoolListener current = this.target;
			if (current == null || current == PoolListener.noop()) {
				if (this.early != null) {
					this.early.forEach((event) -> event.accept(listener));
					this.early = null;
				}
				this.target = listener;
			}
			else {
				this.target = new Both(current, listener);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Ends buffering when nothing was attached by the end of startup: the buffer is
	 * dropped and events are ignored until a listener is attached. Does nothing once a
	 * listener is attached.
	 */
	public void release() {
		this.lock.lock();
		try {
			if (this.target == null) {
				this.early = null;
				this.target = PoolListener.noop();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether a listener receives the events.
	 * @return {@code true} once {@link #attach} was called
	 */
	public boolean isAttached() {
		PoolListener listener = this.target;
		return listener != null && listener != PoolListener.noop();
	}

	@Override
	public void connectionAcquired(long waitNanos) {
		PoolListener listener = this.target;
		if (listener != null) {
			listener.connectionAcquired(waitNanos);
		}
		else {
			early((l) -> l.connectionAcquired(waitNanos));
		}
	}

	@Override
	public void connectionReturned(long heldNanos) {
		PoolListener listener = this.target;
		if (listener != null) {
			listener.connectionReturned(heldNanos);
		}
		else {
			early((l) -> l.connectionReturned(heldNanos));
		}
	}

	@Override
	public void connectionCreated(long creationNanos) {
		PoolListener listener = this.target;
		if (listener != null) {
			listener.connectionCreated(creationNanos);
		}
		else {
			early((l) -> l.connectionCreated(creationNanos));
		}
	}

	@Override
	public void connectionCreationFailed(ConnectionErrorKind kind, SQLException error) {
		PoolListener listener = this.target;
		if (listener != null) {
			listener.connectionCreationFailed(kind, error);
		}
		else {
			early((l) -> l.connectionCreationFailed(kind, error));
		}
	}

	@Override
	public void acquireTimedOut(long waitNanos) {
		PoolListener listener = this.target;
		if (listener != null) {
			listener.acquireTimedOut(waitNanos);
		}
		else {
			early((l) -> l.acquireTimedOut(waitNanos));
		}
	}

	@Override
	public void connectionClosed(CloseReason reason) {
		PoolListener listener = this.target;
		if (listener != null) {
			listener.connectionClosed(reason);
		}
		else {
			early((l) -> l.connectionClosed(reason));
		}
	}

	@Override
	public void leakDetected(String holderThread, long heldNanos) {
		PoolListener listener = this.target;
		if (listener != null) {
			listener.leakDetected(holderThread, heldNanos);
		}
		else {
			early((l) -> l.leakDetected(holderThread, heldNanos));
		}
	}

	private void early(Consumer<PoolListener> event) {
		this.lock.lock();
		try {
			// A listener may have been attached between the caller's read and this lock.
			PoolListener listener = this.target;
			if (listener != null) {
				event.accept(listener);
				return;
			}
			this.early.add(event);
			if (this.early.size() >= MAX_EARLY_EVENTS) {
				// Keep what was buffered for a late attach, but stop paying for a lock on
				// every event.
				this.target = PoolListener.noop();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public String toString() {
		return "DeferredPoolListener[" + (isAttached() ? this.target : "not attached") + "]";
	}

	/**
	 * Two listeners, for an application with more than one meter registry and no
	 * composite.
	 */
	private record Both(PoolListener first, PoolListener second) implements PoolListener {

		@Override
		public void connectionAcquired(long waitNanos) {
			this.first.connectionAcquired(waitNanos);
			this.second.connectionAcquired(waitNanos);
		}

		@Override
		public void connectionReturned(long heldNanos) {
			this.first.connectionReturned(heldNanos);
			this.second.connectionReturned(heldNanos);
		}

		@Override
		public void connectionCreated(long creationNanos) {
			this.first.connectionCreated(creationNanos);
			this.second.connectionCreated(creationNanos);
		}

		@Override
		public void connectionCreationFailed(ConnectionErrorKind kind, SQLException error) {
			this.first.connectionCreationFailed(kind, error);
			this.second.connectionCreationFailed(kind, error);
		}

		@Override
		public void acquireTimedOut(long waitNanos) {
			this.first.acquireTimedOut(waitNanos);
			this.second.acquireTimedOut(waitNanos);
		}

		@Override
		public void connectionClosed(CloseReason reason) {
			this.first.connectionClosed(reason);
			this.second.connectionClosed(reason);
		}

		@Override
		public void leakDetected(String holderThread, long heldNanos) {
			this.first.leakDetected(holderThread, heldNanos);
			this.second.leakDetected(holderThread, heldNanos);
		}

	}

}
