package io.poolkit.spring.boot.autoconfigure.metrics;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code pool.*} meter as Prometheus scrapes it, with the Prometheus registry the
 * only one: each meter is one metric family of the expected name and type, no family is
 * listed twice, and no sample line could be read as belonging to another family (a
 * counter named {@code pool.connections.created} was exported as
 * {@code pool_connections_total}, as Prometheus treats a {@code _created} suffix as a
 * counter's creation time, beside the gauge {@code pool_connections_total_connections}).
 * Tagged to run in the build's {@code peer-libraries} test execution, the one with the
 * Prometheus registry on the class path.
 */
@Tag("peer-libraries")
class PoolPrometheusNamesTests {

	// TYPE lines of the text format (version 0.0.4, where a counter's family carries its
	// _total): "# TYPE <family> <type>".
	private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$");

	private static final Pattern HELP = Pattern.compile("^# HELP (\\S+) (.*)$");

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ].*");

	private static final Map<String, String> FAMILIES = Map.ofEntries(
			Map.entry("pool_connections_active_connections", "gauge"),
			Map.entry("pool_connections_idle_connections", "gauge"),
			Map.entry("pool_connections_pending_connections", "gauge"),
			Map.entry("pool_connections_total_connections", "gauge"),
			Map.entry("pool_connections_max_connections", "gauge"),
			Map.entry("pool_connections_min_connections", "gauge"),
			Map.entry("pool_connections_target_connections", "gauge"), Map.entry("pool_utilization", "gauge"),
			Map.entry("pool_acquire_seconds", "histogram"), Map.entry("pool_acquire_seconds_max", "gauge"),
			// Read from the pool's totals (function timers): a count and a sum, no max.
			Map.entry("pool_usage_seconds", "summary"), Map.entry("pool_creation_seconds", "summary"),
			Map.entry("pool_timeouts_total", "counter"), Map.entry("pool_connections_opened_total", "counter"),
			Map.entry("pool_connections_closed_total", "counter"), Map.entry("pool_errors_total", "counter"));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(PoolDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class,
						MetricsAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class,
						CompositeMeterRegistryAutoConfiguration.class, PoolMetricsAutoConfiguration.class))
		.withPropertyValues(PostgresTestSupport.propertyValues("app.pool."))
		.withPropertyValues("app.pool.name=prom", "app.pool.max-size=2", "app.pool.min-idle=2");

	@Test
	void everyMeterIsOneFamilyOfItsOwnName() {
		this.runner.run((context) -> {
			PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
			try (Connection connection = context.getBean(PoolDataSource.class).getConnection()) {
				assertThat(connection.isValid(1)).isTrue();
			}
			List<String> lines = registry.scrape().lines().toList();
			Map<String, String> types = new TreeMap<>();
			List<String> listedTwice = new ArrayList<>();
			for (String line : lines) {
				Matcher type = TYPE.matcher(line);
				if (type.matches() && type.group(1).startsWith("pool_")) {
					if (types.put(type.group(1), type.group(2)) != null) {
						listedTwice.add(type.group(1));
					}
				}
			}
			assertThat(listedTwice).isEmpty();
			assertThat(types).isEqualTo(new TreeMap<>(FAMILIES));

			// Each sample belongs to exactly one family: its name is the family's or the
			// family's plus a suffix its type allows, and no other family's.
			Map<String, Set<String>> owners = new HashMap<>();
			for (String line : lines) {
				Matcher sample = SAMPLE.matcher(line);
				if (!line.startsWith("#") && sample.matches() && sample.group(1).startsWith("pool_")) {
					String name = sample.group(1);
					for (Map.Entry<String, String> family : FAMILIES.entrySet()) {
						if (samples(family.getKey(), family.getValue()).contains(name)) {
							owners.computeIfAbsent(name, (key) -> new TreeSet<>()).add(family.getKey());
						}
					}
					assertThat(owners.get(name)).as(name).hasSize(1);
				}
			}
			assertThat(owners).containsKeys("pool_connections_opened_total", "pool_connections_total_connections",
					"pool_acquire_seconds_bucket", "pool_acquire_seconds_count", "pool_acquire_seconds_sum");
		});
	}

	@Test
	void everyFamilyHasHelpTextAndTheTargetIsTheSizeNow() {
		this.runner.run((context) -> {
			PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
			List<String> lines = registry.scrape().lines().toList();
			Map<String, String> help = new TreeMap<>();
			for (String line : lines) {
				Matcher matcher = HELP.matcher(line);
				if (matcher.matches() && matcher.group(1).startsWith("pool_")) {
					help.put(matcher.group(1), matcher.group(2));
				}
			}
			assertThat(help).containsOnlyKeys(FAMILIES.keySet());
			assertThat(help.values()).allSatisfy((text) -> assertThat(text).isNotBlank());
			assertThat(help.get("pool_connections_target_connections")).contains("max-size in fixed mode");
			// A fixed pool: the target is max-size.
			assertThat(lines).contains("pool_connections_target_connections{pool=\"prom\"} 2.0");
		});
	}

	@Test
	void acquireIsAHistogramWithBucketsForHistogramQuantile() {
		this.runner.run((context) -> {
			PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
			try (Connection connection = context.getBean(PoolDataSource.class).getConnection()) {
				assertThat(connection.isValid(1)).isTrue();
			}
			List<String> buckets = registry.scrape()
				.lines()
				.filter((line) -> line.startsWith("pool_acquire_seconds_bucket{"))
				.filter((line) -> line.contains("pool=\"prom\""))
				.toList();
			// Enough buckets for histogram_quantile, up to +Inf, which counts every
			// borrow.
			assertThat(buckets).hasSizeGreaterThan(10);
			assertThat(buckets).anyMatch((line) -> line.contains("le=\"+Inf\"") && !line.endsWith(" 0"));
			// Micrometer's client-side percentiles are not published to Prometheus
			// alongside a histogram.
			assertThat(registry.scrape().lines()).noneMatch((line) -> line.startsWith("pool_acquire_seconds{"));
		});
	}

	private static Set<String> samples(String family, String type) {
		return switch (type) {
			case "histogram" -> Set.of(family + "_bucket", family + "_count", family + "_sum");
			case "summary" -> Set.of(family, family + "_count", family + "_sum");
			default -> Set.of(family);
		};
	}

}
