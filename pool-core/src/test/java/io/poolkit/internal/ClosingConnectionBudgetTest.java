package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.poolkit.CloseReason;
import io.poolkit.ConnectionErrorKind;
import io.poolkit.PoolConfig;
import io.poolkit.PoolListener;
import io.poolkit.SizingMode;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An adaptive pool's retired connection is a session on the server until its close has
 * run (the close runs in the background), so the pool counts it against its target until
 * then: under a role's {@code CONNECTION LIMIT} equal to the pool's size, a replacement
 * opened earlier is refused with {@code 53300}. The background close is held back by
 * occupying the pool's scheduler, so the window is certain rather than a matter of
 * timing.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ClosingConnectionBudgetTest {

	private static final int LIMIT = 2;

	private final String role = PostgresTestSupport.uniqueTableName("poolkit_closing");

	private final List<String> refusals = new CopyOnWriteArrayList<>();

	private Pool pool;

	@BeforeEach
	void createRole() throws SQLException {
		admin("CREATE ROLE " + this.role + " LOGIN NOSUPERUSER PASSWORD 'closing-pw' CONNECTION LIMIT " + LIMIT);
	}

	@AfterEach
	void dropRole() throws SQLException {
		if (this.pool != null) {
			this.pool.close();
		}
		admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + this.role + "'");
		admin("DROP ROLE IF EXISTS " + this.role);
	}

	@Test
	void aRetiredConnectionCountsAgainstTheTargetUntilItIsClosed() throws Exception {
		this.pool = new Pool(PoolConfig.builder()
			.name("closing-budget")
			.url(PostgresTestSupport.url())
			.username(this.role)
			.password("closing-pw")
			.sizingMode(SizingMode.ADAPTIVE)
			.sizingMinSize(LIMIT)
			.maxSize(LIMIT)
			.minIdle(LIMIT)
			// The sizer decides once in ten minutes: the target stays at min-size.
			.sizingPeriod(Duration.ofMinutes(10))
			.connectionTimeout(Duration.ofSeconds(30))
			.listener(new PoolListener() {
				@Override
				public void connectionCreationFailed(ConnectionErrorKind kind, SQLException error) {
					ClosingConnectionBudgetTest.this.refusals.add(error.getSQLState());
				}
			})
			.build());
		this.pool.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.idleCount() == LIMIT);

		// Hold the pool's scheduler, where retired connections are closed.
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.pool.scheduler().execute(() -> {
			holding.countDown();
			awaitQuietly(release);
		});
		assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

		try {
			ConnectionSlot slot = this.pool.reserveIdle(0);
			assertThat(slot).isNotNull();
			this.pool.retire(slot, CloseReason.EVICTED);
			// min-idle wants it replaced: a replacement opened now, while the retired
			// connection is still open, would be the role's third session.
			this.pool.creator().fill();
			await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.creator().inFlight() == 0);
			assertThat(this.refusals).as("SQLStates of connects failed while the retired one was open").isEmpty();
		}
		finally {
			release.countDown();
		}
		// Once closed, it is replaced.
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.idleCount() == LIMIT);
		assertThat(this.refusals).as("SQLStates of failed connects").isEmpty();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void admin(String sql) throws SQLException {
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute(sql);
		}
	}

}
