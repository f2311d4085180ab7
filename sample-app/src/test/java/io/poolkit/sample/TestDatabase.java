package io.poolkit.sample;

import io.poolkit.testkit.PostgresTestSupport;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL the tests run against: the test kit's {@link PostgresTestSupport}
 * ({@code POOL_TEST_URL}, {@code POOL_TEST_USER} and {@code POOL_TEST_PASSWORD}, as for
 * the rest of the project, defaulting to the local {@code test} database).
 */
final class TestDatabase {

	private TestDatabase() {
	}

	static String url() {
		return PostgresTestSupport.url();
	}

	static String user() {
		return PostgresTestSupport.user();
	}

	static String password() {
		return PostgresTestSupport.password();
	}

	/** Points the application's pool at the test database. */
	static void register(DynamicPropertyRegistry registry) {
		registry.add("app.pool.url", PostgresTestSupport::url);
		registry.add("app.pool.username", PostgresTestSupport::user);
		registry.add("app.pool.password", PostgresTestSupport::password);
	}

}
