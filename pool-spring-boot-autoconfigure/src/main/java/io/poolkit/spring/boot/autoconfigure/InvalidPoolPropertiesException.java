package io.poolkit.spring.boot.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when the pool cannot be built from the application's configuration, with every
 * problem at once: values that could not be converted, values pool-core rejects, and keys
 * under {@code app.pool} that are no setting. Each problem names the property to change,
 * as the user wrote it, such as {@code app.pool.max-size},
 * {@code spring.datasource.hikari.maximum-pool-size} or {@code spring.datasource.url};
 * values of secrets are never shown.
 */
public class InvalidPoolPropertiesException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final transient List<Problem> problems;

	/**
	 * Creates a new exception.
	 * @param problems every problem found, at least one
	 * @param cause pool-core's validation error, holding the same problems by setting
	 */
	public InvalidPoolPropertiesException(List<Problem> problems, Throwable cause) {
		super(describe(problems), cause);
		this.problems = List.copyOf(problems);
	}

	/**
	 * The problems, in the order of the settings table; keys that are no setting last.
	 * @return the problems
	 */
	public List<Problem> problems() {
		return this.problems;
	}

	private static String describe(List<Problem> problems) {
		return problems.stream()
			.map((problem) -> "  - " + problem)
			.collect(Collectors.joining("\n", "Invalid pool configuration:\n", ""));
	}

	/**
	 * One bad setting.
	 *
	 * @param property the property (or bean) that supplied it, e.g.
	 * {@code app.pool.max-size}
	 * @param reason what is wrong and what is allowed, e.g.
	 * {@code -1 is not allowed; must be between 1 and 10000}
	 */
	public record Problem(String property, String reason) {

		@Override
		public String toString() {
			return this.property + ": " + this.reason;
		}

	}

}
