package io.poolkit.bench.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.poolkit.bench.PoolKind;
import io.poolkit.bench.RunMode;
import io.poolkit.bench.load.LoadMain;
import io.poolkit.bench.report.Results.Row;

/**
 * Writes {@code docs/benchmarks.md} from a run's results: a table per benchmark with
 * every pool's figure and error, Poolkit's ratio to HikariCP and to the best peer, the
 * targets, and the machine and versions. Replaces the summary between the markers in the
 * README's performance section.
 * <p>
 * Usage:
 * {@code ReportMain <short|long> <results directory> <docs/benchmarks.md> <README.md> <seconds the run took>}
 */
public final class ReportMain {

	static final String BEGIN = "<!-- benchmarks:begin (written by pool-benchmarks/run.sh) -->";

	static final String END = "<!-- benchmarks:end -->";

	private final Figures figures;

	private final RunMode mode;

	private final StringBuilder sections = new StringBuilder();

	private final List<String> summary = new ArrayList<>();

	private ReportMain(Figures figures, RunMode mode) {
		this.figures = figures;
		this.mode = mode;
	}

	public static void main(String[] args) throws Exception {
		RunMode mode = RunMode.of(args[0]);
		Figures figures = new Figures(Results.readAll(Path.of(args[1])));
		ReportMain report = new ReportMain(figures, mode);
		report.cycles("connection-cycle", "Connection cycle",
				"`getConnection()` + `close()` on the stub driver, one pool of 16 shared by all threads");
		report.casLimit();
		report.cycles("query-cycle", "Query cycle", "borrow, prepare, execute, read one row, commit, close "
				+ "everything, on the stub driver, one pool of 16 shared by all threads");
		for (String scenario : figures.scenarios("pg-load")) {
			report.load(scenario);
		}
		report.coldStart();
		report.memory();
		// Written by hand after profiling a run; run.sh runs from the repository's root.
		Path notes = Path.of("pool-benchmarks", "profile-notes.md");
		String document = Environment.document(report, figures, mode, Long.parseLong(args[4]),
				Files.exists(notes) ? Files.readString(notes) : null);
		Files.writeString(Path.of(args[2]), document, StandardCharsets.UTF_8);
		updateReadme(Path.of(args[3]), report.readmeSection());
		System.out.println("Wrote " + args[2] + " and the performance section of " + args[3]);
	}

	// ---- JMH

	private void cycles(String section, String title, String what) {
		List<String> scenarios = this.figures.scenarios(section);
		if (scenarios.isEmpty()) {
			return;
		}
		StringBuilder s = this.sections;
		s.append("## ")
			.append(title)
			.append("\n\n")
			.append(what)
			.append(". JMH throughput in operations per ")
			.append("microsecond (higher is better) ± the half-width of JMH's 99.9% confidence interval.\n\n");
		s.append("| pool |");
		scenarios.forEach(scenario -> s.append(' ').append(scenario).append(" |"));
		s.append("\n|---|").append("---:|".repeat(scenarios.size())).append('\n');
		for (PoolKind kind : PoolKind.all()) {
			s.append("| ").append(name(kind.id())).append(" |");
			for (String scenario : scenarios) {
				Row row = this.figures.row(section, kind.id(), scenario, "throughput");
				s.append(' ').append((row != null) ? Figures.withError(row.value(), row.error()) : "—").append(" |");
			}
			s.append('\n');
		}
		StringBuilder toHikari = new StringBuilder("| **Poolkit ÷ HikariCP** |");
		StringBuilder toBest = new StringBuilder("| **Poolkit ÷ best peer** |");
		StringBuilder target = new StringBuilder("| target: ≥ 1.20× HikariCP and ≥ 1.00× best peer |");
		for (String scenario : scenarios) {
			Row poolkit = this.figures.row(section, Figures.POOLKIT, scenario, "throughput");
			Row hikari = this.figures.row(section, Figures.HIKARI, scenario, "throughput");
			String best = this.figures.bestPeer(section, scenario, "throughput", true);
			Row bestRow = (best != null) ? this.figures.row(section, best, scenario, "throughput") : null;
			toHikari.append(' ').append(Figures.ratioWithError(poolkit, hikari)).append(" |");
			toBest.append(' ')
				.append(Figures.ratioWithError(poolkit, bestRow))
				.append(" (")
				.append((best != null) ? Figures.label(best) : "—")
				.append(") |");
			double vsHikari = ratio(poolkit, hikari);
			double vsBest = ratio(poolkit, bestRow);
			String status = atLeast(vsHikari, 1.2, "HikariCP", atLeast(vsBest, 1.0, "best peer", null));
			target.append(' ').append(status).append(" |");
			summary(title + ", " + scenario + " (ops/µs)", poolkit, hikari, best, bestRow, vsHikari, vsBest, status);
		}
		s.append(toHikari).append('\n').append(toBest).append('\n').append(target).append("\n\n");
	}

