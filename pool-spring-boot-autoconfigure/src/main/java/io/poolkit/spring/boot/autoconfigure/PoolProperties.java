package io.poolkit.spring.boot.autoconfigure;

import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.poolkit.OnExhausted;
import io.poolkit.PoolSetting;
import io.poolkit.SizingMode;

import org.springframework.beans.DirectFieldAccessor;
import org.springframework.boot.context.properties.ConfigurationProperties;

// Over 500 lines on purpose: a Boot properties class, one field with the Javadoc that
// becomes the IDE's help, a getter and a setter per setting of pool-core's table.

/**
 * Settings of the Poolkit pool, bound from {@code app.pool.*}: one property per setting
 * of pool-core's table ({@link PoolSetting}), of the same name. Values are checked by
 * pool-core when the pool is built, and the defaults are pool-core's: a field left
 * {@code null} is a setting not given, which reaches pool-core as not given (pool-core
 * checks some settings against each other only when both were given); its getter answers
 * pool-core's default. The IDE metadata shows those defaults too (the build writes them
 * from the table).
 * <p>
 * The pool itself is built from a binding of its own ({@link PoolPropertiesBinder}),
 * which reports every value it cannot convert, every key that is no setting and every
 * value pool-core rejects in one failure; so this bean, shown by
 * {@code /actuator/configprops}, skips values it cannot convert rather than fail first
 * with only one of them.
 */
@ConfigurationProperties(prefix = PoolProperties.PREFIX, ignoreInvalidFields = true)
public class PoolProperties {

	/** The prefix of the properties of the application's pool. */
	public static final String PREFIX = "app.pool";

	/**
	 * Name of the pool: the 'pool' tag of its metrics, the prefix of its thread names and
	 * PostgreSQL's application_name. 1 to 63 letters, digits, '-', '_' or '.'. Defaults
	 * to spring.application.name (with other characters replaced by '-'), else 'pool'.
	 */
	private String name;

	/**
	 * JDBC URL of the database. Defaults to spring.datasource.url. A
	 * JdbcConnectionDetails bean (a Testcontainers or Docker Compose service connection)
	 * takes precedence.
	 */
	private String url;

	/**
	 * Login username of the database. Defaults to spring.datasource.username.
	 */
	private String username;

	/**
	 * Login password of the database. Defaults to spring.datasource.password.
	 */
	private String password;

	/**
	 * Fully qualified name of the JDBC driver. Defaults to
	 * spring.datasource.driver-class-name, else the driver that accepts the URL.
	 */
	private String driverClassName;

	/**
	 * Connection properties passed to the JDBC driver, such as 'ssl' or 'socketTimeout'.
	 */
	private final Map<String, String> dataSourceProperties = new LinkedHashMap<>();

	/**
	 * Most connections the pool holds, 1 to 10000. Defaults to sizing.db-cores * 2 +
	 * sizing.effective-spindle-count when sizing.db-cores is set, else 10.
	 */
	private Integer maxSize;

	/**
	 * Idle connections kept ready, 0 to max-size. Defaults to max-size.
	 */
	private Integer minIdle;

	/**
	 * Inputs of the pool sizing formula.
	 */
	private final Sizing sizing = new Sizing();

	/**
	 * Longest a borrower waits for a connection, 1ms to 1h.
	 */
	private Duration connectionTimeout;

	/**
	 * What a borrower does when no connection is idle and the pool holds max-size
	 * connections: wait, fail-fast, or overflow (needs max-overflow).
	 */
	private OnExhausted onExhausted;

	/**
	 * Temporary connections allowed past max-size with on-exhausted=overflow; each is
	 * closed when returned.
	 */
	private Integer maxOverflow;

	/**
	 * How long a borrower waits before an overflow connection is opened for it; less than
	 * connection-timeout.
	 */
	private Duration overflowAfter;

	/**
	 * Most borrowers that may wait at once; a borrow beyond it fails at once. 0 means no
	 * bound.
	 */
	private Integer maxWaiters;

	/**
	 * Idle connections above min-idle are closed after being idle this long. 0 means
	 * never. When set, at most max-lifetime (unless either is 0).
	 */
	private Duration idleTimeout;

	/**
	 * Connections are retired before they reach this age; in-use ones when returned. 0
	 * means never.
	 */
	private Duration maxLifetime;

	/**
	 * Share of max-lifetime over which retirements are spread at random so connections do
	 * not all retire at once, 0 to 0.5 (0.1 means 10%).
	 */
	private Double lifetimeJitter;

