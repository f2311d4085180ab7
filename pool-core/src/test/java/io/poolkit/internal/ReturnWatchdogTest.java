package io.poolkit.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.poolkit.testkit.StubConnection;
import io.poolkit.testkit.StubDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watchdog's rules on its own, on the stub driver: it fires a return past its
 * deadline (interrupting the returning thread, aborting the connection), never one that
 * was disarmed, and a full table leaves a return unwatched rather than failing it.
 */
@Timeout(60)
class ReturnWatchdogTest {

	private final StubDatabase database = StubDatabase.create();

	private ConnectionProxy borrow() throws SQLException {
		Connection physical = DriverManager.getConnection(this.database.url());
		return new ConnectionProxyImpl(TestDatabase.slot(physical,
				new ConnectionDefaults(true, Connection.TRANSACTION_READ_COMMITTED, false, null, null, 0)));
	}

	private static void watch(BorrowState borrow, long inNanos) {
		borrow.watchThread = Thread.currentThread();
		borrow.watchDeadline = System.nanoTime() + inNanos;
	}

	@Test
	void aReturnDisarmedBeforeItsDeadlineCanNeverBeFired() throws SQLException {
		ReturnWatchdog watchdog = new ReturnWatchdog(8);
		ConnectionProxy borrow = borrow();
		watch(borrow, TimeUnit.HOURS.toNanos(1));
		int entry = watchdog.arm(borrow);

		assertThat(watchdog.disarm(borrow, entry)).isTrue();
		assertThat(watchdog.fireNow(borrow)).as("nothing left to fire").isFalse();
		assertThat(Thread.interrupted()).isFalse();
		assertThat(borrow.unwrap(StubConnection.class).isClosed()).isFalse();
	}

	@Test
	void aReturnPastItsDeadlineIsInterruptedAndItsConnectionAborted() throws Exception {
		ReturnWatchdog watchdog = new ReturnWatchdog(8);
		ConnectionProxy borrow = borrow();
		StubConnection physical = borrow.unwrap(StubConnection.class);
		CompletableFuture<Boolean> returning = CompletableFuture.supplyAsync(() -> {
			watch(borrow, TimeUnit.MILLISECONDS.toNanos(50));
			int entry = watchdog.arm(borrow);
			// A cleanup step that blocks until interrupted, like pgjdbc's wait for its
			// lock.
			while (!Thread.currentThread().isInterrupted()) {
				LockSupport.park(this);
			}
			boolean disarmed = watchdog.disarm(borrow, entry);
			Thread.interrupted();
			return disarmed;
		});

		assertThat(returning.get(5, TimeUnit.SECONDS)).as("disarmed by the return itself").isFalse();
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(physical::isClosed);
	}

	@Test
	void aFullTableLeavesTheReturnUnwatched() throws SQLException {
		ReturnWatchdog watchdog = new ReturnWatchdog(2);
		ConnectionProxy first = borrow();
		ConnectionProxy second = borrow();
		ConnectionProxy third = borrow();
		for (ConnectionProxy borrow : new ConnectionProxy[] { first, second, third }) {
			watch(borrow, TimeUnit.HOURS.toNanos(1));
		}
		int firstEntry = watchdog.arm(first);
		int secondEntry = watchdog.arm(second);

		assertThat(watchdog.arm(third)).isEqualTo(-1);
		assertThat(watchdog.disarm(first, firstEntry)).isTrue();
		assertThat(watchdog.disarm(second, secondEntry)).isTrue();
		assertThat(firstEntry).isNotEqualTo(secondEntry);
	}

}
