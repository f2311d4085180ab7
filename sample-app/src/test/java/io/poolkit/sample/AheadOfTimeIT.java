package io.poolkit.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample, processed ahead of time in the build ({@code process-aot}),
 * started as production would start it: {@code java -Dspring.aot.enabled=true -jar}, in a
 * JVM of its own, against the real PostgreSQL. It serves its API and its health over the
 * pool. Run by Failsafe after the jar is built.
 */
class AheadOfTimeIT {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port\\D*(\\d+)");

	private static final Duration STARTUP = Duration.ofSeconds(90);

	private Process process;

	private final List<String> output = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() throws InterruptedException {
		if (this.process != null) {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
	}

	@Test
	void theAotProcessedJarStartsAndServes() throws Exception {
		Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).exists();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String pool = "poolkit-sample-aot-" + UUID.randomUUID().toString().substring(0, 8);
		this.process = new ProcessBuilder(java, "-Dspring.aot.enabled=true", "-jar", jar.toString(), "--server.port=0",
				"--app.pool.url=" + PostgresTestSupport.url(), "--app.pool.username=" + PostgresTestSupport.user(),
				"--app.pool.password=" + PostgresTestSupport.password(), "--app.pool.name=" + pool)
			.redirectErrorStream(true)
			.start();
		int port = port();
		assertThat(String.join("\n", this.output)).contains("AOT-processed");
		Http http = new Http(port);

		Http.Response health = http.get("/actuator/health");
		assertThat(health.status()).as("%s", health).isEqualTo(200);
		assertThat(health.json().path("status").asString()).isEqualTo("UP");
		assertThat(health.json().path("components").path("pool").path("details").path("name").asString())
			.isEqualTo(pool);
		assertThat(health.json().path("components").path("db").path("status").asString()).isEqualTo("UP");

		// Over the pool to the database and back: an order that does not exist.
		Http.Response order = http.get("/orders/-1");
		assertThat(order.status()).as("%s", order).isEqualTo(404);
		assertThat(order.json().path("title").asString()).isEqualTo("Order not found");
		Http.Response user = http.get("/users/1");
		assertThat(user.status()).as("%s", user).isIn(200, 404);
	}

	/**
	 * Reads the application's output until it says which port it listens on, or fails
	 * with what it printed when it stops or takes too long.
	 */
	private int port() throws Exception {
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					this.output.add(line);
					Matcher matcher = PORT.matcher(line);
					if (matcher.find()) {
						port.complete(Integer.parseInt(matcher.group(1)));
					}
				}
				port.completeExceptionally(new IllegalStateException("The application stopped"));
			}
			catch (IOException ex) {
				port.completeExceptionally(ex);
			}
		}, "aot-sample-output");
		reader.setDaemon(true);
		reader.start();
		try {
			return port.get(STARTUP.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			List<String> printed = List.copyOf(this.output);
			Path log = Files.createTempFile("aot-sample", ".log");
			Files.write(log, printed);
			throw new AssertionError("The AOT-processed sample did not start (output in " + log + "):\n"
					+ String.join("\n", printed.subList(Math.max(0, printed.size() - 40), printed.size())), ex);
		}
	}

}
