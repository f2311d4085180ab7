package io.poolkit.bench.jmh;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The physical limit of an uncontended borrow and return, measured on the same machine
 * with the same JMH settings as {@link CycleBenchmark}: a compare-and-set that takes one
 * slot's state from idle to in use and one that gives it back, and nothing else. No pool
 * can lend and take back a connection in less; the report divides the single-thread
 * connection cycle by it. Run single-threaded only: on one shared slot more threads would
 * measure failed compare-and-sets, not a borrow.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CasLimitBenchmark {

	private static final int IDLE = 0;

	private static final int IN_USE = 1;

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(CasLimitBenchmark.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	@SuppressWarnings("unused") // accessed through STATE
	private volatile int state;

	/**
	 * Takes the slot and gives it back.
	 * @return whether both compare-and-sets succeeded, for JMH to consume
	 */
	@Benchmark
	public boolean acquireRelease() {
		boolean acquired = STATE.compareAndSet(this, IDLE, IN_USE);
		return acquired & STATE.compareAndSet(this, IN_USE, IDLE);
	}

}
