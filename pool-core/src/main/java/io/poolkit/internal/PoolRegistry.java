package io.poolkit.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.poolkit.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices the classic bug of building a pool per request instead of sharing one: many
 * live pools for the same database and user, or pools created and closed at a high rate.
 * It warns once per database and user, with the stack where the newest pool was created.
 * Only pool construction and close touch it, so a monitor guards it.
 */
final class PoolRegistry {

	private static final Logger logger = LoggerFactory.getLogger(PoolRegistry.class);

	/** The registry every pool in this JVM reports to. */
	static final PoolRegistry GLOBAL = new PoolRegistry(System::nanoTime, 4, 20, TimeUnit.MINUTES.toNanos(1));

	/** Per database and user: guarded by this registry's monitor. */
	private final Map<String, Counts> counts = new HashMap<>();

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
		String warning = count(key);
		if (warning == null) {
			return false;
		}
		logger.warn("{}: this looks like a pool created per request or per task instead of one shared pool. "
				+ "Create the pool once (at startup, or as a Spring bean) and share it; each pool opens its own "
				+ "connections. The newest was created at:", warning,
				new Throwable("pool '" + poolName + "' created here"));
		return true;
	}

	/** Counts a new pool; returns the warning it calls for, the first time only. */
	private synchronized String count(String key) {
		Counts counts = this.counts.computeIfAbsent(key, (k) -> new Counts());
		counts.live++;
		long now = this.clock.getAsLong();
		counts.created.addLast(now);
		while (now - counts.created.peekFirst() > this.windowNanos) {
			counts.created.removeFirst();
		}
		if (counts.warned) {
			return null;
		}
		String warning = null;
		if (counts.live > this.maxLive) {
			warning = counts.live + " pools are open at once for " + key;
		}
		else if (counts.created.size() > this.maxCreatedPerWindow) {
			warning = counts.created.size() + " pools were created within "
					+ TimeUnit.NANOSECONDS.toSeconds(this.windowNanos) + " s for " + key;
		}
		counts.warned = warning != null;
		return warning;
	}

	/** Records a pool closed. */
	synchronized void closed(String key) {
		Counts counts = this.counts.get(key);
		if (counts != null && counts.live > 0) {
			counts.live--;
		}
	}

	/** Live pools for the key. */
	synchronized int liveCount(String key) {
		Counts counts = this.counts.get(key);
		return (counts != null) ? counts.live : 0;
	}

	private static final class Counts {

		int live;

		/** When pools were created within the window, oldest first. */
		final Deque<Long> created = new ArrayDeque<>();

		boolean warned;

	}

}
