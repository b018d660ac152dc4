-- Flocon schema 1: people, their emails, phones and tags.
-- A released migration is never edited: change the schema with a new numbered file.

CREATE TABLE person (
    id           TEXT PRIMARY KEY NOT NULL,       -- UUID v7
    first_name   TEXT NOT NULL,
    last_name    TEXT NOT NULL,
    organization TEXT,
    sector       TEXT,
    notes        TEXT NOT NULL DEFAULT '',
    -- last name then first name, folded (accents, case): see person::sort_key.
    sort_key     TEXT NOT NULL,
    -- folded names, emails, organisation and tags, for the simple list filter.
    match_text   TEXT NOT NULL,
    created_at   TEXT NOT NULL,                   -- RFC 3339, UTC
    updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX person_by_sort_key ON person (sort_key, id);

CREATE TABLE person_email (
    person_id TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    label     TEXT NOT NULL DEFAULT '',
    address   TEXT NOT NULL,
    PRIMARY KEY (person_id, position)
) STRICT, WITHOUT ROWID;

CREATE INDEX person_email_by_address ON person_email (address COLLATE NOCASE);

CREATE TABLE person_phone (
    person_id TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    label     TEXT NOT NULL DEFAULT '',
    number    TEXT NOT NULL,
    PRIMARY KEY (person_id, position)
) STRICT, WITHOUT ROWID;

-- Tags are shared by every kind of record that can carry one.
CREATE TABLE tag (
    id   TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    key  TEXT NOT NULL UNIQUE                     -- folded name: "Éducation" = "education"
) STRICT;

CREATE TABLE person_tag (
    person_id TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    tag_id    TEXT NOT NULL REFERENCES tag (id),
    PRIMARY KEY (person_id, tag_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX person_tag_by_tag ON person_tag (tag_id);
