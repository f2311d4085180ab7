package io.poolkit.internal;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.poolkit.FleetBudget;
import io.poolkit.PoolConfig;
import io.poolkit.PoolConnectionError;
import io.poolkit.SizingDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adaptive sizing ({@code sizing.mode=adaptive}): every {@code sizing.period} it measures
 * the pool's load, reads the fleet's connection budget, and sets the pool's target size
 * through {@link Pool#applyTarget} (shrinking as connections come back, growing in the
 * background), with the {@link SizeController} deciding and the {@link FleetBudgetReader}
 * reading the budget.
 * <p>
 * It runs on a thread of its own, never the borrower's nor the housekeeper's, so a read
 * of the budget that is slow or fails delays nobody. While the database does not answer
 * connects, the target is kept. A connect refused with {@code 53300} (too many
 * connections) stops the growth at once and the budget is read again.
 * <p>
 * On PostgreSQL every instance names its connections {@code <pool name>#<6 letters or
 * digits>} (the name cut to 50 characters, {@link #BASE_NAME_MAX}), so that each instance
 * can count the others in {@code pg_stat_activity}.
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
	 * ({@link PostgresFleetRead#READER_MARK}).
	 */
	static final int BASE_NAME_MAX = APPLICATION_NAME_MAX - 1 - INSTANCE_ID_LENGTH - 6;

	/** How often the load is sampled: waiting borrowers and busy connections. */
	static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final String SQLSTATE_TOO_MANY_CONNECTIONS = "53300";

	private final Pool pool;

	private final PoolConfig config;

	private final SizeController controller = new SizeController();

	private final FleetBudgetReader budget;

	private final String applicationName;

	private final long periodNanos;

	private final long sampleNanos;

	private final int floor;

	private final ScheduledThreadPoolExecutor executor;

	/** Decisions, resizes and refusals change the target one at a time. */
	private final ReentrantLock applyLock = new ReentrantLock();

	private volatile int ceiling;

	private volatile int minIdleSetting;

	private volatile int target;

	private volatile SizingDecision lastDecision;

	// The rest is touched by the sizer's thread only.

	private long periodStartNanos;

	private long lastBorrows;

	private long lastHoldNanos;

	private long lastTimeouts;

	private double sumActive;

	private double sumWaiting;

	private int samples;

	AdaptiveSizer(Pool pool) {
		this.pool = pool;
		this.config = pool.config;
		String name = this.config.name();
		String fleetPrefix = ((name.length() > BASE_NAME_MAX) ? name.substring(0, BASE_NAME_MAX) : name) + "#";
		this.applicationName = fleetPrefix + randomId();
		boolean identifiable = DriverProperties.isPostgres(this.config.url())
				&& !DriverProperties.isSet(this.config, "ApplicationName");
		this.budget = new FleetBudgetReader(pool, this.applicationName, fleetPrefix, identifiable);
		this.periodNanos = this.config.sizingPeriod().toNanos();
		this.sampleNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(SAMPLE_NANOS, this.periodNanos / 5));
		this.floor = this.config.sizingMinSize();
		this.ceiling = this.config.maxSize();
		this.minIdleSetting = this.config.minIdle();
		this.target = Math.max(1, Math.min(this.floor, this.ceiling));
		this.executor = new ScheduledThreadPoolExecutor(1, new PoolThreadFactory(pool.name + "-sizer"));
		this.executor.setRemoveOnCancelPolicy(true);
		this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
	}

	/** Six random letters or digits, {@code 0-9a-z}. */
	private static String randomId() {
		return ThreadLocalRandom.current()
			.ints(INSTANCE_ID_LENGTH, 0, Character.MAX_RADIX)
			.mapToObj((digit) -> String.valueOf(Character.forDigit(digit, Character.MAX_RADIX)))
			.collect(Collectors.joining());
	}

	/**
	 * Whether each connection's application_name is numbered: behind PgBouncer, whose
	 * {@code SHOW CLIENTS} leaves a client's name out where it equals the one its pool
	 * last saw (PgBouncer 1.18), which a name of its own never does.
	 */
	boolean numbersConnections() {
		return this.budget.source() == FleetBudgetReader.Source.PGBOUNCER;
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
		return this.budget.lastBudget();
	}

	void start() {
		if (this.budget.source() == FleetBudgetReader.Source.POSTGRESQL
				&& DriverProperties.isSet(this.config, "ApplicationName")) {
			logger.warn("Pool '{}': the url or data-source-properties set ApplicationName, so adaptive sizing cannot "
					+ "tell this pool's instances apart in pg_stat_activity; it divides the budget by "
					+ "sizing.instances ({}) instead", this.pool.name, this.config.sizingInstances());
		}
		logger.info(
				"Pool '{}' sizes itself (sizing.mode=adaptive): target {} within sizing.min-size {} and max-size "
						+ "{}, decided every {} ms; budget from {}; application_name '{}'",
				this.pool.name, this.target, this.floor, this.ceiling, TimeUnit.NANOSECONDS.toMillis(this.periodNanos),
				this.budget.describe(), this.applicationName);
		if (this.budget.source() == FleetBudgetReader.Source.POSTGRESQL) {
			this.pool.onFirstConnection(this.budget::readOnFirstConnection);
		}
		this.executor.execute(this::beginPeriod);
		this.executor.scheduleAtFixedRate(this::tick, this.sampleNanos, this.sampleNanos, TimeUnit.NANOSECONDS);
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
		int budgetLimit = unreachable ? -1 : this.budget.read(now, this.target);
		this.applyLock.lock();
		try {
			int before = this.target;
			budgetLimit = this.budget.bind(budgetLimit, before, now);
			SizeController.Bounds bounds = unreachable
					? new SizeController.Bounds(this.floor, this.ceiling, -1, true,
							"the database does not answer connects (" + describeLastError() + ")")
					: SizeController.Bounds.of(this.floor, this.ceiling, budgetLimit);
			SizeController.Decision decision = this.controller.decide(load, before, bounds);
			String explanation = decision.explanation();
			FleetBudget budget = this.budget.lastBudget();
			if (budget != null && budgetLimit >= 0 && !unreachable) {
				explanation += " Budget (" + budget.source() + "): " + budget.explanation();
				if (this.budget.skipped() != null) {
					explanation += " (" + this.budget.skipped() + ".)";
				}
			}
			this.lastDecision = new SizingDecision(Instant.now(), before, decision.target(), decision.direction(),
					decision.busy(), decision.waiting(), load.timeouts(), this.floor, this.ceiling, budgetLimit,
					explanation, this.budget.refusals());
			if (decision.target() != before) {
				changeTarget(before, decision.target(), explanation);
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Pool '{}' target {}: {}", this.pool.name, before, explanation);
			}
		}
		finally {
			this.applyLock.unlock();
		}
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

	/** Sets the target, with an event and a log line saying why. */
	private void changeTarget(int before, int next, String why) {
		this.target = next;
		this.pool.applyTarget(next, this.minIdleSetting);
		if (next != before) {
			String detail = "target " + before + " → " + next + ": " + why;
			this.pool.recordEvent("sizing", detail);
			logger.info("Pool '{}' {}", this.pool.name, detail);
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
		this.budget.countRefusal();
		// What the pool holds and is still opening, the refused attempt aside: the most
		// the server took. Two refused at once leave the lower.
		int held = Math.max(1, this.pool.slots().length - this.pool.overflowCount() + this.pool.closingCount()
				+ this.pool.creator().inFlight() - 1);
		try {
			this.executor.execute(() -> refused(held));
		}
		catch (RejectedExecutionException ex) {
			// shutting down
		}
	}

	private void refused(int held) {
		this.applyLock.lock();
		try {
			int cap = this.budget.refused(held, System.nanoTime());
			if (this.target > cap) {
				changeTarget(this.target, cap,
						"the server refused a connection with 53300 (too many connections) "
								+ "while this instance held or was opening " + cap
								+ "; it grows again only within the share read next");
			}
		}
		finally {
			this.applyLock.unlock();
		}
	}

	static boolean isTooManyConnections(Throwable failure) {
		return Stream.iterate(failure, Objects::nonNull, Throwable::getCause)
			.anyMatch((t) -> t instanceof SQLException sql && SQLSTATE_TOO_MANY_CONNECTIONS.equals(sql.getSQLState()));
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
			changeTarget(this.target, next, "resized to max-size " + newCeiling);
		}
		finally {
			this.applyLock.unlock();
		}
	}

}
