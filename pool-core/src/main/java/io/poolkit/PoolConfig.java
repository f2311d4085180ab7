package io.poolkit;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.poolkit.internal.ConfigDescription;
import io.poolkit.internal.ConfigValidator;
import io.poolkit.internal.SettingBinder;

/**
 * The settings of one pool, immutable and validated. Build one with {@link #builder()} or
 * {@link #fromProperties(Properties)}; {@link Builder#build()} checks every setting and
 * reports all bad ones in one {@link IllegalArgumentException}.
 * <p>
 * Each accessor documents its setting's kebab-case name, the one used by
 * {@link #fromProperties(Properties)}, by {@link Builder#property(String, String)}, in
 * error messages and as {@code app.pool.<name>} in Spring Boot. {@link #toString()} lists
 * every setting with secrets masked.
 */
public final class PoolConfig {

	private final String name;

	private final String url;

	private final String username;

	private final String password;

	private final String driverClassName;

	private final DataSource dataSource;

	private final Properties dataSourceProperties;

	private final Integer configuredMaxSize;

	private final int maxSize;

	private final String maxSizeReason;

	private final Integer configuredMinIdle;

	private final Integer sizingDbCores;

	private final int sizingEffectiveSpindleCount;

	private final int sizingInstances;

	private final Duration connectionTimeout;

	private final OnExhausted onExhausted;

	private final int maxOverflow;

	private final Duration overflowAfter;

	private final int maxWaiters;

	private final Duration idleTimeout;

	private final Duration maxLifetime;

	private final double lifetimeJitter;

	private final Duration keepaliveInterval;

	private final String validationQuery;

	private final Duration validationTimeout;

	private final Duration validationBypass;

	private final Duration leakDetectionThreshold;

	private final Duration initializationTimeout;

	private final String connectionInitSql;

	private final Boolean autoCommit;

	private final Integer transactionIsolation;

	private final Boolean readOnly;

	private final String catalog;

	private final String schema;

	private final Duration shutdownTimeout;

	private final boolean registerMbeans;

	private final boolean pgbouncer;

	private final PoolListener listener;

	private final Supplier<Credentials> credentialsSupplier;

	private final ConnectionErrorClassifier errorClassifier;

	// Which settings were given explicitly: toBuilder() carries it on, and messages mark
	// defaults as such.
	private final Set<String> configured;

