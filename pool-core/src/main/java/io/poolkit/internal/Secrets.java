package io.poolkit.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text meant for people: logs, {@code toString()}, error messages.
 * Configuration ends up in all three, and a password there is a password leaked.
 */
public final class Secrets {

	/** What a secret is replaced with. */
	public static final String MASK = "******";

	// "?password=x", "&sslpassword=x" and SQL Server's ";password=x"; the name is tested
	// by isSecretKey.
	private static final Pattern URL_PARAMETER = Pattern.compile("([?&;])([^=&;?#/]+)=([^&;#]*)");

	// "//user:secret@host" in URLs that carry credentials as user info.
	private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/?#@:]*:)[^/?#@]*@");

	// Oracle's "jdbc:oracle:thin:user/secret@host".
	private static final Pattern ORACLE_THIN = Pattern.compile("(:thin:[^/@:]+/)[^@]*@");

	private Secrets() {
	}

	/**
	 * Whether a property name looks like it holds a secret: it contains {@code password},
	 * {@code secret}, {@code token} or {@code key}, in any case.
	 * @param name the property name
	 * @return whether its value must be masked
	 */
	public static boolean isSecretKey(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.contains("password") || lower.contains("secret") || lower.contains("token")
				|| lower.contains("key");
	}

	/**
	 * Masks a value when its name {@linkplain #isSecretKey looks secret}.
	 * @param name the property name
	 * @param value the value, may be {@code null}
	 * @return the value, or {@link #MASK} in its place
	 */
	public static String maskValue(String name, String value) {
		return (value != null && isSecretKey(name)) ? MASK : value;
	}

	/**
	 * Masks the secrets in a JDBC URL: the value of every parameter whose name
	 * {@linkplain #isSecretKey looks secret}, and a password given as user info
	 * ({@code //user:secret@host}, {@code thin:user/secret@host}).
	 * @param url the URL, may be {@code null}
	 * @return the URL with its secrets replaced by {@link #MASK}
	 */
	public static String maskUrl(String url) {
		if (url == null) {
			return null;
		}
		String masked = URL_USER_INFO.matcher(url).replaceAll("$1" + MASK + "@");
		masked = ORACLE_THIN.matcher(masked).replaceAll("$1" + MASK + "@");
		Matcher parameter = URL_PARAMETER.matcher(masked);
		StringBuilder result = new StringBuilder();
		while (parameter.find()) {
			String replacement = isSecretKey(parameter.group(2)) ? parameter.group(1) + parameter.group(2) + "=" + MASK
					: parameter.group();
			parameter.appendReplacement(result, Matcher.quoteReplacement(replacement));
		}
		parameter.appendTail(result);
		return result.toString();
	}

}
