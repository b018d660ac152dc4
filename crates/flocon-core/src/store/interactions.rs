//! Interactions (logged conversations), and the person page that gathers a person's
//! memberships, timeline and referral chain.

use chrono::Utc;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::organizations::person_ref;
use super::persons::{self, exists as person_exists, parse_stored_date};
use super::{Store, format_time, not_found, parse_time, parse_uuid, search};
use crate::error::{Entity, Result};
use crate::interaction::{Interaction, InteractionDraft, OneToOne};
use crate::organization::{Membership, PersonRef};
use crate::person::Person;
use crate::vocab::InteractionKind;

/// Everything the person page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonPage {
    pub person: Person,
    pub point_person: Option<PersonRef>,
    /// Who introduced them, who introduced that person, and so on up the chain.
    pub introduced_by: Vec<PersonRef>,
    /// The people they introduced or suggested meeting.
    pub introduced: Vec<PersonRef>,
    pub memberships: Vec<Membership>,
    /// Their interactions, newest first.
    pub interactions: Vec<Interaction>,
    /// The sessions they took part in or facilitated, newest first.
    pub sessions: Vec<crate::session::SessionSummary>,
}

/// How far up a referral chain the page goes: far beyond any real chain, and a guard against
/// a cycle made by concurrent edits.
const MAX_CHAIN: usize = 50;

impl Store {
    pub fn add_interaction(&self, draft: InteractionDraft) -> Result<Interaction> {
        let draft = draft.validate()?;
        let id = Uuid::now_v7();
        self.db.write(|tx| {
            for person in draft
                .people
                .iter()
                .chain(&draft.suggested)
                .chain(&draft.team_member_id)
            {
                if !person_exists(tx, *person)? {
                    return Err(not_found(Entity::Person, *person));
                }
            }
            let now = format_time(Utc::now());
            let o = &draft.one_to_one;
            tx.execute(
                "INSERT INTO interaction (id, date, kind, team_member_id, notes, interests, story,
                     resources, commitment_asked, commitment_given, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                params![
                    id.to_string(),
                    draft.date.to_string(),
                    draft.kind.code(),
                    draft.team_member_id.map(|p| p.to_string()),
                    draft.notes,
                    o.interests,
                    o.story,
                    o.resources,
                    o.commitment_asked,
                    o.commitment_given,
                    now,
                ],
            )?;
            for (table, people) in [
                ("interaction_person", &draft.people),
                ("interaction_suggestion", &draft.suggested),
            ] {
                let mut link = tx.prepare_cached(&format!(
                    "INSERT INTO {table} (interaction_id, person_id) VALUES (?1, ?2)"
                ))?;
                for person in people {
                    link.execute(params![id.to_string(), person.to_string()])?;
                }
            }
            search::index_interaction(tx, &id.to_string())?;
            get(tx, id)
        })
    }

    /// Interactions, newest first; only those involving `person_id` when given.
    pub fn list_interactions(
        &self,
        person_id: Option<Uuid>,
        limit: u32,
    ) -> Result<Vec<Interaction>> {
        self.db.read(|c| list(c, person_id, limit))
    }

    pub fn person_page(&self, id: Uuid) -> Result<PersonPage> {
        self.db.read(|c| {
            let person = persons::get(c, id)?.ok_or_else(|| not_found(Entity::Person, id))?;
            let point_person = person
                .profile
                .point_person_id
                .map(|p| person_ref(c, p))
                .transpose()?
                .flatten();
            Ok(PersonPage {
                point_person,
                introduced_by: referral_chain(c, &person)?,
                introduced: introduced(c, id)?,
                memberships: super::memberships::of_person(c, id)?,
                interactions: list(c, Some(id), 200)?,
                sessions: super::sessions::timeline(c, Some(id), None)?,
                person,
            })
        })
    }
}

fn referral_chain(conn: &Connection, person: &Person) -> Result<Vec<PersonRef>> {
    let mut chain: Vec<PersonRef> = Vec::new();
    let mut next = person.profile.introduced_by_id;
    while let Some(id) = next {
        if chain.len() >= MAX_CHAIN || id == person.id || chain.iter().any(|p| p.id == id) {
            break;
        }
        let Some(found) = person_ref(conn, id)? else {
            break;
        };
        chain.push(found);
        next = conn
            .prepare_cached("SELECT introduced_by_id FROM person WHERE id = ?1")?
            .query_row([id.to_string()], |r| r.get::<_, Option<String>>(0))?
            .as_deref()
            .map(parse_uuid)
            .transpose()?;
    }
    Ok(chain)
}

