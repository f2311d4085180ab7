package io.poolkit.testkit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A prepared statement of a {@link StubConnection}: runs its SQL as {@link StubStatement}
 * does. Parameters of the common types are accepted; on a plain database a query answers
 * the first one (a number as itself, a string as its length, a boolean as 1 or 0, null as
 * 0; 1 when none is set), so that a benchmark can check it read the row it asked for. On
 * a counting database every query answers 1 whatever the parameters. The
 * {@code PreparedStatement} methods not written here are generated
 * ({@link OtherwiseUnsupported}).
 */
@OtherwiseUnsupported(PreparedStatement.class)
public abstract class StubPreparedStatement extends StubStatement implements PreparedStatement {

	private final String sql;

	/** The first parameter as a number; see the class comment. */
	private long parameter = 1;

	StubPreparedStatement(StubConnection connection, String sql) {
		super(connection);
		this.sql = sql;
	}

	/**
	 * @return the SQL this statement was prepared with
	 */
	public String sql() {
		return this.sql;
	}

	@Override
	long answer() {
		return this.connection.database().counting() ? 1 : this.parameter;
	}

	@Override
	public ResultSet executeQuery() throws SQLException {
		return query(this.sql);
	}

	@Override
	public int executeUpdate() throws SQLException {
		return update(this.sql);
	}

	@Override
	public boolean execute() throws SQLException {
		return executeAny(this.sql);
	}

	// JDBC forbids the Statement methods taking SQL on a PreparedStatement; a pool
	// forwarding the wrong overload should find out here rather than against a real
	// driver.

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
		setParameter(parameterIndex, 0);
	}

	@Override
	public void setBoolean(int parameterIndex, boolean x) throws SQLException {
		setParameter(parameterIndex, x ? 1 : 0);
	}

	@Override
	public void setInt(int parameterIndex, int x) throws SQLException {
		setParameter(parameterIndex, x);
	}

	@Override
	public void setLong(int parameterIndex, long x) throws SQLException {
		setParameter(parameterIndex, x);
	}

	@Override
	public void setString(int parameterIndex, String x) throws SQLException {
		setParameter(parameterIndex, (x != null) ? x.length() : 0);
	}

	@Override
	public void setObject(int parameterIndex, Object x) throws SQLException {
		setParameter(parameterIndex, (x instanceof Number) ? ((Number) x).longValue() : 0);
	}

	private void setParameter(int index, long value) throws SQLException {
		checkOpen();
		if (index < 1) {
			throw new SQLException("parameter index out of range: " + index, "22023");
		}
		if (index == 1) {
			this.parameter = value;
		}
	}

	@Override
	public void clearParameters() throws SQLException {
		checkOpen();
		this.parameter = 1;
	}

}
