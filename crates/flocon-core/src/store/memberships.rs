//! Memberships (a person's role in an organisation) and a collective's nested teams.

use std::collections::HashMap;

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use super::organizations::exists as organization_exists;
use super::persons::{exists as person_exists, parse_stored_date};
use super::{Store, format_time, not_found, parse_uuid, validate_each};
use crate::error::{Entity, Error, Problem, Result};
use crate::organization::{Membership, MembershipDraft, Team, TeamMember};
use crate::person::{MAX_NAME_CHARS, check_len};
use crate::text::tidy;

impl Store {
    pub fn add_membership(&self, draft: MembershipDraft) -> Result<Membership> {
        let draft = draft.validate()?;
        let id = Uuid::now_v7();
        self.db.write(|tx| {
            insert(tx, id, &draft)?;
            select(tx, "m.id = ?1", &id.to_string())?
                .pop()
                .ok_or_else(|| not_found(Entity::Membership, id))
        })
    }

    /// Adds many memberships in one transaction: all of them, or none if one is invalid (the
    /// error then names the draft's position, as `memberships.3.until`) or names someone or
    /// an organisation that does not exist.
    pub fn add_memberships(&self, drafts: Vec<MembershipDraft>) -> Result<Vec<Uuid>> {
        let drafts = validate_each("memberships", drafts, MembershipDraft::validate)?;
        self.db.write(|tx| {
            drafts
                .iter()
                .map(|draft| {
                    let id = Uuid::now_v7();
                    insert(tx, id, draft)?;
                    Ok(id)
                })
                .collect()
        })
    }

    pub fn delete_membership(&self, id: Uuid) -> Result<()> {
        self.db.write(|tx| {
            match tx.execute("DELETE FROM membership WHERE id = ?1", [id.to_string()])? {
                0 => Err(not_found(Entity::Membership, id)),
                _ => Ok(()),
            }
        })
    }

    pub fn memberships_of_person(&self, person_id: Uuid) -> Result<Vec<Membership>> {
        self.db.read(|c| of_person(c, person_id))
    }

    /// Adds a team to an organisation, inside `parent_id` when given. Returns its id.
    pub fn add_team(
        &self,
        organization_id: Uuid,
        parent_id: Option<Uuid>,
        name: &str,
    ) -> Result<Uuid> {
        let name = tidy(name);
        if name.is_empty() {
            return Err(Error::invalid("name", Problem::Required));
        }
        check_len("name", &name, MAX_NAME_CHARS)?;
        let id = Uuid::now_v7();
        self.db.write(|tx| {
            if !organization_exists(tx, organization_id)? {
                return Err(not_found(Entity::Organization, organization_id));
            }
            if let Some(parent) = parent_id {
                let parent_org: Option<String> = tx
                    .query_row("SELECT organization_id FROM team WHERE id = ?1", [parent.to_string()], |r| r.get(0))
                    .optional()?;
                match parent_org {
                    None => return Err(not_found(Entity::Team, parent)),
                    Some(org) if org != organization_id.to_string() => {
                        return Err(Error::Refused("a sub-team must belong to the same organisation as its parent".into()));
                    }
                    Some(_) => {}
                }
            }
            tx.execute(
                "INSERT INTO team (id, organization_id, parent_id, name, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    id.to_string(),
                    organization_id.to_string(),
                    parent_id.map(|p| p.to_string()),
                    name,
                    format_time(Utc::now())
                ],
            )?;
            Ok(id)
        })
    }

    /// Puts a person in a team with a role, or changes their role there.
    pub fn set_team_member(&self, team_id: Uuid, person_id: Uuid, role: &str) -> Result<()> {
        let role = tidy(role);
        check_len("role", &role, MAX_NAME_CHARS)?;
        self.db.write(|tx| {
            if !person_exists(tx, person_id)? {
                return Err(not_found(Entity::Person, person_id));
            }
            let team_found = tx
                .prepare_cached("SELECT 1 FROM team WHERE id = ?1")?
                .exists([team_id.to_string()])?;
            if !team_found {
                return Err(not_found(Entity::Team, team_id));
            }
            tx.execute(
                "INSERT INTO team_member (team_id, person_id, role) VALUES (?1, ?2, ?3)
                 ON CONFLICT (team_id, person_id) DO UPDATE SET role = excluded.role",
                params![team_id.to_string(), person_id.to_string(), role],
            )?;
            Ok(())
        })
    }
}

