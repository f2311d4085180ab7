package io.poolkit;

import java.time.Duration;

/**
 * How long borrowers waited for a connection over a recent window. Quantiles come from
 * log-linear buckets and are within about 20% above the true value.
 *
 * @param window how much time the figures cover
 * @param borrows borrows in the window
 * @param p50 median wait
 * @param p95 95th percentile wait
 * @param p99 99th percentile wait
 * @param max longest wait
 * @param timeouts borrows that timed out in the window
 */
public record AcquireWaits(Duration window, long borrows, Duration p50, Duration p95, Duration p99, Duration max,
		long timeouts) {
}
