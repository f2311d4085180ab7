/**
 * Health of the Poolkit connection pool: the {@code pool} contributor, answered from the
 * pool's state without borrowing a connection, and Boot's {@code db} contributor in a
 * form that never queues behind a saturated pool.
 */
package io.poolkit.spring.boot.autoconfigure.health;
