package io.poolkit.sample.orders;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An order that cannot be placed. Thrown inside the order's transaction, it rolls back
 * whatever was written before it: the order row, earlier lines and the stock they took.
 */
public class OrderRejectedException extends ErrorResponseException {

	private OrderRejectedException(HttpStatus status, String title, String detail, List<String> errors) {
		super(status, problem(status, title, detail, errors), null);
	}

	/** The request itself is malformed: 400, with every problem listed. */
	static OrderRejectedException invalid(List<String> errors) {
		return new OrderRejectedException(HttpStatus.BAD_REQUEST, "Invalid order",
				"The order is invalid: " + String.join("; ", errors) + ".", errors);
	}

	/** The request refers to a user or product that does not exist: 422. */
	static OrderRejectedException unknown(String what) {
		return new OrderRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown " + what.split(" ")[0],
				what + " does not exist; nothing was saved.", null);
	}

	/** Not enough stock for a line: 409. */
	static OrderRejectedException outOfStock(int line, long productId, int asked, int left) {
		return new OrderRejectedException(HttpStatus.CONFLICT, "Not enough stock", "lines[" + line + "] asks for "
				+ asked + " of product " + productId + " but " + left + " are left; nothing was saved.", null);
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail, List<String> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		if (errors != null) {
			problem.setProperty("errors", errors);
		}
		return problem;
	}

}
