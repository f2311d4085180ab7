package io.poolkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.poolkit.testkit.FaultProxy;
import io.poolkit.testkit.LogCapture;
import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Each kind of failed connect, caused for real against PostgreSQL and pgjdbc, reaches the
 * listener ({@code pool.errors{kind}}), {@code lastConnectionError} and the log as what
 * it is.
 */
@Timeout(120)
class ConnectFailureKindTest {

	private final RecordingListener events = new RecordingListener();

	private final String name = PostgresTestSupport.uniqueTableName("kind").replace('_', '-');

	private PoolDataSource pool;

	private ServerSocket silent;

	private FaultProxy proxy;

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	@AfterEach
	void cleanUp() throws IOException {
		if (this.pool != null) {
			this.pool.close();
		}
		if (this.silent != null) {
			this.silent.close();
		}
		for (Socket socket : this.accepted) {
			socket.close();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	/** Starts without waiting for a first connection, so every failure is visible. */
	private PoolConfig.Builder config(String url) {
		return PoolConfig.builder()
			.name(this.name)
			.url(url)
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			.maxSize(2)
			.connectionTimeout(Duration.ofSeconds(2))
			.initializationTimeout(Duration.ZERO)
			.listener(this.events);
	}

	/**
	 * Borrows once (it fails), and waits until the pool has recorded a failed connect.
	 */
	private PoolConnectionError failedConnect(PoolConfig config) {
		this.pool = new PoolDataSource(config);
		assertThatThrownBy(() -> this.pool.getConnection().close()).isInstanceOf(SQLTransientConnectionException.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.stats().lastConnectionError() != null);
		return this.pool.stats().lastConnectionError();
	}

	private int failures() {
		int total = 0;
		for (ConnectionErrorKind kind : ConnectionErrorKind.values()) {
			total += this.events.failures(kind);
		}
		return total;
	}

	/**
	 * A listener that accepts TCP and never answers: pgjdbc's loginTimeout ends the
	 * attempt with 08001 and no cause; it was reported as refused.
	 */
	@Test
	void aServerThatAcceptsButNeverAnswersIsATimeout() throws Exception {
		this.silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		Thread acceptor = new Thread(() -> {
			while (!this.silent.isClosed()) {
				try {
					this.accepted.add(this.silent.accept());
				}
				catch (IOException ex) {
					return;
				}
			}
		});
		acceptor.setDaemon(true);
		acceptor.start();
		try (LogCapture log = LogCapture.poolkit()) {
			PoolConnectionError error = failedConnect(
					config("jdbc:postgresql://127.0.0.1:" + this.silent.getLocalPort() + "/test").build());
			assertThat(error.kind()).isEqualTo(ConnectionErrorKind.TIMEOUT);
			assertThat(error.sqlState()).isEqualTo("08001");
			assertThat(this.events.failures(ConnectionErrorKind.TIMEOUT)).isPositive().isEqualTo(failures());
			assertThat(log.warnings()).anyMatch((line) -> line.contains("could not open a connection (timeout)"));
		}
		// pgjdbc gives up waiting at loginTimeout but leaves its own thread reading from
		// the silent socket: the pool's login read timeout ends those threads too.
		this.pool.close();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Thread.getAllStackTraces()
				.keySet()
				.stream()
				.noneMatch((thread) -> thread.getName().equals("PostgreSQL JDBC driver connection thread")));
	}

	@Test
	void nothingListeningIsRefused() throws Exception {
		int port;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			port = closed.getLocalPort();
		}
		PoolConnectionError error = failedConnect(config("jdbc:postgresql://127.0.0.1:" + port + "/test").build());
		assertThat(error.kind()).isEqualTo(ConnectionErrorKind.REFUSED);
		assertThat(this.events.failures(ConnectionErrorKind.REFUSED)).isPositive().isEqualTo(failures());
	}

	/**
	 * A host name that does not resolve is {@code refused}, like a server that cannot be
	 * reached: the pool cannot tell a typo from a name not published yet or a resolver
	 * that is down, so it keeps probing as for a server that is down; the message names
	 * the host. {@code .invalid} never resolves (RFC 2606).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://no-such-host.invalid:5432/test",
			"jdbc:mariadb://no-such-host.invalid:3306/test" })
	void anUnknownHostIsRefusedAndNamed(String url) {
		PoolConnectionError error = failedConnect(config(url).build());
		assertThat(error.kind()).isEqualTo(ConnectionErrorKind.REFUSED);
		assertThat(error.description()).contains("no-such-host.invalid");
		assertThat(this.events.failures(ConnectionErrorKind.REFUSED)).isPositive().isEqualTo(failures());
	}

	@Test
	void aConnectionResetWhileLoggingInIsRefused() {
		this.proxy = PostgresTestSupport.startProxy();
		this.proxy.refuse();
		PoolConnectionError error = failedConnect(
				config(this.proxy.jdbcUrl(PostgresTestSupport.database())).dataSourceProperty("sslmode", "disable")
					.dataSourceProperty("gssEncMode", "disable")
					.build());
		assertThat(error.kind()).isEqualTo(ConnectionErrorKind.REFUSED);
	}

	/**
	 * pgjdbc refuses before sending anything: 08004 "the password is an empty string"; it
	 * was reported as refused.
	 */
	@Test
	void anEmptyPasswordForAScramRoleIsAuth() {
		PoolConnectionError error = failedConnect(
				config(PostgresTestSupport.url()).username("poolkit_auth").password("").build());
		assertThat(error.kind()).isEqualTo(ConnectionErrorKind.AUTH);
		assertThat(error.sqlState()).isEqualTo("08004");
		assertThat(this.events.failures(ConnectionErrorKind.AUTH)).isPositive().isEqualTo(failures());
	}

