//! The SQL of the GDPR tools: a person's export (everything linked to them) and the retention
//! view. What goes into the export, table by table, is listed in `EXPORTED_LINKS`; a test
//! compares it with the schema's foreign keys to `person`, so a table added later cannot be
//! forgotten.
//!
//! What is shown of a record that other people share:
//! - a conversation (interaction) they took part in: whole, notes included; one they held for
//!   the association or were suggested in: date, kind and who, not the notes (those are about
//!   the people met);
//! - a coaching session: title, date, engagement and their role; the session notes only where
//!   they were a participant (a facilitator's notes are the association's working notes about
//!   the collective, not data about the facilitator);
//! - an event: title, date, place, their attendance and role, not the organisers' notes.
//!
//! Other people appear by name only; their contact details and notes never do.

use chrono::{Months, NaiveDate, Utc};
use rusqlite::{Connection, Row};
use uuid::Uuid;

use super::persons::{self, parse_stored_date};
use super::{Store, not_found, parse_time, parse_uuid};
use crate::error::{Entity, Error, Result};
use crate::gdpr::{
    ExportAction, ExportCohortStep, ExportEvent, ExportInteraction, ExportMembership, ExportMerge,
    ExportObjective, ExportSeminar, ExportSession, ExportTeam, InteractionRole, NamedRef,
    PersonExport, RetentionRow, check_retention_years,
};
use crate::person::{Person, PersonSummary};
use crate::vocab::{ActionStatus, Attendance, CohortStage, EventRole, InteractionKind};

/// Every (table, column) that points at a person, and so is read by the export. Keep in step
/// with `export`: the test `every_link_to_a_person_is_exported` reads the schema.
#[cfg(test)]
const EXPORTED_LINKS: &[(&str, &str)] = &[
    ("person", "point_person_id"),
    ("person", "introduced_by_id"),
    ("person_email", "person_id"),
    ("person_phone", "person_id"),
    ("person_tag", "person_id"),
    ("person_sector", "person_id"),
    ("person_circle", "person_id"),
    ("organization", "point_person_id"),
    ("membership", "person_id"),
    ("team_member", "person_id"),
    ("interaction", "team_member_id"),
    ("interaction_person", "person_id"),
    ("interaction_suggestion", "person_id"),
    ("engagement_lead", "person_id"),
    ("session_person", "person_id"),
    ("action", "owner_id"),
    ("objective_owner", "person_id"),
    ("seminar_person", "person_id"),
    ("event_person", "person_id"),
    ("attendance", "person_id"),
    ("cohort_step", "person_id"),
];

impl Store {
    /// Everything Flocon holds about the person (GDPR Art. 15 and 20).
    pub fn gdpr_export(&self, id: Uuid) -> Result<PersonExport> {
        self.db.read(|c| export(c, id))
    }

    /// The people whose last activity (or creation, when nothing ever happened with them) is
    /// more than `years` years before `today`, oldest first. `years` must be 1..=20.
    pub fn retention(&self, years: u32, today: NaiveDate) -> Result<Vec<RetentionRow>> {
        check_retention_years(years)?;
        let cutoff = today
            .checked_sub_months(Months::new(12 * years))
            .ok_or_else(|| Error::Internal("retention cutoff out of range".into()))?;
        self.db.read(|c| retention(c, cutoff))
    }
}

