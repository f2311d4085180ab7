package io.poolkit.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;

/**
 * Reports an {@code app.pool.*} value that could not even be converted
 * ({@code connection-timeout=30 seconds}, {@code max-size=ten},
 * {@code on-exhausted=sometimes}) like every other bad pool setting: by its property,
 * with what the setting takes. Boot's own bind failure report names the property but says
 * what is allowed only for enums, and then as Java constants.
 * <p>
 * Only settings that are not free text can fail to convert, so the value shown is never a
 * password.
 */
class PoolBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	private static final String PREFIX = "app.pool.";

	private static final String DURATION = "a duration such as 500ms, 30s, 10m, 2h or 1d, a number of milliseconds, "
			+ "or ISO-8601 such as PT30S";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		String property = cause.getName().toString();
		Class<?> type = cause.getTarget().getType().resolve();
		String allowed = (property.startsWith(PREFIX) && type != null) ? allowed(type) : null;
		if (allowed == null) {
			return null;
		}
		ConfigurationProperty bound = cause.getProperty();
		Object value = (bound != null) ? bound.getValue() : null;
		StringBuilder description = new StringBuilder("The connection pool's configuration is invalid:\n\n    ")
			.append(property)
			.append(": ")
			.append((value != null) ? "'" + value + "' is not allowed; " : "")
			.append("use ")
			.append(allowed);
		// The value's origin, the file and line; the exception's own is only the
		// property's name.
		Origin origin = (bound != null) ? bound.getOrigin() : null;
		if (origin != null) {
			description.append("\n        (set in ").append(origin).append(")");
		}
		return new FailureAnalysis(description.toString(),
				"Update the property listed above in your application's configuration; the line says what is allowed.",
				cause);
	}

	private static String allowed(Class<?> type) {
		if (type == Duration.class) {
			return DURATION;
		}
		if (type == Integer.class || type == int.class) {
			return "a whole number";
		}
		if (type == Double.class || type == double.class) {
			return "a number such as 0.1";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type.isEnum()) {
			return Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", ", "one of ", ""));
		}
		return null;
	}

	// Before Boot's BindFailureAnalyzer, which has no order and so comes last; it still
	// reports every other binding.
	@Override
	public int getOrder() {
		return 0;
	}

}
