package io.poolkit;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@link PoolConfig.Builder#build()} (and so by
 * {@link PoolConfig#fromProperties}, {@link PoolDataSource#resize}) when settings are
 * bad: every problem at once, in the order of the settings table, each as data
 * ({@link #problems()}) and as one line of the message: <pre>
 * Invalid pool configuration:
 *   - max-size: -1 is not allowed; must be between 1 and 10000
 *   - unknown setting 'maxWaiters'; did you mean 'max-waiters'?
 * </pre> A subclass of {@link IllegalArgumentException}, as thrown before it existed. No
 * secret is in the message or the problems: the password and secret-looking values are
 * masked, and so are the secrets inside a URL.
 */
public class InvalidPoolConfigException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private static final String HEADER = "Invalid pool configuration:";

	private final List<Problem> problems;

	/**
	 * Creates the exception.
	 * @param problems every problem found, at least one, in the order to report them
	 */
	public InvalidPoolConfigException(List<Problem> problems) {
		super(problems.stream().map((problem) -> "\n  - " + problem).collect(Collectors.joining("", HEADER, "")));
		this.problems = List.copyOf(problems);
	}

	/**
	 * The problems, in the order of the settings table; unknown keys last.
	 * @return the problems, unmodifiable
	 */
	public List<Problem> problems() {
		return this.problems;
	}

	/**
	 * One bad setting.
	 *
	 * @param setting the setting's name, e.g. {@code max-size} or
	 * {@code data-source-properties.ssl}; for an unknown key the key as given
	 * @param value the value as given or formatted, secrets masked; {@code null} when
	 * there was none, and always for an unknown key (a misspelt {@code password} is still
	 * a password)
	 * @param reason what is wrong and what is allowed, e.g.
	 * {@code -1 is not allowed; must be between 1 and 10000}; for an unknown key the
	 * whole line, e.g. {@code unknown setting 'max-sise'; did you mean 'max-size'?}
	 */
	public record Problem(String setting, String value, String reason) implements Serializable {

		/**
		 * Whether the key is not a setting at all.
		 * @return whether {@link #setting()} is an unknown key
		 */
		public boolean isUnknownSetting() {
			return !PoolSetting.isKnown(this.setting);
		}

		/**
		 * The problem's line in the message.
		 * @return {@code setting: reason}, or the reason alone for an unknown key
		 */
		@Override
		public String toString() {
			return isUnknownSetting() ? this.reason : this.setting + ": " + this.reason;
		}

	}

}
