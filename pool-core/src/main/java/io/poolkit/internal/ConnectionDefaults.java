package io.poolkit.internal;

/**
 * The session state every borrower starts with: the pool's configured defaults where set,
 * the driver's otherwise, read once from each physical connection when it is opened. A
 * borrower that changes one of these gets it put back when the connection is returned.
 */
record ConnectionDefaults(boolean autoCommit, int transactionIsolation, boolean readOnly, String catalog, String schema,
		int networkTimeout) {
}
