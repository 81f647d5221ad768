-- The demo shop's catalogue and orders; the full contract arrives with the actions API.
CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL UNIQUE,
    phone       TEXT NOT NULL
);

CREATE TABLE orders (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    status        TEXT NOT NULL CHECK (status IN ('pending_payment', 'paid', 'shipped', 'delivered', 'cancelled')),
    total_cents   INTEGER NOT NULL CHECK (total_cents >= 0),
    currency      TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE INDEX orders_customer ON orders(customer_id);