fn export(c: &Connection, id: Uuid) -> Result<PersonExport> {
    let person = persons::get(c, id)?.ok_or_else(|| not_found(Entity::Person, id))?;
    let key = id.to_string();
    let person_name = "trim(first_name || ' ' || last_name)";
    let named = |sql: &str| -> Result<Vec<NamedRef>> { rows(c, sql, &key, named_ref) };
    let one = |link: Option<Uuid>| -> Result<Option<NamedRef>> {
        let Some(link) = link else { return Ok(None) };
        Ok(rows(
            c,
            &format!("SELECT id, {person_name} FROM person WHERE id = ?1"),
            &link.to_string(),
            named_ref,
        )?
        .pop())
    };
    Ok(PersonExport {
        exported_at: Utc::now(),
        point_person: one(person.profile.point_person_id)?,
        introduced_by: one(person.profile.introduced_by_id)?,
        introduced: named(&format!(
            "SELECT id, {person_name} FROM person WHERE introduced_by_id = ?1 ORDER BY sort_key, id"
        ))?,
        point_person_for: named(&format!(
            "SELECT id, {person_name} FROM person WHERE point_person_id = ?1 ORDER BY sort_key, id"
        ))?,
        point_person_for_organizations: named(
            "SELECT id, name FROM organization WHERE point_person_id = ?1 ORDER BY sort_key, id",
        )?,
        memberships: rows(
            c,
            "SELECT o.id, o.name, m.role, m.since, m.until, m.leadership
             FROM membership m JOIN organization o ON o.id = m.organization_id
             WHERE m.person_id = ?1 ORDER BY o.sort_key, m.id",
            &key,
            |r| {
                Ok(ExportMembership {
                    organization: named_ref(r)?,
                    role: text(r, 2)?,
                    since: date(r, 3)?,
                    until: date(r, 4)?,
                    leadership: r.get::<_, i64>(5)? != 0,
                })
            },
        )?,
        teams: rows(
            c,
            "SELECT t.id, t.name, o.id, o.name, tm.role
             FROM team_member tm JOIN team t ON t.id = tm.team_id
             JOIN organization o ON o.id = t.organization_id
             WHERE tm.person_id = ?1 ORDER BY o.sort_key, t.name",
            &key,
            |r| {
                Ok(ExportTeam {
                    team: NamedRef {
                        id: uuid(r, 0)?,
                        name: text(r, 1)?,
                    },
                    organization: NamedRef {
                        id: uuid(r, 2)?,
                        name: text(r, 3)?,
                    },
                    role: text(r, 4)?,
                })
            },
        )?,
        interactions: interactions(c, &key)?,
        sessions: rows(
            c,
            "SELECT s.id, s.title, s.starts_at, e.title,
                    group_concat(sp.role, char(31)), s.notes
             FROM session_person sp JOIN session s ON s.id = sp.session_id
             LEFT JOIN engagement e ON e.id = s.engagement_id
             WHERE sp.person_id = ?1 GROUP BY s.id ORDER BY s.starts_at, s.id",
            &key,
            |r| {
                let mut roles = persons::split_packed(r.get(4)?);
                roles.sort();
                let participant = roles.iter().any(|role| role == "participant");
                Ok(ExportSession {
                    id: uuid(r, 0)?,
                    title: text(r, 1)?,
                    starts_at: time(r, 2)?,
                    engagement: r.get(3)?,
                    roles,
                    notes: if participant { Some(text(r, 5)?) } else { None },
                })
            },
        )?,
        engagements_led: named(
            "SELECT e.id, e.title FROM engagement_lead l JOIN engagement e ON e.id = l.engagement_id
             WHERE l.person_id = ?1 ORDER BY e.title, e.id",
        )?,
        actions: rows(
            c,
            "SELECT a.id, a.text, a.status, a.due_on, a.done_on, s.title
             FROM action a LEFT JOIN session s ON s.id = a.session_id
             WHERE a.owner_id = ?1 ORDER BY a.created_at, a.id",
            &key,
            |r| {
                Ok(ExportAction {
                    id: uuid(r, 0)?,
                    text: text(r, 1)?,
                    status: code(r, 2, ActionStatus::from_code)?,
                    due_on: date(r, 3)?,
                    done_on: date(r, 4)?,
                    session: r.get(5)?,
                })
            },
        )?,
        events: rows(
            c,
            "SELECT e.id, e.title, e.starts_at, e.place, a.status, ep.role
             FROM event e
             LEFT JOIN attendance a ON a.event_id = e.id AND a.person_id = ?1
             LEFT JOIN event_person ep ON ep.event_id = e.id AND ep.person_id = ?1
             WHERE a.person_id IS NOT NULL OR ep.person_id IS NOT NULL
             ORDER BY e.starts_at, e.id",
            &key,
            |r| {
                Ok(ExportEvent {
                    id: uuid(r, 0)?,
                    title: text(r, 1)?,
                    starts_at: time(r, 2)?,
                    place: text(r, 3)?,
                    attendance: optional_code(r, 4, Attendance::from_code)?,
                    role: optional_code(r, 5, EventRole::from_code)?,
                })
            },
        )?,
        cohort_steps: rows(
            c,
            "SELECT co.id, co.name, p.name, cs.stage, cs.on_date
             FROM cohort_step cs JOIN cohort co ON co.id = cs.cohort_id
             JOIN programme p ON p.id = co.programme_id
             WHERE cs.person_id = ?1 ORDER BY cs.on_date, co.name, cs.stage",
            &key,
            |r| {
                Ok(ExportCohortStep {
                    cohort: named_ref(r)?,
                    programme: text(r, 2)?,
                    stage: code(r, 3, CohortStage::from_code)?,
                    on_date: date(r, 4)?.unwrap_or_default(),
                })
            },
        )?,
        objectives: rows(
            c,
            "SELECT o.id, o.title, o.quarter FROM objective_owner ow
             JOIN objective o ON o.id = ow.objective_id
             WHERE ow.person_id = ?1 ORDER BY o.quarter, o.title",
            &key,
            |r| {
                Ok(ExportObjective {
                    id: uuid(r, 0)?,
                    title: text(r, 1)?,
                    quarter: text(r, 2)?,
                })
            },
        )?,
        seminars: rows(
            c,
            "SELECT s.id, s.title, s.quarter, s.starts_on FROM seminar_person sp
             JOIN seminar s ON s.id = sp.seminar_id
             WHERE sp.person_id = ?1 ORDER BY s.quarter, s.title",
            &key,
            |r| {
                Ok(ExportSeminar {
                    id: uuid(r, 0)?,
                    title: text(r, 1)?,
                    quarter: text(r, 2)?,
                    starts_on: date(r, 3)?,
                })
            },
        )?,
        merges: rows(
            c,
            "SELECT merged_at, CASE WHEN kept_id = ?1 THEN 'kept' ELSE 'merged' END,
                    CASE WHEN kept_id = ?1 THEN merged_id ELSE kept_id END, undone_at
             FROM person_merge WHERE kept_id = ?1 OR merged_id = ?1 ORDER BY merged_at",
            &key,
            |r| {
                Ok(ExportMerge {
                    merged_at: time(r, 0)?,
                    role: text(r, 1)?,
                    other_id: uuid(r, 2)?,
                    undone_at: r
                        .get::<_, Option<String>>(3)?
                        .map(|t| parse_time(&t))
                        .transpose()
                        .map_err(to_sql)?,
                })
            },
        )?,
        person,
    })
}