/// Writes a new, validated membership between a person and an organisation that exist.
fn insert(tx: &Connection, id: Uuid, draft: &MembershipDraft) -> Result<()> {
    if !person_exists(tx, draft.person_id)? {
        return Err(not_found(Entity::Person, draft.person_id));
    }
    if !organization_exists(tx, draft.organization_id)? {
        return Err(not_found(Entity::Organization, draft.organization_id));
    }
    tx.prepare_cached(
        "INSERT INTO membership (id, person_id, organization_id, role, since, until,
             leadership, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id.to_string(),
        draft.person_id.to_string(),
        draft.organization_id.to_string(),
        draft.role,
        draft.since.map(|d| d.to_string()),
        draft.until.map(|d| d.to_string()),
        draft.leadership,
        format_time(Utc::now()),
    ])?;
    Ok(())
}

pub(crate) fn of_person(conn: &Connection, person_id: Uuid) -> Result<Vec<Membership>> {
    select(conn, "m.person_id = ?1", &person_id.to_string())
}

pub(crate) fn of_organization(conn: &Connection, organization_id: Uuid) -> Result<Vec<Membership>> {
    select(conn, "m.organization_id = ?1", &organization_id.to_string())
}

/// Current memberships first, then past ones; leadership first, then by name.
fn select(conn: &Connection, condition: &str, value: &str) -> Result<Vec<Membership>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.id, m.person_id, m.organization_id, m.role, m.since, m.until, m.leadership,
                trim(p.first_name || ' ' || p.last_name), o.name
         FROM membership m
         JOIN person p ON p.id = m.person_id
         JOIN organization o ON o.id = m.organization_id
         WHERE {condition}
         ORDER BY m.until IS NOT NULL, m.leadership DESC, p.sort_key, o.sort_key, m.id"
    ))?;
    let rows = stmt.query_map([value], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, bool>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, String>(8)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, person, org, role, since, until, leadership, person_name, organization_name) =
            row?;
        out.push(Membership {
            id: parse_uuid(&id)?,
            fields: MembershipDraft {
                person_id: parse_uuid(&person)?,
                organization_id: parse_uuid(&org)?,
                role,
                since: since.as_deref().map(parse_stored_date).transpose()?,
                until: until.as_deref().map(parse_stored_date).transpose()?,
                leadership,
            },
            person_name,
            organization_name,
        });
    }
    Ok(out)
}

/// The organisation's teams as a tree: roots first, each with its members and sub-teams.
pub(crate) fn teams_of(conn: &Connection, organization_id: Uuid) -> Result<Vec<Team>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, parent_id, name FROM team WHERE organization_id = ?1 ORDER BY created_at, id",
    )?;
    let flat = stmt
        .query_map([organization_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut members: HashMap<String, Vec<TeamMember>> = HashMap::new();
    let mut member_stmt = conn.prepare_cached(
        "SELECT tm.team_id, tm.person_id, trim(p.first_name || ' ' || p.last_name), tm.role
         FROM team_member tm JOIN team t ON t.id = tm.team_id JOIN person p ON p.id = tm.person_id
         WHERE t.organization_id = ?1 ORDER BY p.sort_key, p.id",
    )?;
    let rows = member_stmt.query_map([organization_id.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    for row in rows {
        let (team, person, name, role) = row?;
        members.entry(team).or_default().push(TeamMember {
            person_id: parse_uuid(&person)?,
            name,
            role,
        });
    }
    build_tree(None, &flat, &mut members)
}

fn build_tree(
    parent: Option<&str>,
    flat: &[(String, Option<String>, String)],
    members: &mut HashMap<String, Vec<TeamMember>>,
) -> Result<Vec<Team>> {
    flat.iter()
        .filter(|(_, p, _)| p.as_deref() == parent)
        .map(|(id, p, name)| {
            Ok(Team {
                id: parse_uuid(id)?,
                name: name.clone(),
                parent_id: p.as_deref().map(parse_uuid).transpose()?,
                members: members.remove(id).unwrap_or_default(),
                children: build_tree(Some(id), flat, members)?,
            })
        })
        .collect()
}
