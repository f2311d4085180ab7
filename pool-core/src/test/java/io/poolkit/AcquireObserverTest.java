package io.poolkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.StubDatabase;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link PoolDataSource#setAcquireObserver}: none by default; once set it runs around
 * every {@code getConnection()} on the borrower's thread and sees the connection or the
 * exception as the borrower does; {@code tryGetConnection()} is not observed.
 */
class AcquireObserverTest {

	private final StubDatabase db = StubDatabase.create();

	private PoolDataSource pool;

	private final List<String> seen = new CopyOnWriteArrayList<>();

	@AfterEach
	void closePool() {
		if (this.pool != null) {
			this.pool.close();
		}
	}

	private final AcquireObserver observer = (pool, acquire) -> {
		this.seen.add("start " + pool.name() + " on " + Thread.currentThread().getName());
		try {
			Connection connection = acquire.get();
			this.seen.add("got");
			return connection;
		}
		catch (SQLException ex) {
			this.seen.add("failed " + ex.getClass().getSimpleName());
			throw ex;
		}
	};

	@Test
	void noneByDefault() {
		this.pool = new PoolDataSource(PoolConfig.builder().name("observed").url(this.db.url()).maxSize(1).build());
		assertThat(this.pool.acquireObserver()).isNull();
	}

	@Test
	void runsAroundEachBorrowAndSeesItsOutcome() throws SQLException {
		this.pool = new PoolDataSource(PoolConfig.builder()
			.name("observed")
			.url(this.db.url())
			.maxSize(1)
			.connectionTimeout(Duration.ofMillis(50))
			.build());
		this.pool.setAcquireObserver(this.observer);
		String thread = Thread.currentThread().getName();
		try (Connection connection = this.pool.getConnection()) {
			assertThat(connection.isClosed()).isFalse();
			assertThat(this.seen).containsExactly("start observed on " + thread, "got");
			assertThatExceptionOfType(SQLTransientConnectionException.class).isThrownBy(this.pool::getConnection);
			assertThat(this.seen).endsWith("failed SQLTransientConnectionException");
		}
		try (Connection connection = this.pool.tryGetConnection()) {
			assertThat(connection).isNotNull();
		}
		assertThat(this.seen).hasSize(4);
		this.pool.close();
		assertThatExceptionOfType(SQLNonTransientConnectionException.class).isThrownBy(this.pool::getConnection);
		assertThat(this.seen).endsWith("failed SQLNonTransientConnectionException");

		this.pool.setAcquireObserver(null);
		assertThat(this.pool.acquireObserver()).isNull();
		assertThatExceptionOfType(SQLException.class).isThrownBy(this.pool::getConnection);
		assertThat(this.seen).hasSize(6);
	}

	@Test
	void aBorrowStackStartsAtTheBorrowerNotAtTheObserver() throws SQLException {
		this.pool = new PoolDataSource(PoolConfig.builder()
			.name("observed")
			.url(this.db.url())
			.maxSize(1)
			.leakDetectionThreshold(Duration.ofMinutes(10))
			.build());
		this.pool.setAcquireObserver(this.observer);
		try (Connection connection = this.pool.getConnection()) {
			StackTraceElement top = this.pool.borrowedConnections().get(0).borrowStack()[0];
			assertThat(top.getClassName()).isEqualTo(AcquireObserverTest.class.getName());
			assertThat(top.getMethodName()).isEqualTo("aBorrowStackStartsAtTheBorrowerNotAtTheObserver");
		}
	}

	/**
	 * An observer that fails after the borrow (its tracing backend is down, say), on the
	 * real PostgreSQL with a pool of one: before the fix the connection it got was lost
	 * to everyone and the next borrow timed out.
	 */
	@Test
	void anObserverThatFailsAfterTheBorrowGivesTheConnectionBack() throws SQLException {
		this.pool = new PoolDataSource(TestPools.postgres(PostgresTestSupport.uniqueName("observed"))
			.maxSize(1)
			.connectionTimeout(Duration.ofSeconds(2))
			.build());
		List<AcquireObserver> failing = List.of((pool, acquire) -> {
			acquire.get();
			throw new IllegalStateException("tracing backend down");
		}, (pool, acquire) -> {
			acquire.get();
			throw new SQLException("observer failed", "XX000");
		}, (pool, acquire) -> {
			acquire.get();
			throw new AssertionError("observer bug");
		}, (pool, acquire) -> {
			acquire.get();
			return null;
		}, (pool, acquire) -> {
			acquire.get();
			return acquire.get();
		});
		for (AcquireObserver observer : failing) {
			this.pool.setAcquireObserver(observer);
			assertThatThrownBy(this.pool::getConnection).isNotInstanceOf(SQLTransientConnectionException.class);
			assertThat(this.pool.stats().active()).isZero();
		}
		this.pool.setAcquireObserver(this.observer);
		try (Connection connection = this.pool.getConnection(); Statement statement = connection.createStatement()) {
			assertThat(statement.execute("SELECT 1")).isTrue();
		}
		assertThat(this.pool.stats().total()).isOne();
	}

}
