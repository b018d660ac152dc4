-- Sync's own bookkeeping, local to this laptop (sync_*: never synced; db::SYNC_SCHEMA_VERSION
-- stays). The version history repeated, on every version of every field, the record's table
-- and key (a JSON array of UUIDs), the device's UUID and a clock time holding that UUID again:
-- about 200 of its 250 bytes per version, three times the records' own size on real data. A
-- record and a device now stand for a small integer given once, here:
-- - `sync_peer`: every device whose versions are here;
-- - `sync_key`: every record sync knows (its versions, the state last left, what points at
--   it), with its existence state (`alive`, NULL when sync has none: it was only pointed at);
-- and a version's clock time is its wall-clock milliseconds and counter (its device is the
-- version's own: commits from another laptop are read with it, `engine::receive`).
-- `sync_record` becomes `sync_key.alive`.

CREATE TABLE sync_peer (
    n  INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE              -- the device's UUID
) STRICT;
INSERT INTO sync_peer (id) SELECT DISTINCT device FROM sync_version ORDER BY device;

CREATE TABLE sync_key (
    id    INTEGER PRIMARY KEY,
    tbl   TEXT NOT NULL,
    pk    TEXT NOT NULL,                 -- JSON array of the primary key's values
    alive INTEGER,                       -- apply::materialize's state; NULL: none yet
    UNIQUE (tbl, pk)
) STRICT;
INSERT INTO sync_key (tbl, pk, alive) SELECT tbl, pk, alive FROM sync_record ORDER BY tbl, pk;
INSERT OR IGNORE INTO sync_key (tbl, pk)
    SELECT tbl, pk FROM sync_version UNION SELECT tbl, pk FROM sync_field
    UNION SELECT tbl, pk FROM sync_reference UNION SELECT parent, json_array(id) FROM sync_reference
    ORDER BY 1, 2;

CREATE TABLE sync_version_compact (
    device  INTEGER NOT NULL,            -- sync_peer.n
    seq     INTEGER NOT NULL,
    idx     INTEGER NOT NULL,            -- position in its commit
    rec     INTEGER NOT NULL,            -- sync_key.id
    col     TEXT NOT NULL,               -- '' for the record's existence
    value   TEXT NOT NULL,               -- JSON
    base    TEXT,                        -- JSON of the text it replaced (texts merged three-way)
    millis  INTEGER NOT NULL,            -- its hybrid clock time: wall-clock milliseconds,
    counter INTEGER NOT NULL,            -- then the counter (the device is the version's)
    head    INTEGER NOT NULL             -- 1 while no later version of the field has seen it
) STRICT;
INSERT INTO sync_version_compact
        (device, seq, idx, rec, col, value, base, millis, counter, head)
    SELECT p.n, v.seq, v.idx, k.id, v.col, v.value, v.base,
           CAST(substr(v.hlc, 1, instr(v.hlc, ':') - 1) AS INTEGER),
           CAST(substr(substr(v.hlc, instr(v.hlc, ':') + 1), 1,
                       instr(substr(v.hlc, instr(v.hlc, ':') + 1), ':') - 1) AS INTEGER),
           v.head
    FROM sync_version v
    JOIN sync_peer p ON p.id = v.device
    JOIN sync_key k ON k.tbl = v.tbl AND k.pk = v.pk
    ORDER BY k.id, v.col;
DROP TABLE sync_version;
ALTER TABLE sync_version_compact RENAME TO sync_version;
CREATE UNIQUE INDEX sync_version_by_id ON sync_version (device, seq, idx);
CREATE INDEX sync_version_by_field ON sync_version (rec, col, head);

-- The fields as sync last left them: most are the value of the field's only version still
-- current, already in sync_version; those are NULL here (versions::set_field).
CREATE TABLE sync_field_compact (
    rec   INTEGER NOT NULL,              -- sync_key.id
    col   TEXT NOT NULL,
    value TEXT,                          -- JSON; NULL: the value of the field's only head
    PRIMARY KEY (rec, col)
) STRICT;
INSERT INTO sync_field_compact (rec, col, value)
    SELECT k.id, f.col,
           CASE WHEN (SELECT count(*) FROM sync_version v
                      WHERE v.rec = k.id AND v.col = f.col AND v.head = 1) = 1
                 AND (SELECT v.value FROM sync_version v
                      WHERE v.rec = k.id AND v.col = f.col AND v.head = 1) = f.value
                THEN NULL ELSE f.value END
    FROM sync_field f JOIN sync_key k ON k.tbl = f.tbl AND k.pk = f.pk
    ORDER BY k.id, f.col;
DROP TABLE sync_field;
ALTER TABLE sync_field_compact RENAME TO sync_field;

CREATE TABLE sync_reference_compact (
    parent INTEGER NOT NULL,             -- sync_key.id of the record pointed at
    rec    INTEGER NOT NULL,             -- sync_key.id of the record that points
    col    TEXT NOT NULL,                -- the reference column
    PRIMARY KEY (parent, rec, col)
) STRICT, WITHOUT ROWID;
INSERT INTO sync_reference_compact (parent, rec, col)
    SELECT p.id, k.id, r.col FROM sync_reference r
    JOIN sync_key p ON p.tbl = r.parent AND p.pk = json_array(r.id)
    JOIN sync_key k ON k.tbl = r.tbl AND k.pk = r.pk;
DROP TABLE sync_reference;
ALTER TABLE sync_reference_compact RENAME TO sync_reference;
CREATE INDEX sync_reference_by_record ON sync_reference (rec);

DROP TABLE sync_record;

-- The history's size as last counted (sync/status.rs) is counted again at the next sync.
DELETE FROM sync_meta WHERE key = 'history_bytes';
