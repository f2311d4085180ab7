package io.poolkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Secrets}, the one masking rule: the union of the cases pool-core's masking and
 * the Boot module's sanitizer were each tested with before they became one rule, and the
 * URL grammar of each driver. {@code UrlPasswordsLeakNowhereTest} feeds passwords with
 * every URL-special character through every output.
 */
class SecretsTest {

	@ParameterizedTest
	@ValueSource(strings = { "password", "PASSWORD", "sslpassword", "sslPassword", "clientSecret", "authToken",
			"apiToken", "sslkey", "apiKey", "private-key", "client_key", "credentials", "gcpCredential",
			"keyStorePassword", "keyStoreSecret", "sslpassphrase", "PWD", "proxyPwd" })
	void secretNames(String name) {
		assertThat(Secrets.isSecretName(name)).isTrue();
		assertThat(Secrets.mask(name, "hunter2")).isEqualTo(Secrets.MASK);
	}

	/**
	 * {@code key} inside a longer word names a path, type or flag; its secret companions
	 * are caught by the other words.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "username", "user", "ssl", "max-size", "keepalive-interval", "tcpKeepAlive",
			"keyStoreType", "keyStoreLocation", "allowPublicKeyRetrieval", "sslmode", "url" })
	void otherNames(String name) {
		assertThat(Secrets.isSecretName(name)).isFalse();
		assertThat(Secrets.mask(name, "hunter2")).isEqualTo("hunter2");
	}

	@Test
	void urlNamesHideTheSecretsInsideTheUrl() {
		String url = "jdbc:postgresql://db/app?user=app&password=hunter2";
		String masked = "jdbc:postgresql://db/app?user=app&password=******";
		assertThat(Secrets.mask("url", url)).isEqualTo(masked);
		assertThat(Secrets.mask("jdbc-url", url)).isEqualTo(masked);
		assertThat(Secrets.mask("jdbcUrl", url)).isEqualTo(masked);
		assertThat(Secrets.mask("url", null)).isNull();
		assertThat(Secrets.maskUrl(null)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					jdbc:postgresql://db/app?user=app&password=s3cr3t&sslpassword=k3y&ssl=true | jdbc:postgresql://db/app?user=app&password=******&sslpassword=******&ssl=true
					jdbc:postgresql://db:5432/app?user=app&password=hunter2&ssl=true           | jdbc:postgresql://db:5432/app?user=app&password=******&ssl=true
					jdbc:postgresql://db/app?sslpassword=hunter2                               | jdbc:postgresql://db/app?sslpassword=******
					jdbc:postgresql://db/app?ssl=true                                          | jdbc:postgresql://db/app?ssl=true
					jdbc:postgresql://app:hunter2@db/app                                       | jdbc:postgresql://app:******@db/app
					jdbc:mysql://app:s3cr3t@db:3306/app                                        | jdbc:mysql://app:******@db:3306/app
					jdbc:sqlserver://db;user=sa;Password=s3cr3t;encrypt=true                   | jdbc:sqlserver://db;user=sa;Password=******;encrypt=true
					jdbc:sqlserver://db;user=app;password=hunter2                              | jdbc:sqlserver://db;user=app;password=******
					jdbc:oracle:thin:scott/tiger@db:1521:orcl                                  | jdbc:oracle:thin:scott/******@db:1521:orcl
					postgresql://db?password=s3cr3t&a=b                                        | postgresql://db?password=******&a=b
					postgresql://db/app?password=hunter2                                       | postgresql://db/app?password=******
					ftp://u:s3cr3t@db                                                          | ftp://u:******@db
					""")
	void masksTheUrlsBothFormerRulesWereTestedWith(String url, String masked) {
		assertThat(Secrets.maskUrl(url)).isEqualTo(masked);
	}

	/** Issue 11, point 8: pgjdbc splits the query on {@code &} only. */
	@Test
	void aQueryValueRunsToTheNextAmpersand() {
		assertThat(Secrets.maskUrl("jdbc:postgresql://h/db?user=u&password=ab;cd#ef&x=1"))
			.isEqualTo("jdbc:postgresql://h/db?user=u&password=******&x=1");
		assertThat(Secrets.maskUrl("jdbc:mariadb://h/db?password=a/b@c?d:e f&user=u"))
			.isEqualTo("jdbc:mariadb://h/db?password=******&user=u");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					jdbc:postgresql://h/db?pass%77ord=x%26y&ssl=true                | jdbc:postgresql://h/db?pass%77ord=******&ssl=true
					jdbc:postgresql://h/db?password=a&b c&ssl=true                  | jdbc:postgresql://h/db?password=******&ssl=true
					jdbc:postgresql://h/db?user=me@example.com&password=x           | jdbc:postgresql://h/db?user=me@example.com&password=******
					jdbc:postgresql://h1:5432,h2:5433/db?password=x&targetServerType=primary | jdbc:postgresql://h1:5432,h2:5433/db?password=******&targetServerType=primary
					jdbc:mysql://u:a;b&c=d:e%40f@db:3306/app?ssl=true               | jdbc:mysql://u:******@db:3306/app?ssl=true
					jdbc:mysql://u:a/b@c?d@db:3306/app?ssl=true                     | jdbc:mysql://u:******@db:3306/app?ssl=true
					jdbc:mysql://(host=db,port=3306,user=u,password=s3cr3t)/app     | jdbc:mysql://(host=db,port=3306,user=u,password=******)/app
					jdbc:mysql://address=(host=db)(password=s3cr3t)(port=3306)/app  | jdbc:mysql://address=(host=db)(password=******)(port=3306)/app
					jdbc:sqlserver://db;password={a;b}}c=d};encrypt=true            | jdbc:sqlserver://db;password=******;encrypt=true
					jdbc:sqlserver://db;password = {a;b};user=u                     | jdbc:sqlserver://db;password = ******;user=u
					jdbc:sqlserver://db;applicationName={x;password=y};password=z   | jdbc:sqlserver://db;applicationName={x;password=y};password=******
					jdbc:sqlserver://db;keyStoreSecret=s;keyStoreType=JKS           | jdbc:sqlserver://db;keyStoreSecret=******;keyStoreType=JKS
					jdbc:oracle:thin:scott/"ti@g/er?"@//db:1521/svc                 | jdbc:oracle:thin:scott/******@//db:1521/svc
					jdbc:oracle:thin:scott/ti@ger@//db:1521/svc                     | jdbc:oracle:thin:scott/******@//db:1521/svc
					jdbc:oracle:thin:@//db:1521/svc                                 | jdbc:oracle:thin:@//db:1521/svc
					jdbc:oracle:oci:scott/tiger@db                                  | jdbc:oracle:oci:scott/******@db
					jdbc:db2://db:50000/app:user=u;password=s3cr3t;                 | jdbc:db2://db:50000/app:user=u;password=******;
					jdbc:derby://db:1527/app;user=u;password=a?b&c;create=true      | jdbc:derby://db:1527/app;user=u;password=******;create=true
					jdbc:h2:tcp://db/~/app;USER=sa;PASSWORD=s3cr3t                  | jdbc:h2:tcp://db/~/app;USER=sa;PASSWORD=******
					jdbc:databricks://db:443;UID=token;PWD=dapi123                  | jdbc:databricks://db:443;UID=token;PWD=******
					""")
	void findsSecretsTheWayEachDriverReadsItsUrl(String url, String masked) {
		assertThat(Secrets.maskUrl(url)).isEqualTo(masked);
	}

	@Test
	void urlsWithoutSecretsStayAsTheyAre() {
		for (String url : new String[] { "jdbc:postgresql://127.0.0.1:5432/test", "jdbc:postgresql:test",
				"jdbc:mysql://db:3306/app?useSSL=true&serverTimezone=UTC", "jdbc:sqlserver://db:1433;encrypt=true",
				"jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521)))", "",
				"jdbc:postgresql://db/app?options=-c%20search_path%3Dapp" }) {
			assertThat(Secrets.maskUrl(url)).isEqualTo(url);
		}
	}

	/**
	 * Text the pool did not write (a driver's message) is masked by value: every secret
	 * of the configuration, as written and as the driver decodes it.
	 */
	@Test
	void theSecretValuesOfAConfigurationAreMaskedInAnyText() {
		PoolConfig config = PoolConfig.builder()
			.url("jdbc:mariadb://u:user%40info@db/app?password=a+b%21&sslmode=x")
			.password("setting")
			.dataSourceProperty("sslpassword", "property")
			.dataSourceProperty("sslmode", "disable")
			.dataSourceProperty("keyStorePassword", "")
			.build();
		assertThat(Secrets.valuesOf(config))
			.contains("user%40info", "user@info", "a+b%21", "a+b!", "a b!", "setting", "property")
			.doesNotContain("", "disable", "x", "u");
		String message = "Incorrect port value : USER@INFO@db; a b! setting property; sslmode disable";
		assertThat(Secrets.maskValues(message, Secrets.valuesOf(config)))
			.isEqualTo("Incorrect port value : ******@db; ****** ****** ******; sslmode disable");
	}

	@Test
	void maskingByValueHidesALongerValueWhole() {
		assertThat(Secrets.maskValues("secret-and-more, secret", java.util.List.of("secret-and-more", "secret")))
			.isEqualTo("******, ******");
		assertThat(Secrets.maskValues(null, java.util.List.of("x"))).isNull();
		String nothing = "no secret here";
		assertThat(Secrets.maskValues(nothing, java.util.List.of("hunter2", ""))).isSameAs(nothing);
	}

}
