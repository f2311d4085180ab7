package io.poolkit.sample.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads users through a {@link JdbcClient}; the same code runs on the pool and on
 * connection per request, so the two differ only in where the connection comes from.
 */
final class UserRepository {

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<User> findById(long id) {
		return this.jdbc.sql("SELECT id, name, email, created_at FROM sample.users WHERE id = ?")
			.param(id)
			.query(UserRepository::user)
			.optional();
	}

	List<Long> ids(int limit) {
		return this.jdbc.sql("SELECT id FROM sample.users ORDER BY id LIMIT ?").param(limit).query(Long.class).list();
	}

	private static User user(ResultSet row, int rowNumber) throws SQLException {
		return new User(row.getLong("id"), row.getString("name"), row.getString("email"),
				row.getObject("created_at", OffsetDateTime.class));
	}

}
