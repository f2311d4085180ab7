package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hand-off bound on the real PostgreSQL: a running thread may take a returned
 * connection ahead of the waiters only while the oldest has waited less than
 * {@link Pool#HANDOFF_BOUND_NANOS}; past it, the return goes to the oldest waiter, and
 * the thread that returned it, borrowing again at once, waits its turn.
 */
class HandOffBoundTest {

	@AutoClose
	private Pool pool;

	@Test
	void aWaiterPastTheBoundIsHandedTheReturnAheadOfTheReturningThread() throws Exception {
		start("hand-off-bound");
		List<String> served = new CopyOnWriteArrayList<>();
		Connection held = this.pool.borrow();
		Thread waiter = borrowOnce("waiter", served);
		await().atMost(Duration.ofSeconds(30)).until(() -> oldestPastBound());
		held.close();
		try (Connection again = this.pool.borrow()) {
			served.add("returning thread");
		}
		waiter.join(TimeUnit.MINUTES.toMillis(1));
		assertThat(served).containsExactly("waiter", "returning thread");
	}

	@Test
	void theNextWaiterPastTheBoundIsHandedTheReturnOfTheOneServedBeforeIt() throws Exception {
		start("hand-off-bound-next");
		List<String> served = new CopyOnWriteArrayList<>();
		Connection held = this.pool.borrow();
		// The first waiter borrows twice in a row; the second waited past the bound while
		// it was not the oldest, so the first one's return goes to it.
		Thread first = new Thread(() -> {
			try {
				try (Connection connection = this.pool.borrow()) {
					served.add("first");
				}
				try (Connection connection = this.pool.borrow()) {
					served.add("first again");
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		first.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.waiters().size() == 1);
		Thread second = queueSecondPastTheBound(served);
		held.close();
		first.join(TimeUnit.MINUTES.toMillis(1));
		second.join(TimeUnit.MINUTES.toMillis(1));
		assertThat(served).containsExactly("first", "second", "first again");
	}

	@Test
	void theNextWaiterPastTheBoundIsHandedTheReturnOnceTheOneAheadGaveUp() throws Exception {
		start("hand-off-bound-give-up");
		List<String> served = new CopyOnWriteArrayList<>();
		Connection held = this.pool.borrow();
		// The second waiter passed the bound while not the oldest; the oldest then gives
		// up (interrupted here, a timeout is the same exit), so the return goes to the
		// second.
		Thread first = new Thread(() -> {
			try (Connection connection = this.pool.borrow()) {
				served.add("first");
			}
			catch (SQLException ex) {
				served.add("first gave up");
			}
		});
		first.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.waiters().size() == 1);
		Thread second = queueSecondPastTheBound(served);
		first.interrupt();
		first.join(TimeUnit.MINUTES.toMillis(1));
		held.close();
		try (Connection again = this.pool.borrow()) {
			served.add("returning thread");
		}
		second.join(TimeUnit.MINUTES.toMillis(1));
		assertThat(served).containsExactly("first gave up", "second", "returning thread");
	}

	/**
	 * A waiter handed a slot while a release had just made another slot idle and woken it
	 * for that one passes the wake-up on, as a waiter that gives up does. The
	 * interleaving (the waiter's wait is due only from its own mark): release 1 makes
	 * slot 1 idle and, the oldest waiter not due yet, wakes it; the waiter marks itself
	 * due at its bound; release 2 sees it due and hands it slot 2; the waiter, no longer
	 * the oldest, does not look for slot 1 and leaves with slot 2. Slot 1 then stays idle
	 * while the next waiter parks until its connection-timeout. Here slot 1 is made idle
	 * without the wake, which the waiter in that interleaving takes and drops.
	 */
	@Test
	void aWaiterHandedASlotPassesOnTheWakeForAnotherIdleOne() throws Exception {
		this.pool = new Pool(TestPools.postgres("hand-off-pass-on")
			.maxSize(2)
			.minIdle(2)
			.connectionTimeout(Duration.ofSeconds(5))
			.build());
		this.pool.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.idleCount() == 2);
		ConnectionSlot first = this.pool.reserveIdle(0);
		assertThat(first).isNotNull();
		Connection second = this.pool.borrow();
		List<String> served = new CopyOnWriteArrayList<>();
		CountDownLatch done = new CountDownLatch(1);
		Thread oldest = new Thread(() -> {
			try (Connection connection = this.pool.borrow()) {
				served.add("oldest");
				done.await();
			}
			catch (SQLException | InterruptedException ex) {
				served.add("oldest failed: " + ex);
			}
		});
		oldest.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> oldestPastBound());
		Thread next = new Thread(() -> {
			try (Connection connection = this.pool.borrow()) {
				served.add("next");
			}
			catch (SQLException ex) {
				served.add("next failed: " + ex.getMessage());
			}
		});
		next.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.waiters().size() == 2);
		first.makeIdleVolatile();
		second.close();
		next.join(TimeUnit.MINUTES.toMillis(1));
		done.countDown();
		oldest.join(TimeUnit.MINUTES.toMillis(1));
		assertThat(served).containsExactlyInAnyOrder("oldest", "next");
	}

	/**
	 * A waiter past the bound that has not run since (on a busy machine it waits for a
	 * core after its timed park or a wake) has not flagged itself; the release hands it
	 * the slot all the same, rather than making it idle for the returning thread to take
	 * again. The waiter here is queued by hand with a start 10 s ago (the release judges
	 * by the coarse clock, which a busy machine may leave milliseconds behind) and never
	 * runs its wait, so only the release can judge it past the bound.
	 */
	@Test
	void aWaiterPastTheBoundThatHasNotRunToFlagItselfIsHandedTheReturn() throws Exception {
		start("hand-off-bound-unflagged");
		Connection held = this.pool.borrow();
		Waiter unflagged = queueByHand(-TimeUnit.SECONDS.toNanos(10));
		assertThat(unflagged.isHandOffDue()).isFalse();
		held.close();
		ConnectionSlot handed = unflagged.handedSlot();
		assertThat(handed).as("the slot handed to the waiter past the bound").isNotNull();
		assertThat(this.pool.idleCount()).isZero();
		this.pool.recycle(handed);
		assertThat(this.pool.idleCount()).isEqualTo(1);
	}

	/**
	 * A waiter not yet past the bound is not handed the return: the slot is made idle
	 * (and the waiter woken to compete for it). Its start is set 10 s ahead, so that
	 * however slowly this thread runs it is not past the bound at the release.
	 */
	@Test
	void aWaiterNotYetPastTheBoundIsNotHandedTheReturn() throws Exception {
		start("hand-off-bound-young");
		Connection held = this.pool.borrow();
		Waiter young = queueByHand(TimeUnit.SECONDS.toNanos(10));
		held.close();
		assertThat(young.handedSlot()).isNull();
		assertThat(this.pool.idleCount()).isEqualTo(1);
		assertThat(young.cancel()).isNull();
		this.pool.waiters().remove(young);
	}

	/**
	 * Queues a waiter by hand for this thread, which never runs its wait: only a release
	 * judges it.
	 * @param sinceFromNow its start, relative to now (negative: in the past)
	 */
	private Waiter queueByHand(long sinceFromNow) {
		long now = System.nanoTime();
		return this.pool.waiters().enqueue(now + sinceFromNow, now + TimeUnit.MINUTES.toNanos(1));
	}

	private void start(String name) {
		this.pool = new Pool(TestPools.postgres(name).maxSize(1).minIdle(1).build());
		this.pool.start();
	}

	private boolean oldestPastBound() {
		Waiter oldest = this.pool.waiters().oldest();
		return oldest != null && oldest.isHandOffDue();
	}

	/**
	 * Starts a second waiter behind the one queued and waits until both are queued and
	 * the second has waited past the bound while not the oldest.
	 */
	private Thread queueSecondPastTheBound(List<String> served) {
		Thread second = borrowOnce("second", served);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.waiters().size() == 2);
		long bothQueued = System.nanoTime();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> oldestPastBound() && System.nanoTime() - bothQueued > Pool.HANDOFF_BOUND_NANOS);
		return second;
	}

	private Thread borrowOnce(String who, List<String> served) {
		Thread thread = new Thread(() -> {
			try (Connection connection = this.pool.borrow()) {
				served.add(who);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		thread.start();
		return thread;
	}

}
