package io.poolkit.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import io.poolkit.PoolSetting;
import io.poolkit.Secrets;
import io.poolkit.spring.boot.autoconfigure.BoundPoolProperties.Given;
import io.poolkit.spring.boot.autoconfigure.BoundPoolProperties.HikariKey;
import io.poolkit.spring.boot.autoconfigure.BoundPoolProperties.Rejected;
import io.poolkit.spring.boot.autoconfigure.HikariSettings.Mapped;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

// Over 500 lines: one prefix's binding, its HikariCP twin and the handler that collects
// what cannot be converted share the rules for finding names (environment variables
// included) and for wording a rejected value; they change together.

/**
 * Reads one pool's settings from the application's configuration with Boot's binder and
 * relaxed names, and finds every problem at once rather than stopping at the first: a
 * value that cannot be converted is kept aside with its reason and binding goes on, and
 * every key under the prefix is checked against pool-core's settings table.
 * <p>
 * The prefix is a parameter: {@code app.pool} for the application's primary pool, which
 * alone also reads the connection settings from {@code spring.datasource.*} and
 * HikariCP's properties from {@code spring.datasource.hikari.*} ({@link HikariSettings});
 * another pool binds from a prefix of its own with the same code, without those
 * fallbacks. Precedence, highest first: the prefix, {@code spring.datasource.hikari.*},
 * {@code spring.datasource.*}.
 */
final class PoolPropertiesBinder {

	private static final String SPRING_DATASOURCE = "spring.datasource.";

	private static final String DURATION = "a duration such as 500ms, 30s, 10m, 2h or 1d, a number of milliseconds, "
			+ "or ISO-8601 such as PT30S";

	private PoolPropertiesBinder() {
	}

	/**
	 * Binds a pool's settings from an environment.
	 * @param environment the application's environment
	 * @param prefix the pool's prefix, e.g. {@code app.pool}
	 * @param primary whether this is the application's primary pool, which also reads
	 * {@code spring.datasource.*} and {@code spring.datasource.hikari.*}
	 * @return the settings found, with every problem
	 */
	static BoundPoolProperties bind(Environment environment, String prefix, boolean primary) {
		return bind(ConfigurationPropertySources.get(environment), Binder.get(environment), prefix, primary);
	}

	/**
	 * Binds a pool's settings.
	 * @param sources the sources the binder reads, to find keys that are no setting
	 * @param binder the binder
	 * @param prefix the pool's prefix, e.g. {@code app.pool}
	 * @param primary whether this is the application's primary pool
	 * @return the settings found, with every problem
	 */
	static BoundPoolProperties bind(Iterable<ConfigurationPropertySource> sources, Binder binder, String prefix,
			boolean primary) {
		ConfigurationPropertyName prefixName = ConfigurationPropertyName.of(prefix);
		Failures failures = new Failures();
		PoolProperties properties = new PoolProperties();
		binder.bind(prefixName, Bindable.ofInstance(properties), failures);
		BoundPoolProperties own = BoundPoolProperties.of(properties, prefix);
		Map<PoolSetting<?>, Given> values = new LinkedHashMap<>(own.values());
		List<Rejected> rejected = new ArrayList<>();
		failures.forEach((name, failure) -> {
			String key = name.subName(prefixName.getNumberOfElements()).toString();
			rejected.add(failure.rejected(key));
		});
		List<Rejected> unknown = unknownKeys(sources, prefixName);
		List<HikariKey> hikariKeys = List.of();
		Map<String, Given> dataSourceProperties = new LinkedHashMap<>();
		if (primary) {
			Hikari hikari = new Hikari(sources, binder, values, rejected);
			hikari.bind(dataSourceProperties);
			hikariKeys = hikari.keys;
			for (String name : ConnectionSettings.NAMES) {
				PoolSetting<?> setting = PoolSetting.named(name).orElseThrow();
				if (!values.containsKey(setting)) {
					binder.bind(SPRING_DATASOURCE + name, String.class)
						.ifBound((value) -> values.put(setting, new Given(value, SPRING_DATASOURCE + name)));
				}
			}
		}
		// The prefix's own entries win over HikariCP's, key by key.
		dataSourceProperties.putAll(own.dataSourceProperties());
		rejected.addAll(unknown);
		return new BoundPoolProperties(prefix, primary, values, dataSourceProperties, rejected,
				HikariKey.sorted(hikariKeys));
	}

