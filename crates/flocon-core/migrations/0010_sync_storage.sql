-- Sync's own bookkeeping, local to this laptop (never synced: db::SYNC_SCHEMA_VERSION stays).
-- The version history and the fields as sync last left them become ordinary (rowid) tables.
-- As WITHOUT ROWID tables, any value longer than about 2 KB (a session's notes, a contact's
-- notes) spilled into an overflow page of its own, mostly empty: a third of the history's size
-- on real data. A rowid table keeps rows up to a page whole.
CREATE TABLE sync_version_rowid (
    device TEXT NOT NULL,
    seq    INTEGER NOT NULL,
    idx    INTEGER NOT NULL,
    tbl    TEXT NOT NULL,
    pk     TEXT NOT NULL,
    col    TEXT NOT NULL,
    value  TEXT NOT NULL,
    base   TEXT,
    hlc    TEXT NOT NULL,
    head   INTEGER NOT NULL,
    PRIMARY KEY (device, seq, idx)
) STRICT;
INSERT INTO sync_version_rowid (device, seq, idx, tbl, pk, col, value, base, hlc, head)
    SELECT device, seq, idx, tbl, pk, col, value, base, hlc, head FROM sync_version
    ORDER BY tbl, pk, col;
DROP TABLE sync_version;
ALTER TABLE sync_version_rowid RENAME TO sync_version;
CREATE INDEX sync_version_by_field ON sync_version (tbl, pk, col, head);

CREATE TABLE sync_field_rowid (
    tbl   TEXT NOT NULL,
    pk    TEXT NOT NULL,
    col   TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (tbl, pk, col)
) STRICT;
INSERT INTO sync_field_rowid (tbl, pk, col, value)
    SELECT tbl, pk, col, value FROM sync_field ORDER BY tbl, pk, col;
DROP TABLE sync_field;
ALTER TABLE sync_field_rowid RENAME TO sync_field;
