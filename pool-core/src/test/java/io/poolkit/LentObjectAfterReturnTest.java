package io.poolkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Statement;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * On the real PostgreSQL, the rule of the README's "Misuse and what happens": once a
 * borrow has ended, nothing it was lent reaches the physical connection, which the pool
 * of one connection here lends to the next borrower. pgjdbc's objects that do reach it
 * lazily, and that the pool handed out as they were: a {@code Blob} or {@code Clob} of an
 * {@code oid} column (the large object is opened at its first use, inside whatever
 * transaction the connection has then), a {@code ResultSetMetaData} (it queries the
 * catalog the first time {@code isNullable} is asked), a prepared statement's metadata,
 * and a {@code DatabaseMetaData} result set, which the return did not close. Each kept
 * object's call after the return must be refused with SQLState 08003 and leave the next
 * borrower unharmed.
 */
@Timeout(60)
class LentObjectAfterReturnTest {

	private String table;

	private String largeObjects;

	private PoolDataSource pool;

	@BeforeEach
	void createTables() throws SQLException {
		this.table = PostgresTestSupport.uniqueTableName("lent_object_after_return");
		this.largeObjects = this.table + "_lob";
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE TABLE " + this.table + " (id serial PRIMARY KEY, name text NOT NULL)");
			statement.execute("CREATE TABLE " + this.largeObjects + " (id int, data oid)");
			statement.execute("INSERT INTO " + this.largeObjects + " VALUES (1, lo_from_bytea(0, 'aaaa'))");
		}
	}

	@AfterEach
	void dropTables() throws SQLException {
		if (this.pool != null) {
			this.pool.close();
		}
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("SELECT lo_unlink(data) FROM " + this.largeObjects);
			statement.execute("DROP TABLE IF EXISTS " + this.largeObjects);
			statement.execute("DROP TABLE IF EXISTS " + this.table);
		}
	}

	private PoolDataSource start(PoolConfig.Builder config) {
		this.pool = new PoolDataSource(config.maxSize(1).build());
		return this.pool;
	}

	private PoolDataSource start(boolean autoCommit) {
		return start(TestPools.postgres(PostgresTestSupport.uniqueName("lent-after-return")).autoCommit(autoCommit));
	}

	private static void assertRefused(ThrowingCallable call) {
		assertThatExceptionOfType(SQLException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("08003"));
	}

	/** A stream's refusal: an IOException caused by the 08003 error. */
	private static void assertStreamRefused(ThrowingCallable call) {
		assertThatExceptionOfType(IOException.class).isThrownBy(call)
			.havingCause()
			.isInstanceOfSatisfying(SQLException.class, (ex) -> assertThat(ex.getSQLState()).isEqualTo("08003"));
	}

	private static String backendState(int pid) throws SQLException {
		try (Connection admin = PostgresTestSupport.admin();
				PreparedStatement statement = admin
					.prepareStatement("SELECT state FROM pg_stat_activity WHERE pid = ?")) {
			statement.setInt(1, pid);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

	private String largeObject() throws SQLException {
		try (Connection admin = PostgresTestSupport.admin();
				Statement statement = admin.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT encode(lo_get(data), 'escape') FROM " + this.largeObjects)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private int rows() throws SQLException {
		return PostgresTestSupport.queryInt("SELECT count(*)::int FROM " + this.table);
	}

	/**
	 * Before, the ended borrow's blob opened the large object inside the next borrower's
	 * transaction and wrote into it, and the next borrower's commit committed that.
	 */
	@Test
	void aBlobKeptPastTheReturnCannotWriteIntoTheNextBorrowersTransaction() throws SQLException {
		start(false);
		Blob byIndex;
		Blob byName;
		Clob clob;
		try (Connection connection = this.pool.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT data FROM " + this.largeObjects)) {
			rows.next();
			// Not read during the borrow: pgjdbc opens the large object on first use.
			byIndex = rows.getBlob(1);
			byName = rows.getBlob("data");
			clob = rows.getClob(1);
			connection.commit();
		}
		try (Connection next = this.pool.getConnection(); Statement statement = next.createStatement()) {
			statement.executeUpdate("INSERT INTO " + this.table + " (name) VALUES ('next borrower')");
			assertRefused(() -> byIndex.setBytes(1, "ZZ".getBytes(StandardCharsets.US_ASCII)));
			assertRefused(() -> byName.setBytes(1, "YY".getBytes(StandardCharsets.US_ASCII)));
			assertRefused(() -> clob.setString(1, "XX"));
			assertRefused(byIndex::length);
			next.commit();
		}
		assertThat(largeObject()).isEqualTo("aaaa");
		assertThat(rows()).isOne();
		// Cleanup code in a finally may free it late: that does nothing.
		byIndex.free();
		clob.free();
	}

	/**
	 * The same on a pool with auto-commit on, where the next borrower opens a transaction
	 * with setAutoCommit(false), as Spring's {@code @Transactional} does: pgjdbc's large
	 * objects need one, so the stray write needed the next borrower's.
	 */
	@Test
	void aBlobKeptPastTheReturnCannotWriteIntoATransactionalNextBorrower() throws SQLException {
		start(true);
		Blob kept;
		try (Connection connection = this.pool.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT data FROM " + this.largeObjects)) {
			rows.next();
			kept = rows.getObject(1, Blob.class);
		}
		try (Connection next = this.pool.getConnection(); Statement statement = next.createStatement()) {
			next.setAutoCommit(false);
			statement.executeUpdate("INSERT INTO " + this.table + " (name) VALUES ('next borrower')");
			assertRefused(() -> kept.setBytes(1, "ZZ".getBytes(StandardCharsets.US_ASCII)));
			next.commit();
		}
		assertThat(largeObject()).isEqualTo("aaaa");
		assertThat(rows()).isOne();
	}

	/**
	 * pgjdbc's streams of a large object read and write it as they go, on the descriptor
	 * of the ended borrow's transaction. Before, the stray read ran in the next
	 * borrower's transaction, which the server's "invalid large-object descriptor" error
	 * aborted: the next borrower's commit rolled its work back.
	 */
	@Test
	void aBlobsStreamsKeptPastTheReturnCannotReachTheNextBorrower() throws SQLException, IOException {
		start(false);
		InputStream in;
		OutputStream out;
		Reader reader;
		try (Connection connection = this.pool.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT data FROM " + this.largeObjects)) {
			rows.next();
			// Opened, not read nor written during the borrow.
			in = rows.getBlob(1).getBinaryStream();
			out = rows.getBlob(1).setBinaryStream(1);
			reader = rows.getClob(1).getCharacterStream();
			connection.commit();
		}
		try (Connection next = this.pool.getConnection(); Statement statement = next.createStatement()) {
			statement.executeUpdate("INSERT INTO " + this.table + " (name) VALUES ('next borrower')");
			assertStreamRefused(in::read);
			assertStreamRefused(reader::read);
			assertStreamRefused(() -> out.write("ZZ".getBytes(StandardCharsets.US_ASCII)));
			assertStreamRefused(out::flush);
			// Cleanup code in a finally may close them late: that does nothing.
			out.close();
			in.close();
			reader.close();
			next.commit();
		}
		assertThat(rows()).isOne();
		assertThat(largeObject()).isEqualTo("aaaa");
	}

	/**
	 * pgjdbc's SQLXML holds its value in memory, but JDBC lets a driver's reach the
	 * connection: it belongs to the borrow like the other values. (pgjdbc implements no
	 * createBlob or createClob.)
	 */
	@Test
	void anSqlxmlValueIsRefusedAfterTheReturn() throws SQLException {
		start(true);
		SQLXML read;
		SQLXML typed;
		SQLXML created;
		try (Connection connection = this.pool.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT '<a/>'::xml")) {
			rows.next();
			read = rows.getSQLXML(1);
			typed = rows.getObject(1, SQLXML.class);
			assertThat(typed.getString()).isEqualTo("<a/>");
			created = connection.createSQLXML();
			created.setString("<b/>");
		}
		assertRefused(read::getString);
		assertRefused(typed::getString);
		assertRefused(created::getString);
		// Cleanup code in a finally may free them late: that does nothing.
		read.free();
		typed.free();
		created.free();
	}

	/**
	 * Before, the stray call queried the catalog on the pooled connection, which with
	 * auto-commit off stayed {@code idle in transaction} in the pool.
	 */
	@Test
	void resultSetMetadataKeptPastTheReturnLeavesTheConnectionIdle() throws SQLException {
		start(false);
		ResultSetMetaData kept;
		int pid;
		try (Connection connection = this.pool.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT id, name FROM " + this.table)) {
			pid = PostgresTestSupport.backendPid(connection);
			kept = rows.getMetaData();
			assertThat(rows.getMetaData()).isSameAs(kept);
			assertThat(kept.getColumnCount()).isEqualTo(2);
			connection.commit();
		}
		assertThat(backendState(pid)).isEqualTo("idle");
		assertRefused(() -> kept.isNullable(2));
		assertRefused(() -> kept.getColumnTypeName(2));
		assertThat(backendState(pid)).isEqualTo("idle");
	}

	/**
	 * Before, at REPEATABLE READ the stray query's transaction stayed open in the pool
	 * and the next borrower read from its snapshot: a row committed before its borrow was
	 * invisible to it.
	 */
	@Test
	void resultSetMetadataKeptPastTheReturnCannotGiveTheNextBorrowerAStaleSnapshot() throws SQLException {
		start(TestPools.postgres(PostgresTestSupport.uniqueName("lent-after-return"))
			.autoCommit(false)
			.transactionIsolation(Connection.TRANSACTION_REPEATABLE_READ));
		ResultSetMetaData kept;
		try (Connection connection = this.pool.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT id, name FROM " + this.table)) {
			kept = rows.getMetaData();
			connection.commit();
		}
		assertRefused(() -> kept.isNullable(2));
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.executeUpdate("INSERT INTO " + this.table + " (name) VALUES ('committed before the borrow')");
		}
		try (Connection next = this.pool.getConnection();
				Statement statement = next.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + this.table)) {
			rows.next();
			assertThat(rows.getInt(1)).isOne();
			next.rollback();
		}
	}

	@Test
	void aPreparedStatementsMetadataKeptPastTheReturnLeavesTheConnectionIdle() throws SQLException {
		start(false);
		ResultSetMetaData columns;
		ParameterMetaData parameters;
		int pid;
		try (Connection connection = this.pool.getConnection();
				PreparedStatement statement = connection
					.prepareStatement("SELECT id, name FROM " + this.table + " WHERE id = ?")) {
			pid = PostgresTestSupport.backendPid(connection);
			columns = statement.getMetaData();
			parameters = statement.getParameterMetaData();
			assertThat(parameters.getParameterCount()).isOne();
			connection.commit();
		}
		assertRefused(() -> columns.isNullable(2));
		assertRefused(() -> parameters.getParameterTypeName(1));
		assertThat(backendState(pid)).isEqualTo("idle");
	}

	/**
	 * Before, the return left a metadata result set open, and its metadata queried the
	 * catalog on the next borrower's connection.
	 */
	@Test
	void aMetadataResultSetIsClosedByTheReturn() throws SQLException {
		start(false);
		ResultSet tables;
		ResultSet closedByTheBorrower;
		try (Connection connection = this.pool.getConnection()) {
			tables = connection.getMetaData().getTables(null, null, this.table, null);
			closedByTheBorrower = connection.getMetaData().getSchemas();
			closedByTheBorrower.close();
			connection.commit();
		}
		assertThat(tables.isClosed()).isTrue();
		assertThat(closedByTheBorrower.isClosed()).isTrue();
		try (Connection next = this.pool.getConnection()) {
			int pid = PostgresTestSupport.backendPid(next);
			next.commit();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> tables.getMetaData().isNullable(3));
			assertRefused(tables::next);
			assertThat(backendState(pid)).isEqualTo("idle");
		}
	}

	@Test
	void theMetadataOfAMetadataResultSetKeptPastTheReturnIsRefused() throws SQLException {
		start(false);
		ResultSetMetaData kept;
		int pid;
		try (Connection connection = this.pool.getConnection();
				ResultSet tables = connection.getMetaData().getTables(null, null, this.table, null)) {
			pid = PostgresTestSupport.backendPid(connection);
			kept = tables.getMetaData();
			connection.commit();
		}
		assertRefused(() -> kept.isNullable(3));
		assertThat(backendState(pid)).isEqualTo("idle");
	}

}
