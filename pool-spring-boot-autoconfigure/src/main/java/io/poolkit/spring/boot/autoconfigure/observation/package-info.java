/**
 * Micrometer Observation (and so tracing) of the Poolkit connection pool: each borrow as
 * a {@code poolkit.acquire} observation.
 */
package io.poolkit.spring.boot.autoconfigure.observation;