	/**
	 * The single-thread connection cycle against the two-CAS limit ({@code cas-limit}):
	 * each pool's time per cycle as a multiple of a bare compare-and-set acquire and
	 * release.
	 */
	private void casLimit() {
		String scenario = "1 thread";
		Row limit = this.figures.row("cas-limit", "-", scenario, "throughput");
		if (limit == null) {
			return;
		}
		StringBuilder s = this.sections;
		s.append("## The two-CAS limit\n\nThe least an uncontended borrow and return can cost: a compare-and-set that ")
			.append("takes one slot from idle to in use and one that gives it back, single-threaded, with the same JMH ")
			.append("settings: ")
			.append(Figures.withError(limit.value(), limit.error()))
			.append(" ops/µs, ")
			.append(Figures.number(1000 / limit.value()))
			.append(" ns. Below, each pool's single-thread connection cycle as time per cycle and as a multiple of ")
			.append("that limit (lower is better).\n\n| pool | ns per cycle | ÷ the limit |\n|---|---:|---:|\n");
		for (PoolKind kind : PoolKind.all()) {
			Row row = this.figures.row("connection-cycle", kind.id(), scenario, "throughput");
			s.append("| ")
				.append(name(kind.id()))
				.append(" | ")
				.append((row != null) ? Figures.number(1000 / row.value()) : "—")
				.append(" | ")
				.append(Figures.ratio(ratio(limit, row)))
				.append(" |\n");
		}
		Row poolkit = this.figures.row("connection-cycle", Figures.POOLKIT, scenario, "throughput");
		double vsLimit = ratio(limit, poolkit);
		String status = atMost(vsLimit, 2.5, "the limit", null);
		s.append("| target: Poolkit ≤ 2.50× the limit | | ").append(status).append(" |\n\n");
		Row hikari = this.figures.row("connection-cycle", Figures.HIKARI, scenario, "throughput");
		String best = this.figures.bestPeer("connection-cycle", scenario, "throughput", true);
		Row bestRow = (best != null) ? this.figures.row("connection-cycle", best, scenario, "throughput") : null;
		double hikariVsLimit = ratio(limit, hikari);
		double bestVsLimit = ratio(limit, bestRow);
		this.summary.add("| Connection cycle, 1 thread, ÷ the two-CAS limit of " + Figures.number(1000 / limit.value())
				+ " ns (time, lower is better) | " + Figures.ratio(vsLimit) + " | " + Figures.ratio(hikariVsLimit)
				+ " | " + Figures.ratio(vsLimit / hikariVsLimit) + " | "
				+ ((best != null) ? Figures.label(best) + " " + Figures.ratio(bestVsLimit) : "—") + " | "
				+ Figures.ratio(vsLimit / bestVsLimit) + " | " + status + " |");
	}

	// ---- PostgreSQL

	private static final String[] LOAD_METRICS = { "throughput", "p50", "p99", "p99.9", "max" };

	/** Poolkit's p99 under load at most this share of HikariCP's (issue 14). */
	private static final double P99_TARGET = 1.0 / 3;

