package io.poolkit.internal;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import io.poolkit.CloseReason;
import io.poolkit.PoolConfig;

/**
 * The {@link Pool}'s slots: an array copied on write under a lock, which borrowers scan
 * without locking, and how many of them are temporary overflow connections.
 */
final class SlotList {

	private final Pool pool;

	private final ReentrantLock lock = new ReentrantLock();

	/** Every slot held, copied on write; borrowers scan it without locking. */
	private volatile ConnectionSlot[] slots = new ConnectionSlot[0];

	private final AtomicInteger overflowCount = new AtomicInteger();

	SlotList(Pool pool) {
		this.pool = pool;
	}

	ConnectionSlot[] slots() {
		return this.slots;
	}

	int overflowCount() {
		return this.overflowCount.get();
	}

	/**
	 * Adds a slot for a newly opened connection, owned by the caller, unless the pool is
	 * closed, drained or (overflow aside) full: then the connection is closed.
	 * @return the slot, or {@code null} when the connection was not kept
	 */
	ConnectionSlot add(ConnectionFactory.Opened opened, boolean overflow) {
		Pool pool = this.pool;
		long now = System.nanoTime();
		ConnectionSlot slot = new ConnectionSlot(pool, opened.connection(), opened.defaults(), now, retireAt(now),
				overflow);
		this.lock.lock();
		try {
			boolean closed = pool.isClosed();
			boolean drained = pool.isDrained();
			if (closed || drained || (!overflow && this.slots.length - this.overflowCount.get() >= pool.maxSize())) {
				slot.markRemoved();
				pool.listener
					.connectionClosed(closed ? CloseReason.SHUTDOWN : drained ? CloseReason.EVICTED : CloseReason.IDLE);
				ConnectionFactory.closeQuietly(slot.connection);
				return null;
			}
			ConnectionSlot[] grown = Arrays.copyOf(this.slots, this.slots.length + 1);
			grown[grown.length - 1] = slot;
			this.slots = grown;
			if (overflow) {
				this.overflowCount.incrementAndGet();
			}
		}
		finally {
			this.lock.unlock();
		}
		return slot;
	}

	private long retireAt(long now) {
		PoolConfig config = this.pool.config;
		long lifetime = config.maxLifetime().toNanos();
		if (lifetime == 0) {
			return now + Long.MAX_VALUE / 2;
		}
		long jitter = (long) (lifetime * config.lifetimeJitter() * ThreadLocalRandom.current().nextDouble());
		return now + lifetime - jitter;
	}

	/**
	 * Marks a slot removed and takes it out of the array.
	 * @return whether this call took it out (it was still there)
	 */
	boolean remove(ConnectionSlot slot) {
		slot.markRemoved();
		this.lock.lock();
		try {
			ConnectionSlot[] current = this.slots;
			for (int i = 0; i < current.length; i++) {
				if (current[i] == slot) {
					ConnectionSlot[] shrunk = new ConnectionSlot[current.length - 1];
					System.arraycopy(current, 0, shrunk, 0, i);
					System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
					this.slots = shrunk;
					if (slot.overflow) {
						this.overflowCount.decrementAndGet();
					}
					return true;
				}
			}
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

}
