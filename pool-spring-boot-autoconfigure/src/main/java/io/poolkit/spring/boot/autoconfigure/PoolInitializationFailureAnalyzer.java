package io.poolkit.spring.boot.autoconfigure;

import io.poolkit.ConnectionErrorKind;
import io.poolkit.PoolInitializationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link PoolInitializationException}, a database that could not be reached or refused the login at
 * startup, into Boot's "APPLICATION FAILED TO START" report with the database's own error and what to check.
 */
class PoolInitializationFailureAnalyzer extends AbstractFailureAnalyzer<PoolInitializationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PoolInitializationException cause) {
		// pool-core's message names the pool, the URL with its secrets masked, the timeout and the database error.
		String description = cause.getMessage();
		String action = switch (ConnectionErrorKind.of(cause.getCause())) {
			case AUTH -> "Check the credentials in app.pool.username and app.pool.password (or "
					+ "spring.datasource.username and spring.datasource.password): the database rejected them.";
			case REFUSED, TIMEOUT -> "Check that the database is running and reachable at app.pool.url (or "
					+ "spring.datasource.url). If it starts after the application, raise "
					+ "app.pool.initialization-timeout, or set it to 0 to start without waiting for the database.";
			case OTHER -> "Check app.pool.url, app.pool.username and app.pool.password (or their "
					+ "spring.datasource.* counterparts), and that the database is running and accepts connections.";
		};
		return new FailureAnalysis(description, action, cause);
	}

}