fn interactions(c: &Connection, key: &str) -> Result<Vec<ExportInteraction>> {
    let mut found = rows(
        c,
        "SELECT i.id, i.date, i.kind,
                CASE WHEN EXISTS (SELECT 1 FROM interaction_person x
                                  WHERE x.interaction_id = i.id AND x.person_id = ?1)
                     THEN 'participant'
                     WHEN i.team_member_id = ?1 THEN 'team_member'
                     ELSE 'suggested' END,
                (SELECT group_concat(trim(p.first_name || ' ' || p.last_name), char(31))
                 FROM interaction_person x JOIN person p ON p.id = x.person_id
                 WHERE x.interaction_id = i.id),
                (SELECT trim(p.first_name || ' ' || p.last_name) FROM person p
                 WHERE p.id = i.team_member_id),
                i.notes, i.interests, i.story, i.resources, i.commitment_asked,
                i.commitment_given
         FROM interaction i
         WHERE i.team_member_id = ?1
            OR i.id IN (SELECT interaction_id FROM interaction_person WHERE person_id = ?1)
            OR i.id IN (SELECT interaction_id FROM interaction_suggestion WHERE person_id = ?1)
         ORDER BY i.date, i.id",
        key,
        |r| {
            let role = match text(r, 3)?.as_str() {
                "participant" => InteractionRole::Participant,
                "team_member" => InteractionRole::TeamMember,
                _ => InteractionRole::Suggested,
            };
            let theirs = |i: usize| -> rusqlite::Result<Option<String>> {
                Ok((role == InteractionRole::Participant).then_some(text(r, i)?))
            };
            let mut with = persons::split_packed(r.get(4)?);
            with.sort();
            Ok(ExportInteraction {
                id: uuid(r, 0)?,
                date: date(r, 1)?.unwrap_or_default(),
                kind: code(r, 2, InteractionKind::from_code)?,
                role,
                with,
                team_member: r.get(5)?,
                notes: theirs(6)?,
                interests: theirs(7)?,
                story: theirs(8)?,
                resources: theirs(9)?,
                commitment_asked: theirs(10)?,
                commitment_given: theirs(11)?,
            })
        },
    )?;
    found.sort_by_key(|i| i.date);
    Ok(found)
}

