/**
 * Micrometer meters of the Poolkit connection pool.
 */
package io.poolkit.spring.boot.autoconfigure.metrics;
