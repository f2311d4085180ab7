package io.poolkit.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
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

/**
 * The report around the tables: the warning about noise, the method, the machine, the JDK
 * and the versions.
 */
final class Environment {

	private Environment() {
	}

	static String document(ReportMain report, Figures figures, RunMode mode, long seconds, String profileNotes) {
		StringBuilder d = new StringBuilder();
		d.append("# Benchmarks\n\n")
			.append("Written by `pool-benchmarks/run.sh ")
			.append(mode.id())
			.append("`, run on ")
			.append(figures.facts()
				.getOrDefault("started",
						ZonedDateTime.now(ZoneOffset.UTC)
							.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))))
			.append(" in ")
			.append(seconds / 60)
			.append(" min ")
			.append(seconds % 60)
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
		try (InputStream in = Environment.class.getResourceAsStream("method.md")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8)
				.replace("{rounds}", Integer.toString(mode.rounds))
				.replace("{warmup}", Integer.toString(mode.warmupIterations))
				.replace("{oversubscribedWarmup}", Integer.toString(mode.oversubscribedWarmupIterations))
				.replace("{warmupMillis}", Integer.toString(mode.warmupMillis))
				.replace("{iterations}", Integer.toString(mode.iterations))
				.replace("{iterationMillis}", Integer.toString(mode.iterationMillis))
				.replace("{loadSeconds}", Integer.toString(mode.loadSeconds))
				.replace("{loadWarmup}", Integer.toString(mode.loadWarmupSeconds))
				.replace("{loadJitWarmup}", Integer.toString(mode.loadJitWarmupSeconds));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String machine(Figures figures, RunMode mode) {
		StringBuilder m = new StringBuilder("## Machine and versions\n\n| | |\n|---|---|\n");
		m.append("| CPU | ")
			.append(cpu())
			.append(", ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores available to the JVM |\n");
		m.append("| memory | ").append(memoryGigabytes()).append(" GB |\n");
		m.append("| OS | ")
			.append(System.getProperty("os.name"))
			.append(' ')
			.append(System.getProperty("os.version"))
			.append(" (")
			.append(System.getProperty("os.arch"))
			.append(") |\n");
		// The JVM the benchmarks ran on, which JmhMain records; the report's own JVM
		// only for results from before it did.
		String jvm = figures.facts().get("jvm");
		m.append("| JDK | ")
			.append((jvm != null) ? jvm
					: System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
			.append(", default (G1) collector |\n");
		String postgres = figures.facts().get("postgresql");
		m.append("| database | ")
			.append((postgres != null) ? postgres : "—")
			.append(" on the same machine, pgjdbc ")
			.append(Versions.of(Driver.class, "org.postgresql", "postgresql"))
			.append(" |\n");
		m.append("| JMH | ").append(Versions.of(Runner.class, "org.openjdk.jmh", "jmh-core")).append(" |\n");
		for (PoolKind kind : PoolKind.all()) {
			m.append("| ").append(kind.label()).append(" | ").append(kind.version()).append(" |\n");
		}
		StringBuilder load = new StringBuilder();
		figures.facts().forEach((name, value) -> {
			if (name.startsWith("load before ")) {
				load.append((load.length() > 0) ? "; " : "")
					.append(name.substring("load before ".length()))
					.append(' ')
					.append(value);
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
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
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
