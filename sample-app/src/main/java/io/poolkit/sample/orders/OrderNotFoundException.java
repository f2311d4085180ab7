package io.poolkit.sample.orders;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No order has the id asked for: answered as 404 with a problem body.
 */
public class OrderNotFoundException extends ErrorResponseException {

	public OrderNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND, problem(id), null);
	}

	private static ProblemDetail problem(long id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No order has id " + id + ".");
		problem.setTitle("Order not found");
		problem.setProperty("orderId", id);
		return problem;
	}

}
