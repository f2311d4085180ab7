package io.poolkit.bench;

import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.mchange.v2.c3p0.AbstractConnectionCustomizer;
import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.poolkit.PoolConfig;
import io.poolkit.PoolDataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.vibur.dbcp.ViburDBCPDataSource;

/**
 * The pools compared, each configured from the same {@link Target} through its own API:
 * {@code size} connections opened at start and kept, auto-commit off, read committed, a
 * 30 s borrow timeout, and validation left at the pool's default. Where a pool has no
 * such setting the nearest equivalent is used and said so.
 */
public enum PoolKind {

	POOLKIT("Poolkit", PoolDataSource.class, "io.poolkit", "pool-core") {
		@Override
		public DataSource open(Target target) {
			return new PoolDataSource(PoolConfig.builder()
				.name(uniqueName())
				.url(target.url())
				.username(target.user())
				.password(target.password())
				.driverClassName(target.driverClassName())
				.maxSize(target.size())
				.minIdle(target.size())
				.autoCommit(false)
				.transactionIsolation(Connection.TRANSACTION_READ_COMMITTED)
				.connectionTimeout(Duration.ofMillis(Target.TIMEOUT_MILLIS))
				.build());
		}

		@Override
		public int idle(DataSource dataSource) {
			return ((PoolDataSource) dataSource).stats().idle();
		}
	},

	HIKARI("HikariCP", HikariDataSource.class, "com.zaxxer", "HikariCP") {
		@Override
		public DataSource open(Target target) {
			HikariConfig config = new HikariConfig();
			config.setPoolName(uniqueName());
			config.setJdbcUrl(target.url());
			config.setUsername(target.user());
			config.setPassword(target.password());
			config.setDriverClassName(target.driverClassName());
			config.setMaximumPoolSize(target.size());
			config.setMinimumIdle(target.size());
			config.setAutoCommit(false);
			config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
			config.setConnectionTimeout(Target.TIMEOUT_MILLIS);
			return new HikariDataSource(config);
		}

		@Override
		public int idle(DataSource dataSource) {
			return ((HikariDataSource) dataSource).getHikariPoolMXBean().getIdleConnections();
		}
	},

	AGROAL("Agroal", io.agroal.pool.DataSource.class, "io.agroal", "agroal-pool") {
		@Override
		public DataSource open(Target target) throws Exception {
			AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
				.metricsEnabled(target.countIdle())
				.connectionPoolConfiguration(pool -> pool.maxSize(target.size())
					.minSize(target.size())
					.initialSize(target.size())
					.acquisitionTimeout(Duration.ofMillis(Target.TIMEOUT_MILLIS))
					.connectionFactoryConfiguration(factory -> factory.jdbcUrl(target.url())
						.connectionProviderClassName(target.driverClassName())
						.principal((target.user() != null) ? new NamePrincipal(target.user()) : null)
						.credential((target.password() != null) ? new SimplePassword(target.password()) : null)
						.autoCommit(false)
						.jdbcTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED)));
			return AgroalDataSource.from(config);
		}

