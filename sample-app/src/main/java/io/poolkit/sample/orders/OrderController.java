package io.poolkit.sample.orders;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders}: 201 with the order placed and its address in {@code Location}, or
 * a problem body saying why nothing was saved. {@code GET /orders/{id}}: the order as
 * placed, or 404 with a problem body.
 */
@RestController
class OrderController {

	private final OrderService orders;

	OrderController(OrderService orders) {
		this.orders = orders;
	}

	@PostMapping("/orders")
	ResponseEntity<Order> place(@RequestBody OrderRequest request) {
		Order order = this.orders.place(request);
		return ResponseEntity.created(URI.create("/orders/" + order.id())).body(order);
	}

	@GetMapping("/orders/{id}")
	Order order(@PathVariable long id) {
		return this.orders.find(id).orElseThrow(() -> new OrderNotFoundException(id));
	}

}
