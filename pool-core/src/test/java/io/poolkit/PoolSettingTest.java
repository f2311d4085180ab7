package io.poolkit;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.poolkit.InvalidPoolConfigException.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The settings table ({@link PoolSetting}), the generic access to a config through it,
 * and the problems {@link InvalidPoolConfigException} carries as data.
 */
class PoolSettingTest {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	/** A setting needs no accessor ({@code get} reads it); those there are agree. */
	@Test
	void theAccessorsReadTheTable() throws Exception {
		PoolConfig config = PoolConfig.builder().url(URL).password("pw").dataSourceProperty("ssl", "true").build();
		int accessors = 0;
		for (Method method : PoolConfig.class.getMethods()) {
			PoolSetting<?> setting = PoolSetting.all()
				.stream()
				.filter((candidate) -> camelCase(candidate.name()).equals(method.getName()))
				.findFirst()
				.orElse(null);
			if (setting != null && method.getParameterCount() == 0) {
				assertThat(method.invoke(config)).as(setting.name()).isEqualTo(config.get(setting));
				accessors++;
			}
		}
		assertThat(accessors).isPositive();
	}

	@Test
	void defaultsOfTheTableAreWhatANewConfigHolds() {
		PoolConfig config = PoolConfig.builder().url(URL).build();
		for (PoolSetting<?> setting : PoolSetting.all()) {
			if (setting != PoolSetting.URL && setting.defaultValue() != null) {
				assertThat((Object) config.get(setting)).as(setting.name()).isEqualTo(setting.defaultValue());
			}
		}
		assertThat(config.get(PoolSetting.MAX_SIZE)).isEqualTo(10);
		assertThat(config.get(PoolSetting.MIN_IDLE)).isEqualTo(10);
		assertThat(config.get(PoolSetting.LISTENER)).isSameAs(PoolListener.noop());
	}

	@Test
	void everyDefaultReadsBackFromItsTextForm() {
		for (PoolSetting<?> setting : PoolSetting.all()) {
			assertFormatReadsBack(setting);
		}
	}

	private static <T> void assertFormatReadsBack(PoolSetting<T> setting) {
		T value = setting.defaultValue();
		if (value != null && !setting.isBuilderOnly() && setting != PoolSetting.DATA_SOURCE_PROPERTIES) {
			assertThat(setting.parse(setting.format(value))).as(setting.name()).isEqualTo(value);
		}
	}

	@Test
	void theTableNamesWhatItHolds() {
		assertThat(PoolSetting.names()).hasSize(39).startsWith("name", "url").endsWith("pgbouncer");
		assertThat(PoolSetting.all()).filteredOn(PoolSetting::isBuilderOnly)
			.extracting(PoolSetting::name)
			.containsExactly("data-source", "listener", "credentials-supplier", "error-classifier");
		assertThat(PoolSetting.named("max-size")).containsSame(PoolSetting.MAX_SIZE);
		assertThat(PoolSetting.named("maximum-pool-size")).isEmpty();
		assertThat(PoolSetting.all()).filteredOn(PoolSetting::isSecret)
			.extracting(PoolSetting::name)
			.containsExactly("password", "credentials-supplier");
		assertThat(PoolSetting.MAX_SIZE.type()).isEqualTo(Integer.class);
		assertThat(PoolSetting.MAX_SIZE).hasToString("max-size");
	}

	@Test
	void nearestNamesTheSettingAKeyWasMeantToBe() {
		assertThat(PoolSetting.nearest("maxSize")).contains("max-size");
		assertThat(PoolSetting.nearest("max-sise")).contains("max-size");
		assertThat(PoolSetting.nearest("data-source-properties")).contains("data-source-properties.<name>");
		assertThat(PoolSetting.nearest("maximum-pool-size")).isEmpty();
	}

	@Test
	void builderOnlySettingsHaveNoTextForm() {
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> PoolSetting.LISTENER.parse("x"));
		assertThat(PoolSetting.DATA_SOURCE.format(new PoolConfigTest.StubDataSource()))
			.isEqualTo(PoolConfigTest.StubDataSource.class.getName());
	}

	@Test
	void setAndGetWorkForAnySetting() {
		Properties driver = new Properties();
		driver.setProperty("ssl", "true");
		PoolConfig config = PoolConfig.builder()
			.set(PoolSetting.URL, URL)
			.set(PoolSetting.MAX_SIZE, 4)
			.set(PoolSetting.CONNECTION_TIMEOUT, Duration.ofSeconds(2))
			.set(PoolSetting.DATA_SOURCE_PROPERTIES, driver)
			.build();
		driver.setProperty("ssl", "false");
		assertThat(config.maxSize()).isEqualTo(4);
		assertThat(config.minIdle()).isEqualTo(4);
		assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(config.get(PoolSetting.DATA_SOURCE_PROPERTIES)).containsEntry("ssl", "true");
		config.get(PoolSetting.DATA_SOURCE_PROPERTIES).setProperty("ssl", "changed");
		assertThat(config.dataSourceProperties()).containsEntry("ssl", "true");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PoolConfig.builder().url(URL).set(PoolSetting.REGISTER_MBEANS, null).build())
			.withMessage("Invalid pool configuration:\n  - register-mbeans: must not be null");
	}

	@Test
	void problemsAreDataWithoutSecrets() {
		InvalidPoolConfigException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
				InvalidPoolConfigException.class,
				() -> PoolConfig.builder()
					.url("postgresql://db/app?password=s3cr3t")
					.property("pasword", "s3cr3t")
					.property("lifetime-jitter", "lots")
					.property("max-size", null)
					.minIdle(-1)
					.build());
		assertThat(failure).isInstanceOf(IllegalArgumentException.class);
		List<Problem> problems = failure.problems();
		assertThat(problems).containsExactly(
				new Problem("url", "postgresql://db/app?password=******",
						"'postgresql://db/app?password=******' is a malformed URL; it must start with 'jdbc:'"),
				new Problem("max-size", null, "no value given"),
				new Problem("min-idle", "-1", "-1 is not allowed; must be between 0 and 10000"),
				new Problem("lifetime-jitter", "lots", "'lots' is not a fraction; use e.g. 10% or 0.1"),
				new Problem("pasword", null, "unknown setting 'pasword'; did you mean 'password'?"));
		assertThat(problems).extracting(Problem::isUnknownSetting).containsExactly(false, false, false, false, true);
		assertThat(failure.getMessage()).isEqualTo("Invalid pool configuration:\n  - "
				+ String.join("\n  - ", problems.stream().map(Problem::toString).toList()));
		assertThat(failure.getMessage() + problems).doesNotContain("s3cr3t");
	}

	@Test
	void aProblemValueOfASecretDriverPropertyIsMasked() {
		InvalidPoolConfigException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
				InvalidPoolConfigException.class,
				() -> PoolConfig.builder().url(URL).property("data-source-properties.sslpassword", null).build());
		assertThat(failure.problems())
			.containsExactly(new Problem("data-source-properties.sslpassword", null, "no value given"));
	}

	private static String camelCase(String name) {
		StringBuilder camel = new StringBuilder();
		boolean upper = false;
		for (char c : name.toCharArray()) {
			if (c == '-' || c == '.') {
				upper = true;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return camel.toString();
	}

}
