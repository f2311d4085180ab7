package io.poolkit.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a fleet's connection budget from PgBouncer's admin console (the virtual database
 * {@code pgbouncer} on the same host and port), for a pool behind PgBouncer: there the
 * budget is PgBouncer's pool of server connections, not the server's limits.
 * <p>
 * {@code SHOW DATABASES} gives the {@code pool_size} of the database the pool connects to
 * (its own or {@code default_pool_size}), capped by its {@code max_connections}
 * ({@code max_db_connections}) when that is set; {@code SHOW CLIENTS} gives the client
 * connections of that database and user by {@code application_name}, which PgBouncer
 * keeps per client (1.18 and later show it). The console answers only users listed in
 * PgBouncer's {@code admin_users} or {@code stats_users}, and only the simple query
 * protocol, so the connection is opened with {@code preferQueryMode=simple} and closed
 * after the read. Other clients of the same database and user are not subtracted:
 * PgBouncer multiplexes them with the fleet's, transaction by transaction.
 */
final class PgBouncerBudget {

	/** jdbc:postgresql://host[:port][,more hosts]/database[?query] */
	private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/,?]+)(?:,[^/?]*)?/([^?#]*)(\\?[^#]*)?.*");

	private final ConnectionFactory factory;

	private final String adminUrl;

	private final String database;

	private PgBouncerBudget(ConnectionFactory factory, String adminUrl, String database) {
		this.factory = factory;
		this.adminUrl = adminUrl;
		this.database = database;
	}

	/**
	 * @param factory the pool's connection factory (driver, credentials, properties)
	 * @param url the pool's JDBC URL
	 * @return a reader, or {@code null} when the URL names no host and database
	 */
	static PgBouncerBudget of(ConnectionFactory factory, String url) {
		Matcher matcher = (url != null) ? URL.matcher(url) : null;
		if (matcher == null || !matcher.matches() || matcher.group(2).isEmpty()) {
			return null;
		}
		String query = (matcher.group(3) != null) ? matcher.group(3) : "";
		return new PgBouncerBudget(factory, "jdbc:postgresql://" + matcher.group(1) + "/pgbouncer" + query,
				matcher.group(2));
	}

	/** The database name clients use, as PgBouncer's {@code [databases]} names it. */
	String database() {
		return this.database;
	}

	/**
	 * Reads the budget.
	 * @param fleetPrefix the start of every instance's application_name
	 * @param applicationName this instance's, for the console session
	 * @param timeoutSeconds bound of the connect and of each read, in whole seconds
	 * @return the reading
	 * @throws SQLException when the console cannot be reached or refuses the user
	 */
	FleetReading read(String fleetPrefix, String applicationName, int timeoutSeconds) throws SQLException {
		Properties overrides = new Properties();
		overrides.setProperty("preferQueryMode", "simple");
		overrides.setProperty("ApplicationName", applicationName);
		overrides.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
		overrides.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
		overrides.setProperty("socketTimeout", Integer.toString(timeoutSeconds));
		try (Connection console = this.factory.openBare(this.adminUrl, overrides);
				Statement statement = console.createStatement()) {
			String user = console.getMetaData().getUserName();
			int poolSize = -1;
			int maxConnections = 0;
			try (ResultSet rows = statement.executeQuery("SHOW DATABASES")) {
				while (rows.next()) {
					if (this.database.equals(rows.getString("name"))) {
						poolSize = rows.getInt("pool_size");
						maxConnections = rows.getInt("max_connections");
					}
				}
			}
			if (poolSize < 0) {
				throw new SQLException("PgBouncer has no database '" + this.database + "' in SHOW DATABASES");
			}
			Map<String, Integer> members = new TreeMap<>();
			boolean named;
			try (ResultSet rows = statement.executeQuery("SHOW CLIENTS")) {
				named = hasColumn(rows, "application_name");
				while (named && rows.next()) {
					String name = rows.getString("application_name");
					if (this.database.equals(rows.getString("database"))
							&& (user == null || user.equals(rows.getString("user"))) && name != null
							&& name.startsWith(fleetPrefix)) {
						members.merge(name, 1, Integer::sum);
					}
				}
			}
			int limit = (maxConnections > 0) ? Math.min(poolSize, maxConnections) : poolSize;
			String what = "PgBouncer pool_size " + poolSize + " of database '" + this.database + "'"
					+ ((maxConnections > 0) ? ", max_db_connections " + maxConnections : "");
			return new FleetReading("pgbouncer", limit, what, 0, members, named);
		}
	}

	private static boolean hasColumn(ResultSet rows, String column) throws SQLException {
		for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
			if (column.equalsIgnoreCase(rows.getMetaData().getColumnLabel(i))) {
				return true;
			}
		}
		return false;
	}

}
