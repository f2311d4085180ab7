package io.poolkit;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.poolkit.InvalidPoolConfigException.Problem;
import io.poolkit.internal.DriverLookup;

// Over 500 lines on purpose: the typed public API of every setting, an accessor and a
// builder method each, documented by a link to its row of PoolSetting (what a setting
// is: name, default, range, text form). Checks across settings are in ConfigChecks.

/**
 * The settings of one pool, immutable and validated. Build one with {@link #builder()} or
 * {@link #fromProperties(Properties)}; {@link Builder#build()} checks every setting and
 * reports all bad ones in one {@link InvalidPoolConfigException}.
 * <p>
 * The settings are the rows of {@link PoolSetting}, which documents each: its kebab-case
 * name (used by {@link #fromProperties(Properties)}, by
 * {@link Builder#property(String, String)}, in error messages and as
 * {@code app.pool.<name>} in Spring Boot), range and default. Each accessor returns the
 * value in effect, {@code null} for a setting that is unset and has no default;
 * {@link #get(PoolSetting)} reads any setting. {@link #toString()} lists every setting
 * with secrets masked. Immutable and thread-safe.
 */
public final class PoolConfig {

	// Every setting's value as given to the builder (defaults for the others), indexed by
	// PoolSetting.index(): what toBuilder() carries on.
	private final Object[] given;

	// The values in effect: as given, with max-size and min-idle resolved and the no-op
	// listener for none.
	private final Object[] values;

	private final int maxSize;

	private final String maxSizeReason;

	// Which settings were given explicitly: toBuilder() carries it on, and messages mark
	// defaults as such.
	private final Set<String> configured;

