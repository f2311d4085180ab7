package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.poolkit.CloseReason;
import io.poolkit.FleetBudget;
import io.poolkit.PoolConfig;
import io.poolkit.PoolConnectionError;
import io.poolkit.SizingAdvice.Direction;
import io.poolkit.SizingDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adaptive sizing ({@code sizing.mode=adaptive}): every {@code sizing.period} it measures
 * the pool's load, reads the fleet's connection budget, and sets the pool's target size
 * through {@link Pool#applyTarget} (shrinking as connections come back, growing in the
 * background), with the {@link SizeController} deciding and {@link FleetShare} sharing
 * the budget.
 * <p>
 * It runs on a thread of its own, never the borrower's nor the housekeeper's, so a read
 * of the statistics that is slow or fails delays nobody: the read is bounded by a network
 * timeout, a failed one is retried with back-off, and until one succeeds the pool does
 * not grow. The read takes an idle connection only when nobody waits and another stays
 * idle (reserved the way keepalive reserves one), else it opens a short-lived one of its
 * own. While the database does not answer connects, the target is kept. A connect refused
 * with {@code 53300} (too many connections) stops the growth at once and the share is
 * read again.
 * <p>
 * On PostgreSQL every instance names its connections {@code <pool name>#<6 letters or
 * digits>} (the name cut to 56 characters), so that each instance can count the others in
 * {@code pg_stat_activity}.
 */
final class AdaptiveSizer {

	private static final Logger logger = LoggerFactory.getLogger(AdaptiveSizer.class);

	/** PostgreSQL keeps application_name to 63 bytes (NAMEDATALEN - 1). */
	static final int APPLICATION_NAME_MAX = 63;

	static final int INSTANCE_ID_LENGTH = 6;

	/**
	 * The pool name is cut to this many characters in application_name, leaving room for
	 * {@code #}, the instance's six characters and a connection's number behind PgBouncer
	 * ({@code .} and up to five characters) or the mark of a budget read
	 * ({@link BudgetCheck#READER_MARK}).
	 */
	static final int BASE_NAME_MAX = APPLICATION_NAME_MAX - 1 - INSTANCE_ID_LENGTH - 6;

	/** How often the load is sampled: waiting borrowers and busy connections. */
	static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	/** Periods a refusal caps the target where the budget is not read from the server. */
	static final int REFUSAL_PERIODS = 30;

