package io.poolkit.testkit;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.poolkit.CloseReason;
import io.poolkit.ConnectionErrorKind;
import io.poolkit.PoolListener;

/** Counts every event a pool reports, for assertions on what the pool did. */
public final class RecordingListener implements PoolListener {

	private final AtomicInteger acquired = new AtomicInteger();

	private final AtomicInteger returned = new AtomicInteger();

	private final AtomicInteger created = new AtomicInteger();

	private final AtomicInteger timeouts = new AtomicInteger();

	private final Map<CloseReason, AtomicInteger> closed = new ConcurrentHashMap<>();

	private final Map<ConnectionErrorKind, AtomicInteger> failures = new ConcurrentHashMap<>();

	private final List<String> leakHolders = new CopyOnWriteArrayList<>();

	@Override
	public void connectionAcquired(long waitNanos) {
		this.acquired.incrementAndGet();
	}

	@Override
	public void connectionReturned(long heldNanos) {
		this.returned.incrementAndGet();
	}

	@Override
	public void connectionCreated(long creationNanos) {
		this.created.incrementAndGet();
	}

	@Override
	public void connectionCreationFailed(ConnectionErrorKind kind, SQLException error) {
		this.failures.computeIfAbsent(kind, (key) -> new AtomicInteger()).incrementAndGet();
	}

	@Override
	public void acquireTimedOut(long waitNanos) {
		this.timeouts.incrementAndGet();
	}

	@Override
	public void connectionClosed(CloseReason reason) {
		this.closed.computeIfAbsent(reason, (key) -> new AtomicInteger()).incrementAndGet();
	}

	@Override
	public void leakDetected(String holderThread, long heldNanos) {
		this.leakHolders.add(holderThread);
	}

	public int acquired() {
		return this.acquired.get();
	}

	public int returned() {
		return this.returned.get();
	}

	public int created() {
		return this.created.get();
	}

	public int timeouts() {
		return this.timeouts.get();
	}

	public int closed(CloseReason reason) {
		AtomicInteger count = this.closed.get(reason);
		return (count != null) ? count.get() : 0;
	}

	public int failures(ConnectionErrorKind kind) {
		AtomicInteger count = this.failures.get(kind);
		return (count != null) ? count.get() : 0;
	}

	public List<String> leakHolders() {
		return this.leakHolders;
	}

}
