-- The case's tamper history: the terminal is tampered while its latest event is TAMPERED, and
-- refuses payments until a PROVISIONED event (posterm provision) follows it. Kept for good: the
-- record of when a terminal was opened and what that cost is the merchant's and the acquirer's.
--   kind         TAMPERED (the case switch opened, or found open at start), PROVISIONED (new keys)
--   detail       what happened, in words (never card data)
--   lost_count   TAMPERED: the offline sales whose card data died with the key (set aside as LOST)
--   lost_amount  their sum, minor units
CREATE TABLE tamper_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT    NOT NULL CHECK (kind IN ('TAMPERED', 'PROVISIONED')),
    at           TEXT    NOT NULL,
    detail       TEXT    NOT NULL,
    lost_count   INTEGER NOT NULL DEFAULT 0,
    lost_amount  INTEGER NOT NULL DEFAULT 0
);
