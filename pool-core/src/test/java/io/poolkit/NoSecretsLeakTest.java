package io.poolkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import ch.qos.logback.classic.Level;
import io.poolkit.testkit.LogCapture;
import io.poolkit.testkit.MariaDbTestSupport;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * No password reaches anything a person reads. Passwords are given in each of the three
 * places a user can put one ({@code password}, the URL's query string,
 * {@code data-source-properties}) and through a credentials supplier, both right ones (a
 * working pool) and wrong ones (PostgreSQL's role {@code poolkit_auth} requires a
 * password, so the failures are real). Everything readable is collected: every log line
 * at every level, every exception with its causes, the {@code toString()} of the config,
 * the pool, credentials, proxies and stats, and every JMX attribute. None may contain a
 * password.
 */
@Timeout(120)
class NoSecretsLeakTest {

	/** poolkit_auth's password, set up by .ci/run. */
	private static final String RIGHT = "poolkit-right-password";

	private static final String AUTH_USER = "poolkit_auth";

	private final String wrongInSetting = "wrong-setting-" + UUID.randomUUID();

	private final String wrongInUrl = "wrong-url-" + UUID.randomUUID();

	private final String wrongInProperties = "wrong-properties-" + UUID.randomUUID();

	private final String supplierSecret = "supplier-" + UUID.randomUUID();

	private final String quotedByDriver = "quoted-" + UUID.randomUUID();

	private final List<String> seen = new CopyOnWriteArrayList<>();

	private LogCapture log;

	private Level previousLevel;

	@BeforeEach
	void captureEverything() throws SQLException {
		assertThatThrownBy(() -> PostgresTestSupport.connectAs(AUTH_USER, "not-the-password").close())
			.as("role poolkit_auth must require a password; .ci/run sets it up")
			.isInstanceOf(SQLException.class);
		PostgresTestSupport.connectAs(AUTH_USER, RIGHT).close();
		ch.qos.logback.classic.Logger poolkit = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.poolkit");
		this.previousLevel = poolkit.getLevel();
		poolkit.setLevel(Level.TRACE); // debug lines carry exceptions too
		this.log = LogCapture.all();
	}

	@AfterEach
	void stopCapturing() {
		this.log.close();
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.poolkit")).setLevel(this.previousLevel);
	}

	private PoolConfig.Builder base(String name) {
		return PoolConfig.builder()
			.name(name)
			.url(PostgresTestSupport.url())
			.username(AUTH_USER)
			.maxSize(2)
			.registerMbeans(true)
			.listener(new PoolListener() {
				@Override
				public void connectionCreationFailed(ConnectionErrorKind kind, SQLException error) {
					see(error);
				}
			});
	}

	private String urlWithPassword(String password) {
		return PostgresTestSupport.url() + (PostgresTestSupport.url().contains("?") ? "&" : "?") + "password="
				+ password;
	}

	@Test
	void workingPoolsShowNoPasswordWhereverTheyAreGiven() throws Exception {
		use(base("secret-setting").password(RIGHT));
		use(base("secret-url").url(urlWithPassword(RIGHT)));
		use(base("secret-properties").dataSourceProperty("password", RIGHT));
		use(base("secret-supplier").credentialsSupplier(() -> new Credentials(AUTH_USER, RIGHT)));
		Properties properties = new Properties();
		properties.setProperty("name", "secret-from-properties");
		properties.setProperty("url", urlWithPassword(RIGHT));
		properties.setProperty("username", AUTH_USER);
		properties.setProperty("password", RIGHT);
		properties.setProperty("data-source-properties.password", RIGHT);
		properties.setProperty("data-source-properties.sslpassword", RIGHT);
		properties.setProperty("register-mbeans", "true");
		use(PoolConfig.fromProperties(properties).toBuilder().maxSize(2));
		see(new Credentials(AUTH_USER, this.supplierSecret));
		assertNoSecretSeen();
		assertThat(this.log.lines()).anyMatch((line) -> line.contains("held by thread"));
	}

	@Test
	void failingConnectsShowTheServersErrorButNoPassword() throws Exception {
		fail(base("wrong-setting").password(this.wrongInSetting));
		fail(base("wrong-url").url(urlWithPassword(this.wrongInUrl)));
		fail(base("wrong-properties").dataSourceProperty("password", this.wrongInProperties));
		fail(base("wrong-supplier").credentialsSupplier(() -> new Credentials(AUTH_USER, this.supplierSecret)));
		// A URL pgjdbc cannot parse: the pool's own message quotes it.
		assertThatThrownBy(() -> new PoolDataSource(PoolConfig.builder()
			.url("jdbc:postgresql://127.0.0.1:notaport/test?password=" + this.wrongInUrl)
			.build())).isInstanceOf(IllegalArgumentException.class).satisfies(this::see);
		assertNoSecretSeen();
		assertThat(this.seen).anyMatch((text) -> text.contains("password authentication failed"));
	}

