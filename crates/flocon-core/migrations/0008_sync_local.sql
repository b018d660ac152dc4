-- Sync's own bookkeeping, local to this laptop (sync_*: never synced). This migration changes
-- no synced table, so commits keep the sync schema of migration 7 (db::SYNC_SCHEMA_VERSION)
-- and laptops not yet updated go on applying this one's changes.

-- Records a sync could not write (a value of the wrong type, a missing required field, a
-- reference to a record no laptop has: a bug in some laptop's Flocon, or a hostile file):
-- held aside with the reason instead of failing every later sync, and tried again at each
-- sync. Every laptop computes the same from the same versions.
CREATE TABLE sync_held (
    tbl    TEXT NOT NULL,
    pk     TEXT NOT NULL,
    device TEXT NOT NULL,   -- the laptop that wrote the record's latest version
    reason TEXT NOT NULL,
    at     TEXT NOT NULL,   -- when it was first held here, RFC 3339 UTC
    PRIMARY KEY (tbl, pk)
) STRICT, WITHOUT ROWID;

-- The files of the folder verified so far, one row per file read or written: the fingerprint
-- of its bytes when verified (a file whose bytes changed is verified again before it counts),
-- and exactly which of its writer's own commits it holds (a file that re-sends lost commits
-- holds any of them, not a range).
CREATE TABLE sync_file_verified (
    device   TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    hash     TEXT NOT NULL,     -- BLAKE2b-256 of its bytes, hexadecimal
    commits  TEXT NOT NULL,     -- JSON [[first, last], ...]: its writer's commits in it
    PRIMARY KEY (device, sequence)
) STRICT, WITHOUT ROWID;
