package io.poolkit.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import io.poolkit.PoolSetting;
import io.poolkit.spring.boot.autoconfigure.HikariSettings.Mapped;
import io.poolkit.spring.boot.autoconfigure.HikariSettings.Unmapped;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HikariSettings}, the one mapping of HikariCP's properties: it covers all of
 * them, sets each Poolkit setting at most once, and the README's table says the same.
 */
class HikariSettingsTests {

	/**
	 * Every writable bean property of {@code com.zaxxer.hikari.HikariDataSource} 7.0.2,
	 * the version Spring Boot 4.1.2 manages, as {@code java.beans.Introspector} lists
	 * them: what Boot binds under {@code spring.datasource.hikari}. HikariCP is not on
	 * this module's class path (it would change which pool Boot's own auto-configuration
	 * builds in every other test), so the list is written here.
	 */
	private static final List<String> HIKARI_DATA_SOURCE_PROPERTIES = List.of("allowPoolSuspension", "autoCommit",
			"catalog", "connectionInitSql", "connectionTestQuery", "connectionTimeout", "credentials",
			"credentialsProvider", "credentialsProviderClassName", "dataSource", "dataSourceClassName",
			"dataSourceJNDI", "dataSourceProperties", "driverClassName", "exceptionOverride",
			"exceptionOverrideClassName", "healthCheckProperties", "healthCheckRegistry", "idleTimeout",
			"initializationFailTimeout", "isolateInternalQueries", "jdbcUrl", "keepaliveTime", "leakDetectionThreshold",
			"logWriter", "loginTimeout", "maxLifetime", "maximumPoolSize", "metricRegistry", "metricsTrackerFactory",
			"minimumIdle", "password", "poolName", "readOnly", "registerMbeans", "scheduledExecutor", "schema",
			"threadFactory", "transactionIsolation", "username", "validationTimeout");

	@Test
	void everyHikariPropertyIsEitherMappedOrExplained() {
		for (String property : HIKARI_DATA_SOURCE_PROPERTIES) {
			// As Boot names it from the setter: dataSourceJNDI is data-source-j-n-d-i.
			ConfigurationPropertyName name = ConfigurationPropertyName.adapt(property, '.');
			boolean mapped = HikariSettings.mapped(name).isPresent();
			boolean unmapped = HikariSettings.unmapped(name).isPresent();
			assertThat(mapped ^ unmapped).as(property).isTrue();
		}
		assertThat(HikariSettings.MAPPED.size() + HikariSettings.UNMAPPED.size())
			.isEqualTo(HIKARI_DATA_SOURCE_PROPERTIES.size());
	}

	@Test
	void setsEachSettingAtMostOnceAndNeverABuilderOnlyOne() {
		assertThat(HikariSettings.MAPPED).extracting(Mapped::setting).doesNotHaveDuplicates();
		assertThat(HikariSettings.MAPPED).extracting(Mapped::setting)
			.noneMatch(PoolSetting::isBuilderOnly)
			.allMatch((setting) -> PoolSetting.names().contains(setting.name()));
	}

	@Test
	void theReadmesTableIsThisMapping() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		String migration = readme.substring(readme.indexOf("### Migrating from HikariCP"),
				readme.indexOf("### Metrics"));
		for (Mapped mapped : HikariSettings.MAPPED) {
			String entries = (mapped.setting() == PoolSetting.DATA_SOURCE_PROPERTIES) ? ".*" : "";
			String row = "| `" + mapped.name() + entries + "` | `" + mapped.setting().name() + entries + "` |";
			assertThat(migration).as(mapped.name()).contains(row);
		}
		for (Unmapped unmapped : HikariSettings.UNMAPPED) {
			assertThat(migration).as(unmapped.name())
				.containsPattern(Pattern.compile("\\n\\| [^\\n]*`" + unmapped.name() + "`[^\\n]* \\| "));
		}
	}

}
