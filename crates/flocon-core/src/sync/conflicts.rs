//! The conflict history as people read it, and settling a conflict.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use super::capture;
use super::model::{Conflict, ConflictChoice, ConflictKind, ConflictVersion};
use super::versions::{self, Version, VersionId, parse_version_key};
use crate::error::{Error, Result};

struct Row {
    id: String,
    kind: String,
    tbl: String,
    pk: String,
    col: String,
    winner: VersionId,
}

fn rows(conn: &Connection, filter: &str, param: Option<&str>) -> Result<Vec<Row>> {
    let sql = format!(
        "SELECT id, kind, tbl, pk, col, winner_device, winner_seq, winner_idx
         FROM sync_conflict {filter} ORDER BY id DESC"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let map = |r: &rusqlite::Row<'_>| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, i64>(6)?,
            r.get::<_, i64>(7)?,
        ))
    };
    let raw = match param {
        Some(p) => stmt
            .query_map([p], map)?
            .collect::<rusqlite::Result<Vec<_>>>()?,
        None => stmt
            .query_map([], map)?
            .collect::<rusqlite::Result<Vec<_>>>()?,
    };
    raw.into_iter()
        .map(|(id, kind, tbl, pk, col, d, s, i)| {
            Ok(Row {
                id,
                kind,
                tbl,
                pk,
                col,
                winner: (crate::store::parse_uuid(&d)?, s as u64, i as u32),
            })
        })
        .collect()
}

fn row(conn: &Connection, id: &str) -> Result<Row> {
    rows(conn, "WHERE id = ?1", Some(id))?
        .into_iter()
        .next()
        .ok_or_else(|| Error::NotFound {
            entity: crate::error::Entity::Conflict,
            id: id.to_string(),
        })
}

fn version(conn: &Connection, id: VersionId) -> Result<Version> {
    let (tbl, pk, col): (String, String, String) = conn
        .prepare_cached(
            "SELECT k.tbl, k.pk, v.col FROM sync_version v JOIN sync_key k ON k.id = v.rec
             WHERE v.device = (SELECT n FROM sync_peer WHERE id = ?1) AND v.seq = ?2
               AND v.idx = ?3",
        )?
        .query_row(params![id.0.to_string(), id.1 as i64, id.2 as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    versions::versions(conn, &tbl, &pk, Some(&col), false)?
        .into_iter()
        .map(|(_, v)| v)
        .find(|v| v.id == id)
        .ok_or_else(|| Error::Internal("a conflict's version vanished".into()))
}

fn device_name(conn: &Connection, device: uuid::Uuid) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT name FROM sync_device WHERE id = ?1")?
        .query_row([device.to_string()], |r| r.get::<_, String>(0))
        .optional()?
        .unwrap_or_else(|| device.to_string()[..8].to_string()))
}

fn as_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(true) => "oui".into(),
        Value::Bool(false) => "non".into(),
        other => other.to_string(),
    }
}

fn described(conn: &Connection, v: &Version) -> Result<ConflictVersion> {
    let deleted = v.value == Value::Bool(false);
    Ok(ConflictVersion {
        device_id: v.id.0,
        device_name: device_name(conn, v.id.0)?,
        at: DateTime::<Utc>::from_timestamp_millis(v.hlc.millis as i64).unwrap_or_default(),
        text: if deleted || v.value == Value::Bool(true) {
            String::new()
        } else {
            as_text(&v.value)
        },
        deleted,
    })
}

