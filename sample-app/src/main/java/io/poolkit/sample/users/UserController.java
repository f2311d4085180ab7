package io.poolkit.sample.users;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /users/{id}}, over the pool, or with {@code ?pooled=false} over a connection
 * opened for the request.
 */
@RestController
class UserController {

	private final UserService users;

	UserController(UserService users) {
		this.users = users;
	}

	@GetMapping("/users/{id}")
	User user(@PathVariable long id, @RequestParam(defaultValue = "true") boolean pooled) {
		return this.users.find(id, pooled);
	}

}