	private void load(String scenario) {
		boolean virtual = scenario.contains("virtual");
		StringBuilder s = this.sections;
		s.append("## PostgreSQL load: ")
			.append(scenario)
			.append("\n\n")
			.append("Closed loop on the real PostgreSQL: each thread borrows, runs one indexed point select, commits ")
			.append("and returns, for ")
			.append(this.mode.loadSeconds)
			.append(" s after a ")
			.append(LoadMain.isFirstInJvm(scenario)
					? this.mode.loadWarmupSeconds + this.mode.loadJitWarmupSeconds
							+ " s warm-up (the first scenario of the pool's JVM: " + this.mode.loadJitWarmupSeconds
							+ " s of it for the JIT)"
					: this.mode.loadWarmupSeconds + " s warm-up (in a JVM already warm)")
			.append(". Throughput in requests per second ± the standard ")
			.append("deviation over 1-second intervals (higher is better); latency from borrow to return in ms over ")
			.append("every request that ended after the warm-up (lower is better); errors are failed requests.\n\n");
		s.append("| pool | throughput (req/s) | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | errors |\n");
		s.append("|---|---:|---:|---:|---:|---:|---:|\n");
		List<String> subjects = new ArrayList<>();
		PoolKind.all().forEach(kind -> subjects.add(kind.id()));
		if (!virtual) {
			subjects.add("none");
		}
		for (String subject : subjects) {
			s.append("| ").append(name(subject)).append(" |");
			if (this.figures.row("pg-load", subject, scenario, "failed") != null
					|| this.figures.row("pg-load", subject, scenario, "throughput") == null) {
				s.append(" did not finish (hung or failed) | — | — | — | — | — |\n");
				continue;
			}
			for (String metric : LOAD_METRICS) {
				Row row = this.figures.row("pg-load", subject, scenario, metric);
				s.append(' ').append(Figures.withError(row.value(), row.error())).append(" |");
			}
			s.append(' ')
				.append(String.format(Locale.ROOT, "%,.0f", this.figures.value("pg-load", subject, scenario, "errors")))
				.append(" |\n");
		}
		StringBuilder toHikari = new StringBuilder("| **Poolkit ÷ HikariCP** |");
		StringBuilder toBest = new StringBuilder("| **Poolkit ÷ best peer** |");
		for (String metric : LOAD_METRICS) {
			boolean higher = metric.equals("throughput");
			Row poolkit = this.figures.row("pg-load", Figures.POOLKIT, scenario, metric);
			Row hikari = this.figures.row("pg-load", Figures.HIKARI, scenario, metric);
			String best = this.figures.bestPeer("pg-load", scenario, metric, higher);
			toHikari.append(' ').append(Figures.ratio(ratio(poolkit, hikari))).append(" |");
			toBest.append(' ')
				.append(Figures
					.ratio(ratio(poolkit, (best != null) ? this.figures.row("pg-load", best, scenario, metric) : null)))
				.append(" (")
				.append((best != null) ? Figures.label(best) : "—")
				.append(") |");
		}
		s.append(toHikari).append('\n').append(toBest).append('\n');
		double errors = this.figures.value("pg-load", Figures.POOLKIT, scenario, "errors");
		Row poolkit = this.figures.row("pg-load", Figures.POOLKIT, scenario, "throughput");
		Row hikari = this.figures.row("pg-load", Figures.HIKARI, scenario, "throughput");
		String best = this.figures.bestPeer("pg-load", scenario, "throughput", true);
		Row bestRow = (best != null) ? this.figures.row("pg-load", best, scenario, "throughput") : null;
		double throughputRatio = ratio(poolkit, hikari);
		Row p99 = this.figures.row("pg-load", Figures.POOLKIT, scenario, "p99");
		Row hikariP99 = this.figures.row("pg-load", Figures.HIKARI, scenario, "p99");
		// Issue 14's targets, every load: the best peer's throughput, a third of
		// HikariCP's p99.
		String p99Status = atMost(ratio(p99, hikariP99), P99_TARGET, "HikariCP p99", null);
		String status = atLeast(ratio(poolkit, bestRow), 1.0,
				"best peer throughput (" + ((best != null) ? Figures.label(best) : "—") + ")", null);
		status = combine((errors == 0) ? null : String.format(Locale.ROOT, "%,.0f errors", errors),
				atMost(ratio(p99, hikariP99), P99_TARGET, "HikariCP p99", status));
		s.append("| target: throughput ≥ 1.00× best peer, p99 ≤ 0.33× HikariCP's, zero errors | ")
			.append(status)
			.append(" |\n\n");
		summary("PostgreSQL " + scenario + ": throughput (req/s)", poolkit, hikari, best, bestRow, throughputRatio,
				ratio(poolkit, bestRow), status);
		String bestP99 = this.figures.bestPeer("pg-load", scenario, "p99", false);
		Row bestP99Row = (bestP99 != null) ? this.figures.row("pg-load", bestP99, scenario, "p99") : null;
		summary("PostgreSQL " + scenario + ": p99 (ms, lower is better)", p99, hikariP99, bestP99, bestP99Row,
				ratio(p99, hikariP99), ratio(p99, bestP99Row), p99Status);
	}

