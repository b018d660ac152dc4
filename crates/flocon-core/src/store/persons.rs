//! The SQL for people: one small function per question or change, so the query behind any
//! screen is easy to find. Callers pass a validated `PersonDraft`.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::person::{Labeled, Person, PersonDraft, PersonSummary, sort_key};
use crate::sector::Sector;
use crate::store::{PersonQuery, format_time, parse_time};
use crate::text::fold;

/// Separates values packed by `group_concat`; it cannot occur in a tidied tag.
const UNIT_SEPARATOR: char = '\u{1f}';

pub fn insert(tx: &Connection, id: Uuid, draft: &PersonDraft, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "INSERT INTO person (id, first_name, last_name, organization, sector, notes,
                             sort_key, match_text, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            id.to_string(),
            draft.first_name,
            draft.last_name,
            draft.organization,
            draft.sector.map(Sector::code),
            draft.notes,
            sort_key(&draft.first_name, &draft.last_name),
            match_text(draft),
            format_time(now),
        ],
    )?;
    replace_children(tx, id, draft)
}

/// Replaces every field of the person. Returns false when there is no such person.
pub fn update(tx: &Connection, id: Uuid, draft: &PersonDraft, now: DateTime<Utc>) -> Result<bool> {
    let changed = tx.execute(
        "UPDATE person SET first_name = ?2, last_name = ?3, organization = ?4, sector = ?5,
                notes = ?6, sort_key = ?7, match_text = ?8, updated_at = ?9
         WHERE id = ?1",
        params![
            id.to_string(),
            draft.first_name,
            draft.last_name,
            draft.organization,
            draft.sector.map(Sector::code),
            draft.notes,
            sort_key(&draft.first_name, &draft.last_name),
            match_text(draft),
            format_time(now),
        ],
    )?;
    if changed == 0 {
        return Ok(false);
    }
    replace_children(tx, id, draft)?;
    Ok(true)
}

/// Deletes the person and, by cascade, their emails, phones and tag links. Returns false when
/// there is no such person.
pub fn delete(tx: &Connection, id: Uuid) -> Result<bool> {
    Ok(tx.execute("DELETE FROM person WHERE id = ?1", [id.to_string()])? > 0)
}

pub fn get(conn: &Connection, id: Uuid) -> Result<Option<Person>> {
    let key = id.to_string();
    let row = conn
        .query_row(
            "SELECT id, first_name, last_name, organization, sector, notes, created_at, updated_at
             FROM person WHERE id = ?1",
            [&key],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                ))
            },
        )
        .optional()?;
    let Some((id, first_name, last_name, organization, sector, notes, created, updated)) = row
    else {
        return Ok(None);
    };
    Ok(Some(Person {
        id: parse_uuid(&id)?,
        first_name,
        last_name,
        emails: labeled(
            conn,
            "SELECT label, address FROM person_email WHERE person_id = ?1 ORDER BY position",
            &key,
        )?,
        phones: labeled(
            conn,
            "SELECT label, number FROM person_phone WHERE person_id = ?1 ORDER BY position",
            &key,
        )?,
        organization,
        sector: sector.as_deref().map(sector_from_code).transpose()?,
        tags: tags_of(conn, &key)?,
        notes,
        created_at: parse_time(&created)?,
        updated_at: parse_time(&updated)?,
    }))
}

/// People in list order (last name, then first name, accents and case ignored). Every word of
/// `query.text` must appear, folded, in the name, an email, the organisation or a tag.
pub fn list(conn: &Connection, query: &PersonQuery) -> Result<Vec<PersonSummary>> {
    let words: Vec<String> = query
        .text
        .as_deref()
        .map(fold)
        .unwrap_or_default()
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| format!("%{w}%"))
        .collect();
    // Folded words hold only [a-z0-9], so they carry no LIKE wildcard of their own.
    let filter: String = (1..=words.len())
        .map(|i| format!(" AND p.match_text LIKE ?{i}"))
        .collect();
    let sql = format!(
        "SELECT p.id, p.first_name, p.last_name, p.organization, p.sector,
                (SELECT address FROM person_email e WHERE e.person_id = p.id
                 ORDER BY e.position LIMIT 1),
                (SELECT group_concat(t.name, char(31)) FROM person_tag pt
                 JOIN tag t ON t.id = pt.tag_id WHERE pt.person_id = p.id)
         FROM person p WHERE 1 = 1{filter}
         ORDER BY p.sort_key, p.id
         LIMIT {}",
        query.limit.unwrap_or(u32::MAX)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(&words), summary_from_row)?;
    rows.map(|r| r.map_err(Error::from).and_then(|s| s))
        .collect()
}

