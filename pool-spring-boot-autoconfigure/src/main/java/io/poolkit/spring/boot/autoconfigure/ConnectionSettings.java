package io.poolkit.spring.boot.autoconfigure;

import java.util.Set;
import java.util.function.Supplier;

import io.poolkit.PoolSetting;
import io.poolkit.spring.boot.autoconfigure.BoundPoolProperties.Given;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Where the pool's connections come from: URL, username, password and driver class, each
 * with the place it was found, so a bad value is reported under the property the user
 * actually wrote.
 * <p>
 * A {@link JdbcConnectionDetails} bean (a Testcontainers or Docker Compose service
 * connection) wins over properties, as it does for Boot's own pools; otherwise each of
 * the four is the one {@link PoolPropertiesBinder} found: for the primary pool from
 * {@code app.pool.*}, else {@code spring.datasource.hikari.*}, else
 * {@code spring.datasource.*}, each on its own, so switching from HikariCP needs no
 * configuration change.
 */
record ConnectionSettings(Setting url, Setting username, Setting password, Setting driverClassName) {

	static final String CONNECTION_DETAILS = "JdbcConnectionDetails bean";

	/** The four settings resolved here, by their pool-core names. */
	static final Set<String> NAMES = Set.of("url", "username", "password", "driver-class-name");

	static ConnectionSettings resolve(BoundPoolProperties properties, JdbcConnectionDetails details) {
		if (details != null) {
			return new ConnectionSettings(fromDetails(details::getJdbcUrl), fromDetails(details::getUsername),
					fromDetails(details::getPassword), fromDetails(() -> driverClassName(details)));
		}
		return new ConnectionSettings(found(properties, PoolSetting.URL), found(properties, PoolSetting.USERNAME),
				found(properties, PoolSetting.PASSWORD), found(properties, PoolSetting.DRIVER_CLASS_NAME));
	}

	private static Setting found(BoundPoolProperties properties, PoolSetting<String> setting) {
		Given given = properties.given(setting);
		return (given != null) ? new Setting((String) given.value(), given.property()) : Setting.NONE;
	}

	private static Setting fromDetails(Supplier<String> value) {
		String text = value.get();
		return (text != null) ? new Setting(text, CONNECTION_DETAILS) : Setting.NONE;
	}

	// The interface's default derives the driver from the URL and throws for a database
	// Boot does not know; then DriverManager finds the driver by URL instead.
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
