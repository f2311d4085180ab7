package io.poolkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the real PostgreSQL: a borrower that changes the schema gets the connection's
 * {@code search_path} put back exactly as it was (every entry, their quoting,
 * {@code "$user"}), not re-derived from the current schema. pgjdbc's {@code setSchema}
 * replaces the whole path with one schema, and the pool used to restore with
 * {@code setSchema(<the schema first found>)}, leaving a one-entry path behind; setting
 * the schema the path already started with was not restored at all.
 * <p>
 * The path is set through the connection's {@code options}, as a user would on the URL.
 */
@Timeout(60)
class SearchPathRestoreTest {

	private String plain;

	private String odd;

	private String other;

	private PoolDataSource pool;

	private String original;

	@BeforeEach
	void setUp() throws SQLException {
		String suffix = PostgresTestSupport.uniqueTableName("");
		this.plain = "sp_plain" + suffix;
		this.odd = "Sp Odd" + suffix;
		this.other = "sp_other" + suffix;
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE SCHEMA " + this.plain);
			statement.execute("CREATE SCHEMA \"" + this.odd + "\"");
			statement.execute("CREATE SCHEMA " + this.other);
		}
		String options = "-c search_path=\"$user\"," + this.plain + ",\"" + this.odd.replace(" ", "\\ ") + "\",public";
		this.pool = new PoolDataSource(TestPools.postgres(PostgresTestSupport.uniqueName("search-path"))
			.dataSourceProperty("options", options)
			.maxSize(1)
			.build());
		Properties properties = PostgresTestSupport.properties();
		properties.setProperty("options", options);
		try (Connection fresh = new org.postgresql.Driver().connect(PostgresTestSupport.url(), properties)) {
			this.original = searchPath(fresh);
		}
	}

	@AfterEach
	void tearDown() throws SQLException {
		this.pool.close();
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + this.plain + ", \"" + this.odd + "\", " + this.other);
		}
	}

	private static String searchPath(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SHOW search_path")) {
			row.next();
			return row.getString(1);
		}
	}

	private void assertNextBorrowerHasTheOriginalPath() throws SQLException {
		try (Connection next = this.pool.getConnection()) {
			assertThat(searchPath(next)).isEqualTo(this.original);
			assertThat(next.getSchema()).isEqualTo(this.plain);
		}
	}

	@Test
	void theOriginalPathIsUnusual() {
		// The server keeps the text as given, without the spaces SET would add.
		assertThat(this.original).isEqualTo("\"$user\"," + this.plain + ",\"" + this.odd + "\",public");
	}

	@Test
	void anotherSchemaIsUndoneExactly() throws SQLException {
		try (Connection connection = this.pool.getConnection()) {
			assertThat(searchPath(connection)).isEqualTo(this.original);
			connection.setSchema(this.other);
			assertThat(searchPath(connection)).isNotEqualTo(this.original);
		}
		assertNextBorrowerHasTheOriginalPath();
	}

	/** The schema the path resolved to already: setSchema still cut the path to it. */
	@Test
	void theCurrentSchemaSetAgainIsUndoneExactly() throws SQLException {
		try (Connection connection = this.pool.getConnection()) {
			assertThat(connection.getSchema()).isEqualTo(this.plain);
			connection.setSchema(this.plain);
		}
		assertNextBorrowerHasTheOriginalPath();
	}

	@Test
	void aSchemaSetInsideATransactionIsUndoneExactly() throws SQLException {
		try (Connection connection = this.pool.getConnection()) {
			connection.setAutoCommit(false);
			connection.setSchema("\"" + this.odd + "\"");
			connection.setSchema(this.other);
			connection.commit();
		}
		assertNextBorrowerHasTheOriginalPath();
	}

	@Test
	void aSchemaSetOnTheDriversConnectionIsUndoneExactly() throws SQLException {
		try (Connection connection = this.pool.getConnection()) {
			((Connection) connection.unwrap(PGConnection.class)).setSchema(this.other);
		}
		assertNextBorrowerHasTheOriginalPath();
	}

}