	@Test
	void aMissingPasswordForAScramRoleIsAuthAndEndsTheStartAtOnce() {
		PoolConfig config = config(PostgresTestSupport.url()).username("poolkit_auth")
			.password(null)
			.initializationTimeout(Duration.ofSeconds(20))
			.build();
		long start = System.nanoTime();
		assertThatThrownBy(() -> new PoolDataSource(config)).isInstanceOf(PoolInitializationException.class)
			.hasMessageContaining("no password was provided");
		// Waiting longer would not help: the start fails at the first authentication
		// failure, not at initialization-timeout.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertThat(this.events.failures(ConnectionErrorKind.AUTH)).isPositive().isEqualTo(failures());
	}

	@Test
	void aWrongPasswordIsAuth() {
		PoolConnectionError error = failedConnect(
				config(PostgresTestSupport.url()).username("poolkit_auth").password("not-the-password").build());
		assertThat(error.kind()).isEqualTo(ConnectionErrorKind.AUTH);
		assertThat(error.sqlState()).isEqualTo("28P01");
	}

	/**
	 * A setting pgjdbc refuses (08001 with no cause): neither the server's nor the
	 * network's fault; it was reported as refused.
	 */
	@Test
	void anInvalidSslmodeIsOther() {
		PoolConnectionError error = failedConnect(
				config(PostgresTestSupport.url()).dataSourceProperty("sslmode", "bogus").build());
		assertThat(error.kind()).isEqualTo(ConnectionErrorKind.OTHER);
		assertThat(error.message()).contains("sslmode");
		assertThat(this.events.failures(ConnectionErrorKind.OTHER)).isPositive().isEqualTo(failures());
	}

	@Test
	void anUnknownDatabaseIsOther() {
		PoolConnectionError error = failedConnect(
				config(PostgresTestSupport.databaseUrl(PostgresTestSupport.uniqueTableName("missing"))).build());
		assertThat(error.kind()).isEqualTo(ConnectionErrorKind.OTHER);
		assertThat(error.sqlState()).isEqualTo("3D000");
	}

	/**
	 * pgjdbc does not accept a port out of range, and DriverManager then said only that
	 * no driver accepts the URL.
	 */
	@Test
	void aPortOutOfRangeIsNamedNotReportedAsAMissingDriver() {
		PoolConfig config = config("jdbc:postgresql://127.0.0.1:99999/test?user=app&password=s3cret-99").build();
		assertThatThrownBy(() -> new PoolDataSource(config)).isInstanceOf(InvalidPoolConfigException.class)
			.hasMessageContaining("\n  - url: ")
			.hasMessageContaining("PostgreSQL JDBC driver")
			.hasMessageContaining("port 99999 is out of range (1 to 65535)")
			.hasMessageNotContaining("no registered JDBC driver")
			.hasMessageNotContaining("s3cret-99");
	}

	@Test
	void aPortThatIsNotANumberIsNamed() {
		PoolConfig config = config("jdbc:postgresql://127.0.0.1:54x2/test").build();
		assertThatThrownBy(() -> new PoolDataSource(config)).isInstanceOf(InvalidPoolConfigException.class)
			.hasMessageContaining("\n  - url: ")
			.hasMessageContaining("a port after a ':' is not a number from 1 to 65535");
	}

	/** What follows a colon in the host part may be a password: never quoted. */
	@Test
	void aRefusedUrlWithAPasswordAsUserInfoDoesNotShowIt() {
		PoolConfig config = config("jdbc:postgresql://app:pa55word@127.0.0.1/test").build();
		assertThatThrownBy(() -> new PoolDataSource(config)).isInstanceOf(InvalidPoolConfigException.class)
			.hasMessageContaining("\n  - url: the PostgreSQL JDBC driver")
			.hasMessageNotContaining("pa55word");
	}

	@Test
	void aUrlWithoutTheSlashBeforeTheDatabaseIsNamed() {
		PoolConfig config = config("jdbc:postgresql://127.0.0.1:5432").build();
		assertThatThrownBy(() -> new PoolDataSource(config)).isInstanceOf(InvalidPoolConfigException.class)
			.hasMessageContaining("\n  - url: ")
			.hasMessageContaining("needs a '/' after the host and port");
	}

	@Test
	void aGoodConnectAfterFailuresIsNotAFailure() throws SQLException {
		this.pool = new PoolDataSource(config(PostgresTestSupport.url()).build());
		try (Connection connection = this.pool.getConnection()) {
			assertThat(connection.isValid(1)).isTrue();
		}
		assertThat(failures()).isZero();
	}

}
