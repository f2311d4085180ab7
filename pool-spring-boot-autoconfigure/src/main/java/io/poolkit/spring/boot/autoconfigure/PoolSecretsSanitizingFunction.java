package io.poolkit.spring.boot.autoconfigure;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the pool's secrets in {@code /actuator/configprops} and {@code /actuator/env}.
 * Boot hides every value unless {@code management.endpoint.*.show-values} says otherwise,
 * but with {@code always} it shows them all, so this masks, under {@code app.pool} and
 * {@code spring.datasource} (where the pool's credentials may come from): passwords,
 * other secret-looking keys such as {@code data-source-properties.sslpassword}, and the
 * password or secret parameters inside a JDBC URL. Keys are compared in any of Boot's
 * relaxed forms, environment variables included.
 * <p>
 * Public so that {@code /actuator/pool} masks its settings by exactly these rules: one
 * set of rules means a secret hidden in one endpoint is hidden in all of them.
 */
public final class PoolSecretsSanitizingFunction implements SanitizingFunction {

	private static final String MASK = SanitizableData.SANITIZED_VALUE;

	// "//user:secret@host" in URLs that carry credentials as user info.
	private static final Pattern USER_INFO = Pattern.compile("(//[^/?#@:]*:)[^/?#@]*@");

	// "?password=x", "&sslpassword=x", ";password=x".
	private static final Pattern PARAMETER = Pattern.compile("([?&;])([^=&;?#/]+)=([^&;#]*)");

	/**
	 * Creates the function; it holds no state.
	 */
	public PoolSecretsSanitizingFunction() {
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		Object value = data.getValue();
		if (value == null) {
			return data;
		}
		String key = normalize(data.getKey());
		if (!key.startsWith("app.pool.") && !key.startsWith("spring.datasource.")) {
			return data;
		}
		String name = key.substring(key.lastIndexOf('.') + 1);
		if (isSecretName(name)) {
			return data.withSanitizedValue();
		}
		if (name.equals("url") && value instanceof CharSequence url) {
			String masked = maskUrl(url.toString());
			return masked.equals(url.toString()) ? data : data.withValue(masked);
		}
		return data;
	}

	/**
	 * Masks the secrets in a JDBC URL.
	 * @param url the URL
	 * @return the URL with a user-info password and secret-looking parameter values
	 * masked
	 */
	static String maskUrl(String url) {
		String masked = USER_INFO.matcher(url).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
		Matcher parameter = PARAMETER.matcher(masked);
		StringBuilder result = new StringBuilder();
		while (parameter.find()) {
			String replacement = isSecretName(parameter.group(2).toLowerCase(Locale.ROOT))
					? parameter.group(1) + parameter.group(2) + "=" + MASK : parameter.group();
			parameter.appendReplacement(result, Matcher.quoteReplacement(replacement));
		}
		parameter.appendTail(result);
		return result.toString();
	}

	private static boolean isSecretName(String name) {
		return name.contains("password") || name.contains("secret") || name.contains("token") || name.endsWith("key")
				|| name.contains("credential");
	}

	// "APP_POOL_DATASOURCEPROPERTIES_SSLPASSWORD",
	// "app.pool.dataSourceProperties.sslPassword" and
	// "app.pool.data-source-properties[sslpassword]" all become
	// "app.pool.datasourceproperties.sslpassword".
	private static String normalize(String key) {
		StringBuilder normalized = new StringBuilder(key.length());
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c == '_' || c == '[') {
				normalized.append('.');
			}
			else if (c != '-' && c != ']') {
				normalized.append(Character.toLowerCase(c));
			}
		}
		return normalized.toString();
	}

}
