package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import io.poolkit.CloseReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a PostgreSQL reading of the fleet's budget is taken, so that a read never costs a
 * connection the server would refuse nor one a borrower waits for. The first is taken on
 * the pool's first connection before it is lent. Later ones take an idle pooled
 * connection when nobody waits (the last idle one only while reads are quick), else open
 * a short-lived connection of their own, named apart so no instance counts it, but only
 * when the last reading leaves room for it under the limit and no connect of this
 * instance was refused lately; otherwise the read is skipped.
 * <p>
 * Used by the sizer's thread only, but for {@link #onFirstConnection}, which runs on the
 * thread opening the pool's first connection.
 */
final class PostgresFleetRead {

	private static final Logger logger = LoggerFactory.getLogger(PostgresFleetRead.class);

	/**
	 * A read that takes longer is slow: after one, reads no longer take the pool's last
	 * idle connection, which a borrower arriving meanwhile would wait for.
	 */
	static final long QUICK_READ_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	/**
	 * Ends the application_name of a short-lived connection the budget is read on.
	 */
	static final String READER_MARK = ":r";

	private final Pool pool;

	private final String applicationName;

	private final String fleetPrefix;

	private final int readTimeoutMillis;

	private ConnectionFactory readFactory;

	/**
	 * Connections the last reading left under the fleet's room once the other instances'
	 * holdings are counted: this instance's and any read connection fit in them; -1
	 * before the first.
	 */
	private int roomLeftBySelf = -1;

	/** Until when no read opens a connection of its own, after a refusal. */
	private long ownReadsPausedUntilNanos = System.nanoTime();

	/** Why the last read was skipped, or {@code null}. */
	private String skipped;

	/** A reading taken on the pool's first connection, before it was lent. */
	private volatile FleetReading firstReading;

	/** Whether the last read was quick (see {@link #QUICK_READ_NANOS}). */
	private volatile boolean quickReads = true;

	/**
	 * @param pool the pool whose connections may be read on
	 * @param applicationName this instance's application_name
	 * @param fleetPrefix the start of every instance's application_name
	 * @param readTimeoutMillis the bound of a connect and of each read
	 */
	PostgresFleetRead(Pool pool, String applicationName, String fleetPrefix, int readTimeoutMillis) {
		this.pool = pool;
		this.applicationName = applicationName;
		this.fleetPrefix = fleetPrefix;
		this.readTimeoutMillis = readTimeoutMillis;
	}

	/**
	 * Reads the fleet's budget where it costs nothing the server or a borrower would
	 * miss.
	 * @param now the time now, {@link System#nanoTime()}
	 * @return the reading, or {@code null} when skipped (see {@link #skipped()})
	 * @throws SQLException when the read fails or its connection is refused
	 */
	FleetReading read(long now) throws SQLException {
		this.skipped = null;
		FleetReading reading = this.firstReading;
		if (reading != null) {
			this.firstReading = null;
		}
		else {
			// The last idle connection only while reads are quick: a borrower arriving
			// meanwhile waits for a few milliseconds at most.
			ConnectionSlot slot = this.pool.reserveIdle(this.quickReads ? 0 : 1);
			String noRoom = (slot != null) ? null : noRoomForOwnRead(now);
			if (noRoom != null) {
				this.skipped = "budget not read this period: no connection of this instance idle, and " + noRoom
						+ "; the target does not grow";
				return null;
			}
			reading = (slot != null) ? readOn(slot) : readOnOwnConnection();
		}
		this.ownReadsPausedUntilNanos = now;
		return reading;
	}

	/** Why the last read was skipped, or {@code null} when it was not. */
	String skipped() {
		return this.skipped;
	}

	/**
	 * Notes what the reading just shared leaves under the fleet's room once the other
	 * instances' holdings are counted.
	 */
	void roomLeft(int roomLeftBySelf) {
		this.roomLeftBySelf = roomLeftBySelf;
	}

	/**
	 * The server refused a connect of this instance: it is full, whatever the last
	 * reading said, so no read opens a connection of its own until {@code untilNanos}
	 * unless a reading on an idle connection comes first.
	 */
	void pauseOwnReads(long untilNanos) {
		this.ownReadsPausedUntilNanos = untilNanos;
	}