fn retention(c: &Connection, cutoff: NaiveDate) -> Result<Vec<RetentionRow>> {
    // Each source of activity as (person, day); RFC 3339 instants are cut to their (UTC) day.
    let sql = "WITH activity (person_id, day) AS (
            SELECT x.person_id, i.date FROM interaction_person x
            JOIN interaction i ON i.id = x.interaction_id
          UNION ALL
            SELECT team_member_id, date FROM interaction WHERE team_member_id IS NOT NULL
          UNION ALL
            SELECT sp.person_id, substr(s.starts_at, 1, 10) FROM session_person sp
            JOIN session s ON s.id = sp.session_id
          UNION ALL
            SELECT a.person_id, substr(e.starts_at, 1, 10) FROM attendance a
            JOIN event e ON e.id = a.event_id
            WHERE a.status IN ('registered', 'present', 'excused')
          UNION ALL
            SELECT ep.person_id, substr(e.starts_at, 1, 10) FROM event_person ep
            JOIN event e ON e.id = ep.event_id
          UNION ALL
            SELECT owner_id, max(coalesce(done_on, ''), substr(updated_at, 1, 10)) FROM action
            WHERE owner_id IS NOT NULL
          UNION ALL
            SELECT person_id, on_date FROM cohort_step
          UNION ALL
            SELECT id, substr(updated_at, 1, 10) FROM person WHERE updated_at > created_at
        ),
        latest (person_id, day) AS (
            SELECT person_id, max(day) FROM activity GROUP BY person_id
        )
        SELECT p.id, l.day, substr(p.created_at, 1, 10)
        FROM person p LEFT JOIN latest l ON l.person_id = p.id
        WHERE coalesce(l.day, substr(p.created_at, 1, 10)) < ?1
        ORDER BY coalesce(l.day, substr(p.created_at, 1, 10)), p.sort_key, p.id";
    let found = rows(c, sql, &cutoff.to_string(), |r| {
        Ok((uuid(r, 0)?, date(r, 1)?, date(r, 2)?.unwrap_or_default()))
    })?;
    found
        .into_iter()
        .map(|(id, last_activity, created_on)| {
            let person = persons::get(c, id)?.ok_or_else(|| not_found(Entity::Person, id))?;
            Ok(RetentionRow {
                person: summary(person),
                last_activity,
                created_on,
            })
        })
        .collect()
}

/// The list line of a person read whole.
fn summary(p: Person) -> PersonSummary {
    PersonSummary {
        id: p.id,
        first_name: p.first_name,
        last_name: p.last_name,
        email: p.emails.into_iter().next().map(|e| e.value),
        organization: p.organization,
        city: p.profile.city,
        sectors: p.profile.sectors,
        tags: p.tags,
        legal_basis: p.profile.legal_basis,
    }
}

fn rows<T>(
    c: &Connection,
    sql: &str,
    param: &str,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = c.prepare_cached(sql)?;
    let found = stmt
        .query_map([param], map)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(found)
}

fn to_sql(e: Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
}

fn text(r: &Row<'_>, i: usize) -> rusqlite::Result<String> {
    Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default())
}

fn uuid(r: &Row<'_>, i: usize) -> rusqlite::Result<Uuid> {
    parse_uuid(&text(r, i)?).map_err(to_sql)
}

fn date(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    r.get::<_, Option<String>>(i)?
        .filter(|d| !d.is_empty())
        .map(|d| parse_stored_date(&d))
        .transpose()
        .map_err(to_sql)
}

fn time(r: &Row<'_>, i: usize) -> rusqlite::Result<chrono::DateTime<Utc>> {
    parse_time(&text(r, i)?).map_err(to_sql)
}

fn code<T>(r: &Row<'_>, i: usize, decode: impl Fn(&str) -> Result<T>) -> rusqlite::Result<T> {
    decode(&text(r, i)?).map_err(to_sql)
}

fn optional_code<T>(
    r: &Row<'_>,
    i: usize,
    decode: impl Fn(&str) -> Result<T>,
) -> rusqlite::Result<Option<T>> {
    r.get::<_, Option<String>>(i)?
        .map(|c| decode(&c))
        .transpose()
        .map_err(to_sql)
}

