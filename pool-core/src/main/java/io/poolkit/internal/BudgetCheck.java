package io.poolkit.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.poolkit.ConnectionBudget;
import io.poolkit.PoolConfig;

/**
 * Reads what a PostgreSQL server will let the pool's role open, and what is in use, and
 * checks that the fleet of this pool
 * ({@code (max-size + max-overflow) × sizing.instances}) fits.
 * <p>
 * The server refuses a new connection of an ordinary role past any of
 * {@code max_connections} less {@code superuser_reserved_connections} (and, from 16,
 * {@code reserved_connections}), the role's {@code CONNECTION LIMIT} and the database's
 * (PostgreSQL's {@code InitPostgres}; superusers are exempt from the last two). A role
 * without {@code pg_read_all_stats} sees other roles' sessions in
 * {@code pg_stat_activity} without their {@code backend_type}, so for it the connections
 * in use are counted from {@code pg_stat_database.numbackends}, which counts every
 * backend in a database whatever its role (background workers in a database too: the
 * count errs high, never low).
 */
final class BudgetCheck {

	private static final String LIMITS = "SELECT current_setting('max_connections')::int, "
			+ "current_setting('superuser_reserved_connections')::int "
			+ "+ coalesce(current_setting('reserved_connections', true)::int, 0), "
			+ "r.rolsuper, r.rolconnlimit, d.datconnlimit, r.rolname, d.datname, "
			+ "r.rolsuper OR pg_has_role(r.oid, 'pg_read_all_stats', 'MEMBER') "
			+ "FROM pg_roles r, pg_database d WHERE r.rolname = session_user AND d.datname = current_database()";

	/**
	 * Client backends, all of them when they are visible, else every backend in a
	 * database.
	 */
	private static final String IN_USE = "SELECT "
			+ "(SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int, "
			+ "(SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
			+ "AND datname = current_database())::int, "
			+ "(SELECT coalesce(sum(numbackends), 0) FROM pg_stat_database)::int, "
			+ "(SELECT numbackends FROM pg_stat_database WHERE datname = current_database())::int, "
			+ "(SELECT count(*) FROM pg_stat_activity a JOIN pg_roles r ON r.oid = a.usesysid "
			+ "WHERE r.rolname = session_user AND a.backend_type = 'client backend')::int";

	/**
	 * As {@link #IN_USE}, leaving out the sessions that are still logging in (no state
	 * and no application_name yet, as pg_stat_activity shows them to their own role or a
	 * reader of all statistics): a fleet's own budget reads connect every period, and an
	 * instant of one must not count as another application's connection. The counts from
	 * pg_stat_database cannot tell them apart and keep them.
	 */
	private static final String IN_USE_SETTLED = IN_USE.replace("backend_type = 'client backend'",
			"backend_type = 'client backend' AND NOT (state IS NULL AND coalesce(application_name, '') = '')");

	/** Sessions in a database whose application_name the role can see. */
	private static final String BY_APPLICATION = "SELECT coalesce(application_name, ''), count(*) "
			+ "FROM pg_stat_activity WHERE datid IS NOT NULL "
			+ "AND (backend_type = 'client backend' OR backend_type IS NULL) GROUP BY 1 ORDER BY 2 DESC";

	/**
	 * In one statement, so that both come from the same snapshot of pg_stat_activity
	 * (budget reads connect and leave every period; read apart, one that left between two
	 * queries would count as another application's): the sessions of one fleet, one row
	 * per instance; then a row without a name with {@link #IN_USE_SETTLED}'s five counts.
	 * The fleet is the sessions whose application_name starts with its prefix, of the
	 * session's role, in the session's database: a pool of the same name elsewhere (as
	 * another role, or in another database) is another application, counted under the
	 * limits it shares.
	 */
	private static final String FLEET = "SELECT application_name, count(*)::int, 0, 0, 0, 0 "
			+ "FROM pg_stat_activity WHERE left(application_name, %d) = '%s' "
			+ "AND usesysid = (SELECT oid FROM pg_roles WHERE rolname = session_user) "
			+ "AND datid = (SELECT oid FROM pg_database WHERE datname = current_database()) GROUP BY 1 UNION ALL "
			+ IN_USE_SETTLED.replaceFirst("SELECT ", "SELECT NULL, ");

