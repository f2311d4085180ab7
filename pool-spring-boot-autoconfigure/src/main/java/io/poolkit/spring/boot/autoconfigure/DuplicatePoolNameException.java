package io.poolkit.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Two pools of one application have the same name: metrics, health and
 * {@code /actuator/pool} tell pools apart by name, so the application does not start.
 * Thrown as the second pool's bean is created (whether Actuator is there or not), or
 * where the pools of a context are looked up ({@link PoolDataSources#find}); Boot's
 * failure report names both pools and the {@code name} property to set.
 */
public class DuplicatePoolNameException extends IllegalStateException {

	private final String poolName;

	private final Pool first;

	private final Pool second;

	/**
	 * Creates the exception.
	 * @param poolName the name both pools have
	 * @param first the pool that had it first
	 * @param second the pool that has it too
	 */
	public DuplicatePoolNameException(String poolName, Pool first, Pool second) {
		super("Two pools are named '" + poolName + "' (" + first + " and " + second
				+ "): metrics, health and /actuator/pool tell pools apart by name. Give each its own name, "
				+ hint(first, second));
		this.poolName = poolName;
		this.first = first;
		this.second = second;
	}

	private static String hint(Pool first, Pool second) {
		if (first.prefix() != null && second.prefix() != null) {
			return "setting " + first.prefix() + ".name and " + second.prefix() + ".name";
		}
		Pool fromProperties = (second.prefix() != null) ? second : first;
		return (fromProperties.prefix() != null)
				? "e.g. " + fromProperties.prefix() + ".name, and PoolConfig.Builder.name for a pool built in code"
				: "e.g. app.reporting-pool.name=reporting for a pool built from app.reporting-pool, or "
						+ "PoolConfig.Builder.name for a pool built in code";
	}

	/**
	 * The name both pools have.
	 * @return the name
	 */
	public String getPoolName() {
		return this.poolName;
	}

	/**
	 * The pool that had the name first.
	 * @return the pool
	 */
	public Pool getFirst() {
		return this.first;
	}

	/**
	 * The pool that has the name too.
	 * @return the pool
	 */
	public Pool getSecond() {
		return this.second;
	}

	/**
	 * One of the two pools: how the application knows it.
	 *
	 * @param beanName the bean the pool was found through, or {@code null} when it is not
	 * known
	 * @param prefix the properties' prefix the {@link PoolDataSourceFactory} built it
	 * from, e.g. {@code app.reporting-pool}, or {@code null} for a pool built otherwise
	 * @param description what else describes it when there is no bean name (the pool
	 * itself)
	 */
	public record Pool(@Nullable String beanName, @Nullable String prefix, String description) {

		@Override
		public String toString() {
			String pool = (this.beanName != null) ? "bean '" + this.beanName + "'" : this.description;
			return (this.prefix != null) ? pool + ", from " + this.prefix : pool;
		}

	}

}
