package io.poolkit.spring.boot.autoconfigure.endpoint;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.poolkit.AcquireWaits;
import io.poolkit.BorrowedConnection;
import io.poolkit.ConnectionBudget;
import io.poolkit.FleetBudget;
import io.poolkit.PoolConnectionError;
import io.poolkit.PoolEvent;
import io.poolkit.PoolStats;
import io.poolkit.SizingAdvice;
import io.poolkit.SizingDecision;
import io.poolkit.SizingMode;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What {@code GET /actuator/pool} (the main pool) and {@code GET /actuator/pool/{name}}
 * answer: everything an operator asks about a running pool, in JSON-friendly form
 * (durations in milliseconds, stacks as lists of lines, instants in ISO-8601). Built from
 * pool-core's snapshots; nothing here borrows a connection, so the answer comes at once
 * even from a saturated pool.
 *
 * @param name the pool's name
 * @param settings every setting by its {@code app.pool.*} name, durations in
 * milliseconds, secrets masked
 * @param stats the counts now
 * @param borrowedConnections the connections lent out now, longest held first
 * @param acquireWaits how long borrowers waited over the recent window
 * @param recentEvents notable events, newest first
 * @param sizingAdvice the recommended {@code max-size} with its inputs
 * @param sizing how the pool sizes itself: {@code sizing.mode}, and in adaptive mode its
 * last decision and its share of the fleet's connection budget
 * @param connectionBudget the PostgreSQL connection budget as checked at startup;
 * {@code null} (left out of the JSON) when the database is not PostgreSQL or the check
 * could not run
 * @param poolsForSameDatabase pools open in this JVM for the same database and user, this
 * one included
 * @param pools the names of all the application's pools, this one included, each
 * described at {@code /actuator/pool/{name}}
 */
