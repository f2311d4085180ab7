package io.poolkit.spring.boot.autoconfigure.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, point 8, over HTTP: a password with every URL-special character, in the URLs
 * and driver properties of {@code app.pool.*}, {@code spring.datasource.*} and
 * {@code spring.datasource.hikari.*}, shows in no value of {@code /actuator/env},
 * {@code /actuator/configprops} or {@code /actuator/pool} with every value shown. The
 * pool really starts on its URL (the test server trusts the test user, so pgjdbc reads
 * the URL's passwords without needing them).
 */
class UrlSecretsIntegrationTests {

	private static final String PASSWORD = "zq1;zq2#zq3&zq4=zq5%zq6/zq7@zq8?zq9:zq0 zqA}zqB";

	private static final String ENCODED = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20");

	@Test
	void noEndpointShowsAPasswordInAUrl() {
		// pgjdbc splits on a raw '&' and decodes '%', so those two are encoded where the
		// pool connects.
		String raw = PASSWORD.replace("&", "").replace("%", "");
		String poolUrl = PostgresTestSupport.urlWith("sslpassword=" + raw)
				+ (PostgresTestSupport.password().isEmpty() ? "&password=" + ENCODED : "");
		List<String> bodies = new ArrayList<>();
		try (RunningApplication application = RunningApplication.start("--app.pool.name=poolkit-url-secrets-it",
				"--app.pool.url=" + poolUrl, "--app.pool.username=" + PostgresTestSupport.user(),
				"--app.pool.password=" + PostgresTestSupport.secret(), "--app.pool.max-size=1",
				"--app.pool.data-source-properties.sslkey=" + PASSWORD,
				"--app.pool.data-source-properties.gcpCredential=" + PASSWORD,
				"--spring.datasource.url=jdbc:sqlserver://db;password={" + PASSWORD.replace("}", "}}")
						+ "};encrypt=true",
				"--spring.datasource.hikari.jdbc-url=jdbc:mysql://u:" + PASSWORD + "@db:3306/app",
				"--spring.datasource.hikari.data-source-properties.clientKey=" + PASSWORD,
				"--management.endpoints.web.exposure.include=env,configprops,pool",
				"--management.endpoint.configprops.show-values=always",
				"--management.endpoint.env.show-values=always")) {
			Actuator actuator = application.actuator();
			for (String path : List.of("/actuator/env", "/actuator/configprops", "/actuator/configprops/app.pool",
					"/actuator/pool", "/actuator/env/app.pool.url", "/actuator/env/spring.datasource.url",
					"/actuator/env/spring.datasource.hikari.jdbc-url",
					"/actuator/env/app.pool.data-source-properties.sslkey")) {
				bodies.add(path + ": " + actuator.text(path));
			}
		}
		String everything = String.join("\n", bodies);
		// What was read is what was meant: the settings are there, masked.
		assertThat(everything).contains("\"app.pool.url\"")
			.contains("\"spring.datasource.hikari.jdbc-url\"")
			.contains("sslpassword=******")
			.contains("jdbc:sqlserver://db;password=******;encrypt=true")
			.contains("jdbc:mysql://u:******@db:3306/app");
		// Every fragment of the password starts with "zq", percent-encoded or not.
		assertThat(everything).doesNotContainIgnoringCase("zq");
	}

	/**
	 * The README's {@code app.pool.password: ${ORDERS_DB_PASSWORD}}, and the container
	 * style {@code spring.datasource.url=${JDBC_DATABASE_URL}} with the password in the
	 * URL: {@code /actuator/env} lists the referenced properties under their own names,
	 * masked as the settings are. The password is the one the role needs, so the pool
	 * really read it through the placeholder.
	 */
	@Test
	void noEndpointShowsASecretThePoolReadsThroughAPlaceholder() throws SQLException {
		String password = PostgresTestSupport.AUTH_PASSWORD;
		List<String> bodies = new ArrayList<>();
		try (RunningApplication application = RunningApplication.start("--app.pool.name=poolkit-placeholder-it",
				"--ORDERS_DB_PASSWORD=" + password, "--app.pool.password=${ORDERS_DB_PASSWORD}",
				"--app.pool.username=" + PostgresTestSupport.AUTH_USER,
				"--JDBC_DATABASE_URL=" + PostgresTestSupport.urlWith("password=" + password),
				"--spring.datasource.url=${JDBC_DATABASE_URL}", "--DB_SSL_PASSWORD=" + PASSWORD,
				"--app.pool.data-source-properties.sslpassword=${SSL_PASSWORD:${DB_SSL_PASSWORD}}",
				"--management.endpoints.web.exposure.include=env,configprops,pool",
				"--management.endpoint.configprops.show-values=always",
				"--management.endpoint.env.show-values=always")) {
			Actuator actuator = application.actuator();
			try (Connection connection = application.bean(DataSource.class).getConnection()) {
				assertThat(connection.isValid(1)).isTrue();
			}
			for (String path : List.of("/actuator/env", "/actuator/env/ORDERS_DB_PASSWORD",
					"/actuator/env/JDBC_DATABASE_URL", "/actuator/env/DB_SSL_PASSWORD",
					"/actuator/env/app.pool.password", "/actuator/env/spring.datasource.url", "/actuator/configprops",
					"/actuator/pool")) {
				bodies.add(path + ": " + actuator.text(path));
			}
		}
		String everything = String.join("\n", bodies);
		assertThat(everything).contains("\"ORDERS_DB_PASSWORD\":{\"value\":\"******\"")
			.contains("\"JDBC_DATABASE_URL\":{\"value\":\"" + PostgresTestSupport.urlWith("password=******"));
		assertThat(everything).doesNotContain(password).doesNotContainIgnoringCase("zq");
	}

}
