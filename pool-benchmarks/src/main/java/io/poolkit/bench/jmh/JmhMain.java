package io.poolkit.bench.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.poolkit.bench.RunMode;
import io.poolkit.bench.report.Results;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link CycleBenchmark} at 1, 4 and 32 threads. JMH takes the thread count per run, not as a parameter, hence
 * one JMH run per count. Writes JMH's JSON ({@code jmh-<threads>t.json}), its log ({@code jmh.log}) and the scores as
 * result rows ({@code jmh.tsv}).
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
		for (int threads : THREADS) {
			System.out.printf("JMH: connection and query cycle, 7 pools, %d thread(s)%n", threads);
			Options options = new OptionsBuilder()
				.include(CycleBenchmark.class.getName())
				.threads(threads)
				.forks(mode.forks)
				.warmupIterations(mode.warmupIterations)
				.warmupTime(TimeValue.seconds(mode.warmupSeconds))
				.measurementIterations(mode.iterations)
				.measurementTime(TimeValue.seconds(mode.iterationSeconds))
				.timeUnit(TimeUnit.MICROSECONDS)
				// A fixed heap, so no pool pays for the heap growing while it is measured.
				.jvmArgsPrepend("-Xms1g", "-Xmx1g")
				.shouldFailOnError(true)
				.resultFormat(ResultFormatType.JSON)
				.result(out.resolve("jmh-" + threads + "t.json").toString())
				.output(out.resolve("jmh-" + threads + "t.log").toString())
				.build();
			Collection<RunResult> results = new Runner(options).run();
			Results.append(out.resolve("jmh.tsv"), rows(results, threads));
		}
	}

	private static List<Results.Row> rows(Collection<RunResult> results, int threads) {
		List<Results.Row> rows = new ArrayList<>();
		for (RunResult run : results) {
			String method = run.getParams().getBenchmark();
			String benchmark = method.substring(method.lastIndexOf('.') + 1);
			String section = benchmark.equals("connectionCycle") ? "connection-cycle" : "query-cycle";
			Result<?> score = run.getPrimaryResult();
			rows.add(new Results.Row(section, run.getParams().getParam("pool"), threads + ((threads == 1) ? " thread"
					: " threads"), "throughput", score.getScore(), score.getScoreError(), score.getScoreUnit()));
		}
		return rows;
	}

}
