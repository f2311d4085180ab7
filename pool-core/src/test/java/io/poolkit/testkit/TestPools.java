package io.poolkit.testkit;

import io.poolkit.PoolConfig;

/**
 * Pool settings for the real test databases: the name given and where connections come
 * from, for a test to add what it is about.
 */
public final class TestPools {

	private TestPools() {
	}

	/** A pool named {@code name} on the PostgreSQL the tests use. */
	public static PoolConfig.Builder postgres(String name) {
		return PoolConfig.builder()
			.name(name)
			.url(PostgresTestSupport.url())
			.username(PostgresTestSupport.user())
			.password(PostgresTestSupport.password());
	}

	/** A pool named {@code name} on the MariaDB the tests use. */
	public static PoolConfig.Builder mariaDb(String name) {
		return PoolConfig.builder()
			.name(name)
			.url(MariaDbTestSupport.url())
			.username(MariaDbTestSupport.user())
			.password(MariaDbTestSupport.password());
	}

}
