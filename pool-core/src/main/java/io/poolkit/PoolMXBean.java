package io.poolkit;

/**
 * The pool as seen over JMX when {@code register-mbeans} is set, registered as
 * {@code io.poolkit:type=Pool,name="<pool name>"} (the name quoted by
 * {@link javax.management.ObjectName#quote(String)}).
 */
public interface PoolMXBean {

	/** Physical connections held, idle or borrowed. */
	int getTotalConnections();

	/** Connections lent out now. */
	int getActiveConnections();

	/** Connections ready to lend. */
	int getIdleConnections();

	/** Borrowers waiting for a connection. */
	int getPendingThreads();

	/** The pool's {@code max-size}. */
	int getMaxSize();

	/** The pool's {@code min-idle}. */
	int getMinIdle();

	/** Borrows reported by leak detection since the pool started. */
	long getLeaksDetected();

	/** Whether the pool is suspended. */
	boolean isSuspended();

	/** The last failure to open a connection, with its SQLState, or an empty string. */
	String getLastConnectionError();

	/** Makes borrowers wait until {@link #resume()}. */
	void suspend();

	/** Lets borrowers through again. */
	void resume();

	/** Retires every connection: idle ones now, borrowed ones when returned. */
	void evictAll();

}
