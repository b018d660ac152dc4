-- Sync's own bookkeeping, local to this laptop (sync_*: never synced). Like migration 8 it
-- changes no synced table, so commits keep the sync schema of migration 7
-- (db::SYNC_SCHEMA_VERSION).

-- Every record that one of its versions ever made point at another: a reference column set to
-- the other's id, or a key holding it (a participant, an email). Derived from `sync_version`
-- (filled in by this migration's Rust step for the versions already here, then as versions are
-- recorded), so that a delete arriving finds the records made without seeing it that point at
-- the deleted record — even those deleted or pointed elsewhere since — without reading every
-- version (apply::References). Rows hold ids only, and go with an erasure.
CREATE TABLE sync_reference (
    parent TEXT NOT NULL,   -- the table pointed at
    id     TEXT NOT NULL,   -- the id of the record pointed at
    tbl    TEXT NOT NULL,   -- the record that points
    pk     TEXT NOT NULL,   -- its key (JSON array)
    col    TEXT NOT NULL,   -- the reference column
    PRIMARY KEY (parent, id, tbl, pk, col)
) STRICT, WITHOUT ROWID;
CREATE INDEX sync_reference_by_record ON sync_reference (tbl, pk);
