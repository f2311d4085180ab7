package io.poolkit;

import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PoolConfig}: defaults, the builder, sizing, copies and
 * {@code toString()}.
 */
class PoolConfigTest {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	@Test
	void defaultsMatchTheSettingsTable() {
		PoolConfig config = PoolConfig.builder().url(URL).build();
		assertThat(config.name()).isEqualTo("pool");
		assertThat(config.url()).isEqualTo(URL);
		assertThat(config.username()).isNull();
		assertThat(config.password()).isNull();
		assertThat(config.driverClassName()).isNull();
		assertThat(config.dataSource()).isNull();
		assertThat(config.dataSourceProperties()).isEmpty();
		assertThat(config.maxSize()).isEqualTo(10);
		assertThat(config.maxSizeReason()).isEqualTo("max-size=10 (default)");
		assertThat(config.minIdle()).isEqualTo(10);
		assertThat(config.sizingDbCores()).isNull();
		assertThat(config.sizingEffectiveSpindleCount()).isZero();
		assertThat(config.sizingInstances()).isOne();
		assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(config.onExhausted()).isEqualTo(OnExhausted.WAIT);
		assertThat(config.maxOverflow()).isZero();
		assertThat(config.overflowAfter()).isEqualTo(Duration.ofSeconds(1));
		assertThat(config.maxWaiters()).isZero();
		assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
		assertThat(config.maxLifetime()).isEqualTo(Duration.ofMinutes(30));
		assertThat(config.lifetimeJitter()).isEqualTo(0.10);
		assertThat(config.keepaliveInterval()).isEqualTo(Duration.ofMinutes(2));
		assertThat(config.validationQuery()).isNull();
		assertThat(config.validationTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(config.validationBypass()).isEqualTo(Duration.ofMillis(500));
		assertThat(config.leakDetectionThreshold()).isZero();
		assertThat(config.initializationTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(config.connectionInitSql()).isNull();
		assertThat(config.autoCommit()).isNull();
		assertThat(config.transactionIsolation()).isNull();
		assertThat(config.readOnly()).isNull();
		assertThat(config.catalog()).isNull();
		assertThat(config.schema()).isNull();
		assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(config.registerMbeans()).isFalse();
		assertThat(config.pgbouncer()).isFalse();
		assertThat(config.listener()).isSameAs(PoolListener.noop());
		assertThat(config.credentialsSupplier()).isNull();
		assertThat(config.errorClassifier()).isNull();
	}

	@Test
	void builderSetsEverySetting() {
		PoolListener listener = new PoolListener() {
		};
		Supplier<Credentials> credentials = () -> new Credentials("u", "p");
		ConnectionErrorClassifier classifier = ConnectionErrorClassifier.postgresql();
		PoolConfig config = PoolConfig.builder()
			.name("orders")
			.url(URL)
			.username("app")
			.password("pw")
			.driverClassName("org.postgresql.Driver")
			.dataSourceProperty("ssl", "false")
			.maxSize(20)
			.minIdle(5)
			.sizingDbCores(4)
			.sizingEffectiveSpindleCount(2)
			.sizingInstances(3)
			.connectionTimeout(Duration.ofSeconds(5))
			.onExhausted(OnExhausted.OVERFLOW)
			.maxOverflow(4)
			.overflowAfter(Duration.ofMillis(200))
			.maxWaiters(100)
			.idleTimeout(Duration.ofMinutes(5))
			.maxLifetime(Duration.ofMinutes(20))
			.lifetimeJitter(0.2)
			.keepaliveInterval(Duration.ofMinutes(1))
			.validationQuery("select 1")
			.validationTimeout(Duration.ofSeconds(2))
			.validationBypass(Duration.ofMillis(100))
			.leakDetectionThreshold(Duration.ofSeconds(60))
			.initializationTimeout(Duration.ZERO)
			.connectionInitSql("set timezone = 'UTC'")
			.autoCommit(false)
			.transactionIsolation(Connection.TRANSACTION_SERIALIZABLE)
			.readOnly(true)
			.catalog("cat")
			.schema("app")
			.shutdownTimeout(Duration.ofSeconds(10))
			.registerMbeans(true)
			.pgbouncer(true)
			.listener(listener)
			.credentialsSupplier(credentials)
			.errorClassifier(classifier)
			.build();
		assertThat(config.name()).isEqualTo("orders");
		assertThat(config.username()).isEqualTo("app");
		assertThat(config.password()).isEqualTo("pw");
		assertThat(config.driverClassName()).isEqualTo("org.postgresql.Driver");
		assertThat(config.dataSourceProperties()).containsEntry("ssl", "false");
		assertThat(config.maxSize()).isEqualTo(20);
		assertThat(config.minIdle()).isEqualTo(5);
		assertThat(config.sizingDbCores()).isEqualTo(4);
		assertThat(config.sizingEffectiveSpindleCount()).isEqualTo(2);
		assertThat(config.sizingInstances()).isEqualTo(3);
		assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(config.onExhausted()).isEqualTo(OnExhausted.OVERFLOW);
		assertThat(config.maxOverflow()).isEqualTo(4);
		assertThat(config.overflowAfter()).isEqualTo(Duration.ofMillis(200));
		assertThat(config.maxWaiters()).isEqualTo(100);
		assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
		assertThat(config.maxLifetime()).isEqualTo(Duration.ofMinutes(20));
		assertThat(config.lifetimeJitter()).isEqualTo(0.2);
		assertThat(config.keepaliveInterval()).isEqualTo(Duration.ofMinutes(1));
		assertThat(config.validationQuery()).isEqualTo("select 1");
		assertThat(config.validationTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(config.validationBypass()).isEqualTo(Duration.ofMillis(100));
		assertThat(config.leakDetectionThreshold()).isEqualTo(Duration.ofSeconds(60));
		assertThat(config.initializationTimeout()).isZero();
		assertThat(config.connectionInitSql()).isEqualTo("set timezone = 'UTC'");
		assertThat(config.autoCommit()).isFalse();
		assertThat(config.transactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
		assertThat(config.readOnly()).isTrue();
		assertThat(config.catalog()).isEqualTo("cat");
		assertThat(config.schema()).isEqualTo("app");
		assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(config.registerMbeans()).isTrue();
		assertThat(config.pgbouncer()).isTrue();
		assertThat(config.listener()).isSameAs(listener);
		assertThat(config.credentialsSupplier()).isSameAs(credentials);
		assertThat(config.errorClassifier()).isSameAs(classifier);
	}

	@Test
	void dataSourceReplacesUrl() {
		DataSource dataSource = new StubDataSource();
		PoolConfig config = PoolConfig.builder().dataSource(dataSource).build();
		assertThat(config.dataSource()).isSameAs(dataSource);
		assertThat(config.url()).isNull();
	}

	@Test
	void maxSizeFollowsTheSizingFormulaWhenNotConfigured() {
		PoolConfig config = PoolConfig.builder().url(URL).sizingDbCores(4).sizingEffectiveSpindleCount(1).build();
		assertThat(config.maxSize()).isEqualTo(9);
		assertThat(config.minIdle()).isEqualTo(9);
		assertThat(config.maxSizeReason())
			.isEqualTo("max-size=9 from sizing: db-cores 4 * 2 + effective-spindle-count 1");
	}

	@Test
	void configuredMaxSizeWinsOverSizing() {
		PoolConfig config = PoolConfig.builder().url(URL).sizingDbCores(4).maxSize(20).build();
		assertThat(config.maxSize()).isEqualTo(20);
		assertThat(config.maxSizeReason()).isEqualTo("max-size=20 (configured)");
	}

	@Test
	void spindlesAloneDoNotSizeThePool() {
		PoolConfig config = PoolConfig.builder().url(URL).sizingEffectiveSpindleCount(3).build();
		assertThat(config.maxSize()).isEqualTo(10);
		assertThat(config.maxSizeReason()).isEqualTo("max-size=10 (default)");
	}

	@Test
	void minIdleDefaultsToTheResolvedMaxSize() {
		assertThat(PoolConfig.builder().url(URL).maxSize(3).build().minIdle()).isEqualTo(3);
		assertThat(PoolConfig.builder().url(URL).maxSize(3).minIdle(0).build().minIdle()).isZero();
	}

	@Test
	void dataSourcePropertiesAreCopiedOnTheWayInAndOut() {
		Properties given = new Properties();
		given.setProperty("ssl", "true");
		PoolConfig.Builder builder = PoolConfig.builder().url(URL).dataSourceProperties(given);
		given.setProperty("ssl", "false");
		PoolConfig config = builder.build();
		builder.dataSourceProperty("late", "x");
		assertThat(config.dataSourceProperties()).containsOnlyKeys("ssl").containsEntry("ssl", "true");

		Properties handedOut = config.dataSourceProperties();
		handedOut.setProperty("ssl", "changed");
		handedOut.setProperty("extra", "x");
		assertThat(config.dataSourceProperties()).containsOnlyKeys("ssl").containsEntry("ssl", "true");
		assertThat(config.dataSourceProperties()).isNotSameAs(config.dataSourceProperties());
	}

	@Test
	void dataSourcePropertiesIncludeDefaultsAndNullRemoves() {
		Properties defaults = new Properties();
		defaults.setProperty("ssl", "true");
		Properties given = new Properties(defaults);
		given.setProperty("sslmode", "require");
		PoolConfig config = PoolConfig.builder()
			.url(URL)
			.dataSourceProperties(given)
			.dataSourceProperty("sslmode", null)
			.build();
		assertThat(config.dataSourceProperties()).containsOnlyKeys("ssl");
	}

	@Test
	void builderCanBeReusedAndDoesNotChangeBuiltConfigs() {
		PoolConfig.Builder builder = PoolConfig.builder().url(URL).maxSize(5);
		PoolConfig first = builder.build();
		PoolConfig second = builder.maxSize(7).build();
		assertThat(first.maxSize()).isEqualTo(5);
		assertThat(second.maxSize()).isEqualTo(7);
	}

	@Test
	void toBuilderCopiesEverySetting() {
		PoolListener listener = new PoolListener() {
		};
		PoolConfig original = PoolConfig.builder()
			.name("a")
			.url(URL)
			.username("u")
			.password("p")
			.maxSize(4)
			.minIdle(1)
			.dataSourceProperty("ssl", "true")
			.connectionTimeout(Duration.ofSeconds(10))
			.transactionIsolation(Connection.TRANSACTION_READ_COMMITTED)
			.listener(listener)
			.pgbouncer(true)
			.build();
		PoolConfig copy = original.toBuilder().build();
		assertThat(copy).hasToString(original.toString());
		assertThat(copy.password()).isEqualTo("p");
		assertThat(copy.listener()).isSameAs(listener);
		assertThat(copy.dataSourceProperties()).isEqualTo(original.dataSourceProperties());
	}

	@Test
	void toBuilderChangesOnlyTheCopy() {
		PoolConfig original = PoolConfig.builder().url(URL).dataSourceProperty("ssl", "true").build();
		PoolConfig changed = original.toBuilder().name("other").dataSourceProperty("ssl", "false").build();
		assertThat(original.name()).isEqualTo("pool");
		assertThat(original.dataSourceProperties()).containsEntry("ssl", "true");
		assertThat(changed.name()).isEqualTo("other");
		assertThat(changed.dataSourceProperties()).containsEntry("ssl", "false");
	}

	@Test
	void toBuilderKeepsDefaultsAsDefaultsSoSizingIsRecomputed() {
		PoolConfig original = PoolConfig.builder().url(URL).sizingDbCores(2).build();
		PoolConfig resized = original.toBuilder().sizingDbCores(8).build();
		assertThat(original.maxSize()).isEqualTo(4);
		assertThat(resized.maxSize()).isEqualTo(16);
		assertThat(resized.minIdle()).isEqualTo(16);
	}

	@Test
	void toStringListsEverySettingByItsKebabCaseName() {
		PoolConfig config = PoolConfig.builder()
			.url(URL)
			.maxSize(4)
			.lifetimeJitter(0.25)
			.transactionIsolation(Connection.TRANSACTION_READ_COMMITTED)
			.onExhausted(OnExhausted.FAIL_FAST)
			.build();
		assertThat(config.toString()).startsWith("PoolConfig[name=pool, url=" + URL)
			.contains("max-size=4", "min-idle=4", "connection-timeout=30s", "on-exhausted=fail-fast",
					"validation-bypass=500ms", "idle-timeout=10m", "lifetime-jitter=25%",
					"transaction-isolation=read-committed", "leak-detection-threshold=0", "pgbouncer=false",
					"sizing.effective-spindle-count=0", "data-source-properties={}", "listener=null");
	}

	@Test
	void toStringMasksThePassword() {
		PoolConfig config = PoolConfig.builder().url(URL).username("app").password("s3cr3t").build();
		assertThat(config.toString()).doesNotContain("s3cr3t").contains("username=app", "password=******");
	}

	@Test
	void toStringMasksSecretsInTheUrl() {
		PoolConfig config = PoolConfig.builder()
			.url("jdbc:postgresql://db/app?user=app&password=s3cr3t&sslpassword=k3y&ssl=true")
			.build();
		assertThat(config.toString()).doesNotContain("s3cr3t")
			.doesNotContain("k3y")
			.contains("url=jdbc:postgresql://db/app?user=app&password=******&sslpassword=******&ssl=true");
	}

	@Test
	void toStringMasksUserInfoAndSemicolonParametersInTheUrl() {
		assertThat(PoolConfig.builder().url("jdbc:mysql://app:s3cr3t@db:3306/app").build().toString())
			.doesNotContain("s3cr3t")
			.contains("jdbc:mysql://app:******@db:3306/app");
		assertThat(
				PoolConfig.builder().url("jdbc:sqlserver://db;user=sa;Password=s3cr3t;encrypt=true").build().toString())
			.doesNotContain("s3cr3t")
			.contains(";Password=******;encrypt=true");
	}

	@Test
	void toStringMasksSecretLookingDataSourceProperties() {
		PoolConfig config = PoolConfig.builder()
			.url(URL)
			.dataSourceProperty("password", "s3cr3t")
			.dataSourceProperty("sslPassword", "pw2")
			.dataSourceProperty("clientSecret", "pw3")
			.dataSourceProperty("authToken", "pw4")
			.dataSourceProperty("sslkey", "pw5")
			.dataSourceProperty("ssl", "true")
			.build();
		assertThat(config.toString()).doesNotContain("s3cr3t", "pw2", "pw3", "pw4", "pw5")
			.contains("password=******", "sslPassword=******", "clientSecret=******", "authToken=******",
					"sslkey=******", "ssl=true");
	}

	@Test
	void toStringShowsOnlyTheTypeOfObjectsThatMayHoldSecrets() {
		PoolConfig config = PoolConfig.builder()
			.dataSource(new StubDataSource())
			.credentialsSupplier(() -> new Credentials("u", "s3cr3t"))
			.build();
		assertThat(config.toString()).doesNotContain("s3cr3t", "toString of the data source")
			.contains("data-source=" + StubDataSource.class.getName());
	}

	/** A data source whose toString() leaks, as some real ones do. */
	static final class StubDataSource implements DataSource {

		@Override
		public String toString() {
			return "toString of the data source, password=s3cr3t";
		}

		@Override
		public Connection getConnection() {
			throw new UnsupportedOperationException();
		}

		@Override
		public Connection getConnection(String username, String password) {
			throw new UnsupportedOperationException();
		}

		@Override
		public PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public Logger getParentLogger() {
			return Logger.getGlobal();
		}

		@Override
		public <T> T unwrap(Class<T> type) {
			throw new UnsupportedOperationException();
		}

		@Override
		public boolean isWrapperFor(Class<?> type) {
			return false;
		}

	}

}
