//! Events, their series and attendance; programmes, cohorts and each person's stages.

use chrono::{NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use super::persons::parse_stored_date;
use super::{Store, format_time, not_found, parse_time, parse_uuid, require};
use crate::error::{Entity, Error, Problem, Result};
use crate::event::{
    AttendanceCounts, AttendanceEntry, Cohort, CohortDraft, CohortMember, CohortSummary, Event,
    EventDraft, EventQuery, EventSeries, EventSummary, OrganizationEvent, PersonEvent,
    ProgrammeRef, SeriesRef, StageCount, StageStep,
};
use crate::organization::PersonRef;
use crate::person::{MAX_NAME_CHARS, check_len};
use crate::session::OrgRef;
use crate::text::{fold, tidy};
use crate::vocab::{Attendance, CohortStage, EventRole};

const PERSON_NAME: &str = "trim(p.first_name || ' ' || p.last_name)";

impl Store {
    // --- Series --------------------------------------------------------------------------------

    /// The series, by name, with how many events each has.
    pub fn list_series(&self) -> Result<Vec<EventSeries>> {
        self.db.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT s.id, s.name, (SELECT count(*) FROM event WHERE series_id = s.id)
                 FROM event_series s ORDER BY s.name_key",
            )?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<Vec<(String, String, u32)>>>()?;
            rows.into_iter()
                .map(|(id, name, events)| {
                    Ok(EventSeries {
                        id: parse_uuid(&id)?,
                        name,
                        events,
                    })
                })
                .collect()
        })
    }

    /// A new series; its name must differ from the others' (accents and case aside).
    pub fn add_series(&self, name: &str) -> Result<EventSeries> {
        let name = series_name(name)?;
        let id = Uuid::now_v7();
        self.db.write(|tx| {
            refuse_taken_series(tx, &name, None)?;
            tx.prepare_cached(
                "INSERT INTO event_series (id, name, name_key, created_at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                id.to_string(),
                name,
                fold(&name),
                format_time(Utc::now())
            ])?;
            get_series(tx, id)
        })
    }

    pub fn rename_series(&self, id: Uuid, name: &str) -> Result<EventSeries> {
        let name = series_name(name)?;
        self.db.write(|tx| {
            refuse_taken_series(tx, &name, Some(id))?;
            let changed = tx
                .prepare_cached("UPDATE event_series SET name = ?2, name_key = ?3 WHERE id = ?1")?
                .execute(params![id.to_string(), name, fold(&name)])?;
            if changed == 0 {
                return Err(not_found(Entity::Series, id));
            }
            get_series(tx, id)
        })
    }

    /// The series called `name` (accents and case aside).
    pub fn find_series(&self, name: &str) -> Result<Option<EventSeries>> {
        self.db.read(|c| {
            let id: Option<String> = c
                .prepare_cached("SELECT id FROM event_series WHERE name_key = ?1")?
                .query_row([fold(&tidy(name))], |r| r.get(0))
                .optional()?;
            id.map(|id| get_series(c, parse_uuid(&id)?)).transpose()
        })
    }

    // --- Events --------------------------------------------------------------------------------

    pub fn create_event(&self, draft: EventDraft) -> Result<Event> {
        let draft = draft.validate()?;
        let id = Uuid::now_v7();
        self.db.write(|tx| {
            check_event_links(tx, &draft)?;
            let now = format_time(Utc::now());
            tx.prepare_cached(
                "INSERT INTO event (id, title, series_id, starts_at, ends_at, place, description,
                                    notes, unnamed_count, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            )?
            .execute(params![
                id.to_string(),
                draft.title,
                draft.series_id.map(|s| s.to_string()),
                format_time(draft.starts_at),
                draft.ends_at.map(format_time),
                draft.place,
                draft.description,
                draft.notes,
                draft.unnamed_count,
                now
            ])?;
            write_event_links(tx, id, &draft)?;
            get_event(tx, id)
        })
    }

    /// Changes what the draft says; the attendance list stays as it is.
    pub fn update_event(&self, id: Uuid, draft: EventDraft) -> Result<Event> {
        let draft = draft.validate()?;
        self.db.write(|tx| {
            check_event_links(tx, &draft)?;
            let changed = tx
                .prepare_cached(
                    "UPDATE event SET title = ?2, series_id = ?3, starts_at = ?4, ends_at = ?5,
                            place = ?6, description = ?7, notes = ?8, unnamed_count = ?9,
                            updated_at = ?10
                     WHERE id = ?1",
                )?
                .execute(params![
                    id.to_string(),
                    draft.title,
                    draft.series_id.map(|s| s.to_string()),
                    format_time(draft.starts_at),
                    draft.ends_at.map(format_time),
                    draft.place,
                    draft.description,
                    draft.notes,
                    draft.unnamed_count,
                    format_time(Utc::now())
                ])?;
            if changed == 0 {
                return Err(not_found(Entity::Event, id));
            }
            for table in ["event_person", "event_organization"] {
                tx.prepare_cached(&format!("DELETE FROM {table} WHERE event_id = ?1"))?
                    .execute([id.to_string()])?;
            }
            write_event_links(tx, id, &draft)?;
            get_event(tx, id)
        })
    }

    /// Deletes the event and its attendance list.
    pub fn delete_event(&self, id: Uuid) -> Result<()> {
        self.db.write(|tx| {
            super::trash::keep(tx, super::trash::TrashKind::Event, id)?;
            let n = tx
                .prepare_cached("DELETE FROM event WHERE id = ?1")?
                .execute([id.to_string()])?;
            if n == 0 {
                return Err(not_found(Entity::Event, id));
            }
            Ok(())
        })
    }

    pub fn get_event(&self, id: Uuid) -> Result<Event> {
        self.db.read(|c| get_event(c, id))
    }

    /// Events starting in [from, to), of a series; newest first.
    pub fn list_events(&self, query: &EventQuery) -> Result<Vec<EventSummary>> {
        self.db.read(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "{SUMMARY_COLUMNS} FROM event e WHERE (?1 IS NULL OR e.starts_at >= ?1) AND (?2 IS NULL OR e.starts_at < ?2)
                   AND (?3 IS NULL OR e.series_id = ?3)
                 ORDER BY e.starts_at DESC, e.id"
            ))?;
            let rows = stmt
                .query_map(
                    params![
                        query.from.map(format_time),
                        query.to.map(format_time),
                        query.series_id.map(|s| s.to_string())
                    ],
                    summary_row,
                )?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows.into_iter().map(summary).collect()
        })
    }

    /// Puts a person on an event's list with this answer, or takes them off it (`None`).
    pub fn set_attendance(
        &self,
        event: Uuid,
        person: Uuid,
        status: Option<Attendance>,
    ) -> Result<Event> {
        self.set_attendances(event, &[(person, status)])
    }

    /// Several answers at once, in one transaction (a list typed at the door, a generator).
    pub fn set_attendances(
        &self,
        event: Uuid,
        answers: &[(Uuid, Option<Attendance>)],
    ) -> Result<Event> {
        self.db.write(|tx| {
            require(tx, Entity::Event, event)?;
            let now = format_time(Utc::now());
            for (person, status) in answers {
                require(tx, Entity::Person, *person)?;
                match status {
                    Some(status) => {
                        tx.prepare_cached(
                            "INSERT INTO attendance (event_id, person_id, status, updated_at)
                             VALUES (?1, ?2, ?3, ?4)
                             ON CONFLICT (event_id, person_id)
                             DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at
                             WHERE status <> excluded.status",
                        )?
                        .execute(params![
                            event.to_string(),
                            person.to_string(),
                            status.code(),
                            now
                        ])?;
                    }
                    None => {
                        tx.prepare_cached(
                            "DELETE FROM attendance WHERE event_id = ?1 AND person_id = ?2",
                        )?
                        .execute(params![event.to_string(), person.to_string()])?;
                    }
                }
            }
            get_event(tx, event)
        })
    }

    /// The events a person answered, spoke at or was a guest of; newest first.
    pub fn person_events(&self, person: Uuid) -> Result<Vec<PersonEvent>> {
        self.db.read(|c| {
            require(c, Entity::Person, person)?;
            let mut stmt = c.prepare_cached(&format!(
                "{SUMMARY_COLUMNS}, x.status, x.role FROM event e
                 JOIN (SELECT event_id, max(status) AS status, max(role) AS role FROM (
                         SELECT event_id, status, NULL AS role FROM attendance WHERE person_id = ?1
                         UNION ALL
                         SELECT event_id, NULL, role FROM event_person WHERE person_id = ?1)
                       GROUP BY event_id) x ON x.event_id = e.id
                 ORDER BY e.starts_at DESC, e.id"
            ))?;
            let rows = stmt
                .query_map([person.to_string()], |r| {
                    Ok((
                        summary_row(r)?,
                        r.get::<_, Option<String>>(SUMMARY_WIDTH)?,
                        r.get::<_, Option<String>>(SUMMARY_WIDTH + 1)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows.into_iter()
                .map(|(row, status, role)| {
                    Ok(PersonEvent {
                        event: summary(row)?,
                        status: status.as_deref().map(Attendance::from_code).transpose()?,
                        role: role.as_deref().map(EventRole::from_code).transpose()?,
                    })
                })
                .collect()
        })
    }

    /// The events an organisation was named on or its members came to; newest first.
    pub fn organization_events(&self, organization: Uuid) -> Result<Vec<OrganizationEvent>> {
        self.db.read(|c| {
            require(c, Entity::Organization, organization)?;
            let mut stmt = c.prepare_cached(&format!(
                "{SUMMARY_COLUMNS},
                    EXISTS (SELECT 1 FROM event_organization
                            WHERE event_id = e.id AND organization_id = ?1),
                    (SELECT count(DISTINCT a.person_id) FROM attendance a
                     JOIN membership m ON m.person_id = a.person_id AND m.organization_id = ?1
                     WHERE a.event_id = e.id AND a.status = 'present')
                 FROM event e
                 WHERE e.id IN (SELECT event_id FROM event_organization WHERE organization_id = ?1)
                    OR e.id IN (SELECT a.event_id FROM attendance a
                                JOIN membership m ON m.person_id = a.person_id
                                WHERE m.organization_id = ?1 AND a.status = 'present')
                 ORDER BY e.starts_at DESC, e.id"
            ))?;
            let rows = stmt
                .query_map([organization.to_string()], |r| {
                    Ok((
                        summary_row(r)?,
                        r.get::<_, bool>(SUMMARY_WIDTH)?,
                        r.get::<_, u32>(SUMMARY_WIDTH + 1)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows.into_iter()
                .map(|(row, involved, members_present)| {
                    Ok(OrganizationEvent {
                        event: summary(row)?,
                        involved,
                        members_present,
                    })
                })
                .collect()
        })
    }

    // --- Cohorts -------------------------------------------------------------------------------

    /// A new cohort; its programme is found by name (accents and case aside) or created.
    pub fn create_cohort(&self, draft: CohortDraft) -> Result<Cohort> {
        let draft = draft.validate()?;
        let id = Uuid::now_v7();
        self.db.write(|tx| {
            let now = format_time(Utc::now());
            let key = fold(&draft.programme);
            tx.prepare_cached(
                "INSERT INTO programme (id, name, name_key, created_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (name_key) DO NOTHING",
            )?
            .execute(params![
                Uuid::now_v7().to_string(),
                draft.programme,
                key,
                now
            ])?;
            let programme: String = tx
                .prepare_cached("SELECT id FROM programme WHERE name_key = ?1")?
                .query_row([&key], |r| r.get(0))?;
            tx.prepare_cached(
                "INSERT INTO cohort (id, programme_id, name, starts_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            )?
            .execute(params![
                id.to_string(),
                programme,
                draft.name,
                draft.starts_on.map(|d| d.to_string()),
                now
            ])?;
            get_cohort(tx, id)
        })
    }

    /// Every cohort, newest first.
    pub fn list_cohorts(&self) -> Result<Vec<CohortSummary>> {
        self.db.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT c.id, c.name, p.id, p.name, c.starts_on,
                        (SELECT count(DISTINCT person_id) FROM cohort_step WHERE cohort_id = c.id)
                 FROM cohort c JOIN programme p ON p.id = c.programme_id
                 ORDER BY coalesce(c.starts_on, substr(c.created_at, 1, 10)) DESC, c.name",
            )?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, u32>(5)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows.into_iter()
                .map(|(id, name, pid, pname, starts, members)| {
                    Ok(CohortSummary {
                        id: parse_uuid(&id)?,
                        name,
                        programme: ProgrammeRef {
                            id: parse_uuid(&pid)?,
                            name: pname,
                        },
                        starts_on: starts.as_deref().map(parse_stored_date).transpose()?,
                        members,
                    })
                })
                .collect()
        })
    }

    pub fn get_cohort(&self, id: Uuid) -> Result<Cohort> {
        self.db.read(|c| get_cohort(c, id))
    }

    /// Records that a person reached `stage` on `on` (adding them to the cohort if new). A stage
    /// recorded again moves to the new date; the stages after it in the way through, if any
    /// were recorded, are kept (a person can be certified, then drop out of a later part).
    pub fn set_cohort_stage(
        &self,
        cohort: Uuid,
        person: Uuid,
        stage: CohortStage,
        on: NaiveDate,
    ) -> Result<Cohort> {
        self.db.write(|tx| {
            require(tx, Entity::Cohort, cohort)?;
            require(tx, Entity::Person, person)?;
            tx.prepare_cached(
                "INSERT INTO cohort_step (cohort_id, person_id, stage, on_date) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (cohort_id, person_id, stage) DO UPDATE SET on_date = excluded.on_date",
            )?
            .execute(params![
                cohort.to_string(),
                person.to_string(),
                stage.code(),
                on.to_string()
            ])?;
            touch_cohort(tx, cohort)?;
            get_cohort(tx, cohort)
        })
    }

    /// Takes a person out of a cohort, with every stage they had in it.
    pub fn remove_cohort_member(&self, cohort: Uuid, person: Uuid) -> Result<Cohort> {
        self.db.write(|tx| {
            require(tx, Entity::Cohort, cohort)?;
            tx.prepare_cached("DELETE FROM cohort_step WHERE cohort_id = ?1 AND person_id = ?2")?
                .execute(params![cohort.to_string(), person.to_string()])?;
            touch_cohort(tx, cohort)?;
            get_cohort(tx, cohort)
        })
    }
}

fn series_name(name: &str) -> Result<String> {
    let name = tidy(name);
    if name.is_empty() {
        return Err(Error::invalid("name", Problem::Required));
    }
    check_len("name", &name, MAX_NAME_CHARS)?;
    Ok(name)
}

fn refuse_taken_series(tx: &Connection, name: &str, except: Option<Uuid>) -> Result<()> {
    let holder: Option<String> = tx
        .prepare_cached("SELECT id FROM event_series WHERE name_key = ?1")?
        .query_row([fold(name)], |r| r.get(0))
        .optional()?;
    match holder {
        Some(h) if Some(parse_uuid(&h)?) != except => Err(Error::Refused(format!(
            "a series named \"{name}\" already exists"
        ))),
        _ => Ok(()),
    }
}

fn get_series(conn: &Connection, id: Uuid) -> Result<EventSeries> {
    conn.prepare_cached(
        "SELECT name, (SELECT count(*) FROM event WHERE series_id = s.id) FROM event_series s
         WHERE id = ?1",
    )?
    .query_row([id.to_string()], |r| {
        Ok(EventSeries {
            id,
            name: r.get(0)?,
            events: r.get(1)?,
        })
    })
    .optional()?
    .ok_or_else(|| not_found(Entity::Series, id))
}

fn check_event_links(tx: &Connection, d: &EventDraft) -> Result<()> {
    if let Some(series) = d.series_id {
        require(tx, Entity::Series, series)?;
    }
    for person in d.speakers.iter().chain(&d.guests) {
        require(tx, Entity::Person, *person)?;
    }
    for org in &d.organizations {
        require(tx, Entity::Organization, *org)?;
    }
    Ok(())
}

fn write_event_links(tx: &Connection, id: Uuid, d: &EventDraft) -> Result<()> {
    let mut person = tx.prepare_cached(
        "INSERT INTO event_person (event_id, person_id, role) VALUES (?1, ?2, ?3)",
    )?;
    for (people, role) in [
        (&d.speakers, EventRole::Speaker),
        (&d.guests, EventRole::Guest),
    ] {
        for p in people {
            person.execute(params![id.to_string(), p.to_string(), role.code()])?;
        }
    }
    let mut org = tx.prepare_cached(
        "INSERT INTO event_organization (event_id, organization_id) VALUES (?1, ?2)",
    )?;
    for o in &d.organizations {
        org.execute(params![id.to_string(), o.to_string()])?;
    }
    Ok(())
}

/// The columns of an event summary, read by `summary_row`: the event, then how many names
/// its list holds for each answer, in `Attendance::ALL` order.
const SUMMARY_COLUMNS: &str = "SELECT e.id, e.title, e.series_id,
        (SELECT name FROM event_series WHERE id = e.series_id), e.starts_at, e.ends_at, e.place,
        e.unnamed_count,
        (SELECT count(*) FROM attendance WHERE event_id = e.id AND status = 'invited'),
        (SELECT count(*) FROM attendance WHERE event_id = e.id AND status = 'registered'),
        (SELECT count(*) FROM attendance WHERE event_id = e.id AND status = 'present'),
        (SELECT count(*) FROM attendance WHERE event_id = e.id AND status = 'absent'),
        (SELECT count(*) FROM attendance WHERE event_id = e.id AND status = 'excused')";
const SUMMARY_WIDTH: usize = 13;

type SummaryRow = (
    [String; 2],
    [Option<String>; 2],
    String,
    Option<String>,
    String,
    AttendanceCounts,
);

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SummaryRow> {
    let counts = AttendanceCounts {
        unnamed: r.get(7)?,
        invited: r.get(8)?,
        registered: r.get(9)?,
        present: r.get(10)?,
        absent: r.get(11)?,
        excused: r.get(12)?,
    };
    Ok((
        [r.get(0)?, r.get(1)?],
        [r.get(2)?, r.get(3)?],
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        counts,
    ))
}

fn summary(row: SummaryRow) -> Result<EventSummary> {
    let ([id, title], [series_id, series_name], starts, ends, place, counts) = row;
    Ok(EventSummary {
        id: parse_uuid(&id)?,
        title,
        series: series_ref(series_id, series_name)?,
        starts_at: parse_time(&starts)?,
        ends_at: ends.as_deref().map(parse_time).transpose()?,
        place,
        counts,
    })
}

fn series_ref(id: Option<String>, name: Option<String>) -> Result<Option<SeriesRef>> {
    match (id, name) {
        (Some(id), Some(name)) => Ok(Some(SeriesRef {
            id: parse_uuid(&id)?,
            name,
        })),
        _ => Ok(None),
    }
}

pub(crate) fn get_event(conn: &Connection, id: Uuid) -> Result<Event> {
    let key = id.to_string();
    let row = conn
        .prepare_cached(
            "SELECT e.title, e.series_id, (SELECT name FROM event_series WHERE id = e.series_id),
                    e.starts_at, e.ends_at, e.place, e.description, e.notes, e.unnamed_count,
                    e.created_at, e.updated_at
             FROM event e WHERE e.id = ?1",
        )?
        .query_row([&key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                [r.get::<_, String>(5)?, r.get(6)?, r.get(7)?],
                r.get::<_, u32>(8)?,
                [r.get::<_, String>(9)?, r.get(10)?],
            ))
        })
        .optional()?
        .ok_or_else(|| not_found(Entity::Event, id))?;
    let (title, series_id, series_name, starts, ends, [place, description, notes], unnamed, stamps) =
        row;
    let people = |role: EventRole| -> Result<Vec<PersonRef>> {
        person_refs(
            conn,
            &format!(
                "SELECT p.id, {PERSON_NAME} FROM event_person x JOIN person p ON p.id = x.person_id
                 WHERE x.event_id = ?1 AND x.role = '{}' ORDER BY p.sort_key",
                role.code()
            ),
            &key,
        )
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, {PERSON_NAME}, a.status, a.updated_at FROM attendance a
         JOIN person p ON p.id = a.person_id WHERE a.event_id = ?1 ORDER BY p.sort_key"
    ))?;
    let attendance = stmt
        .query_map([&key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .map(|(pid, name, status, at)| {
            Ok(AttendanceEntry {
                person: PersonRef {
                    id: parse_uuid(&pid)?,
                    name,
                },
                status: Attendance::from_code(&status)?,
                updated_at: parse_time(&at)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let organizations = super::id_name_pairs(
        conn,
        "SELECT o.id, o.name FROM event_organization x JOIN organization o ON o.id = x.organization_id
         WHERE x.event_id = ?1 ORDER BY o.sort_key",
        &key,
    )?
    .into_iter()
    .map(|(id, name)| OrgRef { id, name })
    .collect();
    Ok(Event {
        id,
        title,
        series: series_ref(series_id, series_name)?,
        starts_at: parse_time(&starts)?,
        ends_at: ends.as_deref().map(parse_time).transpose()?,
        place,
        speakers: people(EventRole::Speaker)?,
        guests: people(EventRole::Guest)?,
        organizations,
        description,
        notes,
        unnamed_count: unnamed,
        counts: counts_of(&attendance, unnamed),
        attendance,
        created_at: parse_time(&stamps[0])?,
        updated_at: parse_time(&stamps[1])?,
    })
}

/// The counts of a list already read.
fn counts_of(attendance: &[AttendanceEntry], unnamed: u32) -> AttendanceCounts {
    let mut counts = AttendanceCounts {
        unnamed,
        ..AttendanceCounts::default()
    };
    for entry in attendance {
        counts.add(entry.status, 1);
    }
    counts
}

fn person_refs(conn: &Connection, sql: &str, param: &str) -> Result<Vec<PersonRef>> {
    Ok(super::id_name_pairs(conn, sql, param)?
        .into_iter()
        .map(|(id, name)| PersonRef { id, name })
        .collect())
}

fn touch_cohort(tx: &Connection, cohort: Uuid) -> Result<()> {
    tx.prepare_cached("UPDATE cohort SET updated_at = ?2 WHERE id = ?1")?
        .execute(params![cohort.to_string(), format_time(Utc::now())])?;
    Ok(())
}

pub(crate) fn get_cohort(conn: &Connection, id: Uuid) -> Result<Cohort> {
    let key = id.to_string();
    let (name, pid, pname, starts): (String, String, String, Option<String>) = conn
        .prepare_cached(
            "SELECT c.name, p.id, p.name, c.starts_on FROM cohort c
             JOIN programme p ON p.id = c.programme_id WHERE c.id = ?1",
        )?
        .query_row([&key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?
        .ok_or_else(|| not_found(Entity::Cohort, id))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, {PERSON_NAME}, s.stage, s.on_date FROM cohort_step s
         JOIN person p ON p.id = s.person_id WHERE s.cohort_id = ?1
         ORDER BY p.sort_key, p.id, s.on_date"
    ))?;
    let rows = stmt
        .query_map([&key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut members: Vec<CohortMember> = Vec::new();
    for (pid, pname, stage, on) in rows {
        let person = PersonRef {
            id: parse_uuid(&pid)?,
            name: pname,
        };
        let step = StageStep {
            stage: CohortStage::from_code(&stage)?,
            on: parse_stored_date(&on)?,
        };
        match members.last_mut() {
            Some(m) if m.person.id == person.id => m.steps.push(step),
            _ => members.push(CohortMember {
                person,
                stage: step.stage,
                since: step.on,
                steps: vec![step],
            }),
        }
    }
    let mut counts: Vec<StageCount> = CohortStage::ALL
        .iter()
        .map(|&stage| StageCount {
            stage,
            now: 0,
            reached: 0,
        })
        .collect();
    for m in &mut members {
        // Oldest first; on the same day, the later stage of the way through.
        m.steps.sort_by_key(|s| (s.on, s.stage));
        let last = m
            .steps
            .last()
            .cloned()
            .ok_or_else(|| Error::Internal("a cohort member without a stage".into()))?;
        m.stage = last.stage;
        m.since = last.on;
        for c in counts.iter_mut() {
            if c.stage == m.stage {
                c.now += 1;
            }
            if m.steps.iter().any(|s| s.stage == c.stage) {
                c.reached += 1;
            }
        }
    }
    members.sort_by(|a, b| {
        a.stage
            .cmp(&b.stage)
            .then_with(|| fold(&a.person.name).cmp(&fold(&b.person.name)))
    });
    Ok(Cohort {
        id,
        name,
        programme: ProgrammeRef {
            id: parse_uuid(&pid)?,
            name: pname,
        },
        starts_on: starts.as_deref().map(parse_stored_date).transpose()?,
        members,
        counts,
    })
}

/// Counts at a given date: who had reached each stage by `by`.
pub(crate) fn stages_reached_by(
    conn: &Connection,
    cohort: Uuid,
    by: NaiveDate,
) -> Result<Vec<(CohortStage, Vec<PersonRef>)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.stage, p.id, {PERSON_NAME} FROM cohort_step s JOIN person p ON p.id = s.person_id
         WHERE s.cohort_id = ?1 AND s.on_date <= ?2 ORDER BY p.sort_key, p.id"
    ))?;
    let rows = stmt
        .query_map(params![cohort.to_string(), by.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out: Vec<(CohortStage, Vec<PersonRef>)> =
        CohortStage::ALL.iter().map(|&s| (s, Vec::new())).collect();
    for (stage, pid, name) in rows {
        let stage = CohortStage::from_code(&stage)?;
        if let Some((_, people)) = out.iter_mut().find(|(s, _)| *s == stage) {
            people.push(PersonRef {
                id: parse_uuid(&pid)?,
                name,
            });
        }
    }
    Ok(out)
}
