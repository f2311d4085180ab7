package io.poolkit.bench.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import io.poolkit.bench.Fork;
import io.poolkit.bench.PoolKind;
import io.poolkit.bench.Requests;
import io.poolkit.bench.RunMode;
import io.poolkit.bench.Target;
import io.poolkit.bench.report.Results;
import io.poolkit.bench.report.Results.Row;

/**
 * The closed-loop load against the real PostgreSQL, for every pool and for connection per
 * request: 16 and 64 platform threads on 8 connections, then 10,000 virtual threads on 8
 * connections for the pools. Each subject runs in a JVM of its own ({@link Fork}); the
 * virtual-thread run in yet another, so that a pool that hangs there loses only that
 * figure. Rows go to {@code load.tsv}.
 * <p>
 * Usage: {@code LoadMain <short|long> <results directory>}
 */
public final class LoadMain {

	static final int CONNECTIONS = 8;

	static final int VIRTUAL_THREADS = 10_000;

	/** The platform thread counts, in the order one JVM runs them. */
	private static final int[] PLATFORM_THREADS = { 16, 64 };

	static final String NO_POOL = "none";

	private LoadMain() {
	}

	public static void main(String[] args) throws Exception {
		if (args[0].equals("--child")) {
			child(args[1], args[2].equals("virtual"), RunMode.of(args[3]), Path.of(args[4]));
			return;
		}
		RunMode mode = RunMode.of(args[0]);
		Path out = Path.of(args[1]);
		String version = prepareTable(Target.postgres(CONNECTIONS));
		Results.append(out.resolve("load.tsv"), List.of(Results.fact("postgresql", version)));
		List<String> subjects = new ArrayList<>();
		PoolKind.all().forEach(kind -> subjects.add(kind.id()));
		subjects.add(NO_POOL);
		Duration limit = Duration
			.ofSeconds(mode.loadJitWarmupSeconds + 2L * (mode.loadWarmupSeconds + mode.loadSeconds) + 120);
		for (String subject : subjects) {
			System.out.printf("PostgreSQL load: %s, 16 and 64 threads on %d connections%n", subject, CONNECTIONS);
			Fork.run(LoadMain.class, List.of("-Xms1g", "-Xmx1g"),
					List.of("--child", subject, "platform", mode.id(), out.toString()), limit);
		}
		if (!ClosedLoop.virtualThreadsAvailable()) {
			System.out.println("PostgreSQL load from virtual threads skipped: needs JDK 21+");
			return;
		}
		for (PoolKind kind : PoolKind.all()) {
			System.out.printf("PostgreSQL load: %s, %,d virtual threads on %d connections%n", kind.id(),
					VIRTUAL_THREADS, CONNECTIONS);
			if (!Fork.run(LoadMain.class, List.of("-Xms2g", "-Xmx2g"),
					List.of("--child", kind.id(), "virtual", mode.id(), out.toString()), limit.plusSeconds(60))) {
				Results.append(out.resolve("load.tsv"), List
					.of(new Row("pg-load", kind.id(), scenario(VIRTUAL_THREADS, true), "failed", 1, Double.NaN, "")));
			}
		}
	}

	/**
	 * Creates the table with {@link Requests#ROWS} rows unless it is there already;
	 * returns the server version.
	 */
	static String prepareTable(Target target) throws SQLException {
		try (Connection connection = DriverManager.getConnection(target.url(), target.user(), target.password());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS " + Requests.TABLE
					+ " (id integer PRIMARY KEY, payload text NOT NULL)");
			long rows;
			try (ResultSet result = statement.executeQuery("SELECT count(*) FROM " + Requests.TABLE)) {
				result.next();
				rows = result.getLong(1);
			}
			if (rows != Requests.ROWS) {
				statement.execute("TRUNCATE " + Requests.TABLE);
				statement.execute("INSERT INTO " + Requests.TABLE + " SELECT g, md5(g::text) FROM generate_series(1, "
						+ Requests.ROWS + ") g");
				statement.execute("ANALYZE " + Requests.TABLE);
			}
			try (ResultSet result = statement.executeQuery("SHOW server_version")) {
				result.next();
				return "PostgreSQL " + result.getString(1);
			}
		}
	}

	/**
	 * Whether a scenario is the first its JVM runs, and so has
	 * {@link RunMode#loadJitWarmupSeconds} more warm-up.
	 */
	public static boolean isFirstInJvm(String scenario) {
		return scenario.equals(scenario(PLATFORM_THREADS[0], false))
				|| scenario.equals(scenario(VIRTUAL_THREADS, true));
	}

	static String scenario(int threads, boolean virtual) {
		return String.format(Locale.ROOT, "%,d %sthreads / %d connections", threads, virtual ? "virtual " : "",
				CONNECTIONS);
	}

	private static void child(String subject, boolean virtual, RunMode mode, Path out) throws Exception {
		int[] threadCounts = virtual ? new int[] { VIRTUAL_THREADS } : PLATFORM_THREADS;
		PoolKind kind = subject.equals(NO_POOL) ? null : PoolKind.of(subject);
		int jitWarmupSeconds = mode.loadJitWarmupSeconds;
		for (int threads : threadCounts) {
			Target target = Target.postgres(CONNECTIONS);
			DataSource dataSource = (kind != null) ? kind.open(target) : new Unpooled(target);
			ClosedLoop.Outcome outcome = ClosedLoop.run(dataSource, threads, virtual,
					jitWarmupSeconds + mode.loadWarmupSeconds, mode.loadSeconds);
			jitWarmupSeconds = 0;
			String scenario = scenario(threads, virtual);
			Results.append(out.resolve("load.tsv"), rows(subject, scenario, outcome));
			System.out.printf(Locale.ROOT, "  %-8s %-40s %6.0f req/s  p50 %.2f  p99 %.2f  max %.2f ms  errors %d%s%n",
					subject, scenario, outcome.throughput(), outcome.latencyMicros().getValueAtPercentile(50) / 1000.0,
					outcome.latencyMicros().getValueAtPercentile(99) / 1000.0,
					outcome.latencyMicros().getMaxValue() / 1000.0, outcome.errors(),
					(outcome.firstError() != null) ? " (first: " + outcome.firstError() + ")" : "");
			if (!outcome.finished()) {
				// Workers still hang in the pool, and closing it may hang too: nothing
				// more to measure here.
				System.exit(2);
			}
			if (kind != null) {
				kind.close(dataSource);
			}
		}
	}

	private static List<Row> rows(String subject, String scenario, ClosedLoop.Outcome outcome) {
		List<Row> rows = new ArrayList<>();
		rows.add(new Row("pg-load", subject, scenario, "throughput", outcome.throughput(), outcome.throughputStdev(),
				"req/s"));
		rows.add(latency(subject, scenario, "p50", outcome.latencyMicros().getValueAtPercentile(50)));
		rows.add(latency(subject, scenario, "p99", outcome.latencyMicros().getValueAtPercentile(99)));
		rows.add(latency(subject, scenario, "p99.9", outcome.latencyMicros().getValueAtPercentile(99.9)));
		rows.add(latency(subject, scenario, "max", outcome.latencyMicros().getMaxValue()));
		rows.add(new Row("pg-load", subject, scenario, "errors", outcome.errors(), Double.NaN, ""));
		if (!outcome.finished()) {
			rows.add(new Row("pg-load", subject, scenario, "failed", 1, Double.NaN, ""));
		}
		return rows;
	}

	private static Row latency(String subject, String scenario, String metric, long micros) {
		return new Row("pg-load", subject, scenario, metric, micros / 1000.0, Double.NaN, "ms");
	}

}
