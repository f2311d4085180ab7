package io.poolkit;

import java.time.Instant;
import java.util.Map;

/**
 * The share of a connection budget an adaptive pool ({@code sizing.mode=adaptive}) read
 * and computed for itself: how many connections the instances of the same pool may hold
 * together, what each holds, and what this instance may hold. Every instance computes the
 * same max-min fair allocation from the same kind of reading, so they share the budget
 * without talking to each other; the database (or PgBouncer) is the only coordinator.
 *
 * @param readAt when the budget was read
 * @param source where it was read: {@code postgresql} (limits and
 * {@code pg_stat_activity}), {@code pgbouncer} (its admin console), or {@code setting}
 * ({@code sizing.fleet-budget} divided by {@code sizing.instances})
 * @param limit the tightest limit that binds the fleet (for example a role's
 * {@code CONNECTION LIMIT}, or PgBouncer's {@code pool_size}), or
 * {@code sizing.fleet-budget} when that leaves the fleet less than the limit does
 * @param othersInUse connections within that limit held by others than this pool's
 * instances (the sessions of the same application_name prefix, role and database); 0 when
 * {@code sizing.fleet-budget} binds, which is the fleet's own
 * @param headroom {@code sizing.headroom}: connections left free
 * @param capacity connections the instances may hold together: limit less others less
 * headroom, at least 0
 * @param instance this instance's {@code application_name}, e.g. {@code orders#k3f9q2}
 * @param instances the connections each instance holds, by {@code application_name} (this
 * one included); empty where instances cannot be counted (source {@code setting})
 * @param equalShare capacity divided by the number of instances, rounded down: what every
 * instance may always grow to
 * @param allocation this instance's max-min fair allocation
 * @param limitForThisInstance what this instance may hold now: its allocation when it
 * holds that much or more, else what it holds plus its part of the free connections (so
 * that instances growing at once cannot together ask for more than is free)
 * @param explanation the inputs and the arithmetic, in words
 */
public record FleetBudget(Instant readAt, String source, int limit, int othersInUse, int headroom, int capacity,
		String instance, Map<String, Integer> instances, int equalShare, int allocation, int limitForThisInstance,
		String explanation) {
}
