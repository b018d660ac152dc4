//! Organisations and collectives: their SQL and the store methods over it.

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension, Row, params, types::Value};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::{
    Store, format_time, not_found, parse_time, parse_uuid, persons, search, tags, validate_each,
};
use crate::error::{Entity, Error, Result};
use crate::organization::{
    Organization, OrganizationDraft, OrganizationPage, OrganizationSummary, PersonRef,
};
use crate::text::fold;
use crate::vocab::{CollectiveStatus, OrganizationKind};

/// Which organisations to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct OrganizationQuery {
    pub text: Option<String>,
    pub kind: Option<OrganizationKind>,
    pub status: Option<CollectiveStatus>,
    pub tag: Option<String>,
    pub city: Option<String>,
    #[ts(type = "string | null")]
    pub point_person_id: Option<Uuid>,
    #[ts(type = "string | null")]
    pub after: Option<Uuid>,
    pub limit: Option<u32>,
}

/// How many interactions an organisation page shows.
const TIMELINE_LENGTH: u32 = 100;

impl Store {
    pub fn create_organization(&self, draft: OrganizationDraft) -> Result<Organization> {
        let draft = draft.validate()?;
        let id = Uuid::now_v7();
        self.db.write(|tx| {
            insert(tx, id, &draft)?;
            get(tx, id)?.ok_or_else(|| not_found(Entity::Organization, id))
        })
    }

    /// Creates many organisations in one transaction: all of them, or none if one is invalid
    /// (the error then names the draft's position, as `organizations.3.name`).
    pub fn create_organizations(&self, drafts: Vec<OrganizationDraft>) -> Result<Vec<Uuid>> {
        let drafts = validate_each("organizations", drafts, OrganizationDraft::validate)?;
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

    pub fn update_organization(&self, id: Uuid, draft: OrganizationDraft) -> Result<Organization> {
        let draft = draft.validate()?;
        self.db.write(|tx| {
            check_point_person(tx, &draft)?;
            let changed = tx.execute(
                "UPDATE organization SET name = ?2, kind = ?3, city = ?4, city_key = ?5,
                     website = ?6, description = ?7, status = ?8, point_person_id = ?9,
                     sort_key = ?10, updated_at = ?11
                 WHERE id = ?1",
                params![
                    id.to_string(),
                    draft.name,
                    draft.kind.code(),
                    draft.city,
                    draft.city.as_deref().map(fold),
                    draft.website,
                    draft.description,
                    draft.status.map(CollectiveStatus::code),
                    draft.point_person_id.map(|p| p.to_string()),
                    fold(&draft.name),
                    format_time(Utc::now()),
                ],
            )?;
            if changed == 0 {
                return Err(not_found(Entity::Organization, id));
            }
            tags::link_organization(tx, &id.to_string(), &draft.tags)?;
            search::index_organization(tx, &id.to_string())?;
            get(tx, id)?.ok_or_else(|| not_found(Entity::Organization, id))
        })
    }

    /// Deletes the organisation with its memberships and teams.
    pub fn delete_organization(&self, id: Uuid) -> Result<()> {
        self.db.write(|tx| {
            super::trash::keep(tx, super::trash::TrashKind::Organization, id)?;
            if tx.execute("DELETE FROM organization WHERE id = ?1", [id.to_string()])? == 0 {
                return Err(not_found(Entity::Organization, id));
            }
            search::remove(tx, search::SearchKind::Organization, &id.to_string())
        })
    }

    pub fn get_organization(&self, id: Uuid) -> Result<Organization> {
        self.db
            .read(|c| get(c, id))?
            .ok_or_else(|| not_found(Entity::Organization, id))
    }

    pub fn organization_page(&self, id: Uuid) -> Result<OrganizationPage> {
        self.db.read(|c| {
            let organization = get(c, id)?.ok_or_else(|| not_found(Entity::Organization, id))?;
            let point_person = organization
                .fields
                .point_person_id
                .map(|p| person_ref(c, p))
                .transpose()?
                .flatten();
            Ok(OrganizationPage {
                point_person,
                members: super::memberships::of_organization(c, id)?,
                teams: super::memberships::teams_of(c, id)?,
                timeline: super::interactions::of_organization(c, id, TIMELINE_LENGTH)?,
                sessions: super::sessions::timeline(c, None, Some(id))?,
                organization,
            })
        })
    }

    pub fn list_organizations(
        &self,
        query: &OrganizationQuery,
    ) -> Result<Vec<OrganizationSummary>> {
        self.db.read(|c| list(c, query))
    }

    /// The organisation whose name folds like `name`, if there is one.
    pub fn find_organization_by_name(&self, name: &str) -> Result<Option<Uuid>> {
        self.db.read(|c| {
            c.query_row(
                "SELECT id FROM organization WHERE sort_key = ?1 ORDER BY id LIMIT 1",
                [fold(name)],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .map(|id| parse_uuid(&id))
            .transpose()
        })
    }
}

/// Writes a new, validated organisation with its tags, and indexes it for search.
fn insert(tx: &Connection, id: Uuid, draft: &OrganizationDraft) -> Result<()> {
    check_point_person(tx, draft)?;
    tx.prepare_cached(
        "INSERT INTO organization (id, name, kind, city, city_key, website, description,
             status, point_person_id, sort_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        id.to_string(),
        draft.name,
        draft.kind.code(),
        draft.city,
        draft.city.as_deref().map(fold),
        draft.website,
        draft.description,
        draft.status.map(CollectiveStatus::code),
        draft.point_person_id.map(|p| p.to_string()),
        fold(&draft.name),
        format_time(Utc::now()),
    ])?;
    tags::link_organization(tx, &id.to_string(), &draft.tags)?;
    search::index_organization(tx, &id.to_string())
}

fn check_point_person(tx: &Connection, draft: &OrganizationDraft) -> Result<()> {
    match draft.point_person_id {
        Some(p) if !persons::exists(tx, p)? => Err(not_found(Entity::Person, p)),
        _ => Ok(()),
    }
}

pub(crate) fn exists(conn: &Connection, id: Uuid) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM organization WHERE id = ?1")?
        .exists([id.to_string()])?)
}

