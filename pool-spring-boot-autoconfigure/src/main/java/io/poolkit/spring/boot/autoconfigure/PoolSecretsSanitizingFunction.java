package io.poolkit.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.poolkit.Secrets;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

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
 * Given the {@link Environment}, it also masks the properties such a secret refers to
 * through placeholders, which {@code /actuator/env} lists under their own names: with
 * {@code app.pool.password=${ORDERS_DB_PASSWORD}} the value of
 * {@code ORDERS_DB_PASSWORD}, with {@code spring.datasource.url=${JDBC_DATABASE_URL}} the
 * secrets inside {@code JDBC_DATABASE_URL}. The references are read from the unresolved
 * values in the property sources, {@code ${NAME:default}} and nested placeholders
 * included, and followed through the properties they name; a placeholder inside a URL
 * hides its property's whole value where the URL's secret stands
 * ({@code ?password=${DB_PASSWORD}}), and the secrets of a URL elsewhere (the whole URL).
 * Names are compared without case or separators, as an environment variable may stand for
 * a property.
 * <p>
 * Public so that {@code /actuator/pool} masks its settings by exactly these rules: one
 * set of rules means a secret hidden in one endpoint is hidden in all of them.
 */
public final class PoolSecretsSanitizingFunction implements SanitizingFunction {

	private static final List<String> ALWAYS = List.of("app.pool", "spring.datasource");

	/** Placeholders followed through the properties they name at most, against cycles. */
	private static final int MAX_DEPTH = 8;

	/**
	 * How long a scan of the property sources is reused while they stay the same objects:
	 * long enough for one endpoint pass, short enough that a value changed in place is
	 * seen by the next request.
	 */
	private static final long REUSE_NANOS = Duration.ofSeconds(1).toNanos();

	private final Supplier<? extends Collection<String>> prefixes;

	private final @Nullable ConfigurableEnvironment environment;

	private final LongSupplier nanoTime;

