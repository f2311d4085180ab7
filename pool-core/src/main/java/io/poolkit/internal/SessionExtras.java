package io.poolkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Connection settings few borrowers touch and {@link ConnectionDefaults} does not hold:
 * holdability, type map and client info (pgjdbc's ApplicationName, which the pool sets).
 * Each is saved from the driver just before a borrower may first change it and put back
 * on return, so a borrow that never touches them costs nothing. Threads sharing the
 * borrow may save at once: the first save of each, under a lock, comes before any of
 * their changes (a lock rather than {@code synchronized}, which would pin a virtual
 * thread in a driver call on JDK 21).
 */
final class SessionExtras {

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

	void restore(Connection connection) throws SQLException {
		if (this.holdability != null) {
			connection.setHoldability(this.holdability);
		}
		if (this.typeMapSaved) {
			connection.setTypeMap(this.typeMap);
		}
		if (this.clientInfo != null) {
			// Replaces the whole set, which also clears properties the borrower added.
			connection.setClientInfo(this.clientInfo);
		}
	}

}
