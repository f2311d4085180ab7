package io.poolkit.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import io.poolkit.PoolConfig;

/**
 * Applies settings given as text under their kebab-case names to a
 * {@link PoolConfig.Builder}: the one place that knows which names exist and how each
 * one's text is read.
 */
public final class SettingBinder {

	/**
	 * The prefix of driver connection properties, e.g.
	 * {@code data-source-properties.ssl}.
	 */
	public static final String DATA_SOURCE_PROPERTIES_PREFIX = "data-source-properties.";

	/**
	 * Every setting name that takes text, in the order of the settings table;
	 * {@code data-source-properties} stands for every key under
	 * {@link #DATA_SOURCE_PROPERTIES_PREFIX}.
	 */
	public static final List<String> KEYS = List.of("name", "url", "username", "password", "driver-class-name",
			"data-source-properties", "max-size", "min-idle", "sizing.db-cores", "sizing.effective-spindle-count",
			"sizing.instances", "connection-timeout", "on-exhausted", "max-overflow", "overflow-after", "max-waiters",
			"idle-timeout", "max-lifetime", "lifetime-jitter", "keepalive-interval", "validation-query",
			"validation-timeout", "validation-bypass", "leak-detection-threshold", "initialization-timeout",
			"connection-init-sql", "auto-commit", "transaction-isolation", "read-only", "catalog", "schema",
			"shutdown-timeout", "register-mbeans", "pgbouncer");

	private SettingBinder() {
	}

	/**
	 * Whether a key names a setting: one of {@link #KEYS} or a
	 * {@code data-source-properties.<name>} entry.
	 * @param key the key
	 * @return whether {@link #apply} accepts it
	 */
	public static boolean isKnown(String key) {
		if (key.startsWith(DATA_SOURCE_PROPERTIES_PREFIX)) {
			return key.length() > DATA_SOURCE_PROPERTIES_PREFIX.length();
		}
		return !key.equals("data-source-properties") && KEYS.contains(key);
	}

	/**
	 * The position of a key's setting in {@link #KEYS}, so problems can be listed in the
	 * table's order.
	 * @param key a setting name or any other key
	 * @return its index, or {@code KEYS.size()} for an unknown key
	 */
	public static int order(String key) {
		String setting = key.startsWith(DATA_SOURCE_PROPERTIES_PREFIX) ? "data-source-properties" : key;
		int index = KEYS.indexOf(setting);
		return (index >= 0) ? index : KEYS.size();
	}

