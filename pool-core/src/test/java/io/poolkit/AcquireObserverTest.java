package io.poolkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.poolkit.testkit.StubDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

}
