package io.poolkit.spring.boot.autoconfigure;

import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.poolkit.OnExhausted;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Poolkit pool, bound from {@code app.pool.*}. The names and defaults are
 * those of {@link io.poolkit.PoolConfig}; pool-core validates them when the pool is
 * built.
 * <p>
 * Each setter remembers that its setting was given, so settings the application leaves
 * alone reach pool-core as defaults: pool-core checks some settings against each other
 * only when both were configured.
 */
@ConfigurationProperties("app.pool")
public class PoolProperties {

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
	private Duration connectionTimeout = Duration.ofSeconds(30);

	/**
	 * What a borrower does when no connection is idle and the pool holds max-size
	 * connections: wait, fail-fast, or overflow (needs max-overflow).
	 */
	private OnExhausted onExhausted = OnExhausted.WAIT;

	/**
	 * Temporary connections allowed past max-size with on-exhausted=overflow; each is
	 * closed when returned.
	 */
	private int maxOverflow;

	/**
	 * How long a borrower waits before an overflow connection is opened for it; less than
	 * connection-timeout.
	 */
	private Duration overflowAfter = Duration.ofSeconds(1);

	/**
	 * Most borrowers that may wait at once; a borrow beyond it fails at once. 0 means no
	 * bound.
	 */
	private int maxWaiters;

	/**
	 * Idle connections above min-idle are closed after being idle this long. 0 means
	 * never.
	 */
	private Duration idleTimeout = Duration.ofMinutes(10);

	/**
	 * Connections are retired before they reach this age; in-use ones when returned. 0
	 * means never.
	 */
	private Duration maxLifetime = Duration.ofMinutes(30);

	/**
	 * Share of max-lifetime over which retirements are spread at random so connections do
	 * not all retire at once, 0 to 0.5 (0.1 means 10%).
	 */
	private double lifetimeJitter = 0.1;

	/**
	 * How often idle connections are validated. 0 turns keepalive off.
	 */
	private Duration keepaliveInterval = Duration.ofMinutes(2);

	/**
	 * Query used to validate connections. Unset, connections are validated with
	 * Connection.isValid.
	 */
	private String validationQuery;

	/**
	 * Longest a validation may take.
	 */
	private Duration validationTimeout = Duration.ofSeconds(5);

	/**
	 * A connection used more recently than this is not validated again when borrowed.
	 */
	private Duration validationBypass = Duration.ofMillis(500);

	/**
	 * A connection held longer than this is reported with the stack of its borrower. 0
	 * turns leak detection off.
	 */
	private Duration leakDetectionThreshold = Duration.ZERO;

	/**
	 * How long startup waits for a first good connection before failing. 0 starts without
	 * waiting for the database.
	 */
	private Duration initializationTimeout = Duration.ofSeconds(10);

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
	private Duration shutdownTimeout = Duration.ofSeconds(30);

	/**
	 * Whether to publish the pool's JMX MBeans.
	 */
	private boolean registerMbeans;

	/**
	 * Whether to stay safe behind PgBouncer in transaction mode: no server-side prepared
	 * statements, no session state assumed.
	 */
	private boolean pgbouncer;

