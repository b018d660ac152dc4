//! Writing what the version store says into the records themselves, for the records a sync
//! touched: fields, existence, and then what SQL constraints need that no single version
//! says — a record that another one still refers to stays (brought back if it was deleted),
//! sort and match keys are recomputed, search is re-indexed.
//!
//! Foreign keys are off while this runs (no cascade may delete what the versions keep), and
//! checked at the end: an apply that would leave a dangling reference fails and changes nothing.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{Connection, params};
use serde_json::Value;

use super::capture::{self, Table, to_sql};
use super::versions::{self, Causality};
use crate::error::{Error, Result};
use crate::store::search::{self, SearchKind};
use crate::text::fold;

pub(crate) type RecordKey = (String, String);

/// `sync_record.alive`: 1 exists by its own versions; 2 exists only because another record
/// refers to it.
const REFERENCED: i64 = 2;

struct ForeignKey {
    child: String,
    column: String,
    parent: String,
}

fn foreign_keys(conn: &Connection, tables: &BTreeMap<String, Table>) -> Result<Vec<ForeignKey>> {
    let mut out = Vec::new();
    for name in tables.keys() {
        let mut stmt = conn.prepare(&format!("PRAGMA foreign_key_list(\"{name}\")"))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(2)?, r.get::<_, String>(3)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (parent, column) in rows {
            out.push(ForeignKey {
                child: name.clone(),
                column,
                parent,
            });
        }
    }
    Ok(out)
}

fn key_values(pk: &str) -> Result<Vec<Value>> {
    serde_json::from_str(pk).map_err(|_| Error::Internal(format!("malformed record key {pk:?}")))
}

fn id_key(id: &str) -> String {
    Value::Array(vec![Value::String(id.to_string())]).to_string()
}

/// Writes the touched records; returns every record written or removed (for re-indexing).
pub(crate) fn materialize(
    tx: &Connection,
    tables: &BTreeMap<String, Table>,
    causality: &mut Causality,
    touched: &BTreeSet<RecordKey>,
) -> Result<BTreeSet<RecordKey>> {
    let fks = foreign_keys(tx, tables)?;
    let mut written = BTreeSet::new();
    for (tbl, pk) in touched {
        let Some(table) = tables.get(tbl) else {
            continue;
        };
        let heads = versions::versions(tx, tbl, pk, None, true)?;
        let alive = versions::alive(tx, causality, &heads)?;
        let mut by_col: BTreeMap<String, Vec<versions::Version>> = BTreeMap::new();
        for (col, v) in heads {
            by_col.entry(col).or_default().push(v);
        }
        for (col, heads) in by_col {
            if col.is_empty() {
                continue;
            }
            if let Some((value, _)) = versions::resolve(tbl, &col, heads) {
                versions::set_field(tx, tbl, pk, &col, &value)?;
            }
        }
        set_state(tx, tbl, pk, i64::from(alive))?;
        if alive {
            write_row(tx, table, pk)?;
        } else {
            delete_row(tx, table, pk)?;
        }
        written.insert((tbl.clone(), pk.clone()));
    }
    keep_referenced(tx, tables, &fks, &mut written)?;
    Ok(written)
}

fn set_state(tx: &Connection, tbl: &str, pk: &str, state: i64) -> Result<()> {
    tx.prepare_cached("INSERT OR REPLACE INTO sync_record (tbl, pk, alive) VALUES (?1, ?2, ?3)")?
        .execute(params![tbl, pk, state])?;
    Ok(())
}

fn state(tx: &Connection, tbl: &str, pk: &str) -> Result<Option<i64>> {
    use rusqlite::OptionalExtension;
    Ok(tx
        .prepare_cached("SELECT alive FROM sync_record WHERE tbl = ?1 AND pk = ?2")?
        .query_row([tbl, pk], |r| r.get(0))
        .optional()?)
}

