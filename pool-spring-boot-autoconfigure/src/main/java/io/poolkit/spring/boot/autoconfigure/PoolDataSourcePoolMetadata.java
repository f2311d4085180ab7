package io.poolkit.spring.boot.autoconfigure;

import io.poolkit.PoolDataSource;
import io.poolkit.PoolStats;

import org.springframework.boot.jdbc.metadata.AbstractDataSourcePoolMetadata;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadata;

/**
 * {@link DataSourcePoolMetadata} of a {@link PoolDataSource}, through which Boot's
 * {@code jdbc.connections.*} gauges and its {@code db} health indicator see the pool.
 * Every answer comes from {@link PoolDataSource#stats()}; none borrows a connection.
 */
public class PoolDataSourcePoolMetadata extends AbstractDataSourcePoolMetadata<PoolDataSource> {

	/**
	 * Creates the metadata of a pool.
	 * @param dataSource the pool
	 */
	public PoolDataSourcePoolMetadata(PoolDataSource dataSource) {
		super(dataSource);
	}

	@Override
	public Float getUsage() {
		// One snapshot, so active and max agree with each other.
		PoolStats stats = getDataSource().stats();
		return (float) stats.utilization();
	}

	@Override
	public Integer getActive() {
		return getDataSource().stats().active();
	}

	@Override
	public Integer getIdle() {
		return getDataSource().stats().idle();
	}

	@Override
	public Integer getMax() {
		return getDataSource().config().maxSize();
	}

	@Override
	public Integer getMin() {
		return getDataSource().config().minIdle();
	}

	@Override
	public String getValidationQuery() {
		return getDataSource().config().validationQuery();
	}

	@Override
	public Boolean getDefaultAutoCommit() {
		return getDataSource().config().autoCommit();
	}

}