	/**
	 * How often idle connections are validated. 0 turns keepalive off.
	 */
	private Duration keepaliveInterval;

	/**
	 * Query used to validate connections. Unset, connections are validated with
	 * Connection.isValid.
	 */
	private String validationQuery;

	/**
	 * Longest a validation may take. When set, at most connection-timeout.
	 */
	private Duration validationTimeout;

	/**
	 * A connection used more recently than this is not validated again when borrowed.
	 */
	private Duration validationBypass;

	/**
	 * A connection held longer than this is reported with the stack of its borrower. 0
	 * turns leak detection off.
	 */
	private Duration leakDetectionThreshold;

	/**
	 * How long startup waits for a first good connection before failing. 0 starts without
	 * waiting for the database.
	 */
	private Duration initializationTimeout;

	/**
	 * SQL run once on every new connection.
	 */
	private String connectionInitSql;

	/**
	 * Auto-commit mode every borrower gets. Unset, the driver's default.
	 */
	private Boolean autoCommit;

	/**
	 * Transaction isolation every borrower gets. Unset, the driver's default.
	 */
	private TransactionIsolation transactionIsolation;

	/**
	 * Read-only mode every borrower gets. Unset, the driver's default.
	 */
	private Boolean readOnly;

	/**
	 * Catalog every borrower gets. Unset, the driver's default.
	 */
	private String catalog;

	/**
	 * Schema every borrower gets. Unset, the driver's default.
	 */
	private String schema;

	/**
	 * How long closing the pool waits for borrowed connections before aborting them.
	 */
	private Duration shutdownTimeout;

	/**
	 * Whether to publish the pool's JMX MBeans.
	 */
	private Boolean registerMbeans;

	/**
	 * Whether to stay safe behind PgBouncer in transaction mode: no server-side prepared
	 * statements, no session state assumed.
	 */
	private Boolean pgbouncer;

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public String getDriverClassName() {
		return this.driverClassName;
	}

	public void setDriverClassName(String driverClassName) {
		this.driverClassName = driverClassName;
	}

	public Map<String, String> getDataSourceProperties() {
		return this.dataSourceProperties;
	}

	public Integer getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(Integer maxSize) {
		this.maxSize = maxSize;
	}

	public Integer getMinIdle() {
		return this.minIdle;
	}

	public void setMinIdle(Integer minIdle) {
		this.minIdle = minIdle;
	}

	public Sizing getSizing() {
		return this.sizing;
	}

	public Duration getConnectionTimeout() {
		return orDefault(this.connectionTimeout, PoolSetting.CONNECTION_TIMEOUT);
	}

	public void setConnectionTimeout(Duration connectionTimeout) {
		this.connectionTimeout = connectionTimeout;
	}

	public OnExhausted getOnExhausted() {
		return orDefault(this.onExhausted, PoolSetting.ON_EXHAUSTED);
	}

	public void setOnExhausted(OnExhausted onExhausted) {
		this.onExhausted = onExhausted;
	}

	public int getMaxOverflow() {
		return orDefault(this.maxOverflow, PoolSetting.MAX_OVERFLOW);
	}

	public void setMaxOverflow(int maxOverflow) {
		this.maxOverflow = maxOverflow;
	}

	public Duration getOverflowAfter() {
		return orDefault(this.overflowAfter, PoolSetting.OVERFLOW_AFTER);
	}

	public void setOverflowAfter(Duration overflowAfter) {
		this.overflowAfter = overflowAfter;
	}

	public int getMaxWaiters() {
		return orDefault(this.maxWaiters, PoolSetting.MAX_WAITERS);
	}

	public void setMaxWaiters(int maxWaiters) {
		this.maxWaiters = maxWaiters;
	}

