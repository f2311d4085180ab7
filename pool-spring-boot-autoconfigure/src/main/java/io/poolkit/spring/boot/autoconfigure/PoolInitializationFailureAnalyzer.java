package io.poolkit.spring.boot.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.poolkit.ConnectionErrorKind;
import io.poolkit.PoolInitializationException;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns a {@link PoolInitializationException}, a database that could not be reached or
 * refused the login at startup, into Boot's "APPLICATION FAILED TO START" report with the
 * database's own error and what to check.
 * <p>
 * Driver properties are checked only by the driver, when it connects; when its message
 * names one of the {@code app.pool.data-source-properties}, the report names that
 * property.
 */
class PoolInitializationFailureAnalyzer extends AbstractFailureAnalyzer<PoolInitializationException> {

	private static final String DATA_SOURCE_PROPERTIES = "app.pool.data-source-properties";

	private final Environment environment;

	PoolInitializationFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PoolInitializationException cause) {
		// pool-core's message names the pool, the URL with its secrets masked, the
		// timeout and the database error.
		String description = cause.getMessage();
		String action = switch (ConnectionErrorKind.of(cause.getCause())) {
			case AUTH -> "Check the credentials in app.pool.username and app.pool.password (or "
					+ "spring.datasource.username and spring.datasource.password): the database rejected them.";
			case REFUSED, TIMEOUT -> "Check that the database is running and reachable at app.pool.url (or "
					+ "spring.datasource.url). If it starts after the application, raise "
					+ "app.pool.initialization-timeout, or set it to 0 to start without waiting for the database.";
			case OTHER -> "Check app.pool.url, app.pool.username, app.pool.password and "
					+ "app.pool.data-source-properties (or the spring.datasource.* counterparts of the first three), "
					+ "and that the database is running and accepts connections.";
		};
		List<String> named = namedDriverProperties(String.valueOf(cause.getCause()));
		if (!named.isEmpty()) {
			action = "Check " + String.join(" and ", named) + ": the driver's message above names "
					+ ((named.size() > 1) ? "them" : "it") + "; see the driver's documentation for the values it "
					+ "accepts.\n" + action;
		}
		return new FailureAnalysis(description, action, cause);
	}

	// Names only, never values: a driver property may well be a secret (sslpassword).
	private List<String> namedDriverProperties(String error) {
		if (this.environment == null) {
			return List.of();
		}
		Map<String, String> properties = Binder.get(this.environment)
			.bind(DATA_SOURCE_PROPERTIES, Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		return properties.keySet()
			.stream()
			.filter((name) -> Pattern.compile("\\b" + Pattern.quote(name) + "\\b", Pattern.CASE_INSENSITIVE)
				.matcher(error)
				.find())
			.sorted()
			.map((name) -> DATA_SOURCE_PROPERTIES + "." + name)
			.toList();
	}

}
