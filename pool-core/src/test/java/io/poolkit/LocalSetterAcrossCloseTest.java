package io.poolkit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.poolkit.testkit.MariaDbTestSupport;
import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prepared statement's local setters run outside the in-flight guard (see
 * {@code PreparedStatementProxy}); on the real PostgreSQL (and MariaDB, for a cached
 * server-prepared statement), a setter that another thread calls on a statement of a
 * borrow while that borrow is returned must reach nothing of the next borrow: the next
 * borrower's statement sends its own parameter, the connection is not discarded, and the
 * stray setter only ever fails with an {@link SQLException}.
 */
@Timeout(120)
class LocalSetterAcrossCloseTest {

	/** How long the race runs: thousands of rounds on this machine. */
	private static final long RACE_NANOS = TimeUnit.SECONDS.toNanos(3);

	/** Borrows raced in the cached-statement cases. */
	private static final int ROUNDS = 2_000;

	private final String name = PostgresTestSupport.uniqueTableName("local-setter");

	private final ExecutorService stray = Executors.newSingleThreadExecutor();

	private PoolDataSource pool;

	/**
	 * The statement of the borrow being returned, which the stray thread keeps setting.
	 */
	private volatile PreparedStatement target;

	private volatile boolean racing = true;

	@AfterEach
	void tearDown() throws SQLException {
		this.racing = false;
		this.stray.shutdownNow();
		if (this.pool != null) {
			this.pool.close();
		}
		PostgresTestSupport.terminateBackends(this.name);
	}

	@Test
	void aStraySetterAcrossCloseNeverReachesTheNextBorrowersStatement() throws Exception {
		this.pool = new PoolDataSource(TestPools.postgres(this.name).maxSize(1).build());
		int pid;
		try (Connection connection = this.pool.getConnection()) {
			pid = PostgresTestSupport.backendPid(connection);
		}
		List<Throwable> strayFailures = new CopyOnWriteArrayList<>();
		Future<?> setter = this.stray.submit(() -> {
			while (this.racing) {
				PreparedStatement statement = this.target;
				if (statement != null) {
					try {
						statement.setString(1, "stray");
						statement.setInt(2, -1);
					}
					catch (SQLException expected) {
						// Refused (08003) or the driver's closed statement.
					}
					catch (RuntimeException | Error ex) {
						strayFailures.add(ex);
					}
				}
			}
		});
		int rounds = 0;
		long end = System.nanoTime() + RACE_NANOS;
		while (System.nanoTime() - end < 0) {
			rounds++;
			try (Connection connection = this.pool.getConnection()) {
				this.target = connection.prepareStatement("SELECT ?::text, ?::int");
			}
			try (Connection connection = this.pool.getConnection();
					PreparedStatement statement = connection.prepareStatement("SELECT ?::text, ?::int")) {
				statement.setString(1, "next-" + rounds);
				statement.setInt(2, rounds);
				try (ResultSet rows = statement.executeQuery()) {
					assertThat(rows.next()).isTrue();
					assertThat(rows.getString(1)).isEqualTo("next-" + rounds);
					assertThat(rows.getInt(2)).isEqualTo(rounds);
				}
			}
		}
		this.racing = false;
		setter.get(10, TimeUnit.SECONDS);
		assertThat(strayFailures).isEmpty();
		assertThat(rounds).isGreaterThan(100);
		try (Connection connection = this.pool.getConnection()) {
			assertThat(PostgresTestSupport.backendPid(connection)).as("the connection was never discarded")
				.isEqualTo(pid);
		}
	}

	/**
	 * Where the driver does keep something per connection for a statement: the ended
	 * borrow's statement was executed, so its query is server-prepared and cached by the
	 * driver (pgjdbc with {@code prepareThreshold=1}, MariaDB Connector/J with
	 * {@code useServerPrepStmts}), and the next borrower prepares the same SQL with
	 * auto-commit off while the stray thread hammers every local setter, with good and
	 * bad indexes, and {@code clearParameters}.
	 */
	@Test
	void aStraySetterOnACachedServerPreparedStatementNeverReachesTheNextBorrowerOnPostgres() throws Exception {
		race(PostgresTestSupport.urlWith("prepareThreshold=1"), PostgresTestSupport.user(),
				PostgresTestSupport.password(), "SELECT ?::text, ?::int", "SELECT pg_backend_pid()");
	}

