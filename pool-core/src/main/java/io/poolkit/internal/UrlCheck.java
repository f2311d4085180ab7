package io.poolkit.internal;

import java.sql.DriverManager;

/**
 * Says why a driver refused a JDBC URL. {@link DriverManager} only reports "no suitable
 * driver", and pgjdbc logs its reason at a level nobody reads, so a port out of range
 * looks like a missing driver; this repeats pgjdbc's own checks to name the part it
 * refused.
 */
final class UrlCheck {

	private static final String POSTGRES_PREFIX = "jdbc:postgresql:";

	private static final String POSTGRES_DRIVER = "org.postgresql.Driver";

	private UrlCheck() {
	}

	/**
	 * The driver registered for the URL's subprotocol that nonetheless refused it, or
	 * {@code null} when none is there (the driver is missing).
	 */
	static String driverFor(String url) {
		if (url == null || !url.startsWith(POSTGRES_PREFIX)) {
			return null;
		}
		boolean registered = DriverManager.drivers()
			.anyMatch((driver) -> driver.getClass().getName().equals(POSTGRES_DRIVER));
		return registered ? "PostgreSQL JDBC driver (" + POSTGRES_DRIVER + ")" : null;
	}

	/**
	 * What pgjdbc would refuse in a PostgreSQL URL, read from the URL itself without a
	 * driver (which may log the URL whole), or {@code null} for a URL it would parse or
	 * of another driver.
	 */
	static String problem(String url) {
		return (url != null && url.startsWith(POSTGRES_PREFIX))
				? postgresProblem(url.substring(POSTGRES_PREFIX.length())) : null;
	}

	/**
	 * Why the driver refused the URL, as a clause to append to a message ("; ..."), never
	 * quoting the URL's parameters (they may hold a password).
	 */
	static String whyRefused(String url) {
		String reason = problem(url);
		if (reason != null) {
			return ": " + reason;
		}
		return "; check its syntax against the driver's documentation "
				+ "(PostgreSQL: jdbc:postgresql://host:port/database?property=value)";
	}

	/**
	 * pgjdbc's checks of {@code //host1:port1,host2:port2/database}, in its order.
	 */
	private static String postgresProblem(String rest) {
		if (!rest.startsWith("//")) {
			return null; // "jdbc:postgresql:database" and service URLs: nothing to add
		}
		String authority = rest.substring(2).split("[?#]", 2)[0];
		int slash = authority.indexOf('/');
		if (slash < 0) {
			return "it needs a '/' after the host and port, before the database name "
					+ "(jdbc:postgresql://host:port/database)";
		}
		if (authority.indexOf('/', slash + 1) >= 0) {
			return "it has too many '/' characters; only one separates the host and port from the database";
		}
		for (String host : authority.substring(0, slash).split(",", -1)) {
			String port = portOf(host);
			if (port == null || port.isEmpty()) {
				continue;
			}
			if (!port.chars().allMatch(Character::isDigit) || port.length() > 9) {
				// Not quoted: what follows a colon may be a password given as user info.
				return "a port after a ':' is not a number from 1 to 65535";
			}
			int number = Integer.parseInt(port);
			if (number < 1 || number > 65535) {
				return "the port " + number + " is out of range (1 to 65535)";
			}
		}
		return null;
	}

	/** The port of {@code host:port} or {@code [v6]:port}, or {@code null}. */
	private static String portOf(String hostAndPort) {
		String host = hostAndPort.substring(hostAndPort.lastIndexOf('@') + 1);
		int colon = host.lastIndexOf(':');
		if (colon < 0 || (host.startsWith("[") && colon < host.indexOf(']'))) {
			return null;
		}
		return host.substring(colon + 1);
	}

}
