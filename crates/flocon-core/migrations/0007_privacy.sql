-- Privacy and safety: each person's legal basis for being in the file (GDPR Art. 6), and the
-- trash, where deleted records wait 30 days on this laptop before they are gone for good.

-- The legal basis needs no new column: migration 2 already made them. `person.legal_basis`
-- holds consent | legitimate_interest | contract | legal_obligation (NULL until someone records
-- it), `consent_date` the day it was recorded or consent given (YYYY-MM-DD; the API calls it
-- `legal_basis_on`) and `consent_source` where it comes from (`legal_basis_source`). They keep
-- their names so the versions already in the shared sync folder still land in them.
-- The filter of the people list by basis ("no basis recorded" included):
CREATE INDEX person_legal_basis ON person (legal_basis, sort_key);

-- Local to this laptop, never synced (see sync::capture::is_local): a delete travels as a
-- tombstone; putting a record back from the trash writes it again through the store, which
-- travels as an edit that brings it back everywhere.
CREATE TABLE trash_item (
    id          TEXT PRIMARY KEY NOT NULL,  -- UUID v7
    kind        TEXT NOT NULL,              -- person, organization, session, ...
    record_id   TEXT NOT NULL,
    label       TEXT NOT NULL,              -- the name or title the trash list shows
    deleted_at  TEXT NOT NULL,              -- RFC 3339, UTC
    rows        TEXT NOT NULL,              -- JSON: {"table": [row, ...]} of every row the delete removed
    -- JSON: [{table, key, column, value, parent, parent_column}] of the references the delete
    -- emptied (ON DELETE SET NULL: an action's owner, a session's engagement), put back too.
    links       TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE INDEX trash_item_deleted_at ON trash_item (deleted_at);
CREATE INDEX trash_item_record ON trash_item (record_id);

-- The GDPR erasure (Art. 17, see store::erasure and docs/sync-format.md). Synced: one row per
-- erased person, holding only their id, so that every laptop purges them too when it arrives.
CREATE TABLE erasure (
    id        TEXT PRIMARY KEY NOT NULL,    -- the erased person's id
    erased_at TEXT NOT NULL                 -- RFC 3339, UTC
) STRICT;

-- Local: every row an erasure removed (its table and primary key as a JSON array). A change
-- for one of them arriving later, from a laptop that had not seen the erasure yet, is dropped
-- instead of bringing the person back: the purge beats any concurrent edit.
CREATE TABLE sync_purged (
    tbl TEXT NOT NULL,
    pk  TEXT NOT NULL,
    PRIMARY KEY (tbl, pk)
) STRICT, WITHOUT ROWID;

-- Local (see sync::capture::is_local): the records whose texts named an erased person, for
-- someone to reread. Holds no name.
CREATE TABLE erasure_review (
    record_kind TEXT NOT NULL,              -- person, organization, interaction, session, ...
    record_id   TEXT NOT NULL,
    erased_at   TEXT NOT NULL,
    PRIMARY KEY (record_kind, record_id)
) STRICT;
