package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One physical connection held by the pool, and its lending state. The state word is the only thing borrowers
 * race on: a borrow is a compare-and-set from {@link #IDLE} to {@link #IN_USE}.
 */
final class ConnectionSlot {

	static final int IDLE = 0;
	static final int IN_USE = 1;
	/** Taken by the housekeeper (validation, retirement); not lendable. */
	static final int RESERVED = 2;
	/** Closed or being closed; never lendable again. */
	static final int REMOVED = 3;

	final Connection connection;

	final ConnectionDefaults defaults;

	// Placeholder: the engine (Pool) completes this class.

	ConnectionSlot(Connection connection, ConnectionDefaults defaults) {
		this.connection = connection;
		this.defaults = defaults;
	}

	/**
	 * Notes an exception thrown by the physical connection or one of its statements. If it shows the connection is
	 * gone, the slot is marked broken and is closed instead of lent again when it is returned.
	 * @param e the exception
	 * @return the same exception, for {@code throw slot.onError(e)}
	 */
	SQLException onError(SQLException e) {
		return e;
	}

	/** Marks the connection unfit to lend again (its state could not be restored). */
	void markBroken() {
	}

	/** Returns the slot to the pool; called exactly once per borrow, after the proxy has cleaned up. */
	void release() {
	}

}
