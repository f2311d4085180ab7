package io.poolkit.spring.boot.autoconfigure;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.poolkit.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PoolSecretsSanitizingFunction}: which keys and URL parts it masks, in every
 * relaxed spelling, by pool-core's one rule ({@link Secrets}), with the cases each of the
 * two former rules was tested with.
 */
class PoolSecretsSanitizingFunctionTests {

	private final PoolSecretsSanitizingFunction function = new PoolSecretsSanitizingFunction();

	@ParameterizedTest
	@ValueSource(strings = { "app.pool.password", "APP_POOL_PASSWORD", "app.pool.data-source-properties.sslpassword",
			"app.pool.dataSourceProperties.sslPassword", "app.pool.data-source-properties[sslpassword]",
			"APP_POOL_DATASOURCEPROPERTIES_SSLPASSWORD", "app.pool.data-source-properties.apiToken",
			"spring.datasource.password", "SPRING_DATASOURCE_PASSWORD", "app.pool.data-source-properties.sslkey" })
	void masksSecrets(String key) {
		assertThat(sanitize(key, "hunter2")).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "app.pool.username", "app.pool.max-size", "app.pool.keepalive-interval",
			"spring.datasource.username", "other.password" })
	void leavesOtherValuesAlone(String key) {
		assertThat(sanitize(key, "hunter2")).isEqualTo("hunter2");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"jdbc:postgresql://db:5432/app?user=app&password=hunter2&ssl=true|jdbc:postgresql://db:5432/app?user=app&password=******&ssl=true",
			"jdbc:postgresql://app:hunter2@db/app|jdbc:postgresql://app:******@db/app",
			"jdbc:sqlserver://db;user=app;password=hunter2|jdbc:sqlserver://db;user=app;password=******",
			"jdbc:postgresql://db/app?sslpassword=hunter2|jdbc:postgresql://db/app?sslpassword=******",
			"jdbc:postgresql://db/app?ssl=true|jdbc:postgresql://db/app?ssl=true" })
	void masksSecretsInsideUrls(String url, String masked) {
		assertThat(sanitize("app.pool.url", url)).isEqualTo(masked);
		assertThat(sanitize("SPRING_DATASOURCE_URL", url)).isEqualTo(masked);
	}

	/**
	 * The cases pool-core's masking was tested with, through the sanitizer: both now
	 * follow pool-core's one rule.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "password", "sslPassword", "clientSecret", "authToken", "apiToken", "sslkey", "apiKey",
			"gcpCredential", "credentials", "keyStoreSecret", "keyStorePassword", "PWD" })
	void masksTheDriverPropertiesPoolCoreMasks(String name) {
		assertThat(Secrets.mask(name, "hunter2")).isEqualTo(Secrets.MASK);
		assertThat(sanitize("app.pool.data-source-properties." + name, "hunter2"))
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(sanitize("SPRING_DATASOURCE_HIKARI_DATASOURCEPROPERTIES_" + name.toUpperCase(), "hunter2"))
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ssl", "tcpKeepAlive", "keyStoreType", "allowPublicKeyRetrieval", "sslmode", "user" })
	void showsTheDriverPropertiesPoolCoreShows(String name) {
		assertThat(Secrets.mask(name, "hunter2")).isEqualTo("hunter2");
		assertThat(sanitize("app.pool.data-source-properties." + name, "hunter2")).isEqualTo("hunter2");
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://db/app?user=app&password=s3cr3t&sslpassword=k3y&ssl=true",
			"jdbc:mysql://app:s3cr3t@db:3306/app", "jdbc:sqlserver://db;user=sa;Password=s3cr3t;encrypt=true",
			"jdbc:oracle:thin:scott/s3cr3t@db:1521:orcl", "jdbc:postgresql://h/db?user=u&password=ab;cd#ef&x=1",
			"jdbc:sqlserver://db;password={a;b}}c=d};encrypt=true", "jdbc:oracle:thin:scott/\"ti@g/er?\"@//db:1521/svc",
			"jdbc:mysql://(host=db,port=3306,user=u,password=s3cr3t)/app", "postgresql://db?password=s3cr3t&a=b" })
	void masksUrlsAsPoolCoreDoes(String url) {
		assertThat(sanitize("app.pool.url", url)).isEqualTo(Secrets.maskUrl(url))
			.asString()
			.doesNotContain("s3cr3t")
			.doesNotContain("cd#ef")
			.doesNotContain("ti@g");
		assertThat(sanitize("spring.datasource.hikari.jdbc-url", url)).isEqualTo(Secrets.maskUrl(url));
	}

	/**
	 * Issue 11, point 8: a password with every URL-special character, percent-encoded or
	 * in the form each driver takes raw, shows in no {@code url} value.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://db/app?user=u&password=ENCODED&ssl=true",
			"jdbc:postgresql://db/app?password=RAW_NO_AMPERSAND&sslpassword=RAW_NO_AMPERSAND&ssl=true",
			"jdbc:mysql://u:RAW@db:3306/app?useSSL=true", "jdbc:mysql://u:ENCODED@db:3306/app",
			"jdbc:sqlserver://db;password={RAW_BRACED};encrypt=true", "jdbc:oracle:thin:scott/\"RAW\"@//db/svc",
			"jdbc:oracle:thin:scott/RAW@//db/svc" })
	void masksPasswordsWithEveryUrlSpecialCharacter(String template) {
		String password = "zq1;zq2#zq3&zq4=zq5%zq6/zq7@zq8?zq9:zq0 zqA}zqB";
		String url = template.replace("RAW_NO_AMPERSAND", password.replace("&", ""))
			.replace("RAW_BRACED", password.replace("}", "}}"))
			.replace("RAW", password)
			.replace("ENCODED", URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20"));
		for (String key : new String[] { "app.pool.url", "SPRING_DATASOURCE_URL",
				"spring.datasource.hikari.jdbcUrl" }) {
			Object sanitized = sanitize(key, url);
			assertThat(sanitized).asString().doesNotContainIgnoringCase("zq");
			assertThat(URLDecoder.decode(String.valueOf(sanitized).replace("+", "%2B"), StandardCharsets.UTF_8))
				.doesNotContainIgnoringCase("zq");
		}
	}

	/**
	 * The README's {@code app.pool.password=${ORDERS_DB_PASSWORD}}: {@code /actuator/env}
	 * lists the referenced property under its own name, which must be masked as the
	 * setting is; followed through defaults, nested placeholders and further references,
	 * and by what the placeholder stands for in a URL.
	 */
	@Test
	void masksWhatThePoolsSecretsReferToThroughPlaceholders() {
		StandardEnvironment environment = new StandardEnvironment();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("app.pool.password", "${ORDERS_DB_PASSWORD}");
		properties.put("ORDERS_DB_PASSWORD", "${vault.orders.password:hunter2}");
		properties.put("spring.datasource.url", "${JDBC_DATABASE_URL}");
		properties.put("JDBC_DATABASE_URL", "jdbc:postgresql://db/app?password=s3cr3t&ssl=true");
		properties.put("app.reporting-pool.url", "jdbc:postgresql://${DB_HOST:db}/app?password=${REPORTING_PASSWORD}");
		properties.put("app.pool.data-source-properties.sslpassword", "${SSL_PASSWORD:${FALLBACK_SSL_PASSWORD}}");
		properties.put("app.pool.username", "${ORDERS_DB_USER}");
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		PoolSecretsSanitizingFunction function = new PoolSecretsSanitizingFunction(() -> List.of("app.reporting-pool"),
				environment);
		for (String key : List.of("ORDERS_DB_PASSWORD", "orders_db_password", "vault.orders.password",
				"VAULT_ORDERS_PASSWORD", "REPORTING_PASSWORD", "SSL_PASSWORD", "fallback-ssl-password")) {
			assertThat(sanitize(function, key, "hunter2")).as(key).isEqualTo(SanitizableData.SANITIZED_VALUE);
		}
		assertThat(sanitize(function, "JDBC_DATABASE_URL", "jdbc:postgresql://db/app?password=s3cr3t&ssl=true"))
			.isEqualTo("jdbc:postgresql://db/app?password=******&ssl=true");
		// What no secret refers to, or a URL's host, shows.
		assertThat(sanitize(function, "DB_HOST", "db.internal")).isEqualTo("db.internal");
		assertThat(sanitize(function, "ORDERS_DB_USER", "orders")).isEqualTo("orders");
		assertThat(sanitize(function, "OTHER", "hunter2")).isEqualTo("hunter2");
		// Without the environment nothing is followed.
		assertThat(sanitize("ORDERS_DB_PASSWORD", "hunter2")).isEqualTo("hunter2");
	}

	// Where parameters or user info go, a placeholder's value is no URL the URL's
	// masking would find a secret name in: it is masked whole.
	@Test
	void masksWholeWhatAUrlReferencesWhereItsParametersOrUserInfoGo() {
		StandardEnvironment environment = new StandardEnvironment();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("app.pool.url", "jdbc:postgresql://${DB_HOST}/db?${DB_PARAMS}");
		properties.put("app.reporting-pool.url", "jdbc:postgresql://${REPORTING_CREDENTIALS}@reports/db");
		properties.put("spring.datasource.url", "jdbc:sqlserver://${SQL_HOST:sql};${SQL_PARAMS}");
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		PoolSecretsSanitizingFunction function = new PoolSecretsSanitizingFunction(() -> List.of("app.reporting-pool"),
				environment);
		assertThat(sanitize(function, "DB_PARAMS", "password=hunter2&ssl=true"))
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(sanitize(function, "REPORTING_CREDENTIALS", "reports:hunter2"))
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(sanitize(function, "SQL_PARAMS", "user=sa;password=hunter2"))
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(sanitize(function, "DB_HOST", "db.internal")).isEqualTo("db.internal");
		assertThat(sanitize(function, "SQL_HOST", "sql.internal")).isEqualTo("sql.internal");
	}

	// One /actuator/env pass asks for every property; the property sources are scanned
	// once for it, not once per property.
	@Test
	void scansThePropertySourcesOncePerPass() {
		StandardEnvironment environment = new StandardEnvironment();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("app.pool.password", "${ORDERS_DB_PASSWORD}");
		for (int i = 0; i < 500; i++) {
			properties.put("SERVICE_" + i + "_PORT", "tcp://10.0.0." + (i % 250) + ":80");
		}
		CountingPropertySource source = new CountingPropertySource(properties);
		environment.getPropertySources().addFirst(source);
		long[] now = { 0 };
		PoolSecretsSanitizingFunction function = new PoolSecretsSanitizingFunction(List::of, environment, () -> now[0]);
		for (String name : properties.keySet()) {
			sanitize(function, name, "x");
		}
		assertThat(sanitize(function, "ORDERS_DB_PASSWORD", "hunter2")).isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(source.scans).isOne();
		// A property source added, or the next pass a second later, is scanned again.
		environment.getPropertySources()
			.addFirst(new MapPropertySource("later",
					Map.of("app.pool.url", "jdbc:postgresql://db/app?password=${LATER_PASSWORD}")));
		assertThat(sanitize(function, "LATER_PASSWORD", "hunter2")).isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(source.scans).isEqualTo(2);
		sanitize(function, "OTHER", "x");
		assertThat(source.scans).isEqualTo(2);
		now[0] += Duration.ofSeconds(1).toNanos();
		sanitize(function, "OTHER", "x");
		assertThat(source.scans).isEqualTo(3);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "${A}|A", "${A:x}|A", "${A:${B}}|A,B", "${A:${B:${C}}}|A,B,C",
			"x${A}y${B}|A,B", "${${A}}|A", "jdbc:postgresql://${H:db}/app?password=${P}|H,P", "${A|''", "plain|''" })
	void findsThePlaceholdersOfAValue(String value, String names) {
		assertThat(PoolSecretsSanitizingFunction.placeholderNames(value))
			.containsExactlyElementsOf(names.isEmpty() ? List.of() : List.of(names.split(",")));
	}

	/**
	 * Counts the listings of its names, as each scan of the property sources asks once.
	 */
	static class CountingPropertySource extends MapPropertySource {

		int scans;

		CountingPropertySource(Map<String, Object> properties) {
			super("counting", properties);
		}

		@Override
		public String[] getPropertyNames() {
			this.scans++;
			return super.getPropertyNames();
		}

	}

	private static Object sanitize(PoolSecretsSanitizingFunction function, String key, Object value) {
		return function.applyUnlessFiltered(new SanitizableData(null, key, value)).getValue();
	}

	private Object sanitize(String key, Object value) {
		return sanitize(this.function, key, value);
	}

}
