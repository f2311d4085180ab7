package io.poolkit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.poolkit.PoolConfig;
import io.poolkit.PoolDataSource;

/**
 * For {@code DeadlineWakerThreadLimitTest}, in a JVM of its own: opens a pool of one,
 * holds its connection, then lowers its own address-space limit (with util-linux's
 * {@code prlimit}) to what it uses now, so that no thread can start any more, and borrows
 * three times: the first waiter is the one that would start the deadline waker.
 * <p>
 * Arguments: url, user, password, pool name, connection-timeout in milliseconds. Prints
 * one line per outcome: {@code LIMITED} (or {@code UNLIMITED} when a thread still
 * starts), {@code TIMEOUT <ms>}, {@code LENT}, {@code FAILED <exception>},
 * {@code WAKER <alive>}, {@code CLOSED}.
 */
public final class WakerThreadLimitChild {

	private WakerThreadLimitChild() {
	}

	public static void main(String[] args) throws Exception {
		String name = args[3];
		PoolConfig config = PoolConfig.builder()
			.name(name)
			.url(args[0])
			.username(args[1])
			.password(args[2].isEmpty() ? null : args[2])
			.maxSize(1)
			.minIdle(1)
			.connectionTimeout(Duration.ofMillis(Long.parseLong(args[4])))
			.build();
		try (PoolDataSource pool = new PoolDataSource(config)) {
			Connection held = pool.getConnection();
			limitAddressSpace();
			try {
				new Thread(() -> {
				}).start();
				System.out.println("UNLIMITED");
			}
			catch (OutOfMemoryError ex) {
				System.out.println("LIMITED");
			}
			for (int i = 0; i < 3; i++) {
				long start = System.nanoTime();
				try (Connection again = pool.getConnection()) {
					System.out.println("LENT");
				}
				catch (SQLException ex) {
					long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
					System.out.println(ex.getMessage().contains("no connection available within connection-timeout")
							? "TIMEOUT " + took : "FAILED " + ex);
				}
				catch (Throwable ex) {
					System.out.println("FAILED " + ex);
				}
			}
			System.out.println("WAKER " + Thread.getAllStackTraces()
				.keySet()
				.stream()
				.anyMatch((thread) -> thread.getName().equals("poolkit-" + name + "-deadlines")));
			held.close();
		}
		System.out.println("CLOSED");
	}

	/** The address space in use now plus half a thread stack: no new thread fits. */
	private static void limitAddressSpace() throws IOException, InterruptedException {
		long pid = ProcessHandle.current().pid();
		long sizeKb = Files.readAllLines(Path.of("/proc/self/status"))
			.stream()
			.filter((line) -> line.startsWith("VmSize:"))
			.map((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")))
			.findFirst()
			.orElseThrow();
		Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(pid), "--as=" + (sizeKb + 512) * 1024)
			.inheritIO()
			.start();
		if (prlimit.waitFor() != 0) {
			throw new IllegalStateException("prlimit failed: " + prlimit.exitValue());
		}
	}

}
