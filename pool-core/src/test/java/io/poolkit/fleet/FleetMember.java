package io.poolkit.fleet;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.poolkit.ConnectionErrorKind;
import io.poolkit.PoolConfig;
import io.poolkit.PoolDataSource;
import io.poolkit.PoolListener;
import io.poolkit.PoolStats;
import io.poolkit.SizingMode;

/**
 * One instance of a small application for {@code FleetTest}: a {@link PoolDataSource} and
 * a closed-loop load on it, run in a JVM of its own. The test drives it through standard
 * input and reads its figures from standard output.
 * <p>
 * Arguments: url, user, password, pool name, {@code adaptive} or {@code fixed:<size>},
 * sizing period in milliseconds. Commands, one a line: {@code LOAD <threads> <hold ms>
 * <think ms>} sets the load (each thread borrows, runs {@code pg_sleep(hold)}, returns,
 * and waits {@code think}); {@code STOP} closes the pool and exits. Every 250 ms it
 * prints {@code STAT <epoch ms> <borrows> <total> <target> <refusals> <errors>}: borrows
 * done, connections held, the pool's target, connects refused with SQLState 53300 (the
 * pool's and its budget reads'), and borrows that failed.
 */
public final class FleetMember {

	/** Worker threads kept; a load of fewer parks the rest. */
	static final int MAX_THREADS = 32;

	private final AtomicLong borrows = new AtomicLong();

	private final AtomicLong refusals = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private volatile int threads;

	private volatile long holdMillis;

	private volatile long thinkMillis;

	private volatile boolean running = true;

	private FleetMember() {
	}

	public static void main(String[] args) throws Exception {
		new FleetMember().run(args);
	}

	private void run(String[] args) throws Exception {
		String mode = args[4];
		PoolConfig.Builder builder = PoolConfig.builder()
			.url(args[0])
			.username(args[1])
			.password(args[2])
			.name(args[3])
			.connectionTimeout(Duration.ofSeconds(5))
			.initializationTimeout(Duration.ZERO)
			.listener(new PoolListener() {
				@Override
				public void connectionCreationFailed(ConnectionErrorKind kind, SQLException error) {
					if ("53300".equals(error.getSQLState())) {
						FleetMember.this.refusals.incrementAndGet();
					}
				}
			});
		if (mode.equals("adaptive")) {
			builder.sizingMode(SizingMode.ADAPTIVE)
				.maxSize(30)
				.sizingPeriod(Duration.ofMillis(Long.parseLong(args[5])));
		}
		else {
			builder.maxSize(Integer.parseInt(mode.substring("fixed:".length())));
		}
		try (PoolDataSource pool = new PoolDataSource(builder.build())) {
			List<Thread> workers = new ArrayList<>();
			for (int i = 0; i < MAX_THREADS; i++) {
				int index = i;
				Thread worker = new Thread(() -> work(pool, index), "worker-" + i);
				worker.setDaemon(true);
				worker.start();
				workers.add(worker);
			}
			Thread reporter = new Thread(() -> report(pool), "reporter");
			reporter.setDaemon(true);
			reporter.start();
			System.out.println("READY");
			System.out.flush();
			BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			for (String line = commands.readLine(); line != null; line = commands.readLine()) {
				String[] words = line.trim().split("\\s+");
				if (words[0].equals("LOAD")) {
					this.holdMillis = Long.parseLong(words[2]);
					this.thinkMillis = Long.parseLong(words[3]);
					this.threads = Integer.parseInt(words[1]);
					workers.forEach(LockSupport::unpark);
				}
				else if (words[0].equals("STOP")) {
					break;
				}
			}
			this.running = false;
			workers.forEach(LockSupport::unpark);
			for (Thread worker : workers) {
				worker.join(10_000);
			}
		}
		System.out.println("DONE");
		System.out.flush();
	}

	private void work(PoolDataSource pool, int index) {
		while (this.running) {
			if (index >= this.threads) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
				continue;
			}
			try (Connection connection = pool.getConnection();
					PreparedStatement sleep = connection.prepareStatement("SELECT pg_sleep(?)")) {
				sleep.setDouble(1, this.holdMillis / 1000.0);
				sleep.execute();
				this.borrows.incrementAndGet();
			}
			catch (SQLTransientConnectionException ex) {
				this.errors.incrementAndGet();
			}
			catch (SQLException ex) {
				if (this.running) {
					this.errors.incrementAndGet();
				}
			}
			long think = this.thinkMillis;
			if (think > 0) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(think));
			}
		}
	}

	private void report(PoolDataSource pool) {
		while (this.running) {
			PoolStats stats = pool.stats();
			// The sizer counts the refusals of its budget reads too (and the pool's,
			// which
			// the listener counts already).
			long readRefusals = (pool.sizingDecision() != null) ? pool.sizingDecision().refusals() : 0;
			System.out.printf("STAT %d %d %d %d %d %d%n", System.currentTimeMillis(), this.borrows.get(), stats.total(),
					stats.target(), Math.max(this.refusals.get(), readRefusals), this.errors.get());
			System.out.flush();
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
		}
	}

}
