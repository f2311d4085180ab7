package io.poolkit;

import java.util.Map;

/**
 * Whether the fleet of pools sharing a PostgreSQL server fits what the server will let it
 * open: the "10 application servers × 20 connections = 200 > 100" trap. The server
 * refuses a connection past any of three limits: {@code max_connections} less the slots
 * reserved for superusers, the role's {@code CONNECTION LIMIT}
 * ({@code pg_roles.rolconnlimit}) and the database's ({@code pg_database.datconnlimit});
 * the last two do not apply to superusers.
 *
 * @param maxConnections the server's {@code max_connections}
 * @param reservedConnections slots kept for superusers
 * ({@code superuser_reserved_connections} and, from PostgreSQL 16,
 * {@code reserved_connections})
 * @param inUse client connections open on the server now, whatever their role (from
 * {@code pg_stat_database.numbackends} when the checking role may not see other roles'
 * sessions in {@code pg_stat_activity})
 * @param inUseByApplication the open connections whose {@code application_name} the
 * checking role can see, by {@code application_name}
 * @param poolMax the most this pool may open: {@code max-size} + {@code max-overflow}
 * @param instances {@code sizing.instances}: application instances running this pool
 * @param exceeded whether {@code poolMax × instances} is more than the server allows
 * @param message what the check found, in words
 * @param roleConnectionLimit the pool's role's {@code CONNECTION LIMIT}, or -1 when it
 * has none or is a superuser
 * @param databaseConnectionLimit the database's {@code CONNECTION LIMIT}, or -1 when it
 * has none or the role is a superuser
 */
public record ConnectionBudget(int maxConnections, int reservedConnections, int inUse,
		Map<String, Integer> inUseByApplication, int poolMax, int instances, boolean exceeded, String message,
		int roleConnectionLimit, int databaseConnectionLimit) {

	/**
	 * Connections the pool's role may open in its database: the least of
	 * {@code max_connections} less the reserved slots, the role's and the database's
	 * connection limit.
	 */
	public int available() {
		int role = (this.roleConnectionLimit >= 0) ? this.roleConnectionLimit : Integer.MAX_VALUE;
		int database = (this.databaseConnectionLimit >= 0) ? this.databaseConnectionLimit : Integer.MAX_VALUE;
		return Math.min(this.maxConnections - this.reservedConnections, Math.min(role, database));
	}

	/**
	 * The most this instance may hold if the fleet is to fit: {@link #available()} shared
	 * by the instances, at least 1.
	 */
	public int perInstanceLimit() {
		return Math.max(1, available() / this.instances);
	}

}
