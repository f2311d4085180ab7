package io.poolkit.bench.memory;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Driver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.management.ObjectName;
import javax.sql.DataSource;

import io.poolkit.bench.Fork;
import io.poolkit.bench.PoolKind;
import io.poolkit.bench.RunMode;
import io.poolkit.bench.Target;
import io.poolkit.bench.report.Results;
import io.poolkit.bench.report.Results.Row;
import io.poolkit.testkit.StubDriver;

/**
 * Retained heap per idle pooled connection, each pool in a JVM of its own, measured as
 * the bytes of live objects in HotSpot's class histogram. On the stub driver, so that the
 * driver's share is small and known.
 * <p>
 * Method: open {@value #POOLS} pools of {@value #SMALL} idle connections to warm up
 * (class loading, registries), then {@value #POOLS} of {@value #LARGE}, {@value #POOLS}
 * of {@value #SMALL} and {@value #POOLS} of {@value #LARGE} again, measuring the live
 * heap after each set. Both sizes keep the same number of connector threads alive (no
 * pool runs more than ten), so the difference between a large and a small set is
 * connections only: per connection = (large set - small set) / ({@value #POOLS} *
 * ({@value #LARGE} - {@value #SMALL})), less the stub connection itself, measured the
 * same way without a pool. Per pool = small set / {@value #POOLS} less its
 * {@value #SMALL} connections: the pool's fixed cost, its threads included. Rows go to
 * {@code memory.tsv}.
 * <p>
 * Usage: {@code MemoryMain <short|long> <results directory>}
 */
public final class MemoryMain {

	static final int POOLS = 20;

	static final int SMALL = 10;

	static final int LARGE = 20;

	private MemoryMain() {
	}

	public static void main(String[] args) throws Exception {
		if (args[0].equals("--child")) {
			child(PoolKind.of(args[1]), Path.of(args[2]));
			return;
		}
		RunMode mode = RunMode.of(args[0]);
		Path out = Path.of(args[1]);
		// A fresh JVM per measurement: a pool closed in the previous one would still be
		// dying in this one.
		for (int r = 0; r < mode.memoryRepeats; r++) {
			for (PoolKind kind : PoolKind.all()) {
				Fork.run(MemoryMain.class, List.of("-Xms512m", "-Xmx512m"),
						List.of("--child", kind.id(), samples(out, kind).toString()), Duration.ofMinutes(2));
			}
		}
		List<Row> rows = new ArrayList<>();
		for (PoolKind kind : PoolKind.all()) {
			if (!Files.exists(samples(out, kind))) {
				System.out.printf("Memory: %s failed in every JVM; no figure%n", kind.id());
				continue;
			}
			List<double[]> samples = new ArrayList<>();
			for (String line : Files.readAllLines(samples(out, kind))) {
				samples.add(Arrays.stream(line.split("\t")).mapToDouble(Double::parseDouble).toArray());
			}
			double[] perConnection = column(samples, 0);
			double[] perPool = column(samples, 1);
			rows.add(new Row("memory", kind.id(), "idle connection", "bytes", median(perConnection),
					spread(perConnection), "B"));
			rows.add(new Row("memory", kind.id(), "pool", "bytes", median(perPool), spread(perPool), "B"));
			rows.add(new Row("memory", kind.id(), "stub connection", "bytes", median(column(samples, 2)), Double.NaN,
					"B"));
			System.out.printf(Locale.ROOT,
					"Memory: %-8s %5.0f B per idle connection %s, %6.0f B per pool; "
							+ "the stub connection's %.0f B excluded%n",
					kind.id(), median(perConnection), Arrays.toString(perConnection), median(perPool),
					median(column(samples, 2)));
		}
		Results.append(out.resolve("memory.tsv"), rows);
	}

	private static Path samples(Path out, PoolKind kind) {
		return out.resolve("memory-" + kind.id() + ".samples");
	}

