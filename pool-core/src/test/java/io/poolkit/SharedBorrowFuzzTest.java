package io.poolkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.poolkit.testkit.SharedUse;
import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack on the shared-borrow promise (README "Misuse and what happens"): threads sharing
 * one borrowed connection on the real PostgreSQL mix setters, SQL, commits, rollbacks,
 * raw {@code BEGIN} and statements in random interleavings; after {@code close()} the
 * next borrower of the same physical connection (maxSize 1) must get every setting back
 * at the pool's defaults as the driver and the server see them, no transaction open, the
 * ended borrow's open transaction rolled back, its statements closed, and the same
 * backend.
 */
@Timeout(300)
class SharedBorrowFuzzTest {

	private static final int SHARERS = 3;

	private static final int ROUNDS = 300;

	private static final int OPS = 25;

	private final String name = PostgresTestSupport.uniqueTableName("shared_fuzz");

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private PoolDataSource pool;

	/** The pool's defaults differ from the server's: isolation and schema. */
	private boolean otherDefaults;

	/** Any thread may close the shared connection among its operations. */
	private boolean anyThreadCloses;

	@AfterEach
	void tearDown() throws SQLException {
		this.threads.shutdownNow();
		if (this.pool != null) {
			this.pool.close();
		}
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + this.name);
			statement.execute("DROP SCHEMA IF EXISTS " + this.name + "_s CASCADE");
		}
	}

	@Test
	void randomSharedUseWithAutoCommitOnLeavesACleanConnection() throws Exception {
		fuzz(true, false);
	}

	@Test
	void randomSharedUseWithAutoCommitOffLeavesACleanConnection() throws Exception {
		fuzz(false, false);
	}

	@Test
	void randomSharedUseClosedWhileThreadsStillRunLeavesACleanConnection() throws Exception {
		fuzz(true, true);
	}

	@Test
	void randomSharedUseClosedByAnyThreadAmongItsCallsLeavesACleanConnection() throws Exception {
		this.anyThreadCloses = true;
		fuzz(false, false);
	}

	@Test
	void randomSharedUseOnAPoolWithOtherDefaultsLeavesACleanConnection() throws Exception {
		this.otherDefaults = true;
		fuzz(false, false);
	}

	private void fuzz(boolean autoCommit, boolean closeWhileRunning) throws Exception {
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE TABLE " + this.name + " (tag text, xid bigint DEFAULT txid_current())");
			statement.execute("CREATE SCHEMA " + this.name + "_s");
		}
		PoolConfig.Builder config = TestPools.postgres(this.name).autoCommit(autoCommit).maxSize(1);
		if (this.otherDefaults) {
			config.transactionIsolation(Connection.TRANSACTION_REPEATABLE_READ).schema(this.name + "_s");
		}
		this.pool = new PoolDataSource(config.build());
		Baseline baseline;
		int pid;
		try (Connection first = this.pool.getConnection()) {
			pid = PostgresTestSupport.backendPid(first);
			baseline = Baseline.read(first);
		}
		assertThat(baseline.autoCommit).isEqualTo(autoCommit);
		SplittableRandom seeds = new SplittableRandom(42);
		List<Throwable> unexpected = new CopyOnWriteArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			long seed = seeds.nextLong();
			Connection shared = this.pool.getConnection();
			List<Statement> statements = new CopyOnWriteArrayList<>();
			List<Future<?>> sharers = SharedUse.run(this.threads, SHARERS, seed,
					(random) -> ops(shared, random, statements, unexpected));
			Long openXid = null;
			if (closeWhileRunning) {
				shared.close();
				SharedUse.await(sharers);
			}
			else if (this.anyThreadCloses) {
				SharedUse.await(sharers);
				shared.close();
			}
			else {
				SharedUse.await(sharers);
				openXid = openXid(shared);
				shared.close();
			}
			String where = "round " + round + " (seed " + seed + ")";
			for (Statement statement : statements) {
				assertThat(statement.isClosed()).as(where + ": statements closed, the driver's too").isTrue();
			}
			try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
				try (ResultSet rows = statement
					.executeQuery("SELECT state, backend_xid FROM pg_stat_activity WHERE pid = " + pid)) {
					assertThat(rows.next()).as(where + ": the backend is still there").isTrue();
					assertThat(rows.getString(1)).as(where + ": backend state after close").isEqualTo("idle");
					assertThat(rows.getString(2)).as(where + ": no xid held").isNull();
				}
				if (openXid != null) {
					try (ResultSet rows = statement.executeQuery("SELECT txid_status(" + openXid + ")")) {
						rows.next();
						assertThat(rows.getString(1)).as(where + ": the transaction left open was rolled back")
							.isEqualTo("aborted");
					}
				}
			}
			try (Connection next = this.pool.getConnection()) {
				assertThat(PostgresTestSupport.backendPid(next)).as(where + ": same backend").isEqualTo(pid);
				assertThat(Baseline.read(next)).as(where + ": next borrower's session").isEqualTo(baseline);
			}
		}
		assertThat(unexpected).isEmpty();
	}

	/** The xid of a transaction still open on the shared connection, if any. */
	private static Long openXid(Connection shared) {
		try (Statement statement = shared.createStatement();
				ResultSet rows = statement.executeQuery("SELECT txid_current_if_assigned()")) {
			rows.next();
			long xid = rows.getLong(1);
			return rows.wasNull() ? null : xid;
		}
		catch (SQLException failedTransaction) {
			return null;
		}
	}

	private void ops(Connection c, SplittableRandom random, List<Statement> statements, List<Throwable> unexpected) {
		for (int i = 0; i < OPS; i++) {
			try {
				op(c, random, statements);
			}
			catch (SQLException expected) {
				// Refused after close (08003), read-only or mid-transaction refusals, a
				// failed transaction (25P02): all allowed.
			}
			catch (RuntimeException | Error ex) {
				unexpected.add(ex);
			}
		}
	}

	private void op(Connection c, SplittableRandom random, List<Statement> statements) throws SQLException {
		switch (random.nextInt(this.anyThreadCloses ? 17 : 16)) {
			case 0 -> c.setAutoCommit(random.nextBoolean());
			case 1 -> c.commit();
			case 2 -> c.rollback();
			case 3 -> {
				try (Statement s = c.createStatement()) {
					s.execute("SELECT 1");
				}
			}
			case 4 -> {
				try (Statement s = c.createStatement()) {
					s.executeUpdate("INSERT INTO public." + this.name + " (tag) VALUES ('w')");
				}
			}
			case 5 -> c.setReadOnly(random.nextBoolean());
			case 6 -> c.setSchema(random.nextBoolean() ? "public" : this.name + "_s");
			case 7 -> c.setTransactionIsolation(switch (random.nextInt(3)) {
				case 0 -> Connection.TRANSACTION_SERIALIZABLE;
				case 1 -> Connection.TRANSACTION_REPEATABLE_READ;
				default -> Connection.TRANSACTION_READ_COMMITTED;
			});
			case 8 -> c.setHoldability(
					random.nextBoolean() ? ResultSet.HOLD_CURSORS_OVER_COMMIT : ResultSet.CLOSE_CURSORS_AT_COMMIT);
			case 9 -> c.setClientInfo("ApplicationName", "fuzz-" + random.nextInt(4));
			case 10 -> {
				Statement s = c.createStatement();
				statements.add(s);
				statements.add((Statement) s.unwrap(PGStatement.class));
			}
			case 11 -> {
				PreparedStatement p = c.prepareStatement("INSERT INTO public." + this.name + " (tag) VALUES (?)");
				statements.add(p);
				statements.add((Statement) p.unwrap(PGStatement.class));
				p.setString(1, "p");
				p.executeUpdate();
			}
			case 12 -> c.setNetworkTimeout(Runnable::run, random.nextBoolean() ? 0 : 60_000);
			case 13 -> {
				try (Statement s = c.createStatement()) {
					s.execute("BEGIN");
				}
			}
			case 14 -> c.setCatalog("test");
			case 16 -> c.close();
			default -> {
				try (Statement s = c.createStatement()) {
					s.execute("SELECT count(*) FROM public." + this.name);
				}
			}
		}
	}

	/** What a borrower sees of the session, from the driver and the server. */
	private record Baseline(boolean autoCommit, int isolation, boolean readOnly, int holdability, int networkTimeout,
			String clientApplicationName, String applicationName, String searchPath, String serverIsolation,
			String serverReadOnly, String transactionStatus) {

		static Baseline read(Connection borrowed) throws SQLException {
			Connection driver = (Connection) borrowed.unwrap(PGConnection.class);
			String status = borrowed.unwrap(org.postgresql.core.BaseConnection.class).getTransactionState().name();
			boolean autoCommit = driver.getAutoCommit();
			int isolation = driver.getTransactionIsolation();
			String[] server = new String[4];
			try (Statement statement = driver.createStatement();
					ResultSet rows = statement.executeQuery("SELECT current_setting('application_name'),"
							+ " current_setting('search_path'), current_setting('transaction_isolation'),"
							+ " current_setting('default_transaction_read_only')")) {
				rows.next();
				for (int i = 0; i < 4; i++) {
					server[i] = rows.getString(i + 1);
				}
			}
			return new Baseline(autoCommit, isolation, driver.isReadOnly(), driver.getHoldability(),
					driver.getNetworkTimeout(), driver.getClientInfo("ApplicationName"), server[0], server[1],
					server[2], server[3], status);
		}

	}

}