	private BudgetCheck() {
	}

	/**
	 * Reads what the server leaves a fleet of pools: its limits, the connections in use
	 * under each, and the connections of each instance of the fleet, in two short
	 * queries. Used by adaptive sizing every period; the caller bounds it with a network
	 * timeout.
	 * @param connection a connection to the server, as the pool's role
	 * @param fleetPrefix the start of every instance's application_name, e.g.
	 * {@code orders#}; only letters, digits, {@code . _ - #}, as pool names are
	 * @param queryTimeoutSeconds the query timeout of each query, 0 for none
	 * @return the reading
	 * @throws SQLException when a query fails or times out
	 */
	static FleetReading readFleet(Connection connection, String fleetPrefix, int queryTimeoutSeconds)
			throws SQLException {
		if (!fleetPrefix.matches("[A-Za-z0-9._#-]+")) {
			throw new IllegalArgumentException("not a fleet prefix: " + fleetPrefix);
		}
		Limits limits;
		Usage usage = null;
		Map<String, Integer> members = new TreeMap<>();
		// Of this role, in this database: counted under every limit.
		int fleet = 0;
		try (Statement statement = connection.createStatement()) {
			statement.setQueryTimeout(queryTimeoutSeconds);
			limits = readLimits(statement);
			try (ResultSet rows = statement.executeQuery(String.format(FLEET, fleetPrefix.length(), fleetPrefix))) {
				while (rows.next()) {
					if (rows.getString(1) == null) {
						usage = Usage.read(rows, 2, limits.seesAll());
					}
					else {
						// A budget read's own connection is the fleet's, but nobody's
						// holding: counted neither as others nor to an instance.
						if (!rows.getString(1).endsWith(PostgresFleetRead.READER_MARK)) {
							members.put(rows.getString(1), rows.getInt(2));
						}
						fleet += rows.getInt(2);
					}
				}
			}
		}
		finally {
			// A connection the failed read broke is left as it is, so the read's own
			// failure is the one reported.
			if (!connection.isClosed() && !connection.getAutoCommit()) {
				connection.rollback();
			}
		}
		Usage others = new Usage(Math.max(0, usage.server() - fleet), Math.max(0, usage.role() - fleet),
				Math.max(0, usage.database() - fleet));
		List<Bound> bounds = limits.bounds(others,
				"max_connections " + limits.maxConnections() + " less " + limits.reserved() + " reserved",
				"role '" + limits.role() + "' CONNECTION LIMIT " + limits.roleLimit(),
				"database '" + limits.database() + "' CONNECTION LIMIT " + limits.databaseLimit());
		Bound tightest = bounds.stream().min(Comparator.comparingInt((bound) -> bound.limit() - bound.inUse())).get();
		return new FleetReading("postgresql", tightest.limit(), tightest.what(), tightest.inUse(), members, true);
	}

	/** Whether the pool talks to PostgreSQL, where the check knows what to ask. */
	static boolean applies(PoolConfig config) {
		return DriverProperties.isPostgres(config.url());
	}