	// Every key under the prefix, in every source, that names no setting; the driver's
	// properties are a map, so any key under data-source-properties is one.
	private static List<Rejected> unknownKeys(Iterable<ConfigurationPropertySource> sources,
			ConfigurationPropertyName prefix) {
		List<Rejected> unknown = new ArrayList<>();
		for (Found found : namesUnder(sources, prefix)) {
			ConfigurationPropertyName key = found.key();
			String entry = unboundEntry(found, key);
			if (entry != null) {
				unknown.add(unbound(found, prefix.toString(), entry));
			}
			else if (!isSetting(key, found.environment())) {
				unknown
					.add(new Rejected(key.toString(), found.name().toString(), null, unknownReason(prefix, key), true));
			}
		}
		return unknown;
	}

	private static boolean isSetting(ConfigurationPropertyName key, boolean environment) {
		for (String setting : PoolSetting.names()) {
			// A group such as sizing on its own (an empty YAML map) is not wrong either.
			if (matches(key, environment, setting) || key.isAncestorOf(ConfigurationPropertyName.of(setting))) {
				return true;
			}
		}
		return ConfigurationPropertyName.of(PoolSetting.DATA_SOURCE_PROPERTIES.name()).isAncestorOf(key);
	}

	/**
	 * An entry of {@code data-source-properties} given by an environment variable in
	 * Boot's legacy form, with {@code _} for each {@code -} of the map's name
	 * ({@code APP_POOL_DATA_SOURCE_PROPERTIES_SSLMODE}), which Boot does not bind: it
	 * looks a single setting up by its name in that form too, but finds a map's entries
	 * by listing the names under the map's, and it lists that variable as
	 * {@code app.pool.data.source.properties.sslmode}. Binding it here instead would give
	 * the pool a driver property that the {@code PoolProperties} bean, Boot's own binding
	 * of the map (HikariCP's included) and Boot's documented form all leave out; so it
	 * fails the start, naming the form that binds. So does any entry of a variable that
	 * spells the prefix's own dashes with {@code _}
	 * ({@code APP_REPORTING_POOL_DATASOURCEPROPERTIES_SSLMODE} for
	 * {@code app.reporting-pool}): it is listed under {@code app.reporting.pool}, so Boot
	 * finds it under no map of that pool, though it binds a single setting in that form
	 * ({@code APP_REPORTING_POOL_MAX_SIZE}).
	 * @param found the name as found
	 * @param key the key under the prefix
	 * @return the entry's name as Boot would bind it, e.g. {@code sslmode}, or
	 * {@code null} when the key is not such an entry
	 */
	private static String unboundEntry(Found found, ConfigurationPropertyName key) {
		if (!found.environment()) {
			return null;
		}
		// The elements that spell the map's name with a '.' for each '-', then the entry.
		String map = squash(PoolSetting.DATA_SOURCE_PROPERTIES.name());
		StringBuilder spelt = new StringBuilder();
		// The map's name in one element binds, unless the prefix before it was split.
		int first = found.dashedPrefix() ? 0 : 1;
		for (int i = 0; i < key.getNumberOfElements() - 1 && spelt.length() < map.length(); i++) {
			spelt.append(squash(key.getElement(i, ConfigurationPropertyName.Form.ORIGINAL)));
			if (i >= first && spelt.toString().equals(map)) {
				return key.subName(i + 1).toString();
			}
		}
		return null;
	}

	private static Rejected unbound(Found found, String prefix, String entry) {
		String map = PoolSetting.DATA_SOURCE_PROPERTIES_PREFIX;
		String variable = (prefix + "." + map + entry).replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
		return new Rejected(found.name().toString(), found.variable(), null,
				"not bound: Boot binds a map from environment variables without the dashes of its name; set " + variable
						+ " (bound as " + map + entry + ")",
				false);
	}

