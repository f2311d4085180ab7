package io.poolkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.poolkit.testkit.MariaDbTestSupport;
import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the README says the return does <em>not</em> undo, shown on the real PostgreSQL
 * (and MariaDB): session state changed with SQL rather than through JDBC stays with the
 * physical connection and reaches the next borrower (as with HikariCP). The pool tracks
 * the JDBC setters; it does not run {@code DISCARD ALL} or {@code RESET ALL}, which would
 * cost a round trip on every return and would also drop what {@code connection-init-sql}
 * set.
 */
@Timeout(60)
class SessionStateNotRestoredTest {

	private String suffix;

	private PoolDataSource pool;

	@BeforeEach
	void setUp() {
		this.suffix = PostgresTestSupport.uniqueTableName("");
		this.pool = new PoolDataSource(
				TestPools.postgres(PostgresTestSupport.uniqueName("not-restored")).maxSize(1).build());
	}

	@AfterEach
	void tearDown() {
		this.pool.close();
	}

	private static String text(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
			row.next();
			return row.getString(1);
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	@Test
	void sqlSetTempTablesPreparedStatementsAdvisoryLocksAndListenReachTheNextBorrower() throws SQLException {
		String pid;
		try (Connection connection = this.pool.getConnection()) {
			pid = text(connection, "SELECT pg_backend_pid()");
			execute(connection, "SET statement_timeout = '4321ms'");
			execute(connection, "SET search_path = pg_catalog");
			execute(connection, "CREATE TEMP TABLE kept" + this.suffix + " (id int)");
			execute(connection, "PREPARE kept" + this.suffix + " AS SELECT 42");
			execute(connection, "SELECT pg_advisory_lock(4242)");
			execute(connection, "LISTEN kept" + this.suffix);
		}
		try (Connection next = this.pool.getConnection()) {
			assertThat(text(next, "SELECT pg_backend_pid()")).as("the same physical connection").isEqualTo(pid);
			assertThat(text(next, "SHOW statement_timeout")).isEqualTo("4321ms");
			assertThat(text(next, "SHOW search_path")).isEqualTo("pg_catalog");
			assertThat(text(next, "SELECT count(*) FROM pg_temp.kept" + this.suffix)).isEqualTo("0");
			assertThat(text(next, "EXECUTE kept" + this.suffix)).isEqualTo("42");
			assertThat(text(next, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = "
					+ "pg_backend_pid() AND objid = 4242"))
				.isEqualTo("1");
			assertThat(text(next, "SELECT string_agg(c, ',') FROM pg_listening_channels() c"))
				.isEqualTo("kept" + this.suffix);
		}
	}

	/**
	 * A cursor declared {@code WITH HOLD} outlives the transaction that made it, so the
	 * return's rollback does not close it: the next borrower can read it.
	 */
	@Test
	void aCursorWithHoldLeftOpenIsReadableByTheNextBorrower() throws SQLException {
		String cursor = "kept" + this.suffix;
		String pid;
		try (Connection connection = this.pool.getConnection()) {
			pid = text(connection, "SELECT pg_backend_pid()");
			execute(connection, "DECLARE " + cursor + " CURSOR WITH HOLD FOR SELECT 'left open'");
		}
		try (Connection next = this.pool.getConnection()) {
			assertThat(text(next, "SELECT pg_backend_pid()")).as("the same physical connection").isEqualTo(pid);
			assertThat(text(next, "SELECT count(*) FROM pg_cursors WHERE name = '" + cursor + "'")).isEqualTo("1");
			assertThat(text(next, "FETCH NEXT FROM " + cursor)).isEqualTo("left open");
			execute(next, "CLOSE " + cursor);
		}
	}

	/**
	 * MariaDB's table locks and named locks are session state too: {@code LOCK TABLES}
	 * and {@code GET_LOCK} left by a borrower stay with the connection (the next borrower
	 * holds them, and can reach no other table), like PostgreSQL's advisory locks.
	 */
	@Test
	void mariaDbLockTablesAndGetLockReachTheNextBorrower() throws SQLException {
		String table = "kept" + this.suffix;
		try (Connection admin = MariaDbTestSupport.admin()) {
			execute(admin, "CREATE TABLE " + table + " (id int)");
		}
		try (PoolDataSource mariaDb = new PoolDataSource(
				TestPools.mariaDb(PostgresTestSupport.uniqueName("not-restored-mariadb")).maxSize(1).build())) {
			String id;
			try (Connection connection = mariaDb.getConnection()) {
				id = text(connection, "SELECT CONNECTION_ID()");
				execute(connection, "LOCK TABLES " + table + " WRITE");
				execute(connection, "SELECT GET_LOCK('" + table + "', 0)");
			}
			try (Connection next = mariaDb.getConnection()) {
				assertThat(text(next, "SELECT CONNECTION_ID()")).as("the same physical connection").isEqualTo(id);
				assertThat(text(next, "SELECT IS_USED_LOCK('" + table + "') = CONNECTION_ID()")).isEqualTo("1");
				execute(next, "INSERT INTO " + table + " VALUES (1)");
				assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> text(next, "SELECT count(*) FROM mysql.user"))
					.withMessageContaining("was not locked with LOCK TABLES");
				execute(next, "UNLOCK TABLES");
				execute(next, "SELECT RELEASE_LOCK('" + table + "')");
			}
		}
		finally {
			try (Connection admin = MariaDbTestSupport.admin()) {
				execute(admin, "DROP TABLE IF EXISTS " + table);
			}
		}
	}

}
