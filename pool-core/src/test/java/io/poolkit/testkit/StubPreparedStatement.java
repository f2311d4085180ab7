package io.poolkit.testkit;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A prepared statement of a {@link StubConnection}: runs its SQL as {@link StubStatement}
 * does. Parameters are accepted and ignored for the common types, since every query
 * answers the same one row anyway.
 */
public final class StubPreparedStatement extends StubStatement implements UnsupportedPreparedStatement {

	private final String sql;

	StubPreparedStatement(StubConnection connection, String sql) {
		super(connection);
		this.sql = sql;
	}

	/**
	 * @return the SQL this statement was prepared with
	 */
	public String sql() {
		return sql;
	}

	@Override
	public ResultSet executeQuery() throws SQLException {
		return query(sql);
	}

	@Override
	public int executeUpdate() throws SQLException {
		return update(sql);
	}

	@Override
	public boolean execute() throws SQLException {
		return executeAny(sql);
	}

	// JDBC forbids the Statement methods taking SQL on a PreparedStatement; a pool
	// forwarding the wrong overload
	// should find out here rather than against a real driver.

	@Override
	public ResultSet executeQuery(String sql) throws SQLException {
		throw notOnPrepared();
	}

	@Override
	public int executeUpdate(String sql) throws SQLException {
		throw notOnPrepared();
	}

	@Override
	public boolean execute(String sql) throws SQLException {
		throw notOnPrepared();
	}

	private static SQLException notOnPrepared() {
		return new SQLException("a PreparedStatement runs the SQL it was prepared with", "42809");
	}

	@Override
	public void setNull(int parameterIndex, int sqlType) throws SQLException {
		checkOpen();
	}

	@Override
	public void setBoolean(int parameterIndex, boolean x) throws SQLException {
		checkOpen();
	}

	@Override
	public void setInt(int parameterIndex, int x) throws SQLException {
		checkOpen();
	}

	@Override
	public void setLong(int parameterIndex, long x) throws SQLException {
		checkOpen();
	}

	@Override
	public void setString(int parameterIndex, String x) throws SQLException {
		checkOpen();
	}

	@Override
	public void setObject(int parameterIndex, Object x) throws SQLException {
		checkOpen();
	}

	@Override
	public void clearParameters() throws SQLException {
		checkOpen();
	}

}
