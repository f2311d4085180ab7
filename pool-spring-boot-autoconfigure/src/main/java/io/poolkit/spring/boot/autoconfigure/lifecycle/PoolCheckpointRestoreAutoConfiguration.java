package io.poolkit.spring.boot.autoconfigure.lifecycle;

import javax.sql.DataSource;

import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnCheckpointRestore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of checkpoint/restore for every {@link PoolDataSource} of the
 * context ({@link PoolCheckpointRestoreLifecycle}): present, as Boot's own for HikariCP,
 * when the CRaC API ({@code org.crac}) is on the class path.
 */
@AutoConfiguration(after = { PoolDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class })
@ConditionalOnClass({ PoolDataSource.class, DataSourceUnwrapper.class })
@ConditionalOnCheckpointRestore
@ConditionalOnBean(DataSource.class)
public final class PoolCheckpointRestoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PoolCheckpointRestoreLifecycle poolCheckpointRestoreLifecycle(ConfigurableApplicationContext context) {
		return new PoolCheckpointRestoreLifecycle(context);
	}

}
