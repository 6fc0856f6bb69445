-- Room the journal proves it has before payments resume after a full disk: Journal.probe() inserts
-- a row of this table with a 64 KiB blob and deletes it in the same committed transaction. The
-- table stays empty; the pages it took stay in the file as free pages for the next payments.
CREATE TABLE journal_probe (
    id    INTEGER PRIMARY KEY,
    room  BLOB NOT NULL
);

-- A slip sent to the printer whose status after the cut did not say it printed (paper ran out,
-- cover opened, an error): part of it may be on paper. It stays owed and prints again marked so.
ALTER TABLE receipts ADD COLUMN interrupted_at TEXT;