pub(crate) fn person_ref(conn: &Connection, id: Uuid) -> Result<Option<PersonRef>> {
    conn.prepare_cached("SELECT trim(first_name || ' ' || last_name) FROM person WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get::<_, String>(0))
        .optional()?
        .map(|name| Ok(PersonRef { id, name }))
        .transpose()
}

fn get(conn: &Connection, id: Uuid) -> Result<Option<Organization>> {
    let key = id.to_string();
    let row = conn
        .prepare_cached(
            "SELECT name, kind, city, website, description, status, point_person_id,
                    created_at, updated_at
             FROM organization WHERE id = ?1",
        )?
        .query_row([&key], |r| {
            (0..9)
                .map(|i| r.get::<_, Value>(i))
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .optional()?;
    let Some(v) = row else { return Ok(None) };
    let text = |i: usize| match &v[i] {
        Value::Text(t) => Some(t.clone()),
        _ => None,
    };
    Ok(Some(Organization {
        id,
        fields: OrganizationDraft {
            name: text(0).unwrap_or_default(),
            kind: OrganizationKind::from_code(&text(1).unwrap_or_default())?,
            city: text(2),
            website: text(3),
            description: text(4).unwrap_or_default(),
            tags: tags::of_organization(conn, &key)?,
            status: text(5)
                .as_deref()
                .map(CollectiveStatus::from_code)
                .transpose()?,
            point_person_id: text(6).as_deref().map(parse_uuid).transpose()?,
        },
        created_at: parse_time(&text(7).unwrap_or_default())?,
        updated_at: parse_time(&text(8).unwrap_or_default())?,
    }))
}

fn list(conn: &Connection, query: &OrganizationQuery) -> Result<Vec<OrganizationSummary>> {
    let mut filters = String::new();
    let mut values: Vec<Value> = Vec::new();
    let mut bind = |sql: &str, value: String| {
        values.push(Value::Text(value));
        filters.push_str(&sql.replace("?#", &format!("?{}", values.len())));
    };
    for word in query
        .text
        .as_deref()
        .map(fold)
        .unwrap_or_default()
        .split(' ')
        .filter(|w| !w.is_empty())
    {
        bind(" AND o.sort_key LIKE ?#", format!("%{word}%"));
    }
    if let Some(kind) = query.kind {
        bind(" AND o.kind = ?#", kind.code().into());
    }
    if let Some(status) = query.status {
        bind(" AND o.status = ?#", status.code().into());
    }
    if let Some(tag) = query.tag.as_deref() {
        bind(
            " AND EXISTS (SELECT 1 FROM organization_tag x JOIN tag t ON t.id = x.tag_id
                          WHERE x.organization_id = o.id AND t.key = ?#)",
            fold(tag),
        );
    }
    if let Some(city) = query.city.as_deref() {
        bind(" AND o.city_key = ?#", fold(city));
    }
    if let Some(point) = query.point_person_id {
        bind(" AND o.point_person_id = ?#", point.to_string());
    }
    if let Some(after) = query.after {
        bind(
            " AND (o.sort_key, o.id) > (SELECT sort_key, id FROM organization WHERE id = ?#)",
            after.to_string(),
        );
    }
    let sql = format!(
        "SELECT o.id, o.name, o.kind, o.city, o.status,
                (SELECT count(*) FROM membership m WHERE m.organization_id = o.id AND m.until IS NULL),
                (SELECT group_concat(t.name, char(31)) FROM organization_tag x
                 JOIN tag t ON t.id = x.tag_id WHERE x.organization_id = o.id)
         FROM organization o WHERE 1 = 1{filters}
         ORDER BY o.sort_key, o.id LIMIT {}",
        query.limit.unwrap_or(u32::MAX)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), summary_from_row)?;
    rows.map(|r| r.map_err(Error::from).and_then(|s| s))
        .collect()
}

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<Result<OrganizationSummary>> {
    let (id, name, kind, city, status, count, tags): (
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        i64,
        Option<String>,
    ) = (
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    );
    Ok((|| {
        Ok(OrganizationSummary {
            id: parse_uuid(&id)?,
            name,
            kind: OrganizationKind::from_code(&kind)?,
            city,
            status: status
                .as_deref()
                .map(CollectiveStatus::from_code)
                .transpose()?,
            member_count: u32::try_from(count).unwrap_or(u32::MAX),
            tags: tags::sorted(persons::split_packed(tags)),
        })
    })())
}
