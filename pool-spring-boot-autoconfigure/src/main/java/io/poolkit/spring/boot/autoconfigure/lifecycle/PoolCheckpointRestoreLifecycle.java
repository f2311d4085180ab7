package io.poolkit.spring.boot.autoconfigure.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.poolkit.PoolDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Takes every {@link PoolDataSource} of an application context, auto-configured or the
 * application's own (also behind a wrapper such as a
 * {@code LazyConnectionDataSourceProxy}), through the context's lifecycle, as Boot does
 * for HikariCP, so that a JVM checkpoint (CRaC, and so snapshot start-up such as AWS
 * Lambda SnapStart) finds no database connection open:
 * <ul>
 * <li>{@link #stop()} {@linkplain PoolDataSource#drain drains} each pool: borrowers wait
 * (up to their {@code connection-timeout}) instead of failing, idle connections close at
 * once, borrowed ones when they are returned, and none is opened. It waits for each pool
 * up to its {@code shutdown-timeout}, and logs a warning naming a pool whose connections
 * were still borrowed then.</li>
 * <li>{@link #start()} {@linkplain PoolDataSource#resume resumes} the pools it drained:
 * they refill up to {@code min-idle} and serve the waiting borrowers.</li>
 * </ul>
 * While the context closes it does nothing: each pool then closes in its own destroy
 * method, after the web server has stopped and finished the requests in flight. Its phase
 * is low ({@value #PHASE}), so it stops after, and starts before, the lifecycle beans
 * that use the database. A pool suspended by other means before a stop is resumed by the
 * next start.
 * <p>
 * Spring's lifecycle processor calls {@code start} and {@code stop} one at a time.
 */
public class PoolCheckpointRestoreLifecycle implements SmartLifecycle {

	/** The phase: stopped after, and started before, the beans that use the database. */
	public static final int PHASE = Integer.MIN_VALUE + 1000;

	private static final Log logger = LogFactory.getLog(PoolCheckpointRestoreLifecycle.class);

	private final ConfigurableApplicationContext context;

	private volatile List<PoolDataSource> drained = List.of();

	private volatile boolean running;

	/**
	 * Creates the lifecycle of the pools of a context.
	 * @param context the application context whose {@code DataSource} beans are looked at
	 * on each stop
	 */
	public PoolCheckpointRestoreLifecycle(ConfigurableApplicationContext context) {
		this.context = context;
	}

	@Override
	public void start() {
		for (PoolDataSource pool : this.drained) {
			if (!pool.isClosed()) {
				logger.info("Resuming pool '" + pool.name() + "'");
				pool.resume();
			}
		}
		this.drained = List.of();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.context.isClosed()) {
			return;
		}
		List<PoolDataSource> pools = pools();
		long start = System.nanoTime();
		// All at once first, so no pool serves while another is waited for.
		for (PoolDataSource pool : pools) {
			logger.info("Draining pool '" + pool.name() + "': borrowers wait until it is started again");
			pool.drain(Duration.ZERO);
		}
		this.drained = pools;
		for (PoolDataSource pool : pools) {
			Duration left = pool.config().shutdownTimeout().minusNanos(System.nanoTime() - start);
			if (!pool.drain(left.isNegative() ? Duration.ZERO : left)) {
				logger.warn("Pool '" + pool.name() + "' still had " + pool.stats().total()
						+ " connection(s) borrowed after shutdown-timeout " + pool.config().shutdownTimeout().toMillis()
						+ " ms; each closes when it is returned. " + "A checkpoint taken now would find them open.");
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * The pools of the context's {@code DataSource} singletons created so far; a lazy one
	 * not yet used has no connection to close, and is not created here.
	 */
	private List<PoolDataSource> pools() {
		ConfigurableListableBeanFactory beanFactory = this.context.getBeanFactory();
		Set<PoolDataSource> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		List<PoolDataSource> pools = new ArrayList<>();
		for (String name : beanFactory.getBeanNamesForType(DataSource.class, false, false)) {
			if (beanFactory.getSingleton(name) instanceof DataSource dataSource) {
				PoolDataSource pool = DataSourceUnwrapper.unwrap(dataSource, PoolDataSource.class);
				if (pool != null && !pool.isClosed() && seen.add(pool)) {
					pools.add(pool);
				}
			}
		}
		return pools;
	}

}