	public Duration getIdleTimeout() {
		return orDefault(this.idleTimeout, PoolSetting.IDLE_TIMEOUT);
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public Duration getMaxLifetime() {
		return orDefault(this.maxLifetime, PoolSetting.MAX_LIFETIME);
	}

	public void setMaxLifetime(Duration maxLifetime) {
		this.maxLifetime = maxLifetime;
	}

	public double getLifetimeJitter() {
		return orDefault(this.lifetimeJitter, PoolSetting.LIFETIME_JITTER);
	}

	public void setLifetimeJitter(double lifetimeJitter) {
		this.lifetimeJitter = lifetimeJitter;
	}

	public Duration getKeepaliveInterval() {
		return orDefault(this.keepaliveInterval, PoolSetting.KEEPALIVE_INTERVAL);
	}

	public void setKeepaliveInterval(Duration keepaliveInterval) {
		this.keepaliveInterval = keepaliveInterval;
	}

	public String getValidationQuery() {
		return this.validationQuery;
	}

	public void setValidationQuery(String validationQuery) {
		this.validationQuery = validationQuery;
	}

	public Duration getValidationTimeout() {
		return orDefault(this.validationTimeout, PoolSetting.VALIDATION_TIMEOUT);
	}

	public void setValidationTimeout(Duration validationTimeout) {
		this.validationTimeout = validationTimeout;
	}

	public Duration getValidationBypass() {
		return orDefault(this.validationBypass, PoolSetting.VALIDATION_BYPASS);
	}

	public void setValidationBypass(Duration validationBypass) {
		this.validationBypass = validationBypass;
	}

	public Duration getLeakDetectionThreshold() {
		return orDefault(this.leakDetectionThreshold, PoolSetting.LEAK_DETECTION_THRESHOLD);
	}

	public void setLeakDetectionThreshold(Duration leakDetectionThreshold) {
		this.leakDetectionThreshold = leakDetectionThreshold;
	}

	public Duration getInitializationTimeout() {
		return orDefault(this.initializationTimeout, PoolSetting.INITIALIZATION_TIMEOUT);
	}

	public void setInitializationTimeout(Duration initializationTimeout) {
		this.initializationTimeout = initializationTimeout;
	}

	public String getConnectionInitSql() {
		return this.connectionInitSql;
	}

	public void setConnectionInitSql(String connectionInitSql) {
		this.connectionInitSql = connectionInitSql;
	}

	public Boolean getAutoCommit() {
		return this.autoCommit;
	}

	public void setAutoCommit(Boolean autoCommit) {
		this.autoCommit = autoCommit;
	}

	public TransactionIsolation getTransactionIsolation() {
		return this.transactionIsolation;
	}

	public void setTransactionIsolation(TransactionIsolation transactionIsolation) {
		this.transactionIsolation = transactionIsolation;
	}

	public Boolean getReadOnly() {
		return this.readOnly;
	}

	public void setReadOnly(Boolean readOnly) {
		this.readOnly = readOnly;
	}

	public String getCatalog() {
		return this.catalog;
	}

	public void setCatalog(String catalog) {
		this.catalog = catalog;
	}

	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = schema;
	}

