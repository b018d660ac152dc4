-- Records a sync could not write (a value of the wrong type, a missing required field, a
-- reference to a record no laptop has: a bug in some laptop's Flocon, or a hostile file):
-- held aside with the reason instead of failing every later sync, and tried again at each
-- sync. Local to this laptop (sync_*): every laptop computes the same from the same versions.
CREATE TABLE sync_held (
    tbl    TEXT NOT NULL,
    pk     TEXT NOT NULL,
    device TEXT NOT NULL,   -- the laptop that wrote the record's latest version
    reason TEXT NOT NULL,
    at     TEXT NOT NULL,   -- when it was first held here, RFC 3339 UTC
    PRIMARY KEY (tbl, pk)
) STRICT, WITHOUT ROWID;
