package io.poolkit.bench.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.poolkit.bench.RunMode;
import io.poolkit.bench.report.Results;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs {@link CycleBenchmark} at 1, 4 and 32 threads, in {@link RunMode#rounds} rounds of
 * one fork per pool, and pools the measured iterations of all rounds into one score per
 * pool and thread count, with JMH's 99.9% confidence interval. JMH takes the thread count
 * per run, not as a parameter, hence one JMH run per count and round. Each round first
 * runs {@link CasLimitBenchmark} single-threaded with the same settings (section
 * {@code cas-limit}, subject {@code -}). Writes JMH's JSON
 * ({@code jmh-<threads>t-r<round>.json}) and log, and the scores as result rows
 * ({@code jmh.tsv}).
 * <p>
 * Usage: {@code JmhMain <short|long> <results directory>}
 */
public final class JmhMain {

	static final int[] THREADS = { 1, 4, 32 };

	private JmhMain() {
	}

	public static void main(String[] args) throws Exception {
		RunMode mode = RunMode.of(args[0]);
		Path out = Path.of(args[1]);
		Files.createDirectories(out);
		// Iteration scores by section, pool and thread count, over all rounds.
		Map<String, ListStatistics> scores = new LinkedHashMap<>();
		Map<String, String> units = new LinkedHashMap<>();
		String jvm = null;
		for (int round = 1; round <= mode.rounds; round++) {
			// First, right before the single-thread round (Poolkit's connection cycle is
			// its first fork): this machine's speed drifts by tens of percent over a run,
			// so the limit and the cycle it divides are measured seconds apart.
			System.out.printf("JMH round %d/%d: the two-CAS limit, 1 thread%n", round, mode.rounds);
			Collection<RunResult> limit = new Runner(
					options(mode, CasLimitBenchmark.class, 1, out, "jmh-cas-limit-r" + round))
				.run();
			jvm = describeJvm(limit);
			collect(limit, 1, scores, units);
			for (int threads : THREADS) {
				System.out.printf("JMH round %d/%d: connection and query cycle, 7 pools, %d thread(s)%n", round,
						mode.rounds, threads);
				String name = "jmh-" + threads + "t-r" + round;
				collect(new Runner(options(mode, CycleBenchmark.class, threads, out, name)).run(), threads, scores,
						units);
			}
		}
		List<Results.Row> rows = new ArrayList<>();
		scores.forEach((key, statistics) -> {
			String[] parts = key.split("\t");
			rows.add(new Results.Row(parts[0], parts[1], parts[2], "throughput", statistics.getMean(),
					(statistics.getN() > 1) ? statistics.getMeanErrorAt(0.999) : Double.NaN, units.get(key)));
		});
		// The report may be written later, by another JVM: it names this one.
		rows.add(Results.fact("jvm", jvm));
		Results.append(out.resolve("jmh.tsv"), rows);
	}

	/** The JVM the forks ran on, as JMH saw it. */
	private static String describeJvm(Collection<RunResult> results) {
		BenchmarkParams params = results.iterator().next().getParams();
		return params.getVmName() + " " + params.getVmVersion() + " (" + params.getJvm() + ")";
	}

	private static Options options(RunMode mode, Class<?> benchmark, int threads, Path out, String name) {
		return new OptionsBuilder().include(benchmark.getName())
			.threads(threads)
			.forks(1)
			.warmupIterations(mode.warmupIterations(threads))
			.warmupTime(TimeValue.milliseconds(mode.warmupMillis))
			.measurementIterations(mode.iterations)
			.measurementTime(TimeValue.milliseconds(mode.iterationMillis))
			.timeUnit(TimeUnit.MICROSECONDS)
			// A fixed heap, so no pool pays for the heap growing while it is
			// measured.
			.jvmArgsPrepend("-Xms1g", "-Xmx1g")
			.shouldFailOnError(true)
			.resultFormat(ResultFormatType.JSON)
			.result(out.resolve(name + ".json").toString())
			.output(out.resolve(name + ".log").toString())
			.build();
	}

	private static void collect(Collection<RunResult> results, int threads, Map<String, ListStatistics> scores,
			Map<String, String> units) {
		for (RunResult run : results) {
			String method = run.getParams().getBenchmark();
			String section = method.endsWith("connectionCycle") ? "connection-cycle"
					: method.endsWith("queryCycle") ? "query-cycle" : "cas-limit";
			String pool = run.getParams().getParam("pool");
			String key = section + "\t" + ((pool != null) ? pool : "-") + "\t" + threads
					+ ((threads == 1) ? " thread" : " threads");
			ListStatistics statistics = scores.computeIfAbsent(key, k -> new ListStatistics());
			for (BenchmarkResult fork : run.getBenchmarkResults()) {
				for (IterationResult iteration : fork.getIterationResults()) {
					statistics.addValue(iteration.getPrimaryResult().getScore());
				}
			}
			units.put(key, run.getPrimaryResult().getScoreUnit());
		}
	}

}
