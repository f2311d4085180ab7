package io.poolkit.spring.boot.autoconfigure.web;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Reads the actuator of a running test application over HTTP.
 */
final class Actuator {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private final RestClient client;

	Actuator(int port) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
		// Below the default 30 s connection-timeout: a health check that queued for a
		// connection would time out here.
		requests.setReadTimeout(Duration.ofSeconds(20));
		this.client = RestClient.builder().baseUrl("http://localhost:" + port).requestFactory(requests).build();
	}

	Map<String, Object> json(String path) {
		return this.client.get().uri(path).retrieve().body(JSON);
	}

	String text(String path) {
		return this.client.get().uri(path).retrieve().body(String.class);
	}

	/**
	 * Posts to the actuator and returns whatever status it answers, 4xx included.
	 * @param path e.g. {@code /actuator/pool/evict}
	 * @param body the JSON body, or {@code null} to send none (and no content type)
	 */
	Response post(String path, Map<String, ?> body) {
		RestClient.RequestBodySpec request = this.client.post().uri(path);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange((req, response) -> {
			String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
			return new Response(response.getStatusCode().value(), parse(text), text);
		});
	}

	/** Gets a path and returns whatever status it answers. */
	Response get(String path) {
		return this.client.get().uri(path).exchange((req, response) -> {
			String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
			return new Response(response.getStatusCode().value(), parse(text), text);
		});
	}

	private static Map<String, Object> parse(String text) {
		try {
			return text.isBlank() ? Map.of() : JsonParserFactory.getJsonParser().parseMap(text);
		}
		catch (RuntimeException ex) {
			return Map.of();
		}
	}

	/**
	 * An answer of the actuator.
	 *
	 * @param status the HTTP status
	 * @param json the body parsed as a JSON object, empty when there was none or it was
	 * not JSON
	 * @param text the body as text
	 */
	record Response(int status, Map<String, Object> json, String text) {
	}

	/**
	 * One statistic of a meter from {@code /actuator/metrics/<name>}.
	 */
	@SuppressWarnings("unchecked")
	double metric(String name, String tag, String statistic) {
		Map<String, Object> body = json("/actuator/metrics/" + name + ((tag != null) ? "?tag=" + tag : ""));
		for (Map<String, Object> measurement : (List<Map<String, Object>>) body.get("measurements")) {
			if (statistic.equals(measurement.get("statistic"))) {
				return ((Number) measurement.get("value")).doubleValue();
			}
		}
		throw new AssertionError("No " + statistic + " in " + body);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value, String... path) {
		Object current = value;
		for (String key : path) {
			current = ((Map<String, Object>) current).get(key);
		}
		return (Map<String, Object>) current;
	}

}