	private PoolConfig(Builder builder) {
		this.name = builder.name;
		this.url = builder.url;
		this.username = builder.username;
		this.password = builder.password;
		this.driverClassName = builder.driverClassName;
		this.dataSource = builder.dataSource;
		this.dataSourceProperties = copy(builder.dataSourceProperties);
		this.configuredMaxSize = builder.maxSize;
		this.sizingDbCores = builder.sizingDbCores;
		this.sizingEffectiveSpindleCount = builder.sizingEffectiveSpindleCount;
		this.sizingInstances = builder.sizingInstances;
		if (builder.maxSize != null) {
			this.maxSize = builder.maxSize;
			this.maxSizeReason = "max-size=" + this.maxSize + " (configured)";
		}
		else if (builder.sizingDbCores != null) {
			// The classic formula: cores keep busy while others wait on disk; long math
			// so bad input cannot wrap.
			long sized = builder.sizingDbCores * 2L + builder.sizingEffectiveSpindleCount;
			this.maxSize = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, sized));
			this.maxSizeReason = "max-size=" + this.maxSize + " from sizing: db-cores " + builder.sizingDbCores
					+ " * 2 + effective-spindle-count " + builder.sizingEffectiveSpindleCount;
		}
		else {
			this.maxSize = 10;
			this.maxSizeReason = "max-size=10 (default)";
		}
		this.configuredMinIdle = builder.minIdle;
		this.connectionTimeout = builder.connectionTimeout;
		this.onExhausted = builder.onExhausted;
		this.maxOverflow = builder.maxOverflow;
		this.overflowAfter = builder.overflowAfter;
		this.maxWaiters = builder.maxWaiters;
		this.idleTimeout = builder.idleTimeout;
		this.maxLifetime = builder.maxLifetime;
		this.lifetimeJitter = builder.lifetimeJitter;
		this.keepaliveInterval = builder.keepaliveInterval;
		this.validationQuery = builder.validationQuery;
		this.validationTimeout = builder.validationTimeout;
		this.validationBypass = builder.validationBypass;
		this.leakDetectionThreshold = builder.leakDetectionThreshold;
		this.initializationTimeout = builder.initializationTimeout;
		this.connectionInitSql = builder.connectionInitSql;
		this.autoCommit = builder.autoCommit;
		this.transactionIsolation = builder.transactionIsolation;
		this.readOnly = builder.readOnly;
		this.catalog = builder.catalog;
		this.schema = builder.schema;
		this.shutdownTimeout = builder.shutdownTimeout;
		this.registerMbeans = builder.registerMbeans;
		this.pgbouncer = builder.pgbouncer;
		this.listener = (builder.listener != null) ? builder.listener : PoolListener.noop();
		this.credentialsSupplier = builder.credentialsSupplier;
		this.errorClassifier = builder.errorClassifier;
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
	 * @throws IllegalArgumentException listing every bad setting
	 */
	public static PoolConfig fromProperties(Properties props) {
		Objects.requireNonNull(props, "props");
		Builder builder = builder();
		SettingBinder.flatten(props).forEach(builder::property);
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
	 * @return {@code name}: metric tag, thread name prefix, PostgreSQL
	 * {@code application_name}; default pool
	 */
	public String name() {
		return this.name;
	}

	/**
	 * @return {@code url}: the JDBC URL; {@code null} when a {@link #dataSource()} is
	 * given instead
	 */
	public String url() {
		return this.url;
	}

	/**
	 * @return {@code username}, or {@code null} for the driver's default
	 */
	public String username() {
		return this.username;
	}

	/**
	 * @return {@code password}, or {@code null} for none
	 */
	public String password() {
		return this.password;
	}

	/**
	 * @return {@code driver-class-name}, or {@code null} to let {@code DriverManager}
	 * find the driver
	 */
	public String driverClassName() {
		return this.driverClassName;
	}

	/**
	 * @return the {@code DataSource} to take connections from instead of a URL (builder
	 * only), or {@code null}
	 */
	public DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * @return {@code data-source-properties.*} for the driver; never {@code null}, a new
	 * copy on each call
	 */
	public Properties dataSourceProperties() {
		return copy(this.dataSourceProperties);
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
		return (this.configuredMinIdle != null) ? this.configuredMinIdle : this.maxSize;
	}

	/**
	 * @return {@code sizing.db-cores}: the database's cores, for the sizing formula;
	 * {@code null} if unset
	 */
	public Integer sizingDbCores() {
		return this.sizingDbCores;
	}

	/**
	 * @return {@code sizing.effective-spindle-count}: disks kept busy, for the sizing
	 * formula; default 0
	 */
	public int sizingEffectiveSpindleCount() {
		return this.sizingEffectiveSpindleCount;
	}

	/**
	 * @return {@code sizing.instances}: app instances sharing the database, for the
	 * budget check; default 1
	 */
	public int sizingInstances() {
		return this.sizingInstances;
	}

	/**
	 * @return {@code connection-timeout}: the longest a borrower waits; default 30s
	 */
	public Duration connectionTimeout() {
		return this.connectionTimeout;
	}

	/**
	 * @return {@code on-exhausted}: what a borrower does when the pool is at max-size;
	 * default {@code WAIT}
	 */
	public OnExhausted onExhausted() {
		return this.onExhausted;
	}

	/**
	 * @return {@code max-overflow}: temporary connections allowed past {@code max-size};
	 * default 0
	 */
	public int maxOverflow() {
		return this.maxOverflow;
	}

	/**
	 * @return {@code overflow-after}: the wait before an overflow connection is opened;
	 * default 1s
	 */
	public Duration overflowAfter() {
		return this.overflowAfter;
	}

	/**
	 * @return {@code max-waiters}: a borrow fails at once when this many wait; default 0,
	 * no bound
	 */
	public int maxWaiters() {
		return this.maxWaiters;
	}

	/**
	 * @return {@code idle-timeout}: idle connections above min-idle close after it;
	 * default 10m, 0 = never
	 */
	public Duration idleTimeout() {
		return this.idleTimeout;
	}

	/**
	 * @return {@code max-lifetime}: connections are retired before this age; default 30m,
	 * 0 = never
	 */
	public Duration maxLifetime() {
		return this.maxLifetime;
	}

	/**
	 * @return {@code lifetime-jitter}: fraction of max-lifetime retirements are spread
	 * over; default 0.10
	 */
	public double lifetimeJitter() {
		return this.lifetimeJitter;
	}

	/**
	 * @return {@code keepalive-interval}: how often idle connections are validated;
	 * default 2m, 0 = off
	 */
	public Duration keepaliveInterval() {
		return this.keepaliveInterval;
	}

	/**
	 * @return {@code validation-query}, or {@code null} to validate with
	 * {@code Connection.isValid}
	 */
	public String validationQuery() {
		return this.validationQuery;
	}

	/**
	 * @return {@code validation-timeout}: the longest a validation may take; default 5s
	 */
	public Duration validationTimeout() {
		return this.validationTimeout;
	}

	/**
	 * @return {@code validation-bypass}: a connection used this recently is not
	 * re-validated; default 500ms
	 */
	public Duration validationBypass() {
		return this.validationBypass;
	}

	/**
	 * @return {@code leak-detection-threshold}: a connection held longer is reported;
	 * default 0 = off
	 */
	public Duration leakDetectionThreshold() {
		return this.leakDetectionThreshold;
	}

	/**
	 * @return {@code initialization-timeout}: startup's wait for a first connection;
	 * default 10s, 0 = none
	 */
	public Duration initializationTimeout() {
		return this.initializationTimeout;
	}

	/**
	 * @return {@code connection-init-sql}: run once on every new connection; {@code null}
	 * for none
	 */
	public String connectionInitSql() {
		return this.connectionInitSql;
	}

	/**
	 * @return {@code auto-commit} every borrower gets, or {@code null} for the driver's
	 * default
	 */
	public Boolean autoCommit() {
		return this.autoCommit;
	}

	/**
	 * @return {@code transaction-isolation}, a {@code Connection.TRANSACTION_*} constant;
	 * {@code null} = driver's
	 */
	public Integer transactionIsolation() {
		return this.transactionIsolation;
	}

	/**
	 * @return {@code read-only} every borrower gets, or {@code null} for the driver's
	 * default
	 */
	public Boolean readOnly() {
		return this.readOnly;
	}

	/**
	 * @return {@code catalog} every borrower gets, or {@code null} for the driver's
	 * default
	 */
	public String catalog() {
		return this.catalog;
	}

	/**
	 * @return {@code schema} every borrower gets, or {@code null} for the driver's
	 * default
	 */
	public String schema() {
		return this.schema;
	}

	/**
	 * @return {@code shutdown-timeout}: how long {@code close()} waits for borrowed
	 * connections; default 30s
	 */
	public Duration shutdownTimeout() {
		return this.shutdownTimeout;
	}

	/**
	 * @return {@code register-mbeans}: whether to publish JMX MBeans; default false
	 */
	public boolean registerMbeans() {
		return this.registerMbeans;
	}

	/**
	 * @return {@code pgbouncer}: whether to stay safe behind PgBouncer in transaction
	 * mode; default false
	 */
	public boolean pgbouncer() {
		return this.pgbouncer;
	}

	/**
	 * @return the listener for pool events (builder only); never {@code null},
	 * {@link PoolListener#noop()} if unset
	 */
	public PoolListener listener() {
		return this.listener;
	}

	/**
	 * @return fresh credentials per new connection (builder only); {@code null} =
	 * {@code username}/{@code password}
	 */
	public Supplier<Credentials> credentialsSupplier() {
		return this.credentialsSupplier;
	}

	/**
	 * @return which exceptions mean a broken connection (builder only); {@code null} =
	 * the engine picks by URL
	 */
	public ConnectionErrorClassifier errorClassifier() {
		return this.errorClassifier;
	}

	/**
	 * Every setting by its kebab-case name, with the password, secret-looking
	 * {@code data-source-properties} and URL parameters masked; safe to log.
	 * @return the description
	 */
	@Override
	public String toString() {
		return ConfigDescription.describe(this);
	}

	private static Properties copy(Properties source) {
		Properties copy = new Properties();
		copy.putAll(source);
		return copy;
	}

	/**
	 * Collects settings for a {@link PoolConfig}. Setters take any value and never throw;
	 * {@link #build()} checks them all at once. Not thread-safe.
	 */
	public static final class Builder {

		private String name = "pool";

		private String url;

		private String username;

		private String password;

		private String driverClassName;

		private DataSource dataSource;

		private final Properties dataSourceProperties = new Properties();

		private Integer maxSize;

		private Integer minIdle;

		private Integer sizingDbCores;

		private int sizingEffectiveSpindleCount;

		private int sizingInstances = 1;

		private Duration connectionTimeout = Duration.ofSeconds(30);

		private OnExhausted onExhausted = OnExhausted.WAIT;

		private int maxOverflow;

		private Duration overflowAfter = Duration.ofSeconds(1);

		private int maxWaiters;

		private Duration idleTimeout = Duration.ofMinutes(10);

		private Duration maxLifetime = Duration.ofMinutes(30);

		private double lifetimeJitter = 0.10;

		private Duration keepaliveInterval = Duration.ofMinutes(2);

		private String validationQuery;

		private Duration validationTimeout = Duration.ofSeconds(5);

		private Duration validationBypass = Duration.ofMillis(500);

		private Duration leakDetectionThreshold = Duration.ZERO;

		private Duration initializationTimeout = Duration.ofSeconds(10);

		private String connectionInitSql;

		private Boolean autoCommit;

		private Integer transactionIsolation;

		private Boolean readOnly;

		private String catalog;

		private String schema;

		private Duration shutdownTimeout = Duration.ofSeconds(30);

		private boolean registerMbeans;

		private boolean pgbouncer;

		private PoolListener listener;

		private Supplier<Credentials> credentialsSupplier;

		private ConnectionErrorClassifier errorClassifier;

		private final Set<String> configured = new HashSet<>();

		// Text that could not be applied, by key, kept for build() so every problem is
		// reported at once.
		private final Map<String, String> textProblems = new LinkedHashMap<>();

		private Builder() {
		}

		private Builder(PoolConfig config) {
			this.name = config.name;
			this.url = config.url;
			this.username = config.username;
			this.password = config.password;
			this.driverClassName = config.driverClassName;
			this.dataSource = config.dataSource;
			this.dataSourceProperties.putAll(config.dataSourceProperties);
			this.maxSize = config.configuredMaxSize;
			this.minIdle = config.configuredMinIdle;
			this.sizingDbCores = config.sizingDbCores;
			this.sizingEffectiveSpindleCount = config.sizingEffectiveSpindleCount;
			this.sizingInstances = config.sizingInstances;
			this.connectionTimeout = config.connectionTimeout;
			this.onExhausted = config.onExhausted;
			this.maxOverflow = config.maxOverflow;
			this.overflowAfter = config.overflowAfter;
			this.maxWaiters = config.maxWaiters;
			this.idleTimeout = config.idleTimeout;
			this.maxLifetime = config.maxLifetime;
			this.lifetimeJitter = config.lifetimeJitter;
			this.keepaliveInterval = config.keepaliveInterval;
			this.validationQuery = config.validationQuery;
			this.validationTimeout = config.validationTimeout;
			this.validationBypass = config.validationBypass;
			this.leakDetectionThreshold = config.leakDetectionThreshold;
			this.initializationTimeout = config.initializationTimeout;
			this.connectionInitSql = config.connectionInitSql;
			this.autoCommit = config.autoCommit;
			this.transactionIsolation = config.transactionIsolation;
			this.readOnly = config.readOnly;
			this.catalog = config.catalog;
			this.schema = config.schema;
			this.shutdownTimeout = config.shutdownTimeout;
			this.registerMbeans = config.registerMbeans;
			this.pgbouncer = config.pgbouncer;
			this.listener = (config.listener != PoolListener.noop()) ? config.listener : null;
			this.credentialsSupplier = config.credentialsSupplier;
			this.errorClassifier = config.errorClassifier;
			this.configured.addAll(config.configured);
		}

		// Every setter ends here: the last value given for a key wins, including over
		// earlier unparsable text.
		private Builder set(String key) {
			this.configured.add(key);
			this.textProblems.remove(key);
			return this;
		}

		/**
		 * Applies one setting given as text under its kebab-case name, e.g.
		 * {@code property("max-size", "20")} or
		 * {@code property("data-source-properties.ssl", "true")}. An unknown key or
		 * unparsable value does not throw here; it is reported by {@link #build()}
		 * together with every other problem.
		 * @param key the setting's name
		 * @param value its value as text
		 * @return this builder
		 */
		public Builder property(String key, String value) {
			Objects.requireNonNull(key, "key");
			if (!SettingBinder.isKnown(key)) {
				this.textProblems.put(key, SettingBinder.unknownKeyMessage(key));
			}
			else if (value == null) {
				this.textProblems.put(key, key + ": no value given");
			}
			else {
				try {
					SettingBinder.apply(this, key, value);
				}
				catch (IllegalArgumentException ex) {
					this.textProblems.put(key, key + ": " + ex.getMessage());
				}
			}
			return this;
		}

		/**
		 * Validates every setting and builds the config.
		 * @return the config
		 * @throws IllegalArgumentException listing every bad setting, one per line
		 */
		public PoolConfig build() {
			PoolConfig config = new PoolConfig(this);
			List<String> problems = ConfigValidator.problems(config, this.configured, this.textProblems);
			if (!problems.isEmpty()) {
				throw new IllegalArgumentException(ConfigValidator.message(problems));
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
			this.name = name;
			return set("name");
		}

		/**
		 * Sets {@code url}, a JDBC URL starting with {@code jdbc:}; required unless a
		 * data source is given.
		 * @param url the JDBC URL
		 * @return this builder
		 */
		public Builder url(String url) {
			this.url = url;
			return set("url");
		}

		/**
		 * Sets {@code username}.
		 * @param username the user name, or {@code null} for the driver's default
		 * @return this builder
		 */
		public Builder username(String username) {
			this.username = username;
			return set("username");
		}

		/**
		 * Sets {@code password}.
		 * @param password the password, or {@code null} for none
		 * @return this builder
		 */
		public Builder password(String password) {
			this.password = password;
			return set("password");
		}

		/**
		 * Sets {@code driver-class-name}: a {@link java.sql.Driver} class that must be
		 * loadable.
		 * @param driverClassName the class name, or {@code null} to let
		 * {@code DriverManager} find the driver
		 * @return this builder
		 */
		public Builder driverClassName(String driverClassName) {
			this.driverClassName = driverClassName;
			return set("driver-class-name");
		}

		/**
		 * Sets a {@code DataSource} to take connections from, instead of a {@code url}.
		 * @param dataSource the data source, or {@code null}
		 * @return this builder
		 */
		public Builder dataSource(DataSource dataSource) {
			this.dataSource = dataSource;
			return this;
		}

		/**
		 * Replaces every {@code data-source-properties.*} entry with a copy of the given
		 * properties.
		 * @param properties the driver's connection properties
		 * @return this builder
		 */
		public Builder dataSourceProperties(Properties properties) {
			this.dataSourceProperties.clear();
			SettingBinder.flatten(properties).forEach(this.dataSourceProperties::setProperty);
			return this;
		}

		/**
		 * Sets one {@code data-source-properties.<name>} entry, a connection property for
		 * the driver.
		 * @param name the property's name
		 * @param value its value, or {@code null} to remove it
		 * @return this builder
		 */
		public Builder dataSourceProperty(String name, String value) {
			if (value != null) {
				this.dataSourceProperties.setProperty(name, value);
			}
			else {
				this.dataSourceProperties.remove(name);
			}
			return set(SettingBinder.DATA_SOURCE_PROPERTIES_PREFIX + name);
		}

		/**
		 * Sets {@code max-size}, 1 to 10000; unset, it follows from {@code sizing.*} or
		 * is 10.
		 * @param maxSize the most connections held
		 * @return this builder
		 */
		public Builder maxSize(int maxSize) {
			this.maxSize = maxSize;
			return set("max-size");
		}

		/**
		 * Sets {@code min-idle}, 0 to {@code max-size}; unset, it equals
		 * {@code max-size}.
		 * @param minIdle the idle connections kept ready
		 * @return this builder
		 */
		public Builder minIdle(int minIdle) {
			this.minIdle = minIdle;
			return set("min-idle");
		}

		/**
		 * Sets {@code sizing.db-cores}, 1 to 1024, which sizes the pool when
		 * {@code max-size} is unset.
		 * @param sizingDbCores the database's CPU cores, or {@code null} to unset
		 * @return this builder
		 */
		public Builder sizingDbCores(Integer sizingDbCores) {
			this.sizingDbCores = sizingDbCores;
			return set("sizing.db-cores");
		}

		/**
		 * Sets {@code sizing.effective-spindle-count}, 0 to 1024; default 0.
		 * @param sizingEffectiveSpindleCount the disks the database keeps busy
		 * @return this builder
		 */
		public Builder sizingEffectiveSpindleCount(int sizingEffectiveSpindleCount) {
			this.sizingEffectiveSpindleCount = sizingEffectiveSpindleCount;
			return set("sizing.effective-spindle-count");
		}

		/**
		 * Sets {@code sizing.instances}, 1 to 10000; default 1.
		 * @param sizingInstances the application instances sharing the database
		 * @return this builder
		 */
		public Builder sizingInstances(int sizingInstances) {
			this.sizingInstances = sizingInstances;
			return set("sizing.instances");
		}

		/**
		 * Sets {@code connection-timeout}, 1ms to 1h; default 30s.
		 * @param connectionTimeout the longest a borrower waits
		 * @return this builder
		 */
		public Builder connectionTimeout(Duration connectionTimeout) {
			this.connectionTimeout = connectionTimeout;
			return set("connection-timeout");
		}

		/**
		 * Sets {@code on-exhausted}; {@code OVERFLOW} needs {@code max-overflow} of 1 or
		 * more. Default {@code
		 * WAIT}.
		 * @param onExhausted what a borrower does when the pool is exhausted
		 * @return this builder
		 */
		public Builder onExhausted(OnExhausted onExhausted) {
			this.onExhausted = onExhausted;
			return set("on-exhausted");
		}

		/**
		 * Sets {@code max-overflow}, 0 to 10000; default 0.
		 * @param maxOverflow the temporary connections allowed past {@code max-size}
		 * @return this builder
		 */
		public Builder maxOverflow(int maxOverflow) {
			this.maxOverflow = maxOverflow;
			return set("max-overflow");
		}

		/**
		 * Sets {@code overflow-after}, 0 to less than {@code connection-timeout}; default
		 * 1s.
		 * @param overflowAfter the wait before an overflow connection is opened
		 * @return this builder
		 */
		public Builder overflowAfter(Duration overflowAfter) {
			this.overflowAfter = overflowAfter;
			return set("overflow-after");
		}

		/**
		 * Sets {@code max-waiters}, 0 (no bound) to 1000000; default 0.
		 * @param maxWaiters the most borrowers that may wait
		 * @return this builder
		 */
		public Builder maxWaiters(int maxWaiters) {
			this.maxWaiters = maxWaiters;
			return set("max-waiters");
		}

		/**
		 * Sets {@code idle-timeout}, 0 (never) or 10ms to 1d and at most
		 * {@code max-lifetime}; default 10m.
		 * @param idleTimeout the idle time after which surplus connections close
		 * @return this builder
		 */
		public Builder idleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
			return set("idle-timeout");
		}

		/**
		 * Sets {@code max-lifetime}, 0 (never) or 100ms to 7d; default 30m.
		 * @param maxLifetime the age before which connections are retired
		 * @return this builder
		 */
		public Builder maxLifetime(Duration maxLifetime) {
			this.maxLifetime = maxLifetime;
			return set("max-lifetime");
		}

		/**
		 * Sets {@code lifetime-jitter}, 0 to 0.5 (50%); default 0.10.
		 * @param lifetimeJitter the fraction of {@code max-lifetime} retirements are
		 * spread over
		 * @return this builder
		 */
		public Builder lifetimeJitter(double lifetimeJitter) {
			this.lifetimeJitter = lifetimeJitter;
			return set("lifetime-jitter");
		}

		/**
		 * Sets {@code keepalive-interval}, 0 (off) or 10ms to 1d; default 2m.
		 * @param keepaliveInterval how often idle connections are validated
		 * @return this builder
		 */
		public Builder keepaliveInterval(Duration keepaliveInterval) {
			this.keepaliveInterval = keepaliveInterval;
			return set("keepalive-interval");
		}

		/**
		 * Sets {@code validation-query}; not blank.
		 * @param validationQuery the query, or {@code null} to use
		 * {@code Connection.isValid}
		 * @return this builder
		 */
		public Builder validationQuery(String validationQuery) {
			this.validationQuery = validationQuery;
			return set("validation-query");
		}

		/**
		 * Sets {@code validation-timeout}, 1ms to {@code connection-timeout}; default 5s.
		 * @param validationTimeout the longest a validation may take
		 * @return this builder
		 */
		public Builder validationTimeout(Duration validationTimeout) {
			this.validationTimeout = validationTimeout;
			return set("validation-timeout");
		}

		/**
		 * Sets {@code validation-bypass}, 0 to 1h; default 500ms.
		 * @param validationBypass how recently used a connection may be to skip
		 * validation on borrow
		 * @return this builder
		 */
		public Builder validationBypass(Duration validationBypass) {
			this.validationBypass = validationBypass;
			return set("validation-bypass");
		}

		/**
		 * Sets {@code leak-detection-threshold}, 0 (off) or 1ms to 1d; default 0.
		 * @param leakDetectionThreshold how long a connection may be held before it is
		 * reported
		 * @return this builder
		 */
		public Builder leakDetectionThreshold(Duration leakDetectionThreshold) {
			this.leakDetectionThreshold = leakDetectionThreshold;
			return set("leak-detection-threshold");
		}

		/**
		 * Sets {@code initialization-timeout}, 0 (start without waiting) to 1h; default
		 * 10s.
		 * @param initializationTimeout how long startup waits for a first good connection
		 * @return this builder
		 */
		public Builder initializationTimeout(Duration initializationTimeout) {
			this.initializationTimeout = initializationTimeout;
			return set("initialization-timeout");
		}

		/**
		 * Sets {@code connection-init-sql}; not blank.
		 * @param connectionInitSql the SQL run once on every new connection, or
		 * {@code null} for none
		 * @return this builder
		 */
		public Builder connectionInitSql(String connectionInitSql) {
			this.connectionInitSql = connectionInitSql;
			return set("connection-init-sql");
		}

		/**
		 * Sets {@code auto-commit}.
		 * @param autoCommit the value every borrower gets, or {@code null} for the
		 * driver's default
		 * @return this builder
		 */
		public Builder autoCommit(Boolean autoCommit) {
			this.autoCommit = autoCommit;
			return set("auto-commit");
		}

		/**
		 * Sets {@code transaction-isolation}, one of the {@code Connection.TRANSACTION_*}
		 * constants.
		 * @param transactionIsolation the level, or {@code null} for the driver's default
		 * @return this builder
		 */
		public Builder transactionIsolation(Integer transactionIsolation) {
			this.transactionIsolation = transactionIsolation;
			return set("transaction-isolation");
		}

		/**
		 * Sets {@code read-only}.
		 * @param readOnly the value every borrower gets, or {@code null} for the driver's
		 * default
		 * @return this builder
		 */
		public Builder readOnly(Boolean readOnly) {
			this.readOnly = readOnly;
			return set("read-only");
		}

		/**
		 * Sets {@code catalog}.
		 * @param catalog the catalog every borrower gets, or {@code null} for the
		 * driver's default
		 * @return this builder
		 */
		public Builder catalog(String catalog) {
			this.catalog = catalog;
			return set("catalog");
		}

		/**
		 * Sets {@code schema}.
		 * @param schema the schema every borrower gets, or {@code null} for the driver's
		 * default
		 * @return this builder
		 */
		public Builder schema(String schema) {
			this.schema = schema;
			return set("schema");
		}

		/**
		 * Sets {@code shutdown-timeout}, 0 to 1h; default 30s.
		 * @param shutdownTimeout how long {@code close()} waits for borrowed connections
		 * @return this builder
		 */
		public Builder shutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
			return set("shutdown-timeout");
		}

		/**
		 * Sets {@code register-mbeans}; default false.
		 * @param registerMbeans whether to publish JMX MBeans
		 * @return this builder
		 */
		public Builder registerMbeans(boolean registerMbeans) {
			this.registerMbeans = registerMbeans;
			return set("register-mbeans");
		}

		/**
		 * Sets {@code pgbouncer}; default false.
		 * @param pgbouncer whether to stay safe behind PgBouncer in transaction mode
		 * @return this builder
		 */
		public Builder pgbouncer(boolean pgbouncer) {
			this.pgbouncer = pgbouncer;
			return set("pgbouncer");
		}

		/**
		 * Sets the listener for pool events, e.g. a metrics binder.
		 * @param listener the listener, or {@code null} for none
		 * @return this builder
		 */
		public Builder listener(PoolListener listener) {
			this.listener = listener;
			return this;
		}

		/**
		 * Sets where each new connection gets its credentials, for credentials that
		 * rotate; called on the thread that opens the connection.
		 * @param credentialsSupplier the supplier, or {@code null} to use
		 * {@code username} and {@code password}
		 * @return this builder
		 */
		public Builder credentialsSupplier(Supplier<Credentials> credentialsSupplier) {
			this.credentialsSupplier = credentialsSupplier;
			return this;
		}

		/**
		 * Sets which exceptions mean a connection is broken.
		 * @param errorClassifier the classifier, or {@code null} to let the engine pick
		 * one by URL
		 * @return this builder
		 */
		public Builder errorClassifier(ConnectionErrorClassifier errorClassifier) {
			this.errorClassifier = errorClassifier;
			return this;
		}

	}

}
