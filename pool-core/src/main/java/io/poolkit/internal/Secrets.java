package io.poolkit.internal;

/**
 * The engine's short names for {@link io.poolkit.Secrets}, the one masking rule; nothing
 * is decided here.
 */
public final class Secrets {

	/** What a secret is replaced with: {@link io.poolkit.Secrets#MASK}. */
	public static final String MASK = io.poolkit.Secrets.MASK;

	private Secrets() {
	}

	/**
	 * Masks the secrets in a JDBC URL: {@link io.poolkit.Secrets#maskUrl(String)}.
	 * @param url the URL, may be {@code null}
	 * @return the URL with its secrets replaced by {@link #MASK}
	 */
	public static String maskUrl(String url) {
		return io.poolkit.Secrets.maskUrl(url);
	}

}
