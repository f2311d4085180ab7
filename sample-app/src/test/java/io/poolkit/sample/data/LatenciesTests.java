package io.poolkit.sample.data;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load demo's histogram: buckets cover every long without gaps or overlaps, and
 * quantiles land within their promised 1/64 above the true value.
 */
class LatenciesTests {

	@Test
	void bucketsFollowOneAnotherWithoutGaps() {
		long previousHighest = -1;
		int previousBucket = -1;
		for (int bucket = 0; Latencies.highest(bucket) < Long.MAX_VALUE; bucket++) {
			long lowest = previousHighest + 1;
			long highest = Latencies.highest(bucket);
			assertThat(Latencies.bucket(lowest)).as("lowest value of bucket %d", bucket).isEqualTo(bucket);
			assertThat(Latencies.bucket(highest)).as("highest value of bucket %d", bucket).isEqualTo(bucket);
			assertThat(bucket).isEqualTo(previousBucket + 1);
			previousHighest = highest;
			previousBucket = bucket;
		}
		assertThat(Latencies.bucket(Long.MAX_VALUE)).isEqualTo(previousBucket + 1);
	}

	@Test
	void bucketsAreAtMostOneSixtyFourthOfTheirValuesWide() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < 100_000; i++) {
			long value = random.nextLong(1, Long.MAX_VALUE >> random.nextInt(62));
			long highest = Latencies.highest(Latencies.bucket(value));
			assertThat(highest).isGreaterThanOrEqualTo(value);
			assertThat((double) (highest - value)).isLessThanOrEqualTo(value / 64.0);
		}
	}

	@Test
	void quantilesOfAKnownDistribution() {
		Latencies latencies = new Latencies();
		// 1 µs to 10 ms in 1 µs steps: the true p50 is 5 ms, the true p99 9.9 ms.
		for (long micros = 1; micros <= 10_000; micros++) {
			latencies.record(micros * 1000);
		}
		assertThat(latencies.count()).isEqualTo(10_000);
		assertWithin(latencies.quantile(0.5), 5_000_000);
		assertWithin(latencies.quantile(0.99), 9_900_000);
		assertThat(latencies.quantile(1.0)).isEqualTo(Duration.ofNanos(10_000_000));
		assertThat(latencies.max()).isEqualTo(Duration.ofNanos(10_000_000));
	}

	@Test
	void smallValuesAreExactAndNegativeOnesCountAsZero() {
		Latencies latencies = new Latencies();
		latencies.record(-5);
		latencies.record(3);
		latencies.record(7);
		assertThat(latencies.quantile(0.1)).isEqualTo(Duration.ZERO);
		assertThat(latencies.quantile(0.5)).isEqualTo(Duration.ofNanos(3));
		assertThat(latencies.quantile(0.99)).isEqualTo(Duration.ofNanos(7));
	}

	@Test
	void nothingRecordedHasNoQuantiles() {
		Latencies latencies = new Latencies();
		assertThat(latencies.quantile(0.99)).isNull();
		assertThat(latencies.max()).isNull();
	}

	private static void assertWithin(Duration actual, long expectedNanos) {
		assertThat(actual.toNanos()).isBetween(expectedNanos, expectedNanos + expectedNanos / 64);
	}

}
