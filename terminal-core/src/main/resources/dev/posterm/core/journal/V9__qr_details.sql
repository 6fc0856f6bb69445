-- What a QR wallet payment adds to its payment (one row per QR payment), written before each call to
-- the wallet gateway so a restart knows what the gateway may have seen. The customer's payment code is
-- a bearer credential: only its masked form (prefix and last four) is kept.
CREATE TABLE qr_details (
    payment_id        TEXT PRIMARY KEY REFERENCES payments (payment_id),
    out_trade_no      TEXT NOT NULL UNIQUE,   -- ours, unique for the merchant forever; every call names it
    wallet            TEXT NOT NULL,          -- WECHAT, ALIPAY, UNIONPAY (from the code's prefix)
    masked_auth_code  TEXT NOT NULL,
    trade_no          TEXT,                   -- the gateway's, once an answer names it
    pay_sent_at       TEXT NOT NULL,          -- journaled before pay leaves: reverse never sooner than 15 s after
    pay_by            TEXT NOT NULL,          -- the order's deadline: a SUCCESS after it is reversed
    phase             TEXT NOT NULL,          -- PAYING, QUERYING, REVERSING, DONE
    reverse_why       TEXT,                   -- while REVERSING and after: TIMED_OUT, CANCELLED, ...
    reverse_attempts  INTEGER NOT NULL DEFAULT 0,
    next_at           TEXT,                   -- when the next query or reverse leaves
    err_code          TEXT                    -- the gateway's errCode of a refusal (NOTENOUGH, TRADE_OVERDUE...)
);
