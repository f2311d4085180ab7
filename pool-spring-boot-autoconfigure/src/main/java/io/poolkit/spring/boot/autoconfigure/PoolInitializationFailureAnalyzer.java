package io.poolkit.spring.boot.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.poolkit.ConnectionErrorKind;
import io.poolkit.PoolInitializationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns a {@link PoolInitializationException}, a database that could not be reached or
 * refused the login at startup, into Boot's "APPLICATION FAILED TO START" report with the
 * database's own error and what to check.
 * <p>
 * The properties to check are those of the pool that failed: for a pool the
 * {@link PoolDataSourceFactory} built, those under its prefix (for
 * {@code app.reporting-pool}, {@code app.reporting-pool.url} and so on), with their
 * {@code spring.datasource.*} counterparts for the application's pool only; for another
 * pool, those of the application's pool. Driver properties are checked only by the
 * driver, when it connects; when its message names one of them, the report names the
 * property that set it as the user wrote it, e.g.
 * {@code app.pool.data-source-properties.sslmode} or
 * {@code spring.datasource.hikari.data-source-properties.prepareThreshold}.
 */
class PoolInitializationFailureAnalyzer extends AbstractFailureAnalyzer<PoolInitializationException> {

	private final Environment environment;

	PoolInitializationFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PoolInitializationException cause) {
		// A pool built elsewhere than by the factory (with pool-core's builder, say) has
		// no prefix: the application's pool's properties are the likeliest to check.
		BoundPoolInitializationException bound = (cause instanceof BoundPoolInitializationException failure) ? failure
				: null;
		String prefix = (bound != null) ? bound.prefix() : PoolProperties.PREFIX;
		boolean primary = bound == null || bound.isPrimary();
		// pool-core's message names the pool, the URL with its secrets masked, the
		// timeout and the database error.
		String description = cause.getMessage();
		String action = switch (ConnectionErrorKind.of(cause.getCause())) {
			case AUTH -> "Check the credentials in " + prefix + ".username and " + prefix + ".password"
					+ (primary ? " (or spring.datasource.username and spring.datasource.password)" : "")
					+ ": the database rejected them.";
			case REFUSED, TIMEOUT -> "Check that the database is running and reachable at " + prefix + ".url"
					+ (primary ? " (or spring.datasource.url)" : "") + ". If it starts after the application, raise "
					+ prefix + ".initialization-timeout, or set it to 0 to start without waiting for the database.";
			case OTHER -> "Check " + prefix + ".url, " + prefix + ".username, " + prefix + ".password and " + prefix
					+ ".data-source-properties"
					+ (primary ? " (or the spring.datasource.* counterparts of the first three)" : "")
					+ ", and that the database is running and accepts connections.";
		};
		Map<String, String> properties = (bound != null) ? bound.dataSourceProperties() : applicationPools();
		List<String> named = namedDriverProperties(properties, String.valueOf(cause.getCause()));
		if (!named.isEmpty()) {
			action = "Check " + String.join(" and ", named) + ": the driver's message above names "
					+ ((named.size() > 1) ? "them" : "it") + "; see the driver's documentation for the values it "
					+ "accepts.\n" + action;
		}
		return new FailureAnalysis(description, action, cause);
	}

	// The application's pool's driver properties, each with the property that set it.
	private Map<String, String> applicationPools() {
		return (this.environment != null)
				? PoolPropertiesBinder.bind(this.environment, PoolProperties.PREFIX, true).dataSourcePropertySources()
				: Map.of();
	}

	// Names only, never values: a driver property may well be a secret (sslpassword).
	private static List<String> namedDriverProperties(Map<String, String> properties, String error) {
		return properties.entrySet()
			.stream()
			.filter((entry) -> Pattern.compile("\\b" + Pattern.quote(entry.getKey()) + "\\b", Pattern.CASE_INSENSITIVE)
				.matcher(error)
				.find())
			.map(Map.Entry::getValue)
			.sorted()
			.toList();
	}

}
