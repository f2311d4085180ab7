package io.poolkit;

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

import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prepared statement's local setters run outside the in-flight guard (see
 * {@code PreparedStatementProxy}); on the real PostgreSQL, a setter that another thread
 * calls on a statement of a borrow while that borrow is returned must reach nothing of
 * the next borrow: the next borrower's statement sends its own parameter, the connection
 * is not discarded, and the stray setter only ever fails with an {@link SQLException}.
 */
@Timeout(120)
class LocalSetterAcrossCloseTest {

	/** How long the race runs: thousands of rounds on this machine. */
	private static final long RACE_NANOS = TimeUnit.SECONDS.toNanos(3);

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
		this.pool = new PoolDataSource(PoolConfig.builder()
			.name(this.name)
			.url(PostgresTestSupport.url())
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			.maxSize(1)
			.build());
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

}
