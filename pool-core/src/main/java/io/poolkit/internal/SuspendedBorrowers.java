package io.poolkit.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The borrowers parked while the pool is suspended: counted among the pending borrowers
 * in the stats, and woken when the pool resumes or closes.
 */
final class SuspendedBorrowers {

	private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

	void add(Thread thread) {
		this.threads.add(thread);
	}

	void remove(Thread thread) {
		this.threads.remove(thread);
	}

	int count() {
		return this.threads.size();
	}

	/** Wakes them all: each looks at the pool's state again. */
	void wakeAll() {
		for (Thread thread : this.threads) {
			LockSupport.unpark(thread);
		}
	}

}
