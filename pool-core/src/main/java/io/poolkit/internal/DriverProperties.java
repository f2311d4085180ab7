package io.poolkit.internal;

import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.poolkit.PoolConfig;
import io.poolkit.PoolSetting;
import io.poolkit.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection properties a pool gives its driver: {@code data-source-properties}, the
 * credentials, and what the pool adds unless the user set it in the URL or the
 * properties: on pgjdbc {@code ApplicationName}, a {@code loginTimeout} of
 * {@code connection-timeout} (a stalled server must not hold a connector thread for
 * ever), and behind PgBouncer {@code prepareThreshold=0}; on MariaDB Connector/J a
 * {@code connectTimeout} of {@code connection-timeout} in milliseconds (it bounds the TCP
 * connect and every read of the handshake, and is 30 s by default whatever
 * {@code socketTimeout} says). A name the driver knows spelled in another case is passed
 * in the driver's spelling (see {@link #inDriverSpelling}).
 */
final class DriverProperties {

	private static final Logger logger = LoggerFactory.getLogger(DriverProperties.class);

	// A prepareThreshold parameter in a JDBC URL's query string: "?prepareThreshold=5" or
	// "&prepareThreshold=5".
	private static final Pattern PREPARE_THRESHOLD = Pattern.compile("[?&]prepareThreshold=([^&#]*)");

	private final Properties base;

	/**
	 * pgjdbc without a {@code loginTimeout}, or MariaDB Connector/J without a
	 * {@code connectTimeout}, set by the user: the pool sets it, and may give an attempt
	 * less than {@link #loginTimeoutNanos}.
	 */
	private final boolean boundsLogin;

	/** MariaDB Connector/J: the login is bounded by {@code connectTimeout}. */
	private final boolean mariaDb;

	/**
	 * pgjdbc, and neither {@code loginTimeout} nor {@code socketTimeout} set by the user:
	 * the pool bounds each read of the login with the login timeout and lifts the bound
	 * once connected.
	 */
	private final boolean boundsLoginReads;

	private final long loginTimeoutNanos;

	/** The application_name each connection gets with its number appended, or null. */
	private final String numberedApplicationName;

	private final AtomicInteger connections = new AtomicInteger();

	/**
	 * @param applicationName the PostgreSQL {@code application_name} of the connections:
	 * the pool name, or in adaptive sizing the pool name with the instance's suffix
	 * @param numbered whether each connection's application_name ends in {@code .} and a
	 * number of its own (for PgBouncer, which shows a client's name in
	 * {@code SHOW CLIENTS} only where it differs from the one its pool last saw)
	 * @param driver the driver that accepted the URL, or {@code null} when not known
	 * @throws IllegalArgumentException when {@code pgbouncer} is set and the URL turns
	 * server-side prepared statements back on
	 */
	DriverProperties(PoolConfig config, String applicationName, boolean numbered, Driver driver) {
		boolean postgres = isPostgres(config.url());
		this.mariaDb = config.url() != null && config.url().startsWith("jdbc:mariadb:");
		this.base = inDriverSpelling(config.dataSourceProperties(), driver, config.url());
		if (postgres) {
			putIfAbsent(config, "ApplicationName", applicationName);
			putIfAbsent(config, "loginTimeout", seconds(config.connectionTimeout().toNanos()));
			if (config.pgbouncer()) {
				// PgBouncer in transaction mode cannot keep server-side prepared
				// statements across transactions.
				this.base.setProperty("prepareThreshold", "0");
				checkPgbouncerUrl(config.url());
				warnOfSessionSettings(config);
			}
		}
		this.numberedApplicationName = (numbered && postgres && !isSet(config, "ApplicationName"))
				? applicationName + "." : null;
		if (this.mariaDb) {
			putIfAbsent(config, "connectTimeout", Long.toString(config.connectionTimeout().toMillis()));
		}
		this.boundsLogin = (postgres && !isSet(config, "loginTimeout"))
				|| (this.mariaDb && !isSet(config, "connectTimeout"));
		this.boundsLoginReads = this.boundsLogin && postgres && !isSet(config, "socketTimeout");
		this.loginTimeoutNanos = this.boundsLogin ? config.connectionTimeout().toNanos() : 0;
	}

	static boolean isPostgres(String url) {
		return url != null && url.startsWith("jdbc:postgresql:");
	}

	/**
	 * The driver properties with each name the driver lists under another case spelled as
	 * the driver spells it. Boot lower-cases the keys of a map bound from environment
	 * variables ({@code APP_POOL_DATASOURCEPROPERTIES_PREPARETHRESHOLD} gives
	 * {@code preparethreshold}), and pgjdbc reads its properties by their exact names, so
	 * such a property would be ignored without a word. A name is kept as given when the
	 * driver does not list it or lists it in two spellings, when the driver's spelling is
	 * given too (that one wins), or when another given name differs from it only in case
	 * (which of the two the driver should take is not the pool's to guess). The driver is
	 * asked with the masked URL, as {@link DriverLookup} does; a driver that cannot list
	 * its properties gets them as given.
	 */
	static Properties inDriverSpelling(Properties given, Driver driver, String url) {
		if (driver == null || given.isEmpty()) {
			return given;
		}
		DriverPropertyInfo[] known;
		try {
			known = driver.getPropertyInfo(Secrets.maskUrl(url), new Properties());
		}
		catch (SQLException | RuntimeException | LinkageError ex) {
			logger.debug("The driver did not list its properties; driver properties are passed as given", ex);
			return given;
		}
		Map<String, String> spellings = new HashMap<>();
		for (DriverPropertyInfo info : (known != null) ? known : new DriverPropertyInfo[0]) {
			if (info != null && info.name != null) {
				// Two spellings of one name: leave that name alone (the empty string).
				spellings.merge(info.name.toLowerCase(Locale.ROOT), info.name,
						(one, other) -> one.equals(other) ? one : "");
			}
		}
		Map<String, Integer> givenSpellings = new HashMap<>();
		for (String name : given.stringPropertyNames()) {
			givenSpellings.merge(name.toLowerCase(Locale.ROOT), 1, Integer::sum);
		}
		Properties spelled = new Properties();
		for (String name : given.stringPropertyNames()) {
			String lowerCase = name.toLowerCase(Locale.ROOT);
			String driverName = spellings.getOrDefault(lowerCase, "");
			if (driverName.isEmpty() || driverName.equals(name) || givenSpellings.get(lowerCase) > 1) {
				driverName = name;
			}
			else {
				logger.debug("Driver property '{}' is passed as '{}', the driver's spelling", name, driverName);
			}
			spelled.setProperty(driverName, given.getProperty(name));
		}
		return spelled;
	}

