package io.poolkit.sample.users;

import java.time.OffsetDateTime;

/**
 * A user of the shop.
 *
 * @param id the user's id
 * @param name display name
 * @param email email address
 * @param createdAt when the user signed up
 */
public record User(long id, String name, String email, OffsetDateTime createdAt) {
}
