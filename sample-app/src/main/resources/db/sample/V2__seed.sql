-- Enough users that the load demo's random reads spread over the table rather than one hot row.
INSERT INTO sample.users (name, email)
SELECT 'User ' || n, 'user' || n || '@example.com'
FROM generate_series(1, 1000) AS n;

-- Stock is large so that repeated demo orders do not run out; 'Limited edition' is small, to try a rejected order.
INSERT INTO sample.products (sku, name, price_cents, stock) VALUES
	('TEA-GREEN', 'Green tea, 100 g', 650, 1000000),
	('TEA-BLACK', 'Black tea, 100 g', 550, 1000000),
	('MUG', 'Mug', 1200, 1000000),
	('POT', 'Teapot', 3900, 1000000),
	('LIMITED', 'Limited edition teapot', 25000, 3);
