package io.poolkit.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;

import io.poolkit.PoolDataSource;
import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Structs and refs, which pgjdbc and MariaDB Connector/J never return but other drivers
 * do, are wrapped like arrays: their values lead back to the borrow. A real pgjdbc array,
 * whose result sets come from a statement of pgjdbc's, stands for a driver value inside
 * them; the struct and the ref are the test's own.
 */
class LentValuesTest {

	private static PoolDataSource pool() {
		return new PoolDataSource(TestPools.postgres(PostgresTestSupport.uniqueName("lent-values")).maxSize(1).build());
	}

	private static Struct struct(Object[] attributes) {
		return new Struct() {

			@Override
			public String getSQLTypeName() {
				return "pair";
			}

			@Override
			public Object[] getAttributes() {
				return attributes;
			}

			@Override
			public Object[] getAttributes(Map<String, Class<?>> map) {
				return attributes;
			}

		};
	}

	private static Ref ref(Object value) {
		return new Ref() {

			@Override
			public String getBaseTypeName() {
				return "pair";
			}

			@Override
			public Object getObject(Map<String, Class<?>> map) {
				return value;
			}

			@Override
			public Object getObject() {
				return value;
			}

			@Override
			public void setObject(Object value) {
			}

		};
	}

	private static void assertLeadsTo(Object array, Statement statement) throws SQLException {
		assertThat(array).isInstanceOf(ArrayProxy.class);
		ResultSet elements = ((Array) array).getResultSet();
		assertThat(elements).isInstanceOf(ResultSetProxy.class);
		assertThat(elements.getStatement()).isSameAs(statement);
	}

	@Test
	void theDriversValuesInsideAStructOrARefLeadBackToTheBorrow() throws SQLException {
		try (PoolDataSource pool = pool();
				Connection raw = PostgresTestSupport.connect();
				Connection borrowed = pool.getConnection();
				Statement statement = borrowed.createStatement()) {
			Array driverArray = raw.createArrayOf("int4", new Object[] { 1, 2 });
			ConnectionProxy connection = (ConnectionProxy) borrowed;
			StatementProxy origin = (StatementProxy) statement;

			Struct struct = (Struct) LentValues.wrap(connection, origin, struct(new Object[] { driverArray, "text" }));
			assertThat(struct).isInstanceOf(StructProxy.class);
			Object[] attributes = struct.getAttributes();
			assertLeadsTo(attributes[0], statement);
			assertThat(attributes[1]).isEqualTo("text");
			assertLeadsTo(struct.getAttributes(Map.of())[0], statement);

			Object[] typed = ((Struct) LentValues.wrap(connection, origin, struct(new Array[] { driverArray })))
				.getAttributes();
			assertThat(typed).isInstanceOf(Array[].class);
			assertLeadsTo(typed[0], statement);

			Ref ref = (Ref) LentValues.wrap(connection, origin, ref(driverArray));
			assertThat(ref).isInstanceOf(RefProxy.class);
			assertLeadsTo(ref.getObject(), statement);
			assertLeadsTo(ref.getObject(Map.of()), statement);
			Struct nested = (Struct) ((Ref) LentValues.wrap(connection, origin,
					ref(struct(new Object[] { driverArray }))))
				.getObject();
			assertLeadsTo(nested.getAttributes()[0], statement);
		}
	}

}
