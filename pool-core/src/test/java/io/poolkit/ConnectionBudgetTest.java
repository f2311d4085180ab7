package io.poolkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The start-up connection budget as an ordinary role, the way applications connect, on
 * the real PostgreSQL: it counts the connections other roles hold, which such a role
 * cannot see in {@code pg_stat_activity}, and the role's and the database's
 * {@code CONNECTION LIMIT}, past which the server refuses it.
 */
@Timeout(120)
class ConnectionBudgetTest {

	private final String role = PostgresTestSupport.uniqueTableName("poolkit_budget");

	private String database;

	private final List<Connection> others = new ArrayList<>();

	private PoolDataSource pool;

	@BeforeEach
	void createRoleAndDatabase() throws SQLException {
		this.database = PostgresTestSupport.createDatabase("budget");
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE ROLE " + this.role + " LOGIN NOSUPERUSER PASSWORD 'budget-pw'");
		}
	}

	@AfterEach
	void dropRoleAndDatabase() throws SQLException {
		if (this.pool != null) {
			this.pool.close();
		}
		for (Connection other : this.others) {
			other.close();
		}
		PostgresTestSupport.dropDatabase(this.database);
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP ROLE IF EXISTS " + this.role);
		}
	}

	private void admin(String sql) throws SQLException {
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute(sql);
		}
	}

	/** Sessions of another role (the superuser) in the test's own database. */
	private void openOthers(int count) throws SQLException {
		for (int i = 0; i < count; i++) {
			this.others.add(PostgresTestSupport.admin(this.database));
		}
	}

	private ConnectionBudget budget(int maxSize) {
		this.pool = new PoolDataSource(PoolConfig.builder()
			.name(this.role.replace('_', '-'))
			.url(PostgresTestSupport.databaseUrl(this.database))
			.username(this.role)
			.password("budget-pw")
			.maxSize(maxSize)
			.minIdle(1)
			.build());
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.connectionBudget() != null);
		return this.pool.connectionBudget();
	}

	@Test
	void theRolesConnectionLimitIsWhatTheServerRefusesPast() throws SQLException {
		admin("ALTER ROLE " + this.role + " CONNECTION LIMIT 3");
		ConnectionBudget budget = budget(10);
		assertThat(budget.exceeded()).isTrue();
		assertThat(budget.roleConnectionLimit()).isEqualTo(3);
		assertThat(budget.available()).isEqualTo(3);
		assertThat(budget.perInstanceLimit()).isEqualTo(3);
		assertThat(budget.message()).contains("more than the 3 role '" + this.role + "' may open")
			.contains("CONNECTION LIMIT")
			.contains("lower max-size to at most 3");
		assertThat(this.pool.sizingAdvice().budgetLimit()).isEqualTo(3);
	}

	@Test
	void theDatabasesConnectionLimitIsWhatTheServerRefusesPast() throws SQLException {
		admin("ALTER DATABASE " + this.database + " CONNECTION LIMIT 4");
		ConnectionBudget budget = budget(10);
		assertThat(budget.exceeded()).isTrue();
		assertThat(budget.databaseConnectionLimit()).isEqualTo(4);
		assertThat(budget.message()).contains("more than the 4 database '" + this.database + "' accepts");
	}

	/**
	 * Nine sessions of another role are open; an ordinary role sees them in
	 * pg_stat_activity without a backend_type, and the old check counted none of them.
	 */
	@Test
	void connectionsOfOtherRolesAreCountedAsInUse() throws SQLException {
		openOthers(9);
		ConnectionBudget budget = budget(2);
		assertThat(budget.inUse()).isGreaterThanOrEqualTo(9 + 1);
	}

	/**
	 * The database allows 12; the pool's 4 fit alone, but not beside the 9 sessions of
	 * another role in it.
	 */
	@Test
	void aPoolThatFitsOnlyAloneIsToldSoCountingOtherRolesSessions() throws SQLException {
		admin("ALTER DATABASE " + this.database + " CONNECTION LIMIT 12");
		openOthers(9);
		ConnectionBudget budget = budget(4);
		assertThat(budget.exceeded()).isFalse();
		assertThat(budget.message()).contains("fits alone (4 of the 12 database '" + this.database + "' accepts")
			.contains("with the 9 connection(s) others hold there now it would run out");
	}

	@Test
	void aSuperuserIsNotBoundByRoleOrDatabaseLimits() throws SQLException {
		admin("ALTER DATABASE " + this.database + " CONNECTION LIMIT 2");
		this.pool = new PoolDataSource(PoolConfig.builder()
			.name(this.role.replace('_', '-'))
			.url(PostgresTestSupport.databaseUrl(this.database))
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			.maxSize(5)
			.minIdle(1)
			.build());
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.connectionBudget() != null);
		assertThat(this.pool.connectionBudget().databaseConnectionLimit()).isEqualTo(-1);
		assertThat(this.pool.connectionBudget().exceeded()).isFalse();
	}

}
