-- Coaching work: engagements (accompagnements), their sessions (séances), the actions decided
-- there, and the templates a preparation starts from.

CREATE TABLE engagement (
    id          TEXT PRIMARY KEY NOT NULL,
    title       TEXT NOT NULL,
    goals       TEXT NOT NULL DEFAULT '',        -- Markdown
    starts_on   TEXT,                            -- YYYY-MM-DD
    ends_on     TEXT,
    cadence     TEXT NOT NULL DEFAULT '',
    funder_id   TEXT REFERENCES organization (id) ON DELETE SET NULL,
    status      TEXT NOT NULL,                   -- preparing, active, finished, suspended
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE engagement_kind (
    engagement_id TEXT NOT NULL REFERENCES engagement (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    PRIMARY KEY (engagement_id, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE engagement_organization (
    engagement_id   TEXT NOT NULL REFERENCES engagement (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    PRIMARY KEY (engagement_id, organization_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX engagement_organization_by_org ON engagement_organization (organization_id);

CREATE TABLE engagement_lead (
    engagement_id TEXT NOT NULL REFERENCES engagement (id) ON DELETE CASCADE,
    person_id     TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    PRIMARY KEY (engagement_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE session (
    id               TEXT PRIMARY KEY NOT NULL,
    title            TEXT NOT NULL,
    engagement_id    TEXT REFERENCES engagement (id) ON DELETE SET NULL,
    starts_at        TEXT NOT NULL,              -- UTC, RFC 3339
    duration_minutes INTEGER NOT NULL,
    place            TEXT NOT NULL DEFAULT '',
    format           TEXT NOT NULL,              -- bilateral, collective, individual, training
    preparation      TEXT NOT NULL DEFAULT '',   -- Markdown
    notes            TEXT NOT NULL DEFAULT '',   -- Markdown
    next_session_on  TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX session_by_start ON session (starts_at);
CREATE INDEX session_by_engagement ON session (engagement_id, starts_at);

CREATE TABLE session_organization (
    session_id      TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, organization_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX session_organization_by_org ON session_organization (organization_id);

-- role: participant or facilitator
CREATE TABLE session_person (
    session_id TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    person_id  TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    PRIMARY KEY (session_id, person_id, role)
) STRICT, WITHOUT ROWID;
CREATE INDEX session_person_by_person ON session_person (person_id);

CREATE TABLE session_decision (
    session_id TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (session_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE action (
    id          TEXT PRIMARY KEY NOT NULL,
    text        TEXT NOT NULL,
    owner_id    TEXT REFERENCES person (id) ON DELETE SET NULL,
    due_on      TEXT,
    status      TEXT NOT NULL,                   -- todo, done, dropped
    done_on     TEXT,
    session_id  TEXT REFERENCES session (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX action_open_by_due ON action (status, due_on);
CREATE INDEX action_by_owner ON action (owner_id);
CREATE INDEX action_by_session ON action (session_id);

-- Open actions of earlier sessions brought into a session's preparation.
CREATE TABLE session_carried_action (
    session_id TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    action_id  TEXT NOT NULL REFERENCES action (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, action_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX session_carried_action_by_action ON session_carried_action (action_id);

CREATE TABLE session_template (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
) STRICT;

INSERT INTO session_template (id, name, body, updated_at) VALUES
('01900000-0000-7000-8000-000000000001', 'Séance de coaching d''équipe',
'## Ordre du jour
1. Météo d''arrivée (un mot chacun·e)
2. Retour sur les actions de la dernière séance
3. Sujet du jour :
4. Prochaines étapes et répartition des actions

## Questions à poser
- Qu''est-ce qui a bougé depuis la dernière fois ?
- Où l''équipe se sent-elle bloquée ?
- Qui d''autre faudrait-il impliquer ?

## Points d''attention
- ', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
('01900000-0000-7000-8000-000000000002', 'Bilan trimestriel d''accompagnement',
'## Ordre du jour
1. Où en sont les objectifs de l''accompagnement ?
2. Ce qui a marché, ce qui a coincé ce trimestre
3. Évolution du leadership et de l''équipe
4. Objectifs et cadence pour le trimestre suivant

## Questions à poser
- Quelles victoires, même petites, célébrer ?
- Quelles relations se sont construites ou abîmées ?
- De quoi le collectif a-t-il besoin de notre part maintenant ?

## Indicateurs à revoir
- Nombre de membres actifs :
- Actions publiques menées :
', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
