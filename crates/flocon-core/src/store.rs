//! `Store`: the one API the CLI and the desktop app use to read and change data. Every change
//! goes through a method here, validated and in one transaction, so there is exactly one write
//! path to keep correct (and, later, to capture for sync).

mod persons;

use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::db::Database;
use crate::error::{Entity, Error, Problem, Result};
use crate::person::{Person, PersonDraft, PersonSummary};

/// The database file inside the data directory.
pub const DATABASE_FILE: &str = "flocon.sqlite3";

pub struct Store {
    db: Database,
}

/// Which people to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PersonQuery {
    /// Words that must all appear in the name, an email, the organisation or a tag; accents
    /// and case are ignored.
    pub text: Option<String>,
    pub limit: Option<u32>,
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

    pub fn create_person(&self, draft: PersonDraft) -> Result<Person> {
        let draft = draft.validate()?;
        let id = Uuid::now_v7();
        self.db.write(|tx| {
            persons::insert(tx, id, &draft, Utc::now())?;
            persons::get(tx, id)?.ok_or_else(|| Error::Internal("a new person vanished".into()))
        })
    }

    /// Replaces every field of the person with the draft's.
    pub fn update_person(&self, id: Uuid, draft: PersonDraft) -> Result<Person> {
        let draft = draft.validate()?;
        self.db.write(|tx| {
            if !persons::update(tx, id, &draft, Utc::now())? {
                return Err(not_found(Entity::Person, id));
            }
            persons::get(tx, id)?.ok_or_else(|| not_found(Entity::Person, id))
        })
    }

    pub fn delete_person(&self, id: Uuid) -> Result<()> {
        self.db.write(|tx| {
            if persons::delete(tx, id)? {
                Ok(())
            } else {
                Err(not_found(Entity::Person, id))
            }
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

    /// Creates many people in one transaction: all of them, or none if one is invalid (the
    /// error then names the draft's position, as `people.3.emails.0`).
    pub fn create_persons(&self, drafts: Vec<PersonDraft>) -> Result<Vec<Uuid>> {
        let drafts = drafts
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                d.validate().map_err(|e| match e {
                    Error::Invalid { field, problem } => {
                        Error::invalid(format!("people.{i}.{field}"), problem)
                    }
                    other => other,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        self.db.write(|tx| {
            let now = Utc::now();
            drafts
                .iter()
                .map(|d| {
                    let id = Uuid::now_v7();
                    persons::insert(tx, id, d, now).map(|()| id)
                })
                .collect()
        })
    }
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

fn not_found(entity: Entity, id: Uuid) -> Error {
    Error::NotFound {
        entity,
        id: id.to_string(),
    }
}

pub(crate) fn format_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn parse_time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Error::Internal(format!("malformed time {text:?} in the database")))
}

#[cfg(test)]
mod tests;