	@Test
	void aStraySetterOnACachedServerPreparedStatementNeverReachesTheNextBorrowerOnMariaDb() throws Exception {
		race(MariaDbTestSupport.url() + "?useServerPrepStmts=true&cachePrepStmts=true", MariaDbTestSupport.user(),
				MariaDbTestSupport.password(), "SELECT CAST(? AS CHAR), CAST(? AS SIGNED)", "SELECT CONNECTION_ID()");
	}

	private void race(String url, String user, String password, String sql, String sessionQuery) throws Exception {
		this.pool = new PoolDataSource(PoolConfig.builder()
			.name(this.name)
			.url(url)
			.username(user)
			.password(password)
			.autoCommit(false)
			.maxSize(1)
			.build());
		long session = session(sessionQuery);
		List<Throwable> strayFailures = new CopyOnWriteArrayList<>();
		Future<?> setter = this.stray.submit(() -> hammer(strayFailures));
		for (int round = 0; round < ROUNDS; round++) {
			try (Connection connection = this.pool.getConnection()) {
				PreparedStatement ended = connection.prepareStatement(sql);
				ended.setString(1, "ended");
				ended.setInt(2, -round);
				ended.executeQuery().close();
				this.target = ended;
			}
			try (Connection connection = this.pool.getConnection();
					PreparedStatement statement = connection.prepareStatement(sql)) {
				statement.setString(1, "next-" + round);
				statement.setInt(2, round);
				try (ResultSet rows = statement.executeQuery()) {
					assertThat(rows.next()).isTrue();
					assertThat(rows.getString(1)).as("round " + round).isEqualTo("next-" + round);
					assertThat(rows.getInt(2)).as("round " + round).isEqualTo(round);
				}
				statement.setInt(2, round + 1);
				statement.setString(1, "again-" + round);
				try (ResultSet rows = statement.executeQuery()) {
					assertThat(rows.next()).isTrue();
					assertThat(rows.getString(1)).as("round " + round).isEqualTo("again-" + round);
					assertThat(rows.getInt(2)).as("round " + round).isEqualTo(round + 1);
				}
				connection.commit();
			}
		}
		this.racing = false;
		setter.get(10, TimeUnit.SECONDS);
		assertThat(strayFailures).isEmpty();
		assertThat(session(sessionQuery)).as("the connection was never discarded").isEqualTo(session);
	}

	private void hammer(List<Throwable> failures) {
		int i = 0;
		while (this.racing) {
			PreparedStatement statement = this.target;
			if (statement == null) {
				continue;
			}
			i++;
			try {
				switch (i % 9) {
					case 0 -> statement.clearParameters();
					case 1 -> statement.setString(1, "stray");
					case 2 -> statement.setInt(2, Integer.MIN_VALUE);
					case 3 -> statement.setBytes(1, "stray".getBytes(StandardCharsets.UTF_8));
					case 4 -> statement.setBigDecimal(2, BigDecimal.TEN);
					case 5 -> statement.setLong(2, Long.MAX_VALUE);
					case 6 -> statement.setNString(1, "stray");
					case 7 -> statement.setInt(3, 1);
					default -> statement.setString(0, "stray");
				}
			}
			catch (SQLException expected) {
				// Refused (08003), the driver's closed statement, a bad index or an
				// unsupported setter.
			}
			catch (RuntimeException | Error ex) {
				failures.add(ex);
			}
		}
	}

	private long session(String sessionQuery) throws SQLException {
		try (Connection connection = this.pool.getConnection();
				PreparedStatement statement = connection.prepareStatement(sessionQuery);
				ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
