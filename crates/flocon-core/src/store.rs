//! `Store`: the one API the CLI and the desktop app use to read and change data. Every change
//! goes through a method here, validated and in one transaction, so there is exactly one write
//! path to keep correct (and, later, to capture for sync).

mod duplicates;
mod erasure;
mod events;
mod gdpr;
mod importing;
mod interactions;
mod memberships;
mod organizations;
pub(crate) mod persons;
mod report;
mod roadmap;
pub mod search;
mod sessions;
mod sync;
mod tags;
pub(crate) mod trash;

use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::db::Database;
use crate::error::{Entity, Error, Problem, Result};
use crate::person::{Person, PersonDraft, PersonSummary};
use crate::vocab::{Circle, Sector};

pub use duplicates::DuplicatePair;
pub use erasure::{ErasedRows, ErasureReport, FlaggedRecord};
pub(crate) use erasure::{erasures, purge_backups, purge_person};
pub use importing::{ImportEntry, ImportProgress, ImportReport, MatchReason, SkippedEntry};
pub use interactions::PersonPage;
pub use organizations::OrganizationQuery;
pub use sessions::SessionQuery;
pub use sync::dump_sync_folder;
pub use trash::{TRASH_DAYS, TrashItem, TrashKind, TrashRestored};

/// The database file inside the data directory.
pub const DATABASE_FILE: &str = "flocon.sqlite3";

pub struct Store {
    db: Database,
}

/// Which people to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PersonQuery {
    /// Words that must all appear in the name, an email, the organisation, the city or a tag;
    /// accents and case are ignored.
    pub text: Option<String>,
    pub sector: Option<Sector>,
    pub circle: Option<Circle>,
    pub tag: Option<String>,
    pub city: Option<String>,
    #[ts(type = "string | null")]
    pub point_person_id: Option<Uuid>,
    /// Only people with this legal basis, or with none recorded (`none`).
    pub legal_basis: Option<crate::gdpr::LegalBasisFilter>,
    /// The order of the list; by name when absent.
    pub sort: Option<PersonSort>,
    /// Continue after this person (keyset pagination: pass the last id of the previous page).
    #[ts(type = "string | null")]
    pub after: Option<Uuid>,
    pub limit: Option<u32>,
}

/// How a list of people is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PersonSort {
    /// Last name then first name, accents and case ignored.
    #[default]
    Name,
    /// Newest first (ids are UUID v7, so they sort by creation time).
    RecentlyAdded,
}

impl Store {
    /// Opens (creating on first use) the database of the data directory `dir`.
    pub fn open_in(dir: &Path) -> Result<Store> {
        Store::open(&dir.join(DATABASE_FILE))
    }

    pub fn open(path: &Path) -> Result<Store> {
        Ok(Store {
            db: Database::open(path)?,
        })
    }

    pub fn path(&self) -> PathBuf {
        self.db.path().to_path_buf()
    }

    /// A number that changes whenever a write is committed to the database, by this store or
    /// by another program (SQLite's `data_version`, read on the reading connection): an answer
    /// read earlier is still current while it has not changed.
    pub fn data_version(&self) -> Result<i64> {
        self.db
            .read(|c| Ok(c.query_row("PRAGMA data_version", [], |row| row.get(0))?))
    }

    pub fn create_person(&self, draft: PersonDraft) -> Result<Person> {
        let draft = draft.validate()?;
        let id = Uuid::now_v7();
        self.db.write(|tx| {
            check_person_links(tx, id, &draft)?;
            persons::insert(tx, id, &draft, Utc::now())?;
            search::index_person(tx, &id.to_string())?;
            persons::get(tx, id)?.ok_or_else(|| Error::Internal("a new person vanished".into()))
        })
    }

    /// Replaces every field of the person with the draft's.
    pub fn update_person(&self, id: Uuid, draft: PersonDraft) -> Result<Person> {
        let draft = draft.validate()?;
        self.db.write(|tx| {
            check_person_links(tx, id, &draft)?;
            if !persons::update(tx, id, &draft, Utc::now())? {
                return Err(not_found(Entity::Person, id));
            }
            search::index_person(tx, &id.to_string())?;
            persons::get(tx, id)?.ok_or_else(|| not_found(Entity::Person, id))
        })
    }

