package io.poolkit.bench;

import java.util.Locale;

/**
 * How long each part of a run takes. {@code short} fits in ten minutes on two cores and
 * gives wide errors; {@code long} buys narrower ones with more forks, iterations and
 * time.
 */
public enum RunMode {

	SHORT(1, 8, 13, 400, 5, 400, 2, 1, 3, 3, 2),

	LONG(3, 10, 10, 1000, 8, 1000, 4, 3, 15, 7, 5);

	/**
	 * JMH runs of every pool, one fork each. Rounds take turns with the other pools, so
	 * that a burst of load from another process on the machine lands on all pools rather
	 * than on one.
	 */
	public final int rounds;

	/**
	 * JMH warm-up iterations per fork, at 1 and 4 threads. On two cores every pool needs
	 * about 3 s before C2 has compiled its steady code (the first on-stack-replaced loop
	 * of JMH's stub runs at a fifth of the final rate), so a shorter warm-up would
	 * measure the compilers rather than the pools.
	 */
	public final int warmupIterations;

	/**
	 * JMH warm-up iterations per fork in the 32-thread round: on two cores the JIT
	 * compilers then share the cores with 32 busy threads, and on a slower host than the
	 * one {@link #warmupIterations} was set on (2026-12-01, an Intel Xeon running the
	 * cycles at about half the rate) the pools reached their steady rate after 2–5 s, so
	 * 3.2 s measured some of them still compiling.
	 */
	public final int oversubscribedWarmupIterations;

	public final int warmupMillis;

	public final int iterations;

	public final int iterationMillis;

	/**
	 * PostgreSQL load: the extra warm-up before a JVM's first scenario, for the JIT. On a
	 * slower host (2026-12-01) every pool's throughput was still rising 4 s into its JVM
	 * (the driver's code and the pool's compiling on two cores), so a 1 s warm-up
	 * measured the compilers as much as the pools; the later scenario of the same JVM is
	 * expected to start with both compiled, and keeps {@link #loadWarmupSeconds}. Short
	 * mode adds 2 s, what its ten minutes allow there (a run took 633 s with 4 s and
	 * three heap samples per pool); Poolkit's rate was still rising at 4 s.
	 */
	public final int loadJitWarmupSeconds;

	/**
	 * PostgreSQL load: warm-up before measuring (plus {@link #loadJitWarmupSeconds} in a
	 * JVM's first scenario), and the measured time, per pool and scenario.
	 */
	public final int loadWarmupSeconds;

	public final int loadSeconds;

	/** Cold starts measured per pool, after one that loads the classes. */
	public final int coldStarts;

	/** Heap measurements per pool, each in a JVM of its own. */
	public final int memoryRepeats;

	RunMode(int rounds, int warmupIterations, int oversubscribedWarmupIterations, int warmupMillis, int iterations,
			int iterationMillis, int loadJitWarmupSeconds, int loadWarmupSeconds, int loadSeconds, int coldStarts,
			int memoryRepeats) {
		this.rounds = rounds;
		this.warmupIterations = warmupIterations;
		this.oversubscribedWarmupIterations = oversubscribedWarmupIterations;
		this.warmupMillis = warmupMillis;
		this.iterations = iterations;
		this.iterationMillis = iterationMillis;
		this.loadJitWarmupSeconds = loadJitWarmupSeconds;
		this.loadWarmupSeconds = loadWarmupSeconds;
		this.loadSeconds = loadSeconds;
		this.coldStarts = coldStarts;
		this.memoryRepeats = memoryRepeats;
	}

	/** The warm-up iterations for a JMH run with {@code threads} threads. */
	public int warmupIterations(int threads) {
		return (threads >= 32) ? this.oversubscribedWarmupIterations : this.warmupIterations;
	}

	public static RunMode of(String name) {
		return valueOf(name.toUpperCase(Locale.ROOT));
	}

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
