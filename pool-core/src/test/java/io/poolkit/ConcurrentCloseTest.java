package io.poolkit;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code close()} called from several threads at once, on the real PostgreSQL, while a
 * connection is still borrowed: no caller returns before the pool has closed every
 * physical connection.
 */
@Timeout(120)
class ConcurrentCloseTest {

	private static final int CALLERS = 4;

	private final String name = PostgresTestSupport.uniqueTableName("close").replace('_', '-');

	private PoolDataSource pool;

	@AfterEach
	void closePool() {
		if (this.pool != null) {
			this.pool.close();
		}
	}

	/** What a caller of close() saw the moment its call returned. */
	private record Seen(int total, boolean heldClosed, boolean idleClosed) {
	}

	@Test
	void everyCallerReturnsOnlyOnceThePoolIsClosed() throws Exception {
		this.pool = new PoolDataSource(
				TestPools.postgres(this.name).maxSize(2).shutdownTimeout(Duration.ofSeconds(1)).build());
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.stats().idle() == 2);
		Connection held = this.pool.getConnection();
		Connection heldPhysical = (Connection) held.unwrap(PGConnection.class);
		Connection idlePhysical;
		try (Connection other = this.pool.getConnection()) {
			idlePhysical = (Connection) other.unwrap(PGConnection.class);
		}
		ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Seen>> callers = new ArrayList<>();
			for (int i = 0; i < CALLERS; i++) {
				callers.add(threads.submit(() -> {
					go.await();
					this.pool.close();
					return new Seen(this.pool.stats().total(), heldPhysical.isClosed(), idlePhysical.isClosed());
				}));
			}
			go.countDown();
			for (Future<Seen> caller : callers) {
				assertThat(caller.get(1, TimeUnit.MINUTES)).isEqualTo(new Seen(0, true, true));
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(this.pool.isClosed()).isTrue();
		await().atMost(Duration.ofSeconds(30)).until(() -> PostgresTestSupport.countBackends(this.name) == 0);
	}

}
