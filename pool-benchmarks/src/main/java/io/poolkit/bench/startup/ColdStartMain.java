package io.poolkit.bench.startup;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import io.poolkit.bench.PoolKind;
import io.poolkit.bench.RunMode;
import io.poolkit.bench.Target;
import io.poolkit.bench.report.Results;
import io.poolkit.bench.report.Results.Row;

/**
 * Cold start: the time from constructing a pool (and calling whatever start method it
 * needs) until it reports {@value #SIZE} idle connections, against PostgreSQL behind a
 * {@link DelayProxy} that adds {@value #DELAY_MILLIS} ms to every new connection. The
 * single connect time through the same proxy is the yardstick: a pool that connects one
 * at a time needs about ten of them. Each pool starts once untimed first, so class
 * loading is not counted. Rows go to {@code coldstart.tsv}.
 * <p>
 * Usage: {@code ColdStartMain <short|long> <results directory>}
 */
public final class ColdStartMain {

	static final int SIZE = 10;

	static final long DELAY_MILLIS = 20;

	private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

	private ColdStartMain() {
	}

	public static void main(String[] args) throws Exception {
		RunMode mode = RunMode.of(args[0]);
		Path out = Path.of(args[1]).resolve("coldstart.tsv");
		Target direct = Target.postgres(SIZE);
		try (DelayProxy proxy = new DelayProxy(direct.url(), DELAY_MILLIS)) {
			Target target = direct.withUrl(proxy.proxied(direct.url())).countingIdle();
			double connect = medianConnectMillis(target, 2 * mode.coldStarts + 1);
			System.out.printf(Locale.ROOT, "Cold start: one connect through the proxy takes %.1f ms%n", connect);
			List<Row> rows = new ArrayList<>();
			rows.add(new Row("cold-start", "-", "one connection", "connect", connect, Double.NaN, "ms"));
			for (PoolKind kind : PoolKind.all()) {
				coldStartMillis(kind, target);
				double[] times = new double[mode.coldStarts];
				for (int i = 0; i < times.length; i++) {
					times[i] = coldStartMillis(kind, target);
				}
				Arrays.sort(times);
				double median = times[times.length / 2];
				rows.add(new Row("cold-start", kind.id(), SIZE + " connections", "median", median,
						(times[times.length - 1] - times[0]) / 2, "ms"));
				rows.add(new Row("cold-start", kind.id(), SIZE + " connections", "min", times[0], Double.NaN, "ms"));
				rows.add(new Row("cold-start", kind.id(), SIZE + " connections", "max", times[times.length - 1],
						Double.NaN, "ms"));
				System.out.printf(Locale.ROOT, "  %-8s %7.1f ms (%.1f connect times), runs %s%n", kind.id(), median,
						median / connect, Arrays.toString(times));
			}
			Results.append(out, rows);
		}
	}

	private static double medianConnectMillis(Target target, int count) throws Exception {
		double[] times = new double[count];
		for (int i = -1; i < count; i++) {
			long start = System.nanoTime();
			try (Connection connection = DriverManager.getConnection(target.url(), target.user(), target.password())) {
				connection.setAutoCommit(false);
			}
			if (i >= 0) {
				times[i] = (System.nanoTime() - start) / 1e6;
			}
		}
		Arrays.sort(times);
		return times[count / 2];
	}

	private static double coldStartMillis(PoolKind kind, Target target) throws Exception {
		long start = System.nanoTime();
		DataSource dataSource = kind.open(target);
		try {
			while (kind.idle(dataSource) < SIZE) {
				if (System.nanoTime() - start > GIVE_UP_NANOS) {
					throw new IllegalStateException(kind.label() + " did not reach " + SIZE + " idle connections");
				}
				LockSupport.parkNanos(200_000);
			}
			return (System.nanoTime() - start) / 1e6;
		}
		finally {
			kind.close(dataSource);
		}
	}

}
