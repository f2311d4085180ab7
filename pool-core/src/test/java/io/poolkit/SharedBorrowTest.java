package io.poolkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One borrowed connection used by several threads at once, on the real PostgreSQL: what
 * the borrow keeps for its return (the statements left open, the settings changed) must
 * stay whole however the threads' calls interleave, so that the return cleans the
 * connection and lends it again rather than losing it, and restores every setting any
 * thread changed. JDBC lets a connection be shared; pgjdbc's is thread safe.
 */
@Timeout(120)
class SharedBorrowTest {

	/** Threads sharing the borrow, besides the borrowing one. */
	private static final int SHARERS = 3;

	/**
	 * Statements each thread opens and closes: enough for their bookkeeping to
	 * interleave.
	 */
	private static final int ROUNDS = 5_000;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private PoolDataSource pool;

	@AfterEach
	void tearDown() {
		this.threads.shutdownNow();
		if (this.pool != null) {
			this.pool.close();
		}
	}

	@Test
	void statementsOpenedAndClosedByManyThreadsAtOnceLeaveAConnectionTheReturnCleans() throws Exception {
		this.pool = new PoolDataSource(config().build());
		Connection shared = this.pool.getConnection();
		int pid = PostgresTestSupport.backendPid(shared);
		List<Statement> leftOpen = runOnAllThreads(shared, (connection, thread, round) -> {
			// createStatement and prepareStatement stay in the client: many thousands of
			// bookkeeping updates a second, from every thread at once.
			try (Statement statement = connection.createStatement();
					PreparedStatement prepared = connection.prepareStatement("SELECT ?")) {
				statement.getFetchSize();
				prepared.setInt(1, round);
			}
		});
		shared.close();

		for (Statement statement : leftOpen) {
			assertThat(statement.isClosed()).isTrue();
		}
		try (Connection next = this.pool.getConnection();
				Statement statement = next.createStatement();
				ResultSet rows = statement.executeQuery("SELECT 1")) {
			assertThat(PostgresTestSupport.backendPid(next)).as("the same connection, cleaned, not a new one")
				.isEqualTo(pid);
			assertThat(rows.next()).isTrue();
		}
	}

	@Test
	void settingsChangedByManyThreadsAtOnceAreAllRestored() throws Exception {
		this.pool = new PoolDataSource(config().build());
		Connection shared = this.pool.getConnection();
		int pid = PostgresTestSupport.backendPid(shared);
		runOnAllThreads(shared, (connection, thread, round) -> {
			// Each thread moves a different setting away from its default and back,
			// ending away: the return must put all of them back.
			boolean away = round == ROUNDS - 1 || round % 2 == 0;
			switch (thread) {
				case 0 -> connection.setReadOnly(away);
				case 1 -> connection.setAutoCommit(!away);
				case 2 -> connection
					.setHoldability(away ? ResultSet.HOLD_CURSORS_OVER_COMMIT : ResultSet.CLOSE_CURSORS_AT_COMMIT);
				default -> connection.setTransactionIsolation(
						away ? Connection.TRANSACTION_SERIALIZABLE : Connection.TRANSACTION_READ_COMMITTED);
			}
		});
		shared.close();

		try (Connection next = this.pool.getConnection()) {
			assertThat(PostgresTestSupport.backendPid(next)).isEqualTo(pid);
			assertThat(next.isReadOnly()).isFalse();
			assertThat(next.getAutoCommit()).isTrue();
			assertThat(next.getHoldability()).isEqualTo(ResultSet.CLOSE_CURSORS_AT_COMMIT);
			assertThat(next.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
		}
	}

	private PoolConfig.Builder config() {
		return TestPools.postgres(PostgresTestSupport.uniqueTableName("shared-borrow")).maxSize(1);
	}

	/**
	 * Runs {@code work} {@link #ROUNDS} times on the borrowing thread and on each of
	 * {@link #SHARERS} others at once; each thread also leaves one statement open.
	 * @return the statements left open
	 */
	private List<Statement> runOnAllThreads(Connection shared, Round work) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Statement>> sharers = new ArrayList<>();
		for (int i = 1; i <= SHARERS; i++) {
			int thread = i;
			sharers.add(this.threads.submit(() -> {
				start.await();
				return rounds(shared, thread, work);
			}));
		}
		start.countDown();
		List<Statement> leftOpen = new ArrayList<>();
		leftOpen.add(rounds(shared, 0, work));
		for (Future<Statement> sharer : sharers) {
			leftOpen.add(sharer.get(60, TimeUnit.SECONDS));
		}
		return leftOpen;
	}

	private static Statement rounds(Connection shared, int thread, Round work) throws SQLException {
		for (int round = 0; round < ROUNDS; round++) {
			work.run(shared, thread, round);
		}
		return shared.createStatement();
	}

	@FunctionalInterface
	private interface Round {

		/**
		 * @param thread 0 for the borrowing thread, 1 to {@link #SHARERS} for the others
		 */
		void run(Connection connection, int thread, int round) throws SQLException;

	}

}
