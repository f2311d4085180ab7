package io.poolkit.sample.users;

import java.util.List;

import io.poolkit.sample.data.DataConfiguration.PerRequestJdbc;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Looks users up, over the pool or, for comparison, over a connection opened for the
 * request alone. The HTTP endpoint and the load demo both call this, so the demo measures
 * what a request costs minus HTTP.
 */
@Service
public class UserService {

	private final UserRepository pooled;

	private final UserRepository perRequest;

	UserService(JdbcClient jdbc, PerRequestJdbc perRequestJdbc) {
		this.pooled = new UserRepository(jdbc);
		this.perRequest = new UserRepository(perRequestJdbc.client());
	}

	/**
	 * The user with the given id.
	 * @param id the id
	 * @param pooled {@code true} to borrow from the pool, {@code false} to open (and
	 * close) a connection for this call
	 * @return the user
	 * @throws UserNotFoundException when there is none
	 */
	public User find(long id, boolean pooled) {
		UserRepository users = pooled ? this.pooled : this.perRequest;
		return users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
	}

	/** Up to {@code limit} user ids, lowest first: what the load demo picks from. */
	public List<Long> ids(int limit) {
		return this.pooled.ids(limit);
	}

}
