package io.poolkit.bench;

import java.sql.Connection;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The comparison is only fair if every pool really is configured alike: each one fills to
 * its size and hands out connections with auto-commit off and read committed, borrow
 * after borrow. Asserts configuration, never speed.
 */
class PoolKindTest {

	@ParameterizedTest
	@EnumSource(PoolKind.class)
	void fillsToItsSizeAndLendsConnectionsConfiguredAlike(PoolKind kind) throws Exception {
		DataSource dataSource = kind.open(Target.stub(3).countingIdle());
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> kind.idle(dataSource) >= 3);
			for (int i = 0; i < 3; i++) {
				try (Connection connection = dataSource.getConnection()) {
					assertThat(connection.getAutoCommit()).as("auto-commit").isFalse();
					assertThat(connection.getTransactionIsolation()).as("isolation")
						.isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
				}
				assertThat(Requests.pointSelect(dataSource, 42 + i)).isEqualTo(42 + i);
			}
		}
		finally {
			kind.close(dataSource);
		}
	}

	@ParameterizedTest
	@EnumSource(PoolKind.class)
	void knowsItsVersion(PoolKind kind) {
		// From the jar's Maven metadata; the reactor's own pool-core has none before it
		// is packaged.
		if (kind != PoolKind.POOLKIT) {
			assertThat(kind.version()).matches("\\d+(\\.\\d+)*");
		}
	}

}
