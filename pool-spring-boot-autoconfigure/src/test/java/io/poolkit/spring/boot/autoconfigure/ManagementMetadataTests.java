package io.poolkit.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE metadata of every property the starter reads outside {@code app.pool}: its own
 * switches are in its jar (the pool health contributor's from
 * {@code src/build/management-metadata.json} (merged into the additional metadata by the
 * build), the endpoint's from its {@code @Endpoint}), and Boot's properties it also reads
 * are documented by Boot's jars, so an IDE knows every one of them.
 */
class ManagementMetadataTests {

	// Read by the starter (its conditions, ConnectionSettings, the auto-configured pool's
	// name, whether borrows are observed) besides app.pool.*.
	private static final List<String> OWN = List.of("management.health.pool.enabled", "management.endpoint.pool.access",
			"management.endpoint.pool.cache.time-to-live");

	private static final List<String> BOOTS = List.of("spring.datasource.url", "spring.datasource.username",
			"spring.datasource.password", "spring.datasource.driver-class-name", "spring.datasource.type",
			"spring.application.name", "management.health.db.enabled",
			"management.health.db.ignore-routing-data-sources", "management.observations.enable");

	@Test
	@SuppressWarnings("unchecked")
	void theStartersOwnSwitchesAreDocumentedInItsJar() throws IOException {
		Map<String, Map<String, Object>> properties = properties(
				new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream());
		for (String name : OWN) {
			assertThat(properties).as(name).containsKey(name);
			assertThat((String) properties.get(name).get("description")).as(name).isNotBlank();
		}
		assertThat(properties.get("management.health.pool.enabled")).containsEntry("type", "java.lang.Boolean")
			.containsEntry("defaultValue", true);
	}

	@Test
	void bootsPropertiesTheStarterReadsAreDocumentedByBoot() throws IOException {
		Set<String> documented = new TreeSet<>();
		Enumeration<java.net.URL> all = getClass().getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		while (all.hasMoreElements()) {
			try (InputStream in = all.nextElement().openStream()) {
				documented.addAll(properties(in).keySet());
			}
		}
		assertThat(documented).containsAll(BOOTS).containsAll(OWN);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> properties(InputStream in) throws IOException {
		try (in) {
			Map<String, Object> metadata = JsonParserFactory.getJsonParser()
				.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			Map<String, Map<String, Object>> properties = new java.util.LinkedHashMap<>();
			for (Map<String, Object> property : (List<Map<String, Object>>) metadata.getOrDefault("properties",
					new ArrayList<>())) {
				properties.put((String) property.get("name"), property);
			}
			return properties;
		}
	}

}
