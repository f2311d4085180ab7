package io.poolkit.sample.orders;

import java.util.List;

/**
 * An order as placed.
 *
 * @param id the order's id
 * @param userId who ordered
 * @param lines what was ordered, at the prices of the moment
 * @param totalCents the sum of the lines
 */
public record Order(long id, long userId, List<Line> lines, long totalCents) {

	/**
	 * One line of a placed order.
	 *
	 * @param productId the product
	 * @param quantity how many
	 * @param unitPriceCents the product's price when ordered
	 */
	public record Line(long productId, int quantity, long unitPriceCents) {
	}

}
