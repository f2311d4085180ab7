package io.poolkit;

import java.time.Instant;

/**
 * Something worth knowing that happened to a pool: a failed connect, a connection closed
 * for a reason other than routine, a leak, a sizing warning.
 *
 * @param at when
 * @param type {@code creation-failed}, {@code timeout}, {@code closed}, {@code leak},
 * {@code listener-failed}, {@code sizing} (advice, and each change of an adaptive target)
 * or {@code budget} (the connection budget: a fleet too large, a budget read that failed)
 * @param detail what, in words (never a secret)
 */
public record PoolEvent(Instant at, String type, String detail) {
}
