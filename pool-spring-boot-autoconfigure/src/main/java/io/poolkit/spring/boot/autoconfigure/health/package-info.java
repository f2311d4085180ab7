/**
 * The {@code pool} health contributor, answered from the pool's state without borrowing a
 * connection.
 */
package io.poolkit.spring.boot.autoconfigure.health;
