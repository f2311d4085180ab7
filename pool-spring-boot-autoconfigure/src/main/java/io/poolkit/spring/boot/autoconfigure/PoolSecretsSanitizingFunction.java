package io.poolkit.spring.boot.autoconfigure;

import io.poolkit.Secrets;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the pool's secrets in {@code /actuator/configprops} and {@code /actuator/env}.
 * Boot hides every value unless {@code management.endpoint.*.show-values} says otherwise,
 * but with {@code always} it shows them all, so this masks, under {@code app.pool} and
 * {@code spring.datasource} (where the pool's credentials may come from), by pool-core's
 * one rule, {@link Secrets}: the values of secret-looking names such as {@code password}
 * or {@code data-source-properties.sslpassword}, and the secrets inside a URL. Keys are
 * compared in any of Boot's relaxed forms, environment variables included.
 * <p>
 * Public so that {@code /actuator/pool} masks its settings by exactly these rules: one
 * set of rules means a secret hidden in one endpoint is hidden in all of them.
 */
public final class PoolSecretsSanitizingFunction implements SanitizingFunction {

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
		if (Secrets.isSecretName(name)) {
			return data.withSanitizedValue();
		}
		if (Secrets.isUrlName(name) && value instanceof CharSequence url) {
			String masked = Secrets.maskUrl(url.toString());
			return masked.equals(url.toString()) ? data : data.withValue(masked);
		}
		return data;
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
