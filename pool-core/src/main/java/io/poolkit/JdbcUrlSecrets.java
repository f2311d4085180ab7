package io.poolkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the secrets in a JDBC URL the way its driver splits the URL, for
 * {@link Secrets#maskUrl(String)}: each secret is a span of the URL, masked whole.
 */
final class JdbcUrlSecrets {

	// Query parameters as pgjdbc, Connector/J and MariaDB read them: a value runs to the
	// next '&'.
	private static final String QUERY = "?&";

	// MySQL's "(host=h,port=3306,password=p)" and "address=(host=h)(password=p)".
	private static final String HOST_KEY_VALUES = "(,";

	// What a URL of an unknown driver may use besides a query: ";a=b" (jTDS, Derby, H2,
	// Redshift) and ":a=b;" (DB2, Informix).
	private static final String ANY = "?&;:";

	private final String url;

	private final List<int[]> spans = new ArrayList<>();

	private JdbcUrlSecrets(String url) {
		this.url = url;
		find();
	}

	static String mask(String url) {
		return new JdbcUrlSecrets(url).masked();
	}

	/**
	 * The secrets of a URL as the spans {@link #mask} hides hold them, and each also
	 * percent-decoded (with and without {@code +} for a space) as a driver may quote it.
	 */
	static Set<String> values(String url) {
		JdbcUrlSecrets secrets = new JdbcUrlSecrets(url);
		Set<String> values = new LinkedHashSet<>();
		for (int[] span : secrets.spans) {
			String value = url.substring(span[0], span[1]);
			values.add(value);
			values.add(decode(value));
			values.add(decode(value.replace('+', ' ')));
		}
		return values;
	}

	private void find() {
		String lower = this.url.toLowerCase(Locale.ROOT);
		int subprotocol = lower.startsWith("jdbc:") ? 5 : 0;
		if (lower.startsWith("sqlserver:", subprotocol)) {
			// "jdbc:sqlserver://host;user=u;password={a;b}}c}": properties only.
			parameters(this.url.indexOf(';'), this.url.length(), ";", true);
			return;
		}
		boolean oracle = lower.startsWith("oracle:", subprotocol);
		boolean query = oracle || lower.startsWith("postgresql:", subprotocol) || lower.startsWith("mysql", subprotocol)
				|| lower.startsWith("mariadb:", subprotocol);
		String introducers = query ? QUERY : ANY;
		int authority = this.url.indexOf("//");
		int parameters = parameterStart(Math.max(authority, 0), introducers);
		if (oracle) {
			oracleCredentials(lower.indexOf(':', subprotocol + "oracle:".length()) + 1, parameters);
		}
		if (authority >= 0) {
			userInfo(authority + 2, parameters);
			int parenthesis = this.url.indexOf('(', authority);
			if (parenthesis >= 0 && parenthesis < parameters) {
				parameters(parenthesis, parameters, HOST_KEY_VALUES, false);
			}
		}
		parameters(parameters, this.url.length(), introducers, false);
	}

	/**
	 * {@code //user:password@host}: user info runs to the last {@code @} before the
	 * parameters, so a raw {@code @} or {@code /} in a password (which the driver cannot
	 * read either) is still hidden.
	 */
	private void userInfo(int start, int end) {
		int at = this.url.lastIndexOf('@', end - 1);
		int colon = this.url.indexOf(':', start);
		if (at > start && colon >= 0 && colon < at) {
			secret(colon + 1, at);
		}
	}

	/**
	 * Oracle's {@code thin:user/password@database}, the password in double quotes when it
	 * holds special characters.
	 */
	private void oracleCredentials(int start, int end) {
		if (start <= 0 || start >= this.url.length() || this.url.charAt(start) == '@') {
			return;
		}
		int slash = this.url.indexOf('/', start);
		int firstAt = this.url.indexOf('@', start);
		if (slash < 0 || (firstAt >= 0 && firstAt < slash)) {
			return;
		}
		int passwordStart = slash + 1;
		int quoteEnd = (this.url.startsWith("\"", passwordStart)) ? this.url.indexOf('"', passwordStart + 1) : -1;
		int at = (quoteEnd > 0) ? this.url.indexOf('@', quoteEnd) : this.url.lastIndexOf('@', end - 1);
		if (at > passwordStart) {
			secret(passwordStart, at);
		}
	}

	/**
	 * Finds {@code name=value} parameters between {@code from} (an introducer) and
	 * {@code end}, each after one of the introducers; a secret one's value runs to its
	 * terminator ({@code &} after {@code ?} or {@code &}, {@code ;} after {@code ;} or
	 * {@code :}, {@code ,} or {@code )} in parentheses), past braces when {@code braces}
	 * (SQL Server).
	 */
	private void parameters(int from, int end, String introducers, boolean braces) {
		int at = (from >= 0 && from < end) ? from : -1;
		while (at >= 0) {
			int equals = indexOfAny(introducers + "=", at + 1, end);
			if (equals < 0) {
				return;
			}
			if (this.url.charAt(equals) != '=') {
				at = equals;
				continue;
			}
			int valueStart = equals + 1;
			while (braces && valueStart < end && this.url.charAt(valueStart) == ' ') {
				valueStart++;
			}
			int valueEnd = valueEnd(valueStart, end, terminators(this.url.charAt(at)), braces);
			if (Secrets.isSecretName(decode(this.url.substring(at + 1, equals)).strip())) {
				if (valueEnd < end && introducers.indexOf(this.url.charAt(valueEnd)) >= 0) {
					valueEnd = fragmentsAfter(valueEnd, end, introducers);
				}
				secret(valueStart, valueEnd);
				at = indexOfAny(introducers, valueEnd, end);
			}
			else {
				// A plain value hides no parameter, unless it is in braces: look inside.
				at = indexOfAny(introducers, braces ? valueEnd : valueStart, end);
			}
		}
	}

	private static String terminators(char introducer) {
		return switch (introducer) {
			case '?', '&' -> "&";
			case '(', ',' -> ",)";
			default -> ";";
		};
	}

	private int valueEnd(int start, int end, String terminators, boolean braces) {
		int from = start;
		if (braces && this.url.startsWith("{", from)) {
			// "}}" stands for one '}' inside the braces.
			int close = this.url.indexOf('}', from + 1);
			while (close >= 0 && this.url.startsWith("}}", close)) {
				close = this.url.indexOf('}', close + 2);
			}
			from = (close >= 0) ? Math.min(close + 1, end) : end;
		}
		int terminator = indexOfAny(terminators, from, end);
		return (terminator >= 0) ? terminator : end;
	}

	// "password=a&b c&ssl=true": "b c" is no parameter, so it is the rest of a password
	// that held a raw '&' (or ';' where that separates).
	private int fragmentsAfter(int valueEnd, int end, String introducers) {
		int current = valueEnd;
		while (current < end - 1) {
			int next = indexOfAny(introducers + "=", current + 1, end);
			if (next >= 0 && this.url.charAt(next) == '=') {
				return current;
			}
			current = (next >= 0) ? next : end;
		}
		return current;
	}

	/**
	 * Where the parameters start: the first introducer followed by a name and {@code =},
	 * the name holding no {@code @} or {@code /} (those belong to user info and the
	 * path).
	 */
	private int parameterStart(int from, String introducers) {
		// '&' only follows a parameter, and may stand raw in user info.
		String first = introducers.replace("&", "");
		int end = this.url.length();
		int at = indexOfAny(first, from, end);
		while (at >= 0) {
			int next = indexOfAny(introducers + "=@/", at + 1, end);
			if (next >= 0 && this.url.charAt(next) == '=') {
				return at;
			}
			at = indexOfAny(first, at + 1, end);
		}
		return end;
	}

	private int indexOfAny(String chars, int from, int end) {
		for (int i = from; i < end; i++) {
			if (chars.indexOf(this.url.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}

	private void secret(int start, int end) {
		if (end > start) {
			this.spans.add(new int[] { start, end });
		}
	}

	private String masked() {
		if (this.spans.isEmpty()) {
			return this.url;
		}
		this.spans.sort(Comparator.comparingInt((int[] span) -> span[0]));
		StringBuilder masked = new StringBuilder(this.url.length());
		int copied = 0;
		for (int[] span : this.spans) {
			if (span[1] <= copied) {
				continue;
			}
			if (span[0] >= copied) {
				masked.append(this.url, copied, span[0]).append(Secrets.MASK);
			}
			copied = span[1];
		}
		return masked.append(this.url, copied, this.url.length()).toString();
	}

	// Lenient percent-decoding of a parameter name ("pass%77ord") or value; a malformed
	// escape is kept as it is.
	private static String decode(String text) {
		if (text.indexOf('%') < 0) {
			return text;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			int high = (c == '%' && i + 2 < text.length()) ? Character.digit(text.charAt(i + 1), 16) : -1;
			int low = (high >= 0) ? Character.digit(text.charAt(i + 2), 16) : -1;
			if (low >= 0) {
				bytes.write(high * 16 + low);
				i += 2;
			}
			else {
				byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				bytes.write(encoded, 0, encoded.length);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