		@Override
		public int idle(DataSource dataSource) {
			return (int) ((AgroalDataSource) dataSource).getMetrics().availableCount();
		}
	},

	VIBUR("Vibur DBCP", ViburDBCPDataSource.class, "org.vibur", "vibur-dbcp") {
		@Override
		public DataSource open(Target target) {
			ViburDBCPDataSource dataSource = new ViburDBCPDataSource();
			dataSource.setName(uniqueName());
			dataSource.setJdbcUrl(target.url());
			dataSource.setDriverClassName(target.driverClassName());
			dataSource.setUsername(target.user());
			// Vibur always passes a password to the driver, as a property, which cannot
			// hold null.
			dataSource.setPassword((target.password() != null) ? target.password() : "");
			dataSource.setPoolInitialSize(target.size());
			dataSource.setPoolMaxSize(target.size());
			dataSource.setDefaultAutoCommit(false);
			dataSource.setDefaultTransactionIsolationIntValue(Connection.TRANSACTION_READ_COMMITTED);
			dataSource.setConnectionTimeoutInMs(Target.TIMEOUT_MILLIS);
			dataSource.start();
			return dataSource;
		}

		@Override
		public int idle(DataSource dataSource) {
			return ((ViburDBCPDataSource) dataSource).getPool().remainingCreated();
		}
	},

	DBCP2("Commons DBCP2", BasicDataSource.class, "org.apache.commons", "commons-dbcp2") {
		@Override
		public DataSource open(Target target) throws Exception {
			BasicDataSource dataSource = new BasicDataSource();
			dataSource.setUrl(target.url());
			dataSource.setDriverClassName(target.driverClassName());
			dataSource.setUsername(target.user());
			dataSource.setPassword(target.password());
			dataSource.setInitialSize(target.size());
			dataSource.setMaxTotal(target.size());
			dataSource.setMaxIdle(target.size());
			dataSource.setMinIdle(target.size());
			dataSource.setDefaultAutoCommit(false);
			dataSource.setDefaultTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
			dataSource.setMaxWait(Duration.ofMillis(Target.TIMEOUT_MILLIS));
			dataSource.start();
			return dataSource;
		}

		@Override
		public int idle(DataSource dataSource) {
			return ((BasicDataSource) dataSource).getNumIdle();
		}
	},

	TOMCAT("Tomcat JDBC", PoolProperties.class, "org.apache.tomcat", "tomcat-jdbc") {
		@Override
		public DataSource open(Target target) throws Exception {
			PoolProperties properties = new PoolProperties();
			properties.setName(uniqueName());
			properties.setUrl(target.url());
			properties.setDriverClassName(target.driverClassName());
			properties.setUsername(target.user());
			properties.setPassword(target.password());
			properties.setInitialSize(target.size());
			properties.setMaxActive(target.size());
			properties.setMaxIdle(target.size());
			properties.setMinIdle(target.size());
			properties.setDefaultAutoCommit(false);
			properties.setDefaultTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
			properties.setMaxWait(Target.TIMEOUT_MILLIS);
			org.apache.tomcat.jdbc.pool.DataSource dataSource = new org.apache.tomcat.jdbc.pool.DataSource(properties);
			// Tomcat opens its initial connections on the first borrow unless asked now.
			dataSource.createPool();
			return dataSource;
		}

		@Override
		public int idle(DataSource dataSource) {
			return ((org.apache.tomcat.jdbc.pool.DataSource) dataSource).getIdle();
		}

		@Override
		public void close(DataSource dataSource) {
			((org.apache.tomcat.jdbc.pool.DataSource) dataSource).close(true);
		}
	},

	C3P0("c3p0", ComboPooledDataSource.class, "com.mchange", "c3p0") {
		@Override
		public DataSource open(Target target) throws Exception {
			ComboPooledDataSource dataSource = new ComboPooledDataSource();
			dataSource.setDataSourceName(uniqueName());
			dataSource.setJdbcUrl(target.url());
			dataSource.setDriverClass(target.driverClassName());
			dataSource.setUser(target.user());
			dataSource.setPassword(target.password());
			dataSource.setInitialPoolSize(target.size());
			dataSource.setMinPoolSize(target.size());
			dataSource.setMaxPoolSize(target.size());
			dataSource.setCheckoutTimeout(Target.TIMEOUT_MILLIS);
			dataSource.setConnectionCustomizerClassName(C3p0Session.class.getName());
			// c3p0 builds its pool on first use; asking for a count makes it start
			// filling now.
			dataSource.getNumConnectionsDefaultUser();
			return dataSource;
		}

		@Override
		public int idle(DataSource dataSource) throws Exception {
			return ((ComboPooledDataSource) dataSource).getNumIdleConnectionsDefaultUser();
		}
	};

	private static final AtomicInteger POOLS = new AtomicInteger();

	private final String label;

	private final Class<?> anchor;

	private final String groupId;

	private final String artifactId;

	PoolKind(String label, Class<?> anchor, String groupId, String artifactId) {
		this.label = label;
		this.anchor = anchor;
		this.groupId = groupId;
		this.artifactId = artifactId;
	}

	/**
	 * Starts a pool: returns once the pool's own start-up returns, which for some pools
	 * is before every connection is open.
	 * @param target what to connect to and how many connections to keep
	 * @return the pool
	 * @throws Exception what the pool threw
	 */
	public abstract DataSource open(Target target) throws Exception;

	/**
	 * @param dataSource a pool this kind opened, with {@link Target#countIdle()} set
	 * @return its idle connections now
	 * @throws Exception what the pool threw
	 */
	public abstract int idle(DataSource dataSource) throws Exception;

	/** Closes a pool this kind opened, with its connections. */
	public void close(DataSource dataSource) throws Exception {
		((AutoCloseable) dataSource).close();
	}

	/**
	 * @return the name shown in reports
	 */
	public String label() {
		return this.label;
	}

	/**
	 * @return the short lower-case name used on command lines and as JMH parameter
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * @return the version of the pool's jar on the class path
	 */
	public String version() {
		return Versions.of(this.anchor, this.groupId, this.artifactId);
	}

	/**
	 * Pools that register MBeans or threads by name refuse a second pool of the same name
	 * in one JVM.
	 */
	static String uniqueName() {
		return "bench-" + POOLS.incrementAndGet();
	}

	public static PoolKind of(String id) {
		return valueOf(id.toUpperCase(Locale.ROOT));
	}

	/**
	 * @return every kind, Poolkit first
	 */
	public static List<PoolKind> all() {
		return Arrays.asList(values());
	}

	/**
	 * c3p0 has no auto-commit or isolation setting and puts auto-commit back on when a
	 * connection is checked in, as JDBC's default; this sets the two on every checkout,
	 * as close to "configured alike" as c3p0 allows.
	 */
	public static final class C3p0Session extends AbstractConnectionCustomizer {

		@Override
		public void onAcquire(Connection connection, String token) throws Exception {
			connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
		}

		@Override
		public void onCheckOut(Connection connection, String token) throws Exception {
			connection.setAutoCommit(false);
		}

	}

}
