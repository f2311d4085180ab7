package io.poolkit.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.poolkit.testkit.StubConnection;
import io.poolkit.testkit.StubDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watchdog's rules on its own, on the stub driver: it fires a return past its
 * deadline (interrupting the returning thread, aborting the connection), never one that
 * was disarmed, watches every return however many run at once (the watch is the slot's,
 * there is no table to fill), and its thread ends once the slots it watched are retired.
 */
@Timeout(60)
class ReturnWatchdogTest {

	private final StubDatabase database = StubDatabase.create();

	private ConnectionProxy borrow() throws SQLException {
		Connection physical = DriverManager.getConnection(this.database.url());
		return new ConnectionProxyImpl(TestDatabase.slot(physical,
				new ConnectionDefaults(true, Connection.TRANSACTION_READ_COMMITTED, false, null, null, 0)));
	}

	private static long in(long nanos) {
		return System.nanoTime() + nanos;
	}

	@Test
	void aReturnDisarmedBeforeItsDeadlineCanNeverBeFired() throws SQLException {
		ReturnWatchdog watchdog = new ReturnWatchdog();
		ConnectionProxy borrow = borrow();
		watchdog.arm(borrow, in(TimeUnit.HOURS.toNanos(1)));

		assertThat(watchdog.disarm(borrow)).isTrue();
		assertThat(watchdog.fireNow(borrow)).as("nothing left to fire").isFalse();
		assertThat(Thread.interrupted()).isFalse();
		assertThat(borrow.unwrap(StubConnection.class).isClosed()).isFalse();
	}

	@Test
	void aReturnPastItsDeadlineIsInterruptedAndItsConnectionAborted() throws Exception {
		ReturnWatchdog watchdog = new ReturnWatchdog();
		ConnectionProxy borrow = borrow();
		StubConnection physical = borrow.unwrap(StubConnection.class);
		CompletableFuture<Boolean> returning = CompletableFuture.supplyAsync(() -> {
			watchdog.arm(borrow, in(TimeUnit.MILLISECONDS.toNanos(50)));
			// A cleanup step that blocks until interrupted, like pgjdbc's wait for its
			// lock.
			while (!Thread.currentThread().isInterrupted()) {
				LockSupport.park(this);
			}
			boolean disarmed = watchdog.disarm(borrow);
			Thread.interrupted();
			return disarmed;
		});

		assertThat(returning.get(5, TimeUnit.SECONDS)).as("disarmed by the return itself").isFalse();
		await().atMost(Duration.ofSeconds(5)).until(physical::isClosed);
	}

	/**
	 * More returns at once than the shared table of 4,096 entries the watch used to live
	 * in: each is watched, and each fires at its deadline.
	 */
	@Test
	void everyReturnIsWatchedHoweverManyRunAtOnce() throws Exception {
		ReturnWatchdog watchdog = new ReturnWatchdog();
		List<ConnectionProxy> borrows = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			borrows.add(borrow());
		}
		// A thread of its own, which the watchdog interrupts once per fired return.
		Thread returning = new Thread(() -> {
			long deadline = in(TimeUnit.MILLISECONDS.toNanos(50));
			for (ConnectionProxy borrow : borrows) {
				watchdog.arm(borrow, deadline);
			}
		});
		returning.start();
		returning.join();

		List<StubConnection> physical = new ArrayList<>();
		for (ConnectionProxy borrow : borrows) {
			physical.add(borrow.unwrap(StubConnection.class));
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> physical.stream().allMatch(StubConnection::isClosed));
		for (ConnectionProxy borrow : borrows) {
			assertThat(watchdog.disarm(borrow)).as("fired, not left armed").isFalse();
		}
	}

	@Test
	void theThreadEndsOnceEverySlotItWatchedIsRetired() throws Exception {
		ReturnWatchdog watchdog = new ReturnWatchdog();
		ConnectionProxy first = borrow();
		ConnectionProxy second = borrow();
		watchdog.arm(first, in(TimeUnit.HOURS.toNanos(1)));
		watchdog.disarm(first);
		watchdog.arm(second, in(TimeUnit.HOURS.toNanos(1)));
		watchdog.disarm(second);
		assertThat(watchdog.isRunning()).isTrue();

		first.slot.markRemoved();
		second.slot.markRemoved();
		await().atMost(Duration.ofSeconds(10)).until(() -> !watchdog.isRunning());

		ConnectionProxy third = borrow();
		watchdog.arm(third, in(TimeUnit.HOURS.toNanos(1)));
		assertThat(watchdog.isRunning()).as("started again by the next slot's first watch").isTrue();
		assertThat(watchdog.disarm(third)).isTrue();
	}

}
