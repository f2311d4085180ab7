package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A burst rather than a stream: 2,000 virtual threads ask two connections at once, and
 * each borrower served holds its connection for nine tenths of the connection-timeout.
 * Nearly every deadline falls within the same few milliseconds, so the
 * {@link DeadlineWaker} wakes them in one or a few scans while the few served hand the
 * connections on. Every borrow ends: served within the timeout plus a margin, or timed
 * out not before the timeout and within it plus the margin; no connection is lent twice
 * at once; afterwards both connections are idle and nobody waits.
 */
class WaiterBurstTest {

	private static final long MARGIN_NANOS = TimeUnit.SECONDS.toNanos(5);

	private static final String TIMED_OUT = "no connection available within connection-timeout";

	@AutoClose
	private Pool pool;

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void twoThousandVirtualThreadsOnTwoConnectionsHeldNearTheTimeoutAllEndInTime() throws Exception {
		Duration timeout = Duration.ofMillis(300);
		long holdNanos = timeout.toNanos() * 9 / 10;
		this.pool = new Pool(
				TestPools.postgres("deadline-burst").maxSize(2).minIdle(2).connectionTimeout(timeout).build());
		this.pool.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.idleCount() == 2);
		int borrowers = 2000;
		Map<PGConnection, Thread> lentTo = new ConcurrentHashMap<>();
		List<String> failures = new CopyOnWriteArrayList<>();
		AtomicInteger served = new AtomicInteger();
		AtomicInteger timedOut = new AtomicInteger();
		CountDownLatch go = new CountDownLatch(1);
		CountDownLatch ended = new CountDownLatch(borrowers);
		for (int i = 0; i < borrowers; i++) {
			startVirtual(() -> {
				try {
					go.await();
					long start = System.nanoTime();
					try (Connection connection = this.pool.borrow()) {
						long took = System.nanoTime() - start;
						if (took > timeout.toNanos() + MARGIN_NANOS) {
							failures.add("served after " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
						}
						PGConnection physical = connection.unwrap(PGConnection.class);
						Thread other = lentTo.putIfAbsent(physical, Thread.currentThread());
						if (other != null) {
							failures.add("lent while " + other + " holds it");
						}
						try (Statement statement = connection.createStatement()) {
							statement.execute("SELECT 1");
						}
						served.incrementAndGet();
						LockSupport.parkNanos(holdNanos); // a hold, not a wait
						lentTo.remove(physical, Thread.currentThread());
					}
					catch (SQLTransientConnectionException ex) {
						long took = System.nanoTime() - start;
						if (!ex.getMessage().contains(TIMED_OUT) || took < timeout.toNanos()
								|| took > timeout.toNanos() + MARGIN_NANOS) {
							failures.add("after " + TimeUnit.NANOSECONDS.toMillis(took) + " ms: " + ex);
						}
						timedOut.incrementAndGet();
					}
				}
				catch (Throwable ex) {
					failures.add("unexpected: " + ex);
				}
				finally {
					ended.countDown();
				}
			});
		}
		go.countDown();
		assertThat(ended.await(timeout.toNanos() + 6 * MARGIN_NANOS, TimeUnit.NANOSECONDS))
			.as("%d of %d borrows ended", borrowers - ended.getCount(), borrowers)
			.isTrue();
		System.out.printf("deadline-burst: %d served, %d timed out%n", served.get(), timedOut.get());
		assertThat(failures).isEmpty();
		assertThat(served.get()).as("served: the two connections, each at least once").isGreaterThanOrEqualTo(2);
		assertThat(served.get() + timedOut.get()).isEqualTo(borrowers);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.idleCount() == 2);
		assertThat(this.pool.waiters().size()).isZero();
	}

	private static void startVirtual(Runnable task) {
		try {
			Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, task);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