	// ---- cold start and memory

	private void coldStart() {
		String scenario = this.figures.scenarios("cold-start").stream().findFirst().orElse(null);
		if (scenario == null) {
			return;
		}
		double connect = this.figures.value("cold-start", "-", "one connection", "connect");
		StringBuilder s = this.sections;
		s.append("## Cold start\n\nTime from constructing the pool (and calling its start method, where it has one) ")
			.append("until it reports ")
			.append(scenario)
			.append(" idle, against PostgreSQL behind an in-process TCP ")
			.append("proxy that adds 20 ms to every new connection; one connect through it takes ")
			.append(Figures.number(connect))
			.append(" ms (median). Median of ")
			.append(this.mode.coldStarts)
			.append(" starts after an untimed one, ± half the range (lower is better).\n\n");
		s.append("| pool | time to ").append(scenario).append(" ready (ms) | in single connect times |\n");
		s.append("|---|---:|---:|\n");
		for (PoolKind kind : PoolKind.all()) {
			Row row = this.figures.row("cold-start", kind.id(), scenario, "median");
			s.append("| ")
				.append(name(kind.id()))
				.append(" | ")
				.append((row != null) ? Figures.withError(row.value(), row.error()) : "—")
				.append(" | ")
				.append((row != null) ? Figures.number(row.value() / connect) : "—")
				.append(" |\n");
		}
		Row poolkit = this.figures.row("cold-start", Figures.POOLKIT, scenario, "median");
		Row hikari = this.figures.row("cold-start", Figures.HIKARI, scenario, "median");
		String best = this.figures.bestPeer("cold-start", scenario, "median", false);
		Row bestRow = (best != null) ? this.figures.row("cold-start", best, scenario, "median") : null;
		double connects = (poolkit != null) ? poolkit.value() / connect : Double.NaN;
		String status = atMost(connects / 10, 0.5, "ten connect times", null);
		s.append("| **Poolkit ÷ HikariCP** | ").append(Figures.ratio(ratio(poolkit, hikari))).append(" |\n");
		s.append("| **Poolkit ÷ best peer** | ")
			.append(Figures.ratio(ratio(poolkit, bestRow)))
			.append(" (")
			.append((best != null) ? Figures.label(best) : "—")
			.append(") |\n");
		s.append("| target: well under ten connect times (here: at most five) | ").append(status).append(" |\n\n");
		summary("Cold start to " + scenario + " (ms, lower is better)", poolkit, hikari, best, bestRow,
				ratio(poolkit, hikari), ratio(poolkit, bestRow),
				status + String.format(Locale.ROOT, " (%.1f connect times)", connects));
	}

	private void memory() {
		if (this.figures.scenarios("memory").isEmpty()) {
			return;
		}
		StringBuilder s = this.sections;
		s.append("## Memory\n\nRetained heap per idle pooled connection on the stub driver, the stub connection's own ")
			.append("bytes excluded, and each pool's fixed cost (its threads included); median of ")
			.append(this.mode.memoryRepeats)
			.append(" JVMs ± half the range (lower is better). See the method ")
			.append("below.\n\n| pool | per idle connection (bytes) | per pool (bytes) |\n|---|---:|---:|\n");
		for (PoolKind kind : PoolKind.all()) {
			Row connection = this.figures.row("memory", kind.id(), "idle connection", "bytes");
			Row pool = this.figures.row("memory", kind.id(), "pool", "bytes");
			s.append("| ")
				.append(name(kind.id()))
				.append(" | ")
				.append((connection != null) ? Figures.withError(connection.value(), connection.error()) : "—")
				.append(" | ")
				.append((pool != null) ? Figures.withError(pool.value(), pool.error()) : "—")
				.append(" |\n");
		}
		Row poolkit = this.figures.row("memory", Figures.POOLKIT, "idle connection", "bytes");
		Row hikari = this.figures.row("memory", Figures.HIKARI, "idle connection", "bytes");
		String best = this.figures.bestPeer("memory", "idle connection", "bytes", false);
		Row bestRow = (best != null) ? this.figures.row("memory", best, "idle connection", "bytes") : null;
		s.append("| **Poolkit ÷ HikariCP** | ").append(Figures.ratio(ratio(poolkit, hikari))).append(" |\n");
		s.append("| **Poolkit ÷ best peer** | ")
			.append(Figures.ratio(ratio(poolkit, bestRow)))
			.append(" (")
			.append((best != null) ? Figures.label(best) : "—")
			.append(") |\n\n");
		summary("Heap per idle connection (bytes, lower is better)", poolkit, hikari, best, bestRow,
				ratio(poolkit, hikari), ratio(poolkit, bestRow), "no target");
	}

