package io.poolkit.sample.orders;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /orders}. Fields are boxed so that a missing one is told apart
 * from a zero.
 *
 * @param userId who orders
 * @param lines what they order, in order
 */
public record OrderRequest(Long userId, List<Line> lines) {

	static final int MAX_LINES = 100;

	static final int MAX_QUANTITY = 1000;

	/**
	 * One line of an order.
	 *
	 * @param productId the product
	 * @param quantity how many, at least 1
	 */
	public record Line(Long productId, Integer quantity) {
	}

	/**
	 * Everything wrong with the request, each naming its field, so a client can fix them
	 * all at once.
	 * @return the problems, empty when the request is well-formed
	 */
	List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (this.userId == null) {
			problems.add("userId is required");
		}
		if (this.lines == null || this.lines.isEmpty()) {
			problems.add("lines is required and must hold at least one line");
			return problems;
		}
		if (this.lines.size() > MAX_LINES) {
			problems.add("lines holds " + this.lines.size() + " lines; at most " + MAX_LINES + " are allowed");
		}
		for (int i = 0; i < this.lines.size(); i++) {
			Line line = this.lines.get(i);
			String field = "lines[" + i + "]";
			if (line == null) {
				problems.add(field + " must not be null");
				continue;
			}
			if (line.productId() == null) {
				problems.add(field + ".productId is required");
			}
			if (line.quantity() == null) {
				problems.add(field + ".quantity is required");
			}
			else if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
				problems.add(field + ".quantity must be between 1 and " + MAX_QUANTITY + ", was " + line.quantity());
			}
		}
		return problems;
	}

}
