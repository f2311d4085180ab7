/**
 * Spring Boot auto-configuration of the Poolkit connection pool: {@code app.pool.*}
 * properties, the {@code DataSource}, its pool metadata for Boot, secret masking for the
 * actuator, and failure analysis.
 */
package io.poolkit.spring.boot.autoconfigure;
