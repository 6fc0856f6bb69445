-- Voids and refunds of a sale hold part of its amount before their 0200 (or gateway call, or drawer)
-- goes: returns_claimed is what the sale's refunds approved or in flight hold of it, or its whole
-- amount while a void is in flight or once one is approved. The one conditional UPDATE that raises
-- it (returns_claimed + asked <= amount) decides between two refunds that race for the same money;
-- a refund or void that ends without the money moving gives its claim back in the commit of its end.
-- payments rows are upserted column by column (PaymentTable.save), so saving a sale keeps this column.
ALTER TABLE payments ADD COLUMN returns_claimed INTEGER NOT NULL DEFAULT 0 CHECK (returns_claimed >= 0);
CREATE INDEX payments_by_original ON payments (original_payment_id) WHERE original_payment_id IS NOT NULL;

-- A QR void (the gateway's reverse of the sale's outTradeNo) or refund (the gateway's refund with an
-- outRefundNo of its own), journaled with its payment before the first call leaves, so that a call
-- without a final answer is made again, with the same outRefundNo, after any restart:
--   phase       CALLING until a final answer, then DONE
--   next_at     when the next call leaves (backoff after an answer that is not final)
--   refund_id   the gateway's, once it accepted a refund; err_code its refusal (TRADE_OVERDUE...)
CREATE TABLE qr_returns (
    payment_id     TEXT PRIMARY KEY REFERENCES payments (payment_id),
    out_trade_no   TEXT NOT NULL,
    out_refund_no  TEXT UNIQUE,
    phase          TEXT NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    next_at        TEXT NOT NULL,
    refund_id      TEXT,
    err_code       TEXT
);
CREATE INDEX qr_returns_open ON qr_returns (phase, next_at);
