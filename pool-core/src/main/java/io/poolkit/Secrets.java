package io.poolkit;

import java.util.Locale;

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
 * ({@link #maskUrl(String)}). Stateless and thread-safe.
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
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.endsWith("url");
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

}
