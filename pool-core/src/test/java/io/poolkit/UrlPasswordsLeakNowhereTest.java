package io.poolkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import ch.qos.logback.classic.Level;
import io.poolkit.internal.PoolRegistryAccess;
import io.poolkit.testkit.LogCapture;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, point 8: a password with every URL-special character ({@code ;#&=%/@?:},
 * space, and {@code }} for SQL Server's braces), percent-encoded and raw, in every place
 * each driver's URL takes one, shows in no output: {@code PoolConfig.toString()}, the
 * validation message and its problems, the pool-per-request warning, the start-up log,
 * the start-up failure, the missing-driver failure and every JMX attribute. Every
 * fragment of the password starts with {@code zq}, so a password cut in two by a wrong
 * separator still shows up.
 * <p>
 * A character a driver reads as a separator cannot stand raw at that place (pgjdbc splits
 * its query on a raw {@code &}, SQL Server its properties on a raw {@code ;} outside
 * braces); there the password is percent-encoded, brace-quoted or quoted, as the driver
 * needs. The live pools run against the test server, which trusts user postgres, so the
 * passwords in their URLs are read by pgjdbc but not needed.
 */
@Timeout(120)
class UrlPasswordsLeakNowhereTest {

	private static final String MARK = "zq";

	static final String PASSWORD = "zq1;zq2#zq3&zq4=zq5%zq6/zq7@zq8?zq9:zq0 zqA}zqB";

	private static final String ENCODED = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20");

	private final List<String> seen = new ArrayList<>();

	private LogCapture log;

	private Level previousLevel;

	@BeforeEach
	void captureEverything() {
		ch.qos.logback.classic.Logger poolkit = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.poolkit");
		this.previousLevel = poolkit.getLevel();
		poolkit.setLevel(Level.TRACE);
		this.log = LogCapture.all();
	}

	@AfterEach
	void stopCapturing() {
		this.log.close();
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.poolkit")).setLevel(this.previousLevel);
	}

	/** Each driver's URL with the password in each place and form it can take there. */
	static Map<String, String> urls() {
		String withoutAmpersand = PASSWORD.replace("&", "");
		String withoutSemicolon = PASSWORD.replace(";", "");
		return Map.ofEntries(
				Map.entry("pgjdbc query, encoded",
						"jdbc:postgresql://db:5432/app?user=u&password=" + ENCODED + "&sslpassword=" + ENCODED
								+ "&ssl=false"),
				Map.entry("pgjdbc query, raw",
						"jdbc:postgresql://db:5432/app?password=" + withoutAmpersand + "&sslpassword="
								+ withoutAmpersand + "&ssl=false"),
				Map.entry("pgjdbc query, raw & before a fragment", "jdbc:postgresql://db/app?password=zqC&zqD zqE&x=1"),
				Map.entry("MariaDB query, encoded", "jdbc:mariadb://db:3306/app?password=" + ENCODED + "&useSsl=true"),
				Map.entry("MySQL query, raw", "jdbc:mysql://db:3306/app?user=u&password=" + withoutAmpersand),
				Map.entry("MySQL user info, encoded", "jdbc:mysql://u:" + ENCODED + "@db:3306/app?useSSL=true"),
				Map.entry("MySQL user info, raw", "jdbc:mysql://u:" + PASSWORD + "@db:3306/app?useSSL=true"),
				Map.entry("MySQL host key-values, encoded", "jdbc:mysql://(host=db,password=" + ENCODED + ")/app"),
				Map.entry("SQL Server, braces",
						"jdbc:sqlserver://db:1433;user=u;password={" + PASSWORD.replace("}", "}}") + "};encrypt=true"),
				Map.entry("SQL Server, raw", "jdbc:sqlserver://db:1433;password=" + withoutSemicolon + ";encrypt=true"),
				Map.entry("Oracle thin, quoted", "jdbc:oracle:thin:scott/\"" + PASSWORD + "\"@//db:1521/svc"),
				Map.entry("Oracle thin, raw", "jdbc:oracle:thin:scott/" + PASSWORD + "@//db:1521/svc"),
				Map.entry("Derby properties, raw",
						"jdbc:derby://db:1527/app;user=u;password=" + withoutSemicolon + ";create=true"),
				Map.entry("other driver's user info, encoded", "jdbc:clickhouse://u:" + ENCODED + "@db:8123/app"));
	}

	@Test
	void noOutputOfTheConfigShowsThePassword() {
		urls().forEach((place, url) -> {
			see(place, Secrets.maskUrl(url));
			see(place, PoolConfig.builder().url(url).password(PASSWORD).build());
			// A URL without "jdbc:" is malformed; the message quotes it.
			InvalidPoolConfigException malformed = (InvalidPoolConfigException) catchThrowable(
					() -> PoolConfig.builder().url(url.substring("jdbc:".length())).maxSize(0).build());
			assertThat(malformed.problems()).extracting(InvalidPoolConfigException.Problem::setting)
				.containsExactly("url", "max-size");
			see(place, malformed);
			see(place, malformed.problems());
			// Text given for the URL and driver properties goes the same way.
			see(place,
					catchThrowable(() -> PoolConfig.builder()
						.property("url", url.substring("jdbc:".length()))
						.property("data-source-properties.password", PASSWORD)
						.property("password", PASSWORD)
						.property("max-size", "ten")
						.build()));
		});
		assertNothingSeen();
	}

	@Test
	void thePoolPerRequestWarningShowsNoPassword() {
		urls().forEach((place, url) -> {
			assertThat(PoolRegistryAccess.warnsOfOnePool(url, "u")).isTrue();
		});
		assertThat(this.log.warnings()).hasSameSizeAs(urls().keySet());
		assertNothingSeen();
	}

	@Test
	void aUrlNoDriverAcceptsIsQuotedWithoutThePassword() {
		urls().forEach((place, url) -> {
			if (!url.startsWith("jdbc:postgresql:")) {
				see(place, catchThrowable(() -> new PoolDataSource(PoolConfig.builder().url(url).build())));
			}
		});
		assertThat(this.seen).anyMatch((text) -> text.contains("no registered JDBC driver accepts"));
		assertNothingSeen();
	}

	/**
	 * pgjdbc writes a URL it cannot parse, whole, to its log (java.util.logging) at WARN,
	 * from {@code acceptsURL} as from {@code connect}; the pool asked it with the URL
	 * itself to find the driver. Now the start fails naming {@code url}, found by
	 * DriverManager or named by {@code driver-class-name}, and pgjdbc logs no secret.
	 * <p>
	 * A secret with a '%' pgjdbc cannot decode passed the lookup masked; then pgjdbc's
	 * connect logged the URL (FINE, "Connecting with URL") and the value, threw "Unable
	 * to parse URL" with the URL whole, and the pool retried until initialization-timeout
	 * as if the database were down. Now the start fails at once naming the parameter:
	 * pgjdbc's log is read at every level, so a connect would show here.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://127.0.0.1:5432/test/x?password=zqP",
			"jdbc:postgresql://127.0.0.1:5432?password=zqP&sslpassword=zqS",
			"jdbc:postgresql://127.0.0.1:54x32/test?password=zqP",
			"jdbc:postgresql://127.0.0.1:99999/test?sslpassword=zqS", "jdbc:postgresql://u:zq/P@127.0.0.1:5432/test",
			"jdbc:postgresql://127.0.0.1:5432/test?password=zqhun%zzter2", "jdbc:postgresql:test?password=zqhun%zzter2",
			"jdbc:postgresql:test?ssl=false&password=zqhunter2%" })
	void aUrlPgjdbcCannotParseIsNotLoggedWithItsSecrets(String url) {
		List<String> driverLog = new ArrayList<>();
		Handler handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				driverLog.add(record.getLevel() + " " + new SimpleFormatter().formatMessage(record));
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		java.util.logging.Logger pgjdbc = java.util.logging.Logger.getLogger("org.postgresql");
		java.util.logging.Level previousDriverLevel = pgjdbc.getLevel();
		pgjdbc.setLevel(java.util.logging.Level.ALL);
		pgjdbc.addHandler(handler);
		try {
			for (String driverClassName : Arrays.asList(null, "org.postgresql.Driver")) {
				PoolConfig config = PoolConfig.builder().url(url).driverClassName(driverClassName).build();
				Throwable failure = catchThrowable(() -> new PoolDataSource(config).close());
				see("malformed", failure);
				assertThat(failure).isInstanceOf(InvalidPoolConfigException.class);
				assertThat(((InvalidPoolConfigException) failure).problems()).singleElement().satisfies((problem) -> {
					assertThat(problem.setting()).isEqualTo("url");
					assertThat(problem.value()).isEqualTo(Secrets.maskUrl(url));
					assertThat(problem.reason()).contains("'" + Secrets.maskUrl(url) + "'")
						.containsAnyOf("the PostgreSQL JDBC driver (org.postgresql.Driver) refuses",
								"the driver org.postgresql.Driver does not accept");
					if (url.contains("%")) {
						assertThat(problem.reason()).endsWith(
								": a '%' not followed by two hex digits in the value of 'password' (write a '%' itself as %25)");
					}
				});
			}
		}
		finally {
			pgjdbc.removeHandler(handler);
			pgjdbc.setLevel(previousDriverLevel);
		}
		driverLog.forEach((line) -> see("pgjdbc's log", line));
		assertNothingSeen();
	}

	/**
	 * Real pools on pgjdbc: the start-up log, JMX, five pools for one database (the
	 * pool-per-request warning), a database that is not there (the start-up failure), and
	 * a raw {@code %} pgjdbc cannot decode.
	 */
	@Test
	void livePoolsShowNoPassword() throws Exception {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		String url = PostgresTestSupport.url() + "?sslpassword=" + ENCODED + "&password=" + ENCODED + "&x=" + unique;
		List<PoolDataSource> pools = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				pools.add(new PoolDataSource(PoolConfig.builder()
					.name("url-secrets-" + unique + "-" + i)
					.url(url)
					.username(PostgresTestSupport.user())
					.maxSize(1)
					.minIdle((i == 0) ? 1 : 0)
					.registerMbeans(i == 0)
					.initializationTimeout((i == 0) ? Duration.ofSeconds(10) : Duration.ZERO)
					.build()));
			}
			try (Connection connection = pools.get(0).getConnection()) {
				assertThat(connection.isValid(1)).isTrue();
			}
			seeMBean(pools.get(0).name());
			see("pool", pools.get(0));
		}
		finally {
			pools.forEach(PoolDataSource::close);
		}
		assertThat(this.log.lines()).anyMatch((line) -> line.contains("starting"))
			.anyMatch((line) -> line.contains("pools are open at once for"));
		String unreachable = "jdbc:postgresql://127.0.0.1:1/test?password=" + ENCODED;
		see("unreachable",
				catchThrowable(() -> new PoolDataSource(PoolConfig.builder()
					.name("url-secrets-down-" + unique)
					.url(unreachable)
					.initializationTimeout(Duration.ofMillis(300))
					.build())));
		String undecodable = PostgresTestSupport.url() + "?password=" + PASSWORD.replace("&", "");
		see("undecodable", catchThrowable(() -> {
			try (PoolDataSource pool = new PoolDataSource(
					PoolConfig.builder().name("url-secrets-raw-" + unique).url(undecodable).maxSize(1).build())) {
				pool.getConnection().close();
			}
		}));
		assertThat(this.seen).anyMatch((text) -> text.contains("could not open a connection to"));
		assertNothingSeen();
	}

	private void seeMBean(String poolName) throws Exception {
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		ObjectName name = new ObjectName("io.poolkit:type=Pool,name=" + ObjectName.quote(poolName));
		for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
			see("JMX", attribute.getName() + "=" + server.getAttribute(name, attribute.getName()));
		}
	}

	private void see(String place, Object thing) {
		if (thing instanceof Throwable error) {
			StringWriter trace = new StringWriter();
			error.printStackTrace(new PrintWriter(trace));
			this.seen.add(place + ": " + trace);
		}
		else {
			this.seen.add(place + ": " + thing);
		}
	}

	private static Throwable catchThrowable(org.assertj.core.api.ThrowableAssert.ThrowingCallable callable) {
		Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(callable);
		assertThat(thrown).isNotNull();
		return thrown;
	}

	private void assertNothingSeen() {
		List<String> everything = new ArrayList<>(this.seen);
		everything.addAll(this.log.lines());
		assertThat(everything).isNotEmpty().allSatisfy((text) -> {
			assertThat(text).doesNotContainIgnoringCase(MARK);
			assertThat(decoded(text)).doesNotContainIgnoringCase(MARK);
		});
	}

	private static String decoded(String text) {
		try {
			return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

}
