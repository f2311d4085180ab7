package io.poolkit.internal;

import java.util.Map;

/**
 * What one read of a fleet's connection budget found: the limit that binds the fleet, the
 * connections others hold within it, and those of each instance of the fleet.
 *
 * @param source {@code postgresql}, {@code pgbouncer} or {@code setting}
 * @param limit the binding limit
 * @param limitWhat the limit in words, e.g. {@code role 'app' CONNECTION LIMIT 30}
 * @param others connections within the limit held by others than the fleet
 * @param members connections held by each instance, by application_name (empty when
 * instances cannot be counted)
 * @param countsInstances whether the members were counted (else the setting
 * {@code sizing.instances} tells how many instances share the limit)
 */
record FleetReading(String source, int limit, String limitWhat, int others, Map<String, Integer> members,
		boolean countsInstances) {
}
