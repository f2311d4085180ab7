package io.poolkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.poolkit.testkit.FaultProxy;
import io.poolkit.testkit.MariaDbTestSupport;
import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The borrower's deadline against idle connections the network silently dropped (no
 * reset: each check of one waits for its timeout), on the real PostgreSQL through the
 * fault proxy: every {@code getConnection()} ends within {@code connection-timeout},
 * however many idle connections fail validation on the way, and gets a new connection
 * when the server accepts new ones.
 */
@Timeout(180)
class BorrowDeadlineTest {

	private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);

	/**
	 * Scheduling on a busy two-core machine, not a feature: what "within the deadline"
	 * allows on top of it.
	 */
	private static final long MARGIN_MILLIS = 1_500;

	private final RecordingListener events = new RecordingListener();

	private final String name = PostgresTestSupport.uniqueTableName("deadline").replace('_', '-');

	private FaultProxy proxy;

	private PoolDataSource pool;

	@AfterEach
	void cleanUp() {
		if (this.pool != null) {
			this.pool.close();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	/**
	 * Through the proxy (no SSL or GSS probe), every idle connection validated on borrow.
	 */
	private PoolConfig.Builder config(int size) {
		this.proxy = PostgresTestSupport.startProxy();
		return PoolConfig.builder()
			.name(this.name)
			.url(this.proxy.jdbcUrl(PostgresTestSupport.database()))
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password())
			.dataSourceProperty("sslmode", "disable")
			.dataSourceProperty("gssEncMode", "disable")
			.maxSize(size)
			.connectionTimeout(CONNECTION_TIMEOUT)
			.validationBypass(Duration.ZERO)
			.listener(this.events);
	}

	/**
	 * Borrows all {@code size} connections at once and returns them, so each was used.
	 */
	private void useAll(int size) throws SQLException {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.stats().idle() == size);
		List<Connection> held = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			held.add(this.pool.getConnection());
		}
		for (Connection connection : held) {
			PostgresTestSupport.backendPid(connection);
			connection.close();
		}
	}

	/**
	 * Before the fix each dead idle connection cost a whole connection-timeout: 9 s for
	 * three, 18 s for six.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 3, 6 })
	void deadIdleConnectionsNeverHoldABorrowerPastItsDeadlineAndANewConnectionIsLent(int size) throws Exception {
		this.pool = new PoolDataSource(config(size).build());
		useAll(size);
		this.proxy.stallCurrent();
		long start = System.nanoTime();
		try (Connection connection = this.pool.getConnection()) {
			long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(tookMillis).isLessThan(CONNECTION_TIMEOUT.toMillis() + MARGIN_MILLIS);
			assertThat(PostgresTestSupport.backendPid(connection)).isPositive();
		}
		assertThat(this.events.closed(CloseReason.VALIDATION)).isPositive();
	}

	@Test
	void aStalledValidationQueryIsBoundedByTheDeadlineToo() throws Exception {
		this.pool = new PoolDataSource(config(3).validationQuery("SELECT 1").build());
		useAll(3);
		this.proxy.stallCurrent();
		long start = System.nanoTime();
		try (Connection connection = this.pool.getConnection()) {
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
				.isLessThan(CONNECTION_TIMEOUT.toMillis() + MARGIN_MILLIS);
			assertThat(PostgresTestSupport.backendPid(connection)).isPositive();
		}
	}

	/**
	 * Old and new connections stall, the check is a validation-query: before the fix the
	 * borrower waited about 11 s against a connection-timeout of 3 s, in pgjdbc's
	 * query-timeout cancel, which opens a connection of its own over the silent network
	 * and waits its cancelSignalTimeout (10 s) for it.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "postgresql", "mariadb" })
	void aValidationQueryOnASilentNetworkEndsTheBorrowAtItsDeadline(String driver) throws Exception {
		PoolConfig.Builder config = config(1).validationQuery("SELECT 1");
		if (driver.equals("mariadb")) {
			this.proxy.close();
			this.proxy = MariaDbTestSupport.startProxy();
			config.url(MariaDbTestSupport.url(this.proxy))
				.username(MariaDbTestSupport.user())
				.password(MariaDbTestSupport.password())
				.dataSourceProperties(new Properties());
		}
		this.pool = new PoolDataSource(config.build());
		try (Connection connection = this.pool.getConnection()) {
			assertThat(connection.isValid(1)).isTrue();
		}
		this.proxy.stall();
		long start = System.nanoTime();
		Throwable failure = catchThrowable(() -> this.pool.getConnection().close());
		long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(failure).isInstanceOf(SQLTransientConnectionException.class);
		assertThat(tookMillis).isLessThan(CONNECTION_TIMEOUT.toMillis() + MARGIN_MILLIS);
		assertThat(this.events.closed(CloseReason.VALIDATION)).isOne();
	}

	/** Several borrowers at once, each with its own deadline counted from its call. */
	@Test
	void concurrentBorrowersEachEndWithinTheirOwnDeadline() throws Exception {
		int size = 4;
		this.pool = new PoolDataSource(config(size).build());
		useAll(size);
		this.proxy.stallCurrent();
		ExecutorService threads = Executors.newFixedThreadPool(size * 2);
		try {
			List<Future<Long>> borrows = new ArrayList<>();
			for (int i = 0; i < size * 2; i++) {
				borrows.add(threads.submit(() -> {
					long start = System.nanoTime();
					try (Connection connection = this.pool.getConnection()) {
						PostgresTestSupport.backendPid(connection);
					}
					return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
				}));
			}
			for (Future<Long> borrow : borrows) {
				assertThat(borrow.get(1, TimeUnit.MINUTES)).isLessThan(CONNECTION_TIMEOUT.toMillis() + MARGIN_MILLIS);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * Old and new connections stall: no connection can be had, and the borrower hears so
	 * at its deadline.
	 */
	@Test
	void whenNewConnectionsStallTooTheBorrowerTimesOutAtItsDeadline() throws Exception {
		this.pool = new PoolDataSource(config(3).build());
		useAll(3);
		this.proxy.stall();
		for (int i = 0; i < 2; i++) {
			long start = System.nanoTime();
			Throwable failure = null;
			try (Connection connection = this.pool.getConnection()) {
				PostgresTestSupport.backendPid(connection);
			}
			catch (SQLException ex) {
				failure = ex;
			}
			long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(failure).isInstanceOf(SQLTransientConnectionException.class);
			assertThat(tookMillis).isLessThan(CONNECTION_TIMEOUT.toMillis() + MARGIN_MILLIS);
			if (i == 0) {
				// The message answers the next question: where did the time go?
				assertThat(failure).hasMessageContaining("failed validation during the wait and were closed");
			}
		}
	}

}
