package io.poolkit;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides whether an {@link SQLException} thrown by a borrowed connection means the
 * physical connection is gone (the server closed it, the network dropped it), so the pool
 * closes it on return instead of lending it again. A constraint violation or syntax error
 * must answer {@code false}: the connection is still good.
 * <p>
 * The factories here look at the exception, its
 * {@linkplain SQLException#getNextException() next exceptions} and its causes, because
 * drivers often wrap the telling SQLState one level down.
 */
@FunctionalInterface
public interface ConnectionErrorClassifier {

	/**
	 * Whether the exception means the physical connection can no longer be used.
	 * @param e what the driver threw
	 * @return {@code true} if the connection is broken
	 */
	boolean isConnectionBroken(SQLException e);

	/**
	 * The SQL standard only: SQLState class {@code 08} (connection exception).
	 * @return the classifier
	 */
	static ConnectionErrorClassifier standard() {
		return (e) -> anyInChain(e, (sql) -> isConnectionClass(sql.getSQLState()));
	}

	/**
	 * PostgreSQL: class {@code 08}, and {@code 57P01} admin shutdown (also
	 * {@code pg_terminate_backend}), {@code 57P02} crash shutdown, {@code 57P03} cannot
	 * connect now, {@code 57P05} idle session timeout.
	 * @return the classifier
	 */
	static ConnectionErrorClassifier postgresql() {
		Set<String> states = Set.of("57P01", "57P02", "57P03", "57P05");
		return (e) -> anyInChain(e, (sql) -> {
			String state = sql.getSQLState();
			// Set.of(...).contains(null) throws, and many driver exceptions carry no
			// SQLState.
			return state != null && (isConnectionClass(state) || states.contains(state));
		});
	}

	/**
	 * MariaDB and MySQL: class {@code 08}, {@code 70100} connection killed, and
	 * {@code HY000} (or no SQLState) with error code 1927 connection killed, 2013 lost
	 * connection, 2006 server gone away or 1053 server shutdown.
	 * @return the classifier
	 */
	static ConnectionErrorClassifier mariadb() {
		Set<Integer> codes = Set.of(1927, 2013, 2006, 1053);
		return (e) -> anyInChain(e, (sql) -> {
			String state = sql.getSQLState();
			return isConnectionClass(state) || "70100".equals(state)
					|| ((state == null || "HY000".equals(state)) && codes.contains(sql.getErrorCode()));
		});
	}

	/**
	 * The classifier that knows the driver of a URL, the one a pool uses when none is
	 * configured: {@link #postgresql()} for {@code jdbc:postgresql:}, {@link #mariadb()}
	 * for {@code jdbc:mariadb:} and {@code jdbc:mysql:}, else {@link #standard()}.
	 * @param url the JDBC URL, may be {@code null} (a pool on a {@code DataSource})
	 * @return the classifier
	 */
	static ConnectionErrorClassifier forUrl(String url) {
		if (url != null && url.startsWith("jdbc:postgresql:")) {
			return postgresql();
		}
		if (url != null && (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:"))) {
			return mariadb();
		}
		return standard();
	}

	private static boolean isConnectionClass(String sqlState) {
		return sqlState != null && sqlState.startsWith("08");
	}

	private static boolean anyInChain(SQLException e, Predicate<SQLException> test) {
		// Next-exception and cause chains can share links or even loop; visit each
		// throwable once.
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<Throwable> pending = new ArrayDeque<>();
		pending.add(e);
		while (!pending.isEmpty()) {
			Throwable t = pending.poll();
			if (!seen.add(t)) {
				continue;
			}
			if (t instanceof SQLException sql) {
				if (test.test(sql)) {
					return true;
				}
				if (sql.getNextException() != null) {
					pending.add(sql.getNextException());
				}
			}
			if (t.getCause() != null) {
				pending.add(t.getCause());
			}
		}
		return false;
	}

}
