package io.poolkit.sample;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL the tests run against: {@code POOL_TEST_URL}, {@code POOL_TEST_USER} and
 * {@code POOL_TEST_PASSWORD}, as for the rest of the project, defaulting to the local
 * {@code test} database.
 */
final class TestDatabase {

	private TestDatabase() {
	}

	static String url() {
		return env("POOL_TEST_URL", "jdbc:postgresql://127.0.0.1:5432/test");
	}

	static String user() {
		return env("POOL_TEST_USER", "postgres");
	}

	static String password() {
		return env("POOL_TEST_PASSWORD", "");
	}

	/** Points the application's pool at the test database. */
	static void register(DynamicPropertyRegistry registry) {
		registry.add("app.pool.url", TestDatabase::url);
		registry.add("app.pool.username", TestDatabase::user);
		registry.add("app.pool.password", TestDatabase::password);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isEmpty()) ? value : fallback;
	}

}
