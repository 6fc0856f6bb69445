-- Batches: every payment belongs to one. A batch is OPEN until the host answers its 0500 with 00
-- (or the back office forces it closed); then the next number opens. Numbers run 1..999999 and
-- start again at 1, so `id` is the key and `number` is what the host and the files see.
--   state          OPEN, CLOSED
--   close_stan     field 11 of the 0500, drawn once and kept by every repeat of that close
--   close_f7       field 7 of the 0500, stamped when it first leaves, kept by its repeats
--   close_totals   field 63 as sent with close_stan (a new count means a new STAN)
--   response_code  the 0510's field 39 of the last answer; host_totals its field 63
--   first_stan     the STAN counter when the batch opened: a STAN never comes round to it again in this batch
--   chain_head     the chainHead of the batch's settlement file, where the next file's chain starts
CREATE TABLE batches (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    number         INTEGER NOT NULL CHECK (number BETWEEN 1 AND 999999),
    state          TEXT    NOT NULL,
    opened_at      TEXT    NOT NULL,
    closed_at      TEXT,
    first_stan     INTEGER NOT NULL,
    close_stan     INTEGER,
    close_f7       TEXT,
    close_totals   TEXT,
    response_code  TEXT,
    host_totals    TEXT,
    forced         INTEGER NOT NULL DEFAULT 0,
    csv_name       TEXT,
    chain_head     TEXT
);
CREATE UNIQUE INDEX batches_one_open ON batches (state) WHERE state = 'OPEN';

INSERT INTO batches (number, state, opened_at, first_stan)
    SELECT (SELECT value FROM counters WHERE name = 'batch'), 'OPEN',
           COALESCE((SELECT MIN(created_at) FROM payments), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
           (SELECT value FROM counters WHERE name = 'stan');

-- Existing payments go to the open batch.
ALTER TABLE payments ADD COLUMN batch_number INTEGER;
UPDATE payments SET batch_number = (SELECT value FROM counters WHERE name = 'batch');
CREATE INDEX payments_by_batch ON payments (batch_number, created_at);
