/**
 * Spring Boot auto-configuration of the Poolkit connection pool: {@code app.pool.*}
 * properties, the {@code DataSource}, further pools from properties under a prefix of the
 * application's choosing
 * ({@link io.poolkit.spring.boot.autoconfigure.PoolDataSourceFactory}), the pools of a
 * context as the other auto-configurations find them
 * ({@link io.poolkit.spring.boot.autoconfigure.PoolDataSources}), their pool metadata for
 * Boot, secret masking for the actuator, and failure analysis.
 */
package io.poolkit.spring.boot.autoconfigure;
