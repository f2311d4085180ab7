package io.poolkit.spring.boot.autoconfigure;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Where the pool's connections come from: URL, username, password and driver class, each
 * with the place it was found, so a bad value is reported under the property the user
 * actually wrote.
 * <p>
 * A {@link JdbcConnectionDetails} bean (a Testcontainers or Docker Compose service
 * connection) wins over properties, as it does for Boot's own pools; otherwise each of
 * the four falls back from {@code app.pool.*} to {@code spring.datasource.*} on its own,
 * so switching from HikariCP needs no configuration change.
 */
record ConnectionSettings(Setting url, Setting username, Setting password, Setting driverClassName) {

	static final String CONNECTION_DETAILS = "JdbcConnectionDetails bean";

	private static final Map<String, String> SPRING_DATASOURCE = Map.of("url", "spring.datasource.url", "username",
			"spring.datasource.username", "password", "spring.datasource.password", "driver-class-name",
			"spring.datasource.driver-class-name");

	/** The four settings resolved here, by their pool-core names. */
	static final Set<String> NAMES = SPRING_DATASOURCE.keySet();

	static ConnectionSettings resolve(PoolProperties properties, Binder binder, JdbcConnectionDetails details) {
		if (details != null) {
			return new ConnectionSettings(fromDetails(details::getJdbcUrl), fromDetails(details::getUsername),
					fromDetails(details::getPassword), fromDetails(() -> driverClassName(details)));
		}
		Function<String, Setting> fallback = (key) -> binder.bind(SPRING_DATASOURCE.get(key), String.class)
			.map((value) -> new Setting(value, SPRING_DATASOURCE.get(key)))
			.orElse(Setting.NONE);
		return new ConnectionSettings(choose(properties, "url", properties.getUrl(), fallback),
				choose(properties, "username", properties.getUsername(), fallback),
				choose(properties, "password", properties.getPassword(), fallback),
				choose(properties, "driver-class-name", properties.getDriverClassName(), fallback));
	}

	private static Setting choose(PoolProperties properties, String key, String value,
			Function<String, Setting> fallback) {
		return properties.isConfigured(key) ? new Setting(value, "app.pool." + key) : fallback.apply(key);
	}

	private static Setting fromDetails(Supplier<String> value) {
		String text = value.get();
		return (text != null) ? new Setting(text, CONNECTION_DETAILS) : Setting.NONE;
	}

	// The interface's default derives the driver from the URL and throws for a database
	// Boot does not know; then
	// DriverManager finds the driver by URL instead.
	private static String driverClassName(JdbcConnectionDetails details) {
		try {
			return details.getDriverClassName();
		}
		catch (IllegalStateException ex) {
			return null;
		}
	}

	/**
	 * The property (or bean) a setting came from, for messages.
	 * @param key a pool-core setting name such as {@code url}
	 * @return e.g. {@code spring.datasource.url}, or {@code null} when the key is not one
	 * of the four
	 */
	String sourceOf(String key) {
		Setting setting = switch (key) {
			case "url" -> this.url;
			case "username" -> this.username;
			case "password" -> this.password;
			case "driver-class-name" -> this.driverClassName;
			default -> null;
		};
		return (setting != null && setting.source() != null) ? setting.source() : null;
	}

	/**
	 * One value and its source.
	 *
	 * @param value the value, {@code null} when none was found
	 * @param source the property it came from, or {@link #CONNECTION_DETAILS};
	 * {@code null} when none was found
	 */
	record Setting(String value, String source) {

		static final Setting NONE = new Setting(null, null);

		// No password in logs or messages, whatever prints this record.
		@Override
		public String toString() {
			return "Setting[source=" + this.source + "]";
		}

	}

}
