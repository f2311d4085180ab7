package io.poolkit.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a JVM of its own, on this JVM's java and class path. Each pool is
 * measured in a fresh JVM so that no pool runs on code the JIT compiled for another, and
 * a pool that hangs cannot stop the run.
 */
public final class Fork {

	private Fork() {
	}

	/**
	 * @return whether the child exited with status 0 within {@code timeout}; it is killed
	 * otherwise
	 */
	public static boolean run(Class<?> main, List<String> jvmArgs, List<String> args, Duration timeout)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArgs);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(main.getName());
		command.addAll(args);
		Process process = new ProcessBuilder(command).inheritIO().start();
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly().waitFor();
			System.out.printf("  %s %s did not finish within %d s; killed%n", main.getSimpleName(), args,
					timeout.toSeconds());
			return false;
		}
		return process.exitValue() == 0;
	}

}
