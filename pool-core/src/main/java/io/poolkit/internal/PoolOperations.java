package io.poolkit.internal;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.management.JMException;
import javax.management.ObjectName;

import io.poolkit.ConnectionBudget;
import io.poolkit.PoolConnectionError;
import io.poolkit.PoolMXBean;
import io.poolkit.SizingAdvice;
import io.poolkit.SizingMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's side of a pool, around the engine: does the fleet fit the database's
 * {@code max_connections} (checked once at startup on PostgreSQL), is the pool the right
 * size (logged at most every few minutes when the advice differs from the configured size
 * by a lot), is this one of many pools created for the same database, and the JMX MBean
 * when {@code register-mbeans} asks for it (this object, registered as
 * {@code io.poolkit:type=Pool,name="<pool name>"}, the name quoted; a name already taken
 * by another pool is logged and skipped rather than failing the pool). Public only for
 * {@code PoolDataSource}; the module does not export this package.
 */
public final class PoolOperations implements PoolMXBean {

	private static final Logger logger = LoggerFactory.getLogger(PoolOperations.class);

	/** How often sizing advice may be logged. */
	static final long ADVICE_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(5);

	private final Pool pool;

	private final String registryKey;

	private volatile ConnectionBudget budget;

	private final AtomicBoolean stopped = new AtomicBoolean();

	/** The MBean's name while it is registered. */
	private ObjectName mbeanName;

	public PoolOperations(Pool pool) {
		this.pool = pool;
		this.registryKey = (pool.config().url() != null)
				? PoolRegistry.key(pool.config().url(), pool.config().username())
				: PoolRegistry.key(pool.config().dataSource());
	}

	/**
	 * Hooks the startup budget check to the pool's first connection, so it never takes a
	 * connection a borrower is waiting for. Call before the pool starts.
	 */
	public void prepare() {
		// Adaptive sizing reads the budget itself, in the background and bounded by a
		// timeout; a slow read on the first connection would hold it from borrowers.
		if (BudgetCheck.applies(this.pool.config()) && this.pool.config().sizingMode() != SizingMode.ADAPTIVE) {
			this.pool.onFirstConnection(this::checkBudgetQuietly);
		}
	}

	/**
	 * Starts the background checks; registers the pool with the pool-per-request detector
	 * and, when configured, its MBean.
	 */
	public void start() {
		if (this.pool.config().registerMbeans()) {
			try {
				ObjectName name = new ObjectName("io.poolkit:type=Pool,name=" + ObjectName.quote(this.pool.name()));
				ManagementFactory.getPlatformMBeanServer().registerMBean(this, name);
				this.mbeanName = name;
			}
			catch (JMException ex) {
				logger.warn("Pool '{}': could not register its MBean: {}", this.pool.name(), ex.toString());
			}
		}
		PoolRegistry.GLOBAL.created(this.registryKey, this.pool.name());
		// Ends with the pool's scheduler, when the pool closes.
		this.pool.scheduler()
			.scheduleWithFixedDelay(this::logAdviceIfFarOff, ADVICE_INTERVAL_NANOS, ADVICE_INTERVAL_NANOS,
					TimeUnit.NANOSECONDS);
	}

	/**
	 * Takes the MBean down and the pool off the pool-per-request detector, once.
	 * @return {@code false} when an earlier call did
	 */
	public boolean stop() {
		if (!this.stopped.compareAndSet(false, true)) {
			return false;
		}
		if (this.mbeanName != null) {
			try {
				ManagementFactory.getPlatformMBeanServer().unregisterMBean(this.mbeanName);
			}
			catch (JMException ex) {
				logger.debug("Pool '{}': MBean already gone", this.pool.name(), ex);
			}
		}
		PoolRegistry.GLOBAL.closed(this.registryKey);
		return true;
	}

	/**
	 * Live pools in this JVM with the same URL (secrets masked) and username, or on the
	 * same DataSource object, this one included.
	 */
	public int poolsForSameDatabase() {
		return PoolRegistry.GLOBAL.liveCount(this.registryKey);
	}

	/**
	 * The last connection budget checked, or {@code null} before the first check or when
	 * not on PostgreSQL.
	 */
	public ConnectionBudget budget() {
		return this.budget;
	}

	private void checkBudgetQuietly(Connection connection) {
		try {
			ConnectionBudget checked = BudgetCheck.check(connection, this.pool.maxSize(), this.pool.config());
			this.budget = checked;
			if (checked.exceeded()) {
				logger.warn("Connection budget: {}", checked.message());
				this.pool.recordEvent("budget", checked.message());
			}
			else {
				logger.debug("Connection budget: {}", checked.message());
			}
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug("Pool '{}': connection budget not checked: {}", this.pool.name(),
					this.pool.creator().secrets().mask(ex.toString()));
		}
	}

	/**
	 * The database's product name as the driver reported it on the first connection the
	 * pool opened, or {@code null} before then.
	 */
	public String databaseProductName() {
		return this.pool.creator().databaseProductName();
	}

	/** The sizing advice from the recent window, within the budget when it is known. */
	public SizingAdvice sizingAdvice() {
		ConnectionBudget known = this.budget;
		return this.pool.sizingAdvice((known != null) ? known.perInstanceLimit() : null);
	}

	private void logAdviceIfFarOff() {
		SizingAdvice advice = sizingAdvice();
		int difference = Math.abs(advice.recommendedMaxSize() - advice.currentMaxSize());
		if (advice.direction() != SizingAdvice.Direction.KEEP
				&& difference >= Math.max(2, advice.currentMaxSize() / 4)) {
			logger.info("Pool '{}' sizing advice: max-size {} instead of {}. {}", this.pool.name(),
					advice.recommendedMaxSize(), advice.currentMaxSize(), advice.explanation());
			this.pool.recordEvent("sizing", "advised max-size " + advice.recommendedMaxSize());
		}
	}

	// ---- the MBean

	@Override
	public int getTotalConnections() {
		return this.pool.stats().total();
	}

	@Override
	public int getActiveConnections() {
		return this.pool.stats().active();
	}

	@Override
	public int getIdleConnections() {
		return this.pool.stats().idle();
	}

	@Override
	public int getPendingThreads() {
		return this.pool.stats().pending();
	}

	@Override
	public int getMaxSize() {
		return this.pool.stats().max();
	}

	@Override
	public int getMinIdle() {
		return this.pool.stats().min();
	}

	@Override
	public long getLeaksDetected() {
		return this.pool.stats().leaks();
	}

	@Override
	public boolean isSuspended() {
		return this.pool.stats().suspended();
	}

	@Override
	public String getLastConnectionError() {
		PoolConnectionError error = this.pool.stats().lastConnectionError();
		return (error != null) ? error.description() : "";
	}

	@Override
	public void suspend() {
		this.pool.suspend();
	}

	@Override
	public void resume() {
		this.pool.resume();
	}

	@Override
	public void evictAll() {
		this.pool.evictAll();
	}

}
