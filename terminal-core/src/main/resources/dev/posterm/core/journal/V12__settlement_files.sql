-- The settlement files the journal knows: the only names GET /settlements/{name} serves.
-- Two rows per closed batch (its CSV and its manifest), written in the transaction that closes it.
--   size, sha256   filled the first time the file is listed (the file never changes after)
--   fetched_at     when the back office first downloaded the file whole
--   removed_at     when retention took it off the disk; removed_why RETENTION or DISK_SHORT
CREATE TABLE settlement_files (
    name        TEXT    PRIMARY KEY,
    batch_id    INTEGER NOT NULL REFERENCES batches(id),
    size        INTEGER,
    sha256      TEXT,
    fetched_at  TEXT,
    removed_at  TEXT,
    removed_why TEXT
);

-- The files of batches closed before this release: known, never fetched yet (the listing had no record).
INSERT INTO settlement_files (name, batch_id)
    SELECT csv_name, id FROM batches WHERE state = 'CLOSED' AND csv_name IS NOT NULL;
INSERT INTO settlement_files (name, batch_id)
    SELECT substr(csv_name, 1, length(csv_name) - 4) || '.json', id FROM batches
     WHERE state = 'CLOSED' AND csv_name IS NOT NULL;
