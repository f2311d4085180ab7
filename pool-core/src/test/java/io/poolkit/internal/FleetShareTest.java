package io.poolkit.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sharing a connection budget among the instances of one pool: max-min fair, the same in
 * every instance, and never more than is free for instances growing at once; then the
 * fleet as a whole, instances reading one after another, joining and leaving.
 */
class FleetShareTest {

	private static Map<String, Integer> holdings(Object... nameAndCount) {
		Map<String, Integer> holdings = new LinkedHashMap<>();
		for (int i = 0; i < nameAndCount.length; i += 2) {
			holdings.put((String) nameAndCount[i], (Integer) nameAndCount[i + 1]);
		}
		return holdings;
	}

	@Test
	void busyInstancesSplitWhatQuietOnesLeaveEqually() {
		// Role limit 30, headroom 2: 28 for six instances, equal share 4, allowance 1.
		Map<String, Integer> held = holdings("a", 10, "b", 10, "c", 1, "d", 1, "e", 1, "f", 1);
		FleetShare.Result result = FleetShare.allocate(30, 2, held, "a");
		assertThat(result.capacity()).isEqualTo(28);
		assertThat(result.equalShare()).isEqualTo(4);
		// Quiet ones keep what they hold plus the allowance; the busy ones split the
		// rest.
		assertThat(result.allocation()).containsEntry("c", 2).containsEntry("a", 10).containsEntry("b", 10);
		assertThat(result.allocation().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(28);
		// A busy one keeps one of its ten for its own budget reads.
		assertThat(result.limit()).isEqualTo(9);
		assertThat(result.explanation()).contains("one of its 10 kept for its own budget reads");
		// A quiet one may grow by its allowance into what is free: 28 less the 24 held
		// and the two kept for the busy ones' reads.
		FleetShare.Result quiet = FleetShare.allocate(30, 2, held, "c");
		assertThat(quiet.free()).isEqualTo(2);
		assertThat(quiet.limit()).isEqualTo(2);
		assertThat(quiet.explanation()).contains("equal share 4").contains("c (this one): holds 1, gets 2");
	}

	@Test
	void anInstanceAboveItsAllocationIsToldToShrinkToIt() {
		// c woke up and reached its equal share: now it counts as wanting more, and the
		// busy ones give back.
		Map<String, Integer> held = holdings("a", 12, "b", 8, "c", 4, "d", 1, "e", 1, "f", 1);
		FleetShare.Result a = FleetShare.allocate(30, 2, held, "a");
		assertThat(a.allocation()).containsEntry("d", 2);
		assertThat(a.allocation().get("a")).isBetween(a.allocation().get("c"), a.allocation().get("c") + 1);
		assertThat(a.limit()).isEqualTo(a.selfAllocation() - FleetShare.READER_RESERVE).isLessThan(12);
	}

	@Test
	void everyInstanceComputesTheSameAllocationAndGrowersNeverTakeMoreThanIsFree() {
		Random random = new Random(7);
		for (int round = 0; round < 2000; round++) {
			int n = 1 + random.nextInt(12);
			Map<String, Integer> held = new TreeMap<>();
			for (int i = 0; i < n; i++) {
				held.put("i" + i, random.nextInt(15));
			}
			int room = random.nextInt(120);
			int headroom = random.nextInt(4);
			Map<String, Integer> first = null;
			int grown = 0;
			int heldTotal = held.values().stream().mapToInt(Integer::intValue).sum();
			for (String self : held.keySet()) {
				FleetShare.Result result = FleetShare.allocate(room, headroom, held, self);
				if (first == null) {
					first = result.allocation();
				}
				assertThat(result.allocation()).isEqualTo(first);
				assertThat(result.allocation().values().stream().mapToInt(Integer::intValue).sum())
					.isLessThanOrEqualTo(result.capacity());
				grown += Math.max(0, result.limit() - held.get(self));
			}
			int free = Math.max(0, Math.max(0, room - headroom) - heldTotal);
			assertThat(grown).as("round %d: grown together", round).isLessThanOrEqualTo(free);
		}
	}

	/**
	 * Role limit 8, headroom 2: 6 for three busy instances, equal share 2, one of each
	 * kept for its reads. Each is told 1 whether it holds 1 or 2, so none grows back to 2
	 * after giving one back.
	 */
	@Test
	void anInstanceHeldBelowItsEqualShareByItsReadIsNotToldToGrowBack() {
		for (int a = 1; a <= 2; a++) {
			FleetShare.Result result = FleetShare.allocate(8, 2, holdings("a", a, "b", 1, "c", 1), "a");
			assertThat(result.selfAllocation()).isEqualTo(2);
			assertThat(result.limit()).as("told, holding %d", a).isEqualTo(1);
			assertThat(result.explanation()).contains("one of its 2 kept for its own budget reads");
		}
	}

	/**
	 * Busy fleets of every small size under every small limit, reading one after another:
	 * once settled, no instance's size moves again.
	 */
	@Test
	void aBusyFleetSettlesAndStays() {
		Random random = new Random(11);
		for (int round = 0; round < 500; round++) {
			int n = 1 + random.nextInt(6);
			int room = 1 + random.nextInt(24);
			int headroom = random.nextInt(3);
			Map<String, Integer> held = new TreeMap<>();
			for (int i = 0; i < n; i++) {
				held.put("i" + i, 1 + random.nextInt(4));
			}
			List<Map<String, Integer>> history = new ArrayList<>();
			for (int reading = 0; reading < 40; reading++) {
				List<String> order = new ArrayList<>(held.keySet());
				Collections.shuffle(order, random);
				for (String self : order) {
					held.put(self, Math.max(1, FleetShare.allocate(room, headroom, held, self).limit()));
				}
				history.add(new TreeMap<>(held));
			}
			assertThat(history.subList(20, 40)).as("room %d, headroom %d: %s", room, headroom, history)
				.allSatisfy((state) -> assertThat(state).isEqualTo(history.get(39)));
		}
	}

	@Test
	void anInstanceMissingFromTheReadingCountsAsHoldingNothing() {
		FleetShare.Result result = FleetShare.allocate(10, 0, holdings("a", 5), "b");
		assertThat(result.allocation()).containsKeys("a", "b");
		assertThat(result.limit()).isPositive();
	}

	/**
	 * The fleet over time: instances read one after another in random order, each sets
	 * its size to the least of what it wants and what it may hold, and connections follow
	 * at once. Refusals would be holdings above the limit; fairness is the hungry
	 * instances ending within one of each other.
	 */
	@Test
	void aFleetConvergesToFairSharesAbsorbsAJoinAndALeaveAndNeverExceedsItsCapacity() {
		Map<String, Integer> held = new TreeMap<>();
		Map<String, Integer> wants = new TreeMap<>();
		for (String name : List.of("a", "b", "c", "d", "e", "f")) {
			held.put(name, 1);
			wants.put(name, name.equals("a") || name.equals("b") ? 100 : 1);
		}
		Random random = new Random(3);
		int rounds = simulate(held, wants, random, 30);
		assertThat(rounds).as("rounds to converge").isLessThanOrEqualTo(12);
		// 28 for six: the quiet ones hold 1 and keep an allowance of 1; a and b split the
		// rest, 10 each, one of which they keep for their budget reads.
		assertThat(held.get("a")).isEqualTo(9);
		assertThat(held.get("b")).isEqualTo(9);
		// The load moves: a and b go quiet, c and d get busy.
		wants.putAll(Map.of("a", 1, "b", 1, "c", 100, "d", 100));
		rounds = simulate(held, wants, random, 40);
		assertThat(rounds).isLessThanOrEqualTo(20);
		assertThat(Math.abs(held.get("c") - held.get("d"))).isLessThanOrEqualTo(1);
		assertThat(held.get("c")).isGreaterThanOrEqualTo(8);
		// A busy instance joins.
		held.put("g", 1);
		wants.put("g", 100);
		rounds = simulate(held, wants, random, 40);
		assertThat(rounds).isLessThanOrEqualTo(20);
		assertThat(List.of(held.get("c"), held.get("d"), held.get("g")))
			.allSatisfy((count) -> assertThat(count).isBetween(held.get("g") - 1, held.get("g") + 1));
		// A busy one leaves: the others take its share.
		int before = held.get("c");
		held.remove("d");
		wants.remove("d");
		rounds = simulate(held, wants, random, 40);
		assertThat(rounds).isLessThanOrEqualTo(20);
		assertThat(held.get("c")).isGreaterThan(before);
	}

	/**
	 * Runs rounds until nothing changes for three rounds; asserts the fleet never holds
	 * more than its capacity.
	 * @return the rounds until the last change
	 */
	private static int simulate(Map<String, Integer> held, Map<String, Integer> wants, Random random, int maxRounds) {
		int lastChange = 0;
		for (int round = 1; round <= maxRounds; round++) {
			List<String> order = new ArrayList<>(held.keySet());
			Collections.shuffle(order, random);
			boolean changed = false;
			for (String self : order) {
				FleetShare.Result result = FleetShare.allocate(30, 2, held, self);
				int next = Math.max(1, Math.min(wants.get(self), result.limit()));
				if (next != held.get(self)) {
					held.put(self, next);
					changed = true;
				}
				int total = held.values().stream().mapToInt(Integer::intValue).sum();
				// The limit is 30; a joining instance's first connection may use the
				// headroom until the others give back.
				assertThat(total).as("round %d after %s: %s", round, self, held).isLessThanOrEqualTo(30);
			}
			if (changed) {
				lastChange = round;
			}
			else if (round - lastChange >= 3) {
				break;
			}
		}
		assertThat(held.values().stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(28);
		return lastChange;
	}

}
