package io.poolkit;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.poolkit.InvalidPoolConfigException.Problem;

// Over 500 lines on purpose: the typed, documented public API of every setting (an
// accessor and a builder method each). What a setting is (name, default, range, text
// form) is in PoolSetting, its checks against others in ConfigChecks.

/**
 * The settings of one pool, immutable and validated. Build one with {@link #builder()} or
 * {@link #fromProperties(Properties)}; {@link Builder#build()} checks every setting and
 * reports all bad ones in one {@link InvalidPoolConfigException}.
 * <p>
 * The settings are the rows of {@link PoolSetting}: each accessor documents its setting's
 * kebab-case name, the one used by {@link #fromProperties(Properties)}, by
 * {@link Builder#property(String, String)}, in error messages and as
 * {@code app.pool.<name>} in Spring Boot; {@link #get(PoolSetting)} reads any of them.
 * {@link #toString()} lists every setting with secrets masked. Immutable and thread-safe.
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

	/**
	 * @return {@code name}: metric tag, thread name prefix, PostgreSQL
	 * {@code application_name}; default pool
	 */
	public String name() {
		return get(PoolSetting.NAME);
	}

	/**
	 * @return {@code url}: the JDBC URL; {@code null} when a {@link #dataSource()} is
	 * given instead
	 */
	public String url() {
		return get(PoolSetting.URL);
	}

	/**
	 * @return {@code username}, or {@code null} for the driver's default
	 */
	public String username() {
		return get(PoolSetting.USERNAME);
	}

	/**
	 * @return {@code password}, or {@code null} for none
	 */
	public String password() {
		return get(PoolSetting.PASSWORD);
	}

	/**
	 * @return {@code driver-class-name}, or {@code null} to let {@code DriverManager}
	 * find the driver
	 */
	public String driverClassName() {
		return get(PoolSetting.DRIVER_CLASS_NAME);
	}

	/**
	 * @return the {@code DataSource} to take connections from instead of a URL (builder
	 * only), or {@code null}
	 */
	public DataSource dataSource() {
		return get(PoolSetting.DATA_SOURCE);
	}

	/**
	 * @return {@code data-source-properties.*} for the driver; never {@code null}, a new
	 * copy on each call
	 */
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

	/**
	 * @return {@code min-idle}: idle connections kept ready; default {@link #maxSize()}
	 */
	public int minIdle() {
		return get(PoolSetting.MIN_IDLE);
	}

	/**
	 * @return {@code sizing.db-cores}: the database's cores, for the sizing formula;
	 * {@code null} if unset
	 */
	public Integer sizingDbCores() {
		return get(PoolSetting.SIZING_DB_CORES);
	}

	/**
	 * @return {@code sizing.effective-spindle-count}: disks kept busy, for the sizing
	 * formula; default 0
	 */
	public int sizingEffectiveSpindleCount() {
		return get(PoolSetting.SIZING_EFFECTIVE_SPINDLE_COUNT);
	}

	/**
	 * @return {@code sizing.instances}: app instances sharing the database, for the
	 * budget check; default 1
	 */
	public int sizingInstances() {
		return get(PoolSetting.SIZING_INSTANCES);
	}

	/**
	 * @return {@code sizing.mode}: {@link SizingMode#FIXED} (default) or
	 * {@link SizingMode#ADAPTIVE}, where the pool sizes itself between
	 * {@code sizing.min-size} and {@code max-size}
	 */
	public SizingMode sizingMode() {
		return get(PoolSetting.SIZING_MODE);
	}

	/**
	 * @return {@code sizing.min-size}: in adaptive mode the least target size, unless the
	 * fleet's budget leaves less (never below 1); default 1
	 */
	public int sizingMinSize() {
		return get(PoolSetting.SIZING_MIN_SIZE);
	}

	/**
	 * @return {@code sizing.period}: in adaptive mode how often the pool measures its
	 * load, reads the fleet's budget and decides its target size; default 1s
	 */
	public Duration sizingPeriod() {
		return get(PoolSetting.SIZING_PERIOD);
	}

	/**
	 * @return {@code sizing.headroom}: in adaptive mode connections of the budget no
	 * instance takes, so that an instance starting, or two growing at once, is not
	 * refused; default 2
	 */
	public int sizingHeadroom() {
		return get(PoolSetting.SIZING_HEADROOM);
	}

	/**
	 * @return {@code sizing.fleet-budget}: in adaptive mode the most connections all
	 * instances of this pool may hold together, on top of what the server or PgBouncer
	 * allows; used alone (divided by {@code sizing.instances}) where no limit can be
	 * read; default 0, none
	 */
	public int sizingFleetBudget() {
		return get(PoolSetting.SIZING_FLEET_BUDGET);
	}

	/**
	 * @return {@code connection-timeout}: the longest a borrower waits; default 30s
	 */
	public Duration connectionTimeout() {
		return get(PoolSetting.CONNECTION_TIMEOUT);
	}

	/**
	 * @return {@code on-exhausted}: what a borrower does when the pool is at max-size;
	 * default {@code WAIT}
	 */
	public OnExhausted onExhausted() {
		return get(PoolSetting.ON_EXHAUSTED);
	}

	/**
	 * @return {@code max-overflow}: temporary connections allowed past {@code max-size};
	 * default 0
	 */
	public int maxOverflow() {
		return get(PoolSetting.MAX_OVERFLOW);
	}

	/**
	 * @return {@code overflow-after}: the wait before an overflow connection is opened;
	 * default 1s
	 */
	public Duration overflowAfter() {
		return get(PoolSetting.OVERFLOW_AFTER);
	}

	/**
	 * @return {@code max-waiters}: a borrow fails at once when this many wait; default 0,
	 * no bound
	 */
	public int maxWaiters() {
		return get(PoolSetting.MAX_WAITERS);
	}

	/**
	 * @return {@code idle-timeout}: idle connections above min-idle close after it;
	 * default 10m, 0 = never
	 */
	public Duration idleTimeout() {
		return get(PoolSetting.IDLE_TIMEOUT);
	}

	/**
	 * @return {@code max-lifetime}: connections are retired before this age; default 30m,
	 * 0 = never
	 */
	public Duration maxLifetime() {
		return get(PoolSetting.MAX_LIFETIME);
	}

	/**
	 * @return {@code lifetime-jitter}: fraction of max-lifetime retirements are spread
	 * over; default 0.10
	 */
	public double lifetimeJitter() {
		return get(PoolSetting.LIFETIME_JITTER);
	}

	/**
	 * @return {@code keepalive-interval}: how often idle connections are validated;
	 * default 2m, 0 = off
	 */
	public Duration keepaliveInterval() {
		return get(PoolSetting.KEEPALIVE_INTERVAL);
	}

	/**
	 * @return {@code validation-query}, or {@code null} to validate with
	 * {@code Connection.isValid}
	 */
	public String validationQuery() {
		return get(PoolSetting.VALIDATION_QUERY);
	}

	/**
	 * @return {@code validation-timeout}: the longest a validation may take; default 5s
	 */
	public Duration validationTimeout() {
		return get(PoolSetting.VALIDATION_TIMEOUT);
	}

	/**
	 * @return {@code validation-bypass}: a connection used this recently is not
	 * re-validated; default 500ms
	 */
	public Duration validationBypass() {
		return get(PoolSetting.VALIDATION_BYPASS);
	}

	/**
	 * @return {@code leak-detection-threshold}: a connection held longer is reported;
	 * default 0 = off
	 */
	public Duration leakDetectionThreshold() {
		return get(PoolSetting.LEAK_DETECTION_THRESHOLD);
	}

	/**
	 * @return {@code initialization-timeout}: startup's wait for a first connection;
	 * default 10s, 0 = none
	 */
	public Duration initializationTimeout() {
		return get(PoolSetting.INITIALIZATION_TIMEOUT);
	}

	/**
	 * @return {@code connection-init-sql}: run once on every new connection; {@code null}
	 * for none
	 */
	public String connectionInitSql() {
		return get(PoolSetting.CONNECTION_INIT_SQL);
	}

	/**
	 * @return {@code auto-commit} every borrower gets, or {@code null} for the driver's
	 * default
	 */
	public Boolean autoCommit() {
		return get(PoolSetting.AUTO_COMMIT);
	}

	/**
	 * @return {@code transaction-isolation}, a {@code Connection.TRANSACTION_*} constant;
	 * {@code null} = driver's
	 */
	public Integer transactionIsolation() {
		return get(PoolSetting.TRANSACTION_ISOLATION);
	}

	/**
	 * @return {@code read-only} every borrower gets, or {@code null} for the driver's
	 * default
	 */
	public Boolean readOnly() {
		return get(PoolSetting.READ_ONLY);
	}

	/**
	 * @return {@code catalog} every borrower gets, or {@code null} for the driver's
	 * default
	 */
	public String catalog() {
		return get(PoolSetting.CATALOG);
	}

	/**
	 * @return {@code schema} every borrower gets, or {@code null} for the driver's
	 * default
	 */
	public String schema() {
		return get(PoolSetting.SCHEMA);
	}

	/**
	 * @return {@code shutdown-timeout}: how long {@code close()} waits for borrowed
	 * connections; default 30s
	 */
	public Duration shutdownTimeout() {
		return get(PoolSetting.SHUTDOWN_TIMEOUT);
	}

	/**
	 * @return {@code register-mbeans}: whether to publish JMX MBeans; default false
	 */
	public boolean registerMbeans() {
		return get(PoolSetting.REGISTER_MBEANS);
	}

	/**
	 * @return {@code pgbouncer}: whether to stay safe behind PgBouncer in transaction
	 * mode; default false
	 */
	public boolean pgbouncer() {
		return get(PoolSetting.PGBOUNCER);
	}

	/**
	 * @return the listener for pool events (builder only); never {@code null},
	 * {@link PoolListener#noop()} if unset
	 */
	public PoolListener listener() {
		return get(PoolSetting.LISTENER);
	}

	/**
	 * @return fresh credentials per new connection (builder only); {@code null} =
	 * {@code username}/{@code password}
	 */
	public Supplier<Credentials> credentialsSupplier() {
		return get(PoolSetting.CREDENTIALS_SUPPLIER);
	}

	/**
	 * @return which exceptions mean a broken connection (builder only); {@code null} =
	 * the engine picks by URL
	 */
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
		 * Sets {@code name}: 1 to 63 letters, digits, {@code -}, {@code _} or {@code .};
		 * default {@code pool}.
		 * @param name the pool's name
		 * @return this builder
		 */
		public Builder name(String name) {
			return set(PoolSetting.NAME, name);
		}

		/**
		 * Sets {@code url}, a JDBC URL starting with {@code jdbc:}; required unless a
		 * data source is given.
		 * @param url the JDBC URL
		 * @return this builder
		 */
		public Builder url(String url) {
			return set(PoolSetting.URL, url);
		}

		/**
		 * Sets {@code username}.
		 * @param username the user name, or {@code null} for the driver's default
		 * @return this builder
		 */
		public Builder username(String username) {
			return set(PoolSetting.USERNAME, username);
		}

		/**
		 * Sets {@code password}.
		 * @param password the password, or {@code null} for none
		 * @return this builder
		 */
		public Builder password(String password) {
			return set(PoolSetting.PASSWORD, password);
		}

		/**
		 * Sets {@code driver-class-name}: a {@link java.sql.Driver} class that must be
		 * loadable.
		 * @param driverClassName the class name, or {@code null} to let
		 * {@code DriverManager} find the driver
		 * @return this builder
		 */
		public Builder driverClassName(String driverClassName) {
			return set(PoolSetting.DRIVER_CLASS_NAME, driverClassName);
		}

		/**
		 * Sets a {@code DataSource} to take connections from, instead of a {@code url}.
		 * @param dataSource the data source, or {@code null}
		 * @return this builder
		 */
		public Builder dataSource(DataSource dataSource) {
			return set(PoolSetting.DATA_SOURCE, dataSource);
		}

		/**
		 * Replaces every {@code data-source-properties.*} entry with a copy of the given
		 * properties.
		 * @param properties the driver's connection properties
		 * @return this builder
		 */
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

		/**
		 * Sets {@code max-size}, 1 to 10000; unset, it follows from {@code sizing.*} or
		 * is 10.
		 * @param maxSize the most connections held
		 * @return this builder
		 */
		public Builder maxSize(int maxSize) {
			return set(PoolSetting.MAX_SIZE, maxSize);
		}

		/**
		 * Sets {@code min-idle}, 0 to {@code max-size}; unset, it equals
		 * {@code max-size}.
		 * @param minIdle the idle connections kept ready
		 * @return this builder
		 */
		public Builder minIdle(int minIdle) {
			return set(PoolSetting.MIN_IDLE, minIdle);
		}

		/**
		 * Sets {@code sizing.db-cores}, 1 to 1024, which sizes the pool when
		 * {@code max-size} is unset.
		 * @param sizingDbCores the database's CPU cores, or {@code null} to unset
		 * @return this builder
		 */
		public Builder sizingDbCores(Integer sizingDbCores) {
			return set(PoolSetting.SIZING_DB_CORES, sizingDbCores);
		}

		/**
		 * Sets {@code sizing.effective-spindle-count}, 0 to 1024; default 0.
		 * @param sizingEffectiveSpindleCount the disks the database keeps busy
		 * @return this builder
		 */
		public Builder sizingEffectiveSpindleCount(int sizingEffectiveSpindleCount) {
			return set(PoolSetting.SIZING_EFFECTIVE_SPINDLE_COUNT, sizingEffectiveSpindleCount);
		}

		/**
		 * Sets {@code sizing.instances}, 1 to 10000; default 1.
		 * @param sizingInstances the application instances sharing the database
		 * @return this builder
		 */
		public Builder sizingInstances(int sizingInstances) {
			return set(PoolSetting.SIZING_INSTANCES, sizingInstances);
		}

		/**
		 * Sets {@code sizing.mode}; default {@link SizingMode#FIXED}.
		 * @param sizingMode {@link SizingMode#ADAPTIVE} to let the pool size itself
		 * @return this builder
		 */
		public Builder sizingMode(SizingMode sizingMode) {
			return set(PoolSetting.SIZING_MODE, sizingMode);
		}

		/**
		 * Sets {@code sizing.min-size}, 1 to {@code max-size}; default 1. Adaptive mode
		 * only.
		 * @param sizingMinSize the least target size
		 * @return this builder
		 */
		public Builder sizingMinSize(int sizingMinSize) {
			return set(PoolSetting.SIZING_MIN_SIZE, sizingMinSize);
		}

		/**
		 * Sets {@code sizing.period}, 100ms to 10m; default 1s. Adaptive mode only.
		 * @param sizingPeriod how often the pool decides its target size
		 * @return this builder
		 */
		public Builder sizingPeriod(Duration sizingPeriod) {
			return set(PoolSetting.SIZING_PERIOD, sizingPeriod);
		}

		/**
		 * Sets {@code sizing.headroom}, 0 to 10000; default 2. Adaptive mode only.
		 * @param sizingHeadroom connections of the budget left free
		 * @return this builder
		 */
		public Builder sizingHeadroom(int sizingHeadroom) {
			return set(PoolSetting.SIZING_HEADROOM, sizingHeadroom);
		}

		/**
		 * Sets {@code sizing.fleet-budget}, 0 (none) to 1000000; default 0. Adaptive mode
		 * only.
		 * @param sizingFleetBudget the most connections all instances may hold together
		 * @return this builder
		 */
		public Builder sizingFleetBudget(int sizingFleetBudget) {
			return set(PoolSetting.SIZING_FLEET_BUDGET, sizingFleetBudget);
		}

		/**
		 * Sets {@code connection-timeout}, 1ms to 1h; default 30s.
		 * @param connectionTimeout the longest a borrower waits
		 * @return this builder
		 */
		public Builder connectionTimeout(Duration connectionTimeout) {
			return set(PoolSetting.CONNECTION_TIMEOUT, connectionTimeout);
		}

		/**
		 * Sets {@code on-exhausted}; {@code OVERFLOW} needs {@code max-overflow} of 1 or
		 * more. Default {@code
		 * WAIT}.
		 * @param onExhausted what a borrower does when the pool is exhausted
		 * @return this builder
		 */
		public Builder onExhausted(OnExhausted onExhausted) {
			return set(PoolSetting.ON_EXHAUSTED, onExhausted);
		}

		/**
		 * Sets {@code max-overflow}, 0 to 10000; default 0.
		 * @param maxOverflow the temporary connections allowed past {@code max-size}
		 * @return this builder
		 */
		public Builder maxOverflow(int maxOverflow) {
			return set(PoolSetting.MAX_OVERFLOW, maxOverflow);
		}

		/**
		 * Sets {@code overflow-after}, 0 to less than {@code connection-timeout}; default
		 * 1s.
		 * @param overflowAfter the wait before an overflow connection is opened
		 * @return this builder
		 */
		public Builder overflowAfter(Duration overflowAfter) {
			return set(PoolSetting.OVERFLOW_AFTER, overflowAfter);
		}

		/**
		 * Sets {@code max-waiters}, 0 (no bound) to 1000000; default 0.
		 * @param maxWaiters the most borrowers that may wait
		 * @return this builder
		 */
		public Builder maxWaiters(int maxWaiters) {
			return set(PoolSetting.MAX_WAITERS, maxWaiters);
		}

		/**
		 * Sets {@code idle-timeout}, 0 (never) or 10ms to 1d and at most
		 * {@code max-lifetime}; default 10m.
		 * @param idleTimeout the idle time after which surplus connections close
		 * @return this builder
		 */
		public Builder idleTimeout(Duration idleTimeout) {
			return set(PoolSetting.IDLE_TIMEOUT, idleTimeout);
		}

		/**
		 * Sets {@code max-lifetime}, 0 (never) or 100ms to 7d; default 30m.
		 * @param maxLifetime the age before which connections are retired
		 * @return this builder
		 */
		public Builder maxLifetime(Duration maxLifetime) {
			return set(PoolSetting.MAX_LIFETIME, maxLifetime);
		}

		/**
		 * Sets {@code lifetime-jitter}, 0 to 0.5 (50%); default 0.10.
		 * @param lifetimeJitter the fraction of {@code max-lifetime} retirements are
		 * spread over
		 * @return this builder
		 */
		public Builder lifetimeJitter(double lifetimeJitter) {
			return set(PoolSetting.LIFETIME_JITTER, lifetimeJitter);
		}

		/**
		 * Sets {@code keepalive-interval}, 0 (off) or 10ms to 1d; default 2m.
		 * @param keepaliveInterval how often idle connections are validated
		 * @return this builder
		 */
		public Builder keepaliveInterval(Duration keepaliveInterval) {
			return set(PoolSetting.KEEPALIVE_INTERVAL, keepaliveInterval);
		}

		/**
		 * Sets {@code validation-query}; not blank.
		 * @param validationQuery the query, or {@code null} to use
		 * {@code Connection.isValid}
		 * @return this builder
		 */
		public Builder validationQuery(String validationQuery) {
			return set(PoolSetting.VALIDATION_QUERY, validationQuery);
		}

		/**
		 * Sets {@code validation-timeout}, 1ms to {@code connection-timeout}; default 5s.
		 * @param validationTimeout the longest a validation may take
		 * @return this builder
		 */
		public Builder validationTimeout(Duration validationTimeout) {
			return set(PoolSetting.VALIDATION_TIMEOUT, validationTimeout);
		}

		/**
		 * Sets {@code validation-bypass}, 0 to 1h; default 500ms.
		 * @param validationBypass how recently used a connection may be to skip
		 * validation on borrow
		 * @return this builder
		 */
		public Builder validationBypass(Duration validationBypass) {
			return set(PoolSetting.VALIDATION_BYPASS, validationBypass);
		}

		/**
		 * Sets {@code leak-detection-threshold}, 0 (off) or 1ms to 1d; default 0.
		 * @param leakDetectionThreshold how long a connection may be held before it is
		 * reported
		 * @return this builder
		 */
		public Builder leakDetectionThreshold(Duration leakDetectionThreshold) {
			return set(PoolSetting.LEAK_DETECTION_THRESHOLD, leakDetectionThreshold);
		}

		/**
		 * Sets {@code initialization-timeout}, 0 (start without waiting) to 1h; default
		 * 10s.
		 * @param initializationTimeout how long startup waits for a first good connection
		 * @return this builder
		 */
		public Builder initializationTimeout(Duration initializationTimeout) {
			return set(PoolSetting.INITIALIZATION_TIMEOUT, initializationTimeout);
		}

		/**
		 * Sets {@code connection-init-sql}; not blank.
		 * @param connectionInitSql the SQL run once on every new connection, or
		 * {@code null} for none
		 * @return this builder
		 */
		public Builder connectionInitSql(String connectionInitSql) {
			return set(PoolSetting.CONNECTION_INIT_SQL, connectionInitSql);
		}

		/**
		 * Sets {@code auto-commit}.
		 * @param autoCommit the value every borrower gets, or {@code null} for the
		 * driver's default
		 * @return this builder
		 */
		public Builder autoCommit(Boolean autoCommit) {
			return set(PoolSetting.AUTO_COMMIT, autoCommit);
		}

		/**
		 * Sets {@code transaction-isolation}, one of the {@code Connection.TRANSACTION_*}
		 * constants.
		 * @param transactionIsolation the level, or {@code null} for the driver's default
		 * @return this builder
		 */
		public Builder transactionIsolation(Integer transactionIsolation) {
			return set(PoolSetting.TRANSACTION_ISOLATION, transactionIsolation);
		}

		/**
		 * Sets {@code read-only}.
		 * @param readOnly the value every borrower gets, or {@code null} for the driver's
		 * default
		 * @return this builder
		 */
		public Builder readOnly(Boolean readOnly) {
			return set(PoolSetting.READ_ONLY, readOnly);
		}

		/**
		 * Sets {@code catalog}.
		 * @param catalog the catalog every borrower gets, or {@code null} for the
		 * driver's default
		 * @return this builder
		 */
		public Builder catalog(String catalog) {
			return set(PoolSetting.CATALOG, catalog);
		}

		/**
		 * Sets {@code schema}.
		 * @param schema the schema every borrower gets, or {@code null} for the driver's
		 * default
		 * @return this builder
		 */
		public Builder schema(String schema) {
			return set(PoolSetting.SCHEMA, schema);
		}

		/**
		 * Sets {@code shutdown-timeout}, 0 to 1h; default 30s.
		 * @param shutdownTimeout how long {@code close()} waits for borrowed connections
		 * @return this builder
		 */
		public Builder shutdownTimeout(Duration shutdownTimeout) {
			return set(PoolSetting.SHUTDOWN_TIMEOUT, shutdownTimeout);
		}

		/**
		 * Sets {@code register-mbeans}; default false.
		 * @param registerMbeans whether to publish JMX MBeans
		 * @return this builder
		 */
		public Builder registerMbeans(boolean registerMbeans) {
			return set(PoolSetting.REGISTER_MBEANS, registerMbeans);
		}

		/**
		 * Sets {@code pgbouncer}; default false.
		 * @param pgbouncer whether to stay safe behind PgBouncer in transaction mode
		 * @return this builder
		 */
		public Builder pgbouncer(boolean pgbouncer) {
			return set(PoolSetting.PGBOUNCER, pgbouncer);
		}

		/**
		 * Sets the listener for pool events, e.g. a metrics binder.
		 * @param listener the listener, or {@code null} for none
		 * @return this builder
		 */
		public Builder listener(PoolListener listener) {
			return set(PoolSetting.LISTENER, listener);
		}

		/**
		 * Sets where each new connection gets its credentials, for credentials that
		 * rotate; called on the thread that opens the connection.
		 * @param credentialsSupplier the supplier, or {@code null} to use
		 * {@code username} and {@code password}
		 * @return this builder
		 */
		public Builder credentialsSupplier(Supplier<Credentials> credentialsSupplier) {
			return set(PoolSetting.CREDENTIALS_SUPPLIER, credentialsSupplier);
		}

		/**
		 * Sets which exceptions mean a connection is broken.
		 * @param errorClassifier the classifier, or {@code null} to let the engine pick
		 * one by URL
		 * @return this builder
		 */
		public Builder errorClassifier(ConnectionErrorClassifier errorClassifier) {
			return set(PoolSetting.ERROR_CLASSIFIER, errorClassifier);
		}

	}

}
