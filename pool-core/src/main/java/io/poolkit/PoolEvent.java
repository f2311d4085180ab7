package io.poolkit;

import java.time.Instant;

/**
 * Something worth knowing that happened to a pool: a failed connect, a connection closed
 * for a reason other than routine, a leak, a sizing warning.
 *
 * @param at when
 * @param type {@code creation-failed}, {@code closed}, {@code leak} or {@code sizing}
 * @param detail what, in words (never a secret)
 */
public record PoolEvent(Instant at, String type, String detail) {
}
