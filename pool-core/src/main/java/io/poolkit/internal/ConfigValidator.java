package io.poolkit.internal;

import java.sql.Driver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.poolkit.OnExhausted;
import io.poolkit.PoolConfig;

/**
 * Checks every setting of a freshly built {@link PoolConfig} and words what is wrong with
 * each: the setting's kebab-case name, the value given and what is allowed. It collects
 * rather than throws, so one failed start shows every mistake, not the first of many.
 */
public final class ConfigValidator {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,63}");

	private static final Duration MILLI = Duration.ofMillis(1);

	private static final Duration HOUR = Duration.ofHours(1);

	private static final Duration DAY = Duration.ofDays(1);

	private final PoolConfig config;

	private final Set<String> configured;

	private final List<Problem> problems = new ArrayList<>();

	// Settings already found bad; checks that compare against them are skipped rather
	// than piling on.
	private final Set<String> bad = new HashSet<>();

	private ConfigValidator(PoolConfig config, Set<String> configured, Map<String, String> textProblems) {
		this.config = config;
		this.configured = configured;
		textProblems.forEach((key, line) -> {
			this.problems.add(new Problem(key, line));
			this.bad.add(key);
		});
	}

	/**
	 * Finds every problem with a config.
	 * @param config the config, built but not yet handed out
	 * @param configured the settings given explicitly, so messages can point out a
	 * default as such
	 * @param textProblems problem lines from text that could not be applied, by key;
	 * those settings still hold their previous value and are not checked again
	 * @return one line per problem, in the order of the settings table; empty if the
	 * config is good
	 */
	public static List<String> problems(PoolConfig config, Set<String> configured, Map<String, String> textProblems) {
		ConfigValidator validator = new ConfigValidator(config, configured, textProblems);
		validator.check();
		return validator.problems.stream()
			.sorted(Comparator.comparingInt((Problem problem) -> SettingBinder.order(problem.key)))
			.map(Problem::line)
			.toList();
	}

	/**
	 * The exception message for a list of problems.
	 * @param problems the lines from {@link #problems}
	 * @return the message, one problem per line
	 */
	public static String message(List<String> problems) {
		return "Invalid pool configuration:\n  - " + String.join("\n  - ", problems);
	}

	private void check() {
		checkConnectionSource();
		checkSizes();
		checkTimeouts();
		checkSessionDefaults();
	}

	private void checkConnectionSource() {
		String name = this.config.name();
		if (name == null || name.isBlank()) {
			report("name", "must not be blank");
		}
		else if (!NAME.matcher(name).matches()) {
			report("name", quote(name) + " is not allowed; use 1 to 63 letters, digits, '-', '_' or '.'");
		}
		String url = this.config.url();
		if (url == null && this.config.dataSource() == null) {
			report("url", "must be set (or a dataSource given)");
		}
		else if (url != null && this.config.dataSource() != null) {
			report("url", "must not be set together with a dataSource; give only one of them");
		}
		else if (url != null && !url.startsWith("jdbc:")) {
			report("url", quote(Secrets.maskUrl(url)) + " is a malformed URL; it must start with 'jdbc:'");
		}
		checkDriverClass(this.config.driverClassName());
	}

	private void checkDriverClass(String className) {
		if (className == null) {
			return;
		}
		if (className.isBlank()) {
			report("driver-class-name", "must not be blank; leave it unset to let DriverManager find the driver");
			return;
		}
		try {
			if (!Driver.class.isAssignableFrom(loadClass(className))) {
				report("driver-class-name", quote(className) + " does not implement java.sql.Driver");
			}
		}
		catch (ClassNotFoundException ex) {
			report("driver-class-name", quote(className) + " was not found on the class path");
		}
		catch (LinkageError ex) {
			report("driver-class-name", quote(className) + " could not be loaded: " + ex);
		}
	}

	// Not initialized: a driver registers itself with DriverManager in its static
	// initializer, the engine's job.
	private static Class<?> loadClass(String className) throws ClassNotFoundException {
		ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
		if (contextLoader != null) {
			try {
				return Class.forName(className, false, contextLoader);
			}
			catch (ClassNotFoundException ex) {
				// Fall back to the loader that loaded the pool, as in an application
				// server's shared library.
			}
		}
		return Class.forName(className, false, PoolConfig.class.getClassLoader());
	}

	private void checkSizes() {
		Integer dbCores = this.config.sizingDbCores();
		if (dbCores != null) {
			range("sizing.db-cores", dbCores, 1, 1024);
		}
		range("sizing.effective-spindle-count", this.config.sizingEffectiveSpindleCount(), 0, 1024);
		range("sizing.instances", this.config.sizingInstances(), 1, 10_000);
		if (this.configured.contains("max-size")) {
			range("max-size", this.config.maxSize(), 1, 10_000);
		}
		else if (dbCores != null && (isBad("sizing.db-cores") || isBad("sizing.effective-spindle-count"))) {
			// The formula's result from bad inputs is meaningless; min-idle must not be
			// checked against it.
			this.bad.add("max-size");
		}
		if (this.configured.contains("min-idle")) {
			int maxSize = isBad("max-size") ? 10_000 : this.config.maxSize();
			String what = isBad("max-size") ? "10000" : "max-size (" + maxSize + ")";
			int minIdle = this.config.minIdle();
			if (minIdle < 0 || minIdle > maxSize) {
				report("min-idle", minIdle + " is not allowed; must be between 0 and " + what);
			}
		}
		range("max-overflow", this.config.maxOverflow(), 0, 10_000);
		range("max-waiters", this.config.maxWaiters(), 0, 1_000_000);
		OnExhausted onExhausted = this.config.onExhausted();
		if (onExhausted == null) {
			report("on-exhausted", "must not be null");
		}
		else if (onExhausted == OnExhausted.OVERFLOW && this.config.maxOverflow() < 1 && !isBad("max-overflow")) {
			report("on-exhausted",
					"overflow requires max-overflow of at least 1, but max-overflow is " + this.config.maxOverflow());
		}
	}

	private void checkTimeouts() {
		Duration connectionTimeout = this.config.connectionTimeout();
		duration("connection-timeout", connectionTimeout, MILLI, HOUR, null);
		boolean knownTimeout = !isBad("connection-timeout");
		// overflow-after only matters with on-exhausted=overflow; a default nobody uses
		// must not fail a start.
		boolean overflowUsed = this.config.onExhausted() == OnExhausted.OVERFLOW
				|| this.configured.contains("overflow-after");
		if (duration("overflow-after", this.config.overflowAfter(), Duration.ZERO, HOUR, null) && knownTimeout
				&& overflowUsed && this.config.overflowAfter().compareTo(connectionTimeout) >= 0) {
			report("overflow-after", value("overflow-after", this.config.overflowAfter())
					+ " is not allowed; must be less than connection-timeout (" + format(connectionTimeout) + ")");
		}
		boolean idleOk = duration("idle-timeout", this.config.idleTimeout(), Duration.ofMillis(10), DAY, "never");
		boolean lifetimeOk = duration("max-lifetime", this.config.maxLifetime(), Duration.ofMillis(100),
				Duration.ofDays(7), "never");
		Duration idle = this.config.idleTimeout();
		Duration lifetime = this.config.maxLifetime();
		// A default idle-timeout above a shorter max-lifetime is harmless (lifetime
		// retires first); only a
		// configured one is a contradiction worth failing for.
		if (idleOk && lifetimeOk && this.configured.contains("idle-timeout") && !idle.isZero() && !lifetime.isZero()
				&& idle.compareTo(lifetime) > 0) {
			report("idle-timeout", value("idle-timeout", idle) + " is not allowed; must not exceed max-lifetime ("
					+ value("max-lifetime", lifetime) + ")");
		}
		double jitter = this.config.lifetimeJitter();
		if (!(jitter >= 0 && jitter <= 0.5)) {
			String given = Double.isFinite(jitter) ? SettingParser.formatPercent(jitter) + " (" + jitter + ")"
					: String.valueOf(jitter);
			report("lifetime-jitter", given + " is not allowed; must be between 0% and 50%");
		}
		duration("keepalive-interval", this.config.keepaliveInterval(), Duration.ofMillis(10), DAY, "off");
		// The engine never lets a validation outlast a borrower's wait, so only a
		// configured validation-timeout
		// longer than connection-timeout is a contradiction.
		if (duration("validation-timeout", this.config.validationTimeout(), MILLI, HOUR, null) && knownTimeout
				&& this.configured.contains("validation-timeout")
				&& this.config.validationTimeout().compareTo(connectionTimeout) > 0) {
			report("validation-timeout", value("validation-timeout", this.config.validationTimeout())
					+ " is not allowed; must not exceed connection-timeout (" + format(connectionTimeout) + ")");
		}
		duration("validation-bypass", this.config.validationBypass(), Duration.ZERO, HOUR, null);
		duration("leak-detection-threshold", this.config.leakDetectionThreshold(), MILLI, DAY, "off");
		duration("initialization-timeout", this.config.initializationTimeout(), Duration.ZERO, HOUR, null);
		duration("shutdown-timeout", this.config.shutdownTimeout(), Duration.ZERO, HOUR, null);
	}

	private void checkSessionDefaults() {
		notBlank("validation-query", this.config.validationQuery(), "leave it unset to use Connection.isValid");
		notBlank("connection-init-sql", this.config.connectionInitSql(), "leave it unset for none");
		Integer isolation = this.config.transactionIsolation();
		if (isolation != null && SettingParser.isolationName(isolation).equals(String.valueOf(isolation))) {
			report("transaction-isolation", isolation + " is not allowed; use one of the Connection.TRANSACTION_* "
					+ "constants (read-uncommitted, read-committed, repeatable-read, serializable or none)");
		}
	}

	private void range(String key, int value, int min, int max) {
		if (!isBad(key) && (value < min || value > max)) {
			report(key, value + " is not allowed; must be between " + min + " and " + max);
		}
	}

	/**
	 * Checks {@code min <= value <= max}, or that value is zero when {@code zeroMeans}
	 * names what zero means.
	 * @return whether the value is good and may be compared with others
	 */
	private boolean duration(String key, Duration value, Duration min, Duration max, String zeroMeans) {
		if (isBad(key)) {
			return false;
		}
		if (value == null) {
			report(key, "must not be null");
			return false;
		}
		boolean zeroOk = zeroMeans != null && value.isZero();
		if (!zeroOk && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
			String allowed = ((zeroMeans != null) ? "0 (" + zeroMeans + ") or " : "") + "between " + format(min)
					+ " and " + format(max);
			report(key, value(key, value) + " is not allowed; must be " + allowed);
			return false;
		}
		return true;
	}

	private void notBlank(String key, String value, String hint) {
		if (value != null && value.isBlank()) {
			report(key, "must not be blank; " + hint);
		}
	}

	private boolean isBad(String key) {
		return this.bad.contains(key);
	}

	private void report(String key, String message) {
		this.problems.add(new Problem(key, key + ": " + message));
		this.bad.add(key);
	}

	// Marks a default, so "validation-timeout: 5s (default)" tells the reader which of
	// two settings to change.
	private String value(String key, Duration value) {
		return format(value) + (this.configured.contains(key) ? "" : " (default)");
	}

	private static String format(Duration duration) {
		return SettingParser.formatDuration(duration);
	}

	private static String quote(String text) {
		return SettingParser.quote(text);
	}

	private record Problem(String key, String line) {
	}

}
