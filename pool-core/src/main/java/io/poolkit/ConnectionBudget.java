package io.poolkit;

import java.util.Map;

/**
 * Whether the fleet of pools sharing a PostgreSQL server fits its
 * {@code max_connections}: the "10 application servers × 20 connections = 200 > 100"
 * trap.
 *
 * @param maxConnections the server's {@code max_connections}
 * @param reservedConnections slots kept for superusers
 * ({@code superuser_reserved_connections} and, from PostgreSQL 16,
 * {@code reserved_connections})
 * @param inUse client connections open on the server now
 * @param inUseByApplication those, by {@code application_name}
 * @param poolMax the most this pool may open: {@code max-size} + {@code max-overflow}
 * @param instances {@code sizing.instances}: application instances running this pool
 * @param exceeded whether {@code poolMax × instances} is more than the server allows
 * @param message what the check found, in words
 */
public record ConnectionBudget(int maxConnections, int reservedConnections, int inUse,
		Map<String, Integer> inUseByApplication, int poolMax, int instances, boolean exceeded, String message) {

	/**
	 * Connections ordinary clients may open: {@code max_connections} less the reserved
	 * slots.
	 */
	public int available() {
		return this.maxConnections - this.reservedConnections;
	}

	/**
	 * The most this instance may hold if the fleet is to fit: {@link #available()} shared
	 * by the instances.
	 */
	public int perInstanceLimit() {
		return Math.max(1, available() / this.instances);
	}

}
