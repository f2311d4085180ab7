package io.poolkit.spring.boot.autoconfigure;

import java.util.Map;

import io.poolkit.PoolInitializationException;

/**
 * A {@link PoolInitializationException} of a pool the {@link PoolDataSourceFactory} built
 * from properties, with what {@link PoolInitializationFailureAnalyzer} needs to name that
 * pool's own properties: the prefix they came from, and for each driver property the
 * property that set it as the user wrote it. Same message and cause (the database's
 * error) as pool-core's exception, so code catching that one is unaffected.
 */
final class BoundPoolInitializationException extends PoolInitializationException {

	private static final long serialVersionUID = 1L;

	private final String prefix;

	private final boolean primary;

	private final transient Map<String, String> dataSourceProperties;

	/**
	 * Creates the exception.
	 * @param failure pool-core's exception
	 * @param prefix the pool's prefix, e.g. {@code app.reporting-pool}
	 * @param primary whether it is the application's pool, which also reads
	 * {@code spring.datasource.*} and {@code spring.datasource.hikari.*}
	 * @param dataSourceProperties by driver property name, the property that set it, e.g.
	 * {@code spring.datasource.hikari.data-source-properties.prepareThreshold}
	 */
	BoundPoolInitializationException(PoolInitializationException failure, String prefix, boolean primary,
			Map<String, String> dataSourceProperties) {
		super(failure.getMessage(), failure.getCause());
		setStackTrace(failure.getStackTrace());
		for (Throwable suppressed : failure.getSuppressed()) {
			addSuppressed(suppressed);
		}
		this.prefix = prefix;
		this.primary = primary;
		this.dataSourceProperties = Map.copyOf(dataSourceProperties);
	}

	String prefix() {
		return this.prefix;
	}

	boolean isPrimary() {
		return this.primary;
	}

	Map<String, String> dataSourceProperties() {
		return (this.dataSourceProperties != null) ? this.dataSourceProperties : Map.of();
	}

}
