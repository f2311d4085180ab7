package io.poolkit.internal;

import java.time.Duration;
import java.util.Arrays;

import io.poolkit.PoolConfig;
import io.poolkit.testkit.StubDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A pool created all at once must not retire all at once: each connection draws its own
 * point inside the jitter.
 */
class LifetimeJitterTest {

	@Test
	void eachConnectionRetiresAtItsOwnPointWithinTheJitter() {
		StubDatabase db = StubDatabase.create();
		Pool pool = new Pool(PoolConfig.builder()
			.url(db.url())
			.maxSize(20)
			.maxLifetime(Duration.ofMinutes(60))
			.lifetimeJitter(0.2)
			.build());
		try {
			pool.start();
			await().atMost(Duration.ofSeconds(20)).until(() -> pool.stats().idle() == 20);
			long[] lifetimes = Arrays.stream(pool.slots())
				.mapToLong((slot) -> slot.retireAtNanos - slot.createdNanos)
				.toArray();
			for (long lifetime : lifetimes) {
				assertThat(Duration.ofNanos(lifetime)).isBetween(Duration.ofMinutes(48), Duration.ofMinutes(60));
			}
			assertThat(Arrays.stream(lifetimes).distinct().count()).isGreaterThanOrEqualTo(19);
			long spread = Arrays.stream(lifetimes).max().getAsLong() - Arrays.stream(lifetimes).min().getAsLong();
			// Twenty uniform draws over 12 minutes spread over more than 3 minutes but
			// for a 1-in-10^8 chance.
			assertThat(Duration.ofNanos(spread)).isGreaterThan(Duration.ofMinutes(3));
		}
		finally {
			pool.close();
		}
	}

}
