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
import io.poolkit.testkit.MariaDbTestSupport;
import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack on the shared-borrow promise on the real MariaDB: threads sharing one borrowed
 * connection mix setters, SQL (also {@code START TRANSACTION} and
 * {@code SET autocommit}), commits, rollbacks and statements in random interleavings;
 * after {@code close()} the next borrower of the same server session (maxSize 1) must
 * find every setting at the pool's defaults, no InnoDB transaction and the borrow's
 * statements closed.
 */
@Timeout(300)
class MariaDbSharedBorrowFuzzTest {

	private static final int SHARERS = 3;

	private static final int ROUNDS = 300;

	private static final int OPS = 25;

	private final String name = PostgresTestSupport.uniqueTableName("mariadb_shared_fuzz");

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private PoolDataSource pool;

	@AfterEach
	void tearDown() throws SQLException {
		this.threads.shutdownNow();
		if (this.pool != null) {
			this.pool.close();
		}
		try (Connection admin = MariaDbTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + this.name);
			statement.execute("DROP DATABASE IF EXISTS " + this.name + "_db");
		}
	}

	@Test
	void randomSharedUseWithAutoCommitOnLeavesACleanSession() throws Exception {
		fuzz(true, false);
	}

	@Test
	void randomSharedUseWithAutoCommitOffLeavesACleanSession() throws Exception {
		fuzz(false, false);
	}

	@Test
	void randomSharedUseClosedWhileThreadsStillRunLeavesACleanSession() throws Exception {
		fuzz(true, true);
	}

	private void fuzz(boolean autoCommit, boolean closeWhileRunning) throws Exception {
		try (Connection admin = MariaDbTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE TABLE " + this.name + " (tag varchar(16)) ENGINE=InnoDB");
			statement.execute("CREATE DATABASE " + this.name + "_db");
		}
		this.pool = new PoolDataSource(TestPools.mariaDb(this.name).autoCommit(autoCommit).maxSize(1).build());
		Baseline baseline;
		long session;
		try (Connection first = this.pool.getConnection()) {
			session = sessionId(first);
			baseline = Baseline.read(first);
		}
		assertThat(baseline.autoCommit).isEqualTo(autoCommit);
		SplittableRandom seeds = new SplittableRandom(7);
		List<Throwable> unexpected = new CopyOnWriteArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			long seed = seeds.nextLong();
			Connection shared = this.pool.getConnection();
			List<Statement> statements = new CopyOnWriteArrayList<>();
			List<Future<?>> sharers = SharedUse.run(this.threads, SHARERS, seed,
					(random) -> ops(shared, random, statements, unexpected));
			if (closeWhileRunning) {
				shared.close();
			}
			SharedUse.await(sharers);
			shared.close();
			String where = "round " + round + " (seed " + seed + ")";
			for (Statement statement : statements) {
				assertThat(statement.isClosed()).as(where + ": statements closed").isTrue();
			}
			try (Connection admin = MariaDbTestSupport.admin();
					Statement statement = admin.createStatement();
					ResultSet rows = statement
						.executeQuery("SELECT count(*) FROM information_schema.innodb_trx WHERE trx_mysql_thread_id = "
								+ session)) {
				rows.next();
				assertThat(rows.getInt(1)).as(where + ": InnoDB transactions of the session after close").isZero();
			}
			try (Connection next = this.pool.getConnection()) {
				assertThat(sessionId(next)).as(where + ": same session").isEqualTo(session);
				assertThat(Baseline.read(next)).as(where + ": next borrower's session").isEqualTo(baseline);
			}
		}
		assertThat(unexpected).isEmpty();
	}

	private static long sessionId(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT CONNECTION_ID()")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private void ops(Connection c, SplittableRandom random, List<Statement> statements, List<Throwable> unexpected) {
		for (int i = 0; i < OPS; i++) {
			try {
				op(c, random, statements);
			}
			catch (SQLException expected) {
				// Refused after close (08003), a read-only transaction's refusal:
				// allowed.
			}
			catch (RuntimeException | Error ex) {
				unexpected.add(ex);
			}
		}
	}

	private void op(Connection c, SplittableRandom random, List<Statement> statements) throws SQLException {
		switch (random.nextInt(17)) {
			case 0 -> c.setAutoCommit(random.nextBoolean());
			case 1 -> c.commit();
			case 2 -> c.rollback();
			case 3 -> execute(c, "SELECT 1");
			case 4 -> execute(c, "INSERT INTO test." + this.name + " VALUES ('w')");
			case 5 -> c.setReadOnly(random.nextBoolean());
			case 6 -> c.setCatalog(random.nextBoolean() ? "test" : this.name + "_db");
			case 7 -> c.setTransactionIsolation(switch (random.nextInt(3)) {
				case 0 -> Connection.TRANSACTION_SERIALIZABLE;
				case 1 -> Connection.TRANSACTION_READ_COMMITTED;
				default -> Connection.TRANSACTION_REPEATABLE_READ;
			});
			case 8 -> c.setHoldability(
					random.nextBoolean() ? ResultSet.HOLD_CURSORS_OVER_COMMIT : ResultSet.CLOSE_CURSORS_AT_COMMIT);
			// Not setClientInfo: MariaDB Connector/J cannot clear a name the borrower
			// added, which costs the connection (MariaDbClientInfoRestoreTest); this test
			// checks that the session is kept.
			case 9 -> c.getClientInfo("ApplicationName");
			case 10 -> statements.add(c.createStatement());
			case 11 -> {
				PreparedStatement p = c.prepareStatement("INSERT INTO test." + this.name + " VALUES (?)");
				statements.add(p);
				p.setString(1, "p");
				p.executeUpdate();
			}
			case 12 -> c.setNetworkTimeout(Runnable::run, random.nextBoolean() ? 0 : 60_000);
			case 13 -> execute(c, "START TRANSACTION");
			case 14 -> execute(c, "SET autocommit = " + (random.nextBoolean() ? 0 : 1));
			default -> execute(c, "SELECT count(*) FROM test." + this.name);
		}
	}

	private static void execute(Connection c, String sql) throws SQLException {
		try (Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

	/** What a borrower sees of the session, from the driver and the server. */
	private record Baseline(boolean autoCommit, boolean readOnly, int holdability, int networkTimeout,
			String clientInfo, String catalog, String serverAutoCommit, String isolation, String serverReadOnly,
			String database) {

		static Baseline read(Connection borrowed) throws SQLException {
			Connection driver = borrowed.unwrap(org.mariadb.jdbc.Connection.class);
			String[] server = new String[4];
			try (Statement statement = driver.createStatement();
					ResultSet rows = statement
						.executeQuery("SELECT @@session.autocommit, @@session.tx_isolation, @@session.tx_read_only,"
								+ " DATABASE()")) {
				rows.next();
				for (int i = 0; i < 4; i++) {
					server[i] = rows.getString(i + 1);
				}
			}
			return new Baseline(driver.getAutoCommit(), driver.isReadOnly(), driver.getHoldability(),
					driver.getNetworkTimeout(), String.valueOf(driver.getClientInfo()), driver.getCatalog(), server[0],
					server[1], server[2], server[3]);
		}

	}

}
