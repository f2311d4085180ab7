package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
 * last one read (for three periods) or the target, so the pool does not grow. On
 * PostgreSQL, {@link PostgresFleetRead} chooses the connection a reading is taken on, and
 * skips it when none would do. A connect refused with {@code 53300} caps the limit at
 * what the pool held until the next read. Used by the sizer's thread only, but for
 * {@link #readOnFirstConnection}.
 */
final class FleetBudgetReader {

	private static final Logger logger = LoggerFactory.getLogger(FleetBudgetReader.class);

	/**
	 * Periods a refusal caps the limit where the budget is not read from the server, and
	 * keeps reads off connections of their own.
	 */
	static final int REFUSAL_PERIODS = 30;

	/** The longest pause between reads after failed ones. */
	static final long MAX_READ_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);

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

	/** Where PostgreSQL readings are taken; {@code null} for other sources. */
	private final PostgresFleetRead postgres;

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

	/** The limit of the reading before the last one bound, for growth's hysteresis. */
	private int previousLimit = -1;

	/** Whether the budget last made the target shrink, and no growth followed yet. */
	private boolean shrankByBudget;

	/** Why this period's read was skipped, or {@code null}. */
	private String skipped;

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
		this.postgres = (this.source == Source.POSTGRESQL)
				? new PostgresFleetRead(pool, applicationName, fleetPrefix, this.readTimeoutMillis) : null;
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
		if (this.source == Source.SETTING || this.bouncerFailed) {
			return fleetBudgetShare();
		}
		this.skipped = null;
		if (now - this.nextReadNanos < 0) {
			return staleLimit(now, target);
		}
		FleetReading reading;
		try {
			reading = (this.source == Source.PGBOUNCER) ? readPgBouncer() : this.postgres.read(now);
			if (reading == null) {
				// Skipped: a read connection would be refused. The last reading holds.
				this.skipped = this.postgres.skipped();
				return staleLimit(now, target);
			}
		}
		catch (SQLException | RuntimeException ex) {
			int limit = readFailed(now, target, ex);
			if (this.bouncerFailed) {
				return fleetBudgetShare();
			}
			return loadAlone() ? -1 : limit;
		}
		this.readFailures = 0;
		this.nextReadNanos = now;
		this.refusalCap = -1;
		this.lastLimit = share(reading);
		this.lastReadNanos = now;
		return this.lastLimit;
	}

	/**
	 * Whether the budget is unknown and the load alone decides, within max-size: behind
	 * PgBouncer, whose console was never read, with no sizing.fleet-budget to fall back
	 * on. PgBouncer queues what its pool cannot serve rather than refuse it.
	 */
	private boolean loadAlone() {
		return this.source == Source.PGBOUNCER && this.lastLimit < 0 && this.config.sizingFleetBudget() <= 0;
	}

	/** Why this period's read was skipped, or {@code null} when it was not. */
	String skipped() {
		return this.skipped;
	}

	/** See {@link PostgresFleetRead#onFirstConnection}. */
	void readOnFirstConnection(Connection connection) {
		if (this.postgres != null) {
			this.postgres.onFirstConnection(connection);
		}
	}

	/**
	 * The limit a decision holds to. A budget below the target binds once two readings in
	 * a row say so, or at once when the fleet holds more than its capacity: a connection
	 * that shows for an instant (a session still logging in, with no application_name
	 * yet) must not make the busy instances give back and grow again. Others cannot grow
	 * into the connection kept meanwhile, since growth comes only out of what is free.
	 * Likewise, after the budget made the target shrink, it grows again only as far as
	 * two readings in a row allow. A refusal's cap applies on top.
	 */
	int bind(int limit, int target, long now) {
		int previous = this.previousLimit;
		this.previousLimit = limit;
		if (limit < 0 || limit >= target || this.fleetOverCommitted) {
			this.lowBudgetReadings = 0;
		}
		else if (++this.lowBudgetReadings < 2) {
			limit = target;
		}
		if (limit > target && this.shrankByBudget) {
			limit = Math.max(target, Math.min(limit, previous));
			this.shrankByBudget = limit == target;
		}
		else if (limit >= 0 && limit < target) {
			this.shrankByBudget = true;
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
		pauseOwnReads(now);
		return this.refusalCap;
	}

	/**
	 * The server refused a connect of this instance: it is full, whatever the last
	 * reading said, so no read opens a connection of its own for a while.
	 */
	private void pauseOwnReads(long now) {
		if (this.postgres != null) {
			this.postgres.pauseOwnReads(now + REFUSAL_PERIODS * this.periodNanos);
		}
	}

	void countRefusal() {
		this.refusals.incrementAndGet();
	}

	/**
	 * sizing.fleet-budget shared by sizing.instances: the source, or PgBouncer's
	 * fallback.
	 */
	private int fleetBudgetShare() {
		return settingShare(
				"sizing.fleet-budget " + this.config.sizingFleetBudget()
						+ (this.bouncerFailed ? " (PgBouncer's admin console is not readable)" : ""),
				this.config.sizingFleetBudget(), "setting");
	}

	private int share(FleetReading reading) {
		int fleetBudget = this.config.sizingFleetBudget();
		if (!reading.countsInstances() || !this.identifiable) {
			int limit = (fleetBudget > 0) ? Math.min(reading.limit(), fleetBudget) : reading.limit();
			String limitWhat = (fleetBudget > 0 && fleetBudget < reading.limit())
					? "sizing.fleet-budget " + fleetBudget + " (" + reading.limitWhat() + ")" : reading.limitWhat();
			// What the server leaves, this instance's connections (counted as others')
			// given back: the room for a read.
			if (this.postgres != null) {
				int mine = this.pool.slots().length + this.pool.closingCount() + this.pool.creator().inFlight();
				this.postgres.roomLeft(Math.max(0, Math.min(limit, reading.limit() - reading.others() + mine)));
			}
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
		// The fleet's own budget caps what the fleet holds, whatever others hold; the
		// server's limit leaves the fleet what others do not hold under it.
		int serverRoom = Math.max(0, reading.limit() - reading.others());
		boolean ownBudget = fleetBudget > 0 && fleetBudget < serverRoom;
		int room = ownBudget ? fleetBudget : serverRoom;
		int limit = ownBudget ? fleetBudget : reading.limit();
		int others = ownBudget ? 0 : reading.others();
		String limitWhat = ownBudget
				? "sizing.fleet-budget " + fleetBudget + " (less than the " + serverRoom + " that "
						+ reading.limitWhat() + " leaves with " + reading.others() + " held by others)"
				: reading.limitWhat() + ((fleetBudget > 0) ? " (within sizing.fleet-budget " + fleetBudget + ")" : "");
		Map<String, Integer> members = new TreeMap<>(reading.members());
		if (this.postgres != null) {
			int othersHold = members.values().stream().mapToInt(Integer::intValue).sum()
					- members.getOrDefault(this.applicationName, 0);
			this.postgres.roomLeft(room - othersHold);
		}
		// Reads of PgBouncer's admin console take no connection of its pool.
		int readerReserve = (this.source == Source.POSTGRESQL) ? FleetShare.READER_RESERVE : 0;
		FleetShare.Result result = FleetShare.allocate(room, this.headroom, members, this.applicationName,
				readerReserve);
		String explanation = limitWhat + ", " + others + " held by others: " + result.explanation();
		this.lastBudget = new FleetBudget(Instant.now(), reading.source(), limit, others, this.headroom,
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
			pauseOwnReads(now);
		}
		this.readFailures++;
		long backoff = Math.min(MAX_READ_BACKOFF_NANOS, this.periodNanos << Math.min(this.readFailures - 1, 20));
		this.nextReadNanos = now + backoff;
		String until = loadAlone()
				? "the load alone sizes the pool, up to max-size " + this.config.maxSize() + ", until it is"
				: "the target does not grow until it is";
		String detail = "budget not read (" + this.pool.creator().secrets().mask(ex.getMessage()) + "); " + until
				+ "; next read in " + TimeUnit.NANOSECONDS.toMillis(backoff) + " ms";
		if (this.readFailures == 1) {
			this.pool.recordEvent("budget", detail);
			logger.info("Pool '{}' {}", this.pool.name, detail);
		}
		else {
			logger.debug("Pool '{}' {} ({} failures in a row)", this.pool.name, detail, this.readFailures);
		}
		return staleLimit(now, target);
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
			String reason = this.pool.creator().secrets().mask(ex.getMessage());
			String cannotRead = "Pool '{}': adaptive sizing cannot read PgBouncer's admin console (database "
					+ "'pgbouncer' as the pool's user: {})";
			if (this.config.sizingFleetBudget() > 0) {
				this.bouncerFailed = true;
				logger.warn(
						cannotRead + "; it uses sizing.fleet-budget {} divided by sizing.instances {}. Add the "
								+ "user to PgBouncer's stats_users to share PgBouncer's pool by what it shows",
						this.pool.name, reason, this.config.sizingFleetBudget(), this.config.sizingInstances());
			}
			else if (this.readFailures == 0 && this.lastLimit < 0) {
				// Holding the pool at its floor would starve it for a setting left out;
				// PgBouncer queues what its pool cannot serve rather than refuse it.
				logger.warn(cannotRead + " and sizing.fleet-budget is not set: until it can, the pool sizes itself by "
						+ "its load alone, up to max-size {}, and clients past PgBouncer's pool_size wait inside "
						+ "PgBouncer. Add the user to PgBouncer's stats_users, or set sizing.fleet-budget to "
						+ "PgBouncer's pool_size (and sizing.instances to the number of instances)", this.pool.name,
						reason, this.config.maxSize());
			}
			else if (this.readFailures == 0) {
				logger.warn(cannotRead + " and sizing.fleet-budget is not set: until it can, the pool does not grow "
						+ "past its target", this.pool.name, reason);
			}
			throw ex;
		}
	}

}
