package io.poolkit.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Opens PgBouncer's admin console for tests outside this package, through the pool's own
 * client (pgjdbc cannot talk to the console).
 */
public final class PgBouncerConsoleAccess implements AutoCloseable {

	private final PgBouncerConsole console;

	private PgBouncerConsoleAccess(PgBouncerConsole console) {
		this.console = console;
	}

	/**
	 * @param port PgBouncer's port on 127.0.0.1
	 * @param user an admin or stats user
	 * @param password its password, or {@code null}
	 * @return the console, logged in
	 */
	public static PgBouncerConsoleAccess open(int port, String user, String password) throws SQLException {
		return new PgBouncerConsoleAccess(
				PgBouncerConsole.connect("127.0.0.1", port, null, user, password, "poolkit-test-console", 5000));
	}

	/**
	 * @param command e.g. {@code SHOW POOLS}
	 * @return the rows, each column by name
	 */
	public List<Map<String, String>> query(String command) throws SQLException {
		return this.console.query(command);
	}

	@Override
	public void close() {
		this.console.close();
	}

}
