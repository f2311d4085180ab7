package io.poolkit.internal;

import java.util.regex.Pattern;

/**
 * Masks secrets a JDBC URL may carry in its query string or user-info, so a URL can be shown in messages.
 */
public final class UrlMasker {

	private static final Pattern SECRET_PARAMETER = Pattern.compile(
			"(?i)([?&;](?:password|pwd|passwd|secret|token|sslpassword|[a-z]*key)=)[^&;]*");

	private static final Pattern USER_INFO = Pattern.compile("(//[^/:@?]*:)[^@/?]*@");

	private UrlMasker() {
	}

	/** The URL with every secret value replaced by {@code ******}. */
	public static String mask(String url) {
		if (url == null) {
			return null;
		}
		String masked = SECRET_PARAMETER.matcher(url).replaceAll("$1******");
		return USER_INFO.matcher(masked).replaceAll("$1******@");
	}

}
