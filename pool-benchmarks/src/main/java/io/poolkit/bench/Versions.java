package io.poolkit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Properties;

/**
 * Versions of the jars on the class path, so that a report says exactly what it measured.
 */
public final class Versions {

	private Versions() {
	}

	/**
	 * The version of the jar holding {@code anchor}: from the Maven metadata the jar
	 * carries, else from the jar's name as Maven names it
	 * ({@code artifactId-version.jar}); not every project ships the metadata.
	 * @return the version, or {@code ?} when neither is there (classes from a directory)
	 */
	public static String of(Class<?> anchor, String groupId, String artifactId) {
		String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
		try (InputStream in = anchor.getClassLoader().getResourceAsStream(resource)) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				return properties.getProperty("version", "?");
			}
		}
		catch (IOException ex) {
			// fall back to the jar's name
		}
		String jar = jarName(anchor);
		String prefix = artifactId + "-";
		if (jar != null && jar.startsWith(prefix) && jar.endsWith(".jar")) {
			return jar.substring(prefix.length(), jar.length() - ".jar".length());
		}
		return "?";
	}

	private static String jarName(Class<?> anchor) {
		CodeSource source = anchor.getProtectionDomain().getCodeSource();
		if (source == null || source.getLocation() == null) {
			return null;
		}
		try {
			return Path.of(source.getLocation().toURI()).getFileName().toString();
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return null;
		}
	}

}