	/**
	 * Whether a key found in the configuration is a name, in Boot's relaxed forms.
	 * @param key the key as found
	 * @param environment whether it is an environment variable, for which Boot also binds
	 * the legacy form with {@code _} for {@code -} ({@code APP_POOL_MAX_SIZE}), which it
	 * lists as {@code app.pool.max.size}
	 * @param name the kebab-case name, e.g. {@code max-size}
	 * @return whether Boot binds the key to the name
	 */
	static boolean matches(ConfigurationPropertyName key, boolean environment, String name) {
		return ConfigurationPropertyName.of(name).equals(key)
				|| (environment && squash(key.toString()).equals(squash(name)));
	}

	private static String squash(String name) {
		return name.replace(".", "").replace("-", "").toLowerCase(Locale.ROOT);
	}

	// What the key was probably meant to be: HikariCP's name of a setting, else the
	// nearest setting's name.
	private static String unknownReason(ConfigurationPropertyName prefix, ConfigurationPropertyName key) {
		if (key.getNumberOfElements() == 1) {
			Mapped mapped = HikariSettings.mapped(key).orElse(null);
			if (mapped != null) {
				return "did you mean " + prefix + "." + mapped.setting().name() + "? (" + mapped.name()
						+ " is HikariCP's name for it)";
			}
			HikariSettings.Unmapped unmapped = HikariSettings.unmapped(key).orElse(null);
			if (unmapped != null) {
				return "HikariCP's " + unmapped.name() + " has no Poolkit equivalent: " + unmapped.reason();
			}
		}
		return PoolSetting.nearest(key.toString())
			.map((name) -> "did you mean " + prefix + "." + name + "?")
			.orElse("the settings are listed in the README's Settings table");
	}

