package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.poolkit.CloseReason;
import io.poolkit.FleetBudget;
import io.poolkit.PoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adaptive sizing's view of the fleet's connection budget: the most this instance may
 * hold, read every period from the server's limits and {@code pg_stat_activity}, from
 * PgBouncer's admin console, or from {@code sizing.fleet-budget}, and shared among the
 * instances by {@link FleetShare}.
 * <p>
 * A read that fails is retried with back-off, and until one succeeds the limit is the
 * last one read (for three periods) or the target, so the pool does not grow. A read
 * takes an idle pooled connection only when nobody waits and another stays idle, else it
 * opens a short-lived one of its own, named apart so no instance counts it. A connect
 * refused with {@code 53300} caps the limit at what the pool held until the next read.
 * Used by the sizer's thread only.
 */
final class FleetBudgetReader {

	private static final Logger logger = LoggerFactory.getLogger(FleetBudgetReader.class);

	/** Periods a refusal caps the limit where the budget is not read from the server. */
	static final int REFUSAL_PERIODS = 30;

	/** The longest pause between reads after failed ones. */
	static final long MAX_READ_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);

	/**
	 * Ends the application_name of a short-lived connection the budget is read on.
	 */
	static final String READER_MARK = ":r";

	enum Source {

		/** The server's limits and pg_stat_activity. */
		POSTGRESQL,

		/** PgBouncer's admin console, else sizing.fleet-budget. */
		PGBOUNCER,

		/** sizing.fleet-budget divided by sizing.instances. */
		SETTING,

		/** No budget: the load alone, between floor and ceiling. */
		NONE

	}

	private final Pool pool;

	private final PoolConfig config;

	private final Source source;

	private final String applicationName;

	private final String fleetPrefix;

	/** Whether the connections carry this instance's application_name. */
	private final boolean identifiable;

	private final long periodNanos;

	private final int readTimeoutMillis;

	private final int headroom;

	private final AtomicLong refusals = new AtomicLong();

	private volatile FleetBudget lastBudget;

	private ConnectionFactory readFactory;

	private PgBouncerBudget bouncer;

	private boolean bouncerFailed;

	/** The limit of the last good reading, and when it was read; -1 before the first. */
	private int lastLimit = -1;

	private long lastReadNanos;

	private long nextReadNanos;

	private int readFailures;

	/** Whether the last reading found the fleet holding more than its capacity. */
	private boolean fleetOverCommitted;

	/** Readings in a row whose limit was below the target. */
	private int lowBudgetReadings;

	private boolean warnedUnidentifiable;

	/**
	 * After a refusal (53300), the most this instance may hold until the budget is read
	 * again (or, where it is not read, for {@link #REFUSAL_PERIODS} periods); -1 when
	 * none.
	 */
	private int refusalCap = -1;

	private long refusalCapUntilNanos;

	FleetBudgetReader(Pool pool, String applicationName, String fleetPrefix, boolean identifiable) {
		this.pool = pool;
		this.config = pool.config;
		this.applicationName = applicationName;
		this.fleetPrefix = fleetPrefix;
		this.identifiable = identifiable;
		if (DriverProperties.isPostgres(this.config.url())) {
			this.source = this.config.pgbouncer() ? Source.PGBOUNCER : Source.POSTGRESQL;
		}
		else {
			this.source = (this.config.sizingFleetBudget() > 0) ? Source.SETTING : Source.NONE;
		}
		this.periodNanos = this.config.sizingPeriod().toNanos();
		this.readTimeoutMillis = (int) Math.min(this.config.validationTimeout().toMillis(),
				Math.max(1000, this.config.sizingPeriod().toMillis()));
		this.headroom = this.config.sizingHeadroom();
	}

	Source source() {
		return this.source;
	}

	FleetBudget lastBudget() {
		return this.lastBudget;
	}

	/** Connects refused with 53300 since the pool started, the reads' included. */
	long refusals() {
		return this.refusals.get();
	}

	String describe() {
		int fleetBudget = this.config.sizingFleetBudget();
		return switch (this.source) {
			case POSTGRESQL -> "the server's limits and pg_stat_activity";
			case PGBOUNCER -> "PgBouncer's admin console" + ((fleetBudget > 0) ? ", else sizing.fleet-budget" : "");
			case SETTING ->
				"sizing.fleet-budget " + fleetBudget + " / sizing.instances " + this.config.sizingInstances();
			case NONE -> "nowhere (the load alone)";
		};
	}

	/**
	 * The most this instance may hold by the fleet's budget, reading it when due; -1 when
	 * no budget applies.
	 */
	int read(long now, int target) {
		if (this.source == Source.NONE) {
			return -1;
		}
		if (this.source == Source.SETTING) {
			return settingShare("sizing.fleet-budget " + this.config.sizingFleetBudget(),
					this.config.sizingFleetBudget(), "setting");
		}
		if (this.source == Source.PGBOUNCER && this.bouncerFailed) {
			return pgBouncerFallback();
		}
		if (now - this.nextReadNanos < 0) {
			return staleLimit(now, target);
		}
		FleetReading reading;
		try {
			if (this.source == Source.PGBOUNCER) {
				reading = readPgBouncer();
			}
			else {
				ConnectionSlot slot = this.pool.reserveSpareIdle();
				reading = (slot != null) ? readOn(slot) : readOnOwnConnection();
			}
		}
		catch (SQLException | RuntimeException ex) {
			int limit = readFailed(now, target, ex);
			if (this.source == Source.PGBOUNCER && this.bouncerFailed) {
				return pgBouncerFallback();
			}
			// Never read, and no setting: PgBouncer queues what it cannot serve rather
			// than refuse it, so the load alone decides, within max-size.
			return (this.source == Source.PGBOUNCER && this.lastLimit < 0) ? -1 : limit;
		}
		this.readFailures = 0;
		this.nextReadNanos = now;
		this.refusalCap = -1;
		this.lastLimit = share(reading);
		this.lastReadNanos = now;
		return this.lastLimit;
	}

	/**
	 * The limit a decision holds to. A budget below the target binds once two readings in
	 * a row say so, or at once when the fleet holds more than its capacity: a connection
	 * that shows for an instant (a session still logging in, with no application_name
	 * yet) must not make the busy instances give back and grow again. Others cannot grow
	 * into the connection kept meanwhile, since growth comes only out of what is free. A
	 * refusal's cap applies on top.
	 */
	int bind(int limit, int target, long now) {
		if (limit < 0 || limit >= target || this.fleetOverCommitted) {
			this.lowBudgetReadings = 0;
		}
		else if (++this.lowBudgetReadings < 2) {
			limit = target;
		}
		if (this.refusalCap >= 0 && now - this.refusalCapUntilNanos >= 0) {
			this.refusalCap = -1;
		}
		if (this.refusalCap >= 0) {
			limit = (limit < 0) ? this.refusalCap : Math.min(limit, this.refusalCap);
		}
		return limit;
	}

	/**
	 * A connect was refused for too many connections while the pool held or was opening
	 * {@code held}: the most the server took. Growth stops there until the budget is read
	 * again, which is due at once.
	 * @return the cap now, the lower of two refusals close together
	 */
	int refused(int held, long now) {
		boolean capped = this.refusalCap >= 0 && now - this.refusalCapUntilNanos < 0;
		this.refusalCap = capped ? Math.min(this.refusalCap, held) : held;
		this.refusalCapUntilNanos = now + REFUSAL_PERIODS * this.periodNanos;
		this.nextReadNanos = now;
		return this.refusalCap;
	}

	void countRefusal() {
		this.refusals.incrementAndGet();
	}

	private int pgBouncerFallback() {
		return settingShare("sizing.fleet-budget " + this.config.sizingFleetBudget()
				+ " (PgBouncer's admin console is not readable)", this.config.sizingFleetBudget(), "setting");
	}

	private int share(FleetReading reading) {
		int fleetBudget = this.config.sizingFleetBudget();
		int limit = (fleetBudget > 0) ? Math.min(reading.limit(), fleetBudget) : reading.limit();
		String limitWhat = (fleetBudget > 0 && fleetBudget < reading.limit())
				? "sizing.fleet-budget " + fleetBudget + " (" + reading.limitWhat() + ")" : reading.limitWhat();
		if (!reading.countsInstances() || !this.identifiable) {
			if (!this.warnedUnidentifiable && !reading.countsInstances()) {
				this.warnedUnidentifiable = true;
				logger.warn(
						"Pool '{}': {} does not show application_name per client, so adaptive sizing divides the "
								+ "budget by sizing.instances ({})",
						this.pool.name, reading.source(), this.config.sizingInstances());
			}
			// Whose connections are whose is unknown: share the limit itself, as if the
			// fleet were alone under it.
			return settingShare(limitWhat, limit, reading.source());
		}
		int room = Math.max(0, limit - reading.others());
		Map<String, Integer> members = new TreeMap<>(reading.members());
		// Reads of PgBouncer's admin console take no connection of its pool.
		int readerReserve = (this.source == Source.POSTGRESQL) ? FleetShare.READER_RESERVE : 0;
		FleetShare.Result result = FleetShare.allocate(room, this.headroom, members, this.applicationName,
				readerReserve);
		String explanation = limitWhat + ", " + reading.others() + " held by others: " + result.explanation();
		this.lastBudget = new FleetBudget(Instant.now(), reading.source(), limit, reading.others(), this.headroom,
				result.capacity(), this.applicationName, Collections.unmodifiableMap(members), result.equalShare(),
				result.selfAllocation(), result.limit(), explanation);
		this.fleetOverCommitted = result.free() < 0;
		return result.limit();
	}

	private int settingShare(String what, int limit, String source) {
		this.fleetOverCommitted = false;
		int instances = this.config.sizingInstances();
		int capacity = Math.max(0, limit - this.headroom);
		int share = Math.max(1, capacity / instances);
		String explanation = String.format(
				"%s less headroom %d = %d, divided by sizing.instances %d = %d for this instance", what, this.headroom,
				capacity, instances, share);
		this.lastBudget = new FleetBudget(Instant.now(), source, limit, 0, this.headroom, capacity,
				this.applicationName, Map.of(), capacity / instances, share, share, explanation);
		return share;
	}

	/** After a failed or skipped read: no growth past the target until one succeeds. */
	private int staleLimit(long now, int target) {
		return (this.lastLimit >= 0 && now - this.lastReadNanos <= 3 * this.periodNanos) ? this.lastLimit : target;
	}

	private int readFailed(long now, int target, Exception ex) {
		if (ex instanceof SQLException sql && AdaptiveSizer.isTooManyConnections(sql)) {
			countRefusal();
		}
		this.readFailures++;
		long backoff = Math.min(MAX_READ_BACKOFF_NANOS, this.periodNanos << Math.min(this.readFailures - 1, 20));
		this.nextReadNanos = now + backoff;
		String detail = "budget not read (" + ex.getMessage() + "); the target does not grow until it is; next read in "
				+ TimeUnit.NANOSECONDS.toMillis(backoff) + " ms";
		if (this.readFailures == 1) {
			this.pool.recordEvent("budget", detail);
			logger.info("Pool '{}' {}", this.pool.name, detail);
		}
		else {
			logger.debug("Pool '{}' {} ({} failures in a row)", this.pool.name, detail, this.readFailures);
		}
		return staleLimit(now, target);
	}

	/**
	 * Reads on an idle pooled connection reserved for it, bounded by a network timeout.
	 */
	private FleetReading readOn(ConnectionSlot slot) throws SQLException {
		boolean healthy = false;
		try {
			Connection connection = slot.connection;
			connection.setNetworkTimeout(ConnectionFactory.DIRECT, this.readTimeoutMillis);
			FleetReading reading = BudgetCheck.readFleet(connection, this.fleetPrefix);
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
				this.pool.recycle(slot, System.nanoTime());
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
			this.readFactory = new ConnectionFactory(this.config, this.applicationName + READER_MARK, false);
		}
		Connection connection = this.readFactory.open(TimeUnit.MILLISECONDS.toNanos(this.readTimeoutMillis))
			.connection();
		try {
			connection.setNetworkTimeout(ConnectionFactory.DIRECT, this.readTimeoutMillis);
			return BudgetCheck.readFleet(connection, this.fleetPrefix);
		}
		finally {
			ConnectionFactory.closeQuietly(connection);
		}
	}

	private FleetReading readPgBouncer() throws SQLException {
		if (this.bouncer == null) {
			this.bouncer = PgBouncerBudget.of(this.config);
			if (this.bouncer == null) {
				this.bouncerFailed = this.config.sizingFleetBudget() > 0;
				throw new SQLException("the url names no host and database to find PgBouncer's admin console by");
			}
		}
		try {
			return this.bouncer.read(this.fleetPrefix, this.applicationName, this.readTimeoutMillis);
		}
		catch (SQLException ex) {
			String cannotRead = "Pool '{}': adaptive sizing cannot read PgBouncer's admin console (database "
					+ "'pgbouncer' as the pool's user: {})";
			if (this.config.sizingFleetBudget() > 0) {
				this.bouncerFailed = true;
				logger.warn(
						cannotRead + "; it uses sizing.fleet-budget {} divided by sizing.instances {}. Add the "
								+ "user to PgBouncer's stats_users to share PgBouncer's pool by what it shows",
						this.pool.name, ex.getMessage(), this.config.sizingFleetBudget(),
						this.config.sizingInstances());
			}
			else if (this.readFailures == 0) {
				logger.warn(cannotRead + " and sizing.fleet-budget is not set; the pool does not grow past its target "
						+ "until it can. Add the user to PgBouncer's stats_users, or set sizing.fleet-budget to "
						+ "PgBouncer's pool_size", this.pool.name, ex.getMessage());
			}
			throw ex;
		}
	}

}