fn named_ref(r: &Row<'_>) -> rusqlite::Result<NamedRef> {
    Ok(NamedRef {
        id: uuid(r, 0)?,
        name: text(r, 1)?,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::NaiveDate;

    use super::*;
    use crate::gdpr::LegalBasisFilter;
    use crate::person::{Labeled, PersonDraft, Profile};
    use crate::store::PersonQuery;
    use crate::store::test_support::{person, temp_store};
    use crate::vocab::LegalBasis;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
    }

    fn count(store: &Store, sql: &str, id: Uuid) -> usize {
        store
            .db
            .read(|c| Ok(c.query_row(sql, [id.to_string()], |r| r.get::<_, i64>(0))?))
            .expect("counted") as usize
    }

    #[test]
    fn every_link_to_a_person_is_exported() {
        // A table added later with a reference to a person must be added to the export.
        let (_dir, store) = temp_store();
        let links: BTreeSet<(String, String)> = store
            .db
            .read(|c| {
                let mut stmt = c.prepare(
                    "SELECT m.name, f.\"from\" FROM sqlite_master m,
                     pragma_foreign_key_list(m.name) f
                     WHERE m.type = 'table' AND f.\"table\" = 'person'",
                )?;
                let found = stmt
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                Ok(found)
            })
            .expect("schema read");
        let exported: BTreeSet<(String, String)> = EXPORTED_LINKS
            .iter()
            .map(|(t, c)| (t.to_string(), c.to_string()))
            .collect();
        assert!(!links.is_empty());
        let missing: Vec<_> = links.difference(&exported).collect();
        assert!(missing.is_empty(), "not in the GDPR export: {missing:?}");
    }

    #[test]
    fn the_export_holds_everything_linked_to_the_person_and_nothing_private_of_others() {
        let (_dir, store) = temp_store();
        crate::demo::seed(&store).expect("demo seeded");
        // The demo person with the most links of every kind.
        let id: Uuid = store
            .db
            .read(|c| {
                let id: String = c.query_row(
                    "SELECT p.id FROM person p
                     ORDER BY ((SELECT count(*) FROM membership WHERE person_id = p.id) > 0)
                            + ((SELECT count(*) FROM attendance WHERE person_id = p.id) > 0)
                            + ((SELECT count(*) FROM interaction_person WHERE person_id = p.id) > 0)
                            + ((SELECT count(*) FROM session_person WHERE person_id = p.id) > 0)
                            + ((SELECT count(*) FROM cohort_step WHERE person_id = p.id) > 0)
                            DESC,
                            (SELECT count(*) FROM attendance WHERE person_id = p.id)
                          + (SELECT count(*) FROM interaction_person WHERE person_id = p.id)
                          + (SELECT count(*) FROM membership WHERE person_id = p.id) DESC
                     LIMIT 1",
                    [],
                    |r| r.get(0),
                )?;
                parse_uuid(&id)
            })
            .expect("a person");
        let mut me = store.get_person(id).expect("read");
        me.notes = "Ses notes à elle".into();
        me.profile.legal_basis = Some(LegalBasis::Consent);
        me.profile.legal_basis_on = Some(day("2026-01-15"));
        me.profile.legal_basis_source = "formulaire papier".into();
        store
            .update_person(id, PersonDraft::from(me))
            .expect("updated");
        // Someone else who shares records with them, with private details of their own.
        let other: Uuid = store
            .db
            .read(|c| {
                let other: String = c.query_row(
                    "SELECT id FROM person WHERE id <> ?1 ORDER BY id LIMIT 1",
                    [id.to_string()],
                    |r| r.get(0),
                )?;
                parse_uuid(&other)
            })
            .expect("another person");
        let mut them = store.get_person(other).expect("read");
        them.notes = "NOTE-PRIVEE-AUTRE".into();
        them.emails = vec![Labeled::new("", "autre.secret@example.org")];
        them.phones = vec![Labeled::new("", "06 99 88 77 66")];
        them.profile.introduced_by_id = Some(id);
        store
            .update_person(other, PersonDraft::from(them))
            .expect("updated");

        let x = store.gdpr_export(id).expect("exported");
        assert_eq!(x.person.id, id);
        assert_eq!(x.person.notes, "Ses notes à elle");
        assert_eq!(x.person.profile.legal_basis, Some(LegalBasis::Consent));
        let expect = |sql: &str| count(&store, sql, id);
        assert_eq!(
            x.memberships.len(),
            expect("SELECT count(*) FROM membership WHERE person_id = ?1")
        );
        assert!(!x.memberships.is_empty(), "the demo person has memberships");
        assert!(
            x.memberships
                .iter()
                .all(|m| !m.organization.name.is_empty())
        );
        assert_eq!(
            x.events.iter().filter(|e| e.attendance.is_some()).count(),
            expect("SELECT count(*) FROM attendance WHERE person_id = ?1")
        );
        assert!(x.events.iter().any(|e| e.attendance.is_some()));
        assert_eq!(
            x.interactions
                .iter()
                .filter(|i| i.role == InteractionRole::Participant)
                .count(),
            expect("SELECT count(*) FROM interaction_person WHERE person_id = ?1")
        );
        assert!(
            x.interactions
                .iter()
                .filter(|i| i.role == InteractionRole::Participant)
                .all(|i| i.notes.is_some())
        );
        assert_eq!(
            x.sessions.len(),
            expect("SELECT count(DISTINCT session_id) FROM session_person WHERE person_id = ?1")
        );
        assert_eq!(
            x.actions.len(),
            expect("SELECT count(*) FROM action WHERE owner_id = ?1")
        );
        assert_eq!(
            x.cohort_steps.len(),
            expect("SELECT count(*) FROM cohort_step WHERE person_id = ?1")
        );
        assert_eq!(
            x.teams.len(),
            expect("SELECT count(*) FROM team_member WHERE person_id = ?1")
        );
        assert!(x.introduced.iter().any(|r| r.id == other));

        let json = x.to_json().expect("json");
        for field in [
            "\"legal_basis\": \"consent\"",
            "\"legal_basis_on\": \"2026-01-15\"",
            "\"legal_basis_source\": \"formulaire papier\"",
            "\"memberships\"",
            "\"cohort_steps\"",
        ] {
            assert!(json.contains(field), "{field} missing from the JSON");
        }
        let html = crate::export::person_export_html(&x);
        for leak in [
            "NOTE-PRIVEE-AUTRE",
            "autre.secret@example.org",
            "06 99 88 77 66",
        ] {
            assert!(!json.contains(leak), "{leak} leaked into the JSON");
            assert!(!html.contains(leak), "{leak} leaked into the page");
        }
        assert!(html.contains("Données personnelles de"));
        assert!(html.contains("Consentement"));
        assert!(html.contains("15 janvier 2026"));
        assert!(html.contains(&crate::export::session::escape(
            &x.memberships[0].organization.name
        )));
    }

    #[test]
    fn a_script_in_the_notes_is_escaped_on_the_page() {
        let (_dir, store) = temp_store();
        let id = store
            .create_person(PersonDraft {
                first_name: "<img src=x onerror=alert(1)>".into(),
                last_name: "Dupré".into(),
                notes: "<script>alert('xss')</script>\nligne 2".into(),
                ..PersonDraft::default()
            })
            .expect("created")
            .id;
        let html = crate::export::person_export_html(&store.gdpr_export(id).expect("exported"));
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<img"));
        assert!(html.contains("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;"));
        assert!(html.contains("Content-Security-Policy"));
        assert!(html.contains("default-src 'none'"));
    }

    #[test]
    fn exporting_a_missing_person_is_not_found() {
        let (_dir, store) = temp_store();
        let err = store
            .gdpr_export(Uuid::now_v7())
            .expect_err("no such person");
        assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    }

    #[test]
    fn the_legal_basis_is_stored_validated_and_filtered() {
        let (_dir, store) = temp_store();
        let draft = |first: &str, basis: Option<LegalBasis>| PersonDraft {
            first_name: first.into(),
            last_name: "Test".into(),
            profile: Profile {
                legal_basis: basis,
                legal_basis_on: basis.map(|_| day("2025-03-12")),
                legal_basis_source: if basis.is_some() {
                    "  adhésion 2025 ".into()
                } else {
                    String::new()
                },
                ..Profile::default()
            },
            ..PersonDraft::default()
        };
        let a = store
            .create_person(draft("Ana", Some(LegalBasis::Consent)))
            .expect("created");
        assert_eq!(a.profile.legal_basis, Some(LegalBasis::Consent));
        assert_eq!(a.profile.legal_basis_on, Some(day("2025-03-12")));
        assert_eq!(a.profile.legal_basis_source, "adhésion 2025");
        // A source without a basis is fine.
        let mut b = draft("Bea", None);
        b.profile.legal_basis_source = "salon".into();
        let b = store.create_person(b).expect("created");
        assert_eq!(b.profile.legal_basis, None);
        for (i, basis) in [
            Some(LegalBasis::Contract),
            None,
            Some(LegalBasis::Consent),
            None,
            Some(LegalBasis::LegalObligation),
        ]
        .into_iter()
        .enumerate()
        {
            store
                .create_person(draft(&format!("P{i}"), basis))
                .expect("created");
        }
        // A day in the future is refused, naming the field, and nothing is written.
        let mut future = draft("Futur", Some(LegalBasis::Consent));
        future.profile.legal_basis_on =
            Some(chrono::Local::now().date_naive() + chrono::Days::new(2));
        let err = store.create_person(future).expect_err("refused");
        assert!(
            matches!(err, Error::Invalid { ref field, .. } if field == "legal_basis_on"),
            "{err:?}"
        );
        assert_eq!(store.count_persons().expect("count"), 7);

        // The filter, page by page (keyset pagination) and whole.
        let pages = |wanted: LegalBasisFilter| -> Vec<String> {
            let mut seen = Vec::new();
            let mut after = None;
            loop {
                let page = store
                    .list_persons(&PersonQuery {
                        legal_basis: Some(wanted),
                        after,
                        limit: Some(1),
                        ..PersonQuery::default()
                    })
                    .expect("listed");
                let Some(last) = page.last() else { break };
                after = Some(last.id);
                assert!(page.iter().all(|p| p.legal_basis == wanted.basis()));
                seen.extend(page.into_iter().map(|p| p.first_name));
            }
            seen
        };
        assert_eq!(pages(LegalBasisFilter::Consent), ["Ana", "P2"]);
        assert_eq!(pages(LegalBasisFilter::None), ["Bea", "P1", "P3"]);
        assert_eq!(pages(LegalBasisFilter::Contract), ["P0"]);
        assert_eq!(
            pages(LegalBasisFilter::LegitimateInterest),
            Vec::<String>::new()
        );
        let everyone = store.list_persons(&PersonQuery::default()).expect("all");
        assert_eq!(everyone.len(), 7);
        assert_eq!(
            everyone
                .iter()
                .find(|p| p.id == a.id)
                .and_then(|p| p.legal_basis),
            Some(LegalBasis::Consent)
        );
    }

    #[test]
    fn the_legal_basis_set_on_one_laptop_arrives_on_the_other() {
        use crate::sync::{KdfParams, open_or_create};
        struct Laptop {
            _dir: tempfile::TempDir,
            store: Store,
        }
        impl Laptop {
            fn sync(&self, folder: &std::path::Path) {
                let key = open_or_create(folder, "ensemble", KdfParams::FAST_FOR_TESTS)
                    .expect("team key");
                self.store.sync_with_folder(folder, &key).expect("synced");
            }
        }
        let laptop = || {
            let (_dir, store) = temp_store();
            Laptop { _dir, store }
        };
        let dir = tempfile::tempdir().expect("temp dir");
        let shared = dir.path().join("partage");
        let (lea, karim) = (laptop(), laptop());
        let awa = person(&lea.store, "Awa", "Diallo");
        lea.sync(&shared);
        karim.sync(&shared);
        assert_eq!(
            karim
                .store
                .get_person(awa)
                .expect("arrived")
                .profile
                .legal_basis,
            None
        );

        let mut draft = PersonDraft::from(lea.store.get_person(awa).expect("read"));
        draft.profile.legal_basis = Some(LegalBasis::LegitimateInterest);
        draft.profile.legal_basis_on = Some(day("2026-03-12"));
        draft.profile.legal_basis_source = "soirée du 12 mars".into();
        lea.store.update_person(awa, draft).expect("updated");
        lea.sync(&shared);
        karim.sync(&shared);

        let there = karim.store.get_person(awa).expect("still there").profile;
        assert_eq!(there.legal_basis, Some(LegalBasis::LegitimateInterest));
        assert_eq!(there.legal_basis_on, Some(day("2026-03-12")));
        assert_eq!(there.legal_basis_source, "soirée du 12 mars");
        let filtered = karim
            .store
            .list_persons(&PersonQuery {
                legal_basis: Some(LegalBasisFilter::LegitimateInterest),
                ..PersonQuery::default()
            })
            .expect("listed");
        assert_eq!(filtered.iter().map(|p| p.id).collect::<Vec<_>>(), [awa]);
    }

    #[test]
    fn retention_lists_people_without_activity_for_years_oldest_first() {
        let (_dir, store) = temp_store();
        let never = person(&store, "Jamais", "Vu");
        let talked = person(&store, "Récent", "Échange");
        let edited = person(&store, "Fiche", "Modifiée");
        let cohort = person(&store, "Ancienne", "Cohorte");
        let came = person(&store, "Venue", "Rencontre");
        store
            .db
            .write(|tx| {
                let set = |id: Uuid, created: &str, updated: &str| {
                    tx.execute(
                        "UPDATE person SET created_at = ?2, updated_at = ?3 WHERE id = ?1",
                        rusqlite::params![id.to_string(), created, updated],
                    )
                };
                set(never, "2019-01-01T10:00:00.000Z", "2019-01-01T10:00:00.000Z")?;
                set(talked, "2018-01-01T10:00:00.000Z", "2018-01-01T10:00:00.000Z")?;
                set(edited, "2020-01-01T10:00:00.000Z", "2021-03-01T10:00:00.000Z")?;
                set(cohort, "2017-01-01T10:00:00.000Z", "2017-01-01T10:00:00.000Z")?;
                set(came, "2016-01-01T10:00:00.000Z", "2016-01-01T10:00:00.000Z")?;
                tx.execute_batch(&format!(
                    "INSERT INTO interaction (id, date, kind, created_at, updated_at)
                     VALUES ('{i}', '2025-06-01', 'call', '2025-06-01T00:00:00Z', '2025-06-01T00:00:00Z');
                     INSERT INTO interaction_person VALUES ('{i}', '{talked}');
                     INSERT INTO programme (id, name, name_key, created_at)
                     VALUES ('{p}', 'Bootcamp', 'bootcamp', '2020-01-01T00:00:00Z');
                     INSERT INTO cohort (id, programme_id, name, created_at, updated_at)
                     VALUES ('{c}', '{p}', 'Promo 2020', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');
                     INSERT INTO cohort_step VALUES ('{c}', '{cohort}', 'applicant', '2020-05-01');
                     INSERT INTO event (id, title, starts_at, created_at, updated_at)
                     VALUES ('{e}', 'Soirée', '2022-09-10T18:00:00Z', '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
                            ('{e2}', 'Plus tard', '2025-09-10T18:00:00Z', '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z');
                     INSERT INTO attendance VALUES ('{e}', '{came}', 'present', '2022-09-10T20:00:00Z');
                     -- invited without an answer is not an activity
                     INSERT INTO attendance VALUES ('{e2}', '{came}', 'invited', '2025-01-10T20:00:00Z');",
                    i = Uuid::now_v7(),
                    p = Uuid::now_v7(),
                    c = Uuid::now_v7(),
                    e = Uuid::now_v7(),
                    e2 = Uuid::now_v7(),
                ))?;
                Ok(())
            })
            .expect("dated");
        let today = day("2026-11-26");
        let rows = store.retention(3, today).expect("listed");
        let seen: Vec<(Uuid, Option<NaiveDate>, NaiveDate)> = rows
            .iter()
            .map(|r| (r.person.id, r.last_activity, r.created_on))
            .collect();
        assert_eq!(
            seen,
            [
                (never, None, day("2019-01-01")),
                (cohort, Some(day("2020-05-01")), day("2017-01-01")),
                (edited, Some(day("2021-03-01")), day("2020-01-01")),
                (came, Some(day("2022-09-10")), day("2016-01-01")),
            ]
        );
        // Six years back (before 2020-11-26): only the one never seen since 2019 and the
        // 2020 cohort remain.
        let six: Vec<Uuid> = store
            .retention(6, today)
            .expect("listed")
            .into_iter()
            .map(|r| r.person.id)
            .collect();
        assert_eq!(six, [never, cohort]);
        // The conversation of 2025-06-01 is older than one year, not than two.
        let talked_in = |years| {
            store
                .retention(years, today)
                .expect("listed")
                .iter()
                .find(|r| r.person.id == talked)
                .map(|r| r.last_activity)
        };
        assert_eq!(talked_in(1), Some(Some(day("2025-06-01"))));
        assert_eq!(talked_in(2), None);
        for bad in [0, 21] {
            let err = store.retention(bad, today).expect_err("refused");
            assert!(
                matches!(err, Error::Invalid { ref field, .. } if field == "years"),
                "{err:?}"
            );
        }
    }
}
