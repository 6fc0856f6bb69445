-- The journal of a payment terminal: the truth from which receipts, reversals and totals derive.
-- Card data is never stored in clear: payments keep the masked PAN (last four) only.

CREATE TABLE orders (
    order_id     TEXT PRIMARY KEY,
    amount       INTEGER NOT NULL CHECK (amount > 0),
    currency     TEXT    NOT NULL,
    description  TEXT,
    state        TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    pay_by       TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

CREATE TABLE payments (
    payment_id       TEXT PRIMARY KEY,
    order_id         TEXT    NOT NULL REFERENCES orders (order_id),
    method           TEXT    NOT NULL,
    amount           INTEGER NOT NULL CHECK (amount > 0),
    currency         TEXT    NOT NULL,
    state            TEXT    NOT NULL,   -- the API state: PENDING, APPROVED, DECLINED, ...
    step             TEXT    NOT NULL,   -- where the flow stands, for recovery
    idempotency_key  TEXT,
    stan             INTEGER,
    transmitted_at   TEXT,               -- ISO 8583 field 7 (MMDDhhmmss, UTC) of the 0200
    local_time       TEXT,               -- fields 12/13 source: when the sale happened, local
    response_code    TEXT,
    error_code       TEXT,
    auth_code        TEXT,
    rrn              TEXT,
    masked_pan       TEXT,
    entry_mode       TEXT,
    aid              TEXT,
    app_label        TEXT,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    completed_at     TEXT,
    UNIQUE (order_id, idempotency_key)
);
CREATE INDEX payments_by_order ON payments (order_id);
CREATE INDEX payments_open ON payments (state) WHERE state = 'PENDING';

-- Append-only history of every step, so a person can read how a payment went.
CREATE TABLE payment_steps (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    payment_id  TEXT NOT NULL REFERENCES payments (payment_id),
    step        TEXT NOT NULL,
    at          TEXT NOT NULL,
    detail      TEXT
);

-- Reversals owed to the host, one per transaction (its STAN). Delivered before any new 0200.
CREATE TABLE reversals (
    stan             INTEGER PRIMARY KEY,
    payment_id       TEXT    NOT NULL REFERENCES payments (payment_id),
    reason           TEXT    NOT NULL,
    original_mti     TEXT    NOT NULL,
    original_f7      TEXT    NOT NULL,
    transmitted_at   TEXT,               -- field 7 of the 0400, stamped when first sent, kept by 0401
    attempts         INTEGER NOT NULL DEFAULT 0,
    state            TEXT    NOT NULL,   -- PENDING, DONE
    response_code    TEXT,
    created_at       TEXT    NOT NULL,
    done_at          TEXT
);

-- Slips owed to the printer. Content derives from the payment row when printed.
CREATE TABLE receipts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    payment_id   TEXT NOT NULL REFERENCES payments (payment_id),
    copy         TEXT NOT NULL,          -- MERCHANT, CUSTOMER, DECLINE, REPRINT
    state        TEXT NOT NULL,          -- PENDING, PRINTED
    created_at   TEXT NOT NULL,
    printed_at   TEXT,
    UNIQUE (payment_id, copy)
);

CREATE TABLE counters (
    name   TEXT PRIMARY KEY,
    value  INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('stan', 0), ('batch', 1);

CREATE TABLE alerts (
    code        TEXT PRIMARY KEY,
    detail      TEXT,
    raised_at   TEXT NOT NULL
);
