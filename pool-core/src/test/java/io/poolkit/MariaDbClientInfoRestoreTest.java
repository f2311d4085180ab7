package io.poolkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack on "the return puts back ... client info" (README, "Misuse and what happens") on
 * the real MariaDB: a client-info property the borrower set, on its own thread or on
 * another thread sharing the borrow, must not reach the next borrower of the same
 * session. The return saves the properties before the first change and puts the saved set
 * back with {@code setClientInfo(Properties)}; MariaDB Connector/J's
 * {@code setClientInfo(Properties)} only sets the names it is given, so a property that
 * was not set before the borrow stays.
 */
@Timeout(60)
class MariaDbClientInfoRestoreTest {

	private PoolDataSource pool;

	@BeforeEach
	void setUp() {
		this.pool = new PoolDataSource(
				TestPools.mariaDb(PostgresTestSupport.uniqueTableName("mariadb-client-info")).maxSize(1).build());
	}

	@AfterEach
	void tearDown() {
		this.pool.close();
	}

	@Test
	void aClientInfoPropertySetByTheBorrowerDoesNotReachTheNextBorrower() throws Exception {
		String before = applicationNameOfNextBorrow();
		try (Connection connection = this.pool.getConnection()) {
			connection.setClientInfo("ApplicationName", "leaked-by-the-last-borrower");
		}
		assertThat(applicationNameOfNextBorrow()).isEqualTo(before);
	}

	@Test
	void aClientInfoPropertySetByAnotherThreadSharingTheBorrowDoesNotReachTheNextBorrower() throws Exception {
		String before = applicationNameOfNextBorrow();
		try (Connection connection = this.pool.getConnection()) {
			CompletableFuture.runAsync(() -> {
				try {
					connection.setClientInfo("ApplicationName", "leaked-by-a-sharing-thread");
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}).get(10, TimeUnit.SECONDS);
		}
		assertThat(applicationNameOfNextBorrow()).isEqualTo(before);
	}

	private String applicationNameOfNextBorrow() throws SQLException {
		try (Connection connection = this.pool.getConnection()) {
			return connection.getClientInfo("ApplicationName");
		}
	}

}