/// A readable name for a record, from what sync knows of it (even once deleted).
fn label(conn: &Connection, tbl: &str, pk: &str) -> Result<String> {
    let fields = capture::fields(conn, tbl, pk)?;
    let text = |c: &str| fields.get(c).and_then(Value::as_str).map(String::from);
    if let (Some(first), Some(last)) = (text("first_name"), text("last_name")) {
        return Ok(format!("{first} {last}").trim().to_string());
    }
    for column in ["title", "name", "text", "date"] {
        if let Some(t) = text(column) {
            return Ok(t);
        }
    }
    // A child row (an email, a decision…): named after its parent.
    let parent_id = serde_json::from_str::<Vec<Value>>(pk)
        .ok()
        .and_then(|k| k.first().and_then(Value::as_str).map(String::from));
    let parent = [
        "person",
        "organization",
        "session",
        "objective",
        "engagement",
        "interaction",
        "seminar",
        "team",
    ]
    .into_iter()
    .find(|p| tbl.starts_with(&format!("{p}_")));
    if let (Some(parent), Some(id)) = (parent, parent_id) {
        let key = Value::Array(vec![Value::String(id)]).to_string();
        return label(conn, parent, &key);
    }
    Ok(pk.to_string())
}

fn build(conn: &Connection, row: Row) -> Result<Conflict> {
    let loser_id = parse_version_key(&row.id)
        .ok_or_else(|| Error::Internal(format!("malformed conflict id {}", row.id)))?;
    let loser = version(conn, loser_id)?;
    // (The version that won may have been erased since: the data says what is kept.)
    let winner = version(conn, row.winner).unwrap_or_else(|_| loser.clone());
    let kind = match row.kind.as_str() {
        "text" => ConflictKind::Text,
        "deleted" => ConflictKind::Deleted,
        _ => ConflictKind::Edit,
    };
    // "Kept" is what the data holds: the field's current winner, which may be neither of the
    // two versions first found in conflict (three laptops, two of them agreeing).
    let heads: Vec<Version> = if kind == ConflictKind::Deleted {
        Vec::new()
    } else {
        versions::versions(conn, &row.tbl, &row.pk, Some(&row.col), true)?
            .into_iter()
            .map(|(_, v)| v)
            .collect()
    };
    let current = heads.iter().max_by_key(|v| v.rank()).cloned();
    // A field's conflict is settled once the record is gone (deleted everywhere after all).
    let exists = capture::record_alive(conn, &row.tbl, &row.pk)?.unwrap_or(false);
    let open = exists
        && match kind {
            ConflictKind::Edit => {
                loser.head && current.as_ref().is_some_and(|c| c.value != loser.value)
            }
            ConflictKind::Text => {
                loser.head
                    && versions::resolve(&row.tbl, &row.col, heads)
                        .is_some_and(|(_, unmerged)| unmerged.contains(&loser.id))
            }
            ConflictKind::Deleted => loser.head,
        };
    // Deleted after all (nothing keeps it any more): the delete is what the data holds.
    let gone = kind == ConflictKind::Deleted && !exists;
    let winner = match (kind, current) {
        // (Once settled, the history keeps the two versions that were in conflict.)
        (ConflictKind::Edit, Some(current)) if open && current.id != loser.id => current,
        // What had kept it, as noted.
        (ConflictKind::Deleted, _) if gone => winner,
        // What kept the record: its latest edit, or the latest record made pointing at it
        // (found from the data, so the same on every laptop whatever came first).
        (ConflictKind::Deleted, _) => {
            let own = versions::versions(conn, &row.tbl, &row.pk, None, true)?
                .into_iter()
                .map(|(_, v)| v)
                .filter(|v| !v.is_delete())
                .max_by_key(|v| v.rank());
            match own {
                Some(v) => v,
                None => {
                    super::apply::strongest_referrer(conn, &row.tbl, &row.pk)?.unwrap_or(winner)
                }
            }
        }
        _ => winner,
    };
    let (mut kept, other) = if gone {
        (described(conn, &loser)?, described(conn, &winner)?)
    } else {
        (described(conn, &winner)?, described(conn, &loser)?)
    };
    if open && kind == ConflictKind::Text {
        // The text the data holds: the winner with the other edits merged into it.
        if let Some(text) = capture::fields(conn, &row.tbl, &row.pk)?.get(&row.col) {
            kept.text = as_text(text);
        }
    }
    let record_id = serde_json::from_str::<Vec<Value>>(&row.pk)
        .ok()
        .and_then(|k| k.first().and_then(Value::as_str).map(String::from))
        .unwrap_or_else(|| row.pk.clone());
    Ok(Conflict {
        id: row.id,
        label: label(conn, &row.tbl, &row.pk)?,
        entity: row.tbl,
        record_id,
        field: row.col,
        kind,
        open,
        kept,
        other,
    })
}

