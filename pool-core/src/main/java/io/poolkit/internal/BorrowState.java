package io.poolkit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one borrow did to a physical connection that must be undone before the next
 * borrower gets it: session settings moved away from the slot's defaults, a transaction
 * that may hold uncommitted work, statements left open. {@link #giveBack()} undoes it all
 * and releases the slot.
 * <p>
 * The superclass of {@link ConnectionProxy} rather than an object it holds, so that a
 * borrow allocates one object. Plain fields except {@code closed}: a borrowed connection
 * is used by one thread at a time.
 */
abstract class BorrowState {

	private static final Logger logger = LoggerFactory.getLogger(BorrowState.class);

	private static final VarHandle CLOSED;

	static {
		try {
			CLOSED = MethodHandles.lookup().findVarHandle(BorrowState.class, "closed", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/**
	 * Runs setNetworkTimeout's work in the caller: restoring it is a plain field write in
	 * the drivers we know.
	 */
	private static final Executor DIRECT = Runnable::run;

	// Session properties the borrower may have moved away from the slot's defaults.
	private static final int AUTO_COMMIT = 1;

	private static final int ISOLATION = 1 << 1;

	private static final int READ_ONLY = 1 << 2;

	private static final int CATALOG = 1 << 3;

	private static final int SCHEMA = 1 << 4;

	private static final int NETWORK_TIMEOUT = 1 << 5;

	private static final int ALL = (1 << 6) - 1;

	final ConnectionSlot slot;

	/** The physical connection. */
	final Connection delegate;

	/**
	 * Volatile and set by compare-and-set: close() and abort() may race, and the slot is
	 * released only once.
	 */
	private volatile boolean closed;

	// Current values, so that getters need no round trip (pgjdbc asks the server for the
	// isolation level).
	private boolean autoCommit;

	private int isolation;

	private boolean readOnly;

	/**
	 * Bits of the properties that may differ from the defaults; cleared when set back to
	 * the default.
	 */
	private int changed;

	/** A transaction may hold work nobody committed or rolled back yet. */
	private boolean dirty;

	/**
	 * The borrower reached the driver's connection, or a setter failed halfway: ask the
	 * driver, restore all.
	 */
	private boolean untracked;

	/**
	 * The borrower reached a driver statement or result set, which can run SQL behind our
	 * back.
	 */
	private boolean unseenWork;

	/**
	 * Statements not closed yet, oldest first; created with the first statement of the
	 * borrow.
	 */
	private StatementProxy[] open;

	private int openCount;

	/**
	 * Holdability, type map and client info as they were before the borrower touched
	 * them; rarely needed.
	 */
	private SessionExtras extras;

	BorrowState(ConnectionSlot slot) {
		this.slot = slot;
		this.delegate = slot.connection;
		ConnectionDefaults defaults = slot.defaults;
		this.autoCommit = defaults.autoCommit();
		this.isolation = defaults.transactionIsolation();
		this.readOnly = defaults.readOnly();
	}

	// ---- checks and notes, also used by the statement, result set and metadata proxies

	final boolean isReturned() {
		return this.closed;
	}

	final void checkOpen() throws SQLException {
		if (this.closed) {
			throw closedError();
		}
	}

	static SQLException closedError() {
		return new SQLException("Connection is closed: it was returned to the pool", "08003");
	}

	/**
	 * Once returned, the slot may belong to another borrower: a late error of ours must
	 * not condemn it.
	 */
	final SQLException onError(SQLException ex) {
		return this.closed ? ex : this.slot.onError(ex);
	}

	/**
	 * Called before SQL runs: with auto-commit off it may start or extend a transaction.
	 */
	final void markDirty() {
		if (!this.autoCommit) {
			this.dirty = true;
		}
	}

	final void markUnseenWork() {
		this.unseenWork = true;
	}

	/**
	 * The borrower reached the driver's connection: from now on it can run SQL and change
	 * settings unseen.
	 */
	final void markUntracked() {
		this.untracked = true;
	}

	/** Commit or rollback ended the transaction. */
	final void transactionEnded() {
		this.dirty = false;
	}

	// ---- session settings

	/** While false, the getters ask the driver: our copy may be wrong. */
	final boolean isTracked() {
		return !this.untracked;
	}

	final boolean trackedAutoCommit() {
		return this.autoCommit;
	}

	final int trackedIsolation() {
		return this.isolation;
	}

	final boolean trackedReadOnly() {
		return this.readOnly;
	}

	/**
	 * A setter that failed may have changed the driver's state or not: stop trusting our
	 * copy of it.
	 */
	final SQLException setterFailed(SQLException ex) {
		this.untracked = true;
		return onError(ex);
	}

	final void autoCommitSet(boolean value) {
		if (value) {
			// Switching auto-commit on commits the open transaction.
			this.dirty = false;
		}
		this.autoCommit = value;
		noteChange(AUTO_COMMIT, value == this.slot.defaults.autoCommit());
	}

	final void isolationSet(int level) {
		this.isolation = level;
		noteChange(ISOLATION, level == this.slot.defaults.transactionIsolation());
	}

	final void readOnlySet(boolean value) {
		this.readOnly = value;
		noteChange(READ_ONLY, value == this.slot.defaults.readOnly());
	}

	final void catalogSet(String catalog) {
		noteChange(CATALOG, Objects.equals(catalog, this.slot.defaults.catalog()));
	}

	final void schemaSet(String schema) {
		noteChange(SCHEMA, Objects.equals(schema, this.slot.defaults.schema()));
	}

	final void networkTimeoutSet(int milliseconds) {
		noteChange(NETWORK_TIMEOUT, milliseconds == this.slot.defaults.networkTimeout());
	}

	private void noteChange(int bit, boolean isDefault) {
		this.changed = isDefault ? this.changed & ~bit : this.changed | bit;
	}

	final SessionExtras extras() {
		SessionExtras current = this.extras;
		if (current == null) {
			current = new SessionExtras();
			this.extras = current;
		}
		return current;
	}

	// ---- open statements

	final <S extends StatementProxy> S track(S statement) {
		StatementProxy[] statements = this.open;
		if (statements == null) {
			statements = new StatementProxy[4];
			this.open = statements;
		}
		else if (this.openCount == statements.length) {
			statements = Arrays.copyOf(statements, this.openCount * 2);
			this.open = statements;
		}
		statements[this.openCount++] = statement;
		return statement;
	}

	final void forget(StatementProxy statement) {
		StatementProxy[] statements = this.open;
		// From the newest: statements are mostly closed in the reverse order of creation.
		for (int i = this.openCount - 1; i >= 0; i--) {
			if (statements[i] == statement) {
				System.arraycopy(statements, i + 1, statements, i, this.openCount - i - 1);
				statements[--this.openCount] = null;
				return;
			}
		}
	}

	// ---- the end of the borrow

	/**
	 * Closes forgotten statements, rolls back unfinished work, restores changed settings
	 * and releases the slot, once. Cleanup failures are not thrown: the slot is marked
	 * broken instead, and the pool discards the connection.
	 */
	final void giveBack() {
		if (!CLOSED.compareAndSet(this, false, true)) {
			return;
		}
		boolean clean = false;
		try {
			resetSession();
			clean = true;
		}
		catch (SQLException ex) {
			this.slot.onError(ex);
			logger.debug("Could not reset {} on return; the pool will discard it", this, ex);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not reset {} on return; the pool will discard it", this, ex);
		}
		finally {
			if (!clean) {
				this.slot.markBroken();
			}
			this.slot.release();
		}
	}

	/**
	 * Releases the slot as broken without touching the connection, once; the pool closes
	 * it.
	 */
	final void abandon() {
		if (!CLOSED.compareAndSet(this, false, true)) {
			return;
		}
		try {
			this.slot.markBroken();
		}
		finally {
			this.slot.release();
		}
	}

	private void resetSession() throws SQLException {
		closeOpenStatements();
		Connection c = this.delegate;
		if (this.untracked) {
			this.autoCommit = c.getAutoCommit();
			this.dirty = true;
			this.changed = ALL;
		}
		if (!this.autoCommit && (this.dirty || this.unseenWork)) {
			// Never commit: work the borrower did not commit was not meant to be kept.
			c.rollback();
			this.dirty = false;
		}
		if (this.changed != 0) {
			restoreDefaults(c);
		}
		if (this.extras != null) {
			this.extras.restore(c);
		}
		c.clearWarnings();
	}

	private void closeOpenStatements() throws SQLException {
		StatementProxy[] statements = this.open;
		int count = this.openCount;
		this.openCount = 0;
		for (int i = 0; i < count; i++) {
			StatementProxy statement = statements[i];
			statements[i] = null;
			statement.closeByConnection();
		}
	}

	private void restoreDefaults(Connection c) throws SQLException {
		ConnectionDefaults defaults = this.slot.defaults;
		int toRestore = this.changed;
		if ((toRestore & ~AUTO_COMMIT) != 0 && !this.autoCommit) {
			// Some setters run SQL (pgjdbc's setSchema): with auto-commit off that opens
			// a transaction which would
			// stay open in the pool, and rolling it back would undo the setting. So
			// restore with auto-commit on and
			// switch it back last. The rollback first keeps the promise never to commit
			// the borrower's work.
			c.rollback();
			c.setAutoCommit(true);
			this.autoCommit = true;
			toRestore |= AUTO_COMMIT;
		}
		if ((toRestore & ISOLATION) != 0) {
			c.setTransactionIsolation(defaults.transactionIsolation());
		}
		if ((toRestore & READ_ONLY) != 0) {
			c.setReadOnly(defaults.readOnly());
		}
		if ((toRestore & CATALOG) != 0) {
			c.setCatalog(defaults.catalog());
		}
		if ((toRestore & SCHEMA) != 0) {
			c.setSchema(defaults.schema());
		}
		if ((toRestore & NETWORK_TIMEOUT) != 0) {
			c.setNetworkTimeout(DIRECT, defaults.networkTimeout());
		}
		if ((toRestore & AUTO_COMMIT) != 0) {
			c.setAutoCommit(defaults.autoCommit());
		}
		this.changed = 0;
	}

}
