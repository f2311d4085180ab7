package io.poolkit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Connection settings few borrowers touch and {@link ConnectionDefaults} does not hold:
 * holdability, type map and client info (pgjdbc's ApplicationName, which the pool sets).
 * Each is saved from the driver just before a borrower may first change it and put back
 * on return, so a borrow that never touches them costs nothing. Threads sharing the
 * borrow may save at once: the first save of each, under a lock, comes before any of
 * their changes (a lock rather than {@code synchronized}, which would pin a virtual
 * thread in a driver call on JDK 21).
 * <p>
 * Also the statements of threads sharing the borrow (see {@link BorrowState#track}) and
 * the metadata result sets it lent (see {@link MetaDataResultSetProxy}), as rare: one
 * field of the borrow's proxy holds both, which keeps the proxy, allocated per borrow, at
 * its size.
 */
final class SessionExtras {

	private static final VarHandle SHARED_STATEMENTS;

	private static final VarHandle META_DATA_RESULT_SETS;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			SHARED_STATEMENTS = lookup.findVarHandle(SessionExtras.class, "sharedStatements", Set.class);
			META_DATA_RESULT_SETS = lookup.findVarHandle(SessionExtras.class, "metaDataResultSets", Set.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/**
	 * Statements created by threads other than the borrowing one, which may run at once
	 * with it and with each other; made at the first, by compare-and-set.
	 */
	private volatile Set<StatementProxy> sharedStatements;

	/**
	 * Result sets of {@link java.sql.DatabaseMetaData} not closed yet, of any thread;
	 * made at the first, by compare-and-set.
	 */
	private volatile Set<MetaDataResultSetProxy> metaDataResultSets;

	private final ReentrantLock saving = new ReentrantLock();

	/** Null until saved. */
	private Integer holdability;

	private boolean typeMapSaved;

	private Map<String, Class<?>> typeMap;

	/** Null until saved. */
	private Properties clientInfo;

	void saveHoldability(Connection connection) throws SQLException {
		this.saving.lock();
		try {
			if (this.holdability == null) {
				this.holdability = connection.getHoldability();
			}
		}
		finally {
			this.saving.unlock();
		}
	}

	void saveTypeMap(Connection connection) throws SQLException {
		this.saving.lock();
		try {
			if (!this.typeMapSaved) {
				Map<String, Class<?>> current = connection.getTypeMap();
				// A copy: the driver may hand out its own map, which the borrower can
				// then
				// change in place.
				this.typeMap = current == null ? null : new HashMap<>(current);
				this.typeMapSaved = true;
			}
		}
		finally {
			this.saving.unlock();
		}
	}

	void saveClientInfo(Connection connection) throws SQLException {
		this.saving.lock();
		try {
			if (this.clientInfo == null) {
				Properties saved = new Properties();
				Properties current = connection.getClientInfo();
				if (current != null) {
					saved.putAll(current);
				}
				this.clientInfo = saved;
			}
		}
		finally {
			this.saving.unlock();
		}
	}

	/**
	 * Puts back what differs from the saved values (reading them is a look at the
	 * driver's memory): a driver without a type map (MariaDB Connector/J refuses
	 * {@code setTypeMap}) then never sees that call.
	 */
	void restore(Connection connection) throws SQLException {
		if (this.holdability != null && connection.getHoldability() != this.holdability) {
			connection.setHoldability(this.holdability);
		}
		if (this.typeMapSaved && !Objects.equals(connection.getTypeMap(), this.typeMap)) {
			connection.setTypeMap(this.typeMap);
		}
		if (this.clientInfo != null && !this.clientInfo.equals(clientInfoOf(connection))) {
			restoreClientInfo(connection);
		}
	}

	private static Properties clientInfoOf(Connection connection) throws SQLException {
		Properties current = connection.getClientInfo();
		return (current != null) ? current : new Properties();
	}

	/**
	 * Puts the saved client info back. JDBC says {@code setClientInfo(Properties)}
	 * replaces the whole set, clearing the names it does not hold; MariaDB Connector/J
	 * only sets those it is given, and no JDBC call clears a name there ({@code null}
	 * values fail). So the set is read back, and if a name the borrower added is still
	 * there, or a value differs, the connection is not lent again.
	 * @throws SQLException (SQLState 55000, object not in prerequisite state) if the
	 * driver kept client info the borrower set; the return then discards the connection
	 */
	private void restoreClientInfo(Connection connection) throws SQLException {
		connection.setClientInfo(this.clientInfo);
		Properties now = clientInfoOf(connection);
		if (!this.clientInfo.equals(now)) {
			// Names only: a value may be anything the application chose.
			throw new SQLException("the driver kept client info the borrower set (" + now.stringPropertyNames()
					+ "); the connection will be replaced", "55000");
		}
	}

	/** The statements of threads other than the borrowing one, or {@code null}. */
	Set<StatementProxy> sharedStatementsOrNull() {
		return this.sharedStatements;
	}

	Set<StatementProxy> sharedStatements() {
		return setOnce(SHARED_STATEMENTS);
	}

	/** The metadata result sets the borrow has lent and the borrower not closed. */
	Set<MetaDataResultSetProxy> metaDataResultSets() {
		return setOnce(META_DATA_RESULT_SETS);
	}

	/**
	 * Closes the metadata result sets the borrower left open; called by the return, which
	 * no call of the borrow can reach any more.
	 */
	void closeMetaDataResultSets() throws SQLException {
		Set<MetaDataResultSetProxy> open = this.metaDataResultSets;
		if (open != null) {
			for (MetaDataResultSetProxy resultSet : open) {
				resultSet.delegate.close();
			}
			open.clear();
		}
	}

	/** The concurrent set in the field {@code handle} names, made at the first call. */
	@SuppressWarnings("unchecked")
	private <E> Set<E> setOnce(VarHandle handle) {
		Set<E> current = (Set<E>) handle.getVolatile(this);
		if (current == null) {
			Set<E> made = ConcurrentHashMap.newKeySet();
			current = (Set<E>) handle.compareAndExchange(this, null, made);
			if (current == null) {
				current = made;
			}
		}
		return current;
	}

}
