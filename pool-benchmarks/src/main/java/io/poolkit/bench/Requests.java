package io.poolkit.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * The one request every benchmark makes: borrow, prepare, execute, read one row, commit,
 * close everything.
 */
public final class Requests {

	/**
	 * The table the PostgreSQL runs create; the stub driver answers any query with its
	 * parameter.
	 */
	public static final String TABLE = "poolkit_bench";

	/** How many rows the table holds, ids 1 to this. */
	public static final int ROWS = 10_000;

	static final String QUERY = "SELECT id, payload FROM " + TABLE + " WHERE id = ?";

	private Requests() {
	}

	/**
	 * Runs one point select in a transaction of its own.
	 * @param dataSource where to borrow from
	 * @param id the row to read
	 * @return the id read back, so the caller can check it and JMH can consume it
	 * @throws SQLException what the pool or the driver threw, or when the row was not
	 * found
	 */
	public static long pointSelect(DataSource dataSource, int id) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(QUERY)) {
			statement.setInt(1, id);
			long read;
			try (ResultSet rows = statement.executeQuery()) {
				if (!rows.next()) {
					throw new SQLException("No row " + id + " in " + TABLE);
				}
				read = rows.getLong(1);
			}
			// Auto-commit is off in every pool: end the transaction the select began, as
			// an application would.
			connection.commit();
			return read;
		}
	}

}