/// The conflict history, newest first (open ones only if asked).
pub(crate) fn list(conn: &Connection, open_only: bool) -> Result<Vec<Conflict>> {
    let mut out = Vec::new();
    for row in rows(conn, "", None)? {
        let conflict = build(conn, row)?;
        if conflict.open || !open_only {
            out.push(conflict);
        }
    }
    out.sort_by(|a, b| b.open.cmp(&a.open).then(b.other.at.cmp(&a.other.at)));
    Ok(out)
}

pub(crate) fn get(conn: &Connection, id: &str) -> Result<Conflict> {
    build(conn, row(conn, id)?)
}

/// The open conflicts among these ids (what one sync found).
pub(crate) fn open_among(conn: &Connection, ids: &[String]) -> Result<Vec<Conflict>> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for id in ids {
        if seen.insert(id.clone()) {
            // (A conflict found in this apply may already be gone: an erasure purges the
            // history of what it erased.)
            let conflict = match get(conn, id) {
                Ok(conflict) => conflict,
                Err(Error::NotFound { .. }) => continue,
                Err(error) => return Err(error),
            };
            if conflict.open {
                out.push(conflict);
            }
        }
    }
    Ok(out)
}

/// Settles a conflict as a new edit made here, having seen both versions: it becomes the
/// only current version on every laptop once synced.
pub(crate) fn resolve(tx: &Connection, id: &str, choice: &ConflictChoice) -> Result<Conflict> {
    let wall = super::engine::now_ms();
    capture::commit_pending(tx, wall)?;
    let row = row(tx, id)?;
    let (tbl, pk, col) = (row.tbl.clone(), row.pk.clone(), row.col.clone());
    let tables = capture::tables(tx)?;
    let table = tables
        .get(&tbl)
        .ok_or_else(|| Error::Internal(format!("conflict on an unknown table {tbl}")))?;
    let key: Vec<rusqlite::types::Value> = serde_json::from_str::<Vec<Value>>(&pk)
        .map_err(|_| Error::Internal("malformed conflict key".into()))?
        .iter()
        .map(capture::to_sql)
        .collect();
    let loser = version(tx, parse_version_key(id).unwrap_or(row.winner))?;
    if row.kind == "deleted" {
        match choice {
            ConflictChoice::Other => {
                // Deleted after all, the usual way: what depends on it goes with it.
                tx.prepare_cached(&format!(
                    "DELETE FROM \"{tbl}\" WHERE {}",
                    table.key_condition()
                ))?
                .execute(rusqlite::params_from_iter(key))?;
                capture::commit_pending(tx, wall)?;
            }
            _ => {
                capture::commit_pending_with(
                    tx,
                    wall,
                    &[(tbl.clone(), pk.clone(), String::new())],
                )?;
            }
        }
    } else {
        let value = match choice {
            ConflictChoice::Kept => capture::fields(tx, &tbl, &pk)?
                .remove(&col)
                .unwrap_or(Value::Null),
            ConflictChoice::Other => loser.value.clone(),
            ConflictChoice::Combined { text } => Value::String(text.clone()),
        };
        let mut params = vec![capture::to_sql(&value)];
        params.extend(key);
        let condition = table
            .key
            .iter()
            .enumerate()
            .map(|(i, k)| format!("\"{k}\" = ?{}", i + 2))
            .collect::<Vec<_>>()
            .join(" AND ");
        tx.prepare_cached(&format!(
            "UPDATE \"{tbl}\" SET \"{col}\" = ?1 WHERE {condition}"
        ))?
        .execute(rusqlite::params_from_iter(params))?;
        let written = [(tbl.clone(), pk.clone())].into_iter().collect();
        super::apply::refresh(tx, &written)?;
        capture::commit_pending_with(tx, wall, &[(tbl, pk, col)])?;
    }
    get(tx, id)
}
