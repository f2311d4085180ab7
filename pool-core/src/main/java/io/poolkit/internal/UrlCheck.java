package io.poolkit.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Says why a driver refused a JDBC URL. {@link DriverManager} only reports "no suitable
 * driver", and pgjdbc logs its reason at a level nobody reads, so a port out of range
 * looks like a missing driver; this repeats pgjdbc's own checks to name the part it
 * refused. As the pool asks it before any driver sees the URL, it must never refuse a URL
 * pgjdbc accepts: {@code UrlCheckTest} asks the real driver about each shape it knows.
 */
final class UrlCheck {

	private static final String POSTGRES_PREFIX = "jdbc:postgresql:";

	private static final String POSTGRES_DRIVER = "org.postgresql.Driver";

	private static final String DEFAULT_PORT = "5432";

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
		if (url != null && url.startsWith(POSTGRES_PREFIX) && url.contains("service=")) {
			return "; check that its service is defined in a pg_service.conf pgjdbc reads "
					+ "(named by PGSERVICEFILE or org.postgresql.pgservicefile, else ~/.pg_service.conf)";
		}
		return "; check its syntax against the driver's documentation "
				+ "(PostgreSQL: jdbc:postgresql://host:port/database?property=value)";
	}

	/**
	 * pgjdbc's checks, in its order, of {@code //host1:port1,host2:port2/database},
	 * {@code database} or nothing, then of the query. It refuses a URL only for its shape
	 * (the '/' characters), a value it cannot percent-decode, or a host and port it ends
	 * up with that do not fit together; a query's {@code host}, {@code port} and
	 * {@code dbname} replace what the URL's first part gave. What a pg_service.conf
	 * service holds is not read here: with a {@code service} and no host or port in the
	 * URL, the service's are not checked.
	 */
	private static String postgresProblem(String afterPrefix) {
		// Only the first '?' ends the server part: '#' and later '?' are plain text.
		int question = afterPrefix.indexOf('?');
		String server = (question < 0) ? afterPrefix : afterPrefix.substring(0, question);
		String query = (question < 0) ? "" : afterPrefix.substring(question + 1);
		String hosts = null;
		String ports = null;
		if (server.equals("//") || server.equals("///")) {
			// localhost:5432, or the service's host, port and database
		}
		else if (server.startsWith("//")) {
			String authority = server.substring(2);
			int slash = authority.indexOf('/');
			if (slash < 0) {
				return "it needs a '/' after the host and port, before the database name "
						+ "(jdbc:postgresql://host:port/database)";
			}
			if (authority.indexOf('/', slash + 1) >= 0) {
				return "it has too many '/' characters; only one separates the host and port from the database";
			}
			if (slash < authority.length() - 1 && !decodes(authority.substring(slash + 1))) {
				return undecodable("the database name");
			}
			StringJoiner hostList = new StringJoiner(",");
			StringJoiner portList = new StringJoiner(",");
			for (String address : authority.substring(0, slash).split(",")) {
				int colon = address.lastIndexOf(':');
				boolean hasPort = colon >= 0 && address.lastIndexOf(']') < colon;
				// ":5432" is localhost's port; a bare empty host stays empty
				hostList.add(!hasPort ? address : (colon == 0) ? "localhost" : address.substring(0, colon));
				portList.add(hasPort ? address.substring(colon + 1) : DEFAULT_PORT);
			}
			hosts = hostList.toString();
			ports = portList.toString();
		}
		else if (server.startsWith("/")) {
			return "a single '/' cannot follow 'jdbc:postgresql:'; write jdbc:postgresql://host:port/database "
					+ "or jdbc:postgresql:database";
		}
		else if (!decodes(server)) {
			return undecodable("the database name");
		}
		String portSource = null;
		boolean service = false;
		for (String parameter : query.split("&")) {
			if (parameter.isEmpty()) {
				continue;
			}
			int equals = parameter.indexOf('=');
			// A name without a value is taken as written; with one, pgjdbc reads host,
			// port and dbname in any case as PGHOST, PGPORT and PGDBNAME.
			String name = (equals < 0) ? parameter : pgName(parameter.substring(0, equals));
			String value = (equals < 0) ? "" : parameter.substring(equals + 1);
			if (equals >= 0 && !decodes(value)) {
				return undecodable("the value of '" + parameter.substring(0, equals) + "'");
			}
			if (equals >= 0 && name.equals("service")) {
				service = true;
			}
			else if (name.equals("PGHOST")) {
				hosts = decoded(value);
			}
			else if (name.equals("PGPORT")) {
				ports = decoded(value);
				portSource = (equals < 0) ? parameter : parameter.substring(0, equals);
			}
		}
		if (!service) {
			hosts = (hosts != null) ? hosts : "localhost";
			ports = (ports != null) ? ports : DEFAULT_PORT;
		}
		return (ports != null) ? portsProblem(hosts, ports, portSource) : null;
	}

	/**
	 * The ports pgjdbc would refuse, each read as a Java int; {@code hosts} is
	 * {@code null} when the service gives them.
	 */
	private static String portsProblem(String hosts, String ports, String portSource) {
		String where = (portSource != null) ? " in the value of '" + portSource + "'" : "";
		String[] each = ports.split(",");
		for (String port : each) {
			int number;
			try {
				number = Integer.parseInt(port);
			}
			catch (NumberFormatException ex) {
				// Not quoted: what follows a colon may be a password given as user info.
				return ((portSource != null) ? "the value of '" + portSource + "'" : "a port after a ':'")
						+ " is not a number from 1 to 65535";
			}
			if (number < 1 || number > 65535) {
				return "the port " + number + where + " is out of range (1 to 65535)";
			}
		}
		if (hosts != null && hosts.split(",").length != each.length) {
			return "it names " + hosts.split(",").length + " hosts but " + each.length
					+ " ports; give one port for each host, or none";
		}
		return null;
	}

	/** pgjdbc's name for a query parameter: host, port and dbname in any case. */
	private static String pgName(String name) {
		String upper = "PG" + name.toUpperCase(Locale.ROOT);
		return (upper.equals("PGHOST") || upper.equals("PGPORT") || upper.equals("PGDBNAME")) ? upper : name;
	}

	private static boolean decodes(String text) {
		return decoded(text) != null;
	}

	/** The text percent-decoded as pgjdbc decodes it, or {@code null} if it cannot be. */
	private static String decoded(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Never quotes the text: it may be a password. */
	private static String undecodable(String where) {
		return "a '%' not followed by two hex digits in " + where + " (write a '%' itself as %25)";
	}

}
