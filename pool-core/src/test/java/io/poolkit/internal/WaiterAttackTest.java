package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.poolkit.PoolConfig;
import io.poolkit.testkit.TestPools;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The waiter queue attacked on the real PostgreSQL where the hand-off bound, FIFO order
 * and suspend meet: a waiter that became the oldest before its own bound, waiters queued
 * when the pool is suspended, and borrowers held by a suspension.
 */
class WaiterAttackTest {

	/** What a busy machine (a build running alongside) may add to a borrow's timeout. */
	private static final long MARGIN_NANOS = TimeUnit.SECONDS.toNanos(5);

	@AutoClose
	private Pool opened;

	/**
	 * A waiter B queued behind a waiter A whose hand-off is due, and A handed the held
	 * connection before B has waited {@link Pool#HANDOFF_BOUND_NANOS}: B is then the
	 * oldest, parked without a timeout, not past its bound. A holds the connection until
	 * B has waited well past the bound, returns it and borrows again at once. The README:
	 * "past that, every returned connection goes straight to the oldest waiter"; so B
	 * must be served before A's second borrow.
	 */
	@Test
	void aWaiterThatBecameTheOldestBeforeItsBoundIsHandedTheNextReturnOnceItIsPastIt() throws Exception {
		Pool pool = startOne(TestPools.postgres("oldest-before-bound"));
		int conclusive = 0;
		for (int trial = 0; trial < 20 && conclusive < 5; trial++) {
			List<String> served = new CopyOnWriteArrayList<>();
			CountDownLatch returnFirst = new CountDownLatch(1);
			Connection held = pool.borrow();
			Thread a = new Thread(() -> {
				try {
					try (Connection connection = pool.borrow()) {
						served.add("a");
						returnFirst.await();
					}
					try (Connection connection = pool.borrow()) {
						served.add("a again");
					}
				}
				catch (SQLException | InterruptedException ex) {
					served.add("a failed: " + ex);
				}
			}, "a");
			a.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> isOldestAndDue(pool, a));
			Thread b = new Thread(() -> {
				try (Connection connection = pool.borrow()) {
					served.add("b");
				}
				catch (SQLException ex) {
					served.add("b failed: " + ex);
				}
			}, "b");
			b.start();
			Waiter bWaiting = parkedBehind(pool, b);
			held.close(); // handed to a, the oldest, due
			long bWaitedAtHandOff = System.nanoTime() - bWaiting.sinceNanos;
			if (bWaitedAtHandOff < Pool.HANDOFF_BOUND_NANOS) {
				conclusive++;
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> served.contains("a"));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> System.nanoTime() - bWaiting.sinceNanos > 5 * Pool.HANDOFF_BOUND_NANOS);
			returnFirst.countDown();
			a.join(TimeUnit.MINUTES.toMillis(1));
			b.join(TimeUnit.MINUTES.toMillis(1));
			assertThat(served)
				.as("trial %d: b waited %d µs when a was handed the connection", trial,
						TimeUnit.NANOSECONDS.toMicros(bWaitedAtHandOff))
				.containsExactly("a", "b", "a again");
		}
		System.out.println("oldest-before-bound: " + conclusive + " trials with b inside its bound at the hand-off");
		assertThat(conclusive).as("trials where b was within its bound when a was handed the connection").isPositive();
	}

	/**
	 * {@code suspend()} "makes borrowers wait (up to their connection-timeout) until
	 * resume()" (its Javadoc; the README: "suspend()/resume() hold borrowers (up to their
	 * timeout)"). A borrower already queued when the pool is suspended is a borrower too:
	 * a connection returned while suspended must not be lent to it.
	 */
	@Test
	void aWaiterQueuedBeforeSuspendIsNotLentAConnectionWhileThePoolIsSuspended() throws Exception {
		Duration timeout = Duration.ofMillis(500);
		Pool pool = startOne(TestPools.postgres("suspend-queued").connectionTimeout(timeout));
		AtomicReference<Object> outcome = new AtomicReference<>();
		Connection held = pool.borrow();
		Thread waiter = new Thread(() -> {
			try (Connection connection = pool.borrow()) {
				outcome.set("lent a connection, suspended: " + pool.isSuspended());
			}
			catch (SQLException ex) {
				outcome.set(ex);
			}
		}, "queued");
		waiter.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> pool.waiters().size() == 1);
		pool.suspend();
		held.close();
		waiter.join(TimeUnit.NANOSECONDS.toMillis(timeout.toNanos() + MARGIN_NANOS));
		assertThat(waiter.isAlive()).isFalse();
		assertThat(outcome.get()).as("the queued borrower's outcome while suspended")
			.isInstanceOf(SQLTransientConnectionException.class)
			.asInstanceOf(InstanceOfAssertFactories.THROWABLE)
			.hasMessageContaining("within connection-timeout 500 ms (the pool is suspended)");
		pool.resume();
		try (Connection connection = pool.borrow()) {
			assertThat(connection.isValid(5)).isTrue();
		}
	}

	/**
	 * Borrowers that arrive one after the other while the pool is suspended are waiters
	 * ("Waiters are served in arrival order", README): after the resume, with every
	 * connection busy, they are served in the order they arrived.
	 */
	@Test
	void borrowersHeldBySuspendAreServedInArrivalOrderAfterResume() throws Exception {
		Pool pool = startOne(TestPools.postgres("suspend-order"));
		int borrowers = 8;
		List<String> served = new CopyOnWriteArrayList<>();
		List<Thread> threads = new ArrayList<>();
		Connection held = pool.borrow();
		pool.suspend();
		for (int i = 0; i < borrowers; i++) {
			String name = "s" + i;
			Thread thread = new Thread(() -> {
				try (Connection connection = pool.borrow()) {
					served.add(name);
				}
				catch (SQLException ex) {
					served.add(name + " failed: " + ex);
				}
			}, name);
			thread.start();
			threads.add(thread);
			int arrived = i + 1;
			await().atMost(Duration.ofSeconds(30)).until(() -> pool.stats().pending() == arrived);
		}
		pool.resume();
		await().atMost(Duration.ofSeconds(30)).until(() -> pool.waiters().size() == borrowers);
		held.close();
		for (Thread thread : threads) {
			thread.join(TimeUnit.MINUTES.toMillis(1));
		}
		assertThat(served).containsExactly("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7");
	}

	/** Starts a pool of one connection, kept open. */
	private Pool startOne(PoolConfig.Builder builder) {
		Pool pool = new Pool(builder.maxSize(1).minIdle(1).build());
		this.opened = pool;
		pool.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> pool.idleCount() == 1);
		return pool;
	}

	private static boolean isOldestAndDue(Pool pool, Thread thread) {
		Waiter oldest = pool.waiters().oldest();
		return oldest != null && oldest.thread == thread && oldest.isHandOffDue();
	}

	/**
	 * Spins (no sleep: the window is the 1 ms bound) until {@code thread} is queued, not
	 * the oldest, and parked.
	 */
	private static Waiter parkedBehind(Pool pool, Thread thread) {
		long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() - giveUp < 0) {
			for (Waiter waiter : pool.waiters()) {
				Thread.State state = thread.getState();
				if (waiter.thread == thread && waiter.isWaiting()
						&& (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)) {
					return waiter;
				}
			}
			Thread.onSpinWait();
		}
		throw new AssertionError(thread + " never parked in the queue");
	}

}
