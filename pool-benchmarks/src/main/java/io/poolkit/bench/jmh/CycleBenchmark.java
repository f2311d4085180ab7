package io.poolkit.bench.jmh;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.poolkit.bench.PoolKind;
import io.poolkit.bench.Requests;
import io.poolkit.bench.Target;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of the pool itself, on the no-I/O stub driver: every thread borrows and
 * returns as fast as it can from one shared pool of {@value #POOL_SIZE}. {@link JmhMain}
 * runs it at 1, 4 and 32 threads; at 32 the threads outnumber the connections and
 * borrowers wait.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CycleBenchmark {

	static final int POOL_SIZE = 16;

	@Param({ "poolkit", "hikari", "agroal", "vibur", "dbcp2", "tomcat", "c3p0" })
	public String pool;

	private PoolKind kind;

	private DataSource dataSource;

	@Setup
	public void open() throws Exception {
		this.kind = PoolKind.of(this.pool);
		this.dataSource = this.kind.open(Target.stub(POOL_SIZE));
	}

	@TearDown
	public void close() throws Exception {
		this.kind.close(this.dataSource);
	}

	/**
	 * {@code getConnection()} and {@code close()}: the borrow and return paths and
	 * nothing else.
	 */
	@Benchmark
	public Connection connectionCycle() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			return connection;
		}
	}

	/**
	 * A whole request: the pool's statement and result-set wrappers and its reset on
	 * return count too.
	 */
	@Benchmark
	public long queryCycle() throws SQLException {
		return Requests.pointSelect(this.dataSource, ThreadLocalRandom.current().nextInt(1, Requests.ROWS + 1));
	}

}
