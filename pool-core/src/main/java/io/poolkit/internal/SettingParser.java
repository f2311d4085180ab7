package io.poolkit.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.poolkit.OnExhausted;
import io.poolkit.SizingMode;

/**
 * Parses and formats the text forms of pool settings: durations, whole numbers, booleans,
 * fractions, isolation levels and {@link OnExhausted} values. Every parse method trims
 * its input and throws an {@link IllegalArgumentException} whose message quotes the text
 * and says what is accepted, without naming the setting, so that callers (the
 * {@code PoolConfig} builder, the Spring Boot module) can prefix the name they know.
 */
public final class SettingParser {

	/** The hint appended to every duration parse error. */
	public static final String DURATION_HINT = "use e.g. 500ms, 30s, 10m or plain milliseconds";

	// The unit is optional: a plain number means milliseconds, as in the settings table.
	private static final Pattern SIMPLE_DURATION = Pattern.compile("([+-]?[0-9]+)\\s*(ms|s|m|h|d)?",
			Pattern.CASE_INSENSITIVE);

	// ASCII digits only: Integer.parseInt would also take other scripts' digits, which
	// nobody means in a config.
	private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");

	// Deliberately narrower than Double.parseDouble, which takes NaN, Infinity, hex and a
	// trailing 'd'.
	private static final Pattern FRACTION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)\\s*(%?)");

	private static final long SECOND = 1000;

	private static final long MINUTE = 60 * SECOND;

	private static final long HOUR = 60 * MINUTE;

	private static final long DAY = 24 * HOUR;

	private SettingParser() {
	}

	/**
	 * Parses a non-negative duration: {@code 500ms}, {@code 30s}, {@code 10m},
	 * {@code 2h}, {@code 1d} (units case-insensitive), plain milliseconds such as
	 * {@code 250}, or ISO-8601 such as {@code PT30S}.
	 * @param text the text; surrounding whitespace is ignored
	 * @return the duration, never negative
	 * @throws IllegalArgumentException if the text is malformed, negative or too large
	 */
	public static Duration parseDuration(String text) {
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
			throw new IllegalArgumentException(quote(text) + " is not a duration; " + DURATION_HINT);
		}
		if (duration.isNegative()) {
			throw new IllegalArgumentException(quote(text) + " is not allowed; a duration must not be negative");
		}
		return duration;
	}

	/**
	 * Formats a duration in the short form {@link #parseDuration} reads back: the largest
	 * whole unit of {@code d}, {@code h}, {@code m}, {@code s} or {@code ms}, or ISO-8601
	 * when it has a sub-millisecond part.
	 * @param duration the duration, may be {@code null}
	 * @return e.g. {@code 30s}, {@code 1500ms}, {@code 0}, or {@code null}
	 */
	public static String formatDuration(Duration duration) {
		if (duration == null) {
			return "null";
		}
		try {
			if (duration.isNegative()) {
				return "-" + formatDuration(duration.negated());
			}
			if (duration.getNano() % 1_000_000 != 0) {
				return duration.toString();
			}
			long millis = duration.toMillis();
			if (millis == 0) {
				return "0";
			}
			for (long unit : new long[] { DAY, HOUR, MINUTE, SECOND }) {
				if (millis % unit == 0) {
					return (millis / unit) + unitSuffix(unit);
				}
			}
			return millis + "ms";
		}
		catch (ArithmeticException ex) {
			// Beyond Long.MAX_VALUE milliseconds; ISO-8601 still says it exactly.
			return duration.toString();
		}
	}

	private static String unitSuffix(long unit) {
		return (unit == DAY) ? "d" : (unit == HOUR) ? "h" : (unit == MINUTE) ? "m" : "s";
	}

	/**
	 * Parses a decimal whole number that fits in an {@code int}.
	 * @param text the text; surrounding whitespace is ignored
	 * @return the number
	 * @throws IllegalArgumentException if the text is not a decimal whole number or out
	 * of the {@code int} range
	 */
	public static int parseInt(String text) {
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
	 * Parses {@code true} or {@code false}, case-insensitively; nothing else (no
	 * {@code yes}, {@code 1}), so a typo is an error rather than a silent {@code false}.
	 * @param text the text; surrounding whitespace is ignored
	 * @return the value
	 * @throws IllegalArgumentException if the text is neither
	 */
	public static boolean parseBoolean(String text) {
		String value = text.trim();
		if (value.equalsIgnoreCase("true")) {
			return true;
		}
		if (value.equalsIgnoreCase("false")) {
			return false;
		}
		throw new IllegalArgumentException(quote(text) + " is not a boolean; use true or false");
	}

	/**
	 * Parses a non-negative fraction written as a percentage ({@code 10%}) or a plain
	 * number ({@code 0.1}).
	 * @param text the text; surrounding whitespace is ignored
	 * @return the fraction, e.g. {@code 0.1} for both examples
	 * @throws IllegalArgumentException if the text is neither form
	 */
	public static double parseFraction(String text) {
		Matcher matcher = FRACTION.matcher(text.trim());
		if (!matcher.matches()) {
			throw new IllegalArgumentException(quote(text) + " is not a fraction; use e.g. 10% or 0.1");
		}
		BigDecimal number = new BigDecimal(matcher.group(1));
		// BigDecimal keeps "10%" exactly 0.1 rather than 10 * 0.01.
		return matcher.group(2).isEmpty() ? number.doubleValue() : number.movePointLeft(2).doubleValue();
	}

	/**
	 * Formats a fraction as a percentage, e.g. {@code 10%} for {@code 0.1}.
	 * @param fraction the fraction
	 * @return the percentage text
	 */
	public static String formatPercent(double fraction) {
		if (!Double.isFinite(fraction)) {
			return String.valueOf(fraction);
		}
		return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
	}

	/**
	 * Parses a transaction isolation level: {@code read-uncommitted},
	 * {@code read-committed}, {@code repeatable-read}, {@code serializable} or
	 * {@code none}, case-insensitively, with {@code -} or {@code _} between words and an
	 * optional {@code TRANSACTION_} prefix as in the {@link Connection} constants.
	 * @param text the text; surrounding whitespace is ignored
	 * @return the matching {@code Connection.TRANSACTION_*} constant
	 * @throws IllegalArgumentException if the text names no level
	 */
	public static int parseIsolation(String text) {
		String value = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
		if (value.startsWith("TRANSACTION_")) {
			value = value.substring("TRANSACTION_".length());
		}
		return switch (value) {
			case "NONE" -> Connection.TRANSACTION_NONE;
			case "READ_UNCOMMITTED" -> Connection.TRANSACTION_READ_UNCOMMITTED;
			case "READ_COMMITTED" -> Connection.TRANSACTION_READ_COMMITTED;
			case "REPEATABLE_READ" -> Connection.TRANSACTION_REPEATABLE_READ;
			case "SERIALIZABLE" -> Connection.TRANSACTION_SERIALIZABLE;
			default -> throw new IllegalArgumentException(quote(text) + " is not a transaction isolation level; use "
					+ "read-uncommitted, read-committed, repeatable-read, serializable or none");
		};
	}

	/**
	 * Names a {@code Connection.TRANSACTION_*} constant in the form
	 * {@link #parseIsolation} reads.
	 * @param level the constant, may be {@code null}
	 * @return e.g. {@code read-committed}; the number itself for a level JDBC does not
	 * define
	 */
	public static String isolationName(Integer level) {
		if (level == null) {
			return "null";
		}
		return switch (level) {
			case Connection.TRANSACTION_NONE -> "none";
			case Connection.TRANSACTION_READ_UNCOMMITTED -> "read-uncommitted";
			case Connection.TRANSACTION_READ_COMMITTED -> "read-committed";
			case Connection.TRANSACTION_REPEATABLE_READ -> "repeatable-read";
			case Connection.TRANSACTION_SERIALIZABLE -> "serializable";
			default -> String.valueOf(level);
		};
	}

	/**
	 * Parses an {@link OnExhausted} value: {@code wait}, {@code fail-fast} or
	 * {@code overflow}, case-insensitively and ignoring {@code -} and {@code _}, so
	 * {@code FAIL_FAST} and {@code failFast} work too.
	 * @param text the text; surrounding whitespace is ignored
	 * @return the value
	 * @throws IllegalArgumentException if the text names no value
	 */
	public static OnExhausted parseOnExhausted(String text) {
		String value = text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
		return switch (value) {
			case "wait" -> OnExhausted.WAIT;
			case "failfast" -> OnExhausted.FAIL_FAST;
			case "overflow" -> OnExhausted.OVERFLOW;
			default ->
				throw new IllegalArgumentException(quote(text) + " is not allowed; use wait, fail-fast or overflow");
		};
	}

	/**
	 * Names an {@link OnExhausted} value in its setting form.
	 * @param value the value, may be {@code null}
	 * @return e.g. {@code fail-fast}
	 */
	public static String onExhaustedName(OnExhausted value) {
		return (value != null) ? value.name().toLowerCase(Locale.ROOT).replace('_', '-') : "null";
	}

	/**
	 * Parses a {@link SizingMode} value: {@code fixed} or {@code adaptive},
	 * case-insensitively.
	 * @param text the text; surrounding whitespace is ignored
	 * @return the value
	 * @throws IllegalArgumentException if the text names no value
	 */
	public static SizingMode parseSizingMode(String text) {
		return switch (text.trim().toLowerCase(Locale.ROOT)) {
			case "fixed" -> SizingMode.FIXED;
			case "adaptive" -> SizingMode.ADAPTIVE;
			default -> throw new IllegalArgumentException(quote(text) + " is not allowed; use fixed or adaptive");
		};
	}

	/**
	 * Names a {@link SizingMode} value in its setting form.
	 * @param value the value, may be {@code null}
	 * @return {@code fixed} or {@code adaptive}
	 */
	public static String sizingModeName(SizingMode value) {
		return (value != null) ? value.name().toLowerCase(Locale.ROOT) : "null";
	}

	/**
	 * Quotes a value given as text for an error message.
	 * @param text the text
	 * @return the text in single quotes
	 */
	public static String quote(String text) {
		return "'" + text + "'";
	}

}