	/**
	 * Parses a value and sets it on the builder. Names, URLs and class names are trimmed,
	 * since a trailing blank in a properties file is invisible and never meant; other
	 * text settings (passwords, SQL) are taken verbatim.
	 * @param builder the builder
	 * @param key a {@linkplain #isKnown known} key
	 * @param value the text
	 * @throws IllegalArgumentException if the text cannot be parsed, with a message that
	 * does not name the key
	 */
	public static void apply(PoolConfig.Builder builder, String key, String value) {
		switch (key) {
			case "name" -> builder.name(value.trim());
			case "url" -> builder.url(value.trim());
			case "username" -> builder.username(value);
			case "password" -> builder.password(value);
			case "driver-class-name" -> builder.driverClassName(value.trim());
			case "max-size" -> builder.maxSize(SettingParser.parseInt(value));
			case "min-idle" -> builder.minIdle(SettingParser.parseInt(value));
			case "sizing.db-cores" -> builder.sizingDbCores(SettingParser.parseInt(value));
			case "sizing.effective-spindle-count" -> builder.sizingEffectiveSpindleCount(SettingParser.parseInt(value));
			case "sizing.instances" -> builder.sizingInstances(SettingParser.parseInt(value));
			case "connection-timeout" -> builder.connectionTimeout(SettingParser.parseDuration(value));
			case "on-exhausted" -> builder.onExhausted(SettingParser.parseOnExhausted(value));
			case "max-overflow" -> builder.maxOverflow(SettingParser.parseInt(value));
			case "overflow-after" -> builder.overflowAfter(SettingParser.parseDuration(value));
			case "max-waiters" -> builder.maxWaiters(SettingParser.parseInt(value));
			case "idle-timeout" -> builder.idleTimeout(SettingParser.parseDuration(value));
			case "max-lifetime" -> builder.maxLifetime(SettingParser.parseDuration(value));
			case "lifetime-jitter" -> builder.lifetimeJitter(SettingParser.parseFraction(value));
			case "keepalive-interval" -> builder.keepaliveInterval(SettingParser.parseDuration(value));
			case "validation-query" -> builder.validationQuery(value);
			case "validation-timeout" -> builder.validationTimeout(SettingParser.parseDuration(value));
			case "validation-bypass" -> builder.validationBypass(SettingParser.parseDuration(value));
			case "leak-detection-threshold" -> builder.leakDetectionThreshold(SettingParser.parseDuration(value));
			case "initialization-timeout" -> builder.initializationTimeout(SettingParser.parseDuration(value));
			case "connection-init-sql" -> builder.connectionInitSql(value);
			case "auto-commit" -> builder.autoCommit(SettingParser.parseBoolean(value));
			case "transaction-isolation" -> builder.transactionIsolation(SettingParser.parseIsolation(value));
			case "read-only" -> builder.readOnly(SettingParser.parseBoolean(value));
			case "catalog" -> builder.catalog(value);
			case "schema" -> builder.schema(value);
			case "shutdown-timeout" -> builder.shutdownTimeout(SettingParser.parseDuration(value));
			case "register-mbeans" -> builder.registerMbeans(SettingParser.parseBoolean(value));
			case "pgbouncer" -> builder.pgbouncer(SettingParser.parseBoolean(value));
			default -> {
				if (!key.startsWith(DATA_SOURCE_PROPERTIES_PREFIX)) {
					throw new IllegalArgumentException("unknown setting " + SettingParser.quote(key));
				}
				builder.dataSourceProperty(key.substring(DATA_SOURCE_PROPERTIES_PREFIX.length()), value);
			}
		}
	}

	/**
	 * The problem line for an unknown key, suggesting the setting it was probably meant
	 * to be: the camelCase or snake_case spelling of a real name, or the one closest
	 * within two edits.
	 * @param key the unknown key
	 * @return e.g. {@code unknown setting 'max-sise'; did you mean 'max-size'?}
	 */
	public static String unknownKeyMessage(String key) {
		String message = "unknown setting " + SettingParser.quote(key);
		String suggestion = suggest(key);
		return (suggestion != null) ? message + "; did you mean " + SettingParser.quote(suggestion) + "?" : message;
	}

	private static String suggest(String key) {
		if (key.equals("data-source-properties") || key.equals(DATA_SOURCE_PROPERTIES_PREFIX)) {
			return DATA_SOURCE_PROPERTIES_PREFIX + "<name>";
		}
		String kebab = toKebabCase(key);
		if (isKnown(kebab)) {
			return kebab;
		}
		String best = null;
		int bestDistance = 3;
		for (String candidate : KEYS) {
			int distance = editDistance(kebab, candidate);
			if (distance < bestDistance && !candidate.equals("data-source-properties")) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return best;
	}

	private static String toKebabCase(String key) {
		StringBuilder kebab = new StringBuilder(key.length() + 4);
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(key.charAt(i - 1))) {
				kebab.append('-');
			}
			kebab.append((c == '_') ? '-' : Character.toLowerCase(c));
		}
		return kebab.toString().toLowerCase(Locale.ROOT);
	}

	// Levenshtein distance; keys are short, so the plain two-row version is plenty.
	private static int editDistance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/**
	 * The entries of a {@code Properties} as strings, sorted by key, including its
	 * defaults; values that are not strings (a {@code Properties} used as a map) are read
	 * through {@link String#valueOf(Object)} rather than silently dropped as
	 * {@link Properties#stringPropertyNames()} would.
	 * @param properties the properties
	 * @return the entries
	 */
	public static Map<String, String> flatten(Properties properties) {
		Map<String, String> entries = new TreeMap<>();
		for (String name : properties.stringPropertyNames()) {
			entries.put(name, properties.getProperty(name));
		}
		properties.forEach((key, value) -> entries.putIfAbsent(String.valueOf(key), String.valueOf(value)));
		return entries;
	}

}
