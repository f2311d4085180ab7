/**
 * The {@code pool} Actuator endpoint: the pool's settings, counts, holders, waits,
 * events, sizing advice, adaptive sizing's decisions and connection budget, and
 * operations to evict, suspend, resume and resize it at run time.
 */
package io.poolkit.spring.boot.autoconfigure.endpoint;
