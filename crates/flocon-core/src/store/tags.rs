//! Tags, shared by people and organisations. A tag is named by its first spelling and found by
//! its folded key, so "Éducation" and "education" are one tag.

use rusqlite::{Connection, params};
use uuid::Uuid;

use crate::error::Result;
use crate::text::fold;

/// Replaces the person's tags (the old links must already be gone).
pub fn link_person(tx: &Connection, person_id: &str, names: &[String]) -> Result<()> {
    let mut link =
        tx.prepare_cached("INSERT INTO person_tag (person_id, tag_id) VALUES (?1, ?2)")?;
    for name in names {
        link.execute(params![person_id, id_for(tx, name)?])?;
    }
    Ok(())
}

/// Replaces the organisation's tags.
pub fn link_organization(tx: &Connection, organization_id: &str, names: &[String]) -> Result<()> {
    tx.prepare_cached("DELETE FROM organization_tag WHERE organization_id = ?1")?
        .execute([organization_id])?;
    let mut link = tx
        .prepare_cached("INSERT INTO organization_tag (organization_id, tag_id) VALUES (?1, ?2)")?;
    for name in names {
        link.execute(params![organization_id, id_for(tx, name)?])?;
    }
    Ok(())
}

pub fn of_person(conn: &Connection, person_id: &str) -> Result<Vec<String>> {
    names(
        conn,
        "SELECT t.name FROM person_tag x JOIN tag t ON t.id = x.tag_id WHERE x.person_id = ?1",
        person_id,
    )
}

pub fn of_organization(conn: &Connection, organization_id: &str) -> Result<Vec<String>> {
    names(
        conn,
        "SELECT t.name FROM organization_tag x JOIN tag t ON t.id = x.tag_id
         WHERE x.organization_id = ?1",
        organization_id,
    )
}

pub fn sorted(mut names: Vec<String>) -> Vec<String> {
    names.sort_by_cached_key(|n| fold(n));
    names
}

fn names(conn: &Connection, sql: &str, owner: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let names = stmt
        .query_map([owner], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(sorted(names))
}

/// The id of the tag that folds like `name`, created on first use.
fn id_for(tx: &Connection, name: &str) -> Result<String> {
    let key = fold(name);
    tx.prepare_cached(
        "INSERT INTO tag (id, name, key) VALUES (?1, ?2, ?3) ON CONFLICT (key) DO NOTHING",
    )?
    .execute(params![Uuid::now_v7().to_string(), name, key])?;
    Ok(tx
        .prepare_cached("SELECT id FROM tag WHERE key = ?1")?
        .query_row([key], |r| r.get(0))?)
}