	/**
	 * Drivers that quote a secret in their own message: MariaDB Connector/J reads no user
	 * info and complains of the port {@code secret@127.0.0.1}; pgjdbc, named by
	 * {@code driver-class-name} (as Spring Boot does), quotes a URL it cannot parse
	 * whole: here a driver property gives a port no URL part overrides
	 * ({@code jdbc:postgresql:db} names none), which only {@code connect} reads (a
	 * malformed percent escape no longer gets that far: the pool refuses it before any
	 * driver sees it). The driver's message still shows, masked, in the start-up failure,
	 * a borrow's timeout, {@code lastConnectionError}, the events, a listener's
	 * exception, JMX and the log. Before the fix the start-up failure said "Incorrect
	 * port value : (the secret)@127.0.0.1".
	 */
	@Test
	void secretsADriverQuotesInItsOwnErrorsAreMaskedEverywhere() throws Exception {
		String mariaDb = MariaDbTestSupport.url().replace("//", "//u:" + this.quotedByDriver + "@");
		failQuoted(base("quoted-mariadb").url(mariaDb), "Incorrect port value");
		String postgres = "jdbc:postgresql:" + PostgresTestSupport.database() + "?password=" + this.quotedByDriver;
		failQuoted(base("quoted-postgres").url(postgres)
			.dataSourceProperty("PGPORT", "notaport")
			.driverClassName("org.postgresql.Driver"), "Unable to parse URL");
		assertNoSecretSeen();
		assertThat(this.seen).anyMatch((text) -> text.contains("Incorrect port value : " + Secrets.MASK))
			.anyMatch((text) -> text.contains("Unable to parse URL"));
	}

	private void failQuoted(PoolConfig.Builder builder, String driverMessage) throws Exception {
		PoolConfig waiting = builder.initializationTimeout(Duration.ofSeconds(1)).build();
		assertThatThrownBy(() -> new PoolDataSource(waiting)).isInstanceOf(PoolInitializationException.class)
			.hasMessageContaining(driverMessage)
			.satisfies(this::see);
		PoolConfig lazy = builder.initializationTimeout(Duration.ZERO)
			.connectionTimeout(Duration.ofMillis(500))
			.validationTimeout(Duration.ofMillis(500))
			.build();
		try (PoolDataSource pool = new PoolDataSource(lazy)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().lastConnectionError() != null);
			assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class)
				.hasMessageContaining(driverMessage)
				.satisfies(this::see);
			see(pool, pool.stats(), pool.stats().lastConnectionError(), pool.stats().lastConnectionError().exception(),
					pool.recentEvents());
			seeMBean(pool.name());
		}
	}

	/**
	 * A working pool: borrows, every kind of proxy, a leak report, a borrow timeout, JMX,
	 * eviction.
	 */
	private void use(PoolConfig.Builder builder) throws Exception {
		PoolConfig config = builder.leakDetectionThreshold(Duration.ofMillis(50))
			.connectionTimeout(Duration.ofMillis(300))
			.validationTimeout(Duration.ofMillis(300))
			.build();
		see(config);
		try (PoolDataSource pool = new PoolDataSource(config)) {
			see(pool);
			try (Connection connection = pool.getConnection();
					Connection second = pool.getConnection();
					Statement statement = connection.createStatement();
					PreparedStatement prepared = connection.prepareStatement("SELECT current_user");
					CallableStatement callable = connection.prepareCall("{ call pg_sleep(0) }");
					ResultSet rows = prepared.executeQuery()) {
				rows.next();
				assertThat(rows.getString(1)).isEqualTo(AUTH_USER);
				DatabaseMetaData metaData = connection.getMetaData();
				see(connection, second, statement, prepared, callable, rows, metaData, metaData.getUserName(),
						connection.getClientInfo());
				await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().leaks() > 0);
				see(pool.stats(), pool.borrowedConnections());
				assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class).satisfies(this::see);
				seeMBean(pool.name());
			}
			pool.evictAll();
			see(pool.stats());
		}
	}

	/**
	 * A pool that cannot log in: at startup, and when started without waiting, at borrow
	 * time.
	 */
	private void fail(PoolConfig.Builder builder) throws Exception {
		PoolConfig waiting = builder.initializationTimeout(Duration.ofSeconds(10)).build();
		see(waiting);
		assertThatThrownBy(() -> new PoolDataSource(waiting)).isInstanceOf(PoolInitializationException.class)
			.hasMessageContaining("password authentication failed")
			.satisfies(this::see);
		PoolConfig lazy = builder.initializationTimeout(Duration.ZERO)
			.connectionTimeout(Duration.ofMillis(500))
			.validationTimeout(Duration.ofMillis(500))
			.build();
		try (PoolDataSource pool = new PoolDataSource(lazy)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().lastConnectionError() != null);
			assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class)
				.hasMessageContaining("password authentication failed")
				.satisfies(this::see);
			see(pool, pool.stats(), pool.stats().lastConnectionError());
			seeMBean(pool.name());
		}
	}

	private void seeMBean(String poolName) throws Exception {
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		ObjectName name = new ObjectName("io.poolkit:type=Pool,name=" + ObjectName.quote(poolName));
		MBeanAttributeInfo[] attributes = server.getMBeanInfo(name).getAttributes();
		assertThat(attributes).isNotEmpty();
		for (MBeanAttributeInfo attribute : attributes) {
			see(name + " " + attribute.getName() + "=" + server.getAttribute(name, attribute.getName()));
		}
	}

	private void see(Object... things) {
		for (Object thing : things) {
			if (thing instanceof Throwable error) {
				// The whole chain as a log would print it: messages of causes, suppressed
				// and next exceptions.
				StringWriter trace = new StringWriter();
				error.printStackTrace(new PrintWriter(trace));
				this.seen.add(trace.toString());
				if (error instanceof SQLException sql && sql.getNextException() != null) {
					see(sql.getNextException());
				}
			}
			else {
				this.seen.add(String.valueOf(thing));
			}
		}
	}

	private void assertNoSecretSeen() {
		List<String> everything = new java.util.ArrayList<>(this.seen);
		everything.addAll(this.log.lines());
		assertThat(this.log.lines()).as("log lines").isNotEmpty();
		Consumer<String> noSecret = (text) -> assertThat(text).doesNotContain(RIGHT, this.wrongInSetting,
				this.wrongInUrl, this.wrongInProperties, this.supplierSecret, this.quotedByDriver);
		assertThat(everything).allSatisfy(noSecret);
	}

}
