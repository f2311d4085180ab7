package io.poolkit;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Connect failures that come from the client's settings or the server's limits, caused
 * for real against PostgreSQL and pgjdbc, are {@code other}, not {@code auth}: pgjdbc
 * reports "The server does not support SSL." (an {@code sslmode} that requires it on a
 * server without it) with the same SQLState 08004 as a missing password, and the pool
 * took both for an authentication failure, retrying at its slowest pace and ending a
 * start at once. Authentication failures ({@code 28xxx}, a password pgjdbc cannot send)
 * stay {@code auth}.
 */
@Timeout(120)
class ConnectFailureSettingsKindTest {

	private final RecordingListener events = new RecordingListener();

	private PoolDataSource pool;

	private ServerSocket sslServer;

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	private String role;

	private Connection holder;

	@AfterEach
	void cleanUp() throws IOException, SQLException {
		if (this.pool != null) {
			this.pool.close();
		}
		if (this.sslServer != null) {
			this.sslServer.close();
		}
		for (Socket socket : this.accepted) {
			socket.close();
		}
		if (this.holder != null) {
			this.holder.close();
		}
		if (this.role != null) {
			try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
				statement.execute(
						"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + this.role + "'");
				statement.execute("DROP ROLE IF EXISTS " + this.role);
			}
		}
	}

	private PoolConfig.Builder config(String url) {
		return PoolConfig.builder()
			.name(PostgresTestSupport.uniqueName("kind"))
			.url(url)
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			.maxSize(1)
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
		PoolConnectionError error = this.pool.stats().lastConnectionError();
		assertThat(this.events.failures(error.kind())).isPositive();
		return error;
	}

	@Test
	void sslRequiredFromAServerWithoutSslIsOther() {
		PoolConnectionError error = failedConnect(
				config(PostgresTestSupport.url()).dataSourceProperty("sslmode", "require").build());
		assertThat(error.sqlState()).isEqualTo("08004");
		assertThat(error.message()).contains("does not support SSL");
		assertThat(error.kind()).isEqualTo(ConnectionErrorKind.OTHER);
	}

	@Test
	void verifyFullAgainstAServerWithoutSslIsOther() {
		PoolConnectionError error = failedConnect(
				config(PostgresTestSupport.url()).dataSourceProperty("sslmode", "verify-full").build());
		assertThat(error.sqlState()).isEqualTo("08004");
		assertThat(error.kind()).isEqualTo(ConnectionErrorKind.OTHER);
	}

	/**
	 * A server that offers SSL (it answers the SSLRequest with 'S'; pgjdbc reads the root
	 * certificate before the handshake, so nothing more is needed) and a root certificate
	 * file that is not there: 08006 with the FileNotFoundException chained, which the
	 * class-08 rule made {@code refused}.
	 */
	@Test
	void verifyFullWithoutTheRootCertificateIsOther() throws IOException {
		this.sslServer = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		Thread acceptor = new Thread(() -> {
			while (!this.sslServer.isClosed()) {
				try {
					Socket socket = this.sslServer.accept();
					this.accepted.add(socket);
					new DataInputStream(socket.getInputStream()).readFully(new byte[8]);
					socket.getOutputStream().write('S');
					socket.getOutputStream().flush();
				}
				catch (IOException ex) {
					// closed by the test
				}
			}
		});
		acceptor.setDaemon(true);
		acceptor.start();
		PoolConnectionError error = failedConnect(
				config("jdbc:postgresql://127.0.0.1:" + this.sslServer.getLocalPort() + "/test")
					.dataSourceProperty("sslmode", "verify-full")
					.dataSourceProperty("sslrootcert", "/nonexistent/poolkit/root.crt")
					.build());
		assertThat(error.message()).contains("root certificate");
		assertThat(error.kind()).isEqualTo(ConnectionErrorKind.OTHER);
	}

	/**
	 * This server offers GSS encryption but the client has no Kerberos credentials:
	 * pgjdbc's 08P01 with no cause. A server built without GSS support answers with
	 * pgjdbc's 08004 "does not support GSS Encryption", which the 08004 rule makes other
	 * as well.
	 */
	@Test
	void gssEncryptionRequiredAndNotToBeHadIsOther() {
		PoolConnectionError error = failedConnect(
				config(PostgresTestSupport.url()).dataSourceProperty("gssEncMode", "require").build());
		assertThat(error.sqlState()).isIn("08P01", "08004");
		assertThat(error.message()).contains("GSS");
		assertThat(error.kind()).isEqualTo(ConnectionErrorKind.OTHER);
	}

	@Test
	void tooManyConnectionsForTheRoleIsOther() throws SQLException {
		this.role = PostgresTestSupport.uniqueTableName("poolkit_limit");
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE ROLE " + this.role + " LOGIN CONNECTION LIMIT 1");
		}
		this.holder = PostgresTestSupport.connectAs(this.role, "");
		PoolConnectionError error = failedConnect(
				config(PostgresTestSupport.url()).username(this.role).password("").build());
		assertThat(error.sqlState()).isEqualTo("53300");
		assertThat(error.kind()).isEqualTo(ConnectionErrorKind.OTHER);
	}

	@Test
	void anUnknownRoleIsAuth() {
		PoolConnectionError error = failedConnect(
				config(PostgresTestSupport.url()).username(PostgresTestSupport.uniqueTableName("nobody")).build());
		assertThat(error.sqlState()).isEqualTo("28000");
		assertThat(error.kind()).isEqualTo(ConnectionErrorKind.AUTH);
	}

}
