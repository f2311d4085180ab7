package io.poolkit.sample.demo;

/**
 * What one run of the load demo measured. Latencies are of the service call (the query
 * and getting its connection), without HTTP; quantiles are within about 2% above the true
 * value.
 *
 * @param mode {@code pooled} or {@code connection-per-request}
 * @param threads {@code virtual} or {@code platform}: what the workers ran on
 * @param concurrency workers running at once
 * @param seconds how long the workers were asked to run
 * @param elapsedSeconds from the start until the last worker finished
 * @param requests calls that returned a user
 * @param errors calls that failed
 * @param throughputPerSecond successful calls per second of elapsed time
 * @param latencyP50Millis median latency of successful calls
 * @param latencyP99Millis 99th percentile latency of successful calls
 * @param latencyMaxMillis longest successful call
 * @param poolWaitP99Millis pooled only: 99th percentile of the time borrowers waited for
 * the pool
 * @param connectP99Millis connection per request only: 99th percentile of the time taken
 * to open a connection
 * @param poolMaxSize the pool's {@code max-size}, for reading the figures
 * @param firstError the first error's message, or {@code null} when there was none
 */
public record LoadReport(String mode, String threads, int concurrency, int seconds, double elapsedSeconds,
		long requests, long errors, double throughputPerSecond, Double latencyP50Millis, Double latencyP99Millis,
		Double latencyMaxMillis, Double poolWaitP99Millis, Double connectP99Millis, int poolMaxSize,
		String firstError) {
}
