package io.poolkit.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@link DeadlineWaker}'s thread cannot be started ("unable to create native
 * thread"): the first waiter, which would start it, and every later one park with a
 * timeout of their own, so each borrow still times out on its deadline, and the pool
 * closes. Run in a JVM of its own ({@link WakerThreadLimitChild}) whose address space is
 * capped, once the pool runs, at what it already uses.
 */
@EnabledOnOs(OS.LINUX)
class DeadlineWakerThreadLimitTest {

	private static final long TIMEOUT_MILLIS = 300;

	/** What a busy machine (a build running alongside) may add to a borrow's timeout. */
	private static final long MARGIN_MILLIS = 5000;

	@Test
	void borrowsTimeOutOnTheirDeadlineWhenTheWakerThreadCannotStart() throws Exception {
		assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "util-linux's prlimit");
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		// Interpreted, one GC thread, a small heap: nothing that needs more address space
		// once the limit is set, but the threads the test means to start.
		Process process = new ProcessBuilder(java, "-Xint", "-XX:+UseSerialGC", "-Xmx64m", "-cp", classPath,
				WakerThreadLimitChild.class.getName(), PostgresTestSupport.url(), PostgresTestSupport.user(),
				(PostgresTestSupport.password() != null) ? PostgresTestSupport.password() : "", "waker-limit",
				Long.toString(TIMEOUT_MILLIS))
			.redirectErrorStream(true)
			.start();
		List<String> lines = new CopyOnWriteArrayList<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = out.readLine(); line != null; line = out.readLine()) {
					lines.add(line);
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "waker-limit-out");
		reader.start();
		boolean ended = process.waitFor(1, TimeUnit.MINUTES);
		if (!ended) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		reader.join(TimeUnit.SECONDS.toMillis(10));
		System.out.println("waker-limit child:\n  " + String.join("\n  ", lines));
		assertThat(ended).as("the child ended: %s", lines).isTrue();
		assumeTrue(!lines.contains("UNLIMITED"), "the address-space limit keeps threads from starting");
		assertThat(lines).contains("LIMITED");
		assertThat(lines).as("the JVM could not start the waker")
			.anyMatch((line) -> line.contains("poolkit-waker-limit-deadlines"));
		List<Long> timeouts = lines.stream()
			.filter((line) -> line.startsWith("TIMEOUT "))
			.map((line) -> Long.parseLong(line.substring("TIMEOUT ".length())))
			.toList();
		assertThat(timeouts).as("three borrows, each timed out: %s", lines)
			.hasSize(3)
			.allMatch((took) -> took >= TIMEOUT_MILLIS && took <= TIMEOUT_MILLIS + MARGIN_MILLIS);
		assertThat(lines).contains("WAKER false", "CLOSED");
		assertThat(process.exitValue()).isZero();
	}

}