	private static void child(PoolKind kind, Path samples) throws Exception {
		Target small = Target.stub(SMALL).countingIdle();
		Target large = Target.stub(LARGE).countingIdle();
		// Before any pool: a pool's background threads, still settling, would blur this
		// small figure.
		double driver = stubConnectionBytes();
		closeAll(kind, open(kind, small, 1));
		// The first set of pools pays for first-time work (registries, caches) and only
		// warms up; the three sets
		// after it are measured.
		List<List<DataSource>> sets = new ArrayList<>();
		sets.add(open(kind, small, POOLS));
		long h1 = liveHeap();
		sets.add(open(kind, large, POOLS));
		long h2 = liveHeap();
		sets.add(open(kind, small, POOLS));
		long h3 = liveHeap();
		sets.add(open(kind, large, POOLS));
		long h4 = liveHeap();
		// Pools without threads of their own are garbage once unreferenced; they must be
		// alive when measured.
		Reference.reachabilityFence(sets);
		double largeSet = ((h2 - h1) + (h4 - h3)) / 2.0;
		double smallSet = h3 - h2;
		double connection = (largeSet - smallSet) / (POOLS * (LARGE - SMALL));
		double perPool = smallSet / POOLS - SMALL * connection;
		String line = String.format(Locale.ROOT, "%.2f\t%.2f\t%.2f%n", connection - driver, perPool, driver);
		Files.writeString(samples, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		// The pools stay open until the JVM ends: closing them would only cost time.
		System.exit(0);
	}

	private static double[] column(List<double[]> samples, int index) {
		double[] values = samples.stream().mapToDouble(sample -> sample[index]).toArray();
		Arrays.sort(values);
		return values;
	}

	/**
	 * The heap one stub connection keeps, measured as the pools are: many at once,
	 * divided.
	 */
	private static double stubConnectionBytes() throws Exception {
		Driver driver = new StubDriver();
		driver.connect(Target.STUB_URL, new Properties()).close(); // loads the classes
		int count = POOLS * (LARGE - SMALL);
		List<Connection> connections = new ArrayList<>(count);
		long before = liveHeap();
		for (int i = 0; i < count; i++) {
			connections.add(driver.connect(Target.STUB_URL, new Properties()));
		}
		long after = liveHeap();
		for (Connection connection : connections) {
			connection.close();
		}
		return (double) (after - before) / count;
	}

	private static List<DataSource> open(PoolKind kind, Target target, int count) throws Exception {
		List<DataSource> pools = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			pools.add(kind.open(target));
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		for (DataSource pool : pools) {
			while (kind.idle(pool) < target.size()) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(kind.label() + " did not fill to " + target.size());
				}
				Thread.sleep(1);
			}
		}
		return pools;
	}

	private static void closeAll(PoolKind kind, List<DataSource> pools) throws Exception {
		for (DataSource pool : pools) {
			kind.close(pool);
		}
	}

	/**
	 * The live heap: the sum of HotSpot's class histogram, which runs a full collection
	 * first, less the filler arrays the collector puts in unused space. Used-heap figures
	 * count those fillers, and they swing by hundreds of kilobytes from one collection to
	 * the next, more than the connections being measured.
	 */
	private static long liveHeap() throws Exception {
		String histogram = (String) ManagementFactory.getPlatformMBeanServer()
			.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
					new Object[] { null }, new String[] { String[].class.getName() });
		long bytes = 0;
		for (String line : histogram.split("\n")) {
			// " 1: 1234 56789 java.lang.String (java.base@25)"
			String[] fields = line.trim().split("\\s+");
			if (fields.length >= 4 && fields[0].endsWith(":") && !fields[3].contains("jdk.internal.vm.Filler")) {
				bytes += Long.parseLong(fields[2]);
			}
		}
		return bytes;
	}

	private static double median(double[] sorted) {
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static double spread(double[] sorted) {
		return (sorted.length > 1) ? (sorted[sorted.length - 1] - sorted[0]) / 2 : Double.NaN;
	}

}
