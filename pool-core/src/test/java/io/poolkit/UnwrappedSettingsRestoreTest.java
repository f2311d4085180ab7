package io.poolkit;

import java.sql.Connection;
import java.sql.ResultSet;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack on "the borrower reached the driver's connection: ask the driver, restore all"
 * (BorrowState) on the real PostgreSQL: settings a borrower changes through the unwrapped
 * pgjdbc connection during its borrow. Auto-commit, isolation, read-only, schema and the
 * network timeout are then all restored; holdability and client info, which the return
 * saves only when they are changed through the proxy, are not, and reach the next
 * borrower of the same connection.
 */
@Timeout(60)
class UnwrappedSettingsRestoreTest {

	private PoolDataSource pool;

	@BeforeEach
	void setUp() {
		this.pool = new PoolDataSource(
				TestPools.postgres(PostgresTestSupport.uniqueTableName("unwrapped-settings")).maxSize(1).build());
	}

	@AfterEach
	void tearDown() {
		this.pool.close();
	}

	@Test
	void holdabilitySetThroughTheUnwrappedDriverConnectionIsRestored() throws Exception {
		try (Connection connection = this.pool.getConnection()) {
			Connection driver = (Connection) connection.unwrap(PGConnection.class);
			driver.setHoldability(ResultSet.HOLD_CURSORS_OVER_COMMIT);
		}
		try (Connection next = this.pool.getConnection()) {
			assertThat(next.getHoldability()).isEqualTo(ResultSet.CLOSE_CURSORS_AT_COMMIT);
		}
	}

	@Test
	void clientInfoSetThroughTheUnwrappedDriverConnectionIsRestored() throws Exception {
		String before;
		try (Connection connection = this.pool.getConnection()) {
			before = connection.getClientInfo("ApplicationName");
			Connection driver = (Connection) connection.unwrap(PGConnection.class);
			driver.setClientInfo("ApplicationName", "leaked-through-unwrap");
		}
		try (Connection next = this.pool.getConnection()) {
			assertThat(next.getClientInfo("ApplicationName")).isEqualTo(before);
		}
	}

}
