package io.poolkit.internal;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.poolkit.PoolConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login bound each driver is given: pgjdbc's {@code loginTimeout} in seconds, MariaDB
 * Connector/J's {@code connectTimeout} in milliseconds (30 s by default, whatever
 * {@code socketTimeout} says), each unless the user set it. The recovery it buys is
 * tested on the real databases in {@code OutageRecoveryTest}.
 */
class DriverPropertiesTest {

	private static DriverProperties of(PoolConfig.Builder builder) {
		PoolConfig config = builder.connectionTimeout(Duration.ofSeconds(7)).build();
		return new DriverProperties(config, config.name(), false, null);
	}

	@Test
	void mariaDbConnectsAreBoundedByConnectTimeoutInMilliseconds() {
		DriverProperties properties = of(PoolConfig.builder().url("jdbc:mariadb://db/app"));
		assertThat(properties.boundsLogin()).isTrue();
		assertThat(properties.boundsLoginReads()).isFalse();
		Properties first = properties.forConnect("u", null, properties.loginTimeoutNanos());
		assertThat(first.getProperty("connectTimeout")).isEqualTo("7000");
		assertThat(first).doesNotContainKeys("loginTimeout", "socketTimeout");
		Properties shortened = properties.forConnect("u", null, TimeUnit.MILLISECONDS.toNanos(1_250));
		assertThat(shortened.getProperty("connectTimeout")).isEqualTo("1250");
	}

	@Test
	void aConnectTimeoutTheUserSetWins() {
		DriverProperties inProperties = of(
				PoolConfig.builder().url("jdbc:mariadb://db/app").dataSourceProperty("connectTimeout", "500"));
		assertThat(inProperties.boundsLogin()).isFalse();
		assertThat(inProperties.forConnect("u", null, 0).getProperty("connectTimeout")).isEqualTo("500");
		DriverProperties inUrl = of(PoolConfig.builder().url("jdbc:mariadb://db/app?connectTimeout=500"));
		assertThat(inUrl.boundsLogin()).isFalse();
		assertThat(inUrl.forConnect("u", null, 0)).doesNotContainKey("connectTimeout");
	}

	@Test
	void pgjdbcConnectsAreBoundedByLoginTimeoutInSeconds() {
		DriverProperties properties = of(PoolConfig.builder().url("jdbc:postgresql://db/app"));
		assertThat(properties.boundsLogin()).isTrue();
		Properties shortened = properties.forConnect("u", null, TimeUnit.MILLISECONDS.toNanos(1_250));
		assertThat(shortened.getProperty("loginTimeout")).isEqualTo("1.250");
		assertThat(shortened).doesNotContainKey("connectTimeout");
	}

	@Test
	void aLoginBoundTheUserSetInAnotherCaseWinsOverThePools() {
		// The driver is not asked here (none is passed), as when it cannot list its
		// properties: MariaDB Connector/J reads connecttimeout as connectTimeout.
		DriverProperties properties = of(
				PoolConfig.builder().url("jdbc:mariadb://db/app").dataSourceProperty("connecttimeout", "500"));
		assertThat(properties.boundsLogin()).isFalse();
		Properties connect = properties.forConnect("u", null, properties.loginTimeoutNanos());
		assertThat(connect.getProperty("connecttimeout")).isEqualTo("500");
		assertThat(connect).doesNotContainKey("connectTimeout");
	}

	@Test
	void namesThatDifferOnlyInCaseAreLeftAsGiven() {
		Properties given = new Properties();
		given.setProperty("PrepareThreshold", "3");
		given.setProperty("preparethreshold", "7");
		given.setProperty("SOCKETTIMEOUT", "30");
		Properties spelled = DriverProperties.inDriverSpelling(given, new org.postgresql.Driver(),
				"jdbc:postgresql://db/app?password=secret");
		assertThat(spelled).containsOnlyKeys("PrepareThreshold", "preparethreshold", "socketTimeout");
	}

}
