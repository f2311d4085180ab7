package io.poolkit.sample.users;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No user has the id asked for: answered as 404 with a problem body.
 */
public class UserNotFoundException extends ErrorResponseException {

	public UserNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND, problem(id), null);
	}

	private static ProblemDetail problem(long id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No user has id " + id + ".");
		problem.setTitle("User not found");
		problem.setProperty("userId", id);
		return problem;
	}

}
