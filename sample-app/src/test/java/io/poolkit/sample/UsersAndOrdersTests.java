package io.poolkit.sample;

import java.time.Duration;
import java.util.UUID;

import io.poolkit.sample.data.ConnectionWaits;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /users/{id}} and {@code POST /orders} over HTTP, with the database checked
 * directly afterwards: what a committed order wrote, and that a rejected one left nothing
 * behind. Each test works on a user and two products of its own, removed afterwards.
 */
class UsersAndOrdersTests extends RunningSample {

	private static final long TEA_PRICE = 650;

	private static final long TEAPOT_PRICE = 25_000;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ConnectionWaits connectionWaits;

	private long userId;

	private long teaId;

	private long teapotId;

	@BeforeEach
	void data() {
		String tag = UUID.randomUUID().toString();
		this.userId = this.jdbc.sql("INSERT INTO sample.users (name, email) VALUES (?, ?) RETURNING id")
			.params("Test user", tag + "@example.test")
			.query(Long.class)
			.single();
		this.teaId = product("TEST-TEA-" + tag, TEA_PRICE, 100);
		this.teapotId = product("TEST-TEAPOT-" + tag, TEAPOT_PRICE, 2);
	}

	@AfterEach
	void removeData() {
		this.jdbc
			.sql("DELETE FROM sample.order_lines WHERE order_id IN (SELECT id FROM sample.orders WHERE user_id = ?)")
			.param(this.userId)
			.update();
		this.jdbc.sql("DELETE FROM sample.orders WHERE user_id = ?").param(this.userId).update();
		this.jdbc.sql("DELETE FROM sample.products WHERE id IN (?, ?)").params(this.teaId, this.teapotId).update();
		this.jdbc.sql("DELETE FROM sample.users WHERE id = ?").param(this.userId).update();
	}

	@Test
	void userFoundOverThePool() {
		Http.Response response = this.http.get("/users/" + this.userId);
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		assertThat(response.json().path("id").asLong()).isEqualTo(this.userId);
		assertThat(response.json().path("name").asString()).isEqualTo("Test user");
		assertThat(response.json().path("email").asString()).endsWith("@example.test");
		assertThat(response.json().path("createdAt").asString()).isNotEmpty();
	}

