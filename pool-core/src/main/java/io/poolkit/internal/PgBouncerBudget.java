package io.poolkit.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.poolkit.Credentials;
import io.poolkit.PoolConfig;

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
 * PgBouncer's {@code admin_users} or {@code stats_users}; it is reached with the pool's
 * user and password over {@link PgBouncerConsole}, with TLS when the URL's
 * {@code sslmode} is {@code require}, {@code verify-ca} or {@code verify-full} (or
 * {@code ssl=true}), and closed after each read. Other clients of the same database and
 * user are not subtracted: PgBouncer multiplexes them with the fleet's, transaction by
 * transaction; clients PgBouncer shows without a name (it leaves out a name equal to the
 * one its pool last saw, so each of the pool's connections is given a numbered name of
 * its own) are counted as others, whoever's they are.
 *
 * @param config the pool's settings: its URL, credentials and driver properties
 * @param host PgBouncer's host
 * @param port its port
 * @param database the database name clients use, as PgBouncer's {@code [databases]} names
 * it
 * @param tls {@code null}: plain; else TLS, verifying the host name when true
 */
record PgBouncerBudget(PoolConfig config, String host, int port, String database, Boolean tls) {

	/** jdbc:postgresql://host[:port][,more hosts]/database[?query] */
	private static final Pattern URL = Pattern
		.compile("jdbc:postgresql://(\\[[^]]+\\]|[^/,?:]+)(?::(\\d+))?(?:,[^/?]*)?/([^?#]*)(?:\\?([^#]*))?.*");

	/**
	 * @param config the pool's settings: its URL, credentials and driver properties
	 * @return a reader, or {@code null} when the URL names no host and database
	 */
	static PgBouncerBudget of(PoolConfig config) {
		Matcher matcher = (config.url() != null) ? URL.matcher(config.url()) : null;
		if (matcher == null || !matcher.matches() || matcher.group(3).isEmpty()) {
			return null;
		}
		String host = matcher.group(1).replace("[", "").replace("]", "");
		int port = (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : 5432;
		Properties properties = config.dataSourceProperties();
		if (matcher.group(4) != null) {
			for (String parameter : matcher.group(4).split("&")) {
				int equals = parameter.indexOf('=');
				if (equals > 0) {
					properties.setProperty(parameter.substring(0, equals), parameter.substring(equals + 1));
				}
			}
		}
		String sslmode = properties.getProperty("sslmode", "").toLowerCase(Locale.ROOT);
		Boolean tls = switch (sslmode) {
			case "require", "verify-ca" -> false;
			case "verify-full" -> true;
			default -> "true".equalsIgnoreCase(properties.getProperty("ssl")) ? Boolean.TRUE : null;
		};
		return new PgBouncerBudget(config, host, port, matcher.group(3), tls);
	}

	/**
	 * Reads the budget.
	 * @param fleetPrefix the start of every instance's application_name
	 * @param applicationName this instance's, for the console session
	 * @param timeoutMillis bound of the connect and of each read
	 * @return the reading
	 * @throws SQLException when the console cannot be reached or refuses the user
	 */
	FleetReading read(String fleetPrefix, String applicationName, int timeoutMillis) throws SQLException {
		Supplier<Credentials> supplier = this.config.credentialsSupplier();
		Credentials supplied = (supplier != null) ? supplier.get() : null;
		String user = (supplied != null) ? supplied.username() : this.config.username();
		String password = (supplied != null) ? supplied.password() : this.config.password();
		try (PgBouncerConsole console = PgBouncerConsole.connect(this.host, this.port, this.tls, user, password,
				applicationName, timeoutMillis)) {
			int poolSize = -1;
			int maxConnections = 0;
			for (Map<String, String> row : console.query("SHOW DATABASES")) {
				if (this.database.equals(row.get("name"))) {
					poolSize = parse(row.get("pool_size"));
					maxConnections = parse(row.get("max_connections"));
				}
			}
			if (poolSize < 0) {
				throw new SQLException("PgBouncer has no database '" + this.database + "' in SHOW DATABASES");
			}
			List<Map<String, String>> clients = console.query("SHOW CLIENTS");
			boolean named = !clients.isEmpty() && clients.get(0).containsKey("application_name");
			Map<String, Integer> members = new TreeMap<>();
			int unnamed = 0;
			int instanceLength = fleetPrefix.length() + AdaptiveSizer.INSTANCE_ID_LENGTH;
			for (Map<String, String> client : clients) {
				String name = client.get("application_name");
				if (!this.database.equals(client.get("database"))
						|| (user != null && !user.equals(client.get("user")))) {
					continue;
				}
				if (name != null && name.startsWith(fleetPrefix) && name.length() >= instanceLength) {
					members.merge(name.substring(0, instanceLength), 1, Integer::sum);
				}
				else if (name == null || name.isEmpty()) {
					// PgBouncer left the name out (it does for the first client of a
					// pool):
					// whoever's it is, it takes a place in the pool.
					unnamed++;
				}
			}
			int limit = (maxConnections > 0) ? Math.min(poolSize, maxConnections) : poolSize;
			String what = "PgBouncer pool_size " + poolSize + " of database '" + this.database + "'"
					+ ((maxConnections > 0) ? ", max_db_connections " + maxConnections : "")
					+ ((unnamed > 0) ? " (" + unnamed + " client(s) without a name counted as others)" : "");
			return new FleetReading("pgbouncer", limit, what, unnamed, members, named);
		}
	}

	private static int parse(String value) {
		try {
			return (value != null) ? Integer.parseInt(value.trim()) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
