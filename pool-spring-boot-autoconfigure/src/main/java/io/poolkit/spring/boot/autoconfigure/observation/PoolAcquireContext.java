package io.poolkit.spring.boot.autoconfigure.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The context of one {@code poolkit.acquire} observation: which pool was borrowed from
 * and how the borrow ended. Written by the borrower's thread only.
 */
public class PoolAcquireContext extends Observation.Context {

	private final String pool;

	private @Nullable PoolAcquireOutcome outcome;

	/**
	 * Creates the context of a borrow.
	 * @param pool the pool's name
	 */
	public PoolAcquireContext(String pool) {
		this.pool = pool;
	}

	/**
	 * The pool borrowed from.
	 * @return its name
	 */
	public String getPool() {
		return this.pool;
	}

	/**
	 * How the borrow ended.
	 * @return the outcome, or {@code null} while it waits
	 */
	public @Nullable PoolAcquireOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Sets how the borrow ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(PoolAcquireOutcome outcome) {
		this.outcome = outcome;
	}

}