	// Relaxed names: app.pool.maxSize and APP_POOL_MAXSIZE are one key, found once. An
	// environment variable may also spell the prefix's dashes with '_'
	// (APP_REPORTING_POOL_MAX_SIZE), which Boot lists under app.reporting.pool.
	private static List<Found> namesUnder(Iterable<ConfigurationPropertySource> sources,
			ConfigurationPropertyName prefix) {
		ConfigurationPropertyName dashed = ConfigurationPropertyName.of(prefix.toString().replace('-', '.'));
		boolean dashes = dashed.getNumberOfElements() != prefix.getNumberOfElements();
		List<Found> found = new ArrayList<>();
		for (ConfigurationPropertySource source : sources) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				boolean environment = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
				iterable.stream()
					.filter((name) -> found.stream().noneMatch((other) -> other.name().equals(name)))
					.forEach((name) -> {
						boolean split = !prefix.isAncestorOf(name);
						if (!split || (environment && dashes && dashed.isAncestorOf(name))) {
							ConfigurationPropertyName key = name
								.subName((split ? dashed : prefix).getNumberOfElements());
							found.add(new Found(name, key, environment ? variable(source, name) : null, split));
						}
					});
			}
		}
		return found;
	}

	// The environment variable a name was listed from, as written.
	private static String variable(ConfigurationPropertySource source, ConfigurationPropertyName name) {
		ConfigurationProperty property = source.getConfigurationProperty(name);
		if (property != null && property.getOrigin() instanceof PropertySourceOrigin origin) {
			return origin.getPropertyName();
		}
		return name.toString().replace('.', '_').toUpperCase(Locale.ROOT);
	}

	/**
	 * What a setting of a type takes, for a value that could not be converted.
	 * @param type the type bound to
	 * @return e.g. {@code a whole number}, or {@code null} for free text, maps and other
	 * types, whose values are not shown
	 */
	static String allowed(Class<?> type) {
		if (type == Duration.class) {
			return DURATION;
		}
		if (type == Integer.class || type == int.class) {
			return "a whole number";
		}
		if (type == Double.class || type == double.class) {
			return "a number such as 0.1";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type.isEnum()) {
			return Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", ", "one of ", ""));
		}
		return null;
	}

	/**
	 * HikariCP's properties under {@code spring.datasource.hikari}: each one Poolkit
	 * honours bound by its name (so in any of Boot's relaxed forms) and converted where
	 * the prefix does not set the same setting; the others found listed, for the warning.
	 */
	private static final class Hikari {

		private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of(HikariSettings.PREFIX);

		private final Iterable<ConfigurationPropertySource> sources;

		private final Binder binder;

		private final Map<PoolSetting<?>, Given> values;

		private final List<Rejected> rejected;

		private final List<HikariKey> keys = new ArrayList<>();

		Hikari(Iterable<ConfigurationPropertySource> sources, Binder binder, Map<PoolSetting<?>, Given> values,
				List<Rejected> rejected) {
			this.sources = sources;
			this.binder = binder;
			this.values = values;
			this.rejected = rejected;
		}

		void bind(Map<String, Given> dataSourceProperties) {
			Failures failures = new Failures();
			Map<Mapped, Object> raw = new LinkedHashMap<>();
			for (Mapped mapped : HikariSettings.MAPPED) {
				String property = HikariSettings.PREFIX + "." + mapped.name();
				if (mapped.setting() == PoolSetting.DATA_SOURCE_PROPERTIES) {
					String prefix = property + ".";
					this.binder.bind(property, Bindable.mapOf(String.class, String.class), failures)
						.ifBound((entries) -> entries.forEach((key, value) -> {
							dataSourceProperties.put(key, new Given(value, prefix + key));
							this.keys.add(new HikariKey(prefix + key, mapped, null, key, null));
						}));
					continue;
				}
				int failed = failures.size();
				Object value = this.binder.bind(property, Bindable.of(mapped.bindType()), failures).orElse(null);
				if (value != null) {
					raw.put(mapped, value);
				}
				else if (failures.size() > failed) {
					this.keys.add(new HikariKey(property, mapped, null, null, null));
				}
			}
			// The prefix wins: a HikariCP value for a setting it gives (or gets wrong)
			// is not used, so not checked either.
			for (Mapped mapped : raw.keySet()) {
				String converted = isSetUnderPrefix(mapped.setting()) ? null : use(mapped, raw);
				this.keys
					.add(new HikariKey(HikariSettings.PREFIX + "." + mapped.name(), mapped, null, null, converted));
			}
			failures.forEach((name, failure) -> {
				Mapped mapped = HikariSettings.mapped(name.subName(PREFIX.getNumberOfElements())).orElseThrow();
				if (mapped.setting() == PoolSetting.DATA_SOURCE_PROPERTIES) {
					// Its entries are used beside the prefix's, key by key, so it is
					// reported even when the prefix's own could not be bound either.
					this.rejected.add(failure.rejected(failure.property()));
				}
				else if (!isSetUnderPrefix(mapped.setting())) {
					this.rejected.add(failure.rejected(mapped.setting().name()));
				}
			});
			listOthers();
		}

		// The keys found that are not among those bound: HikariCP's without an
		// equivalent, and keys that are not HikariCP's at all; each once.
		private void listOthers() {
			List<ConfigurationPropertyName> listed = new ArrayList<>();
			for (Found found : namesUnder(this.sources, PREFIX)) {
				ConfigurationPropertyName key = found.key();
				boolean bound = HikariSettings.MAPPED.stream()
					.anyMatch((mapped) -> matches(key.chop(1), false, mapped.name())
							|| matches(key, found.environment(), mapped.name())
							|| (mapped.setting() == PoolSetting.DATA_SOURCE_PROPERTIES
									&& mapped.propertyName().isAncestorOf(key)));
				if (bound) {
					continue;
				}
				String entry = unboundEntry(found, key);
				if (entry != null) {
					this.rejected.add(unbound(found, HikariSettings.PREFIX, entry));
					this.keys.add(new HikariKey(found.variable(),
							HikariSettings.mappedTo(PoolSetting.DATA_SOURCE_PROPERTIES).orElseThrow(), null, entry,
							null));
					continue;
				}
				HikariSettings.Unmapped unmapped = HikariSettings.UNMAPPED.stream()
					.filter((candidate) -> matches(key.chop(1), false, candidate.name())
							|| matches(key, found.environment(), candidate.name()))
					.findFirst()
					.orElse(null);
				ConfigurationPropertyName first = (unmapped != null) ? unmapped.propertyName() : key.chop(1);
				if (listed.stream().noneMatch(first::equals)) {
					listed.add(first);
					this.keys.add(new HikariKey(HikariSettings.PREFIX + "." + first, null, unmapped, null, null));
				}
			}
		}

		private boolean isSetUnderPrefix(PoolSetting<?> setting) {
			return this.values.containsKey(setting)
					|| this.rejected.stream().anyMatch((rejected) -> rejected.key().equals(setting.name()));
		}

		// Takes a HikariCP value as the setting's; answers the value's text when the
		// conversion changed it (for the warning), else null.
		private String use(Mapped mapped, Map<Mapped, Object> raw) {
			PoolSetting<?> setting = mapped.setting();
			String property = HikariSettings.PREFIX + "." + mapped.name();
			try {
				Object given = raw.get(mapped);
				Object value = BoundPoolProperties.toCore(setting,
						mapped.convert(given, (other) -> inEffect(other, raw)));
				this.values.put(setting, new Given(value, property));
				return value.equals(given) ? null : format(setting, value);
			}
			catch (IllegalArgumentException ex) {
				this.rejected.add(new Rejected(setting.name(), property, null, ex.getMessage(), false));
				return null;
			}
		}

		private static <T> String format(PoolSetting<T> setting, Object value) {
			return Secrets.mask(setting.name(), setting.format(setting.type().cast(value)));
		}

		// Another setting's value for a conversion: the prefix's, else HikariCP's as
		// bound, else pool-core's default.
		private Object inEffect(PoolSetting<?> setting, Map<Mapped, Object> raw) {
			Given given = this.values.get(setting);
			if (given != null && !given.property().startsWith(HikariSettings.PREFIX)) {
				return given.value();
			}
			return HikariSettings.mappedTo(setting)
				.map(raw::get)
				.orElseGet(() -> (given != null) ? given.value() : setting.defaultValue());
		}

	}

	/**
	 * Collects the values that cannot be converted and lets binding go on without them,
	 * where Boot's default handler would stop at the first.
	 */
	private static final class Failures extends AbstractBindHandler {

		private final Map<ConfigurationPropertyName, Failure> failures = new LinkedHashMap<>();

		@Override
		public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Exception error) {
			ConfigurationProperty property = context.getConfigurationProperty();
			Object value = (property != null) ? property.getValue() : null;
			this.failures.put(name, new Failure(name.toString(), target.getType().resolve(Object.class), value, error));
			return null;
		}

		void forEach(BiConsumer<ConfigurationPropertyName, Failure> action) {
			this.failures.forEach(action);
		}

		int size() {
			return this.failures.size();
		}

	}

	/**
	 * A property name found in a source.
	 *
	 * @param name the name
	 * @param key the name under the prefix
	 * @param variable the environment variable it was found as, e.g.
	 * {@code APP_POOL_MAX_SIZE}; {@code null} when the source holds no environment
	 * variables
	 * @param dashedPrefix whether the variable spells the prefix's dashes with {@code _}
	 */
	private record Found(ConfigurationPropertyName name, ConfigurationPropertyName key, String variable,
			boolean dashedPrefix) {

		boolean environment() {
			return this.variable != null;
		}

	}

	/**
	 * A value that could not be bound.
	 *
	 * @param property the property
	 * @param type the type it was bound to
	 * @param value the value as written, or {@code null}
	 * @param error why it could not be bound
	 */
	private record Failure(String property, Class<?> type, Object value, Exception error) {

		// Only values of types that are not free text are shown, so never a password.
		Rejected rejected(String key) {
			String allowed = allowed(this.type);
			if (this.error instanceof ConversionException && allowed != null && this.value != null) {
				String shown = "'" + this.value + "'";
				return new Rejected(key, this.property, shown, shown + " is not allowed; use " + allowed, false);
			}
			if (this.error instanceof ConversionException && Map.class.isAssignableFrom(this.type)) {
				// A value where the driver's properties go (which may be a password):
				// not shown.
				return new Rejected(key, this.property, null,
						"is not allowed; use a map of driver property names to values, e.g. " + this.property
								+ ".sslmode=require",
						false);
			}
			// Other errors (a placeholder that does not resolve) may quote the value.
			boolean secret = Secrets.isSecretName(key) || Secrets.isUrlName(key) || allowed == null;
			String reason = secret ? "could not be bound; check its value"
					: "could not be bound: " + mostSpecific(this.error).getMessage();
			return new Rejected(key, this.property, null, reason, false);
		}

		private static Throwable mostSpecific(Throwable error) {
			Throwable cause = error;
			while (cause.getCause() != null && cause.getCause() != cause) {
				cause = cause.getCause();
			}
			return cause;
		}

	}

}