fn write_row(tx: &Connection, table: &Table, pk: &str) -> Result<()> {
    let fields = capture::fields(tx, &table.name, pk)?;
    let mut columns: Vec<String> = table.key.clone();
    let mut values: Vec<rusqlite::types::Value> = key_values(pk)?.iter().map(to_sql).collect();
    let mut updates = Vec::new();
    for column in &table.columns {
        if let Some(value) = fields.get(column) {
            columns.push(column.clone());
            values.push(to_sql(value));
            updates.push(format!("\"{column}\" = excluded.\"{column}\""));
        }
    }
    for column in &table.derived_required {
        // Unique until recomputed (some of these keys are UNIQUE).
        columns.push(column.clone());
        values.push(rusqlite::types::Value::Text(format!("\u{1}{pk}")));
    }
    let quoted: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let key: Vec<String> = table.key.iter().map(|c| format!("\"{c}\"")).collect();
    let conflict = if updates.is_empty() {
        "DO NOTHING".to_string()
    } else {
        format!("DO UPDATE SET {}", updates.join(", "))
    };
    if table.name == "objective" {
        free_carried_from(tx, pk, fields.get("carried_from_id"))?;
    }
    tx.prepare_cached(&format!(
        "INSERT INTO \"{}\" ({}) VALUES ({}) ON CONFLICT ({}) {conflict}",
        table.name,
        quoted.join(", "),
        marks.join(", "),
        key.join(", "),
    ))?
    .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

/// Two laptops carried the same objective to the next quarter at once: both objectives are
/// kept, and the link stays with the one created first (the smaller id).
fn free_carried_from(tx: &Connection, pk: &str, origin: Option<&Value>) -> Result<()> {
    let Some(Value::String(origin)) = origin else {
        return Ok(());
    };
    let id = key_values(pk)?
        .first()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default();
    tx.prepare_cached(
        "UPDATE objective SET carried_from_id = NULL WHERE carried_from_id = ?1 AND id > ?2",
    )?
    .execute(params![origin, id])?;
    Ok(())
}

fn delete_row(tx: &Connection, table: &Table, pk: &str) -> Result<()> {
    let values: Vec<rusqlite::types::Value> = key_values(pk)?.iter().map(to_sql).collect();
    tx.prepare_cached(&format!(
        "DELETE FROM \"{}\" WHERE {}",
        table.name,
        table.key_condition()
    ))?
    .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

/// A record that a remaining record refers to stays, even if deleted (an edit made without
/// seeing the delete linked to it); one that stayed only for that goes once nothing refers to
/// it any more.
fn keep_referenced(
    tx: &Connection,
    tables: &BTreeMap<String, Table>,
    fks: &[ForeignKey],
    written: &mut BTreeSet<RecordKey>,
) -> Result<()> {
    let mut work: Vec<RecordKey> = written.iter().cloned().collect();
    // Parents of what changed may have lost their last reference.
    for (tbl, pk) in written.iter() {
        let fields = capture::fields(tx, tbl, pk)?;
        for fk in fks.iter().filter(|f| &f.child == tbl) {
            if let Some(Value::String(id)) = fields.get(&fk.column) {
                work.push((fk.parent.clone(), id_key(id)));
            }
        }
    }
    let mut guard = 0usize;
    while let Some((tbl, pk)) = work.pop() {
        guard += 1;
        if guard > 1_000_000 {
            return Err(Error::Internal("sync: references do not settle".into()));
        }
        let Some(table) = tables.get(&tbl) else {
            continue;
        };
        let Some(current) = state(tx, &tbl, &pk)? else {
            continue;
        };
        if current == 1 {
            continue;
        }
        let referenced = is_referenced(tx, fks, &tbl, &pk)?;
        let next = match (current, referenced) {
            (0, true) => REFERENCED,
            (REFERENCED, false) => 0,
            _ => continue,
        };
        set_state(tx, &tbl, &pk, next)?;
        if next == REFERENCED {
            write_row(tx, table, &pk)?;
        } else {
            delete_row(tx, table, &pk)?;
        }
        written.insert((tbl.clone(), pk.clone()));
        let fields = capture::fields(tx, &tbl, &pk)?;
        for fk in fks.iter().filter(|f| f.child == tbl) {
            if let Some(Value::String(id)) = fields.get(&fk.column) {
                work.push((fk.parent.clone(), id_key(id)));
            }
        }
    }
    Ok(())
}

fn is_referenced(tx: &Connection, fks: &[ForeignKey], tbl: &str, pk: &str) -> Result<bool> {
    let Some(Value::String(id)) = key_values(pk)?.into_iter().next() else {
        return Ok(false);
    };
    for fk in fks.iter().filter(|f| f.parent == tbl) {
        let found = tx
            .prepare_cached(&format!(
                "SELECT 1 FROM \"{}\" WHERE \"{}\" = ?1 LIMIT 1",
                fk.child, fk.column
            ))?
            .exists([&id])?;
        if found {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Recomputes the derived columns and the search index of what was written.
pub(crate) fn refresh(tx: &Connection, written: &BTreeSet<RecordKey>) -> Result<()> {
    let mut owners: BTreeSet<(SearchKind, String)> = BTreeSet::new();
    let mut tags = false;
    for (tbl, pk) in written {
        let values = key_values(pk)?;
        let first = values
            .first()
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        match tbl.as_str() {
            "person" | "person_email" | "person_phone" | "person_tag" | "person_sector"
            | "person_circle" => {
                owners.insert((SearchKind::Person, first.clone()));
            }
            "organization" | "organization_tag" => {
                owners.insert((SearchKind::Organization, first.clone()));
            }
            "interaction" | "interaction_person" | "interaction_suggestion" => {
                owners.insert((SearchKind::Interaction, first.clone()));
            }
            "session" | "session_organization" | "session_person" | "session_decision" => {
                owners.insert((SearchKind::Session, first.clone()));
            }
            "action" => {
                owners.insert((SearchKind::Action, first.clone()));
            }
            "objective"
            | "objective_owner"
            | "objective_indicator"
            | "objective_organization"
            | "objective_engagement" => {
                owners.insert((SearchKind::Objective, first.clone()));
            }
            "tag" => tags = true,
            _ => {}
        }
        if tbl == "person_phone" {
            let position = values.get(1).and_then(Value::as_i64).unwrap_or_default();
            let number: Option<String> = tx
                .prepare_cached(
                    "SELECT number FROM person_phone WHERE person_id = ?1 AND position = ?2",
                )?
                .query_row(params![first, position], |r| r.get(0))
                .ok();
            if let Some(number) = number {
                tx.prepare_cached(
                    "UPDATE person_phone SET number_key = ?3 WHERE person_id = ?1 AND position = ?2",
                )?
                .execute(params![
                    first,
                    position,
                    crate::store::phone_key(&number)
                ])?;
            }
        }
        if matches!(tbl.as_str(), "roadmap_axis" | "event_series" | "programme") {
            refresh_unique_key(tx, tbl, "name_key", &first)?;
        }
        if tbl == "tag" {
            refresh_unique_key(tx, "tag", "key", &first)?;
        }
    }
    if tags {
        // A renamed tag changes the match text of everyone who has it.
        for id in tx
            .prepare_cached("SELECT DISTINCT person_id FROM person_tag")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
        {
            owners.insert((SearchKind::Person, id));
        }
    }
    // Keys first, then the index in a few statements per kind (see `search::index_many`).
    let mut gone: BTreeMap<SearchKind, Vec<String>> = BTreeMap::new();
    let mut present: BTreeMap<SearchKind, Vec<String>> = BTreeMap::new();
    for (kind, id) in owners {
        let exists = tx
            .prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", kind.table()))?
            .exists([&id])?;
        if !exists {
            gone.entry(kind).or_default().push(id);
            continue;
        }
        match kind {
            SearchKind::Person => crate::store::refresh_person_keys(tx, &id)?,
            SearchKind::Organization => crate::store::refresh_organization_keys(tx, &id)?,
            _ => {}
        }
        present.entry(kind).or_default().push(id);
    }
    for (kind, ids) in gone {
        search::remove_many(tx, kind, &ids)?;
    }
    for (kind, ids) in present {
        search::index_many(tx, kind, &ids)?;
    }
    Ok(())
}

/// A folded unique key (axis names, tags): the record with the smallest id keeps the plain
/// key; another with the same name made on another laptop gets it suffixed with its id, so
/// both stay and can be renamed or merged by hand.
fn refresh_unique_key(tx: &Connection, table: &str, column: &str, id: &str) -> Result<()> {
    let name: Option<String> = tx
        .prepare_cached(&format!("SELECT name FROM {table} WHERE id = ?1"))?
        .query_row([id], |r| r.get(0))
        .ok();
    let Some(name) = name else { return Ok(()) };
    let key = fold(&name);
    let holder: Option<String> = tx
        .prepare_cached(&format!(
            "SELECT id FROM {table} WHERE {column} = ?1 AND id <> ?2"
        ))?
        .query_row([&key, id], |r| r.get(0))
        .ok();
    match holder {
        Some(other) if other.as_str() < id => {
            tx.prepare_cached(&format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"))?
                .execute(params![id, format!("{key} #{id}")])?;
        }
        Some(other) => {
            tx.prepare_cached(&format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"))?
                .execute(params![other, format!("{key} #{other}")])?;
            tx.prepare_cached(&format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"))?
                .execute(params![id, key])?;
        }
        None => {
            tx.prepare_cached(&format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"))?
                .execute(params![id, key])?;
        }
    }
    Ok(())
}

/// Fails (so the whole apply rolls back) if a reference dangles.
pub(crate) fn check_references(tx: &Connection) -> Result<()> {
    let mut stmt = tx.prepare("PRAGMA foreign_key_check")?;
    let broken = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if let Some((child, parent)) = broken.first() {
        return Err(Error::Internal(format!(
            "sync would leave a {child} pointing at a missing {parent}; nothing was applied"
        )));
    }
    Ok(())
}
