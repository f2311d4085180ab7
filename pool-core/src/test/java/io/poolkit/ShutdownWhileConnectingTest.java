package io.poolkit;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.poolkit.testkit.FaultProxy;
import io.poolkit.testkit.LogCapture;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing a pool while it is opening connections: the connects it abandons are the pool's
 * own doing, not a database failure, so they must not be logged as warnings nor reported
 * to the listener (where metrics would count them as connection errors).
 */
@Timeout(60)
class ShutdownWhileConnectingTest {

	@Test
	void connectsAbandonedByCloseAreNotReportedAsFailures() throws Exception {
		List<String> failures = new CopyOnWriteArrayList<>();
		try (FaultProxy proxy = PostgresTestSupport.startProxy(); LogCapture log = LogCapture.poolkit()) {
			proxy.stall(); // every connect hangs in the middle of its handshake
			PoolDataSource pool = new PoolDataSource(PoolConfig.builder()
				.name("close-while-connecting")
				.url(proxy.jdbcUrl(PostgresTestSupport.database()))
				.username(PostgresTestSupport.user())
				.password(PostgresTestSupport.password())
				.dataSourceProperty("sslmode", "disable")
				.maxSize(3)
				.initializationTimeout(Duration.ZERO)
				.connectionTimeout(Duration.ofSeconds(30))
				.listener(new PoolListener() {
					@Override
					public void connectionCreationFailed(ConnectionErrorKind kind, SQLException error) {
						failures.add(kind + ": " + error);
					}
				})
				.build());
			await().atMost(Duration.ofSeconds(10)).until(() -> proxy.acceptedConnections() == 3);
			pool.close();
			proxy.pass();
			// The abandoned connects end on the connector threads; wait for those, or a
			// late report would be missed.
			await().atMost(Duration.ofSeconds(30))
				.until(() -> Thread.getAllStackTraces()
					.keySet()
					.stream()
					.noneMatch((thread) -> thread.getName().startsWith("poolkit-close-while-connecting-connector")));
			assertThat(failures).as("connect failures reported to the listener").isEmpty();
			assertThat(log.warnings()).as("warnings").isEmpty();
			assertThat(pool.stats().lastConnectionError()).isNull();
		}
	}

}