public record PoolDescriptor(String name, Map<String, Object> settings, StatsDescriptor stats,
		List<BorrowedConnectionDescriptor> borrowedConnections, AcquireWaitsDescriptor acquireWaits,
		List<EventDescriptor> recentEvents, SizingAdviceDescriptor sizingAdvice, SizingDescriptor sizing,
		ConnectionBudgetDescriptor connectionBudget, int poolsForSameDatabase,
		List<String> pools) implements OperationResponseBody {

	// Quantiles of waits are often well under a millisecond; whole milliseconds would
	// show them all as 0.
	static double millis(Duration duration) {
		return Math.round(duration.toNanos() / 1_000.0) / 1_000.0;
	}

	// Averages over a period, as the decision's explanation words them.
	static double hundredths(double value) {
		return Math.round(value * 100) / 100.0;
	}

	/**
	 * A pool's counts, as {@code GET /actuator/pool} shows them and every write operation
	 * returns them.
	 *
	 * @param total physical connections held, idle or borrowed
	 * @param active connections lent out now
	 * @param idle connections ready to lend
	 * @param pending borrowers waiting, suspended ones included
	 * @param max {@code max-size} now: in adaptive mode the ceiling of the target
	 * @param min {@code min-idle} now: in adaptive mode at most the target
	 * @param target the size the pool holds itself to now: {@code max} in fixed mode, the
	 * target it chose in adaptive mode
	 * @param utilization active / max, 0 to 1; above 1 while more are lent (overflow, or
	 * a resize shrank max-size)
	 * @param leaks borrows reported by leak detection since the pool started
	 * @param suspended whether borrowers are held back by {@code suspend}
	 * @param connectionFailing whether the latest attempt to open a connection failed
	 * @param lastConnectionError the latest failure to open a connection, or {@code null}
	 */
	public record StatsDescriptor(int total, int active, int idle, int pending, int max, int min, int target,
			double utilization, long leaks, boolean suspended, boolean connectionFailing,
			ConnectionErrorDescriptor lastConnectionError) implements OperationResponseBody {

		static StatsDescriptor of(PoolStats stats) {
			PoolConnectionError error = stats.lastConnectionError();
			return new StatsDescriptor(stats.total(), stats.active(), stats.idle(), stats.pending(), stats.max(),
					stats.min(), stats.target(), stats.utilization(), stats.leaks(), stats.suspended(),
					stats.connectionFailing(), (error != null) ? ConnectionErrorDescriptor.of(error) : null);
		}

	}

	/**
	 * A failure to open a connection: the database's own words, which never carry the
	 * password.
	 *
	 * @param kind {@code auth}, {@code refused}, {@code timeout} or {@code other}
	 * @param sqlState the SQLState the driver reported, or {@code null}
	 * @param message the driver's message
	 * @param at when it happened
	 */
	public record ConnectionErrorDescriptor(String kind, String sqlState, String message, String at) {

		static ConnectionErrorDescriptor of(PoolConnectionError error) {
			return new ConnectionErrorDescriptor(error.kind().tag(), error.sqlState(), error.message(),
					error.at().toString());
		}

	}

	/**
	 * A connection lent out now.
	 *
	 * @param thread the name of the borrowing thread
	 * @param heldForMillis how long it has been held
	 * @param borrowStack where it was borrowed, one frame per line; empty unless
	 * {@code leak-detection-threshold} is set
	 */
	public record BorrowedConnectionDescriptor(String thread, long heldForMillis, List<String> borrowStack) {

		static BorrowedConnectionDescriptor of(BorrowedConnection borrowed) {
			return new BorrowedConnectionDescriptor(borrowed.holderThread(), borrowed.heldFor().toMillis(),
					Arrays.stream(borrowed.borrowStack()).map(StackTraceElement::toString).toList());
		}

	}

	/**
	 * How long borrowers waited over the recent window; quantiles are within about 20%
	 * above the true value.
	 *
	 * @param windowMillis how much time the figures cover
	 * @param borrows borrows in the window
	 * @param p50Millis median wait
	 * @param p95Millis 95th percentile wait
	 * @param p99Millis 99th percentile wait
	 * @param maxMillis longest wait
	 * @param timeouts borrows that gave up in the window
	 */
	public record AcquireWaitsDescriptor(long windowMillis, long borrows, double p50Millis, double p95Millis,
			double p99Millis, double maxMillis, long timeouts) {

		static AcquireWaitsDescriptor of(AcquireWaits waits) {
			return new AcquireWaitsDescriptor(waits.window().toMillis(), waits.borrows(), millis(waits.p50()),
					millis(waits.p95()), millis(waits.p99()), millis(waits.max()), waits.timeouts());
		}

	}

	/**
	 * Something notable that happened to the pool.
	 *
	 * @param at when
	 * @param type {@code creation-failed}, {@code closed}, {@code timeout}, {@code leak},
	 * {@code sizing} or {@code budget}
	 * @param detail what, in words
	 */
	public record EventDescriptor(String at, String type, String detail) {

		static EventDescriptor of(PoolEvent event) {
			return new EventDescriptor(event.at().toString(), event.type(), event.detail());
		}

	}

	/**
	 * A recommended {@code max-size} from the recent window, by Little's law: busy
	 * connections = borrows per second × mean hold time.
	 *
	 * @param currentMaxSize {@code max-size} now
	 * @param recommendedMaxSize what the observations suggest
	 * @param direction {@code grow}, {@code shrink} or {@code keep}
	 * @param borrowsPerSecond the borrow rate over the window
	 * @param meanHoldMillis how long a borrower held a connection on average
	 * @param busyConnections connections busy on average
	 * @param waitP95Millis the 95th percentile wait to borrow
	 * @param timeouts borrows that gave up in the window
	 * @param budgetLimit the most this instance may hold within the database's budget, or
	 * {@code null} when unknown
	 * @param explanation why, in words
	 */
	public record SizingAdviceDescriptor(int currentMaxSize, int recommendedMaxSize, String direction,
			double borrowsPerSecond, double meanHoldMillis, double busyConnections, double waitP95Millis, long timeouts,
			Integer budgetLimit, String explanation) {

		static SizingAdviceDescriptor of(SizingAdvice advice) {
			return new SizingAdviceDescriptor(advice.currentMaxSize(), advice.recommendedMaxSize(),
					advice.direction().name().toLowerCase(Locale.ROOT), advice.borrowsPerSecond(),
					advice.meanHoldMillis(), advice.busyConnections(), advice.waitP95Millis(), advice.timeouts(),
					advice.budgetLimit(), advice.explanation());
		}

	}

	/**
	 * How the pool sizes itself. In fixed mode only {@code mode}; in adaptive mode also
	 * the last decision and the last reading of the budget, each left out until the first
	 * is made.
	 *
	 * @param mode {@code fixed} or {@code adaptive} ({@code sizing.mode})
	 * @param lastDecision the last decision, made every {@code sizing.period}, or
	 * {@code null}
	 * @param fleetBudget the fleet's connection budget and this instance's share, or
	 * {@code null} where no budget applies (neither PostgreSQL nor
	 * {@code sizing.fleet-budget})
	 */
	public record SizingDescriptor(String mode, SizingDecisionDescriptor lastDecision,
			FleetBudgetDescriptor fleetBudget) {

		static SizingDescriptor of(SizingMode mode, SizingDecision decision, FleetBudget budget) {
			return new SizingDescriptor(mode.name().toLowerCase(Locale.ROOT),
					(decision != null) ? SizingDecisionDescriptor.of(decision) : null,
					(budget != null) ? FleetBudgetDescriptor.of(budget) : null);
		}

	}

	/**
	 * One decision of adaptive sizing: the target chosen at the end of a period, the load
	 * it was chosen from and the arithmetic.
	 *
	 * @param at when it was made
	 * @param previousTarget the target before it
	 * @param target the target after it
	 * @param direction {@code grow}, {@code shrink} or {@code keep}
	 * @param busyConnections connections busy on average over the period (Little's law:
	 * borrows per second × mean hold time)
	 * @param waitingBorrowers borrowers waiting on average over the period
	 * @param timeouts borrows that timed out in the period
	 * @param floor {@code sizing.min-size}
	 * @param ceiling {@code max-size}
	 * @param budgetLimit the most the fleet's budget lets this instance hold, or
	 * {@code null} when no budget applies
	 * @param refusals connects the server refused with {@code 53300} (too many
	 * connections) since the pool started
	 * @param explanation the inputs and the arithmetic, in words, as the log line says
	 * them
	 */
	public record SizingDecisionDescriptor(String at, int previousTarget, int target, String direction,
			double busyConnections, double waitingBorrowers, long timeouts, int floor, int ceiling, Integer budgetLimit,
			long refusals, String explanation) {

		static SizingDecisionDescriptor of(SizingDecision decision) {
			return new SizingDecisionDescriptor(decision.at().toString(), decision.previousTarget(), decision.target(),
					decision.direction().name().toLowerCase(Locale.ROOT), hundredths(decision.busyConnections()),
					hundredths(decision.waitingBorrowers()), decision.timeouts(), decision.floor(), decision.ceiling(),
					(decision.budgetLimit() >= 0) ? decision.budgetLimit() : null, decision.refusals(),
					decision.explanation());
		}

	}

	/**
	 * The connection budget adaptive sizing last read, and this instance's share of it.
	 *
	 * @param readAt when it was read
	 * @param source {@code postgresql}, {@code pgbouncer} or {@code setting}
	 * @param limit the tightest limit that binds the instances of this pool
	 * @param othersInUse connections within that limit held by others than the instances
	 * @param headroom {@code sizing.headroom}
	 * @param capacity what the instances may hold together: limit less others less
	 * headroom
	 * @param instance this instance's {@code application_name}
	 * @param instances the connections each instance holds, by {@code application_name};
	 * empty where instances cannot be counted
	 * @param equalShare capacity divided by the number of instances
	 * @param allocation this instance's max-min fair allocation
	 * @param limitForThisInstance what this instance may hold now
	 * @param explanation the inputs and the arithmetic, in words
	 */
	public record FleetBudgetDescriptor(String readAt, String source, int limit, int othersInUse, int headroom,
			int capacity, String instance, Map<String, Integer> instances, int equalShare, int allocation,
			int limitForThisInstance, String explanation) {

		static FleetBudgetDescriptor of(FleetBudget budget) {
			return new FleetBudgetDescriptor(budget.readAt().toString(), budget.source(), budget.limit(),
					budget.othersInUse(), budget.headroom(), budget.capacity(), budget.instance(), budget.instances(),
					budget.equalShare(), budget.allocation(), budget.limitForThisInstance(), budget.explanation());
		}

	}

	/**
	 * Whether the fleet of this pool fits the PostgreSQL server's
	 * {@code max_connections}.
	 *
	 * @param maxConnections the server's {@code max_connections}
	 * @param reservedConnections slots kept for superusers
	 * @param availableConnections what ordinary clients may open: max_connections less
	 * the reserved slots
	 * @param inUse client connections open on the server when checked
	 * @param inUseByApplication those, by {@code application_name}
	 * @param poolMax the most this pool may open: {@code max-size} + {@code max-overflow}
	 * @param instances {@code sizing.instances}
	 * @param perInstanceLimit the most each instance may hold if the fleet is to fit
	 * @param exceeded whether {@code poolMax × instances} is more than the server allows
	 * @param message what the check found, in words
	 */
	public record ConnectionBudgetDescriptor(int maxConnections, int reservedConnections, int availableConnections,
			int inUse, Map<String, Integer> inUseByApplication, int poolMax, int instances, int perInstanceLimit,
			boolean exceeded, String message) {

		static ConnectionBudgetDescriptor of(ConnectionBudget budget) {
			return new ConnectionBudgetDescriptor(budget.maxConnections(), budget.reservedConnections(),
					budget.available(), budget.inUse(), budget.inUseByApplication(), budget.poolMax(),
					budget.instances(), budget.perInstanceLimit(), budget.exceeded(), budget.message());
		}

	}

	/**
	 * The body of a rejected write operation.
	 *
	 * @param status the HTTP status, 400
	 * @param error the status's reason phrase
	 * @param message what was wrong, naming the setting and what is allowed
	 */
	public record ErrorDescriptor(int status, String error, String message) implements OperationResponseBody {
	}

}