	public Duration getShutdownTimeout() {
		return orDefault(this.shutdownTimeout, PoolSetting.SHUTDOWN_TIMEOUT);
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public boolean isRegisterMbeans() {
		return orDefault(this.registerMbeans, PoolSetting.REGISTER_MBEANS);
	}

	public void setRegisterMbeans(boolean registerMbeans) {
		this.registerMbeans = registerMbeans;
	}

	public boolean isPgbouncer() {
		return orDefault(this.pgbouncer, PoolSetting.PGBOUNCER);
	}

	public void setPgbouncer(boolean pgbouncer) {
		this.pgbouncer = pgbouncer;
	}

	/**
	 * The value given for a setting, read from the field of the same name (so
	 * {@code sizing.db-cores} is {@code sizing.dbCores}) rather than through its getter,
	 * which falls back to pool-core's default.
	 * @param setting a setting's kebab-case name, e.g. {@code idle-timeout}
	 * @return the value, or {@code null} when it was not given
	 */
	Object given(String setting) {
		StringBuilder path = new StringBuilder(setting.length());
		for (int i = 0; i < setting.length(); i++) {
			char c = setting.charAt(i);
			path.append((c == '-') ? Character.toUpperCase(setting.charAt(++i)) : c);
		}
		return new DirectFieldAccessor(this).getPropertyValue(path.toString());
	}

	/**
	 * Whether a setting was given, directly or in {@code sizing.*}.
	 * @param key the setting's kebab-case name, e.g. {@code idle-timeout} or
	 * {@code sizing.db-cores}
	 */
	boolean isConfigured(String key) {
		return given(key) != null;
	}

	// The getters of settings pool-core has a default for show that default while the
	// setting is not given: in /actuator/configprops, and to code reading them.
	private static <T> T orDefault(T value, PoolSetting<T> setting) {
		return (value != null) ? value : setting.defaultValue();
	}

	/**
	 * Inputs of the sizing formula
	 * {@code max-size = db-cores * 2 + effective-spindle-count}, used when max-size is
	 * not set.
	 */
	public static class Sizing {

		/**
		 * CPU cores of the database server, 1 to 1024. Setting it sizes the pool when
		 * max-size is unset.
		 */
		private Integer dbCores;

		/**
		 * Disks the database keeps busy, 0 to 1024 (0 when the working set is cached).
		 */
		private Integer effectiveSpindleCount;

		/**
		 * Application instances sharing the database, 1 to 10000, for the connection
		 * budget check.
		 */
		private Integer instances;

		/**
		 * How the pool sizes itself: fixed (max-size and min-idle as set) or adaptive
		 * (from measured load, between sizing.min-size and max-size, within the
		 * database's connection budget shared across the fleet).
		 */
		private SizingMode mode;

		/**
		 * Smallest size an adaptive pool shrinks to, 1 to max-size; adaptive mode only.
		 */
		private Integer minSize;

		/**
		 * How often an adaptive pool decides its size, 100ms to 10m; adaptive mode only.
		 */
		private Duration period;

		/**
		 * Connections an adaptive fleet leaves free under the database's limit, 0 to
		 * 10000; adaptive mode only.
		 */
		private Integer headroom;

		/**
		 * Most connections an adaptive fleet (the instances of this pool: same name, role
		 * and database) holds together, budget reads included, on top of the database's
		 * limit; alone, divided by sizing.instances, where the limit cannot be read. More
		 * than sizing.headroom and at least sizing.instances, or 0 for none.
		 */
		private Integer fleetBudget;

		public Integer getDbCores() {
			return this.dbCores;
		}

		public void setDbCores(Integer dbCores) {
			this.dbCores = dbCores;
		}

		public int getEffectiveSpindleCount() {
			return orDefault(this.effectiveSpindleCount, PoolSetting.SIZING_EFFECTIVE_SPINDLE_COUNT);
		}

		public void setEffectiveSpindleCount(int effectiveSpindleCount) {
			this.effectiveSpindleCount = effectiveSpindleCount;
		}

		public int getInstances() {
			return orDefault(this.instances, PoolSetting.SIZING_INSTANCES);
		}

		public void setInstances(int instances) {
			this.instances = instances;
		}

		public SizingMode getMode() {
			return orDefault(this.mode, PoolSetting.SIZING_MODE);
		}

		public void setMode(SizingMode mode) {
			this.mode = mode;
		}

		public int getMinSize() {
			return orDefault(this.minSize, PoolSetting.SIZING_MIN_SIZE);
		}

		public void setMinSize(int minSize) {
			this.minSize = minSize;
		}

		public Duration getPeriod() {
			return orDefault(this.period, PoolSetting.SIZING_PERIOD);
		}

		public void setPeriod(Duration period) {
			this.period = period;
		}

		public int getHeadroom() {
			return orDefault(this.headroom, PoolSetting.SIZING_HEADROOM);
		}

		public void setHeadroom(int headroom) {
			this.headroom = headroom;
		}

		public int getFleetBudget() {
			return orDefault(this.fleetBudget, PoolSetting.SIZING_FLEET_BUDGET);
		}

		public void setFleetBudget(int fleetBudget) {
			this.fleetBudget = fleetBudget;
		}

	}

	/**
	 * Transaction isolation levels, bound from the usual relaxed spellings
	 * ({@code read-committed}, {@code READ_COMMITTED}, {@code readCommitted}).
	 */
	public enum TransactionIsolation {

		/** {@link Connection#TRANSACTION_NONE}: transactions are not supported. */
		NONE(Connection.TRANSACTION_NONE),

		/** {@link Connection#TRANSACTION_READ_UNCOMMITTED}. */
		READ_UNCOMMITTED(Connection.TRANSACTION_READ_UNCOMMITTED),

		/** {@link Connection#TRANSACTION_READ_COMMITTED}. */
		READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),

		/** {@link Connection#TRANSACTION_REPEATABLE_READ}. */
		REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),

		/** {@link Connection#TRANSACTION_SERIALIZABLE}. */
		SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

		private final int level;

		TransactionIsolation(int level) {
			this.level = level;
		}

		/**
		 * The JDBC level.
		 * @return one of the {@code Connection.TRANSACTION_*} constants
		 */
		public int level() {
			return this.level;
		}

	}

}
