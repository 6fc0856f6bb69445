-- Signed configuration bundles (shared/specs/config-bundle.md): the version the terminal runs and
-- every attempt to change it.
--   config_running: one row. version is what BUNDLE_NOT_NEWER compares with (0 before the first
--   bundle). state APPLYING while a new configuration has not yet proved itself (devices and host
--   answering): a controller that starts and finds APPLYING rolls back to previous_version, whose
--   file is kept beside the config file (.previous).
--   config_attempts: the history, one row per event of an attempt:
--     outcome   REFUSED (code says why), APPLYING (file replaced, being taken), APPLIED (taken and
--               confirmed), ROLLED_BACK (code BUNDLE_ROLLED_BACK, reason says why)
--     source    API, STICK, CLI
CREATE TABLE config_running (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    version          INTEGER NOT NULL,
    state            TEXT    NOT NULL,
    applied_at       TEXT,
    source           TEXT,
    previous_version INTEGER NOT NULL
);
INSERT INTO config_running (id, version, state, previous_version) VALUES (1, 0, 'CONFIRMED', 0);

CREATE TABLE config_attempts (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT    NOT NULL,
    version   INTEGER,
    source    TEXT    NOT NULL,
    origin    TEXT    NOT NULL,
    outcome   TEXT    NOT NULL,
    code      TEXT,
    reason    TEXT    NOT NULL
);
