-- Community events (rencontres) and who came; training programmes and their cohorts, with
-- each person's stages. The Rust step after this file installs the sync triggers on the new
-- tables (after the seeded series, which every laptop has identically and which travel only
-- once someone edits them).

CREATE TABLE event_series (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,           -- text::fold(name)
    created_at TEXT NOT NULL
) STRICT;

INSERT INTO event_series (id, name, name_key, created_at) VALUES
('01900000-0000-7000-8000-0000000000e1', '#GagnerEnsemble', 'gagnerensemble', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
('01900000-0000-7000-8000-0000000000e2', '#OpenSource', 'opensource', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
('01900000-0000-7000-8000-0000000000e3', 'Leadership Bootcamp', 'leadership bootcamp', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
('01900000-0000-7000-8000-0000000000e4', 'Soirée de la communauté', 'soiree de la communaute', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
('01900000-0000-7000-8000-0000000000e5', 'Co-développement', 'co developpement', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
('01900000-0000-7000-8000-0000000000e6', 'Atelier', 'atelier', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

CREATE TABLE event (
    id            TEXT PRIMARY KEY NOT NULL,
    title         TEXT NOT NULL,
    series_id     TEXT REFERENCES event_series (id) ON DELETE SET NULL,
    starts_at     TEXT NOT NULL,                -- RFC 3339 UTC
    ends_at       TEXT,
    place         TEXT NOT NULL DEFAULT '',
    description   TEXT NOT NULL DEFAULT '',     -- Markdown
    notes         TEXT NOT NULL DEFAULT '',     -- Markdown
    unnamed_count INTEGER NOT NULL DEFAULT 0,   -- came, names not taken
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX event_by_start ON event (starts_at);
CREATE INDEX event_by_series ON event (series_id, starts_at);

-- Speakers and guests of honour.
CREATE TABLE event_person (
    event_id  TEXT NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    role      TEXT NOT NULL,                    -- speaker, guest
    PRIMARY KEY (event_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_person_by_person ON event_person (person_id);

CREATE TABLE event_organization (
    event_id        TEXT NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, organization_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_organization_by_organization ON event_organization (organization_id);

CREATE TABLE attendance (
    event_id   TEXT NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    person_id  TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    status     TEXT NOT NULL,                   -- invited, registered, present, absent, excused
    updated_at TEXT NOT NULL,
    PRIMARY KEY (event_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX attendance_by_person ON attendance (person_id);

CREATE TABLE programme (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE cohort (
    id           TEXT PRIMARY KEY NOT NULL,
    programme_id TEXT NOT NULL REFERENCES programme (id),
    name         TEXT NOT NULL,
    starts_on    TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX cohort_by_programme ON cohort (programme_id);

-- Each stage a person reached in a cohort, and when; their stage now is the latest.
CREATE TABLE cohort_step (
    cohort_id TEXT NOT NULL REFERENCES cohort (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    stage     TEXT NOT NULL,                    -- interested, applicant, accepted, certified, rejected, dropped
    on_date   TEXT NOT NULL,                    -- YYYY-MM-DD
    PRIMARY KEY (cohort_id, person_id, stage)
) STRICT, WITHOUT ROWID;
CREATE INDEX cohort_step_by_person ON cohort_step (person_id);