/// People this person introduced, and people suggested in their one-to-ones.
fn introduced(conn: &Connection, id: Uuid) -> Result<Vec<PersonRef>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, trim(p.first_name || ' ' || p.last_name) FROM person p
         WHERE p.introduced_by_id = ?1
            OR p.id IN (SELECT s.person_id FROM interaction_suggestion s
                        JOIN interaction_person ip ON ip.interaction_id = s.interaction_id
                        WHERE ip.person_id = ?1)
         ORDER BY p.sort_key",
    )?;
    let rows = stmt.query_map([id.to_string()], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    rows.map(|r| {
        let (id, name) = r?;
        Ok(PersonRef {
            id: parse_uuid(&id)?,
            name,
        })
    })
    .collect()
}

/// Interactions with anyone who is or was a member of the organisation, newest first.
pub(crate) fn of_organization(
    conn: &Connection,
    organization_id: Uuid,
    limit: u32,
) -> Result<Vec<Interaction>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT i.id, i.date FROM interaction i
         JOIN interaction_person x ON x.interaction_id = i.id
         JOIN membership m ON m.person_id = x.person_id
         WHERE m.organization_id = ?1
         ORDER BY i.date DESC, i.id DESC LIMIT ?2",
    )?;
    let ids = stmt
        .query_map(params![organization_id.to_string(), limit], |r| {
            r.get::<_, String>(0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.iter().map(|id| get(conn, parse_uuid(id)?)).collect()
}

fn list(conn: &Connection, person_id: Option<Uuid>, limit: u32) -> Result<Vec<Interaction>> {
    let ids: Vec<String> = match person_id {
        Some(p) => conn
            .prepare_cached(
                "SELECT i.id FROM interaction i JOIN interaction_person x ON x.interaction_id = i.id
                 WHERE x.person_id = ?1 ORDER BY i.date DESC, i.id DESC LIMIT ?2",
            )?
            .query_map(params![p.to_string(), limit], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
        None => conn
            .prepare_cached("SELECT id FROM interaction ORDER BY date DESC, id DESC LIMIT ?1")?
            .query_map([limit], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
    };
    ids.iter().map(|id| get(conn, parse_uuid(id)?)).collect()
}

fn get(conn: &Connection, id: Uuid) -> Result<Interaction> {
    let key = id.to_string();
    let row = conn
        .prepare_cached(
            "SELECT date, kind, team_member_id, notes, interests, story, resources,
                    commitment_asked, commitment_given, created_at, updated_at
             FROM interaction WHERE id = ?1",
        )?
        .query_row([&key], |r| {
            Ok((
                [r.get::<_, String>(0)?, r.get::<_, String>(1)?],
                r.get::<_, Option<String>>(2)?,
                [
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                ],
                [r.get::<_, String>(9)?, r.get::<_, String>(10)?],
            ))
        })?;
    let (
        [date, kind],
        team_member,
        [notes, interests, story, resources, asked, given],
        [created, updated],
    ) = row;
    Ok(Interaction {
        id,
        date: parse_stored_date(&date)?,
        kind: InteractionKind::from_code(&kind)?,
        people: linked(conn, "interaction_person", &key)?,
        team_member: team_member
            .as_deref()
            .map(parse_uuid)
            .transpose()?
            .map(|p| person_ref(conn, p))
            .transpose()?
            .flatten(),
        notes,
        one_to_one: OneToOne {
            interests,
            story,
            resources,
            commitment_asked: asked,
            commitment_given: given,
        },
        suggested: linked(conn, "interaction_suggestion", &key)?,
        created_at: parse_time(&created)?,
        updated_at: parse_time(&updated)?,
    })
}

fn linked(conn: &Connection, table: &str, interaction_id: &str) -> Result<Vec<PersonRef>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, trim(p.first_name || ' ' || p.last_name) FROM {table} x
         JOIN person p ON p.id = x.person_id WHERE x.interaction_id = ?1 ORDER BY p.sort_key"
    ))?;
    let rows = stmt.query_map([interaction_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    rows.map(|r| {
        let (id, name) = r?;
        Ok(PersonRef {
            id: parse_uuid(&id)?,
            name,
        })
    })
    .collect()
}
