package io.poolkit.bench;

import io.poolkit.testkit.PostgresTestSupport;
import io.poolkit.testkit.StubDatabase;
import io.poolkit.testkit.StubDriver;

/**
 * What every pool in a comparison is given alike: where connections come from and how
 * many to keep. Each pool gets {@code size} connections opened at start and kept
 * ({@code min-idle} = max), auto-commit off, read committed, a 30 s borrow timeout and
 * its own default validation.
 *
 * @param url the JDBC URL
 * @param user the user, or {@code null}
 * @param password the password, or {@code null}
 * @param driverClassName the driver, named so that no pool depends on
 * {@code DriverManager}'s search
 * @param size the pool's maximum and minimum idle
 * @param countIdle whether the pool must be able to report its idle count; costs Agroal
 * its metrics, so the JMH and load runs do not ask for it
 */
public record Target(String url, String user, String password, String driverClassName, int size, boolean countIdle) {

	/**
	 * The borrow timeout of every pool: long enough that a slow 2-core machine does not
	 * turn waits into errors.
	 */
	public static final int TIMEOUT_MILLIS = 30_000;

	/**
	 * The URL of the test kit's plain stub database {@code bench}, which keeps no books,
	 * so that a benchmark on it measures the pool; reading it creates the database.
	 */
	public static final String STUB_URL = StubDatabase.plain("bench").url();

	/**
	 * @return a pool of {@code size} connections on the no-I/O stub driver
	 */
	public static Target stub(int size) {
		return new Target(STUB_URL, "bench", "bench", StubDriver.class.getName(), size, false);
	}

	/**
	 * A pool on the PostgreSQL the tests use (the test kit's {@link PostgresTestSupport}:
	 * {@code POOL_TEST_URL}, {@code POOL_TEST_USER} and {@code POOL_TEST_PASSWORD}, by
	 * default {@code jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres}).
	 * @return a pool of {@code size} connections on that database, with no password when
	 * none is set
	 */
	public static Target postgres(int size) {
		String password = PostgresTestSupport.password();
		return new Target(PostgresTestSupport.url(), PostgresTestSupport.user(), password.isEmpty() ? null : password,
				"org.postgresql.Driver", size, false);
	}

	/**
	 * @return the same target reached at another URL, e.g. through a proxy
	 */
	public Target withUrl(String otherUrl) {
		return new Target(otherUrl, this.user, this.password, this.driverClassName, this.size, this.countIdle);
	}

	/**
	 * @return the same target, for a pool whose idle count is read
	 */
	public Target countingIdle() {
		return new Target(this.url, this.user, this.password, this.driverClassName, this.size, true);
	}

}
