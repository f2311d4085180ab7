/**
 * Poolkit: a fast, fair JDBC connection pool.
 */
module io.poolkit {
	requires transitive java.sql;
	requires java.management;
	requires org.slf4j;
	// Optional drivers, used only when present (io.poolkit.internal.ServerSession).
	requires static org.postgresql.jdbc;
	requires static org.mariadb.jdbc;

	exports io.poolkit;
}
