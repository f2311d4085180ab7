package io.poolkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.poolkit.testkit.TestPools;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A driver property whose name reaches the pool in another case than the driver's reaches
 * the driver anyway: Boot binds a map from environment variables with lower-cased keys
 * ({@code APP_POOL_DATASOURCEPROPERTIES_PREPARETHRESHOLD} gives
 * {@code preparethreshold}), and pgjdbc reads its properties by their exact names, so it
 * ignored such a property without a word (its {@code prepareThreshold} stayed at the
 * default of 5).
 */
class DriverPropertySpellingTest {

	@Test
	void aLowerCasedPgjdbcPropertyReachesTheDriver() throws SQLException {
		try (PoolDataSource pool = new PoolDataSource(TestPools.postgres("driver-property-spelling")
			.maxSize(1)
			.dataSourceProperty("preparethreshold", "7")
			.dataSourceProperty("APPLICATIONNAME", "spelled-by-env")
			.build()); Connection connection = pool.getConnection()) {
			assertThat(connection.unwrap(PGConnection.class).getPrepareThreshold()).isEqualTo(7);
			try (Statement statement = connection.createStatement();
					ResultSet row = statement.executeQuery("SHOW application_name")) {
				row.next();
				assertThat(row.getString(1)).isEqualTo("spelled-by-env");
			}
		}
	}

	@Test
	void theDriversOwnSpellingWinsWhenBothAreGiven() throws SQLException {
		try (PoolDataSource pool = new PoolDataSource(TestPools.postgres("driver-property-both-spellings")
			.maxSize(1)
			.dataSourceProperty("prepareThreshold", "3")
			.dataSourceProperty("preparethreshold", "7")
			.build()); Connection connection = pool.getConnection()) {
			assertThat(connection.unwrap(PGConnection.class).getPrepareThreshold()).isEqualTo(3);
		}
	}

}
