-- The sample's tables live in their own schema, so they never clash with other tables in a shared database.

CREATE TABLE sample.users (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name text NOT NULL,
	email text NOT NULL UNIQUE,
	created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sample.products (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	sku text NOT NULL UNIQUE,
	name text NOT NULL,
	price_cents bigint NOT NULL CHECK (price_cents >= 0),
	-- The CHECK is a last line of defence: the order service takes stock with a guarded UPDATE.
	stock integer NOT NULL CHECK (stock >= 0)
);

CREATE TABLE sample.orders (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	user_id bigint NOT NULL REFERENCES sample.users (id),
	total_cents bigint NOT NULL DEFAULT 0,
	created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX orders_user_id ON sample.orders (user_id);

CREATE TABLE sample.order_lines (
	order_id bigint NOT NULL REFERENCES sample.orders (id),
	line_no integer NOT NULL,
	product_id bigint NOT NULL REFERENCES sample.products (id),
	quantity integer NOT NULL CHECK (quantity > 0),
	unit_price_cents bigint NOT NULL,
	PRIMARY KEY (order_id, line_no)
);
