package io.poolkit.spring.boot.autoconfigure;

import io.poolkit.spring.boot.autoconfigure.InvalidPoolPropertiesException.Problem;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;

/**
 * Turns {@link InvalidPoolPropertiesException} into Boot's "APPLICATION FAILED TO START"
 * report: one line per bad property with what is allowed and, where known, the file and
 * line that set it.
 */
class InvalidPoolPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPoolPropertiesException> {

	private final Environment environment;

	InvalidPoolPropertiesFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidPoolPropertiesException cause) {
		StringBuilder description = new StringBuilder("The connection pool's configuration is invalid:\n");
		for (Problem problem : cause.problems()) {
			description.append("\n    ").append(problem.property()).append(": ").append(problem.reason());
			Origin origin = originOf(problem.property());
			if (origin != null) {
				description.append("\n        (set in ").append(origin).append(")");
			}
		}
		String action = "Update the " + ((cause.problems().size() > 1) ? "properties" : "property")
				+ " listed above in your application's configuration; each line says what is allowed.";
		return new FailureAnalysis(description.toString(), action, cause);
	}

	private Origin originOf(String property) {
		if (this.environment == null || !ConfigurationPropertyName.isValid(property)) {
			return null;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty found = source.getConfigurationProperty(name);
			if (found != null) {
				return found.getOrigin();
			}
		}
		return null;
	}

}
