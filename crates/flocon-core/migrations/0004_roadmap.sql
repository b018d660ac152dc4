-- The quarterly roadmap: strategic axes, objectives by quarter, their owners, indicators and
-- links, the seminars where they are reviewed and the decision taken on each. Actions may now
-- come from an objective as well as from a session.

CREATE TABLE roadmap_axis (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,           -- text::fold(name): no two axes read the same
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

INSERT INTO roadmap_axis (id, name, name_key, position, created_at) VALUES
('01900000-0000-7000-8000-0000000000a1', 'Culture inclusive : empathie et courage',
 'culture inclusive empathie et courage', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
('01900000-0000-7000-8000-0000000000a2', 'Alignement vision, valeurs, mission, objectifs',
 'alignement vision valeurs mission objectifs', 2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
('01900000-0000-7000-8000-0000000000a3', 'Construction de pouvoir collectif',
 'construction de pouvoir collectif', 3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

CREATE TABLE objective (
    id              TEXT PRIMARY KEY NOT NULL,
    quarter         TEXT NOT NULL,              -- 2026-T4
    axis_id         TEXT NOT NULL REFERENCES roadmap_axis (id),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',   -- Markdown
    status          TEXT NOT NULL,              -- not_started, in_progress, achieved, late, dropped
    progress        REAL NOT NULL DEFAULT 0,
    target          REAL,
    carried_from_id TEXT REFERENCES objective (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX objective_by_quarter ON objective (quarter, axis_id);
CREATE UNIQUE INDEX objective_by_origin ON objective (carried_from_id);

CREATE TABLE objective_owner (
    objective_id TEXT NOT NULL REFERENCES objective (id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    PRIMARY KEY (objective_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX objective_owner_by_person ON objective_owner (person_id);

CREATE TABLE objective_indicator (
    objective_id TEXT NOT NULL REFERENCES objective (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    target       REAL,
    current      REAL,
    PRIMARY KEY (objective_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE objective_organization (
    objective_id    TEXT NOT NULL REFERENCES objective (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    PRIMARY KEY (objective_id, organization_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE objective_engagement (
    objective_id  TEXT NOT NULL REFERENCES objective (id) ON DELETE CASCADE,
    engagement_id TEXT NOT NULL REFERENCES engagement (id) ON DELETE CASCADE,
    PRIMARY KEY (objective_id, engagement_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE seminar (
    id          TEXT PRIMARY KEY NOT NULL,
    quarter     TEXT NOT NULL,
    title       TEXT NOT NULL,
    starts_on   TEXT,
    ends_on     TEXT,
    place       TEXT NOT NULL DEFAULT '',
    agenda      TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX seminar_by_quarter ON seminar (quarter);

CREATE TABLE seminar_person (
    seminar_id TEXT NOT NULL REFERENCES seminar (id) ON DELETE CASCADE,
    person_id  TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    PRIMARY KEY (seminar_id, person_id)
) STRICT, WITHOUT ROWID;

-- One decision per objective; `status_before` and `progress_before` let a decision be taken back.
CREATE TABLE objective_review (
    objective_id  TEXT PRIMARY KEY NOT NULL REFERENCES objective (id) ON DELETE CASCADE,
    decision      TEXT NOT NULL,               -- keep, adjust, carry, close, drop
    comment       TEXT NOT NULL DEFAULT '',
    new_target    REAL,
    seminar_id    TEXT REFERENCES seminar (id) ON DELETE SET NULL,
    status_before TEXT NOT NULL,
    progress_before REAL NOT NULL,
    reviewed_at   TEXT NOT NULL
) STRICT;

ALTER TABLE action ADD COLUMN objective_id TEXT REFERENCES objective (id) ON DELETE SET NULL;
CREATE INDEX action_by_objective ON action (objective_id);
