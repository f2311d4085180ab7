package io.poolkit.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.poolkit.PoolSetting;
import io.poolkit.spring.boot.autoconfigure.HikariSettings.Mapped;
import io.poolkit.spring.boot.autoconfigure.HikariSettings.Unmapped;

/**
 * One pool's settings as found in the application's configuration, before pool-core
 * checks them: for each setting of pool-core's table the value in effect and the property
 * it came from, the values that could not even be read, the keys under the pool's prefix
 * that are no setting at all, and the HikariCP properties found. Made by
 * {@link PoolPropertiesBinder}; {@link PoolConfigFactory} turns it into a pool's config
 * and names every problem by the property the user wrote.
 */
final class BoundPoolProperties {

	private final String prefix;

	private final boolean primary;

	private final Map<PoolSetting<?>, Given> values;

	private final Map<String, Given> dataSourceProperties;

	private final List<Rejected> rejected;

	private final List<HikariKey> hikariKeys;

	BoundPoolProperties(String prefix, boolean primary, Map<PoolSetting<?>, Given> values,
			Map<String, Given> dataSourceProperties, List<Rejected> rejected, List<HikariKey> hikariKeys) {
		this.prefix = prefix;
		this.primary = primary;
		this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
		this.dataSourceProperties = Collections.unmodifiableMap(new LinkedHashMap<>(dataSourceProperties));
		this.rejected = List.copyOf(rejected);
		this.hikariKeys = List.copyOf(hikariKeys);
	}

	/**
	 * The settings given in a {@link PoolProperties}, as if bound under a prefix, with
	 * nothing else: no fallbacks, no HikariCP properties.
	 * @param properties the properties; its fields that are {@code null} are not given
	 * @param prefix the prefix to name them by, e.g. {@code app.pool}
	 * @return the settings
	 */
	static BoundPoolProperties of(PoolProperties properties, String prefix) {
		Map<PoolSetting<?>, Given> values = new LinkedHashMap<>();
		for (PoolSetting<?> setting : PoolSetting.all()) {
			if (isProperty(setting)) {
				Object value = properties.given(setting.name());
				if (value != null) {
					values.put(setting, new Given(toCore(setting, value), prefix + "." + setting.name()));
				}
			}
		}
		Map<String, Given> entries = new LinkedHashMap<>();
		properties.getDataSourceProperties()
			.forEach((key, value) -> entries.put(key,
					new Given(value, prefix + "." + PoolSetting.DATA_SOURCE_PROPERTIES_PREFIX + key)));
		return new BoundPoolProperties(prefix, false, values, entries, List.of(), List.of());
	}

	/**
	 * Whether a setting of the table is bound from a property of its own: not the
	 * builder-only objects and not {@code data-source-properties}, a map bound entry by
	 * entry.
	 */
	static boolean isProperty(PoolSetting<?> setting) {
		return !setting.isBuilderOnly() && setting != PoolSetting.DATA_SOURCE_PROPERTIES;
	}

	/**
	 * A value as a setting of pool-core's type; a property of another type than
	 * pool-core's ({@code TransactionIsolation} for an {@code int} level) goes through
	 * the setting's text form.
	 */
	static <T> T toCore(PoolSetting<T> setting, Object value) {
		Class<T> type = setting.type();
		return type.isInstance(value) ? type.cast(value) : setting.parse(String.valueOf(value));
	}

	/**
	 * The prefix the pool's properties are bound from.
	 * @return e.g. {@code app.pool}
	 */
	String prefix() {
		return this.prefix;
	}

	/**
	 * Whether this is the application's primary pool, which also reads
	 * {@code spring.datasource.*} and {@code spring.datasource.hikari.*}.
	 * @return whether it is the primary pool
	 */
	boolean isPrimary() {
		return this.primary;
	}

	/**
	 * The value in effect of a setting and where it came from.
	 * @param setting the setting
	 * @return the value, or {@code null} when none was given (or it could not be read)
	 */
	Given given(PoolSetting<?> setting) {
		return this.values.get(setting);
	}

	/**
	 * The settings given, in the table's order.
	 * @return the values by setting
	 */
	Map<PoolSetting<?>, Given> values() {
		return this.values;
	}

	/**
	 * The driver properties, each with the property it came from.
	 * @return the entries by name
	 */
	Map<String, Given> dataSourceProperties() {
		return this.dataSourceProperties;
	}

	/**
	 * The property each driver property came from, as the user wrote it.
	 * @return by entry name, e.g. {@code prepareThreshold}, the property, e.g.
	 * {@code spring.datasource.hikari.data-source-properties.prepareThreshold}
	 */
	Map<String, String> dataSourcePropertySources() {
		Map<String, String> sources = new LinkedHashMap<>();
		this.dataSourceProperties.forEach((name, given) -> sources.put(name, given.property()));
		return sources;
	}

	/**
	 * Values that could not be read and keys that are no setting, each with its reason.
	 * @return the rejected values, unknown keys last
	 */
	List<Rejected> rejected() {
		return this.rejected;
	}

	/**
	 * The property a setting's value came from.
	 * @param key a setting's name, or {@code data-source-properties.<name>}
	 * @return e.g. {@code spring.datasource.hikari.maximum-pool-size}; the setting under
	 * the prefix when it was not given
	 */
	String propertyOf(String key) {
		for (Rejected rejected : this.rejected) {
			if (rejected.key().equals(key)) {
				return rejected.property();
			}
		}
		Optional<PoolSetting<?>> setting = PoolSetting.named(key);
		Given given = setting.map(this.values::get).orElse(null);
		if (given == null && key.startsWith(PoolSetting.DATA_SOURCE_PROPERTIES_PREFIX)) {
			given = this.dataSourceProperties.get(key.substring(PoolSetting.DATA_SOURCE_PROPERTIES_PREFIX.length()));
		}
		return (given != null) ? given.property() : this.prefix + "." + key;
	}