	/**
	 * @param connection a connection to the server, as the pool's role
	 * @param maxSize the pool's current max-size
	 * @param config the pool's settings (max-overflow, sizing.instances)
	 */
	static ConnectionBudget check(Connection connection, int maxSize, PoolConfig config) throws SQLException {
		Limits limits;
		Usage usage;
		Map<String, Integer> byApplication = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement()) {
			limits = readLimits(statement);
			try (ResultSet rows = statement.executeQuery(IN_USE)) {
				rows.next();
				usage = Usage.read(rows, 1, limits.seesAll());
			}
			try (ResultSet rows = statement.executeQuery(BY_APPLICATION)) {
				while (rows.next()) {
					byApplication.put(rows.getString(1), rows.getInt(2));
				}
			}
		}
		finally {
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
		}
		return evaluate(limits, usage, byApplication, maxSize + config.maxOverflow(), config.sizingInstances(),
				config.name());
	}

	private static Limits readLimits(Statement statement) throws SQLException {
		try (ResultSet rows = statement.executeQuery(LIMITS)) {
			rows.next();
			boolean superuser = rows.getBoolean(3);
			return new Limits(rows.getInt(1), rows.getInt(2), superuser ? -1 : rows.getInt(4),
					superuser ? -1 : rows.getInt(5), rows.getString(6), rows.getString(7), rows.getBoolean(8));
		}
	}

	/**
	 * What the server refuses past.
	 *
	 * @param roleLimit the role's CONNECTION LIMIT, -1 for none (or a superuser)
	 * @param databaseLimit the database's CONNECTION LIMIT, -1 for none (or a superuser)
	 * @param seesAll whether the role sees every session's backend_type
	 */
	record Limits(int maxConnections, int reserved, int roleLimit, int databaseLimit, String role, String database,
			boolean seesAll) {

		/**
		 * The limits that apply, the server's first, with the connections in use under
		 * each.
		 */
		List<Bound> bounds(Usage usage, String server, String role, String database) {
			List<Bound> bounds = new ArrayList<>();
			bounds.add(new Bound(this.maxConnections - this.reserved, server, usage.server()));
			if (this.roleLimit >= 0) {
				bounds.add(new Bound(this.roleLimit, role, usage.role()));
			}
			if (this.databaseLimit >= 0) {
				bounds.add(new Bound(this.databaseLimit, database, usage.database()));
			}
			return bounds;
		}

	}

	/** Connections open now: on the server, of the pool's role, in its database. */
	record Usage(int server, int role, int database) {

		/**
		 * From {@link #IN_USE}'s five columns, starting at {@code first}: the counts of
		 * pg_stat_activity when the role sees every session, else pg_stat_database's.
		 */
		static Usage read(ResultSet rows, int first, boolean seesAll) throws SQLException {
			int server = seesAll ? first : first + 2;
			return new Usage(rows.getInt(server), rows.getInt(first + 4), rows.getInt(server + 1));
		}

	}

	static ConnectionBudget evaluate(Limits limits, Usage usage, Map<String, Integer> byApplication, int poolMax,
			int instances, String poolName) {
		long fleet = (long) poolMax * instances;
		int ours = byApplication.getOrDefault(poolName, 0);
		List<Bound> bounds = limits.bounds(usage,
				"the server allows (max_connections " + limits.maxConnections() + " less " + limits.reserved()
						+ " reserved)",
				"role '" + limits.role() + "' may open (its CONNECTION LIMIT, pg_roles.rolconnlimit)",
				"database '" + limits.database() + "' accepts (its CONNECTION LIMIT, pg_database.datconnlimit)");
		Bound tightest = bounds.stream().min(Comparator.comparingInt(Bound::limit)).get();
		boolean exceeded = fleet > tightest.limit();
		String message;
		if (exceeded) {
			message = String.format("pool '%s' could open %d connection(s) (max-size + max-overflow %d × "
					+ "sizing.instances %d), more than the %d %s; lower max-size to at most %d per instance, or put "
					+ "PgBouncer in front of the database", poolName, fleet, poolMax, instances, tightest.limit(),
					tightest.what(), Math.max(1, tightest.limit() / instances));
		}
		else {
			message = null;
			for (Bound bound : bounds) {
				int others = Math.max(0, bound.inUse() - ours);
				if (fleet + others > bound.limit()) {
					message = String.format(
							"pool '%s' fits alone (%d of the %d %s), but with the %d connection(s) "
									+ "others hold there now it would run out",
							poolName, fleet, bound.limit(), bound.what(), others);
					break;
				}
			}
			if (message == null) {
				String of = (tightest == bounds.get(0)) ? tightest.limit() + " the server allows"
						: "the " + tightest.limit() + " " + tightest.what();
				message = String.format("pool '%s' fits: %d connection(s) at most, of %s; %d in use now", poolName,
						fleet, of, tightest.inUse());
			}
		}
		return new ConnectionBudget(limits.maxConnections(), limits.reserved(), usage.server(),
				Map.copyOf(byApplication), poolMax, instances, exceeded, message, limits.roleLimit(),
				limits.databaseLimit());
	}

	record Bound(int limit, String what, int inUse) {
	}

}
