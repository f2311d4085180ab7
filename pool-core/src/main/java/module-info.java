/**
 * Poolkit: a fast, fair JDBC connection pool.
 */
module io.poolkit {
	requires transitive java.sql;
	requires java.management;
	requires org.slf4j;

	exports io.poolkit;
}
