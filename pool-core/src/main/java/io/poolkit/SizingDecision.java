package io.poolkit;

import java.time.Instant;

/**
 * One decision of adaptive sizing ({@code sizing.mode=adaptive}): the target size the
 * pool chose for itself at the end of a {@code sizing.period}, with the measurements it
 * chose from and the arithmetic in words. Every decision that changes the target is also
 * a {@linkplain PoolDataSource#recentEvents() pool event} of type {@code sizing} and a
 * log line at INFO.
 *
 * @param at when the decision was made
 * @param previousTarget the target before it
 * @param target the target after it: the most connections the pool holds now
 * @param direction whether the target grew, shrank or stayed
 * @param busyConnections connections busy on average over the period, by Little's law
 * (borrows per second × mean hold time), or sampled when too few borrows ended in it
 * @param waitingBorrowers borrowers waiting for a connection on average over the period
 * (sampled)
 * @param timeouts borrows refused in the period: timed out, or at once
 * ({@code fail-fast}, {@code max-waiters})
 * @param floor {@code sizing.min-size}
 * @param ceiling {@code max-size}
 * @param budgetLimit the most the fleet's connection budget lets this instance hold, or
 * -1 when no budget applies (see {@link PoolDataSource#fleetBudget()})
 * @param explanation the inputs and the arithmetic, in words
 * @param refusals connects the server refused with SQLState {@code 53300} (too many
 * connections) since the pool started, its own budget reads' included; each stops the
 * pool's growth at what it holds until the budget is read again
 */
public record SizingDecision(Instant at, int previousTarget, int target, SizingAdvice.Direction direction,
		double busyConnections, double waitingBorrowers, long timeouts, int floor, int ceiling, int budgetLimit,
		String explanation, long refusals) {
}