	// The kebab-case names of the settings whose setters were called; not a bean
	// property, so never bound or shown.
	private final Set<String> configured = new HashSet<>();

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
		this.configured.add("name");
	}

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
		this.configured.add("url");
	}

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
		this.configured.add("username");
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
		this.configured.add("password");
	}

	public String getDriverClassName() {
		return this.driverClassName;
	}

	public void setDriverClassName(String driverClassName) {
		this.driverClassName = driverClassName;
		this.configured.add("driver-class-name");
	}

	public Map<String, String> getDataSourceProperties() {
		return this.dataSourceProperties;
	}

	public Integer getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(Integer maxSize) {
		this.maxSize = maxSize;
		this.configured.add("max-size");
	}

	public Integer getMinIdle() {
		return this.minIdle;
	}

	public void setMinIdle(Integer minIdle) {
		this.minIdle = minIdle;
		this.configured.add("min-idle");
	}

	public Sizing getSizing() {
		return this.sizing;
	}

	public Duration getConnectionTimeout() {
		return this.connectionTimeout;
	}

	public void setConnectionTimeout(Duration connectionTimeout) {
		this.connectionTimeout = connectionTimeout;
		this.configured.add("connection-timeout");
	}

	public OnExhausted getOnExhausted() {
		return this.onExhausted;
	}

	public void setOnExhausted(OnExhausted onExhausted) {
		this.onExhausted = onExhausted;
		this.configured.add("on-exhausted");
	}

	public int getMaxOverflow() {
		return this.maxOverflow;
	}

	public void setMaxOverflow(int maxOverflow) {
		this.maxOverflow = maxOverflow;
		this.configured.add("max-overflow");
	}

	public Duration getOverflowAfter() {
		return this.overflowAfter;
	}

	public void setOverflowAfter(Duration overflowAfter) {
		this.overflowAfter = overflowAfter;
		this.configured.add("overflow-after");
	}

	public int getMaxWaiters() {
		return this.maxWaiters;
	}

	public void setMaxWaiters(int maxWaiters) {
		this.maxWaiters = maxWaiters;
		this.configured.add("max-waiters");
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
		this.configured.add("idle-timeout");
	}

	public Duration getMaxLifetime() {
		return this.maxLifetime;
	}

	public void setMaxLifetime(Duration maxLifetime) {
		this.maxLifetime = maxLifetime;
		this.configured.add("max-lifetime");
	}

	public double getLifetimeJitter() {
		return this.lifetimeJitter;
	}

	public void setLifetimeJitter(double lifetimeJitter) {
		this.lifetimeJitter = lifetimeJitter;
		this.configured.add("lifetime-jitter");
	}

	public Duration getKeepaliveInterval() {
		return this.keepaliveInterval;
	}

	public void setKeepaliveInterval(Duration keepaliveInterval) {
		this.keepaliveInterval = keepaliveInterval;
		this.configured.add("keepalive-interval");
	}

	public String getValidationQuery() {
		return this.validationQuery;
	}

	public void setValidationQuery(String validationQuery) {
		this.validationQuery = validationQuery;
		this.configured.add("validation-query");
	}

	public Duration getValidationTimeout() {
		return this.validationTimeout;
	}

	public void setValidationTimeout(Duration validationTimeout) {
		this.validationTimeout = validationTimeout;
		this.configured.add("validation-timeout");
	}

	public Duration getValidationBypass() {
		return this.validationBypass;
	}

	public void setValidationBypass(Duration validationBypass) {
		this.validationBypass = validationBypass;
		this.configured.add("validation-bypass");
	}

	public Duration getLeakDetectionThreshold() {
		return this.leakDetectionThreshold;
	}

	public void setLeakDetectionThreshold(Duration leakDetectionThreshold) {
		this.leakDetectionThreshold = leakDetectionThreshold;
		this.configured.add("leak-detection-threshold");
	}

	public Duration getInitializationTimeout() {
		return this.initializationTimeout;
	}

	public void setInitializationTimeout(Duration initializationTimeout) {
		this.initializationTimeout = initializationTimeout;
		this.configured.add("initialization-timeout");
	}

	public String getConnectionInitSql() {
		return this.connectionInitSql;
	}

	public void setConnectionInitSql(String connectionInitSql) {
		this.connectionInitSql = connectionInitSql;
		this.configured.add("connection-init-sql");
	}

	public Boolean getAutoCommit() {
		return this.autoCommit;
	}

	public void setAutoCommit(Boolean autoCommit) {
		this.autoCommit = autoCommit;
		this.configured.add("auto-commit");
	}

	public TransactionIsolation getTransactionIsolation() {
		return this.transactionIsolation;
	}

	public void setTransactionIsolation(TransactionIsolation transactionIsolation) {
		this.transactionIsolation = transactionIsolation;
		this.configured.add("transaction-isolation");
	}

	public Boolean getReadOnly() {
		return this.readOnly;
	}

	public void setReadOnly(Boolean readOnly) {
		this.readOnly = readOnly;
		this.configured.add("read-only");
	}

	public String getCatalog() {
		return this.catalog;
	}

	public void setCatalog(String catalog) {
		this.catalog = catalog;
		this.configured.add("catalog");
	}

	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = schema;
		this.configured.add("schema");
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
		this.configured.add("shutdown-timeout");
	}

	public boolean isRegisterMbeans() {
		return this.registerMbeans;
	}

	public void setRegisterMbeans(boolean registerMbeans) {
		this.registerMbeans = registerMbeans;
		this.configured.add("register-mbeans");
	}

	public boolean isPgbouncer() {
		return this.pgbouncer;
	}

	public void setPgbouncer(boolean pgbouncer) {
		this.pgbouncer = pgbouncer;
		this.configured.add("pgbouncer");
	}

	/**
	 * Whether a setting was given, directly or in {@code sizing.*}.
	 * @param key the setting's kebab-case name, e.g. {@code idle-timeout} or
	 * {@code sizing.db-cores}
	 */
	boolean isConfigured(String key) {
		if (key.startsWith("sizing.")) {
			return this.sizing.configured.contains(key.substring("sizing.".length()));
		}
		return this.configured.contains(key);
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
		private int effectiveSpindleCount;

		/**
		 * Application instances sharing the database, 1 to 10000, for the connection
		 * budget check.
		 */
		private int instances = 1;

		private final Set<String> configured = new HashSet<>();

		public Integer getDbCores() {
			return this.dbCores;
		}

		public void setDbCores(Integer dbCores) {
			this.dbCores = dbCores;
			this.configured.add("db-cores");
		}

		public int getEffectiveSpindleCount() {
			return this.effectiveSpindleCount;
		}

		public void setEffectiveSpindleCount(int effectiveSpindleCount) {
			this.effectiveSpindleCount = effectiveSpindleCount;
			this.configured.add("effective-spindle-count");
		}

		public int getInstances() {
			return this.instances;
		}

		public void setInstances(int instances) {
			this.instances = instances;
			this.configured.add("instances");
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
