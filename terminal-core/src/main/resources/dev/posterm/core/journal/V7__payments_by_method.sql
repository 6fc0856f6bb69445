-- Payments method-neutral, for the rails to come (QR wallets, cash, refunds and voids):
--   type                 SALE, REFUND or VOID; every payment so far is a SALE
--   original_payment_id  the payment a REFUND or VOID undoes
-- and what only a card payment has moves to card_details, one row per card payment, so a cash or
-- QR payment is not a card row of NULLs. Existing card payments keep every detail (copied here
-- before the columns are dropped); card data stays as it was: the masked PAN only.

CREATE TABLE card_details (
    payment_id       TEXT PRIMARY KEY REFERENCES payments (payment_id),
    stan             INTEGER,
    transmitted_at   TEXT,               -- ISO 8583 field 7 (MMDDhhmmss, UTC) of the 0200
    local_time       TEXT,               -- fields 12/13 source: when the sale happened, local
    response_code    TEXT,               -- field 39, or the terminal's own (Y1, Y3, Z3) offline
    auth_code        TEXT,
    rrn              TEXT,
    masked_pan       TEXT,
    entry_mode       TEXT,
    aid              TEXT,
    app_label        TEXT
);
INSERT INTO card_details (payment_id, stan, transmitted_at, local_time, response_code, auth_code, rrn, masked_pan,
                          entry_mode, aid, app_label)
    SELECT payment_id, stan, transmitted_at, local_time, response_code, auth_code, rrn, masked_pan, entry_mode, aid,
           app_label FROM payments WHERE method = 'CARD';

ALTER TABLE payments DROP COLUMN stan;
ALTER TABLE payments DROP COLUMN transmitted_at;
ALTER TABLE payments DROP COLUMN local_time;
ALTER TABLE payments DROP COLUMN response_code;
ALTER TABLE payments DROP COLUMN auth_code;
ALTER TABLE payments DROP COLUMN rrn;
ALTER TABLE payments DROP COLUMN masked_pan;
ALTER TABLE payments DROP COLUMN entry_mode;
ALTER TABLE payments DROP COLUMN aid;
ALTER TABLE payments DROP COLUMN app_label;

ALTER TABLE payments ADD COLUMN type TEXT NOT NULL DEFAULT 'SALE';
ALTER TABLE payments ADD COLUMN original_payment_id TEXT REFERENCES payments (payment_id);