	// ---- summary and README

	private void summary(String benchmark, Row poolkit, Row hikari, String best, Row bestRow, double vsHikari,
			double vsBest, String status) {
		this.summary.add("| " + benchmark + " | " + value(poolkit) + " | " + value(hikari) + " | "
				+ Figures.ratio(vsHikari) + " | " + ((best != null) ? Figures.label(best) + " " + value(bestRow) : "—")
				+ " | " + Figures.ratio(vsBest) + " | " + status + " |");
	}

	private static String value(Row row) {
		return (row != null) ? Figures.number(row.value()) : "—";
	}

	String summaryTable() {
		return "| benchmark | Poolkit | HikariCP | Poolkit ÷ HikariCP | best peer | Poolkit ÷ best peer | target |\n"
				+ "|---|---:|---:|---:|---|---:|---|\n" + String.join("\n", this.summary) + "\n";
	}

	String sections() {
		return this.sections.toString();
	}

	private String readmeSection() {
		return BEGIN + "\n" + summaryTable() + "\nFrom one " + this.mode.id() + " run on a 2-core machine shared with "
				+ "other builds: the ratios carry wide errors, and absolute figures move by tens of percent between "
				+ "runs. The errors, the method, the machine and versions, and what the profiles show where Poolkit "
				+ "misses are in [docs/benchmarks.md](docs/benchmarks.md).\n" + END;
	}

	private static void updateReadme(Path readme, String section) throws Exception {
		String text = Files.readString(readme, StandardCharsets.UTF_8);
		int begin = text.indexOf(BEGIN);
		int end = text.indexOf(END);
		if (begin < 0 || end < begin) {
			throw new IllegalStateException(readme + " has no " + BEGIN + " ... " + END + " markers to write between");
		}
		Files.writeString(readme, text.substring(0, begin) + section + text.substring(end + END.length()),
				StandardCharsets.UTF_8);
	}

	// ---- helpers

	private static String name(String subject) {
		return subject.equals(Figures.POOLKIT) ? "**Poolkit**" : Figures.label(subject);
	}

	private static double ratio(Row a, Row b) {
		return (a != null && b != null) ? a.value() / b.value() : Double.NaN;
	}

	/**
	 * "met" when {@code ratio >= bound}, else how far short; chained onto an earlier
	 * status.
	 */
	private static String atLeast(double ratio, double bound, String of, String earlier) {
		String miss = (ratio >= bound) ? null : String.format(Locale.ROOT, "%.2f× %s, %.0f%% short of %.2f×", ratio, of,
				(bound - ratio) / bound * 100, bound);
		return combine(miss, earlier);
	}

	/** "met" when {@code ratio <= bound}, else by how much it is over. */
	private static String atMost(double ratio, double bound, String of, String earlier) {
		String miss = (ratio <= bound) ? null : String.format(Locale.ROOT, "%.2f× %s, %.0f%% over %.2f×", ratio, of,
				(ratio - bound) / bound * 100, bound);
		return combine(miss, earlier);
	}

	private static String combine(String miss, String earlier) {
		boolean earlierMet = earlier == null || earlier.equals("met");
		if (miss == null) {
			return earlierMet ? "met" : earlier;
		}
		return "**missed**: " + miss + (earlierMet ? "" : "; " + earlier.replace("**missed**: ", ""));
	}

}
