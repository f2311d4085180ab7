package io.poolkit.internal;

import io.poolkit.ConnectionErrorClassifier;

/** Picks the classifier that knows the driver behind a URL. */
final class ErrorClassifiers {

	private ErrorClassifiers() {
	}

	static ConnectionErrorClassifier forUrl(String url) {
		if (url != null) {
			if (url.startsWith("jdbc:postgresql:")) {
				return ConnectionErrorClassifier.postgresql();
			}
			if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
				return ConnectionErrorClassifier.mariadb();
			}
		}
		return ConnectionErrorClassifier.standard();
	}

}
