package io.poolkit.bench;

import java.util.Locale;

/**
 * How long each part of a run takes. {@code short} fits in ten minutes on two cores and gives wide errors;
 * {@code long} buys narrower ones with more forks, iterations and time.
 */
public enum RunMode {

	SHORT(1, 2, 1, 3, 1, 1, 3, 3, 3),

	LONG(2, 3, 2, 5, 2, 3, 15, 7, 5);

	/** JMH forks per benchmark and pool. */
	public final int forks;

	public final int warmupIterations;

	public final int warmupSeconds;

	public final int iterations;

	public final int iterationSeconds;

	/** PostgreSQL load: warm-up before measuring, and the measured time, per pool and scenario. */
	public final int loadWarmupSeconds;

	public final int loadSeconds;

	/** Cold starts measured per pool, after one that loads the classes. */
	public final int coldStarts;

	/** Heap measurements per pool. */
	public final int memoryRepeats;

	RunMode(int forks, int warmupIterations, int warmupSeconds, int iterations, int iterationSeconds,
			int loadWarmupSeconds, int loadSeconds, int coldStarts, int memoryRepeats) {
		this.forks = forks;
		this.warmupIterations = warmupIterations;
		this.warmupSeconds = warmupSeconds;
		this.iterations = iterations;
		this.iterationSeconds = iterationSeconds;
		this.loadWarmupSeconds = loadWarmupSeconds;
		this.loadSeconds = loadSeconds;
		this.coldStarts = coldStarts;
		this.memoryRepeats = memoryRepeats;
	}

	public static RunMode of(String name) {
		return valueOf(name.toUpperCase(Locale.ROOT));
	}

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
