package io.poolkit;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for what is secret in a pool's configuration, used wherever configuration
 * is shown to people: {@link PoolConfig#toString()}, logs, exception messages, JMX, and
 * in Spring Boot the {@code pool} endpoint and the sanitizing of {@code /actuator/env}
 * and {@code /actuator/configprops}. One rule, so a secret hidden in one place is hidden
 * in all of them.
 * <p>
 * A value is masked by the name it is given under: a name that
 * {@linkplain #isSecretName(String) looks secret} hides its whole value, a name that
 * holds a URL ({@code url}, {@code jdbc-url}) hides the secrets inside the URL
 * ({@link #maskUrl(String)}).
 * <p>
 * Text the pool did not write, such as a driver's error message, has no names to go by:
 * there each secret value the configuration holds ({@link #valuesOf(PoolConfig)}) is
 * masked wherever it appears ({@link #maskValues(String, Collection)}). Stateless and
 * thread-safe.
 */
public final class Secrets {

	/**
	 * What a secret is replaced with; the same text Spring Boot's sanitizer uses.
	 */
	public static final String MASK = "******";

	private Secrets() {
	}

	/**
	 * Whether a property name holds a secret: in any case, it contains {@code password},
	 * {@code passphrase}, {@code secret}, {@code token} or {@code credential}, or it ends
	 * with {@code key} or {@code pwd}. So {@code sslpassword}, {@code clientSecret},
	 * {@code authToken}, {@code apiKey} and {@code sslkey} are secret (pgjdbc's
	 * {@code sslkey} is the path of the key file, masked too: other clients take the key
	 * itself under that name), while names with {@code key} inside a longer word, such as
	 * {@code keyStoreType} or {@code allowPublicKeyRetrieval}, are not: they name paths,
	 * types and flags, and their secret companions ({@code keyStorePassword},
	 * {@code keyStoreSecret}) are caught by the other words.
	 * @param name the name, in any of Spring Boot's relaxed forms
	 * @return whether its value must be masked
	 */
	public static boolean isSecretName(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.contains("password") || lower.contains("passphrase") || lower.contains("secret")
				|| lower.contains("token") || lower.contains("credential") || lower.endsWith("key")
				|| lower.endsWith("pwd");
	}

	/**
	 * Whether a property name holds a URL whose secrets {@link #maskUrl(String)} hides:
	 * ignoring case and separators, it ends with {@code url} ({@code url},
	 * {@code jdbc-url}, {@code jdbcUrl}).
	 * @param name the name
	 * @return whether its value is a URL
	 */
	public static boolean isUrlName(String name) {
		return name.toLowerCase(Locale.ROOT).endsWith("url");
	}

	/**
	 * Masks a value by the name it is given under.
	 * @param name the name, e.g. {@code password}, {@code url} or a driver property
	 * @param value the value, may be {@code null}
	 * @return {@code null} for {@code null}; {@link #MASK} for a
	 * {@linkplain #isSecretName secret name}; the URL with its secrets masked for a
	 * {@linkplain #isUrlName URL name}; otherwise the value itself
	 */
	public static String mask(String name, String value) {
		if (value == null) {
			return null;
		}
		if (isSecretName(name)) {
			return MASK;
		}
		return isUrlName(name) ? maskUrl(value) : value;
	}

	/**
	 * Masks the secrets in a JDBC URL, found the way the URL's driver reads it:
	 * <ul>
	 * <li>PostgreSQL, MySQL, MariaDB and others: the query {@code ?a=b&c=d}, each value
	 * running to the next {@code &} (pgjdbc splits on {@code &} only, so
	 * {@code password=ab;cd#ef&x=1} is the password {@code ab;cd#ef}); MySQL's
	 * {@code (key=value,...)} host form too;</li>
	 * <li>SQL Server: the {@code ;key=value} properties, a value in braces
	 * ({@code {a;b}}c}}}) running to its closing brace;</li>
	 * <li>Oracle: {@code thin:user/password@}, the password quoted or not;</li>
	 * <li>any URL with user info: {@code //user:password@host};</li>
	 * <li>other subprotocols: both {@code ?a=b&c=d} and {@code ;a=b;c=d} parameters.</li>
	 * </ul>
	 * A parameter is secret when its name, percent-decoded, {@linkplain #isSecretName
	 * looks secret}; its whole value is masked, percent-encoded or not. Where a password
	 * holds a character its driver would take for a separator (a raw {@code &} in a
	 * query, a raw {@code ;} in SQL Server properties, a raw {@code /} or {@code @} in
	 * user info), the driver itself misreads the URL; masking then hides more rather than
	 * less: the following fragments that are not {@code name=value} parameters, and user
	 * info up to its last {@code @}.
	 * @param url the URL, may be {@code null}
	 * @return the URL with each secret replaced by {@link #MASK}
	 */
	public static String maskUrl(String url) {
		return (url != null) ? JdbcUrlSecrets.mask(url) : null;
	}

	/**
	 * The secret values of a configuration, to be masked in text the pool did not write:
	 * the password, each secret of the URL (as written, and percent-decoded as a driver
	 * may quote it) and the value of each {@code data-source-properties} entry with a
	 * {@linkplain #isSecretName secret name}. A credentials supplier's passwords are not
	 * known until it is called. Empty values are left out.
	 * @param config the configuration
	 * @return the values, longest first, never {@code null}
	 */
	public static List<String> valuesOf(PoolConfig config) {
		Set<String> values = new LinkedHashSet<>();
		values.add(config.password());
		if (config.url() != null) {
			values.addAll(JdbcUrlSecrets.values(config.url()));
		}
		config.dataSourceProperties().forEach((name, value) -> {
			if (isSecretName(String.valueOf(name))) {
				values.add(String.valueOf(value));
			}
		});
		return values.stream()
			.filter((value) -> value != null && !value.isEmpty())
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList();
	}

	/**
	 * Replaces each occurrence of each value, in any case, with {@link #MASK}; values are
	 * taken in the order given, so give the longest first (as {@link #valuesOf} does) to
	 * hide a value that contains another whole.
	 * @param text the text, may be {@code null}
	 * @param values the secret values; empty ones are skipped
	 * @return the text with every value masked, the same instance when none occurs
	 */
	public static String maskValues(String text, Collection<String> values) {
		String masked = text;
		for (String value : values) {
			// Case-insensitive: some drivers lower-case what they quote (MariaDB's host
			// options). A matcher that finds nothing returns the text itself.
			if (masked != null && !value.isEmpty()) {
				masked = Pattern.compile(value, Pattern.LITERAL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
					.matcher(masked)
					.replaceAll(MASK);
			}
		}
		return masked;
	}

}
