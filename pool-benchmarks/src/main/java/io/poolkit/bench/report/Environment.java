package io.poolkit.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.poolkit.bench.PoolKind;
import io.poolkit.bench.RunMode;
import io.poolkit.bench.Versions;
import org.openjdk.jmh.runner.Runner;
import org.postgresql.Driver;

/** The report around the tables: the warning about noise, the method, the machine, the JDK and the versions. */
final class Environment {

	private Environment() {
	}

	static String document(ReportMain report, Figures figures, RunMode mode, long seconds, String profileNotes) {
		StringBuilder d = new StringBuilder();
		d.append("# Benchmarks\n\n")
			.append("Written by `pool-benchmarks/run.sh ").append(mode.id()).append("` on ")
			.append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
			.append(" in ").append(seconds / 60).append(" min ").append(seconds % 60)
			.append(" s; run it again rather than editing this file.\n\n")
			.append("> **Read the ratios, not the absolute figures.** This machine has ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, shared with other builds while the run went on; absolute figures move by tens of ")
			.append("percent from run to run and the errors below are wide, the more so in short mode. Every pool ")
			.append("ran in the same run under the same conditions, so the ratios between them are what this file ")
			.append("is for.\n\n");
		d.append("## Summary\n\n").append(report.summaryTable()).append('\n');
		d.append("Ratios are Poolkit's figure divided by the other's: above 1 is better for throughput, below 1 is ")
			.append("better for latency, time and bytes. The best peer is the best of the six other pools on that ")
			.append("figure.\n\n");
		if (profileNotes != null) {
			d.append(profileNotes.strip()).append("\n\n");
		}
		d.append(report.sections());
		d.append(method(mode));
		d.append(machine(figures, mode));
		return d.toString();
	}

	private static String method(RunMode mode) {
		return "## How it was measured\n\n"
				+ "- **Pools configured alike**: each pool holds its connections open from the start (`min-idle` = max), "
				+ "with auto-commit off, read committed, a 30 s borrow timeout and its own default validation. c3p0 "
				+ "has no auto-commit setting and turns auto-commit back on at check-in, so a connection customizer "
				+ "turns it off at checkout. A test (`PoolKindTest`) checks that every pool fills and lends connections "
				+ "configured this way.\n"
				+ "- **Stub driver**: a JDBC driver in the module that does no I/O, so JMH measures the pools alone. "
				+ "JMH: " + mode.rounds + " round(s); in each, every pool runs in a fork of its own with "
				+ mode.warmupIterations + " × " + mode.warmupMillis + " ms warm-up and " + mode.iterations + " × "
				+ mode.iterationMillis + " ms measured, heap fixed at 1 GB; rounds take turns, so a burst of load "
				+ "from elsewhere lands on all pools alike, and the measured iterations of all rounds make the "
				+ "score.\n"
				+ "- **PostgreSQL load**: a closed loop, each pool in a JVM of its own; latencies recorded per thread "
				+ "in HdrHistogram (shared, thread-safe histograms for the virtual threads). Requests are counted by "
				+ "when they end: a borrower left waiting past the window still shows in the tail.\n"
				+ "- **Connection per request**: the baseline without a pool opens, configures and closes a physical "
				+ "connection for every request.\n"
				+ "- **Cold start**: through an in-process proxy adding 20 ms to each new connection, because "
				+ "PostgreSQL over loopback connects in a few milliseconds, too little to tell a pool that connects one "
				+ "at a time from one that connects in parallel.\n"
				+ "- **Memory**: in a fresh JVM per sample, twenty pools of 10 idle connections warm up, then twenty of "
				+ "20, twenty of 10 and twenty of 20 are opened, the live heap (HotSpot's class histogram, which runs "
				+ "a full collection, without the collector's filler arrays) measured after each set. Per connection = "
				+ "(a 20-set − a 10-set) / 200, less the stub connection measured alone; both sizes run the same "
				+ "number of connector threads, so threads cancel out. Per pool = a 10-set / 20 less its ten "
				+ "connections.\n\n";
	}

	private static String machine(Figures figures, RunMode mode) {
		StringBuilder m = new StringBuilder("## Machine and versions\n\n| | |\n|---|---|\n");
		m.append("| CPU | ").append(cpu()).append(", ").append(Runtime.getRuntime().availableProcessors())
			.append(" cores available to the JVM |\n");
		m.append("| memory | ").append(memoryGigabytes()).append(" GB |\n");
		m.append("| OS | ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
			.append(" (").append(System.getProperty("os.arch")).append(") |\n");
		m.append("| JDK | ").append(System.getProperty("java.vm.vendor")).append(' ')
			.append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
			.append(", default (G1) collector |\n");
		String postgres = figures.facts().get("postgresql");
		m.append("| database | ").append((postgres != null) ? postgres : "—").append(" on the same machine, pgjdbc ")
			.append(Versions.of(Driver.class, "org.postgresql", "postgresql")).append(" |\n");
		m.append("| JMH | ").append(Versions.of(Runner.class, "org.openjdk.jmh", "jmh-core")).append(" |\n");
		for (PoolKind kind : PoolKind.all()) {
			m.append("| ").append(kind.label()).append(" | ").append(kind.version()).append(" |\n");
		}
		StringBuilder load = new StringBuilder();
		figures.facts().forEach((name, value) -> {
			if (name.startsWith("load before ")) {
				load.append((load.length() > 0) ? "; " : "").append(name.substring("load before ".length()))
					.append(' ').append(value);
			}
		});
		if (load.length() > 0) {
			m.append("| load average (1, 5, 15 min) before each part | ").append(load).append(" |\n");
		}
		m.append("| mode | ").append(mode.id()).append(" |\n");
		return m.toString();
	}

	private static String cpu() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
				.filter(line -> line.startsWith("model name"))
				.map(line -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse(System.getProperty("os.arch"));
		}
		catch (IOException ex) {
			return System.getProperty("os.arch");
		}
	}

	private static String memoryGigabytes() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return String.format(Locale.ROOT, "%.0f", os.getTotalMemorySize() / 1e9);
		}
		return "?";
	}

}
