package io.poolkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.poolkit.fleet.FleetMember;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet, with real processes: six JVMs of one small application ({@link FleetMember}:
 * a pool and a closed-loop load on it) against the real PostgreSQL, where a role's
 * {@code CONNECTION LIMIT} of 30 stands in for the server's limit. Two instances are busy
 * and four quiet; the load moves to two others; a seventh, busy instance joins; one
 * leaves. A role of the test's own (unique name, dropped after) makes every session of it
 * the fleet's.
 * <p>
 * With adaptive sizing: no connect is refused (SQLState 53300), the role never holds more
 * than its limit (sampled every 100 ms), the busy instances share what the quiet ones
 * leave within one connection of each other, and every change is absorbed within seconds.
 * The same fleet with fixed pools of 10 each asks for 60 and is refused.
 * <p>
 * The default run takes about a minute and a half (phases of 15 s, sizing.period 500 ms);
 * {@code -Dpoolkit.fleet.long=true} runs phases of 60 s and the fixed sizes 3, 4, 5 and
 * 10 through every phase, for the figures in {@code docs/adaptive-sizing.md}.
 */
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class FleetTest {

	private static final boolean LONG = Boolean.getBoolean("poolkit.fleet.long");

	private static final Duration PHASE = Duration.ofSeconds(LONG ? 60 : 15);

	private static final int LIMIT = 30;

	private static final long PERIOD_MILLIS = 500;

	private static final String PASSWORD = "fleet-pw";

	/** A busy instance: twelve threads, each holding a connection 20 ms at a time. */
	private static final String BUSY = "LOAD 12 20 0";

	/** A quiet one: one thread, 2 ms every 100 ms. */
	private static final String QUIET = "LOAD 1 2 100";

	private final String role = PostgresTestSupport.uniqueTableName("poolkit_fleet");

	private final String poolName = this.role.replace('_', '-');

	private final List<Member> members = new CopyOnWriteArrayList<>();

	private final Sampler sampler = new Sampler();

	@BeforeEach
	void createRole() throws SQLException {
		admin("CREATE ROLE " + this.role + " LOGIN NOSUPERUSER PASSWORD '" + PASSWORD + "' CONNECTION LIMIT " + LIMIT);
	}

	@AfterEach
	void dropRole() throws Exception {
		this.sampler.stop();
		for (Member member : this.members) {
			member.kill();
		}
		// Only this test's role: every session of it is one of the members'.
		admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + this.role + "'");
		admin("DROP ROLE IF EXISTS " + this.role);
	}

	private static void admin(String sql) throws SQLException {
		try (Connection admin = PostgresTestSupport.admin(); Statement statement = admin.createStatement()) {
			statement.execute(sql);
		}
	}

	@Test
	void aFleetOfAdaptivePoolsSharesTheRolesLimitFairlyAndIsNeverRefused() throws Exception {
		this.sampler.start();
		List<PhaseResult> results = runPhases("adaptive", 4);
		print("adaptive", results);
		for (PhaseResult result : results) {
			assertThat(result.refusals()).as("%s: connects refused with 53300", result.name()).isZero();
			assertThat(result.failedBorrows()).as("%s: borrows that failed", result.name()).isZero();
			assertThat(result.maxRoleSessions()).as("%s: most sessions of the role", result.name())
				.isLessThanOrEqualTo(LIMIT);
			assertThat(result.convergedSeconds()).as("%s: seconds until every target settled", result.name())
				.isLessThanOrEqualTo(PHASE.toSeconds() - 3.0);
			// The busy share what the quiet leave, within one connection of each other,
			// and get more than the quiet.
			List<Integer> busy = result.busyTargets();
			assertThat(busy.stream().mapToInt(Integer::intValue).max().getAsInt()
					- busy.stream().mapToInt(Integer::intValue).min().getAsInt())
				.as("%s: busy targets %s", result.name(), busy)
				.isLessThanOrEqualTo(1);
			assertThat(busy).allSatisfy((target) -> assertThat(target).isGreaterThan(result.maxQuietTarget()));
		}
		assertThat(this.sampler.max()).isLessThanOrEqualTo(LIMIT);
	}

	/**
	 * The comparison: fixed pools of 10 ask for 60 of the 30 and are refused. The long
	 * run also drives fixed pools of 3, 4 and 5 through every phase, for the throughput
	 * of the best fixed size.
	 */
	@Test
	void theSameFleetWithFixedPoolsOfTenIsRefused() throws Exception {
		this.sampler.start();
		int[] sizes = LONG ? new int[] { 3, 4, 5, 10 } : new int[] { 10 };
		for (int size : sizes) {
			List<PhaseResult> results = runPhases("fixed:" + size, LONG ? 4 : 1);
			print("fixed " + size, results);
			if (size == 10) {
				assertThat(results.get(0).refusals()).as("connects refused with 53300").isPositive();
			}
		}
	}

	// ---- the phases

	private List<PhaseResult> runPhases(String mode, int phases) throws Exception {
		List<PhaseResult> results = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			this.members.add(Member.start(mode, i, this));
		}
		for (Member member : this.members) {
			member.awaitReady();
		}
		// 1: members 0 and 1 busy, the others quiet.
		results.add(phase("two busy, four quiet", Map.of(0, BUSY, 1, BUSY, 2, QUIET, 3, QUIET, 4, QUIET, 5, QUIET),
				List.of(0, 1), () -> {
				}));
		if (phases > 1) {
			// 2: the load moves to 2 and 3.
			results.add(phase("the load moves", Map.of(0, QUIET, 1, QUIET, 2, BUSY, 3, BUSY), List.of(2, 3), () -> {
			}));
			// 3: a seventh instance joins, busy.
			results.add(phase("a busy instance joins", Map.of(6, BUSY), List.of(2, 3, 6), () -> {
				Member joining = Member.start(mode, 6, this);
				this.members.add(joining);
				joining.awaitReady();
			}));
			// 4: member 3, busy, leaves.
			results.add(phase("a busy instance leaves", Map.of(), List.of(2, 6), () -> member(3).stop()));
		}
		for (Member member : this.members) {
			member.stop();
		}
		this.members.clear();
		return results;
	}

	private Member member(int index) {
		return this.members.stream().filter((m) -> m.index == index).findFirst().orElseThrow();
	}

	private interface Change {

		void apply() throws Exception;

	}

	private PhaseResult phase(String name, Map<Integer, String> loads, List<Integer> busy, Change change)
			throws Exception {
		long start = System.currentTimeMillis();
		change.apply();
		for (Map.Entry<Integer, String> load : loads.entrySet()) {
			member(load.getKey()).command(load.getValue());
		}
		this.sampler.resetPhaseMax();
		long end = start + PHASE.toMillis();
		// The phase's length is the experiment; members are watched meanwhile.
		while (System.currentTimeMillis() < end) {
			for (Member member : this.members) {
				assertThat(member.isAlive() || member.stopped).as("member %d alive", member.index).isTrue();
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
		}
		return PhaseResult.of(name, start, end, this.members, busy, this.sampler.phaseMax());
	}

	private static void print(String mode, List<PhaseResult> results) {
		System.out.printf("%nFleet (%s), role CONNECTION LIMIT %d, phases of %d s:%n", mode, LIMIT, PHASE.toSeconds());
		System.out.printf("  %-24s %10s %11s %9s %8s %10s %12s  %s%n", "phase", "borrows/s", "2nd half/s", "refusals",
				"failed", "max conns", "settled (s)", "targets at the end");
		for (PhaseResult result : results) {
			System.out.printf(Locale.ROOT, "  %-24s %10.0f %11.0f %9d %8d %10d %12.1f  %s%n", result.name(),
					result.throughput(), result.secondHalfThroughput(), result.refusals(), result.failedBorrows(),
					result.maxRoleSessions(), result.convergedSeconds(), result.finalTargets());
		}
	}

	// ---- figures

	/** One STAT line of a member. */
	record Sample(long at, long borrows, int total, int target, long refusals, long errors) {
	}

	record PhaseResult(String name, double throughput, double secondHalfThroughput, long refusals, long failedBorrows,
			int maxRoleSessions, double convergedSeconds, Map<Integer, Integer> finalTargets, List<Integer> busyTargets,
			int maxQuietTarget) {

		static PhaseResult of(String name, long start, long end, List<Member> members, List<Integer> busy,
				int maxRoleSessions) {
			long mid = start + (end - start) / 2;
			double borrows = 0;
			double secondHalf = 0;
			long refusals = 0;
			long failed = 0;
			long settled = start;
			Map<Integer, Integer> finalTargets = new LinkedHashMap<>();
			List<Integer> busyTargets = new ArrayList<>();
			int maxQuiet = 0;
			for (Member member : members) {
				List<Sample> samples = member.between(start, end);
				if (samples.isEmpty() || member.stopped) {
					continue;
				}
				Sample first = samples.get(0);
				Sample last = samples.get(samples.size() - 1);
				borrows += last.borrows() - first.borrows();
				refusals += last.refusals() - first.refusals();
				failed += last.errors() - first.errors();
				Sample atMid = member.between(mid, end).stream().findFirst().orElse(last);
				secondHalf += last.borrows() - atMid.borrows();
				int target = last.target();
				finalTargets.put(member.index, target);
				if (busy.contains(member.index)) {
					busyTargets.add(target);
				}
				else {
					maxQuiet = Math.max(maxQuiet, target);
				}
				// Settled from the last sample that strayed more than one from the final
				// target.
				for (Sample sample : samples) {
					if (Math.abs(sample.target() - target) > 1) {
						settled = Math.max(settled, sample.at());
					}
				}
			}
			return new PhaseResult(name, borrows / ((end - start) / 1000.0), secondHalf / ((end - mid) / 1000.0),
					refusals, failed, maxRoleSessions, (settled - start) / 1000.0, finalTargets, busyTargets, maxQuiet);
		}

	}

	/** One instance: a JVM running {@link FleetMember}. */
	static final class Member {

		final int index;

		private final Process process;

		private final PrintWriter commands;

		private final List<Sample> samples = new CopyOnWriteArrayList<>();

		private final CountDownLatch ready = new CountDownLatch(1);

		volatile boolean stopped;

		private Member(int index, Process process, Path log) throws IOException {
			this.index = index;
			this.process = process;
			this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
			Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
			Thread reader = new Thread(() -> read(file), "member-" + index + "-out");
			reader.setDaemon(true);
			reader.start();
		}

		static Member start(String mode, int index, FleetTest test) throws IOException {
			String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
			String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
			Path logs = Paths.get("target", "fleet");
			Files.createDirectories(logs);
			// Small JVMs: seven of them share two cores with the database.
			Process process = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
					"-XX:CICompilerCount=1", "-Xss256k", "-cp", classPath, FleetMember.class.getName(),
					PostgresTestSupport.url(), test.role, PASSWORD, test.poolName, mode, Long.toString(PERIOD_MILLIS))
				.redirectErrorStream(true)
				.start();
			return new Member(index, process,
					logs.resolve(mode.replace(':', '-') + "-" + index + "-" + System.currentTimeMillis() + ".log"));
		}

		private void read(Writer file) {
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8)); file) {
				for (String line = out.readLine(); line != null; line = out.readLine()) {
					file.write(line);
					file.write('\n');
					if (line.equals("READY")) {
						this.ready.countDown();
					}
					else if (line.startsWith("STAT ")) {
						String[] f = line.split(" ");
						this.samples.add(new Sample(Long.parseLong(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]),
								Integer.parseInt(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6])));
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}

		void awaitReady() throws InterruptedException {
			assertThat(this.ready.await(60, TimeUnit.SECONDS)).as("member %d started", this.index).isTrue();
		}

		void command(String command) {
			this.commands.println(command);
		}

		List<Sample> between(long start, long end) {
			return this.samples.stream().filter((s) -> s.at() >= start && s.at() <= end).toList();
		}

		boolean isAlive() {
			return this.process.isAlive();
		}

		void stop() throws InterruptedException {
			if (this.stopped) {
				return;
			}
			this.stopped = true;
			command("STOP");
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}

		void kill() throws InterruptedException {
			this.stopped = true;
			if (this.process.isAlive()) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}

	}

	/** Counts the role's sessions every 100 ms. */
	private final class Sampler {

		private final AtomicBoolean running = new AtomicBoolean();

		private final AtomicInteger max = new AtomicInteger();

		private final AtomicInteger phaseMax = new AtomicInteger();

		private Thread thread;

		void start() {
			this.running.set(true);
			this.thread = new Thread(this::run, "role-sampler");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		private void run() {
			try (Connection admin = PostgresTestSupport.admin();
					PreparedStatement count = admin
						.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE usename = ?")) {
				count.setString(1, FleetTest.this.role);
				while (this.running.get()) {
					try (ResultSet rows = count.executeQuery()) {
						rows.next();
						int sessions = rows.getInt(1);
						this.max.accumulateAndGet(sessions, Math::max);
						this.phaseMax.accumulateAndGet(sessions, Math::max);
					}
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
				}
			}
			catch (SQLException ex) {
				throw new UncheckedIOException(new IOException(ex));
			}
		}

		void resetPhaseMax() {
			this.phaseMax.set(0);
		}

		int phaseMax() {
			return this.phaseMax.get();
		}

		int max() {
			return this.max.get();
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			if (this.thread != null) {
				this.thread.join(5000);
			}
		}

	}

}
