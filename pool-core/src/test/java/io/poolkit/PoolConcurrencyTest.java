package io.poolkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.poolkit.testkit.StubConnection;
import io.poolkit.testkit.StubDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Invariants under contention: no physical connection is ever lent to two borrowers,
 * counts add up, waiters are served in arrival order, and virtual threads all get
 * through.
 */
class PoolConcurrencyTest {

	private final StubDatabase db = StubDatabase.create();

	private PoolDataSource pool;

	@AfterEach
	void closePool() {
		if (this.pool != null) {
			this.pool.close();
		}
	}

	private PoolDataSource start(int size) {
		this.pool = new PoolDataSource(PoolConfig.builder()
			.name("concurrency")
			.url(this.db.url())
			.maxSize(size)
			.connectionTimeout(Duration.ofMinutes(2))
			.keepaliveInterval(Duration.ZERO)
			.idleTimeout(Duration.ZERO)
			.maxLifetime(Duration.ZERO)
			.build());
		return this.pool;
	}

	@Test
	void noConnectionIsEverHeldByTwoBorrowersAndCountsAddUp() throws Exception {
		start(4);
		int threads = 16;
		int cycles = 5_000;
		Map<StubConnection, Thread> holders = new ConcurrentHashMap<>();
		AtomicInteger doubleLends = new AtomicInteger();
		List<String> countViolations = new CopyOnWriteArrayList<>();
		AtomicBoolean running = new AtomicBoolean(true);
		Thread monitor = new Thread(() -> {
			while (running.get()) {
				PoolStats stats = this.pool.stats();
				if (stats.active() + stats.idle() != stats.total() || stats.total() > stats.max()) {
					countViolations.add(stats.toString());
				}
				Thread.onSpinWait();
			}
		});
		monitor.start();
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> results = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			results.add(executor.submit(() -> {
				go.await();
				for (int i = 0; i < cycles; i++) {
					try (Connection connection = this.pool.getConnection()) {
						StubConnection physical = connection.unwrap(StubConnection.class);
						if (holders.putIfAbsent(physical, Thread.currentThread()) != null) {
							doubleLends.incrementAndGet();
						}
						if (i % 64 == 0) {
							Thread.yield(); // hold a little longer now and then, so
											// waiters queue up
						}
						holders.remove(physical, Thread.currentThread());
					}
				}
				return null;
			}));
		}
		go.countDown();
		for (Future<?> result : results) {
			result.get(5, TimeUnit.MINUTES);
		}
		running.set(false);
		monitor.join();
		executor.shutdown();
		assertThat(doubleLends).hasValue(0);
		assertThat(countViolations).isEmpty();
		PoolStats stats = this.pool.stats();
		assertThat(stats.active()).isZero();
		assertThat(stats.idle()).isEqualTo(4);
		assertThat(stats.pending()).isZero();
		assertThat(this.db.opened()).isEqualTo(4);
	}

	@Test
	void waitersAreServedInArrivalOrder() throws Exception {
		start(1);
		int waiters = 8;
		List<Integer> served = new CopyOnWriteArrayList<>();
		List<Thread> threads = new ArrayList<>();
		Connection held = this.pool.getConnection();
		for (int i = 0; i < waiters; i++) {
			int index = i;
			Thread thread = new Thread(() -> {
				try (Connection connection = this.pool.getConnection()) {
					served.add(index);
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			thread.start();
			threads.add(thread);
			// The next waiter starts only once this one is queued, so arrival order is
			// known.
			await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.stats().pending() == index + 1);
		}
		held.close();
		for (Thread thread : threads) {
			thread.join(TimeUnit.MINUTES.toMillis(1));
		}
		assertThat(served).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void tenThousandVirtualThreadsShareTenConnections() throws Exception {
		start(10);
		int borrowers = 10_000;
		AtomicInteger done = new AtomicInteger();
		Map<StubConnection, Boolean> inUse = new ConcurrentHashMap<>();
		AtomicInteger doubleLends = new AtomicInteger();
		ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
			.invoke(null);
		try {
			for (int i = 0; i < borrowers; i++) {
				virtual.submit(() -> {
					try (Connection connection = this.pool.getConnection()) {
						StubConnection physical = connection.unwrap(StubConnection.class);
						if (inUse.putIfAbsent(physical, Boolean.TRUE) != null) {
							doubleLends.incrementAndGet();
						}
						Thread.yield();
						inUse.remove(physical);
					}
					done.incrementAndGet();
					return null;
				});
			}
		}
		finally {
			virtual.shutdown();
			assertThat(virtual.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
		}
		assertThat(done).hasValue(borrowers);
		assertThat(doubleLends).hasValue(0);
		assertThat(this.pool.stats().active()).isZero();
		assertThat(this.db.opened()).isEqualTo(10);
	}

}
