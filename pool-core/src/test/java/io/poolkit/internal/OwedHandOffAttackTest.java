package io.poolkit.internal;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A release judging the oldest waiter owed by the coarse clock (past the bound, not yet
 * flagged by itself), against waiters queued by hand that never run their wait: one that
 * gave up, one behind it, a suspended pool, two owed in a row, and two releases racing
 * for one owed waiter.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class OwedHandOffAttackTest {

	private static final long LONG_AGO = 3 * Pool.HANDOFF_BOUND_NANOS;

	@AutoClose
	private Pool pool;

	private final List<Waiter> queued = new CopyOnWriteArrayList<>();

	/** Takes the waiters off the queue, giving back what they were handed. */
	@AfterEach
	void leaveTheQueueEmpty() {
		for (Waiter waiter : this.queued) {
			ConnectionSlot handed = waiter.cancel();
			if (handed != null && handed.state() != ConnectionSlot.IDLE) {
				this.pool.recycle(handed);
			}
			this.pool.waiters().remove(waiter);
		}
	}

	/**
	 * Behind an owed waiter that gave up, a waiter not yet past its bound is not handed
	 * the return: it is judged itself, not by the one ahead that left.
	 */
	@Test
	void aYoungWaiterBehindAnOwedOneThatGaveUpIsNotHandedTheReturn() throws Exception {
		start("owed-cancelled-young-behind");
		Connection held = this.pool.borrow();
		Waiter gaveUp = queue(System.nanoTime() - LONG_AGO);
		// Not past its bound however slowly this thread runs.
		Waiter young = queue(System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
		assertThat(gaveUp.cancel()).isNull();
		held.close();
		assertThat(young.handedSlot()).as("slot handed to the young waiter").isNull();
		assertThat(this.pool.idleCount()).isEqualTo(1);
		assertThat(this.pool.waiters().oldest()).isSameAs(young);
	}

	/**
	 * Behind an owed waiter that gave up, an owed one is handed the return.
	 */
	@Test
	void anOwedWaiterBehindAnOwedOneThatGaveUpIsHandedTheReturn() throws Exception {
		start("owed-cancelled-owed-behind");
		Connection held = this.pool.borrow();
		Waiter gaveUp = queue(System.nanoTime() - LONG_AGO);
		Waiter owed = queue(System.nanoTime() - LONG_AGO);
		assertThat(gaveUp.cancel()).isNull();
		held.close();
		assertThat(owed.handedSlot()).as("slot handed to the owed waiter").isNotNull();
		assertThat(this.pool.idleCount()).isZero();
		this.pool.recycle(owed.handedSlot());
		assertThat(this.pool.idleCount()).isEqualTo(1);
	}

	/**
	 * A suspended pool lends nothing, also not to a waiter owed by the clock: the return
	 * stays idle; once resumed, the next return (the idle one, given back by whoever took
	 * it) goes to the waiter.
	 */
	@Test
	void aSuspendedPoolDoesNotHandTheReturnToAnOwedWaiter() throws Exception {
		start("owed-suspended");
		Connection held = this.pool.borrow();
		Waiter owed = queue(System.nanoTime() - LONG_AGO);
		this.pool.suspend();
		held.close();
		assertThat(owed.handedSlot()).as("slot handed while suspended").isNull();
		assertThat(this.pool.idleCount()).isEqualTo(1);
		this.pool.resume();
		assertThat(owed.handedSlot()).as("slot handed on resume").isNull();
		ConnectionSlot idle = this.pool.reserveIdle(0);
		assertThat(idle).as("reserved while a waiter waits").isNull();
		assertThat(this.pool.idleCount()).isEqualTo(1);
	}

	/**
	 * Two waiters owed by the clock: the return goes to the older; the younger is then
	 * marked due by the hand-off that made it the oldest, and the next return goes to it.
	 */
	@Test
	void twoOwedWaitersAreHandedReturnsInArrivalOrder() throws Exception {
		start("owed-two");
		Connection held = this.pool.borrow();
		long now = System.nanoTime();
		Waiter first = queue(now - 2 * LONG_AGO);
		Waiter second = queue(now - LONG_AGO);
		held.close();
		ConnectionSlot toFirst = first.handedSlot();
		assertThat(toFirst).as("slot handed to the first").isNotNull();
		assertThat(second.handedSlot()).isNull();
		assertThat(second.isHandOffDue()).as("second marked due once the oldest").isTrue();
		this.pool.recycle(toFirst);
		assertThat(second.handedSlot()).isSameAs(toFirst);
		assertThat(this.pool.idleCount()).isZero();
		this.pool.recycle(toFirst);
		assertThat(this.pool.idleCount()).isEqualTo(1);
	}

	/**
	 * Two releases judge the same oldest waiter owed; one hands it a slot, and the other
	 * must not then hand its slot to the waiter behind, which is 10 s from its bound: it
	 * judges that one afresh (not owed: the slot goes idle and it is woken to compete).
	 * Before the hand-off went only to the waiter judged, the second release polled the
	 * next waiter whatever it had waited (about 14 rounds in 100,000 on two cores).
	 */
	@Test
	void twoReleasesRacingForOneOwedWaiterDoNotHandTheYoungOneBehindItASlot() throws Exception {
		this.pool = new Pool(TestPools.postgres("owed-race").maxSize(2).minIdle(2).build());
		this.pool.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.idleCount() == 2);
		ConnectionSlot[] slots = this.pool.slots();
		int rounds = 100_000;
		CyclicBarrier go = new CyclicBarrier(3);
		CyclicBarrier done = new CyclicBarrier(3);
		Thread first = new Thread(() -> releaseEachRound(go, done, slots[0], rounds));
		Thread second = new Thread(() -> releaseEachRound(go, done, slots[1], rounds));
		first.start();
		second.start();
		int youngHanded = 0;
		int owedHanded = 0;
		for (int i = 0; i < rounds; i++) {
			assertThat(slots[0].tryBorrow()).isTrue();
			assertThat(slots[1].tryBorrow()).isTrue();
			long now = System.nanoTime();
			long deadline = now + TimeUnit.MINUTES.toNanos(1);
			// Long past the bound, so that even a stalled clock ticker reads it owed.
			Waiter owed = this.pool.waiters().enqueue(now - TimeUnit.SECONDS.toNanos(10), deadline);
			Waiter young = this.pool.waiters().enqueue(now + TimeUnit.SECONDS.toNanos(10), deadline);
			go.await(1, TimeUnit.MINUTES);
			done.await(1, TimeUnit.MINUTES);
			ConnectionSlot toYoung = young.cancel();
			this.pool.waiters().remove(young);
			if (toYoung != null) {
				youngHanded++;
				toYoung.makeIdleVolatile();
			}
			ConnectionSlot toOwed = owed.cancel();
			this.pool.waiters().remove(owed);
			if (toOwed != null) {
				owedHanded++;
				toOwed.makeIdleVolatile();
			}
		}
		first.join();
		second.join();
		assertThat(youngHanded).as("rounds the young waiter was handed a slot").isZero();
		assertThat(owedHanded).as("rounds the owed waiter was handed a slot").isEqualTo(rounds);
		assertThat(this.pool.idleCount()).isEqualTo(2);
		assertThat(this.pool.waiters().isEmpty()).isTrue();
	}

	private void releaseEachRound(CyclicBarrier go, CyclicBarrier done, ConnectionSlot slot, int rounds) {
		try {
			for (int i = 0; i < rounds; i++) {
				go.await(1, TimeUnit.MINUTES);
				this.pool.recycle(slot);
				done.await(1, TimeUnit.MINUTES);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Waiter queue(long sinceNanos) {
		Waiter waiter = this.pool.waiters().enqueue(sinceNanos, System.nanoTime() + TimeUnit.MINUTES.toNanos(1));
		this.queued.add(waiter);
		return waiter;
	}

	private void start(String name) {
		this.pool = new Pool(TestPools.postgres(name).maxSize(1).minIdle(1).build());
		this.pool.start();
	}

}