	private PoolConfig(Builder builder) {
		this.given = PoolSetting.copy(builder.values);
		Integer maxSize = PoolSetting.MAX_SIZE.valueIn(this.given);
		Integer dbCores = PoolSetting.SIZING_DB_CORES.valueIn(this.given);
		if (maxSize != null) {
			this.maxSize = maxSize;
			this.maxSizeReason = "max-size=" + this.maxSize + " (configured)";
		}
		else if (dbCores != null) {
			// The classic formula: cores keep busy while others wait on disk; long math
			// so bad input cannot wrap.
			Integer spindles = PoolSetting.SIZING_EFFECTIVE_SPINDLE_COUNT.valueIn(this.given);
			long sized = dbCores * 2L + ((spindles != null) ? spindles : 0);
			this.maxSize = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, sized));
			this.maxSizeReason = "max-size=" + this.maxSize + " from sizing: db-cores " + dbCores
					+ " * 2 + effective-spindle-count " + spindles;
		}
		else {
			this.maxSize = 10;
			this.maxSizeReason = "max-size=10 (default)";
		}
		this.values = PoolSetting.copy(this.given);
		this.values[PoolSetting.MAX_SIZE.index()] = this.maxSize;
		if (PoolSetting.MIN_IDLE.valueIn(this.values) == null) {
			this.values[PoolSetting.MIN_IDLE.index()] = this.maxSize;
		}
		if (PoolSetting.LISTENER.valueIn(this.values) == null) {
			this.values[PoolSetting.LISTENER.index()] = PoolListener.noop();
		}
		this.configured = Set.copyOf(builder.configured);
	}

	/**
	 * A new builder with every setting at its default.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds a config from kebab-case keys such as {@code max-size} and
	 * {@code connection-timeout}: each key is
	 * {@linkplain Builder#property(String, String) applied} to a new builder, in key
	 * order, then {@link Builder#build()} validates. Unknown keys and unparsable values
	 * are reported together with every other problem. Values that are not strings (a
	 * {@code Properties} used as a map) are read through {@link String#valueOf(Object)};
	 * defaults of {@code props} count as keys.
	 * @param props the settings
	 * @return the validated config
	 * @throws InvalidPoolConfigException listing every bad setting
	 */
	public static PoolConfig fromProperties(Properties props) {
		Objects.requireNonNull(props, "props");
		Builder builder = builder();
		flatten(props).forEach(builder::property);
		return builder.build();
	}

	/**
	 * A builder pre-filled with this config's settings, to derive a changed copy.
	 * Settings left at their default stay defaults, so for example a derived config with
	 * other {@code sizing.*} inputs is sized anew.
	 * @return the builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * The value in effect of any setting, e.g. {@code config.get(PoolSetting.MAX_SIZE)}:
	 * as given, else the setting's default; {@code max-size} and {@code min-idle} as
	 * resolved, the listener {@link PoolListener#noop()} when none was given. The typed
	 * accessors below return the same values.
	 * @param <T> the setting's type
	 * @param setting the setting
	 * @return the value; {@code null} only for a setting with no value and no default; a
	 * new copy for {@code data-source-properties}
	 */
	public <T> T get(PoolSetting<T> setting) {
		return PoolSetting.copyOf(setting.valueIn(this.values));
	}

	/** The value of {@link PoolSetting#NAME}. */
	public String name() {
		return get(PoolSetting.NAME);
	}

	/** The value of {@link PoolSetting#URL}. */
	public String url() {
		return get(PoolSetting.URL);
	}

	/** The value of {@link PoolSetting#USERNAME}. */
	public String username() {
		return get(PoolSetting.USERNAME);
	}

	/** The value of {@link PoolSetting#PASSWORD}. */
	public String password() {
		return get(PoolSetting.PASSWORD);
	}

	/** The value of {@link PoolSetting#DRIVER_CLASS_NAME}. */
	public String driverClassName() {
		return get(PoolSetting.DRIVER_CLASS_NAME);
	}

	/** The value of {@link PoolSetting#DATA_SOURCE}. */
	public DataSource dataSource() {
		return get(PoolSetting.DATA_SOURCE);
	}

	/** The value of {@link PoolSetting#DATA_SOURCE_PROPERTIES}. */
	public Properties dataSourceProperties() {
		return get(PoolSetting.DATA_SOURCE_PROPERTIES);
	}

	/**
	 * The resolved {@code max-size}: as configured, else
	 * {@code db-cores * 2 + effective-spindle-count} when {@code sizing.db-cores} is set,
	 * else 10.
	 * @return the most connections the pool holds (overflow aside)
	 */
	public int maxSize() {
		return this.maxSize;
	}

	/**
	 * @return how {@link #maxSize()} was chosen, for logs, e.g.
	 * {@code max-size=10 (default)}
	 */
	public String maxSizeReason() {
		return this.maxSizeReason;
	}

	/** The value of {@link PoolSetting#MIN_IDLE}. */
	public int minIdle() {
		return get(PoolSetting.MIN_IDLE);
	}

	/** The value of {@link PoolSetting#SIZING_DB_CORES}. */
	public Integer sizingDbCores() {
		return get(PoolSetting.SIZING_DB_CORES);
	}

	/** The value of {@link PoolSetting#SIZING_EFFECTIVE_SPINDLE_COUNT}. */
	public int sizingEffectiveSpindleCount() {
		return get(PoolSetting.SIZING_EFFECTIVE_SPINDLE_COUNT);
	}

	/** The value of {@link PoolSetting#SIZING_INSTANCES}. */
	public int sizingInstances() {
		return get(PoolSetting.SIZING_INSTANCES);
	}

	/** The value of {@link PoolSetting#SIZING_MODE}. */
	public SizingMode sizingMode() {
		return get(PoolSetting.SIZING_MODE);
	}

	/** The value of {@link PoolSetting#SIZING_MIN_SIZE}. */
	public int sizingMinSize() {
		return get(PoolSetting.SIZING_MIN_SIZE);
	}

	/** The value of {@link PoolSetting#SIZING_PERIOD}. */
	public Duration sizingPeriod() {
		return get(PoolSetting.SIZING_PERIOD);
	}

	/** The value of {@link PoolSetting#SIZING_HEADROOM}. */
	public int sizingHeadroom() {
		return get(PoolSetting.SIZING_HEADROOM);
	}

	/** The value of {@link PoolSetting#SIZING_FLEET_BUDGET}. */
	public int sizingFleetBudget() {
		return get(PoolSetting.SIZING_FLEET_BUDGET);
	}

	/** The value of {@link PoolSetting#CONNECTION_TIMEOUT}. */
	public Duration connectionTimeout() {
		return get(PoolSetting.CONNECTION_TIMEOUT);
	}

	/** The value of {@link PoolSetting#ON_EXHAUSTED}. */
	public OnExhausted onExhausted() {
		return get(PoolSetting.ON_EXHAUSTED);
	}

	/** The value of {@link PoolSetting#MAX_OVERFLOW}. */
	public int maxOverflow() {
		return get(PoolSetting.MAX_OVERFLOW);
	}

	/** The value of {@link PoolSetting#OVERFLOW_AFTER}. */
	public Duration overflowAfter() {
		return get(PoolSetting.OVERFLOW_AFTER);
	}

	/** The value of {@link PoolSetting#MAX_WAITERS}. */
	public int maxWaiters() {
		return get(PoolSetting.MAX_WAITERS);
	}

	/** The value of {@link PoolSetting#IDLE_TIMEOUT}. */
	public Duration idleTimeout() {
		return get(PoolSetting.IDLE_TIMEOUT);
	}

	/** The value of {@link PoolSetting#MAX_LIFETIME}. */
	public Duration maxLifetime() {
		return get(PoolSetting.MAX_LIFETIME);
	}

	/** The value of {@link PoolSetting#LIFETIME_JITTER}. */
	public double lifetimeJitter() {
		return get(PoolSetting.LIFETIME_JITTER);
	}

	/** The value of {@link PoolSetting#KEEPALIVE_INTERVAL}. */
	public Duration keepaliveInterval() {
		return get(PoolSetting.KEEPALIVE_INTERVAL);
	}

	/** The value of {@link PoolSetting#VALIDATION_QUERY}. */
	public String validationQuery() {
		return get(PoolSetting.VALIDATION_QUERY);
	}

	/** The value of {@link PoolSetting#VALIDATION_TIMEOUT}. */
	public Duration validationTimeout() {
		return get(PoolSetting.VALIDATION_TIMEOUT);
	}

	/** The value of {@link PoolSetting#VALIDATION_BYPASS}. */
	public Duration validationBypass() {
		return get(PoolSetting.VALIDATION_BYPASS);
	}

	/** The value of {@link PoolSetting#LEAK_DETECTION_THRESHOLD}. */
	public Duration leakDetectionThreshold() {
		return get(PoolSetting.LEAK_DETECTION_THRESHOLD);
	}

	/** The value of {@link PoolSetting#INITIALIZATION_TIMEOUT}. */
	public Duration initializationTimeout() {
		return get(PoolSetting.INITIALIZATION_TIMEOUT);
	}

	/** The value of {@link PoolSetting#CONNECTION_INIT_SQL}. */
	public String connectionInitSql() {
		return get(PoolSetting.CONNECTION_INIT_SQL);
	}

	/** The value of {@link PoolSetting#AUTO_COMMIT}. */
	public Boolean autoCommit() {
		return get(PoolSetting.AUTO_COMMIT);
	}

	/** The value of {@link PoolSetting#TRANSACTION_ISOLATION}. */
	public Integer transactionIsolation() {
		return get(PoolSetting.TRANSACTION_ISOLATION);
	}

	/** The value of {@link PoolSetting#READ_ONLY}. */
	public Boolean readOnly() {
		return get(PoolSetting.READ_ONLY);
	}

	/** The value of {@link PoolSetting#CATALOG}. */
	public String catalog() {
		return get(PoolSetting.CATALOG);
	}

	/** The value of {@link PoolSetting#SCHEMA}. */
	public String schema() {
		return get(PoolSetting.SCHEMA);
	}

	/** The value of {@link PoolSetting#SHUTDOWN_TIMEOUT}. */
	public Duration shutdownTimeout() {
		return get(PoolSetting.SHUTDOWN_TIMEOUT);
	}

	/** The value of {@link PoolSetting#REGISTER_MBEANS}. */
	public boolean registerMbeans() {
		return get(PoolSetting.REGISTER_MBEANS);
	}

	/** The value of {@link PoolSetting#PGBOUNCER}. */
	public boolean pgbouncer() {
		return get(PoolSetting.PGBOUNCER);
	}

	/** The value of {@link PoolSetting#LISTENER}. */
	public PoolListener listener() {
		return get(PoolSetting.LISTENER);
	}

	/** The value of {@link PoolSetting#CREDENTIALS_SUPPLIER}. */
	public Supplier<Credentials> credentialsSupplier() {
		return get(PoolSetting.CREDENTIALS_SUPPLIER);
	}

	/** The value of {@link PoolSetting#ERROR_CLASSIFIER}. */
	public ConnectionErrorClassifier errorClassifier() {
		return get(PoolSetting.ERROR_CLASSIFIER);
	}

	/**
	 * Every setting by its kebab-case name, with the password, secret-looking
	 * {@code data-source-properties} and URL parameters masked; safe to log.
	 * @return the description
	 */
	@Override
	public String toString() {
		StringJoiner text = new StringJoiner(", ", "PoolConfig[", "]");
		for (PoolSetting<?> setting : PoolSetting.all()) {
			text.add(setting.name() + "=" + describe(setting));
		}
		return text.toString();
	}

	private <T> String describe(PoolSetting<T> setting) {
		return setting.describe(setting.valueIn(this.values));
	}

	/**
	 * The entries of a {@code Properties} as strings, sorted by key, including its
	 * defaults; values that are not strings (a {@code Properties} used as a map) are read
	 * through {@link String#valueOf(Object)} rather than silently dropped as
	 * {@link Properties#stringPropertyNames()} would.
	 */
	private static Map<String, String> flatten(Properties properties) {
		Map<String, String> entries = new TreeMap<>();
		for (String name : properties.stringPropertyNames()) {
			entries.put(name, properties.getProperty(name));
		}
		properties.forEach((key, value) -> entries.putIfAbsent(String.valueOf(key), String.valueOf(value)));
		return entries;
	}

	/**
	 * Collects settings for a {@link PoolConfig}. Setters take any value and never throw;
	 * {@link #build()} checks them all at once. Not thread-safe.
	 */
	public static final class Builder {

		private final Object[] values;

		private final Set<String> configured = new HashSet<>();

		// Text that could not be applied, by key, kept for build() so every problem is
		// reported at once.
		private final Map<String, Problem> textProblems = new LinkedHashMap<>();

		private Builder() {
			this.values = PoolSetting.defaults();
		}

		private Builder(PoolConfig config) {
			this.values = PoolSetting.copy(config.given);
			this.configured.addAll(config.configured);
		}

		/**
		 * Sets any setting, e.g. {@code set(PoolSetting.MAX_SIZE, 20)}; the typed setters
		 * below do the same. The last value given wins, including over earlier unparsable
		 * text.
		 * @param <T> the setting's type
		 * @param setting the setting
		 * @param value the value; {@code null} unsets a setting that may be unset (and is
		 * reported by {@link #build()} for one that may not);
		 * {@code data-source-properties} are copied
		 * @return this builder
		 */
		public <T> Builder set(PoolSetting<T> setting, T value) {
			Object stored = value;
			if (setting == PoolSetting.DATA_SOURCE_PROPERTIES) {
				Properties properties = new Properties();
				if (value != null) {
					flatten((Properties) value).forEach(properties::setProperty);
				}
				stored = properties;
			}
			this.values[setting.index()] = stored;
			return given(setting.name());
		}

		private Builder given(String key) {
			this.configured.add(key);
			this.textProblems.remove(key);
			return this;
		}

		/**
		 * Applies one setting given as text under its kebab-case name, e.g.
		 * {@code property("max-size", "20")} or
		 * {@code property("data-source-properties.ssl", "true")}, read as
		 * {@link PoolSetting#parse(String)} reads it. An unknown key or unparsable value
		 * does not throw here; it is reported by {@link #build()} together with every
		 * other problem.
		 * @param key the setting's name
		 * @param value its value as text
		 * @return this builder
		 */
		public Builder property(String key, String value) {
			Objects.requireNonNull(key, "key");
			if (!PoolSetting.isKnown(key)) {
				String reason = "unknown setting '" + key + "'";
				reason += PoolSetting.nearest(key).map((name) -> "; did you mean '" + name + "'?").orElse("");
				this.textProblems.put(key, new Problem(key, null, reason));
			}
			else if (value == null) {
				this.textProblems.put(key, new Problem(key, null, "no value given"));
			}
			else if (key.startsWith(PoolSetting.DATA_SOURCE_PROPERTIES_PREFIX)) {
				dataSourceProperty(key.substring(PoolSetting.DATA_SOURCE_PROPERTIES_PREFIX.length()), value);
			}
			else {
				PoolSetting<?> setting = PoolSetting.named(key).orElseThrow();
				try {
					setText(setting, value);
				}
				catch (IllegalArgumentException ex) {
					this.textProblems.put(key, new Problem(key, Secrets.mask(key, value), ex.getMessage()));
				}
			}
			return this;
		}

		private <T> void setText(PoolSetting<T> setting, String text) {
			set(setting, setting.parse(text));
		}

		/**
		 * Validates every setting and builds the config.
		 * @return the config
		 * @throws InvalidPoolConfigException listing every bad setting, one per line
		 */
		public PoolConfig build() {
			PoolConfig config = new PoolConfig(this);
			List<Problem> problems = ConfigChecks.problems(this.values, this.configured, this.textProblems.values(),
					config.maxSize);
			if (!problems.isEmpty()) {
				throw new InvalidPoolConfigException(problems);
			}
			return config;
		}

		/**
		 * Checks what {@link PoolDataSource} checks as it starts, before it opens a
		 * connection: that the driver ({@code driver-class-name}, else one registered
		 * with {@link java.sql.DriverManager}) accepts the URL. {@link #build()} leaves
		 * this to the start, as a config may be built where its driver is not; a
		 * framework that reports every problem before it starts a pool (Poolkit's Spring
		 * Boot starter) asks here. The driver is shown the URL with its secrets masked
		 * only (some drivers log a URL they cannot parse, whole).
		 * <p>
		 * This runs driver code: it loads and instantiates {@code driver-class-name},
		 * running its static initialisers (a JDBC driver registers itself with
		 * {@code DriverManager} there), and without one asks {@code DriverManager}, whose
		 * first use loads every driver on the class path
		 * ({@link java.util.ServiceLoader}). The first call may so be slow; later ones
		 * are not. Like the rest of the builder it is not thread-safe: call it from the
		 * thread that sets the builder's values. A {@code driver-class-name} given must
		 * accept the URL ({@link java.sql.Driver#acceptsURL}).
		 * @return the problem with {@code url} (or {@code driver-class-name}) that
		 * {@link PoolDataSource} would throw in an {@link InvalidPoolConfigException};
		 * {@link Optional#empty()} when a driver accepts the URL (it is not connected
		 * to), or when there is no URL for a driver to check ({@code data-source} given,
		 * or a URL or driver class that {@link #build()} reports)
		 */
		public Optional<Problem> driverProblem() {
			String url = PoolSetting.URL.valueIn(this.values);
			String className = PoolSetting.DRIVER_CLASS_NAME.valueIn(this.values);
			if (url == null || !url.startsWith("jdbc:") || PoolSetting.DATA_SOURCE.valueIn(this.values) != null
					|| this.textProblems.containsKey(PoolSetting.URL.name())
					|| this.textProblems.containsKey(PoolSetting.DRIVER_CLASS_NAME.name())
					|| (className != null && PoolSetting.DRIVER_CLASS_NAME.problem(className) != null)) {
				return Optional.empty();
			}
			return Optional.ofNullable(DriverLookup.of(url, className).problem());
		}

		/** Sets {@link PoolSetting#NAME}. */
		public Builder name(String name) {
			return set(PoolSetting.NAME, name);
		}

		/** Sets {@link PoolSetting#URL}. */
		public Builder url(String url) {
			return set(PoolSetting.URL, url);
		}

		/** Sets {@link PoolSetting#USERNAME}. */
		public Builder username(String username) {
			return set(PoolSetting.USERNAME, username);
		}

		/** Sets {@link PoolSetting#PASSWORD}. */
		public Builder password(String password) {
			return set(PoolSetting.PASSWORD, password);
		}

		/** Sets {@link PoolSetting#DRIVER_CLASS_NAME}. */
		public Builder driverClassName(String driverClassName) {
			return set(PoolSetting.DRIVER_CLASS_NAME, driverClassName);
		}

		/** Sets {@link PoolSetting#DATA_SOURCE}. */
		public Builder dataSource(DataSource dataSource) {
			return set(PoolSetting.DATA_SOURCE, dataSource);
		}

		/** Sets {@link PoolSetting#DATA_SOURCE_PROPERTIES}. */
		public Builder dataSourceProperties(Properties properties) {
			return set(PoolSetting.DATA_SOURCE_PROPERTIES, properties);
		}

		/**
		 * Sets one {@code data-source-properties.<name>} entry, a connection property for
		 * the driver.
		 * @param name the property's name
		 * @param value its value, or {@code null} to remove it
		 * @return this builder
		 */
		public Builder dataSourceProperty(String name, String value) {
			Properties properties = PoolSetting.DATA_SOURCE_PROPERTIES.valueIn(this.values);
			if (value != null) {
				properties.setProperty(name, value);
			}
			else {
				properties.remove(name);
			}
			return given(PoolSetting.DATA_SOURCE_PROPERTIES_PREFIX + name);
		}

		/** Sets {@link PoolSetting#MAX_SIZE}. */
		public Builder maxSize(int maxSize) {
			return set(PoolSetting.MAX_SIZE, maxSize);
		}

		/** Sets {@link PoolSetting#MIN_IDLE}. */
		public Builder minIdle(int minIdle) {
			return set(PoolSetting.MIN_IDLE, minIdle);
		}

		/** Sets {@link PoolSetting#SIZING_DB_CORES}. */
		public Builder sizingDbCores(Integer sizingDbCores) {
			return set(PoolSetting.SIZING_DB_CORES, sizingDbCores);
		}

		/** Sets {@link PoolSetting#SIZING_EFFECTIVE_SPINDLE_COUNT}. */
		public Builder sizingEffectiveSpindleCount(int sizingEffectiveSpindleCount) {
			return set(PoolSetting.SIZING_EFFECTIVE_SPINDLE_COUNT, sizingEffectiveSpindleCount);
		}

		/** Sets {@link PoolSetting#SIZING_INSTANCES}. */
		public Builder sizingInstances(int sizingInstances) {
			return set(PoolSetting.SIZING_INSTANCES, sizingInstances);
		}

		/** Sets {@link PoolSetting#SIZING_MODE}. */
		public Builder sizingMode(SizingMode sizingMode) {
			return set(PoolSetting.SIZING_MODE, sizingMode);
		}

		/** Sets {@link PoolSetting#SIZING_MIN_SIZE}. */
		public Builder sizingMinSize(int sizingMinSize) {
			return set(PoolSetting.SIZING_MIN_SIZE, sizingMinSize);
		}

		/** Sets {@link PoolSetting#SIZING_PERIOD}. */
		public Builder sizingPeriod(Duration sizingPeriod) {
			return set(PoolSetting.SIZING_PERIOD, sizingPeriod);
		}

		/** Sets {@link PoolSetting#SIZING_HEADROOM}. */
		public Builder sizingHeadroom(int sizingHeadroom) {
			return set(PoolSetting.SIZING_HEADROOM, sizingHeadroom);
		}

		/** Sets {@link PoolSetting#SIZING_FLEET_BUDGET}. */
		public Builder sizingFleetBudget(int sizingFleetBudget) {
			return set(PoolSetting.SIZING_FLEET_BUDGET, sizingFleetBudget);
		}

		/** Sets {@link PoolSetting#CONNECTION_TIMEOUT}. */
		public Builder connectionTimeout(Duration connectionTimeout) {
			return set(PoolSetting.CONNECTION_TIMEOUT, connectionTimeout);
		}

		/** Sets {@link PoolSetting#ON_EXHAUSTED}. */
		public Builder onExhausted(OnExhausted onExhausted) {
			return set(PoolSetting.ON_EXHAUSTED, onExhausted);
		}

		/** Sets {@link PoolSetting#MAX_OVERFLOW}. */
		public Builder maxOverflow(int maxOverflow) {
			return set(PoolSetting.MAX_OVERFLOW, maxOverflow);
		}

		/** Sets {@link PoolSetting#OVERFLOW_AFTER}. */
		public Builder overflowAfter(Duration overflowAfter) {
			return set(PoolSetting.OVERFLOW_AFTER, overflowAfter);
		}

		/** Sets {@link PoolSetting#MAX_WAITERS}. */
		public Builder maxWaiters(int maxWaiters) {
			return set(PoolSetting.MAX_WAITERS, maxWaiters);
		}

		/** Sets {@link PoolSetting#IDLE_TIMEOUT}. */
		public Builder idleTimeout(Duration idleTimeout) {
			return set(PoolSetting.IDLE_TIMEOUT, idleTimeout);
		}

		/** Sets {@link PoolSetting#MAX_LIFETIME}. */
		public Builder maxLifetime(Duration maxLifetime) {
			return set(PoolSetting.MAX_LIFETIME, maxLifetime);
		}

		/** Sets {@link PoolSetting#LIFETIME_JITTER}. */
		public Builder lifetimeJitter(double lifetimeJitter) {
			return set(PoolSetting.LIFETIME_JITTER, lifetimeJitter);
		}

		/** Sets {@link PoolSetting#KEEPALIVE_INTERVAL}. */
		public Builder keepaliveInterval(Duration keepaliveInterval) {
			return set(PoolSetting.KEEPALIVE_INTERVAL, keepaliveInterval);
		}

		/** Sets {@link PoolSetting#VALIDATION_QUERY}. */
		public Builder validationQuery(String validationQuery) {
			return set(PoolSetting.VALIDATION_QUERY, validationQuery);
		}

		/** Sets {@link PoolSetting#VALIDATION_TIMEOUT}. */
		public Builder validationTimeout(Duration validationTimeout) {
			return set(PoolSetting.VALIDATION_TIMEOUT, validationTimeout);
		}

		/** Sets {@link PoolSetting#VALIDATION_BYPASS}. */
		public Builder validationBypass(Duration validationBypass) {
			return set(PoolSetting.VALIDATION_BYPASS, validationBypass);
		}

		/** Sets {@link PoolSetting#LEAK_DETECTION_THRESHOLD}. */
		public Builder leakDetectionThreshold(Duration leakDetectionThreshold) {
			return set(PoolSetting.LEAK_DETECTION_THRESHOLD, leakDetectionThreshold);
		}

		/** Sets {@link PoolSetting#INITIALIZATION_TIMEOUT}. */
		public Builder initializationTimeout(Duration initializationTimeout) {
			return set(PoolSetting.INITIALIZATION_TIMEOUT, initializationTimeout);
		}

		/** Sets {@link PoolSetting#CONNECTION_INIT_SQL}. */
		public Builder connectionInitSql(String connectionInitSql) {
			return set(PoolSetting.CONNECTION_INIT_SQL, connectionInitSql);
		}

		/** Sets {@link PoolSetting#AUTO_COMMIT}. */
		public Builder autoCommit(Boolean autoCommit) {
			return set(PoolSetting.AUTO_COMMIT, autoCommit);
		}

		/** Sets {@link PoolSetting#TRANSACTION_ISOLATION}. */
		public Builder transactionIsolation(Integer transactionIsolation) {
			return set(PoolSetting.TRANSACTION_ISOLATION, transactionIsolation);
		}

		/** Sets {@link PoolSetting#READ_ONLY}. */
		public Builder readOnly(Boolean readOnly) {
			return set(PoolSetting.READ_ONLY, readOnly);
		}

		/** Sets {@link PoolSetting#CATALOG}. */
		public Builder catalog(String catalog) {
			return set(PoolSetting.CATALOG, catalog);
		}

		/** Sets {@link PoolSetting#SCHEMA}. */
		public Builder schema(String schema) {
			return set(PoolSetting.SCHEMA, schema);
		}

		/** Sets {@link PoolSetting#SHUTDOWN_TIMEOUT}. */
		public Builder shutdownTimeout(Duration shutdownTimeout) {
			return set(PoolSetting.SHUTDOWN_TIMEOUT, shutdownTimeout);
		}

		/** Sets {@link PoolSetting#REGISTER_MBEANS}. */
		public Builder registerMbeans(boolean registerMbeans) {
			return set(PoolSetting.REGISTER_MBEANS, registerMbeans);
		}

		/** Sets {@link PoolSetting#PGBOUNCER}. */
		public Builder pgbouncer(boolean pgbouncer) {
			return set(PoolSetting.PGBOUNCER, pgbouncer);
		}

		/** Sets {@link PoolSetting#LISTENER}. */
		public Builder listener(PoolListener listener) {
			return set(PoolSetting.LISTENER, listener);
		}

		/** Sets {@link PoolSetting#CREDENTIALS_SUPPLIER}. */
		public Builder credentialsSupplier(Supplier<Credentials> credentialsSupplier) {
			return set(PoolSetting.CREDENTIALS_SUPPLIER, credentialsSupplier);
		}

		/** Sets {@link PoolSetting#ERROR_CLASSIFIER}. */
		public Builder errorClassifier(ConnectionErrorClassifier errorClassifier) {
			return set(PoolSetting.ERROR_CLASSIFIER, errorClassifier);
		}

	}

}