	/**
	 * Whether a read connection of its own fits under the limit: not while reads are
	 * paused after a refusal, nor when what the other instances held at the last reading
	 * and what this one holds and opens now leave none. Before any reading it is tried.
	 * @return why it does not fit, or {@code null} when it does
	 */
	private String noRoomForOwnRead(long now) {
		if (now - this.ownReadsPausedUntilNanos < 0) {
			return "the server refused a connection of this instance with 53300 since the last reading";
		}
		if (this.roomLeftBySelf < 0) {
			return null;
		}
		int mine = this.pool.slots().length + this.pool.closingCount() + this.pool.creator().inFlight();
		return (this.roomLeftBySelf - mine >= 1) ? null : "the last reading leaves no room for a read connection";
	}

	/**
	 * Takes a reading on the pool's first connection, before it is lent, so that the
	 * first read needs no connection of its own (under a tight limit it would be
	 * refused). Bounded by the read timeout, with a query timeout so that slow statistics
	 * leave the connection fit to lend. Never throws: a failed read is repeated at the
	 * next period.
	 */
	void onFirstConnection(Connection connection) {
		int queryTimeoutSeconds = (int) Math.max(1, TimeUnit.MILLISECONDS.toSeconds(this.readTimeoutMillis + 999));
		try {
			int networkTimeout = connection.getNetworkTimeout();
			connection.setNetworkTimeout(ConnectionFactory.DIRECT, queryTimeoutSeconds * 1000 + this.readTimeoutMillis);
			try {
				this.firstReading = readFleet(connection, queryTimeoutSeconds);
			}
			finally {
				if (!connection.isClosed()) {
					connection.setNetworkTimeout(ConnectionFactory.DIRECT, networkTimeout);
				}
			}
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug("Pool '{}': budget not read on the first connection: {}", this.pool.name,
					this.pool.creator().secrets().mask(ex.toString()));
		}
	}

	/**
	 * Reads on an idle pooled connection reserved for it, bounded by a network timeout.
	 */
	private FleetReading readOn(ConnectionSlot slot) throws SQLException {
		boolean healthy = false;
		try {
			Connection connection = slot.connection;
			connection.setNetworkTimeout(ConnectionFactory.DIRECT, this.readTimeoutMillis);
			FleetReading reading = readFleet(connection, 0);
			connection.setNetworkTimeout(ConnectionFactory.DIRECT, slot.defaults.networkTimeout());
			slot.lastAliveNanos = System.nanoTime();
			healthy = true;
			return reading;
		}
		catch (SQLException ex) {
			// A query that failed on a working connection (a missing view, say) leaves it
			// fit to lend; a timeout or a broken connection does not.
			healthy = !this.pool.isConnectionBroken(ex) && restoreTimeout(slot);
			throw ex;
		}
		finally {
			if (healthy) {
				this.pool.recycle(slot);
			}
			else {
				this.pool.retire(slot, CloseReason.VALIDATION);
				this.pool.creator().fill();
			}
		}
	}

	private static boolean restoreTimeout(ConnectionSlot slot) {
		try {
			if (slot.connection.isClosed()) {
				return false;
			}
			slot.connection.setNetworkTimeout(ConnectionFactory.DIRECT, slot.defaults.networkTimeout());
			if (!slot.connection.getAutoCommit()) {
				slot.connection.rollback();
			}
			return true;
		}
		catch (SQLException | RuntimeException ex) {
			return false;
		}
	}

	private FleetReading readOnOwnConnection() throws SQLException {
		if (this.readFactory == null) {
			this.readFactory = new ConnectionFactory(this.pool.config, this.applicationName + READER_MARK, false,
					this.pool.creator().secrets());
		}
		Connection connection = this.readFactory.open(TimeUnit.MILLISECONDS.toNanos(this.readTimeoutMillis))
			.connection();
		try {
			connection.setNetworkTimeout(ConnectionFactory.DIRECT, this.readTimeoutMillis);
			return readFleet(connection, 0);
		}
		finally {
			ConnectionFactory.closeQuietly(connection);
		}
	}

	/** Reads the fleet on a connection, noting whether it was quick, failed or not. */
	private FleetReading readFleet(Connection connection, int queryTimeoutSeconds) throws SQLException {
		long start = System.nanoTime();
		try {
			return BudgetCheck.readFleet(connection, this.fleetPrefix, queryTimeoutSeconds);
		}
		finally {
			this.quickReads = System.nanoTime() - start < QUICK_READ_NANOS;
		}
	}

}
