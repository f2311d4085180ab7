package io.poolkit.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol: a WebSocket to one page,
 * JSON commands and their answers. Enough to load a page, run JavaScript in it and take a
 * screenshot, with nothing but the JDK's HTTP client, so the test needs no WebDriver and
 * no browser-specific library.
 */
final class Chromium implements AutoCloseable {

	/**
	 * Debian's chromium package; the {@code chromium.binary} system property points
	 * elsewhere.
	 */
	static final Path BINARY = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final Duration COMMAND = Duration.ofSeconds(30);

	private final Process process;

	private final Path profile;

	private final Path log;

	private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();

	private final AtomicInteger ids = new AtomicInteger();

	private WebSocket socket;

	private Chromium(Process process, Path profile, Path log) {
		this.process = process;
		this.profile = profile;
		this.log = log;
	}

	/**
	 * Starts a headless Chromium with a fresh profile and connects to its blank page.
	 * @param width window width in CSS pixels
	 * @param height window height in CSS pixels
	 * @param log where the browser's own output goes
	 */
	static Chromium launch(int width, int height, Path log) throws IOException {
		Path profile = Files.createTempDirectory("poolkit-chromium-");
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--no-first-run", "--disable-background-networking",
				// Port 0: Chromium picks a free one and writes it to DevToolsActivePort
				// in the profile.
				"--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
				"--hide-scrollbars", "about:blank")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		Chromium chromium = new Chromium(process, profile, log);
		try {
			chromium.connect();
			return chromium;
		}
		catch (RuntimeException | IOException ex) {
			chromium.close();
			throw ex;
		}
	}

	private void connect() throws IOException {
		Path activePort = this.profile.resolve("DevToolsActivePort");
		await("Chromium's DevTools port (browser output in " + this.log + ")").atMost(STARTUP)
			.pollInterval(Duration.ofMillis(100))
			.failFast("Chromium exited (output in " + this.log + ")", () -> !this.process.isAlive())
			.until(() -> Files.exists(activePort) && Files.readAllLines(activePort).size() >= 2);
		int port = Integer.parseInt(Files.readAllLines(activePort).get(0).trim());
		HttpClient http = HttpClient.newHttpClient();
		String pageSocket = await("Chromium's page target").atMost(STARTUP)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> pageWebSocket(http, port), (url) -> url != null);
		this.socket = http.newWebSocketBuilder()
			.connectTimeout(COMMAND)
			.buildAsync(URI.create(pageSocket), new Answers())
			.join();
	}

	private static String pageWebSocket(HttpClient http, int port) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
				HttpResponse.BodyHandlers.ofString());
		for (JsonNode target : JSON.readTree(response.body())) {
			if ("page".equals(target.path("type").asString())) {
				return target.path("webSocketDebuggerUrl").asString();
			}
		}
		return null;
	}

	/**
	 * Sends one DevTools command and waits for its answer.
	 * @return the answer's {@code result}
	 */
	JsonNode call(String method, Map<String, Object> params) {
		int id = this.ids.incrementAndGet();
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		this.answers.put(id, answer);
		Map<String, Object> command = new LinkedHashMap<>();
		command.put("id", id);
		command.put("method", method);
		command.put("params", params);
		this.socket.sendText(JSON.writeValueAsString(command), true).join();
		JsonNode response;
		try {
			response = answer.get(COMMAND.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("No answer to " + method + " from Chromium", ex);
		}
		finally {
			this.answers.remove(id);
		}
		if (response.has("error")) {
			throw new IllegalStateException(method + " failed: " + response.path("error"));
		}
		return response.path("result");
	}

	/**
	 * Evaluates a JavaScript expression in the page.
	 * @return its value, as JSON
	 */
	JsonNode evaluate(String expression) {
		JsonNode result = call("Runtime.evaluate",
				Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
		if (result.has("exceptionDetails")) {
			throw new IllegalStateException(
					"JavaScript failed: " + expression + ": " + result.path("exceptionDetails"));
		}
		return result.path("result").path("value");
	}

	/** A PNG of the page's viewport. */
	byte[] screenshot() {
		JsonNode result = call("Page.captureScreenshot", Map.of("format", "png"));
		return Base64.getDecoder().decode(result.path("data").asString());
	}

	@Override
	public void close() {
		if (this.socket != null) {
			this.socket.abort();
		}
		// Chromium runs as several processes; ending the children first leaves none
		// behind.
		List<ProcessHandle> children = this.process.descendants().toList();
		this.process.destroy();
		children.forEach(ProcessHandle::destroy);
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		deleteProfile();
	}

	private void deleteProfile() {
		try (Stream<Path> files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// Collects each message, which may arrive in parts, and hands answers to whoever sent
	// the command. Events
	// (messages without an id) are not needed and dropped.
	private final class Answers implements WebSocket.Listener {

		private final StringBuilder message = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.message.append(data);
			if (last) {
				JsonNode json = JSON.readTree(this.message.toString());
				this.message.setLength(0);
				if (json.has("id")) {
					CompletableFuture<JsonNode> answer = Chromium.this.answers.get(json.path("id").asInt());
					if (answer != null) {
						answer.complete(json);
					}
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			Chromium.this.answers.values().forEach((answer) -> answer.completeExceptionally(error));
		}

	}

}
