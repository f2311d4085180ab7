package io.poolkit.spring.boot.autoconfigure.observation;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.common.KeyValues;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceAutoConfiguration;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timers Boot's default meter handler makes of the {@code poolkit.acquire}
 * observation, as Prometheus scrapes them: each family has HELP text ({@code promtool
 * check metrics} flags a family without), also under the name of an application's own
 * convention. Tagged to run in the build's {@code peer-libraries} test execution, the one
 * with the Prometheus registry on the class path.
 */
@Tag("peer-libraries")
class PoolAcquireObservationHelpTests {

	private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$");

	private static final Pattern HELP = Pattern.compile("^# HELP (\\S+)(?: (.*))?$");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolDataSourceAutoConfiguration.class,
				DataSourceAutoConfiguration.class, MetricsAutoConfiguration.class,
				PrometheusMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				ObservationAutoConfiguration.class, PoolObservationAutoConfiguration.class))
		.withPropertyValues(PostgresTestSupport.propertyValues("app.pool."))
		.withPropertyValues("app.pool.name=poolkit-help-" + UUID.randomUUID().toString().substring(0, 8),
				"app.pool.max-size=1");

	@Test
	void everyFamilyOfTheObservationHasHelpText() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			borrowOnce(context.getBean(PoolDataSource.class));
			Map<String, String> help = helpOfFamilies(context.getBean(PrometheusMeterRegistry.class).scrape(),
					"poolkit_acquire");
			assertThat(help).containsOnlyKeys("poolkit_acquire_seconds", "poolkit_acquire_seconds_max",
					"poolkit_acquire_active_seconds", "poolkit_acquire_active_seconds_max");
			assertThat(help).allSatisfy((family, text) -> assertThat(text).as(family).isNotBlank());
			assertThat(help.get("poolkit_acquire_seconds")).isEqualTo(PoolAcquireMeterDescriptions.TIMER);
			assertThat(help.get("poolkit_acquire_active_seconds")).isEqualTo(PoolAcquireMeterDescriptions.ACTIVE);
		});
	}

	@Test
	void underTheNameOfTheApplicationsConventionToo() {
		this.runner.withBean(PoolAcquireObservationConvention.class, OwnConvention::new).run((context) -> {
			borrowOnce(context.getBean(PoolDataSource.class));
			Map<String, String> help = helpOfFamilies(context.getBean(PrometheusMeterRegistry.class).scrape(),
					"db_borrow");
			assertThat(help).containsKeys("db_borrow_seconds", "db_borrow_active_seconds");
			assertThat(help).allSatisfy((family, text) -> assertThat(text).as(family).isNotBlank());
		});
	}

	private static void borrowOnce(PoolDataSource pool) throws Exception {
		try (Connection connection = pool.getConnection()) {
			assertThat(connection.isValid(1)).isTrue();
		}
	}

	// Each family of the prefix in a scrape, with its HELP text. No Prometheus type in a
	// signature: the class is loaded without the registry too, by the build's default
	// test execution, to read its tag.
	private static Map<String, String> helpOfFamilies(String scrape, String prefix) {
		List<String> lines = scrape.lines().toList();
		Map<String, String> help = new TreeMap<>();
		for (String line : lines) {
			Matcher type = TYPE.matcher(line);
			if (type.matches() && type.group(1).startsWith(prefix)) {
				help.putIfAbsent(type.group(1), "");
			}
		}
		for (String line : lines) {
			Matcher text = HELP.matcher(line);
			if (text.matches() && help.containsKey(text.group(1))) {
				help.put(text.group(1), (text.group(2) != null) ? text.group(2) : "");
			}
		}
		assertThat(help).isNotEmpty();
		return help;
	}

	static class OwnConvention implements PoolAcquireObservationConvention {

		@Override
		public String getName() {
			return "db.borrow";
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(PoolAcquireContext context) {
			return KeyValues.of("pool", context.getPool());
		}

	}

}
