package io.poolkit.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts physical connections so that nothing of them keeps running on the server: the
 * socket is closed at once (a thread blocked on it fails at once), the statement still
 * running is cancelled, and on PostgreSQL a backend still there {@value #GRACE_MILLIS} ms
 * later is ended with {@code pg_terminate_backend} over a fresh connection of the pool's
 * own. Closing the socket alone is not enough: the server notices only when it next reads
 * or writes, so a long statement would run to its end, holding its locks.
 * <p>
 * The work runs on daemon threads shared by every pool, created on demand and ended after
 * {@value #THREAD_KEEP_ALIVE_SECONDS} s idle, never on the housekeeper, which may be busy
 * validating the very connection being aborted.
 */
final class ConnectionAborter {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionAborter.class);

	/**
	 * How long a backend may take to go away after its socket was closed and its
	 * statement cancelled before it is ended: a cancel normally takes effect within
	 * milliseconds; one that arrived before its statement did is lost.
	 */
	static final long GRACE_MILLIS = 250;

	private static final long POLL_MILLIS = 25;

	private static final long THREAD_KEEP_ALIVE_SECONDS = 30;

	/**
	 * Unbounded, so that an abort never queues behind another one's slow cancel; aborts
	 * are rare.
	 */
	private static final ThreadPoolExecutor EXECUTOR = new ThreadPoolExecutor(0, Integer.MAX_VALUE,
			THREAD_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(), new PoolThreadFactory("abort"));

	/** PostgreSQL backends to end if they outlive their grace. */
	private static final ConcurrentLinkedQueue<Lingering> lingering = new ConcurrentLinkedQueue<>();

	private static final AtomicBoolean reaping = new AtomicBoolean();

	private ConnectionAborter() {
	}

	/** Aborts in the background; returns at once. */
	static void abortInBackground(Pool pool, Connection connection, ServerSession session) {
		execute(() -> abort(pool, connection, session));
	}

	/**
	 * Runs {@code task} on the given executor, or on the aborter's own threads if that
	 * one refuses.
	 */
	static void execute(Executor executor, Runnable task) {
		try {
			executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			execute(task);
		}
	}

	private static void execute(Runnable task) {
		try {
			EXECUTOR.execute(task);
		}
		catch (RejectedExecutionException ex) {
			task.run(); // the JVM is running out of threads: do it here rather than not
		}
	}

	/**
	 * Closes the socket, cancels what still runs and hands a PostgreSQL backend to the
	 * reaper. Never throws; may block for the cancel's round trip.
	 */
	static void abort(Pool pool, Connection connection, ServerSession session) {
		try {
			int pid = session.backendPid();
			session.closeSocket(connection);
			session.cancelAfterClose();
			// Behind PgBouncer the pid is the bouncer's, not a server backend's;
			// PgBouncer
			// forwards the cancel, and ends the server side itself.
			if (pid != 0 && !pool.config.pgbouncer()) {
				reapLater(pool, pid);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Pool '{}': aborting {} failed", pool.name, connection, ex);
		}
	}

	// ---- ending PostgreSQL backends that outlive the abort

	private record Lingering(Pool pool, int pid, long abortedNanos) {
	}

	private static void reapLater(Pool pool, int pid) {
		lingering.add(new Lingering(pool, pid, System.nanoTime()));
		if (reaping.compareAndSet(false, true)) {
			execute(ConnectionAborter::reap);
		}
	}

	/**
	 * Collects what was aborted meanwhile and checks it with one fresh connection per
	 * pool: a pool closing with many borrowed connections opens one more, not one per
	 * connection. Each pool's check runs on its own thread, so a pool whose server does
	 * not answer delays no other.
	 */
	private static void reap() {
		for (;;) {
			Map<Pool, List<Lingering>> byPool = new LinkedHashMap<>();
			Lingering next;
			while ((next = lingering.poll()) != null) {
				byPool.computeIfAbsent(next.pool(), (pool) -> new ArrayList<>()).add(next);
			}
			if (byPool.isEmpty()) {
				reaping.set(false);
				// An entry added after the poll above but before the flag was cleared saw
				// the flag set and left it to us.
				if (lingering.isEmpty() || !reaping.compareAndSet(false, true)) {
					return;
				}
				continue;
			}
			byPool.forEach((pool, backends) -> execute(() -> reap(pool, backends)));
		}
	}

	private static void reap(Pool pool, List<Lingering> backends) {
		Connection admin;
		try {
			admin = new ConnectionFactory(pool.config).open().connection();
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("Pool '{}': could not connect to check that aborted server backends {} ended; they end when "
					+ "their statements do", pool.name, pids(backends), ex);
			return;
		}
		try (admin) {
			if (!admin.getAutoCommit()) {
				admin.setAutoCommit(true);
			}
			// Not counted as one of the pool's own sessions by anyone watching
			// application_name.
			try (Statement statement = admin.createStatement()) {
				statement.execute("SET application_name = 'poolkit-abort'");
			}
			endLingering(pool, admin, backends);
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("Pool '{}': could not check that aborted server backends {} ended", pool.name, pids(backends),
					ex);
		}
	}

	private static void endLingering(Pool pool, Connection admin, List<Lingering> backends) throws SQLException {
		long graceEnd = Long.MIN_VALUE;
		for (Lingering backend : backends) {
			long end = backend.abortedNanos() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
			graceEnd = (graceEnd == Long.MIN_VALUE || end - graceEnd > 0) ? end : graceEnd;
		}
		// First seen start time of each pid: a pid the OS gave to a newer backend has
		// another.
		Map<Integer, Timestamp> alive = alive(admin, backends);
		while (!alive.isEmpty() && System.nanoTime() - graceEnd < 0) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
			alive.keySet().retainAll(alive(admin, backends).keySet());
		}
		if (alive.isEmpty()) {
			return;
		}
		try (PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(pid)"
				+ " FROM pg_stat_activity WHERE pid = ? AND backend_start = ? AND usename = session_user")) {
			for (Map.Entry<Integer, Timestamp> backend : alive.entrySet()) {
				terminate.setInt(1, backend.getKey());
				terminate.setTimestamp(2, backend.getValue());
				try (ResultSet rows = terminate.executeQuery()) {
					if (rows.next() && rows.getBoolean(1)) {
						logger.warn(
								"Pool '{}': server backend {} still ran {} ms after its connection was aborted and "
										+ "its statement cancelled; ended it with pg_terminate_backend",
								pool.name, backend.getKey(), GRACE_MILLIS);
					}
				}
			}
		}
	}

	private static Map<Integer, Timestamp> alive(Connection admin, List<Lingering> backends) throws SQLException {
		Map<Integer, Timestamp> alive = new HashMap<>();
		try (PreparedStatement query = admin.prepareStatement("SELECT pid, backend_start FROM pg_stat_activity"
				+ " WHERE pid = ANY(?) AND usename = session_user AND pid <> pg_backend_pid()")) {
			Array pids = admin.createArrayOf("int4", pids(backends).toArray());
			query.setArray(1, pids);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					alive.put(rows.getInt(1), rows.getTimestamp(2));
				}
			}
		}
		return alive;
	}

	private static List<Integer> pids(List<Lingering> backends) {
		List<Integer> pids = new ArrayList<>(backends.size());
		for (Lingering backend : backends) {
			pids.add(backend.pid());
		}
		return pids;
	}

}