    pub fn delete_person(&self, id: Uuid) -> Result<()> {
        self.db.write(|tx| {
            trash::keep(tx, trash::TrashKind::Person, id)?;
            // What names them in its search entry (an action they owned, a call they took
            // part in) is indexed again without them.
            let (rows, links) = trash::dependents(tx, "person", &id.to_string())?;
            if !persons::delete(tx, id)? {
                return Err(not_found(Entity::Person, id));
            }
            search::remove(tx, search::SearchKind::Person, &id.to_string())?;
            let named: std::collections::BTreeSet<(String, String)> = rows
                .into_iter()
                .chain(links.into_iter().map(|(table, key, _)| (table, key)))
                .map(|(table, key)| (table, serde_json::Value::Array(key).to_string()))
                .collect();
            crate::sync::apply::refresh(tx, &named)
        })
    }

    pub fn get_person(&self, id: Uuid) -> Result<Person> {
        self.db
            .read(|c| persons::get(c, id))?
            .ok_or_else(|| not_found(Entity::Person, id))
    }

    pub fn list_persons(&self, query: &PersonQuery) -> Result<Vec<PersonSummary>> {
        self.db.read(|c| persons::list(c, query))
    }

    pub fn count_persons(&self) -> Result<u64> {
        self.db.read(persons::count)
    }

    /// Every person, in list order, with all their fields: what an export writes.
    pub fn all_persons(&self) -> Result<Vec<Person>> {
        self.db.read(|c| {
            persons::list(c, &PersonQuery::default())?
                .into_iter()
                .map(|s| persons::get(c, s.id)?.ok_or_else(|| not_found(Entity::Person, s.id)))
                .collect()
        })
    }

    /// Full-text search over people, organisations and notes, best first.
    pub fn search(&self, text: &str, limit: u32) -> Result<Vec<search::SearchHit>> {
        self.db.read(|c| search::search(c, text, limit))
    }

    /// Creates many people in one transaction: all of them, or none if one is invalid (the
    /// error then names the draft's position, as `people.3.emails.0`).
    pub fn create_persons(&self, drafts: Vec<PersonDraft>) -> Result<Vec<Uuid>> {
        let drafts = validate_each("people", drafts, PersonDraft::validate)?;
        self.db.write(|tx| {
            let now = Utc::now();
            drafts
                .iter()
                .map(|d| {
                    let id = Uuid::now_v7();
                    check_person_links(tx, id, d)?;
                    persons::insert(tx, id, d, now)?;
                    search::index_person(tx, &id.to_string())?;
                    Ok(id)
                })
                .collect()
        })
    }
}

/// Validates every draft of a batch before anything is written, so a batch is written whole or
/// not at all; the error names the first invalid draft's position, as `people.3.emails.0`.
pub(crate) fn validate_each<T>(
    batch: &str,
    drafts: Vec<T>,
    validate: impl Fn(T) -> Result<T>,
) -> Result<Vec<T>> {
    drafts
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            validate(d).map_err(|e| match e {
                Error::Invalid { field, problem } => {
                    Error::invalid(format!("{batch}.{i}.{field}"), problem)
                }
                other => other,
            })
        })
        .collect()
}

/// Reads an id typed by a person or sent by the UI.
pub fn parse_id(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text.trim()).map_err(|_| {
        Error::invalid(
            "id",
            Problem::InvalidId {
                value: text.to_string(),
            },
        )
    })
}

/// What migration 2 cannot do in SQL: index every record for search, and key every phone.
pub(crate) fn after_migration_2(tx: &rusqlite::Connection) -> Result<()> {
    persons::backfill_phone_keys(tx)?;
    search::rebuild(
        tx,
        &[
            search::SearchKind::Person,
            search::SearchKind::Organization,
            search::SearchKind::Interaction,
        ],
    )
}

