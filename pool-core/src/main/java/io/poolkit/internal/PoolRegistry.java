package io.poolkit.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import io.poolkit.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices the classic bug of building a pool per request instead of sharing one: many
 * live pools for the same database and user, or pools created and closed at a high rate.
 * It warns once per database and user, with the stack where the newest pool was created.
 * Only pool construction and close touch it.
 */
final class PoolRegistry {

	private static final Logger logger = LoggerFactory.getLogger(PoolRegistry.class);

	/** The registry every pool in this JVM reports to. */
	static final PoolRegistry GLOBAL = new PoolRegistry(System::nanoTime, 4, 20, TimeUnit.MINUTES.toNanos(1));

	private final ReentrantLock lock = new ReentrantLock();

	private final Map<String, Integer> live = new HashMap<>();

	private final Map<String, Deque<Long>> created = new HashMap<>();

	private final Set<String> warned = new HashSet<>();

	private final LongSupplier clock;

	private final int maxLive;

	private final int maxCreatedPerWindow;

	private final long windowNanos;

	/**
	 * @param clock nanosecond clock
	 * @param maxLive more live pools than this for one database and user is suspicious
	 * @param maxCreatedPerWindow creating more than this for one database and user within
	 * the window is suspicious
	 * @param windowNanos the window
	 */
	PoolRegistry(LongSupplier clock, int maxLive, int maxCreatedPerWindow, long windowNanos) {
		this.clock = clock;
		this.maxLive = maxLive;
		this.maxCreatedPerWindow = maxCreatedPerWindow;
		this.windowNanos = windowNanos;
	}

	/**
	 * The key pools are counted under: the URL without secrets, and the configured
	 * username where there is one (a user given only in the URL is part of the URL).
	 */
	static String key(String url, String username) {
		String masked = Secrets.maskUrl(url);
		return (username != null) ? masked + " as " + username : masked;
	}

	/** The key of pools built on a {@link javax.sql.DataSource}: that very object. */
	static String key(javax.sql.DataSource dataSource) {
		return "the DataSource " + dataSource.getClass().getName() + "@"
				+ Integer.toHexString(System.identityHashCode(dataSource));
	}

	/**
	 * Records a new pool.
	 * @return whether this call warned
	 */
	boolean created(String key, String poolName) {
		Throwable site = new Throwable("pool '" + poolName + "' created here");
		String warning = null;
		this.lock.lock();
		try {
			int count = this.live.merge(key, 1, Integer::sum);
			long now = this.clock.getAsLong();
			Deque<Long> times = this.created.computeIfAbsent(key, (k) -> new ArrayDeque<>());
			times.addLast(now);
			while (!times.isEmpty() && now - times.peekFirst() > this.windowNanos) {
				times.removeFirst();
			}
			if (!this.warned.contains(key)) {
				if (count > this.maxLive) {
					warning = count + " pools are open at once for " + key;
				}
				else if (times.size() > this.maxCreatedPerWindow) {
					warning = times.size() + " pools were created within "
							+ TimeUnit.NANOSECONDS.toSeconds(this.windowNanos) + " s for " + key;
				}
				if (warning != null) {
					this.warned.add(key);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		if (warning != null) {
			logger.warn("{}: this looks like a pool created per request or per task instead of one shared pool. "
					+ "Create the pool once (at startup, or as a Spring bean) and share it; each pool opens its own "
					+ "connections. The newest was created at:", warning, site);
			return true;
		}
		return false;
	}

	/** Records a pool closed. */
	void closed(String key) {
		this.lock.lock();
		try {
			this.live.computeIfPresent(key, (k, count) -> (count > 1) ? count - 1 : null);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Live pools for the key. */
	int liveCount(String key) {
		this.lock.lock();
		try {
			return this.live.getOrDefault(key, 0);
		}
		finally {
			this.lock.unlock();
		}
	}

}
