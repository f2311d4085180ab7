package io.poolkit.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Shares a connection budget among the instances of one pool, the same way in every
 * instance, from what each can read: the connections the fleet may hold together and the
 * connections each instance holds now. No clock, no I/O.
 * <p>
 * <b>Allocation (max-min fair).</b> With {@code C} connections for {@code n} instances,
 * each may always have the equal share {@code e = ⌊C / n⌋}. An instance holding less than
 * {@code e - r} ({@code r} the connection kept for its reads, below) is taken to need
 * what it holds plus a growth allowance {@code g = max(1, ⌈e / 4⌉)} (never past
 * {@code e}): the allowance lets a quiet instance that gets busy reach its equal share
 * within about four periods, and from there it counts as wanting more. An instance
 * holding {@code e - r} or more may want any amount. Water-filling then gives every
 * instance the least of its need and a common level, the level as high as {@code C}
 * allows; the units left by rounding go to the instances at the level in order of name.
 * So quiet instances keep what they use, busy ones split the rest equally, and the
 * allocations never add up to more than {@code C}.
 * <p>
 * <b>Growing without over-committing.</b> Instances read the database at different
 * moments, and two that grow at once must not together ask for more than is free. An
 * instance above its allocation shrinks to it (the pool closes connections as they come
 * back); one below may grow only by its part of the connections free now
 * ({@code C - Σ held - Σ r}), the free ones being split by each instance's shortfall from
 * its allocation (largest remainders, then name, decide the odd units). Every instance
 * computes the same split, so together they never take more than is free; an instance
 * reading after another grew sees that growth and a smaller shortfall.
 * <p>
 * An instance holding {@code e - r} or more may keep every connection busy; it then reads
 * the budget on a short-lived connection of its own, so it holds at most its allocation
 * less {@code r} ({@link #READER_RESERVE}) and the read too stays within the budget. The
 * test is the same on either side of the reserve (an instance held at {@code e - r} still
 * wants any amount), so a steady instance never goes back and forth across it.
 */
final class FleetShare {

	/**
	 * Connections of a busy instance's allocation kept for its own budget reads, made on
	 * a short-lived connection when none of its own is idle.
	 */
	static final int READER_RESERVE = 1;

	private FleetShare() {
	}

	/**
	 * Computes the allocation of every instance and what {@code self} may hold.
	 * @param room connections the fleet may hold together before headroom (the binding
	 * limit less what others hold)
	 * @param headroom connections to leave free
	 * @param holdings connections each instance holds, by name; {@code self} is added
	 * with 0 when missing
	 * @param self this instance's name
	 * @return the result with its arithmetic
	 */
	static Result allocate(int room, int headroom, Map<String, Integer> holdings, String self) {
		return allocate(room, headroom, holdings, self, READER_RESERVE);
	}

	/**
	 * As {@link #allocate(int, int, Map, String)}, with the connections a busy instance
	 * keeps for its own reads: none where the reads do not count against the budget
	 * (PgBouncer's admin console).
	 */
	static Result allocate(int room, int headroom, Map<String, Integer> holdings, String self, int readerReserve) {
		SortedMap<String, Integer> held = new TreeMap<>(holdings);
		held.putIfAbsent(self, 0);
		int capacity = Math.max(0, room - headroom);
		int n = held.size();
		int equal = capacity / n;
		int allowance = Math.max(1, (equal + 3) / 4);
		// Connections and read together at the equal share: wants any amount, and one of
		// its allocation is kept for the read.
		Map<String, Long> need = new LinkedHashMap<>();
		held.forEach((name, count) -> need.put(name,
				(count + readerReserve >= equal) ? Long.MAX_VALUE : (long) Math.min(equal, count + allowance)));
		Map<String, Integer> allocation = waterFill(capacity, need);
		Map<String, Integer> usable = new TreeMap<>();
		allocation.forEach((name, count) -> usable.put(name,
				(need.get(name) == Long.MAX_VALUE) ? Math.max(0, count - readerReserve) : count));
		int heldTotal = held.values().stream().mapToInt(Integer::intValue).sum();
		// What is free leaves out the kept connections too: a grow never takes another
		// instance's read.
		int kept = (int) need.values().stream().filter((wants) -> wants == Long.MAX_VALUE).count() * readerReserve;
		int free = capacity - heldTotal - kept;
		Map<String, Integer> shortfall = new TreeMap<>();
		held.forEach((name, count) -> shortfall.put(name, Math.max(0, usable.get(name) - count)));
		Map<String, Integer> grants = split(Math.max(0, free), shortfall);
		int selfHeld = held.get(self);
		int selfAllocation = allocation.get(self);
		int selfUsable = usable.get(self);
		int limit = (selfHeld >= selfUsable) ? selfUsable : selfHeld + grants.get(self);
		String level = allocation.entrySet()
			.stream()
			.filter((entry) -> need.get(entry.getKey()) == Long.MAX_VALUE
					|| entry.getValue() < need.get(entry.getKey()))
			.map(Map.Entry::getValue)
			.max(Integer::compare)
			.map(String::valueOf)
			.orElse("none (every instance has what it needs)");
		String instances = held.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + (entry.getKey().equals(self) ? " (this one)" : "") + ": holds "
					+ entry.getValue() + ", gets " + allocation.get(entry.getKey()))
			.collect(Collectors.joining(", "));
		String explanation = String.format(
				"%d connection(s) for the fleet (room %d less headroom %d) among %d instance(s): equal share %d, "
						+ "growth allowance %d below it; max-min fair level %s; %s. %d free now (%d held%s)%s; this "
						+ "instance may hold %d%s.",
				capacity, room, headroom, n, equal, allowance, level, instances, Math.max(0, free), heldTotal,
				(kept > 0) ? ", " + kept + " kept for reads" : "",
				(selfHeld >= selfUsable) ? ""
						: ", split by shortfall from the allocations: +" + grants.get(self) + " for this one",
				limit, (selfUsable < selfAllocation) ? " (one of its " + selfAllocation
						+ " kept for its own budget reads while every connection is busy)" : "");
		return new Result(capacity, equal, Collections.unmodifiableMap(allocation), selfAllocation, free,
				grants.get(self), limit, explanation);
	}

	/**
	 * Gives each the least of its need and a common level, as high as {@code capacity}
	 * allows; the units rounding leaves go to those at the level, by name.
	 */
	private static Map<String, Integer> waterFill(int capacity, Map<String, Long> need) {
		List<String> order = new ArrayList<>(need.keySet());
		order.sort(Comparator.comparingLong((String name) -> need.get(name)).thenComparing(Comparator.naturalOrder()));
		Map<String, Integer> allocation = new TreeMap<>();
		long remaining = capacity;
		int left = order.size();
		int index = 0;
		for (; index < order.size(); index++) {
			String name = order.get(index);
			long fair = remaining / left;
			if (need.get(name) > fair) {
				break;
			}
			allocation.put(name, (int) (long) need.get(name));
			remaining -= need.get(name);
			left--;
		}
		List<String> atLevel = new ArrayList<>(order.subList(index, order.size()));
		Collections.sort(atLevel);
		for (int i = 0; i < atLevel.size(); i++) {
			// The level, and one more for the first of the units rounding leaves.
			allocation.put(atLevel.get(i),
					(int) (remaining / atLevel.size() + ((i < remaining % atLevel.size()) ? 1 : 0)));
		}
		return allocation;
	}

	/**
	 * Splits {@code free} units in proportion to the shortfalls, at most each one's
	 * shortfall: largest remainders first, then by name.
	 */
	private static Map<String, Integer> split(int free, Map<String, Integer> shortfall) {
		long total = shortfall.values().stream().mapToLong(Integer::longValue).sum();
		Map<String, Integer> grants = new TreeMap<>();
		if (total <= free) {
			grants.putAll(shortfall);
			return grants;
		}
		Map<String, Long> remainders = new TreeMap<>();
		int given = 0;
		for (Map.Entry<String, Integer> entry : shortfall.entrySet()) {
			long share = (long) free * entry.getValue();
			grants.put(entry.getKey(), (int) (share / total));
			remainders.put(entry.getKey(), share % total);
			given += (int) (share / total);
		}
		List<String> order = new ArrayList<>(remainders.keySet());
		order.sort(Comparator.comparingLong((String name) -> -remainders.get(name))
			.thenComparing(Comparator.naturalOrder()));
		for (String name : order) {
			if (given >= free) {
				break;
			}
			if (remainders.get(name) > 0) {
				grants.merge(name, 1, Integer::sum);
				given++;
			}
		}
		return grants;
	}

	/**
	 * What the fleet's budget gives.
	 *
	 * @param capacity connections for the fleet: room less headroom
	 * @param equalShare capacity / instances, rounded down
	 * @param allocation every instance's allocation, by name
	 * @param selfAllocation this instance's
	 * @param free connections free now: capacity less those held and those kept for reads
	 * (negative when the fleet holds too many)
	 * @param selfGrant this instance's part of the free ones
	 * @param limit what this instance may hold now
	 * @param explanation the arithmetic in words
	 */
	record Result(int capacity, int equalShare, Map<String, Integer> allocation, int selfAllocation, int free,
			int selfGrant, int limit, String explanation) {
	}

}
