package io.poolkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs pgjdbc against the test PostgreSQL through the proxy. */
@Timeout(60)
class FaultProxyTest {

	private final FaultProxy proxy = PostgresTestSupport.startProxy();

	@AfterEach
	void closeProxy() {
		proxy.close();
	}

	/**
	 * One TCP connection per connect: no SSL or GSS negotiation retried on a second
	 * socket.
	 */
	private static Properties properties() {
		Properties properties = PostgresTestSupport.properties();
		properties.setProperty("sslmode", "disable");
		properties.setProperty("gssEncMode", "disable");
		properties.setProperty("connectTimeout", "5");
		properties.setProperty("loginTimeout", "5");
		return properties;
	}

	private Connection connect(Properties properties) throws SQLException {
		return DriverManager.getConnection(proxy.jdbcUrl(PostgresTestSupport.database()), properties);
	}

	private static int selectOne(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT 1")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	@Test
	void forwardsARealConnection() throws SQLException {
		try (Connection connection = connect(properties())) {
			assertThat(selectOne(connection)).isEqualTo(1);
			assertThat(proxy.openConnections()).isEqualTo(1);
		}
		await().until(() -> proxy.openConnections() == 0);
		assertThat(proxy.jdbcUrl("test")).isEqualTo("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test");
	}

	@Test
	void countsAcceptedConnections() throws SQLException {
		try (Connection a = connect(properties());
				Connection b = connect(properties());
				Connection c = connect(properties())) {
			assertThat(proxy.acceptedConnections()).isEqualTo(3);
			assertThat(proxy.openConnections()).isEqualTo(3);
		}
	}

	@Test
	void refusedConnectsFailFastAndPassRestoresService() throws SQLException {
		proxy.refuse();

		assertTimeoutPreemptively(Duration.ofSeconds(4),
				() -> assertThatThrownBy(() -> connect(properties())).isInstanceOf(SQLException.class));
		assertThat(proxy.acceptedConnections()).isEqualTo(1);
		assertThat(proxy.openConnections()).isZero();

		proxy.pass();
		try (Connection connection = connect(properties())) {
			assertThat(selectOne(connection)).isEqualTo(1);
		}
	}

	@Test
	void stallMakesAQueryTimeOutInsteadOfHanging() throws SQLException {
		Properties properties = properties();
		properties.setProperty("socketTimeout", "1");
		try (Connection connection = connect(properties)) {
			assertThat(selectOne(connection)).isEqualTo(1);

			proxy.stall();

			assertTimeoutPreemptively(Duration.ofSeconds(10),
					() -> assertThatThrownBy(() -> selectOne(connection)).isInstanceOf(SQLException.class));
			assertThat(proxy.openConnections()).isEqualTo(1); // a stall closes nothing
		}
	}

	@Test
	void stallHoldsNewConnectsUntilTheirLoginTimeout() throws SQLException {
		proxy.stall();
		Properties properties = properties();
		properties.setProperty("loginTimeout", "1");

		assertTimeoutPreemptively(Duration.ofSeconds(10),
				() -> assertThatThrownBy(() -> connect(properties)).isInstanceOf(SQLException.class));
		assertThat(proxy.acceptedConnections()).isEqualTo(1);

		proxy.pass();
		try (Connection connection = connect(properties())) {
			assertThat(selectOne(connection)).isEqualTo(1);
		}
	}

	@Test
	void stallCurrentBlackHolesOpenConnectionsForGoodWhileNewOnesPass() throws SQLException {
		Properties properties = properties();
		properties.setProperty("socketTimeout", "1");
		try (Connection old = connect(properties)) {
			assertThat(selectOne(old)).isEqualTo(1);

			proxy.stallCurrent();

			try (Connection fresh = connect(properties)) {
				assertThat(selectOne(fresh)).isEqualTo(1);
			}
			assertTimeoutPreemptively(Duration.ofSeconds(10),
					() -> assertThatThrownBy(() -> selectOne(old)).isInstanceOf(SQLException.class));
			proxy.pass(); // does not revive the black-holed connection
			assertThat(old.isValid(1)).isFalse();
		}
	}

	@Test
	void stallCurrentLeavesConnectsStartedDuringAStallHangingForGood() throws SQLException {
		proxy.stall();
		Properties properties = properties();
		properties.setProperty("loginTimeout", "2");
		AtomicReference<Throwable> outcome = new AtomicReference<>();
		Thread stalledConnect = new Thread(() -> {
			try {
				connect(properties).close();
			}
			catch (SQLException ex) {
				outcome.set(ex);
			}
		});
		stalledConnect.start();
		await().until(() -> proxy.openConnections() == 1);

		proxy.stallCurrent();

		try (Connection fresh = connect(properties())) {
			assertThat(selectOne(fresh)).isEqualTo(1);
		}
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> stalledConnect.join());
		assertThat(outcome.get()).isInstanceOf(SQLException.class); // its login timed out
		assertThat(proxy.acceptedConnections()).isEqualTo(2);
	}

	@Test
	void cutAllBreaksOpenConnections() throws SQLException {
		try (Connection connection = connect(properties())) {
			assertThat(selectOne(connection)).isEqualTo(1);

			proxy.cutAll();

			await().until(() -> proxy.openConnections() == 0);
			assertThatThrownBy(() -> selectOne(connection)).isInstanceOfSatisfying(SQLException.class,
					e -> assertThat(e.getSQLState()).startsWith("08"));
			assertThat(connection.isValid(1)).isFalse();
		}
		try (Connection connection = connect(properties())) { // the mode is still pass
			assertThat(selectOne(connection)).isEqualTo(1);
		}
	}

}
