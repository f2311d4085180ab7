package io.poolkit;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text forms of settings, for {@link PoolSetting}'s rows. Every parse trims its input
 * and throws an {@link IllegalArgumentException} that quotes the text and says what is
 * accepted, without naming the setting: callers prefix the name they know.
 */
final class SettingParser {

	// The unit is optional: a plain number means milliseconds, as in the settings table.
	private static final Pattern SIMPLE_DURATION = Pattern.compile("([+-]?[0-9]+)\\s*(ms|s|m|h|d)?",
			Pattern.CASE_INSENSITIVE);

	// ASCII digits only: Integer.parseInt would also take other scripts' digits, which
	// nobody means in a config.
	private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");

	// Deliberately narrower than Double.parseDouble, which takes NaN, Infinity, hex and a
	// trailing 'd'.
	private static final Pattern FRACTION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)\\s*(%?)");

	private static final String[] ISOLATION_NAMES = { "none", "read-uncommitted", "read-committed", null,
			"repeatable-read", null, null, null, "serializable" };

	private SettingParser() {
	}

	/**
	 * {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}, {@code 250} or
	 * ISO-8601; never negative.
	 */
	static Duration parseDuration(String text) {
		String value = text.trim();
		Duration duration;
		try {
			Matcher simple = SIMPLE_DURATION.matcher(value);
			if (simple.matches()) {
				long amount = Long.parseLong(simple.group(1));
				String unit = (simple.group(2) != null) ? simple.group(2).toLowerCase(Locale.ROOT) : "ms";
				duration = switch (unit) {
					case "ms" -> Duration.ofMillis(amount);
					case "s" -> Duration.ofSeconds(amount);
					case "m" -> Duration.ofMinutes(amount);
					case "h" -> Duration.ofHours(amount);
					default -> Duration.ofDays(amount);
				};
			}
			else {
				duration = Duration.parse(value);
			}
		}
		catch (NumberFormatException | ArithmeticException ex) {
			throw new IllegalArgumentException(quote(text) + " is too large for a duration");
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					quote(text) + " is not a duration; use e.g. 500ms, 30s, 10m or plain milliseconds");
		}
		if (duration.isNegative()) {
			throw new IllegalArgumentException(quote(text) + " is not allowed; a duration must not be negative");
		}
		return duration;
	}

	/**
	 * The largest whole unit of {@code d}, {@code h}, {@code m}, {@code s} or {@code ms},
	 * {@code 0} for zero, ISO-8601 below a millisecond; {@code "null"} for {@code null}.
	 */
	static String formatDuration(Duration duration) {
		if (duration == null) {
			return "null";
		}
		if (duration.isNegative()) {
			return "-" + formatDuration(duration.negated());
		}
		if (duration.isZero()) {
			return "0";
		}
		if (duration.getNano() % 1_000_000 != 0 || duration.getSeconds() >= Long.MAX_VALUE / 1000) {
			return duration.toString();
		}
		long millis = duration.toMillis();
		long[] units = { 86_400_000, 3_600_000, 60_000, 1000, 1 };
		String[] suffixes = { "d", "h", "m", "s", "ms" };
		int unit = 0;
		while (millis % units[unit] != 0) {
			unit++;
		}
		return (millis / units[unit]) + suffixes[unit];
	}

	/** A decimal whole number that fits in an {@code int}. */
	static int parseInt(String text) {
		String value = text.trim();
		if (!WHOLE_NUMBER.matcher(value).matches()) {
			throw new IllegalArgumentException(quote(text) + " is not a whole number");
		}
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(quote(text) + " is out of range for a whole number");
		}
	}

	/**
	 * {@code true} or {@code false} in any case, nothing else: a typo is no silent false.
	 */
	static boolean parseBoolean(String text) {
		String value = text.trim();
		if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
			return value.equalsIgnoreCase("true");
		}
		throw new IllegalArgumentException(quote(text) + " is not a boolean; use true or false");
	}

	/**
	 * A non-negative fraction as a percentage ({@code 10%}) or a number ({@code 0.1}).
	 */
	static double parseFraction(String text) {
		Matcher matcher = FRACTION.matcher(text.trim());
		if (!matcher.matches()) {
			throw new IllegalArgumentException(quote(text) + " is not a fraction; use e.g. 10% or 0.1");
		}
		BigDecimal number = new BigDecimal(matcher.group(1));
		// BigDecimal keeps "10%" exactly 0.1 rather than 10 * 0.01.
		return matcher.group(2).isEmpty() ? number.doubleValue() : number.movePointLeft(2).doubleValue();
	}

	/** {@code 10%} for {@code 0.1}. */
	static String formatPercent(double fraction) {
		if (!Double.isFinite(fraction)) {
			return String.valueOf(fraction);
		}
		return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
	}

	/**
	 * A {@code Connection.TRANSACTION_*} level by name ({@code read-committed}), in any
	 * case, {@code -} or {@code _} between words, with or without {@code TRANSACTION_}.
	 */
	static int parseIsolation(String text) {
		String value = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
		value = value.startsWith("transaction-") ? value.substring("transaction-".length()) : value;
		int level = Arrays.asList(ISOLATION_NAMES).indexOf(value);
		if (level < 0) {
			throw new IllegalArgumentException(quote(text) + " is not a transaction isolation level; use "
					+ "read-uncommitted, read-committed, repeatable-read, serializable or none");
		}
		return level;
	}

	/**
	 * {@code read-committed} for {@link Connection#TRANSACTION_READ_COMMITTED}; an
	 * undefined level as its number.
	 */
	static String isolationName(Integer level) {
		boolean named = level != null && level >= 0 && level < ISOLATION_NAMES.length && ISOLATION_NAMES[level] != null;
		return named ? ISOLATION_NAMES[level] : String.valueOf(level);
	}

	/**
	 * A constant of an enum by its kebab-case name, in any case and ignoring {@code -}
	 * and {@code _}: {@code fail-fast}, {@code FAIL_FAST} and {@code failFast} alike.
	 */
	static <E extends Enum<E>> E parseEnum(Class<E> type, String text) {
		String wanted = text.trim().replace("-", "").replace("_", "");
		for (E constant : type.getEnumConstants()) {
			if (constant.name().replace("_", "").equalsIgnoreCase(wanted)) {
				return constant;
			}
		}
		String[] names = Arrays.stream(type.getEnumConstants()).map(SettingParser::enumName).toArray(String[]::new);
		String last = names[names.length - 1];
		String others = String.join(", ", Arrays.copyOf(names, names.length - 1));
		throw new IllegalArgumentException(quote(text) + " is not allowed; use " + others + " or " + last);
	}

	/** {@code fail-fast} for {@link OnExhausted#FAIL_FAST}. */
	static String enumName(Enum<?> constant) {
		return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	static String quote(String text) {
		return "'" + text + "'";
	}

}
