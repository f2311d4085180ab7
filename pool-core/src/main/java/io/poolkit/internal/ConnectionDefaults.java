package io.poolkit.internal;

/**
 * The session state every borrower starts with: the pool's configured defaults where set,
 * the driver's otherwise, read once from each physical connection when it is opened. A
 * borrower that changes one of these gets it put back when the connection is returned.
 *
 * @param searchPath on PostgreSQL the {@code search_path} exactly as the server had it
 * (every entry, quoting and {@code "$user"} included), which restoring {@code schema}
 * puts back: {@code setSchema} would leave only one schema in it; {@code null} on other
 * databases
 */
record ConnectionDefaults(boolean autoCommit, int transactionIsolation, boolean readOnly, String catalog, String schema,
		int networkTimeout, String searchPath) {

	ConnectionDefaults(boolean autoCommit, int transactionIsolation, boolean readOnly, String catalog, String schema,
			int networkTimeout) {
		this(autoCommit, transactionIsolation, readOnly, catalog, schema, networkTimeout, null);
	}

}