	/**
	 * The warning that lists the HikariCP properties found: for each, the property to
	 * move it to, or why it has none; and where the property under the prefix (or a
	 * {@code JdbcConnectionDetails} bean) wins.
	 * @param connection where the connection settings came from
	 * @return the warning, or empty when no HikariCP property is set
	 */
	Optional<String> hikariWarning(ConnectionSettings connection) {
		if (this.hikariKeys.isEmpty()) {
			return Optional.empty();
		}
		StringBuilder warning = new StringBuilder("Poolkit is the application's connection pool and honours these ")
			.append(HikariSettings.PREFIX)
			.append(".* properties for now; move each to the ")
			.append(this.prefix)
			.append(".* property named (where both are set, ")
			.append(this.prefix)
			.append(".* wins):");
		for (HikariKey key : this.hikariKeys) {
			warning.append("\n    ").append(key.property());
			if (key.mapped() != null) {
				describeMapped(warning, key, connection);
			}
			else if (key.unmapped() != null) {
				warning.append(": no Poolkit equivalent, ignored: ").append(key.unmapped().reason());
			}
			else {
				warning.append(": not a HikariCP property, ignored");
			}
		}
		return Optional.of(warning.toString());
	}

	private void describeMapped(StringBuilder warning, HikariKey key, ConnectionSettings connection) {
		PoolSetting<?> setting = key.mapped().setting();
		String target = (key.entry() != null) ? PoolSetting.DATA_SOURCE_PROPERTIES_PREFIX + key.entry()
				: setting.name();
		warning.append(" -> ").append(this.prefix).append('.').append(target);
		String source = sourceOf(setting, key.entry(), connection);
		Given given = this.values.get(setting);
		if (key.entry() != null
				&& this.rejected.stream().anyMatch((rejected) -> rejected.property().equals(key.property()))) {
			// An entry Boot does not bind, from an environment variable.
			warning.append(" (not bound: see the failure report)");
		}
		else if (source == null) {
			warning.append(" (no value, ignored)");
		}
		else if (!source.equals(key.property())) {
			warning.append(" (not used: ").append(source).append(" wins)");
		}
		else if (key.entry() == null && given == null) {
			warning.append(" (its value is not allowed: see the failure report)");
		}
		else if (key.converted() != null) {
			warning.append(" = ").append(key.converted()).append(" (").append(key.mapped().note()).append(')');
		}
	}

	// The property the value in effect came from, or null when there is none.
	private String sourceOf(PoolSetting<?> setting, String entry, ConnectionSettings connection) {
		if (entry != null) {
			Given given = this.dataSourceProperties.get(entry);
			return (given != null) ? given.property() : null;
		}
		String source = connection.sourceOf(setting.name());
		if (source != null) {
			return source;
		}
		for (Rejected rejected : this.rejected) {
			if (rejected.key().equals(setting.name())) {
				return rejected.property();
			}
		}
		Given given = this.values.get(setting);
		return (given != null) ? given.property() : null;
	}

	/**
	 * The value in effect of a setting and the property it came from.
	 *
	 * @param value the value, of the setting's type in pool-core
	 * @param property the property, e.g. {@code app.pool.max-size} or
	 * {@code spring.datasource.hikari.maximum-pool-size}
	 */
	record Given(Object value, String property) {

		// No password in logs or messages, whatever prints this record.
		@Override
		public String toString() {
			return "Given[property=" + this.property + "]";
		}

	}

	/**
	 * A value that could not be read, or a key that is no setting.
	 *
	 * @param key the setting's name; for an unknown key, the key under the prefix
	 * @param property the property the user wrote, e.g. {@code app.pool.max-size}
	 * @param value the value to show, or {@code null} when none may be shown
	 * @param reason what is wrong and what is allowed; for an unknown key, what it was
	 * probably meant to be
	 * @param unknown whether the key is no setting at all
	 */
	record Rejected(String key, String property, String value, String reason, boolean unknown) {

	}

	/**
	 * A property found under {@code spring.datasource.hikari}.
	 *
	 * @param property the property as found, e.g.
	 * {@code spring.datasource.hikari.maximum-pool-size}
	 * @param mapped the HikariCP property Poolkit honours, or {@code null}
	 * @param unmapped the HikariCP property without an equivalent, or {@code null}
	 * @param entry for {@code data-source-properties}, the entry's name; else
	 * {@code null}
	 * @param converted the value it became when a conversion changed it, secrets masked;
	 * else {@code null}
	 */
	record HikariKey(String property, Mapped mapped, Unmapped unmapped, String entry, String converted) {

		static List<HikariKey> sorted(List<HikariKey> keys) {
			List<HikariKey> sorted = new ArrayList<>(keys);
			sorted.sort((a, b) -> Integer.compare(rank(a), rank(b)));
			return sorted;
		}

		// Mapped in the table's order, then unmapped, then unknown keys; stable within.
		private static int rank(HikariKey key) {
			if (key.mapped() != null) {
				return HikariSettings.MAPPED.indexOf(key.mapped());
			}
			int mapped = HikariSettings.MAPPED.size();
			return (key.unmapped() != null) ? mapped + HikariSettings.UNMAPPED.indexOf(key.unmapped())
					: mapped + HikariSettings.UNMAPPED.size();
		}

	}

}