	@Test
	void userFoundOverAConnectionOpenedAndClosedForTheRequest() {
		Histogram connects = this.connectionWaits.start();
		assertThat(connects).as("no load demo is running").isNotNull();
		try {
			for (int i = 0; i < 3; i++) {
				Http.Response response = this.http.get("/users/" + this.userId + "?pooled=false");
				assertThat(response.status()).as("%s", response).isEqualTo(200);
				assertThat(response.json().path("id").asLong()).isEqualTo(this.userId);
			}
			// Recorded by the per-request data source as it opens each physical
			// connection; the pool would have
			// recorded borrows instead, had it been used.
			assertThat(connects.getTotalCount()).isEqualTo(3);
		}
		finally {
			this.connectionWaits.stop(connects);
		}
		// And each was closed: no backend of the per-request path stays behind.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc
				.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'poolkit-sample-per-request'")
				.query(Long.class)
				.single() == 0);
	}

	@Test
	void unknownUserIsA404Problem() {
		long unknown = this.jdbc.sql("SELECT max(id) + 1000 FROM sample.users").query(Long.class).single();
		for (String query : new String[] { "", "?pooled=false" }) {
			Http.Response response = this.http.get("/users/" + unknown + query);
			assertThat(response.status()).as("%s", response).isEqualTo(404);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().path("title").asString()).isEqualTo("User not found");
			assertThat(response.json().path("detail").asString()).isEqualTo("No user has id " + unknown + ".");
			assertThat(response.json().path("status").asInt()).isEqualTo(404);
		}
	}

	@Test
	void nonNumericUserIdIsA400Problem() {
		Http.Response response = this.http.get("/users/abc");
		assertThat(response.status()).as("%s", response).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void orderIsCommittedWithItsLinesAndTheStockTheyTake() {
		Http.Response response = this.http.post("/orders",
				order(this.userId, line(this.teaId, 2), line(this.teapotId, 1)));
		assertThat(response.status()).as("%s", response).isEqualTo(201);
		JsonNode order = response.json();
		long orderId = order.path("id").asLong();
		assertThat(response.location()).isEqualTo("/orders/" + orderId);
		assertThat(order.path("userId").asLong()).isEqualTo(this.userId);
		assertThat(order.path("totalCents").asLong()).isEqualTo(2 * TEA_PRICE + TEAPOT_PRICE);
		assertThat(order.path("lines")).hasSize(2);
		assertThat(order.path("lines").path(1).path("unitPriceCents").asLong()).isEqualTo(TEAPOT_PRICE);

		assertThat(this.jdbc.sql("SELECT total_cents FROM sample.orders WHERE id = ? AND user_id = ?")
			.params(orderId, this.userId)
			.query(Long.class)
			.single()).isEqualTo(2 * TEA_PRICE + TEAPOT_PRICE);
		assertThat(this.jdbc.sql("SELECT count(*) FROM sample.order_lines WHERE order_id = ?")
			.param(orderId)
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(stock(this.teaId)).isEqualTo(98);
		assertThat(stock(this.teapotId)).isEqualTo(1);
	}

	@Test
	void placedOrderIsServedAtItsLocation() {
		Http.Response placed = this.http.post("/orders",
				order(this.userId, line(this.teaId, 2), line(this.teapotId, 1)));
		assertThat(placed.status()).as("%s", placed).isEqualTo(201);
		Http.Response response = this.http.get(placed.location());
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/json");
		assertThat(response.json()).isEqualTo(placed.json());
		assertThat(response.json().path("lines").path(0).path("productId").asLong()).isEqualTo(this.teaId);
		assertThat(response.json().path("lines").path(0).path("quantity").asInt()).isEqualTo(2);
		assertThat(response.json().path("totalCents").asLong()).isEqualTo(2 * TEA_PRICE + TEAPOT_PRICE);
	}

	@Test
	void unknownOrderIsA404Problem() {
		long unknown = this.jdbc.sql("SELECT coalesce(max(id), 0) + 1000 FROM sample.orders")
			.query(Long.class)
			.single();
		Http.Response response = this.http.get("/orders/" + unknown);
		assertThat(response.status()).as("%s", response).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().path("title").asString()).isEqualTo("Order not found");
		assertThat(response.json().path("detail").asString()).isEqualTo("No order has id " + unknown + ".");
		assertThat(response.json().path("orderId").asLong()).isEqualTo(unknown);
		assertThat(this.http.get("/orders/abc").status()).isEqualTo(400);
	}

	@Test
	void orderFailingOnItsSecondLineIsRolledBackEntirely() {
		// The first line takes 3 teas and is written before the second finds too few
		// teapots.
		Http.Response response = this.http.post("/orders",
				order(this.userId, line(this.teaId, 3), line(this.teapotId, 5)));
		assertThat(response.status()).as("%s", response).isEqualTo(409);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().path("detail").asString())
			.isEqualTo("lines[1] asks for 5 of product " + this.teapotId + " but 2 are left; nothing was saved.");
		assertNothingSaved();
	}

	@Test
	void orderWithAnUnknownProductIsRolledBack() {
		long unknown = this.jdbc.sql("SELECT max(id) + 1000 FROM sample.products").query(Long.class).single();
		Http.Response response = this.http.post("/orders", order(this.userId, line(this.teaId, 1), line(unknown, 1)));
		assertThat(response.status()).as("%s", response).isEqualTo(422);
		assertThat(response.json().path("detail").asString())
			.isEqualTo("product " + unknown + " does not exist; nothing was saved.");
		assertNothingSaved();
	}

	@Test
	void orderForAnUnknownUserIsRejected() {
		long unknown = this.jdbc.sql("SELECT max(id) + 1000 FROM sample.users").query(Long.class).single();
		Http.Response response = this.http.post("/orders", order(unknown, line(this.teaId, 1)));
		assertThat(response.status()).as("%s", response).isEqualTo(422);
		assertThat(response.json().path("detail").asString())
			.isEqualTo("user " + unknown + " does not exist; nothing was saved.");
		assertThat(stock(this.teaId)).isEqualTo(100);
	}

	@Test
	void badInputIsA400ListingEveryProblem() {
		Http.Response response = this.http.post("/orders",
				"{\"lines\": [{\"productId\": " + this.teaId + ", \"quantity\": -2}, {\"quantity\": 1}]}");
		assertThat(response.status()).as("%s", response).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().path("title").asString()).isEqualTo("Invalid order");
		assertThat(response.json().path("errors").valueStream().map(JsonNode::asString)).containsExactly(
				"userId is required", "lines[0].quantity must be between 1 and 1000, was -2",
				"lines[1].productId is required");
		assertThat(stock(this.teaId)).isEqualTo(100);
	}

	@Test
	void orderWithoutLinesIsA400() {
		Http.Response response = this.http.post("/orders", "{\"userId\": " + this.userId + "}");
		assertThat(response.status()).as("%s", response).isEqualTo(400);
		assertThat(response.json().path("errors").valueStream().map(JsonNode::asString))
			.containsExactly("lines is required and must hold at least one line");
		assertNothingSaved();
	}

	@Test
	void malformedJsonIsA400SayingSo() {
		Http.Response response = this.http.post("/orders", "{\"userId\": " + this.userId + ", \"lines\": [");
		assertThat(response.status()).as("%s", response).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().path("title").asString()).isEqualTo("Unreadable request body");
		assertThat(response.json().path("detail").asString())
			.startsWith("The request body could not be read as JSON of the expected shape: ");
	}

	private void assertNothingSaved() {
		assertThat(this.jdbc.sql("SELECT count(*) FROM sample.orders WHERE user_id = ?")
			.param(this.userId)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM sample.order_lines l JOIN sample.orders o ON o.id = l.order_id "
					+ "WHERE o.user_id = ?")
			.param(this.userId)
			.query(Long.class)
			.single()).isZero();
		assertThat(stock(this.teaId)).isEqualTo(100);
		assertThat(stock(this.teapotId)).isEqualTo(2);
	}

	private long product(String sku, long price, int stock) {
		return this.jdbc
			.sql("INSERT INTO sample.products (sku, name, price_cents, stock) VALUES (?, ?, ?, ?) RETURNING id")
			.params(sku, sku, price, stock)
			.query(Long.class)
			.single();
	}

	private int stock(long productId) {
		return this.jdbc.sql("SELECT stock FROM sample.products WHERE id = ?")
			.param(productId)
			.query(Integer.class)
			.single();
	}

	private static String order(long userId, String... lines) {
		return "{\"userId\": " + userId + ", \"lines\": [" + String.join(", ", lines) + "]}";
	}

	private static String line(long productId, int quantity) {
		return "{\"productId\": " + productId + ", \"quantity\": " + quantity + "}";
	}

}
