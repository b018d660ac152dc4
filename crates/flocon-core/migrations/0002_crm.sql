-- Flocon schema 2: the CRM core. Richer people, organisations and collectives, memberships,
-- nested teams, interactions (one-to-ones), and the full-text search index.

-- People: several sectors instead of one, circles, and the relationship fields.
CREATE TABLE person_sector (
    person_id TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    sector    TEXT NOT NULL,
    PRIMARY KEY (person_id, sector)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_sector_by_sector ON person_sector (sector);
INSERT INTO person_sector (person_id, sector) SELECT id, sector FROM person WHERE sector IS NOT NULL;
ALTER TABLE person DROP COLUMN sector;

CREATE TABLE person_circle (
    person_id TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    circle    TEXT NOT NULL,
    PRIMARY KEY (person_id, circle)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_circle_by_circle ON person_circle (circle);

ALTER TABLE person ADD COLUMN pronouns TEXT;
ALTER TABLE person ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';   -- JSON array of strings
ALTER TABLE person ADD COLUMN linkedin TEXT;
ALTER TABLE person ADD COLUMN instagram TEXT;
ALTER TABLE person ADD COLUMN website TEXT;
ALTER TABLE person ADD COLUMN city TEXT;
ALTER TABLE person ADD COLUMN city_key TEXT;                          -- folded city, for filters
ALTER TABLE person ADD COLUMN point_person_id TEXT REFERENCES person (id) ON DELETE SET NULL;
ALTER TABLE person ADD COLUMN introduced_by_id TEXT REFERENCES person (id) ON DELETE SET NULL;
ALTER TABLE person ADD COLUMN legal_basis TEXT;
ALTER TABLE person ADD COLUMN consent_date TEXT;                      -- YYYY-MM-DD
ALTER TABLE person ADD COLUMN consent_source TEXT;
CREATE INDEX person_by_city ON person (city_key, sort_key);
CREATE INDEX person_by_point_person ON person (point_person_id);
CREATE INDEX person_by_introducer ON person (introduced_by_id);

CREATE TABLE organization (
    id              TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    city            TEXT,
    city_key        TEXT,
    website         TEXT,
    description     TEXT NOT NULL DEFAULT '',
    status          TEXT,                 -- for collectives: prospect, supported, partner, alumni
    point_person_id TEXT REFERENCES person (id) ON DELETE SET NULL,
    sort_key        TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX organization_by_sort_key ON organization (sort_key, id);
CREATE INDEX organization_by_kind ON organization (kind, sort_key);

CREATE TABLE organization_tag (
    organization_id TEXT NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    tag_id          TEXT NOT NULL REFERENCES tag (id),
    PRIMARY KEY (organization_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX organization_tag_by_tag ON organization_tag (tag_id);

CREATE TABLE membership (
    id              TEXT PRIMARY KEY NOT NULL,
    person_id       TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    role            TEXT NOT NULL DEFAULT '',
    since           TEXT,                 -- YYYY-MM-DD
    until           TEXT,
    leadership      INTEGER NOT NULL DEFAULT 0 CHECK (leadership IN (0, 1)),
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX membership_by_person ON membership (person_id);
CREATE INDEX membership_by_organization ON membership (organization_id);

-- The snowflake: a collective's nested teams.
CREATE TABLE team (
    id              TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    parent_id       TEXT REFERENCES team (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX team_by_organization ON team (organization_id);
CREATE INDEX team_by_parent ON team (parent_id);

CREATE TABLE team_member (
    team_id   TEXT NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    role      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (team_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX team_member_by_person ON team_member (person_id);

CREATE TABLE interaction (
    id               TEXT PRIMARY KEY NOT NULL,
    date             TEXT NOT NULL,        -- YYYY-MM-DD
    kind             TEXT NOT NULL,        -- one_to_one, call, email, meeting, other
    team_member_id   TEXT REFERENCES person (id) ON DELETE SET NULL,
    notes            TEXT NOT NULL DEFAULT '',
    -- one-to-one relational meeting
    interests        TEXT NOT NULL DEFAULT '',
    story            TEXT NOT NULL DEFAULT '',
    resources        TEXT NOT NULL DEFAULT '',
    commitment_asked TEXT NOT NULL DEFAULT '',
    commitment_given TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX interaction_by_date ON interaction (date);

CREATE TABLE interaction_person (
    interaction_id TEXT NOT NULL REFERENCES interaction (id) ON DELETE CASCADE,
    person_id      TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    PRIMARY KEY (interaction_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX interaction_person_by_person ON interaction_person (person_id);

-- "Qui d'autre rencontrer": people suggested during a one-to-one (extends the referral chain).
CREATE TABLE interaction_suggestion (
    interaction_id TEXT NOT NULL REFERENCES interaction (id) ON DELETE CASCADE,
    person_id      TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    PRIMARY KEY (interaction_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX interaction_suggestion_by_person ON interaction_suggestion (person_id);

-- Full-text search over people, organisations and every note. Kept up to date by the store's
-- write path (search.rs), one row per record. Accents ignored, prefixes of 2+ characters fast.
-- `search_doc` gives each record its FTS rowid, so replacing a record's row is a rowid lookup:
-- FTS5 cannot index its UNINDEXED columns, and deleting by them would scan the whole index.
CREATE TABLE search_doc (
    doc_id    INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    record_id TEXT NOT NULL,
    UNIQUE (kind, record_id)
) STRICT;

CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED,
    record_id UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- Phones compared by their last nine digits ("+33 6 12 34 56 78" = "06 12 34 56 78"), to find
-- duplicates on import without scanning every number.
ALTER TABLE person_phone ADD COLUMN number_key TEXT NOT NULL DEFAULT '';
CREATE INDEX person_phone_by_key ON person_phone (number_key);

-- Merges of duplicate people, kept so that a merge can be undone: `snapshot` holds, as JSON,
-- the kept person's fields before the merge, the merged person whole, and every link that
-- was moved from one to the other.
CREATE TABLE person_merge (
    id        TEXT PRIMARY KEY NOT NULL,
    kept_id   TEXT NOT NULL,
    merged_id TEXT NOT NULL,
    snapshot  TEXT NOT NULL,
    merged_at TEXT NOT NULL,
    undone_at TEXT
) STRICT;