	/** The longest pause between reads after failed ones. */
	static final long MAX_READ_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);

	private static final String SQLSTATE_TOO_MANY_CONNECTIONS = "53300";

	private enum Source {

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

	private final SizeController controller = new SizeController();

	private final String applicationName;

	private final String fleetPrefix;

	/** Whether the connections carry this instance's application_name. */
	private final boolean identifiable;

	private final Source source;

	private final long periodNanos;

	private final long sampleNanos;

	private final int readTimeoutMillis;

	private final int headroom;

	private final int floor;

	private final ScheduledThreadPoolExecutor executor;

	/** Decisions, resizes and refusals change the target one at a time. */
	private final ReentrantLock applyLock = new ReentrantLock();

	private final AtomicLong refusals = new AtomicLong();

	private volatile int ceiling;

	private volatile int minIdleSetting;

	private volatile int target;

	private volatile SizingDecision lastDecision;

	private volatile FleetBudget lastBudget;

	/**
	 * After a refusal (53300), the most this instance may hold until the budget is read
	 * again (or, where it is not read, for {@link #REFUSAL_PERIODS} periods); -1 when
	 * none.
	 */
	private volatile int refusalCap = -1;

	private volatile long refusalCapUntilNanos;

	// The rest is touched by the sizer's thread only.

	private ConnectionFactory readFactory;

	private PgBouncerBudget bouncer;

	private boolean bouncerFailed;

	private long periodStartNanos;

	private long lastBorrows;

	private long lastHoldNanos;

	private long lastTimeouts;

	private double sumActive;

	private double sumWaiting;

	private int samples;

	/** The limit of the last good reading, and when it was read; 0 before the first. */
	private int lastLimit = -1;

	private long lastReadNanos;

	private long nextReadNanos;

	private int readFailures;

	/** Whether the last reading found the fleet holding more than its capacity. */
	private boolean fleetOverCommitted;

	/** Readings in a row whose limit was below the target. */
	private int lowBudgetReadings;

	private boolean warnedUnidentifiable;

	AdaptiveSizer(Pool pool) {
		this.pool = pool;
		this.config = pool.config;
		String id = randomId();
		String name = this.config.name();
		boolean postgres = ConnectionFactory.isPostgres(this.config.url());
		String base = (name.length() > BASE_NAME_MAX) ? name.substring(0, BASE_NAME_MAX) : name;
		this.fleetPrefix = base + "#";
		this.applicationName = this.fleetPrefix + id;
		this.identifiable = postgres && !ConnectionFactory.isSet(this.config, "ApplicationName");
		if (postgres) {
			this.source = this.config.pgbouncer() ? Source.PGBOUNCER : Source.POSTGRESQL;
		}
		else {
			this.source = (this.config.sizingFleetBudget() > 0) ? Source.SETTING : Source.NONE;
		}
		this.periodNanos = this.config.sizingPeriod().toNanos();
		this.sampleNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(SAMPLE_NANOS, this.periodNanos / 5));
		this.readTimeoutMillis = (int) Math.min(this.config.validationTimeout().toMillis(),
				Math.max(1000, this.config.sizingPeriod().toMillis()));
		this.headroom = this.config.sizingHeadroom();
		this.floor = this.config.sizingMinSize();
		this.ceiling = this.config.maxSize();
		this.minIdleSetting = this.config.minIdle();
		this.target = Math.max(1, Math.min(this.floor, this.ceiling));
		this.executor = new ScheduledThreadPoolExecutor(1, new PoolThreadFactory(pool.name + "-sizer"));
		this.executor.setRemoveOnCancelPolicy(true);
		this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
	}

	private static String randomId() {
		String digits = "0123456789abcdefghijklmnopqrstuvwxyz";
		StringBuilder id = new StringBuilder(INSTANCE_ID_LENGTH);
		for (int i = 0; i < INSTANCE_ID_LENGTH; i++) {
			id.append(digits.charAt(ThreadLocalRandom.current().nextInt(digits.length())));
		}
		return id.toString();
	}

	/**
	 * Whether each connection's application_name is numbered: behind PgBouncer, whose
	 * {@code SHOW CLIENTS} leaves a client's name out where it equals the one its pool
	 * last saw (PgBouncer 1.18), which a name of its own never does.
	 */
	boolean numbersConnections() {
		return this.source == Source.PGBOUNCER;
	}

	/** This instance's application_name: the pool name, #, and its own six characters. */
	String applicationName() {
		return this.applicationName;
	}

	int target() {
		return this.target;
	}

	int ceiling() {
		return this.ceiling;
	}

	SizingDecision lastDecision() {
		return this.lastDecision;
	}

	FleetBudget lastBudget() {
		return this.lastBudget;
	}

	/** Connects refused with 53300 since the pool started, the budget reads' included. */
	long refusals() {
		return this.refusals.get();
	}

	void start() {
		if (this.source == Source.POSTGRESQL && !this.identifiable) {
			logger.warn("Pool '{}': the url or data-source-properties set ApplicationName, so adaptive sizing cannot "
					+ "tell this pool's instances apart in pg_stat_activity; it divides the budget by "
					+ "sizing.instances ({}) instead", this.pool.name, this.config.sizingInstances());
		}
		logger.info(
				"Pool '{}' sizes itself (sizing.mode=adaptive): target {} within sizing.min-size {} and max-size "
						+ "{}, decided every {} ms; budget from {}; application_name '{}'",
				this.pool.name, this.target, this.floor, this.ceiling, TimeUnit.NANOSECONDS.toMillis(this.periodNanos),
				describeSource(), this.applicationName);
		this.executor.execute(this::beginPeriod);
		this.executor.scheduleAtFixedRate(this::tick, this.sampleNanos, this.sampleNanos, TimeUnit.NANOSECONDS);
	}

	private String describeSource() {
		return switch (this.source) {
			case POSTGRESQL -> "the server's limits and pg_stat_activity";
			case PGBOUNCER -> "PgBouncer's admin console"
					+ ((this.config.sizingFleetBudget() > 0) ? ", else sizing.fleet-budget" : "");
			case SETTING -> "sizing.fleet-budget " + this.config.sizingFleetBudget() + " / sizing.instances "
					+ this.config.sizingInstances();
			case NONE -> "nowhere (the load alone)";
		};
	}

	void shutdown() {
		this.executor.shutdownNow();
	}

	// ---- the period

	private void beginPeriod() {
		this.periodStartNanos = System.nanoTime();
		this.lastBorrows = this.pool.borrowsTotal();
		this.lastHoldNanos = this.pool.holdNanosTotal();
		this.lastTimeouts = this.pool.activityWindow().timeoutsTotal();
		this.sumActive = 0;
		this.sumWaiting = 0;
		this.samples = 0;
	}

	private void tick() {
		if (this.pool.isClosed()) {
			return;
		}
		try {
			this.sumActive += this.pool.activeCount();
			this.sumWaiting += this.pool.waiterCount();
			this.samples++;
			long now = System.nanoTime();
			if (now - this.periodStartNanos >= this.periodNanos) {
				decide(now);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Pool '{}': adaptive sizing failed to decide; the target stays {}", this.pool.name, this.target,
					ex);
		}
	}

	private void decide(long now) {
		SizeController.Load load = measure(now);
		beginPeriod();
		boolean unreachable = databaseUnreachable();
		int budgetLimit = unreachable ? -1 : budgetLimit(now);
		this.applyLock.lock();
		try {
			int before = this.target;
			budgetLimit = debounced(budgetLimit, before);
			int cap = this.refusalCap;
			if (cap >= 0 && now - this.refusalCapUntilNanos >= 0) {
				this.refusalCap = -1;
				cap = -1;
			}
			if (cap >= 0) {
				budgetLimit = (budgetLimit < 0) ? cap : Math.min(budgetLimit, cap);
			}
			SizeController.Bounds bounds = unreachable
					? new SizeController.Bounds(this.floor, this.ceiling, -1, true,
							"the database does not answer connects (" + describeLastError() + ")")
					: SizeController.Bounds.of(this.floor, this.ceiling, budgetLimit);
			SizeController.Decision decision = this.controller.decide(load, before, bounds);
			String explanation = decision.explanation();
			FleetBudget budget = this.lastBudget;
			if (budget != null && budgetLimit >= 0 && !unreachable) {
				explanation += " Budget (" + budget.source() + "): " + budget.explanation();
			}
			this.lastDecision = new SizingDecision(Instant.now(), before, decision.target(), decision.direction(),
					decision.busy(), decision.waiting(), load.timeouts(), this.floor, this.ceiling, budgetLimit,
					explanation, this.refusals.get());
			if (decision.target() != before) {
				setTarget(decision.target());
				String detail = "target " + before + " → " + decision.target() + ": " + explanation;
				this.pool.recordEvent("sizing", detail);
				logger.info("Pool '{}' {}", this.pool.name, detail);
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Pool '{}' target {}: {}", this.pool.name, before, explanation);
			}
		}
		finally {
			this.applyLock.unlock();
		}
	}

	/**
	 * A budget below the target binds once two readings in a row say so, or at once when
	 * the fleet holds more than its capacity: a connection that shows for an instant (a
	 * session still logging in, with no application_name yet) must not make the busy
	 * instances give back and grow again. Others cannot grow into the connection kept
	 * meanwhile, since growth comes only out of what is free.
	 */
	private int debounced(int budgetLimit, int target) {
		if (budgetLimit < 0 || budgetLimit >= target || this.fleetOverCommitted) {
			this.lowBudgetReadings = 0;
			return budgetLimit;
		}
		return (++this.lowBudgetReadings >= 2) ? budgetLimit : target;
	}

	private SizeController.Load measure(long now) {
		double seconds = Math.max(1e-9, (now - this.periodStartNanos) / 1e9);
		long borrows = Math.max(0, this.pool.borrowsTotal() - this.lastBorrows);
		double holdSeconds = Math.max(0, this.pool.holdNanosTotal() - this.lastHoldNanos) / 1e9;
		long timeouts = Math.max(0, this.pool.activityWindow().timeoutsTotal() - this.lastTimeouts);
		int n = Math.max(1, this.samples);
		return new SizeController.Load(seconds, borrows, holdSeconds, this.sumActive / n, this.sumWaiting / n,
				timeouts);
	}

	/**
	 * The database does not answer connects: the last attempt failed, and not because the
	 * server was full (a refusal is a budget signal, not an outage).
	 */
	private boolean databaseUnreachable() {
		if (!this.pool.creator().isFailing()) {
			return false;
		}
		PoolConnectionError error = this.pool.creator().lastError();
		return error == null || !isTooManyConnections(error.exception());
	}

	private String describeLastError() {
		PoolConnectionError error = this.pool.creator().lastError();
		return (error != null) ? error.kind().tag() + ": " + error.description() : "no connection";
	}

	private void setTarget(int next) {
		this.target = next;
		this.pool.applyTarget(next, this.minIdleSetting);
	}

	// ---- the budget

	/**
	 * The most this instance may hold by the fleet's budget, reading it when due; -1 when
	 * no budget applies.
	 */
	private int budgetLimit(long now) {
		if (this.source == Source.NONE) {
			return -1;
		}
		if (this.source == Source.SETTING) {
			return settingShare("sizing.fleet-budget " + this.config.sizingFleetBudget(),
					this.config.sizingFleetBudget(), 0, "setting");
		}
		if (this.source == Source.PGBOUNCER && this.bouncerFailed) {
			return pgBouncerFallback();
		}
		if (now - this.nextReadNanos < 0) {
			return staleLimit(now);
		}
		FleetReading reading;
		try {
			if (this.source == Source.PGBOUNCER) {
				reading = readPgBouncer();
			}
			else {
				ConnectionSlot slot = this.pool.reserveSpareIdle();
				if (slot != null) {
					reading = readOn(slot);
				}
				else {
					reading = readOnOwnConnection();
				}
			}
		}
		catch (SQLException | RuntimeException ex) {
			int limit = readFailed(now, ex);
			if (this.source == Source.PGBOUNCER && this.bouncerFailed) {
				return pgBouncerFallback();
			}
			if (this.source == Source.PGBOUNCER && this.lastLimit < 0) {
				// Never read, and no setting: PgBouncer queues what it cannot serve
				// rather
				// than refuse it, so the load alone decides, within max-size.
				return -1;
			}
			return limit;
		}
		this.readFailures = 0;
		this.nextReadNanos = now;
		this.refusalCap = -1;
		int limit = share(reading);
		this.lastLimit = limit;
		this.lastReadNanos = now;
		return limit;
	}

	private int pgBouncerFallback() {
		return settingShare(
				"sizing.fleet-budget " + this.config.sizingFleetBudget()
						+ " (PgBouncer's admin console is not readable)",
				this.config.sizingFleetBudget(), 0, "setting");
	}

	private int share(FleetReading reading) {
		int fleetBudget = this.config.sizingFleetBudget();
		int limit = (fleetBudget > 0) ? Math.min(reading.limit(), fleetBudget) : reading.limit();
		String limitWhat = (fleetBudget > 0 && fleetBudget < reading.limit())
				? "sizing.fleet-budget " + fleetBudget + " (" + reading.limitWhat() + ")" : reading.limitWhat();
		int room = Math.max(0, limit - reading.others());
		boolean counted = reading.countsInstances() && this.identifiable;
		if (!counted) {
			if (!this.warnedUnidentifiable && !reading.countsInstances()) {
				this.warnedUnidentifiable = true;
				logger.warn(
						"Pool '{}': {} does not show application_name per client, so adaptive sizing divides the "
								+ "budget by sizing.instances ({})",
						this.pool.name, reading.source(), this.config.sizingInstances());
			}
			// Whose connections are whose is unknown: share the limit itself, as if the
			// fleet were alone under it.
			return settingShare(limitWhat, limit, 0, reading.source());
		}
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

	private int settingShare(String what, int limit, int others, String source) {
		this.fleetOverCommitted = false;
		int instances = this.config.sizingInstances();
		int capacity = Math.max(0, limit - others - this.headroom);
		int share = Math.max(1, capacity / instances);
		String explanation = String.format(
				"%s less headroom %d = %d, divided by sizing.instances %d = %d for this " + "instance", what,
				this.headroom, capacity, instances, share);
		this.lastBudget = new FleetBudget(Instant.now(), source, limit, others, this.headroom, capacity,
				this.applicationName, Map.of(), capacity / instances, share, share, explanation);
		return share;
	}

	/** After a failed or skipped read: no growth past the target until one succeeds. */
	private int staleLimit(long now) {
		if (this.lastLimit >= 0 && now - this.lastReadNanos <= 3 * this.periodNanos) {
			return this.lastLimit;
		}
		return this.target;
	}

	private int readFailed(long now, Exception ex) {
		if (ex instanceof SQLException sql && isTooManyConnections(sql)) {
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
		return staleLimit(now);
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

	/** Reads on a short-lived connection of its own, when no idle one is spare. */
	private FleetReading readOnOwnConnection() throws SQLException {
		if (this.readFactory == null) {
			// Named apart, so that no instance counts a read among anyone's holdings.
			this.readFactory = new ConnectionFactory(this.config, this.applicationName + BudgetCheck.READER_MARK,
					false);
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
			if (this.config.sizingFleetBudget() > 0) {
				this.bouncerFailed = true;
				logger.warn("Pool '{}': adaptive sizing cannot read PgBouncer's admin console (database 'pgbouncer' "
						+ "as the pool's user: {}); it uses sizing.fleet-budget {} divided by sizing.instances {}. "
						+ "Add the user to PgBouncer's stats_users to share PgBouncer's pool by what it shows",
						this.pool.name, ex.getMessage(), this.config.sizingFleetBudget(),
						this.config.sizingInstances());
			}
			else if (this.readFailures == 0) {
				logger.warn("Pool '{}': adaptive sizing cannot read PgBouncer's admin console (database 'pgbouncer' "
						+ "as the pool's user: {}) and sizing.fleet-budget is not set; the pool does not grow past "
						+ "its target until it can. Add the user to PgBouncer's stats_users, or set "
						+ "sizing.fleet-budget to PgBouncer's pool_size", this.pool.name, ex.getMessage());
			}
			throw ex;
		}
	}

	// ---- refusals

	/**
	 * A connect failed. A refusal for too many connections (53300) while the pool holds
	 * some is the budget's signal, not an outage: growth stops at what the pool holds,
	 * until the budget is read again.
	 */
	void connectFailed(PoolConnectionError error) {
		if (!isTooManyConnections(error.exception())) {
			return;
		}
		countRefusal();
		// What the pool holds and is still opening, the refused attempt aside: the most
		// the server took. Two refused at once leave the lower.
		int held = Math.max(1,
				this.pool.slots().length - this.pool.overflowCount() + this.pool.creator().inFlight() - 1);
		try {
			this.executor.execute(() -> refused(held));
		}
		catch (RejectedExecutionException ex) {
			// shutting down
		}
	}

	private void countRefusal() {
		this.refusals.incrementAndGet();
	}

	private void refused(int held) {
		this.applyLock.lock();
		try {
			long now = System.nanoTime();
			boolean capped = this.refusalCap >= 0 && now - this.refusalCapUntilNanos < 0;
			held = capped ? Math.min(this.refusalCap, held) : held;
			this.refusalCap = held;
			this.refusalCapUntilNanos = System.nanoTime() + REFUSAL_PERIODS * this.periodNanos;
			this.nextReadNanos = System.nanoTime();
			if (this.target > held) {
				int before = this.target;
				setTarget(held);
				String detail = "target " + before + " → " + held + ": the server refused a connection with 53300 "
						+ "(too many connections) while this instance held or was opening " + held
						+ "; it grows again only within the share read next";
				this.pool.recordEvent("sizing", detail);
				logger.info("Pool '{}' {}", this.pool.name, detail);
			}
		}
		finally {
			this.applyLock.unlock();
		}
	}

	static boolean isTooManyConnections(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && SQLSTATE_TOO_MANY_CONNECTIONS.equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	// ---- resize

	/**
	 * {@code resize()} in adaptive mode: max-size is the new ceiling, min-idle the idle
	 * kept within the target, and the target moves into the new bounds at once.
	 */
	void boundsChanged(int newCeiling, int newMinIdle) {
		this.applyLock.lock();
		try {
			this.ceiling = newCeiling;
			this.minIdleSetting = newMinIdle;
			int next = Math.max(Math.min(this.floor, newCeiling), Math.min(this.target, newCeiling));
			int before = this.target;
			setTarget(next);
			if (next != before) {
				String detail = "target " + before + " → " + next + ": resized to max-size " + newCeiling;
				this.pool.recordEvent("sizing", detail);
				logger.info("Pool '{}' {}", this.pool.name, detail);
			}
		}
		finally {
			this.applyLock.unlock();
		}
	}

}