pub fn count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM person", [], |r| r.get(0))?;
    Ok(n.unsigned_abs())
}

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<Result<PersonSummary>> {
    let id: String = r.get(0)?;
    let sector: Option<String> = r.get(4)?;
    let tags: Option<String> = r.get(6)?;
    let (first_name, last_name, organization, email) = (r.get(1)?, r.get(2)?, r.get(3)?, r.get(5)?);
    Ok((|| {
        Ok(PersonSummary {
            id: parse_uuid(&id)?,
            first_name,
            last_name,
            email,
            organization,
            sector: sector.as_deref().map(sector_from_code).transpose()?,
            tags: sorted_tags(
                tags.map(|t| t.split(UNIT_SEPARATOR).map(String::from).collect())
                    .unwrap_or_default(),
            ),
        })
    })())
}

fn replace_children(tx: &Connection, id: Uuid, draft: &PersonDraft) -> Result<()> {
    let key = id.to_string();
    tx.execute("DELETE FROM person_email WHERE person_id = ?1", [&key])?;
    tx.execute("DELETE FROM person_phone WHERE person_id = ?1", [&key])?;
    tx.execute("DELETE FROM person_tag WHERE person_id = ?1", [&key])?;
    let mut email = tx.prepare_cached(
        "INSERT INTO person_email (person_id, position, label, address) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, e) in draft.emails.iter().enumerate() {
        email.execute(params![key, position as i64, e.label, e.value])?;
    }
    let mut phone = tx.prepare_cached(
        "INSERT INTO person_phone (person_id, position, label, number) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, p) in draft.phones.iter().enumerate() {
        phone.execute(params![key, position as i64, p.label, p.value])?;
    }
    let mut link =
        tx.prepare_cached("INSERT INTO person_tag (person_id, tag_id) VALUES (?1, ?2)")?;
    for tag in &draft.tags {
        link.execute(params![key, tag_id(tx, tag)?])?;
    }
    Ok(())
}

/// The id of the tag that folds like `name`, created on first use. The first spelling wins:
/// "Éducation" and "education" are one tag.
fn tag_id(tx: &Connection, name: &str) -> Result<String> {
    let key = fold(name);
    tx.prepare_cached(
        "INSERT INTO tag (id, name, key) VALUES (?1, ?2, ?3) ON CONFLICT (key) DO NOTHING",
    )?
    .execute(params![Uuid::now_v7().to_string(), name, key])?;
    Ok(tx
        .prepare_cached("SELECT id FROM tag WHERE key = ?1")?
        .query_row([key], |r| r.get(0))?)
}

fn labeled(conn: &Connection, sql: &str, person_id: &str) -> Result<Vec<Labeled>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([person_id], |r| {
        Ok(Labeled {
            label: r.get(0)?,
            value: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn tags_of(conn: &Connection, person_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.name FROM person_tag pt JOIN tag t ON t.id = pt.tag_id WHERE pt.person_id = ?1",
    )?;
    let names = stmt
        .query_map([person_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(sorted_tags(names))
}

fn sorted_tags(mut names: Vec<String>) -> Vec<String> {
    names.sort_by_cached_key(|n| fold(n));
    names
}

fn match_text(draft: &PersonDraft) -> String {
    let mut parts = vec![draft.first_name.as_str(), draft.last_name.as_str()];
    parts.extend(draft.emails.iter().map(|e| e.value.as_str()));
    parts.extend(draft.organization.as_deref());
    parts.extend(draft.tags.iter().map(String::as_str));
    fold(&parts.join(" "))
}

fn sector_from_code(code: &str) -> Result<Sector> {
    Sector::ALL
        .into_iter()
        .find(|s| s.code() == code)
        .ok_or_else(|| Error::Internal(format!("unknown sector code {code:?} in the database")))
}

fn parse_uuid(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text)
        .map_err(|_| Error::Internal(format!("malformed id {text:?} in the database")))
}
