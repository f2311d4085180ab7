package io.poolkit;

import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.Callable;

import io.poolkit.testkit.StubDatabase;
import io.poolkit.testkit.StubDriver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pgjdbc and MariaDB Connector/J are optional dependencies of pool-core: a pool with
 * neither on its class path borrows, returns (rolling back as JDBC shows it must) and
 * aborts. The scenario runs in a class loader that sees pool-core, SLF4J, the stub driver
 * and this test's classes, and nothing else but the JDK.
 */
class NoOptionalDriversTest {

	@Test
	void poolCoreWorksWithNeitherDriverOnTheClassPath() throws Exception {
		URL[] path = { location(PoolDataSource.class), location(Scenario.class), location(StubDriver.class),
				location(org.slf4j.LoggerFactory.class) };
		ClassLoader original = Thread.currentThread().getContextClassLoader();
		try (URLClassLoader isolated = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
			Thread.currentThread().setContextClassLoader(isolated);
			@SuppressWarnings("unchecked")
			Callable<String> scenario = (Callable<String>) isolated.loadClass(Scenario.class.getName())
				.getDeclaredConstructor()
				.newInstance();
			assertThat(scenario.call())
				.isEqualTo("pgjdbc visible: false, mariadb visible: false, rollbacks: 1, after abort closed: 1");
		}
		finally {
			Thread.currentThread().setContextClassLoader(original);
		}
	}

	private static URL location(Class<?> type) {
		return type.getProtectionDomain().getCodeSource().getLocation();
	}

	/** Runs inside the isolated class loader: JDK, pool-core, SLF4J and the stub only. */
	public static final class Scenario implements Callable<String> {

		@Override
		public String call() throws Exception {
			StubDatabase database = StubDatabase.create();
			try (PoolDataSource pool = new PoolDataSource(
					PoolConfig.builder().name("no-optional-drivers").url(database.url()).maxSize(1).build())) {
				Connection connection = pool.getConnection();
				connection.setAutoCommit(false);
				try (Statement statement = connection.createStatement()) {
					statement.execute("insert");
				}
				connection.close();
				int rollbacks = database.rollbacks();
				int closedBefore = database.closed();
				pool.getConnection().abort(Runnable::run);
				return "pgjdbc visible: " + visible("org.postgresql.Driver") + ", mariadb visible: "
						+ visible("org.mariadb.jdbc.Driver") + ", rollbacks: " + rollbacks + ", after abort closed: "
						+ (database.closed() - closedBefore);
			}
		}

		private static boolean visible(String className) {
			try {
				Class.forName(className, false, Scenario.class.getClassLoader());
				return true;
			}
			catch (ClassNotFoundException ex) {
				return false;
			}
		}

	}

}
