-- What each payment was asked for, as a fingerprint of the start request (method, tendered,
-- offline behaviour, QR code), so that a repeated Idempotency-Key can be told apart: the same
-- request again gets the same payment, another request under the same key is refused.
-- A table of its own: payments rows are rewritten whole (INSERT OR REPLACE) at every step.
-- Payments started before this version have no row here.

CREATE TABLE payment_requests (
    payment_id   TEXT PRIMARY KEY REFERENCES payments (payment_id),
    fingerprint  TEXT NOT NULL        -- hex SHA-256 of the canonical request
);