/// The people a person points at (point person, introducer) must exist, and not be them.
pub(crate) fn check_person_links(
    tx: &rusqlite::Connection,
    id: Uuid,
    draft: &PersonDraft,
) -> Result<()> {
    for (field, link) in [
        ("point_person_id", draft.profile.point_person_id),
        ("introduced_by_id", draft.profile.introduced_by_id),
    ] {
        let Some(link) = link else { continue };
        if link == id {
            return Err(Error::invalid(field, Problem::SelfReference));
        }
        if !persons::exists(tx, link)? {
            return Err(not_found(Entity::Person, link));
        }
    }
    Ok(())
}

pub(crate) use importing::phone_key;

/// Recomputes a person's sort, match and city keys from their fields (after sync wrote them).
pub(crate) fn refresh_person_keys(tx: &rusqlite::Connection, id: &str) -> Result<()> {
    let Some(person) = persons::get(tx, parse_uuid(id)?)? else {
        return Ok(());
    };
    let draft = PersonDraft::from(person);
    tx.prepare_cached(
        "UPDATE person SET sort_key = ?2, match_text = ?3, city_key = ?4 WHERE id = ?1",
    )?
    .execute(rusqlite::params![
        id,
        crate::person::sort_key(&draft.first_name, &draft.last_name),
        persons::match_text(&draft),
        draft.profile.city.as_deref().map(crate::text::fold),
    ])?;
    Ok(())
}

/// Recomputes an organisation's sort and city keys from its fields.
pub(crate) fn refresh_organization_keys(tx: &rusqlite::Connection, id: &str) -> Result<()> {
    let row: Option<(String, Option<String>)> = tx
        .prepare_cached("SELECT name, city FROM organization WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .ok();
    if let Some((name, city)) = row {
        tx.prepare_cached("UPDATE organization SET sort_key = ?2, city_key = ?3 WHERE id = ?1")?
            .execute(rusqlite::params![
                id,
                crate::text::fold(&name),
                city.as_deref().map(crate::text::fold)
            ])?;
    }
    Ok(())
}

pub(crate) fn not_found(entity: Entity, id: Uuid) -> Error {
    Error::NotFound {
        entity,
        id: id.to_string(),
    }
}

/// Fails with `NotFound` unless the record exists: what every write checks before linking to
/// another record.
pub(crate) fn require(conn: &rusqlite::Connection, entity: Entity, id: Uuid) -> Result<()> {
    let table = match entity {
        Entity::Person => "person",
        Entity::Organization => "organization",
        Entity::Membership => "membership",
        Entity::Team => "team",
        Entity::Interaction => "interaction",
        Entity::Engagement => "engagement",
        Entity::Session => "session",
        Entity::Action => "action",
        Entity::Template => "session_template",
        Entity::Axis => "roadmap_axis",
        Entity::Objective => "objective",
        Entity::Seminar => "seminar",
        Entity::Conflict => "sync_conflict",
        Entity::Event => "event",
        Entity::Series => "event_series",
        Entity::Cohort => "cohort",
        Entity::TrashItem => "trash_item",
    };
    let found = conn
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
        .exists([id.to_string()])?;
    if found {
        Ok(())
    } else {
        Err(not_found(entity, id))
    }
}

/// The (id, name) rows of a query with one text parameter: the references a page lists.
pub(crate) fn id_name_pairs(
    conn: &rusqlite::Connection,
    sql: &str,
    param: &str,
) -> Result<Vec<(Uuid, String)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map([param], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, name)| Ok((parse_uuid(&id)?, name)))
        .collect()
}

pub(crate) fn format_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn parse_uuid(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text)
        .map_err(|_| Error::Internal(format!("malformed id {text:?} in the database")))
}

pub(crate) fn parse_time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Error::Internal(format!("malformed time {text:?} in the database")))
}

#[cfg(test)]
mod crm_tests;
#[cfg(test)]
mod erasure_tests;
#[cfg(test)]
mod event_tests;
#[cfg(test)]
mod roadmap_tests;
#[cfg(test)]
mod session_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod trash_tests;
