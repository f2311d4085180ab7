package io.poolkit.sample.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Places orders: the order row, its lines and the stock they take, in one transaction on
 * one pooled connection.
 */
@Service
public class OrderService {

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	OrderService(JdbcClient jdbc, TransactionOperations transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * Places an order. Lines are written one by one, so a line that fails (an unknown
	 * product, too little stock) fails part-way through, and the rollback undoes the
	 * order row, the earlier lines and their stock.
	 * @param request the order
	 * @return the order as placed
	 * @throws OrderRejectedException when the request is invalid or cannot be fulfilled
	 */
	public Order place(OrderRequest request) {
		// Checked before the transaction begins, so bad input never borrows a connection.
		List<String> problems = request.problems();
		if (!problems.isEmpty()) {
			throw OrderRejectedException.invalid(problems);
		}
		return this.transactions.execute((status) -> insert(request));
	}

	/**
	 * Reads an order as it was placed: its row and its lines in one query, over one
	 * borrowed connection.
	 * @param id the order's id
	 * @return the order, or empty when no order has that id
	 */
	public Optional<Order> find(long id) {
		List<OrderRow> rows = this.jdbc
			.sql("SELECT o.id, o.user_id, o.total_cents, l.product_id, l.quantity, l.unit_price_cents "
					+ "FROM sample.orders o JOIN sample.order_lines l ON l.order_id = o.id WHERE o.id = ? "
					+ "ORDER BY l.line_no")
			.param(id)
			.query((row, number) -> new OrderRow(row.getLong("user_id"), row.getLong("total_cents"),
					new Order.Line(row.getLong("product_id"), row.getInt("quantity"), row.getLong("unit_price_cents"))))
			.list();
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		OrderRow first = rows.get(0);
		return Optional
			.of(new Order(id, first.userId(), rows.stream().map(OrderRow::line).toList(), first.totalCents()));
	}

	/** One line of an order with the order's own columns, as the join reads them. */
	private record OrderRow(long userId, long totalCents, Order.Line line) {
	}

	private Order insert(OrderRequest request) {
		long orderId = this.jdbc
			.sql("INSERT INTO sample.orders (user_id) SELECT id FROM sample.users WHERE id = ? RETURNING id")
			.param(request.userId())
			.query(Long.class)
			.optional()
			.orElseThrow(() -> OrderRejectedException.unknown("user " + request.userId()));
		List<Order.Line> lines = new ArrayList<>();
		long total = 0;
		for (int i = 0; i < request.lines().size(); i++) {
			OrderRequest.Line line = request.lines().get(i);
			long price = takeStock(i, line.productId(), line.quantity());
			this.jdbc
				.sql("INSERT INTO sample.order_lines (order_id, line_no, product_id, quantity, unit_price_cents) "
						+ "VALUES (?, ?, ?, ?, ?)")
				.params(orderId, i + 1, line.productId(), line.quantity(), price)
				.update();
			lines.add(new Order.Line(line.productId(), line.quantity(), price));
			total += price * line.quantity();
		}
		this.jdbc.sql("UPDATE sample.orders SET total_cents = ? WHERE id = ?").params(total, orderId).update();
		return new Order(orderId, request.userId(), lines, total);
	}

	// One guarded UPDATE takes the stock and reads the price, so two orders racing for
	// the last items cannot both
	// get them; only when it matches nothing do we look at why.
	private long takeStock(int line, long productId, int quantity) {
		Optional<Long> price = this.jdbc
			.sql("UPDATE sample.products SET stock = stock - ? WHERE id = ? AND stock >= ? RETURNING price_cents")
			.params(quantity, productId, quantity)
			.query(Long.class)
			.optional();
		if (price.isPresent()) {
			return price.get();
		}
		int left = this.jdbc.sql("SELECT stock FROM sample.products WHERE id = ?")
			.param(productId)
			.query(Integer.class)
			.optional()
			.orElseThrow(() -> OrderRejectedException.unknown("product " + productId));
		throw OrderRejectedException.outOfStock(line, productId, quantity, left);
	}

}
