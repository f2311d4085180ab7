package io.poolkit.spring.boot.autoconfigure;

import io.poolkit.PoolDataSource;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Turns a {@code spring.datasource.type} naming a class that is not on the class path
 * into Boot's "APPLICATION FAILED TO START" report saying what to do: remove the property
 * or name {@link PoolDataSource}. Many configurations written for HikariCP name
 * {@code com.zaxxer.hikari.HikariDataSource} there; after the switch to the starter
 * HikariCP is gone and Boot's binding of the property fails with a
 * {@link ClassNotFoundException}, which Boot's generic bind failure report shows without
 * saying which value would do.
 */
// Ahead of Boot's BindFailureAnalyzer (unordered), which would report the failure too.
@Order(Ordered.HIGHEST_PRECEDENCE)
class DataSourceTypeFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	private static final String HIKARI_PACKAGE = "com.zaxxer.hikari.";

	private static final ConfigurationPropertyName TYPE = ConfigurationPropertyName.of("spring.datasource.type");

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (!TYPE.equals(cause.getName()) || cause.getProperty() == null
				|| findCause(cause, ClassNotFoundException.class) == null) {
			return null;
		}
		String type = String.valueOf(cause.getProperty().getValue());
		StringBuilder description = new StringBuilder("spring.datasource.type names '").append(type)
			.append("', a class that is not on the class path.");
		Origin origin = cause.getProperty().getOrigin();
		if (origin != null) {
			description.append("\n    (set in ").append(origin).append(")");
		}
		description.append("\n\n")
			.append(type.startsWith(HIKARI_PACKAGE) ? "HikariCP left the class path with the switch to Poolkit."
					: "The pool it names is not among the application's dependencies.")
			.append(" Without the property, Poolkit's pool (")
			.append(PoolDataSource.class.getName())
			.append(") is the application's DataSource.");
		String action = "Remove spring.datasource.type from your application's configuration, or set it to "
				+ PoolDataSource.class.getName() + ", to use Poolkit's pool. To use the pool it names instead, "
				+ "add that pool's library to the application's dependencies.";
		return new FailureAnalysis(description.toString(), action, cause);
	}

}