	/**
	 * Whether the user set a connection property, in the URL or the driver properties (in
	 * any case: {@link #inDriverSpelling} passes it in the driver's, and MariaDB
	 * Connector/J reads any); the user's value then wins over the pool's.
	 */
	static boolean isSet(PoolConfig config, String key) {
		for (String name : config.dataSourceProperties().stringPropertyNames()) {
			if (name.equalsIgnoreCase(key)) {
				return true;
			}
		}
		return config.url().contains(key + "=");
	}

	/**
	 * Whether an attempt can be given a login timeout of its own: pgjdbc's
	 * {@code loginTimeout}, MariaDB Connector/J's {@code connectTimeout}.
	 */
	boolean boundsLogin() {
		return this.boundsLogin;
	}

	/**
	 * Whether the login timeout bounds each read of the login, to be lifted once
	 * connected.
	 */
	boolean boundsLoginReads() {
		return this.boundsLoginReads;
	}

	/** The login timeout an attempt gets by default, or 0 when the pool sets none. */
	long loginTimeoutNanos() {
		return this.loginTimeoutNanos;
	}

	/** The properties of one connect. */
	Properties forConnect(String username, String password, long loginTimeoutNanos) {
		Properties properties = new Properties();
		properties.putAll(this.base);
		if (username != null) {
			properties.setProperty("user", username);
		}
		if (password != null) {
			properties.setProperty("password", password);
		}
		if (this.boundsLogin && this.mariaDb) {
			properties.setProperty("connectTimeout", Long.toString(Math.max(1, loginTimeoutNanos / 1_000_000)));
		}
		else if (this.boundsLogin) {
			properties.setProperty("loginTimeout", seconds(loginTimeoutNanos));
		}
		if (this.numberedApplicationName != null) {
			properties.setProperty("ApplicationName",
					this.numberedApplicationName + Integer.toString(this.connections.incrementAndGet(), 36));
		}
		if (this.boundsLoginReads) {
			// pgjdbc abandons an attempt at loginTimeout but leaves its thread reading; a
			// read timeout ends that thread too when the server never answers.
			long readSeconds = Math.max(1, (loginTimeoutNanos + 999_999_999) / 1_000_000_000);
			properties.setProperty("socketTimeout", Long.toString(readSeconds));
		}
		return properties;
	}

	private void putIfAbsent(PoolConfig config, String key, String value) {
		if (!isSet(config, key)) {
			this.base.setProperty(key, value);
		}
	}

	/** pgjdbc reads its {@code loginTimeout} as a decimal number of seconds. */
	private static String seconds(long nanos) {
		return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
	}

	/**
	 * pgjdbc lets a URL parameter win over a connection property, so a
	 * {@code prepareThreshold} in the URL would silently turn server-side prepared
	 * statements back on; refuse it rather than fail later, at random, under load.
	 */
	private static void checkPgbouncerUrl(String url) {
		Matcher parameter = PREPARE_THRESHOLD.matcher(url);
		while (parameter.find()) {
			if (!parameter.group(1).trim().equals("0")) {
				throw new IllegalArgumentException("pgbouncer: true needs prepareThreshold=0, but the url sets "
						+ "prepareThreshold=" + parameter.group(1) + ", which wins over the pool's setting and brings "
						+ "back the server-side prepared statements PgBouncer's transaction mode cannot keep; remove it "
						+ "from the url");
			}
		}
	}

	/**
	 * These settings are applied with session-level SET on the one server connection that
	 * happens to run it; behind PgBouncer in transaction mode they reach neither this
	 * client's later transactions nor stay out of other clients'. Not refused: PgBouncer
	 * in session mode keeps them, and only the operator knows the mode.
	 */
	private static void warnOfSessionSettings(PoolConfig config) {
		String settings = Stream
			.of(PoolSetting.SCHEMA, PoolSetting.TRANSACTION_ISOLATION, PoolSetting.CONNECTION_INIT_SQL)
			.filter((setting) -> config.get(setting) != null)
			.map(PoolSetting::name)
			.collect(Collectors.joining(", "));
		if (!settings.isEmpty()) {
			logger.warn(
					"Pool '{}': pgbouncer=true, but {} change session state, which PgBouncer in transaction mode "
							+ "does not keep per client; set them on the database role instead (ALTER ROLE ... SET)",
					config.name(), settings);
		}
	}

}
