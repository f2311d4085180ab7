package io.poolkit.internal;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.poolkit.PoolConnectionError;
import io.poolkit.PoolMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a pool's {@link PoolMXBean} on the platform MBean server, and takes it down
 * when the pool closes. A name already taken (two pools with one name) is logged and
 * skipped rather than failing the pool.
 */
final class PoolMBeans implements PoolMXBean {

	private static final Logger logger = LoggerFactory.getLogger(PoolMBeans.class);

	private final Pool pool;

	private final ObjectName name;

	private boolean registered;

	private PoolMBeans(Pool pool, ObjectName name) {
		this.pool = pool;
		this.name = name;
	}

	/** Registers the pool's MBean. */
	static PoolMBeans register(Pool pool) {
		PoolMBeans beans = null;
		try {
			ObjectName name = objectName(pool.name());
			beans = new PoolMBeans(pool, name);
			ManagementFactory.getPlatformMBeanServer().registerMBean(beans, name);
			beans.registered = true;
		}
		catch (JMException ex) {
			logger.warn("Pool '{}': could not register its MBean: {}", pool.name(), ex.toString());
		}
		return beans;
	}

	/** The name a pool's MBean is registered under. */
	static ObjectName objectName(String poolName) throws JMException {
		return new ObjectName("io.poolkit:type=Pool,name=" + ObjectName.quote(poolName));
	}

	/** Removes the MBean, if it was registered. */
	void unregister() {
		if (!this.registered) {
			return;
		}
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		try {
			server.unregisterMBean(this.name);
		}
		catch (JMException ex) {
			logger.debug("Pool '{}': MBean already gone", this.pool.name(), ex);
		}
		this.registered = false;
	}

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
