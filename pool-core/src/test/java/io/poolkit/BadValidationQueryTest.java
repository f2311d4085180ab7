package io.poolkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * On the real PostgreSQL: a {@code validation-query} that is wrong for the database (a
 * syntax error, a missing table) fails the start at once, naming the setting, its value
 * and the server's error, and once the pool runs, borrowers time out with that error in
 * the message while the pool opens connections at its slowest retry pace, not in a flood.
 * Before, every borrow's check failed, the connection was discarded and replaced, again
 * and again until connection-timeout, whose message did not say why.
 */
@Timeout(120)
class BadValidationQueryTest {

	private String table;

	private PoolDataSource pool;

	@BeforeEach
	void setUp() throws SQLException {
		this.table = PostgresTestSupport.uniqueTableName("validated");
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE TABLE " + this.table + " (id int)");
		}
	}

	@AfterEach
	void tearDown() throws SQLException {
		if (this.pool != null) {
			this.pool.close();
		}
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + this.table);
		}
	}

	private static PoolConfig.Builder config(String validationQuery) {
		return TestPools.postgres(PostgresTestSupport.uniqueName("bad-validation"))
			.maxSize(3)
			.validationQuery(validationQuery)
			.validationBypass(Duration.ZERO)
			.validationTimeout(Duration.ofSeconds(1))
			.connectionTimeout(Duration.ofSeconds(2));
	}

	/** Connections the pool opened, and connects that failed, so far. */
	private long opens() {
		PoolTotals totals = this.pool.totals();
		return totals.opened() + totals.connectErrors().values().stream().mapToLong(Long::longValue).sum();
	}

	@Test
	void aSyntaxErrorFailsTheStartAtOnceNamingTheSettingAndTheServersError() {
		long start = System.nanoTime();
		assertThatExceptionOfType(PoolInitializationException.class)
			.isThrownBy(
					() -> new PoolDataSource(config("SELEC 1").initializationTimeout(Duration.ofSeconds(20)).build()))
			.withMessageContaining("validation-query: 'SELEC 1'")
			.withMessageContaining("syntax error")
			.withMessageContaining("SQLState 42601");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not initialization-timeout")
			.isLessThan(Duration.ofSeconds(10));
	}

	/**
	 * Any error of the statement itself, not only class 42: before the fix a division by
	 * zero failed the start only at initialization-timeout, without naming the setting.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			SELECT 1/0          | division by zero       | 22012
			SELECT 'x'::int     | invalid input syntax   | 22P02
			SELECT 1 WHERE 1/0=1 | division by zero      | 22012
			""")
	void anErrorOfTheStatementOutsideClass42FailsTheStartAtOnce(String query, String error, String sqlState) {
		long start = System.nanoTime();
		assertThatExceptionOfType(PoolInitializationException.class)
			.isThrownBy(() -> new PoolDataSource(config(query).initializationTimeout(Duration.ofSeconds(20)).build()))
			.withMessageContaining("validation-query: '" + query + "'")
			.withMessageContaining(error)
			.withMessageContaining("SQLState " + sqlState);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not initialization-timeout")
			.isLessThan(Duration.ofSeconds(10));
	}

	/**
	 * A query that ends its own connection (57P01) says nothing about the query: the
	 * start waits as for any failed connect, and does not blame validation-query.
	 */
	@Test
	void aConnectionErrorDuringTheQueryIsNotBlamedOnIt() {
		assertThatExceptionOfType(PoolInitializationException.class)
			.isThrownBy(() -> new PoolDataSource(
					config("SELECT pg_terminate_backend(pg_backend_pid())").initializationTimeout(Duration.ofSeconds(2))
						.build()))
			.withMessageContaining("within initialization-timeout")
			.withMessageNotContaining("validation-query");
	}

	@Test
	void aMissingTableFailsTheStart() {
		assertThatExceptionOfType(PoolInitializationException.class)
			.isThrownBy(() -> new PoolDataSource(config("SELECT 1 FROM " + this.table + "_missing").build()))
			.withMessageContaining("validation-query: 'SELECT 1 FROM " + this.table + "_missing'")
			.withMessageContaining("does not exist")
			.withMessageContaining("SQLState 42P01");
	}

	/**
	 * Started without waiting: every borrow times out within connection-timeout, naming
	 * the validation error, and the pool opens a handful of connections, not one per
	 * check.
	 */
	@Test
	void startedWithoutWaitingBorrowersLearnWhyAndConnectionsAreNotFlooded() {
		this.pool = new PoolDataSource(config("SELEC 1").initializationTimeout(Duration.ZERO).build());
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(SQLTransientConnectionException.class)
				.isThrownBy(() -> this.pool.getConnection().close())
				.withMessageContaining("validation-query: 'SELEC 1'")
				.withMessageContaining("syntax error");
		}
		System.out.printf("bad validation-query from the start: %d connects over three borrows%n", opens());
		// The first fill (max-size 3 at once), then one retry per back-off (at least
		// connection-timeout / 2 = 1 s apart) over the three borrows' 6 s.
		assertThat(opens()).isLessThanOrEqualTo(3 + 7);
	}

	/**
	 * The query worked at startup, then its table is dropped: the borrowers' timeouts
	 * name the validation error and the connections are not replaced in a flood.
	 */
	@Test
	void aQueryThatFailsLaterIsNamedToTheBorrowers() throws SQLException {
		this.pool = new PoolDataSource(config("SELECT 1 FROM " + this.table).build());
		try (Connection connection = this.pool.getConnection()) {
			assertThat(connection.isValid(1)).isTrue();
		}
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP TABLE " + this.table);
		}
		long before = opens();
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(SQLTransientConnectionException.class)
				.isThrownBy(() -> this.pool.getConnection().close())
				.withMessageContaining("validation-query: 'SELECT 1 FROM " + this.table + "'")
				.withMessageContaining("does not exist");
		}
		System.out.printf("validation-query failing later: %d connects over three borrows%n", opens() - before);
		assertThat(opens() - before).isLessThanOrEqualTo(3 + 7);
	}

}
