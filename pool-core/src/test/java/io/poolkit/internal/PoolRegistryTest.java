package io.poolkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool-per-request detector on its own clock (moved from {@code PoolOperationsTest},
 * which tests it through pools).
 */
class PoolRegistryTest {

	@Test
	void oneOrTwoLongLivedPoolsNeverWarn() {
		AtomicLong clock = new AtomicLong();
		PoolRegistry registry = new PoolRegistry(clock::get, 4, 20, TimeUnit.MINUTES.toNanos(1));
		assertThat(registry.created("db as app", "primary")).isFalse();
		assertThat(registry.created("db as app", "reporting")).isFalse();
		// Restarting a pool now and then over hours is fine too.
		for (int i = 0; i < 50; i++) {
			clock.addAndGet(TimeUnit.MINUTES.toNanos(10));
			registry.closed("db as app");
			assertThat(registry.created("db as app", "primary")).isFalse();
		}
		assertThat(registry.liveCount("db as app")).isEqualTo(2);
	}

	@Test
	void manyLivePoolsForOneDatabaseWarnOnce() {
		AtomicLong clock = new AtomicLong();
		PoolRegistry registry = new PoolRegistry(clock::get, 4, 20, TimeUnit.MINUTES.toNanos(1));
		List<Boolean> warned = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			clock.addAndGet(TimeUnit.MINUTES.toNanos(5));
			warned.add(registry.created("db as app", "pool" + i));
		}
		assertThat(warned).containsExactly(false, false, false, false, true, false, false, false);
	}

}
