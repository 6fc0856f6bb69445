-- Reversals keyed by their original as field 90 names it (MTI + STAN + field 7), not by the STAN
-- alone: the STAN counter wraps at 999999 and echo tests take numbers from it too, so two
-- originals can share a STAN, and keying by it silently dropped the second reversal.
-- Existing rows are kept as they are (attempts and the 0400's field 7 included).

CREATE TABLE reversals_by_original (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    stan             INTEGER NOT NULL,   -- the original's STAN, also field 11 of the 0400
    payment_id       TEXT    NOT NULL REFERENCES payments (payment_id),
    reason           TEXT    NOT NULL,
    original_mti     TEXT    NOT NULL,
    original_f7      TEXT    NOT NULL,
    transmitted_at   TEXT,               -- field 7 of the 0400, stamped when first sent, kept by 0401
    attempts         INTEGER NOT NULL DEFAULT 0,
    state            TEXT    NOT NULL,   -- PENDING, DONE
    response_code    TEXT,               -- the host's last answer (final once DONE)
    created_at       TEXT    NOT NULL,
    done_at          TEXT,
    UNIQUE (original_mti, stan, original_f7)
);
INSERT INTO reversals_by_original (stan, payment_id, reason, original_mti, original_f7, transmitted_at, attempts,
                                   state, response_code, created_at, done_at)
    SELECT stan, payment_id, reason, original_mti, original_f7, transmitted_at, attempts, state, response_code,
           created_at, done_at FROM reversals ORDER BY created_at, stan;
DROP TABLE reversals;
ALTER TABLE reversals_by_original RENAME TO reversals;
CREATE INDEX reversals_open ON reversals (state, created_at);
