package io.poolkit.spring.boot.autoconfigure;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import io.poolkit.Secrets;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the pools' secrets in {@code /actuator/configprops} and {@code /actuator/env}.
 * Boot hides every value unless {@code management.endpoint.*.show-values} says otherwise,
 * but with {@code always} it shows them all, so this masks, under {@code app.pool} and
 * {@code spring.datasource} (where the application's pool's credentials may come from)
 * and under the prefix of every further pool (those a {@link PoolDataSourceFactory}
 * built, such as {@code app.reporting-pool}), by pool-core's one rule, {@link Secrets}:
 * the values of secret-looking names such as {@code password} or
 * {@code data-source-properties.sslpassword}, and the secrets inside a URL. Keys are
 * compared in any of Boot's relaxed forms, environment variables included.
 * <p>
 * Public so that {@code /actuator/pool} masks its settings by exactly these rules: one
 * set of rules means a secret hidden in one endpoint is hidden in all of them.
 */
public final class PoolSecretsSanitizingFunction implements SanitizingFunction {

	private static final List<String> ALWAYS = List.of("app.pool", "spring.datasource");

	private final Supplier<? extends Collection<String>> prefixes;

	/**
	 * Creates the function for {@code app.pool} and {@code spring.datasource}.
	 */
	public PoolSecretsSanitizingFunction() {
		this(List::of);
	}

	/**
	 * Creates the function for {@code app.pool}, {@code spring.datasource} and more
	 * prefixes.
	 * @param prefixes the prefixes of further pools, e.g. {@code app.reporting-pool},
	 * asked for on each call so that a pool created late is covered
	 */
	public PoolSecretsSanitizingFunction(Supplier<? extends Collection<String>> prefixes) {
		this.prefixes = prefixes;
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		Object value = data.getValue();
		if (value == null) {
			return data;
		}
		String key = normalize(data.getKey());
		// An environment variable may also stand for a '-' with '_'
		// (APP_REPORTING_POOL_URL for app.reporting-pool.url).
		boolean environmentVariable = data.getKey().indexOf('.') < 0;
		if (!isUnderPoolPrefix(key, environmentVariable)) {
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

	private boolean isUnderPoolPrefix(String key, boolean environmentVariable) {
		for (String prefix : ALWAYS) {
			if (isUnder(key, prefix, environmentVariable)) {
				return true;
			}
		}
		for (String prefix : this.prefixes.get()) {
			if (isUnder(key, prefix, environmentVariable)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isUnder(String key, String prefix, boolean environmentVariable) {
		String normalized = normalize(prefix);
		if (key.startsWith(normalized + ".")) {
			return true;
		}
		// Compared without separators, a looser test that can only mask more.
		return environmentVariable && key.replace(".", "").startsWith(normalized.replace(".", ""));
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
