package io.poolkit;

import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Map;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * On the real PostgreSQL: no object the pool lends leads to the driver's connection,
 * statements or result sets. Each path that returns a JDBC object (a result set's
 * statement, an array's result sets, metadata, generated keys, further results, a
 * refcursor OUT parameter, arrays from a callable statement and from
 * {@code createArrayOf}) is followed to its connection, which must be the borrowed proxy;
 * before, {@code getArray(..).getResultSet().getStatement().getConnection()} was pgjdbc's
 * own connection, on which a borrower could go on after returning it.
 */
@Timeout(60)
class NoEscapeThroughLentObjectsTest {

	private static final Map<String, Class<?>> NO_TYPES = Map.of();

	private String function;

	private PoolDataSource pool;

	@BeforeEach
	void setUp() throws SQLException {
		this.function = PostgresTestSupport.uniqueTableName("cursor_of");
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE FUNCTION " + this.function + "() RETURNS refcursor LANGUAGE plpgsql AS $$ "
					+ "DECLARE c refcursor; BEGIN OPEN c FOR SELECT array[1, 2] AS a; RETURN c; END $$");
			statement.execute("CREATE FUNCTION " + this.function + "_array() RETURNS int[] LANGUAGE sql AS "
					+ "'SELECT array[3, 4]'");
		}
		this.pool = new PoolDataSource(
				TestPools.postgres(PostgresTestSupport.uniqueName("no-escape")).maxSize(1).build());
	}

	@AfterEach
	void tearDown() throws SQLException {
		this.pool.close();
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP FUNCTION IF EXISTS " + this.function + "()");
			statement.execute("DROP FUNCTION IF EXISTS " + this.function + "_array()");
		}
	}

	/** Not pgjdbc's own object: one of the pool's proxies. */
	private static void assertProxy(Object object) {
		assertThat(object).isNotNull();
		assertThat(object.getClass().getName()).as("class of %s", object).startsWith("io.poolkit.internal.");
	}

	/**
	 * A result set of the borrow: a proxy whose statement, if it has one, is a proxy of
	 * the borrowed connection.
	 */
	private static void assertLeadsBack(ResultSet resultSet, Connection borrowed) throws SQLException {
		assertProxy(resultSet);
		Statement statement = resultSet.getStatement();
		if (statement != null) {
			assertProxy(statement);
			assertThat(statement.getConnection()).isSameAs(borrowed);
		}
	}

	private static void assertArrayLeadsBack(Array array, Connection borrowed) throws SQLException {
		assertProxy(array);
		for (ResultSet elements : new ResultSet[] { array.getResultSet(), array.getResultSet(NO_TYPES),
				array.getResultSet(1, 1), array.getResultSet(1, 1, NO_TYPES) }) {
			assertLeadsBack(elements, borrowed);
			assertThat(elements.next()).isTrue();
			elements.close();
		}
		assertThat((Object[]) array.getArray()).isNotEmpty();
	}

	@Test
	void arraysFromAResultSetLeadBackToTheBorrowedConnection() throws SQLException {
		try (Connection connection = this.pool.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT array[1, 2] AS a")) {
			assertThat(rows.next()).isTrue();
			assertLeadsBack(rows, connection);
			assertThat(rows.getStatement()).isSameAs(statement);
			assertArrayLeadsBack(rows.getArray(1), connection);
			assertArrayLeadsBack(rows.getArray("a"), connection);
			assertArrayLeadsBack((Array) rows.getObject(1), connection);
			assertArrayLeadsBack(rows.getObject(1, Array.class), connection);
			assertArrayLeadsBack((Array) rows.getObject(1, NO_TYPES), connection);
			assertThat(rows.getArray(1).getResultSet().getStatement()).isSameAs(statement);
		}
	}

	@Test
	void anArrayMadeByTheConnectionLeadsBackToIt() throws SQLException {
		try (Connection connection = this.pool.getConnection()) {
			assertArrayLeadsBack(connection.createArrayOf("int4", new Object[] { 5, 6 }), connection);
		}
	}

	@Test
	void metadataGeneratedKeysAndFurtherResultsLeadBack() throws SQLException {
		try (Connection connection = this.pool.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			assertProxy(metaData);
			assertThat(metaData.getConnection()).isSameAs(connection);
			try (ResultSet tables = metaData.getTables(null, null, "pg_class", null)) {
				assertLeadsBack(tables, connection);
			}
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("CREATE TEMP TABLE keyed (id serial PRIMARY KEY, a int[])");
				statement.executeUpdate("INSERT INTO keyed (a) VALUES ('{7}')", Statement.RETURN_GENERATED_KEYS);
				try (ResultSet keys = statement.getGeneratedKeys()) {
					assertLeadsBack(keys, connection);
					assertThat(keys.getStatement()).isSameAs(statement);
					assertThat(keys.next()).isTrue();
					assertArrayLeadsBack(keys.getArray("a"), connection);
				}
				assertThat(statement.execute("SELECT 1; SELECT array[8]")).isTrue();
				assertLeadsBack(statement.getResultSet(), connection);
				assertThat(statement.getMoreResults()).isTrue();
				ResultSet second = statement.getResultSet();
				assertLeadsBack(second, connection);
				assertThat(second.next()).isTrue();
				assertArrayLeadsBack(second.getArray(1), connection);
				statement.execute("DROP TABLE keyed");
			}
			try (PreparedStatement prepared = connection.prepareStatement("SELECT array[9] WHERE ? > 0")) {
				prepared.setInt(1, 1);
				try (ResultSet rows = prepared.executeQuery()) {
					assertThat(rows.getStatement()).isSameAs(prepared);
					assertThat(rows.next()).isTrue();
					assertArrayLeadsBack(rows.getArray(1), connection);
				}
			}
		}
	}

	@Test
	void aRefcursorAndAnArrayFromACallableStatementLeadBack() throws SQLException {
		try (Connection connection = this.pool.getConnection()) {
			connection.setAutoCommit(false);
			for (boolean typed : new boolean[] { false, true }) {
				try (CallableStatement call = connection.prepareCall("{? = call " + this.function + "()}")) {
					call.registerOutParameter(1, Types.REF_CURSOR);
					call.execute();
					ResultSet cursor = typed ? call.getObject(1, ResultSet.class) : (ResultSet) call.getObject(1);
					assertLeadsBack(cursor, connection);
					assertThat(cursor.getStatement()).isSameAs(call);
					assertThat(cursor.next()).isTrue();
					assertArrayLeadsBack(cursor.getArray(1), connection);
					cursor.close();
				}
			}
			try (CallableStatement call = connection.prepareCall("{? = call " + this.function + "_array()}")) {
				call.registerOutParameter(1, Types.ARRAY);
				call.execute();
				assertArrayLeadsBack(call.getArray(1), connection);
				assertArrayLeadsBack((Array) call.getObject(1), connection);
			}
			connection.rollback();
		}
	}

	/**
	 * Like a result set, an array belongs to the borrow: refused once the connection is
	 * returned, except free(), which cleanup code calls late.
	 */
	@Test
	void anArrayIsRefusedOnceItsConnectionIsReturned() throws SQLException {
		Array array;
		try (Connection connection = this.pool.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT array[1, 2]")) {
			rows.next();
			array = rows.getArray(1);
		}
		assertThatExceptionOfType(SQLException.class).isThrownBy(array::getResultSet)
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("08003"));
		assertThatExceptionOfType(SQLException.class).isThrownBy(array::getArray)
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("08003"));
		array.free();
	}

}