	/**
	 * The references found by the last scan of the property sources. An endpoint pass
	 * calls {@link #apply} once per property, hundreds or thousands of times (a
	 * Kubernetes pod's service-link variables), and a scan reads them all: one scan
	 * serves a pass. Immutable, so threads share it without a lock; two that rebuild it
	 * at once find the same.
	 */
	private volatile @Nullable References references;

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
		this(prefixes, null);
	}

	/**
	 * Creates the function for {@code app.pool}, {@code spring.datasource} and more
	 * prefixes, masking also the properties their secrets refer to through placeholders.
	 * @param prefixes the prefixes of further pools, e.g. {@code app.reporting-pool},
	 * asked for on each call so that a pool created late is covered
	 * @param environment the environment whose property sources hold the unresolved
	 * values, or {@code null} to follow no placeholder
	 */
	PoolSecretsSanitizingFunction(Supplier<? extends Collection<String>> prefixes, @Nullable Environment environment) {
		this(prefixes, environment, System::nanoTime);
	}

	/**
	 * Creates the function with the clock it reuses a scan of the property sources by.
	 * @param prefixes the prefixes of further pools
	 * @param environment the environment, or {@code null}
	 * @param nanoTime the clock, as {@link System#nanoTime()}
	 */
	PoolSecretsSanitizingFunction(Supplier<? extends Collection<String>> prefixes, @Nullable Environment environment,
			LongSupplier nanoTime) {
		this.prefixes = prefixes;
		this.environment = (environment instanceof ConfigurableEnvironment configurable) ? configurable : null;
		this.nanoTime = nanoTime;
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
			return maskReferenced(data, value);
		}
		String name = key.substring(key.lastIndexOf('.') + 1);
		if (Secrets.isSecretName(name)) {
			return data.withSanitizedValue();
		}
		return Secrets.isUrlName(name) ? maskUrl(data, value) : data;
	}

	private static SanitizableData maskUrl(SanitizableData data, Object value) {
		if (value instanceof CharSequence url) {
			String masked = Secrets.maskUrl(url.toString());
			return masked.equals(url.toString()) ? data : data.withValue(masked);
		}
		return data;
	}

	private SanitizableData maskReferenced(SanitizableData data, Object value) {
		ConfigurableEnvironment environment = this.environment;
		if (environment == null) {
			return data;
		}
		Boolean whole = references(environment).get(loose(data.getKey()));
		if (whole == null) {
			return data;
		}
		return whole ? data.withSanitizedValue() : maskUrl(data, value);
	}

	/**
	 * The properties the pools' secrets refer to through placeholders, by {@link #loose}
	 * name: {@code true} for one masked whole, {@code false} for a URL whose secrets are
	 * masked. Scanned again when a property source is added, removed or replaced, when a
	 * further pool's prefix comes or goes, or when the last scan is older than
	 * {@link #REUSE_NANOS}.
	 */
	private Map<String, Boolean> references(ConfigurableEnvironment environment) {
		List<PropertySource<?>> sources = environment.getPropertySources().stream().toList();
		List<String> prefixes = List.copyOf(this.prefixes.get());
		long now = this.nanoTime.getAsLong();
		References last = this.references;
		if (last != null && now - last.scannedAt() < REUSE_NANOS && last.isOf(sources, prefixes)) {
			return last.byName();
		}
		References scanned = new References(sources, prefixes, now, scan(sources, prefixes));
		this.references = scanned;
		return scanned.byName();
	}

	private Map<String, Boolean> scan(List<PropertySource<?>> sources, List<String> prefixes) {
		Map<String, Boolean> references = new HashMap<>();
		for (PropertySource<?> source : sources) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String property : enumerable.getPropertyNames()) {
					String key = normalize(property);
					String name = key.substring(key.lastIndexOf('.') + 1);
					boolean secret = Secrets.isSecretName(name);
					if ((secret || Secrets.isUrlName(name))
							&& isUnderPoolPrefix(key, property.indexOf('.') < 0, prefixes)
							&& enumerable.getProperty(property) instanceof String raw) {
						follow(raw, secret, references, 0);
					}
				}
			}
		}
		return Map.copyOf(references);
	}

	private void follow(String raw, boolean secret, Map<String, Boolean> references, int depth) {
		if (depth > MAX_DEPTH || !raw.contains("${")) {
			return;
		}
		// In a URL, a placeholder the URL's masking hides holds a secret whole, and so
		// does one where parameters or user info go: a URL's masking sees no name there.
		String maskedUrl = secret ? null : Secrets.maskUrl(raw);
		for (String name : placeholderNames(raw)) {
			boolean whole = secret || !maskedUrl.contains("${" + name) || isInParametersOrUserInfo(raw, name);
			Boolean before = references.get(loose(name));
			if (before == null || (whole && !before)) {
				references.put(loose(name), whole);
				String referenced = unresolved(name);
				if (referenced != null) {
					follow(referenced, whole, references, depth + 1);
				}
			}
		}
	}

	/**
	 * Whether a placeholder of a URL stands after its {@code ?} or {@code ;}, where
	 * parameters go ({@code ?${DB_PARAMS}} with {@code password=x&ssl=true}), or before
	 * the {@code @} of its authority, where user info goes.
	 */
	static boolean isInParametersOrUserInfo(String url, String name) {
		int parameters = indexOfAny(url, 0, "?;");
		int authority = url.indexOf("//");
		int userInfoEnd = -1;
		if (authority >= 0) {
			int hostEnd = indexOfAny(url, authority + 2, "/?;");
			userInfoEnd = url.lastIndexOf('@', (hostEnd >= 0) ? hostEnd : url.length());
		}
		String placeholder = "${" + name;
		for (int at = url.indexOf(placeholder); at >= 0; at = url.indexOf(placeholder, at + 1)) {
			int after = at + placeholder.length();
			boolean wholeName = after < url.length() && (url.charAt(after) == '}' || url.charAt(after) == ':');
			if (wholeName && ((parameters >= 0 && at > parameters) || (at > authority && at < userInfoEnd))) {
				return true;
			}
		}
		return false;
	}

	private static int indexOfAny(String text, int from, String chars) {
		for (int i = from; i < text.length(); i++) {
			if (chars.indexOf(text.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}

	// The value as written, from the first property source that has it.
	private @Nullable String unresolved(String name) {
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (source.getProperty(name) instanceof String raw) {
				return raw;
			}
		}
		return null;
	}

	/**
	 * The names of the placeholders in a value: {@code ${NAME}}, the name and the default
	 * of {@code ${NAME:default}}, and those nested in either.
	 */
	static List<String> placeholderNames(String text) {
		List<String> names = new ArrayList<>();
		int start = text.indexOf("${");
		while (start >= 0) {
			int end = closing(text, start + 2);
			if (end < 0) {
				break;
			}
			String inner = text.substring(start + 2, end);
			int separator = separator(inner);
			String name = (separator >= 0) ? inner.substring(0, separator) : inner;
			if (name.contains("${")) {
				names.addAll(placeholderNames(name));
			}
			else if (!name.isBlank()) {
				names.add(name.strip());
			}
			if (separator >= 0) {
				names.addAll(placeholderNames(inner.substring(separator + 1)));
			}
			start = text.indexOf("${", end + 1);
		}
		return names;
	}

	// The '}' closing the placeholder whose name starts at 'from', past nested ones.
	private static int closing(String text, int from) {
		int depth = 0;
		for (int i = from; i < text.length(); i++) {
			if (text.startsWith("${", i)) {
				depth++;
				i++;
			}
			else if (text.charAt(i) == '}' && depth-- == 0) {
				return i;
			}
		}
		return -1;
	}

	// The ':' before a default, outside nested placeholders.
	private static int separator(String inner) {
		int depth = 0;
		for (int i = 0; i < inner.length(); i++) {
			char c = inner.charAt(i);
			if (inner.startsWith("${", i)) {
				depth++;
				i++;
			}
			else if (c == '}') {
				depth--;
			}
			else if (c == ':' && depth == 0) {
				return i;
			}
		}
		return -1;
	}

	private boolean isUnderPoolPrefix(String key, boolean environmentVariable) {
		return isUnderPoolPrefix(key, environmentVariable, this.prefixes.get());
	}

	private static boolean isUnderPoolPrefix(String key, boolean environmentVariable, Collection<String> prefixes) {
		for (String prefix : ALWAYS) {
			if (isUnder(key, prefix, environmentVariable)) {
				return true;
			}
		}
		for (String prefix : prefixes) {
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

	// "ORDERS_DB_PASSWORD", "orders.db-password" and "orders.dbPassword" all become
	// "ordersdbpassword": a placeholder may name an environment variable in any of them.
	private static String loose(String name) {
		return normalize(name).replace(".", "");
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

	/**
	 * One scan of the property sources.
	 *
	 * @param sources the property sources scanned, in order
	 * @param prefixes the further pools' prefixes then
	 * @param scannedAt when, by {@link System#nanoTime()}
	 * @param byName what was found, by {@link #loose} name
	 */
	private record References(List<PropertySource<?>> sources, List<String> prefixes, long scannedAt,
			Map<String, Boolean> byName) {

		// The same objects: a PropertySource's equals compares its name only.
		boolean isOf(List<PropertySource<?>> others, List<String> otherPrefixes) {
			if (!otherPrefixes.equals(this.prefixes) || others.size() != this.sources.size()) {
				return false;
			}
			for (int i = 0; i < others.size(); i++) {
				if (others.get(i) != this.sources.get(i)) {
					return false;
				}
			}
			return true;
		}

	}

}
