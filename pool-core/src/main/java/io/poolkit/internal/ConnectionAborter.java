package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
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
 * running is cancelled, and a server session still there {@value #GRACE_MILLIS} ms later
 * is ended over a fresh connection of the pool's own ({@code pg_terminate_backend} on
 * PostgreSQL, {@code KILL} on MariaDB). Closing the socket alone is not enough: the
 * server notices only when it next reads or writes, so a long statement would run to its
 * end, holding its locks.
 * <p>
 * Behind PgBouncer ({@code pgbouncer=true}) the order differs: PgBouncer forwards a
 * cancel request only for a client still connected and linked to a server connection, so
 * the cancel is sent first, and the socket closed once PgBouncer has passed it on (or
 * after {@value #CANCEL_FIRST_MILLIS} ms at most); PgBouncer then closes the server
 * connection, whose transaction the server rolls back. The backend's pid is PgBouncer's
 * own there, so nothing is ended by pid: a statement that ignores the cancel runs on
 * until it ends.
 * <p>
 * The work runs on daemon threads shared by every pool, created on demand and ended after
 * {@value #THREAD_KEEP_ALIVE_SECONDS} s idle, never on the housekeeper, which may be busy
 * validating the very connection being aborted. The return's cancel of a statement still
 * running, and after an unwrap its close of the borrow's statements, run there too, so
 * that their wait on the network holds up no returning thread.
 */
final class ConnectionAborter {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionAborter.class);

	/**
	 * How long a backend may take to go away after its socket was closed and its
	 * statement cancelled before it is ended: a cancel normally takes effect within
	 * milliseconds; one that arrived before its statement did is lost.
	 */
	static final long GRACE_MILLIS = 250;

	/**
	 * Behind PgBouncer, how long the socket's close waits for the cancel to have been
	 * passed on.
	 */
	static final long CANCEL_FIRST_MILLIS = 500;

	private static final long POLL_MILLIS = 25;

	private static final long THREAD_KEEP_ALIVE_SECONDS = 30;

	/**
	 * Unbounded, so that an abort never queues behind another one's slow cancel; aborts
	 * are rare.
	 */
	private static final ThreadPoolExecutor EXECUTOR = new ThreadPoolExecutor(0, Integer.MAX_VALUE,
			THREAD_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(), new PoolThreadFactory("abort"));

	/** Server sessions to end if they outlive their grace. */
	private static final ConcurrentLinkedQueue<Lingering> lingering = new ConcurrentLinkedQueue<>();

	private static final AtomicBoolean reaping = new AtomicBoolean();

	private ConnectionAborter() {
	}

	/** Aborts in the background; returns at once. */
	static void abortInBackground(ConnectionSlot slot) {
		abort(slot, EXECUTOR);
	}

	/**
	 * Aborts on {@code executor} (on the aborter's own threads if that one refuses);
	 * returns once it has taken the task. The slot is marked aborted first, so that
	 * retiring it leaves the connection's close to the abort: a close that came first
	 * would cut PgBouncer's cancel short, and would keep MariaDB Connector/J's abort from
	 * sending its {@code KILL}.
	 */
	static void abort(ConnectionSlot slot, Executor executor) {
		slot.aborted = true;
		Runnable task = () -> abort(slot.pool, slot.connection, slot.session);
		try {
			executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			execute(task);
		}
	}

	/**
	 * Runs {@code task} on the aborter's threads; also the return's cancel of a statement
	 * still running and its close of statements after an unwrap ({@link ReturnCleanup}),
	 * which may block on the network as long as an abort's cancel. Returns at once,
	 * unless the JVM cannot start a thread: then the task runs on the caller.
	 */
	static void execute(Runnable task) {
		try {
			EXECUTOR.execute(task);
		}
		catch (RejectedExecutionException ex) {
			task.run(); // the JVM is running out of threads: do it here rather than not
		}
	}

	/**
	 * Closes the socket, cancels what still runs, hands the server session to the reaper
	 * and closes the connection. Never throws; may block for the cancel's round trip.
	 */
	private static void abort(Pool pool, Connection connection, ServerSession session) {
		try {
			if (pool.config.pgbouncer()) {
				cancelThenClose(connection, session);
			}
			else {
				long id = session.sessionId();
				session.closeSocket(connection);
				session.cancel();
				if (id != 0) {
					reapLater(pool, session, id);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Pool '{}': aborting {} failed", pool.name, connection, ex);
		}
		finally {
			// The driver's own resources; the socket is closed already.
			ConnectionFactory.closeQuietly(connection);
		}
	}

	/**
	 * The cancel first, on another thread so that a cancel stuck on a silent network
	 * delays the socket's close by {@value #CANCEL_FIRST_MILLIS} ms at most. pgjdbc's
	 * cancel returns once PgBouncer has closed the cancel connection, which it does once
	 * it has sent the request on to the server.
	 */
	private static void cancelThenClose(Connection connection, ServerSession session) {
		CountDownLatch cancelled = new CountDownLatch(1);
		execute(() -> {
			try {
				session.cancel();
			}
			finally {
				cancelled.countDown();
			}
		});
		try {
			cancelled.await(CANCEL_FIRST_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			session.closeSocket(connection);
		}
	}

	// ---- ending server sessions that outlive the abort

	private record Lingering(Pool pool, ServerSession session, long id, long abortedNanos) {
	}

	private static void reapLater(Pool pool, ServerSession session, long id) {
		lingering.add(new Lingering(pool, session, id, System.nanoTime()));
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
			byPool.forEach((pool, sessions) -> execute(() -> reap(pool, sessions)));
		}
	}

	private static void reap(Pool pool, List<Lingering> sessions) {
		SecretMasker secrets = pool.creator().secrets();
		// One pool's connections are all of one driver.
		ServerSession kind = sessions.get(0).session();
		try (Connection admin = new ConnectionFactory(pool.config, pool.config.name(), false, secrets).open(0)
			.connection()) {
			if (!admin.getAutoCommit()) {
				admin.setAutoCommit(true);
			}
			kind.prepareAdmin(admin);
			endLingering(pool, kind, admin, sessions);
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("Pool '{}': could not check that aborted server sessions {} ended; they end when their "
					+ "statements do", pool.name, ids(sessions), secrets.mask(ex));
		}
	}

	private static void endLingering(Pool pool, ServerSession kind, Connection admin, List<Lingering> sessions)
			throws SQLException {
		// The latest abort's, compared as nanoTime values are: by their difference.
		long graceEnd = sessions.stream()
			.mapToLong(Lingering::abortedNanos)
			.reduce((latest, next) -> (next - latest > 0) ? next : latest)
			.getAsLong() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
		List<Long> ids = ids(sessions);
		// What tells each session from a newer one with the same id, as first seen.
		Map<Long, Object> alive = kind.aliveSessions(admin, ids);
		while (!alive.isEmpty() && System.nanoTime() - graceEnd < 0) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
			alive.keySet().retainAll(kind.aliveSessions(admin, ids).keySet());
		}
		for (Map.Entry<Long, Object> session : alive.entrySet()) {
			if (kind.endSession(admin, session.getKey(), session.getValue())) {
				logger.warn(
						"Pool '{}': server session {} still ran {} ms after its connection was aborted and its "
								+ "statement cancelled; ended it with {}",
						pool.name, session.getKey(), GRACE_MILLIS, kind.endCommand());
			}
		}
	}

	private static List<Long> ids(List<Lingering> sessions) {
		return sessions.stream().map(Lingering::id).toList();
	}

}
