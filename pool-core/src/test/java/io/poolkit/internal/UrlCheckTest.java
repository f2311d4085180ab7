package io.poolkit.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import io.poolkit.PoolConfig;
import io.poolkit.PoolDataSource;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UrlCheck} stands before pgjdbc, so it must never refuse a URL pgjdbc accepts:
 * each shape here is asked of the real driver ({@code acceptsURL}, which parses the URL
 * as {@code connect} does) and of the check, and the two must agree. None of these URLs
 * holds a secret, so pgjdbc may log them. A service file defines {@code poolkit-test}, so
 * service URLs parse as they do where one is installed.
 */
class UrlCheckTest {

	private static final String SERVICE_FILE_PROPERTY = "org.postgresql.pgservicefile";

	@TempDir
	static Path serviceDirectory;

	private static String previousServiceFile;

	@BeforeAll
	static void defineService() throws Exception {
		Path serviceFile = serviceDirectory.resolve("pg_service.conf");
		Files.writeString(serviceFile, "[poolkit-test]\nhost=" + PostgresTestSupport.host() + "\nport="
				+ PostgresTestSupport.port() + "\ndbname=" + PostgresTestSupport.database() + "\n");
		previousServiceFile = System.setProperty(SERVICE_FILE_PROPERTY, serviceFile.toString());
	}

	@AfterAll
	static void forgetService() {
		if (previousServiceFile == null) {
			System.clearProperty(SERVICE_FILE_PROPERTY);
		}
		else {
			System.setProperty(SERVICE_FILE_PROPERTY, previousServiceFile);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://?service=poolkit-test", "jdbc:postgresql://", "jdbc:postgresql:///",
			"jdbc:postgresql:////", "jdbc:postgresql://host#x/db", "jdbc:postgresql://host/db#x?y",
			"jdbc:postgresql://host?/db", "jdbc:postgresql:db?x=1?y=/", "jdbc:postgresql://host:+5432/db",
			"jdbc:postgresql://host:0000005432/db", "jdbc:postgresql://host:2147483648/db",
			"jdbc:postgresql://host:-1/db", "jdbc:postgresql://host:99999/db", "jdbc:postgresql://host:0/db",
			"jdbc:postgresql://host:65535/db", "jdbc:postgresql://host:x/db", "jdbc:postgresql://[::1]",
			"jdbc:postgresql://[::1]/db", "jdbc:postgresql://[::1]:5432/db", "jdbc:postgresql://::1/db",
			"jdbc:postgresql://host1:5432,host2:5433/db", "jdbc:postgresql://host1,host2:5433/db",
			"jdbc:postgresql://host1,:5433/db", "jdbc:postgresql://,host1/db", "jdbc:postgresql://host1,/db",
			"jdbc:postgresql://host/db", "jdbc:postgresql://host/", "jdbc:postgresql://host", "jdbc:postgresql:test",
			"jdbc:postgresql:", "jdbc:postgresql:///db", "jdbc:postgresql://:5432/db",
			"jdbc:postgresql://localhost:/test", "jdbc:postgresql:/", "jdbc:postgresql:/test",
			"jdbc:postgresql://host/db?password=a/b/c", "jdbc:postgresql://host/db?user=me@corp.com",
			"jdbc:postgresql://host/a%2Fb", "jdbc:postgresql://host/a%zz", "jdbc:postgresql://host/a%",
			"jdbc:postgresql:a%zz", "jdbc:postgresql://host/db?x=%zz", "jdbc:postgresql:db?x=%2",
			"jdbc:postgresql://host/db?x=a+b%20c", "jdbc:postgresql://host/db?x%zz=1", "jdbc:postgresql://host/db?&&x&",
			"jdbc:postgresql://u:pa/ss@host/db", "jdbc:postgresql://u:pass@host/db", "jdbc:postgresql://host/test/x",
			"jdbc:postgresql://host:99999/db?port=5432", "jdbc:postgresql://host/db?port=99999",
			"jdbc:postgresql://host/db?PORT=%2B1", "jdbc:postgresql:db?PGPORT", "jdbc:postgresql:db?port",
			"jdbc:postgresql://host/db?host=a,b", "jdbc:postgresql://host/db?host=a,b&port=1,2",
			"jdbc:postgresql://a,b/db?port=1", "jdbc:postgresql:db?service=poolkit-test&port=99999",
			"jdbc:postgresql://host/db?service=poolkit-test" })
	void refusesExactlyWhatPgjdbcRefuses(String url) throws SQLException {
		boolean pgjdbcAccepts = new org.postgresql.Driver().acceptsURL(url);
		assertThat(UrlCheck.problem(url)).as("UrlCheck's problem with %s", url)
			.satisfies((problem) -> assertThat(problem == null).isEqualTo(pgjdbcAccepts));
		// The lookup offers drivers the URL masked; masking must not change the answer.
		assertThat(DriverLookup.of(url, null).problem() == null).as("lookup of %s", url).isEqualTo(pgjdbcAccepts);
		assertThat(DriverLookup.of(url, "org.postgresql.Driver").problem() == null).as("lookup of %s", url)
			.isEqualTo(pgjdbcAccepts);
	}

	/**
	 * What a service file holds is pgjdbc's to read: a service it cannot find, or whose
	 * one port does not fit the URL's two hosts, passes the check and is refused by
	 * pgjdbc, which is then shown the URL masked.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://?service=poolkit-test&host=a,b", "jdbc:postgresql://?service=nowhere" })
	void leavesTheServiceFileToPgjdbc(String url) throws SQLException {
		assertThat(new org.postgresql.Driver().acceptsURL(url)).isFalse();
		assertThat(UrlCheck.problem(url)).isNull();
		assertThat(DriverLookup.of(url, null).problem().reason()).contains("pg_service.conf");
	}

	/**
	 * pgjdbc's connect throws "Unable to parse URL" with the URL whole, and logs the
	 * value it could not decode; the check names the parameter instead, never its value.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://127.0.0.1:5432/test?password=hun%zzter2",
			"jdbc:postgresql:db?ssl=false&password=hun%zzter2", "jdbc:postgresql://127.0.0.1/test?password=hunter2%" })
	void anUndecodableSecretIsNamedNotQuoted(String url) {
		assertThat(UrlCheck.problem(url))
			.isEqualTo("a '%' not followed by two hex digits in the value of 'password' (write a '%' itself as %25)");
	}

	@Test
	void anUndecodableDatabaseNameIsNamed() {
		assertThat(UrlCheck.problem("jdbc:postgresql://127.0.0.1:5432/te%st"))
			.contains("'%' not followed by two hex digits in the database name")
			.doesNotContain("te%st");
	}

	@Test
	void aPoolConnectsThroughAService() throws SQLException {
		try (PoolDataSource pool = new PoolDataSource(PoolConfig.builder()
			.url("jdbc:postgresql://?service=poolkit-test")
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			.maxSize(1)
			.build()); Connection connection = pool.getConnection()) {
			assertThat(connection.getCatalog()).isEqualTo(PostgresTestSupport.database());
		}
	}

}
