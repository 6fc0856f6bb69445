-- Offline approvals waiting to be advised to the host (0220), and what became of them.
-- The card data an advice needs is sealed (AES-256-GCM, key outside the journal) and deleted
-- once the host has answered; secure_delete overwrites it on disk.

CREATE TABLE advices (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    stan             INTEGER NOT NULL,
    payment_id       TEXT    NOT NULL UNIQUE REFERENCES payments (payment_id),
    amount           INTEGER NOT NULL,
    local_time       TEXT    NOT NULL,   -- when the sale happened (fields 12/13)
    entry_mode       TEXT    NOT NULL,
    card_hash        TEXT    NOT NULL,   -- keyed hash, for per-card velocity
    masked_pan       TEXT    NOT NULL,
    sealed_card      BLOB,               -- NULL once the host has answered
    auth_code        TEXT    NOT NULL,   -- the terminal's own (Y1/Y3 + 4 digits)
    transmitted_at   TEXT,               -- field 7 of the first 0220, kept by every 0221
    attempts         INTEGER NOT NULL DEFAULT 0,
    state            TEXT    NOT NULL,   -- TENTATIVE (card's final answer not in), PENDING, SETTLED, DECLINED
    response_code    TEXT,
    created_at       TEXT    NOT NULL,
    answered_at      TEXT,
    next_attempt_at  TEXT
);
CREATE INDEX advices_open ON advices (state, created_at);

ALTER TABLE payments ADD COLUMN offline_reason TEXT;
