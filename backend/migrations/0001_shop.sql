-- The shop's schema. One dialect for SQLite and PostgreSQL alike: BIGINT ids chosen by the
-- application, BIGINT Unix seconds for instants, BIGINT 0/1 for flags, TEXT for the rest.
CREATE TABLE customers (
    id          BIGINT PRIMARY KEY,
    shopper_id  TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    phone       TEXT NOT NULL
);

CREATE TABLE orders (
    id                BIGINT PRIMARY KEY,
    number            TEXT NOT NULL UNIQUE,
    customer_id       BIGINT NOT NULL REFERENCES customers(id),
    status            TEXT NOT NULL CHECK (status IN ('pending_payment', 'paid', 'fulfilling', 'shipped', 'delivered', 'cancelled', 'returned')),
    currency          TEXT NOT NULL,
    shipping_cents    BIGINT NOT NULL CHECK (shipping_cents >= 0),
    discount_cents    BIGINT NOT NULL CHECK (discount_cents >= 0),
    email             TEXT NOT NULL,
    phone             TEXT NOT NULL,
    ship_recipient    TEXT NOT NULL,
    ship_phone        TEXT NOT NULL,
    ship_line1        TEXT NOT NULL,
    ship_line2        TEXT,
    ship_city         TEXT NOT NULL,
    ship_postcode     TEXT,
    ship_country      TEXT NOT NULL,
    placed_at         BIGINT NOT NULL,
    delivered_at      BIGINT,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX orders_customer ON orders(customer_id, placed_at);

CREATE TABLE order_items (
    id                 BIGINT PRIMARY KEY,
    order_id           BIGINT NOT NULL REFERENCES orders(id),
    sku                TEXT NOT NULL,
    name               TEXT NOT NULL,
    size               TEXT,
    available_sizes    TEXT NOT NULL,
    quantity           BIGINT NOT NULL CHECK (quantity >= 0),
    returned_quantity  BIGINT NOT NULL CHECK (returned_quantity >= 0),
    unit_cents         BIGINT NOT NULL CHECK (unit_cents >= 0),
    returnable         BIGINT NOT NULL
);
CREATE INDEX order_items_order ON order_items(order_id);

CREATE TABLE shipments (
    id                  BIGINT PRIMARY KEY,
    order_id            BIGINT NOT NULL REFERENCES orders(id),
    carrier             TEXT NOT NULL,
    tracking_number     TEXT NOT NULL,
    estimated_delivery  BIGINT
);
CREATE INDEX shipments_order ON shipments(order_id);

CREATE TABLE tracking_events (
    id           BIGINT PRIMARY KEY,
    shipment_id  BIGINT NOT NULL REFERENCES shipments(id),
    at           BIGINT NOT NULL,
    status       TEXT NOT NULL,
    location     TEXT,
    description  TEXT NOT NULL
);
CREATE INDEX tracking_events_shipment ON tracking_events(shipment_id, at);

CREATE TABLE payments (
    id          BIGINT PRIMARY KEY,
    reference   TEXT NOT NULL UNIQUE,
    order_id    BIGINT NOT NULL REFERENCES orders(id),
    method      TEXT NOT NULL,
    state       TEXT NOT NULL,
    cents       BIGINT NOT NULL,
    failure     TEXT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX payments_order ON payments(order_id);

CREATE TABLE returns (
    id          BIGINT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    order_id    BIGINT NOT NULL REFERENCES orders(id),
    kind        TEXT NOT NULL,
    status      TEXT NOT NULL,
    note        TEXT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX returns_order ON returns(order_id);

CREATE TABLE return_lines (
    return_id      BIGINT NOT NULL REFERENCES returns(id),
    item_id        BIGINT NOT NULL REFERENCES order_items(id),
    quantity       BIGINT NOT NULL,
    reason         TEXT NOT NULL,
    exchange_size  TEXT,
    PRIMARY KEY (return_id, item_id)
);

CREATE TABLE refunds (
    id            BIGINT PRIMARY KEY,
    reference     TEXT NOT NULL UNIQUE,
    order_id      BIGINT NOT NULL REFERENCES orders(id),
    cents         BIGINT NOT NULL,
    status        TEXT NOT NULL,
    reason        TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    completed_at  BIGINT
);
CREATE INDEX refunds_order ON refunds(order_id);

CREATE TABLE invoices (
    id            BIGINT PRIMARY KEY,
    reference     TEXT NOT NULL UNIQUE,
    order_id      BIGINT NOT NULL UNIQUE REFERENCES orders(id),
    kind          TEXT NOT NULL,
    title         TEXT NOT NULL,
    tax_id        TEXT,
    email         TEXT NOT NULL,
    status        TEXT NOT NULL,
    requested_at  BIGINT NOT NULL
);

CREATE TABLE tickets (
    id           BIGINT PRIMARY KEY,
    reference    TEXT NOT NULL UNIQUE,
    mode         TEXT NOT NULL,
    customer_id  BIGINT REFERENCES customers(id),
    order_id     BIGINT REFERENCES orders(id),
    intent       TEXT NOT NULL,
    sentiment    TEXT NOT NULL,
    locale       TEXT NOT NULL,
    contact      TEXT,
    transcript   TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);

-- A mutating call's key, claimed in the same transaction as its effect: a retry finds the
-- stored response instead of acting twice.
CREATE TABLE idempotency_keys (
    scope         TEXT NOT NULL,
    key           TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    status        BIGINT NOT NULL,
    response      TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (scope, key)
);
