//! Change capture. Every synced table carries three triggers that note which record changed
//! (in `sync_pending`), whoever wrote it: the store, a migration, a future feature. Nothing
//! can escape sync by taking another path. A *commit* then turns the noted records into field
//! changes by comparing each with the state the last commit or apply left (`sync_field`), and
//! stamps them with a hybrid logical clock time and the causal context: what this laptop had
//! seen of every other when the changes were made.
//!
//! Commits are made lazily, at the start of every sync (and before a conflict is settled):
//! changes made between two syncs were all made on top of the same remote state, so their
//! causal context is exactly what had been applied at the previous sync.

use std::collections::{BTreeMap, HashMap};

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;
use uuid::Uuid;

use super::hlc::{Clock, Hlc};
use crate::error::{Error, Result};

/// Tables that are not synced: the search index is rebuilt from the records, merges keep a
/// local undo snapshot, the trash keeps what this laptop deleted, and sync's own bookkeeping
/// stays on each laptop.
pub(crate) fn is_local(table: &str) -> bool {
    table.starts_with("sync_")
        || table.starts_with("search_")
        || table.starts_with("sqlite_")
        || table.starts_with("trash_")
        || table == "person_merge"
        || table == "erasure_review"
}

/// Columns computed from others (sort and match keys): not sent, recomputed after an apply.
pub(crate) fn is_derived(table: &str, column: &str) -> bool {
    matches!(
        (table, column),
        ("person", "sort_key" | "match_text" | "city_key")
            | ("organization", "sort_key" | "city_key")
            | ("person_phone", "number_key")
            | ("tag", "key")
            | ("roadmap_axis" | "event_series" | "programme", "name_key")
    )
}

/// Long Markdown texts, merged three-way when two laptops edit them at once.
pub(crate) fn is_mergeable(table: &str, column: &str) -> bool {
    matches!(
        (table, column),
        ("person", "notes")
            | ("organization", "description")
            | (
                "interaction",
                "notes"
                    | "interests"
                    | "story"
                    | "resources"
                    | "commitment_asked"
                    | "commitment_given"
            )
            | ("engagement", "goals")
            | ("event", "description" | "notes")
            | ("session", "preparation" | "notes")
            | ("session_template", "body")
            | ("objective", "description")
            | ("seminar", "agenda" | "notes")
    )
}

/// A synced table: its primary key and the columns that travel.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub name: String,
    pub key: Vec<String>,
    /// Every column but the key's and the derived ones, in table order.
    pub columns: Vec<String>,
    /// Derived columns that cannot be NULL: given a placeholder until recomputed.
    pub derived_required: Vec<String>,
}

impl Table {
    pub fn key_condition(&self) -> String {
        self.key
            .iter()
            .enumerate()
            .map(|(i, k)| format!("\"{k}\" = ?{}", i + 1))
            .collect::<Vec<_>>()
            .join(" AND ")
    }
}

/// The synced tables of the schema, by name.
pub(crate) fn tables(conn: &Connection) -> Result<BTreeMap<String, Table>> {
    let names = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
             ORDER BY name",
        )?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = BTreeMap::new();
    for name in names.into_iter().filter(|n| !is_local(n)) {
        let mut key: Vec<(i64, String)> = Vec::new();
        let mut columns = Vec::new();
        let mut derived_required = Vec::new();
        let mut stmt = conn.prepare(&format!("PRAGMA table_info(\"{name}\")"))?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(1)?,
                r.get::<_, i64>(3)? != 0,
                r.get::<_, i64>(5)?,
            ))
        })?;
        for row in rows {
            let (column, not_null, pk) = row?;
            if pk > 0 {
                key.push((pk, column));
            } else if is_derived(&name, &column) {
                if not_null {
                    derived_required.push(column);
                }
            } else {
                columns.push(column);
            }
        }
        if key.is_empty() {
            continue;
        }
        key.sort();
        out.insert(
            name.clone(),
            Table {
                name,
                key: key.into_iter().map(|(_, c)| c).collect(),
                columns,
                derived_required,
            },
        );
    }
    Ok(out)
}

/// (Re)creates the capture triggers of every synced table. Run by the migration that
/// introduced sync, and by every later migration that adds or changes a synced table.
pub(crate) fn install_triggers(conn: &Connection) -> Result<()> {
    for table in tables(conn)?.values() {
        let name = &table.name;
        let key = |row: &str| {
            let parts: Vec<String> = table.key.iter().map(|k| format!("{row}.\"{k}\"")).collect();
            format!("json_array({})", parts.join(", "))
        };
        let note = |row: &str| {
            format!(
                "INSERT INTO sync_pending (tbl, pk, at)
                 VALUES ('{name}', {}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                 ON CONFLICT (tbl, pk) DO UPDATE SET at = excluded.at;",
                key(row)
            )
        };
        let quiet = "WHEN NOT EXISTS (SELECT 1 FROM sync_applying)";
        conn.execute_batch(&format!(
            "DROP TRIGGER IF EXISTS sync_{name}_insert;
             DROP TRIGGER IF EXISTS sync_{name}_update;
             DROP TRIGGER IF EXISTS sync_{name}_delete;
             CREATE TRIGGER sync_{name}_insert AFTER INSERT ON \"{name}\" {quiet}
             BEGIN {new} END;
             CREATE TRIGGER sync_{name}_update AFTER UPDATE ON \"{name}\" {quiet}
             BEGIN {old} {new} END;
             CREATE TRIGGER sync_{name}_delete AFTER DELETE ON \"{name}\" {quiet}
             BEGIN {old} END;",
            new = note("NEW"),
            old = note("OLD"),
        ))?;
    }
    Ok(())
}

/// Migration 5's Rust step: the triggers, this laptop's id, and every record that exists
/// already queued for the first commit, except the rows every laptop seeds identically (the
/// built-in templates and axes), which travel only once someone edits them.
pub(crate) fn after_migration_5(tx: &Connection) -> Result<()> {
    install_triggers(tx)?;
    set_meta(tx, "device_id", &Uuid::now_v7().to_string())?;
    for table in tables(tx)?.values() {
        let key: Vec<String> = table.key.iter().map(|k| format!("\"{k}\"")).collect();
        let seeded = if table.key == ["id"] {
            "WHERE id NOT LIKE '01900000-0000-7000-8000-%'"
        } else {
            ""
        };
        tx.execute(
            &format!(
                "INSERT OR REPLACE INTO sync_pending (tbl, pk, at)
                 SELECT ?1, json_array({}), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 FROM \"{}\" {seeded}",
                key.join(", "),
                table.name
            ),
            [&table.name],
        )?;
    }
    Ok(())
}

pub(crate) fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM sync_meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(crate) fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO sync_meta (key, value) VALUES (?1, ?2)")?
        .execute(params![key, value])?;
    Ok(())
}

pub(crate) fn device_id(conn: &Connection) -> Result<Uuid> {
    let text = meta(conn, "device_id")?
        .ok_or_else(|| Error::Internal("this database has no sync device id".into()))?;
    crate::store::parse_uuid(&text)
}

/// The laptop's clock, as the last commit or apply left it.
pub(crate) fn clock(conn: &Connection, device: Uuid) -> Result<Clock> {
    let last = meta(conn, "clock")?.and_then(|t| t.parse::<Hlc>().ok());
    Ok(Clock::new(device, last))
}

pub(crate) fn save_clock(conn: &Connection, clock: &Clock) -> Result<()> {
    set_meta(conn, "clock", &clock.last().to_string())
}

/// The causal context: for every device, the highest sequence applied here (applied commits
/// are always a contiguous run from 1, since a commit waits for everything it had seen).
pub(crate) fn applied_vector(conn: &Connection) -> Result<BTreeMap<Uuid, u64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT device, max(seq) FROM sync_commit WHERE state = 'applied' GROUP BY device",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(d, s)| Ok((crate::store::parse_uuid(&d)?, s as u64)))
        .collect()
}

/// Reads a record's travelling columns, or None when it does not exist.
pub(crate) fn read_row(
    conn: &Connection,
    table: &Table,
    key: &[Value],
) -> Result<Option<Vec<Value>>> {
    let columns: Vec<String> = table.columns.iter().map(|c| format!("\"{c}\"")).collect();
    let sql = format!(
        "SELECT {} FROM \"{}\" WHERE {}",
        if columns.is_empty() {
            "1".to_string()
        } else {
            columns.join(", ")
        },
        table.name,
        table.key_condition()
    );
    let params = key.iter().map(to_sql).collect::<Vec<_>>();
    let width = table.columns.len();
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(params), |r| {
            (0..width)
                .map(|i| r.get::<_, SqlValue>(i).map(from_sql))
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .optional()?)
}

pub(crate) fn from_sql(value: SqlValue) -> Value {
    match value {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::from(i),
        SqlValue::Real(f) => serde_json::Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null),
        SqlValue::Text(t) => Value::String(t),
        // No synced column holds bytes; keep them readable rather than lose them.
        SqlValue::Blob(b) => Value::String(super::crypto::to_hex(&b)),
    }
}

pub(crate) fn to_sql(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(SqlValue::Integer)
            .or_else(|| n.as_f64().map(SqlValue::Real))
            .unwrap_or(SqlValue::Null),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

/// One field change, as it travels.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Change {
    pub tbl: String,
    /// The record's primary key, as a JSON array.
    pub pk: String,
    /// The column, or "" for the record's existence.
    pub col: String,
    pub value: Value,
    /// The text this change replaced, for texts merged three-way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    pub hlc: Hlc,
}

/// A batch of changes made together on one laptop.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Commit {
    pub device: Uuid,
    pub seq: u64,
    /// The highest sequence of every device seen when these changes were made (including the
    /// writer's own previous one).
    pub seen: BTreeMap<Uuid, u64>,
    pub schema: i64,
    pub changes: Vec<Change>,
}

impl Commit {
    /// Whether the version `(device, seq)` was known when this commit was made.
    pub fn has_seen(&self, device: Uuid, seq: u64) -> bool {
        self.seen.get(&device).is_some_and(|&s| s >= seq)
    }

    pub fn hlc(&self) -> Option<Hlc> {
        self.changes.iter().map(|c| c.hlc).max()
    }
}

/// Turns the records changed here since the last commit into a commit, and records it as
/// applied (its versions become the heads of their fields). Returns None when nothing changed.
pub(crate) fn commit_pending(tx: &Connection, wall_ms: u64) -> Result<Option<Commit>> {
    commit_pending_with(tx, wall_ms, &[])
}

/// A field a commit must carry even if its value did not change: settling a conflict by
/// keeping the value the data holds still has to say "I saw both and chose".
pub(crate) type Forced = (String, String, String);

pub(crate) fn commit_pending_with(
    tx: &Connection,
    wall_ms: u64,
    forced: &[Forced],
) -> Result<Option<Commit>> {
    for (tbl, pk, _) in forced {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO sync_pending (tbl, pk, at)
             VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
        )?
        .execute([tbl, pk])?;
    }
    let pending = tx
        .prepare_cached("SELECT tbl, pk, at FROM sync_pending ORDER BY at, tbl, pk")?
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if pending.is_empty() {
        return Ok(None);
    }
    let device = device_id(tx)?;
    let mut clock = clock(tx, device)?;
    let tables = tables(tx)?;

    // Each record's changes, in the order of their last change.
    let mut records: Vec<(&str, Vec<Change>)> = Vec::new();
    for (tbl, pk, at) in &pending {
        let Some(table) = tables.get(tbl) else {
            continue;
        };
        let key: Vec<Value> = serde_json::from_str(pk)
            .map_err(|_| Error::Internal(format!("malformed pending key {pk:?}")))?;
        let edited = crate::store::parse_time(at)
            .map(|t| t.timestamp_millis().max(0) as u64)
            .unwrap_or(wall_ms)
            .min(wall_ms);
        let hlc = clock.tick(edited);
        let row = read_row(tx, table, &key)?;
        let alive = record_alive(tx, tbl, pk)?;
        let fields = fields(tx, tbl, pk)?;
        let must = |col: &str| {
            forced
                .iter()
                .any(|(t, p, c)| t == tbl && p == pk && c == col)
        };
        let mut changes = Vec::new();
        let mut push = |col: &str, value: Value| {
            let base = if is_mergeable(tbl, col) {
                fields.get(col).and_then(|v| v.as_str()).map(String::from)
            } else {
                None
            };
            changes.push(Change {
                tbl: tbl.clone(),
                pk: pk.clone(),
                col: col.to_string(),
                value,
                base,
                hlc,
            });
        };
        match (row, alive) {
            (Some(values), Some(true)) => {
                if must("") {
                    push("", Value::Bool(true));
                }
                for (col, value) in table.columns.iter().zip(values) {
                    if fields.get(col) != Some(&value) || must(col) {
                        push(col, value);
                    }
                }
            }
            (Some(values), _) => {
                push("", Value::Bool(true));
                for (col, value) in table.columns.iter().zip(values) {
                    push(col, value);
                }
            }
            (None, Some(true)) => push("", Value::Bool(false)),
            (None, _) => {}
        }
        if !changes.is_empty() {
            records.push((at.as_str(), changes));
        }
    }
    tx.execute("DELETE FROM sync_pending", [])?;
    save_clock(tx, &clock)?;

    let bound = size_setting(tx, "commit_bytes", COMMIT_BYTES)?;
    let references = super::references::References::read(tx, &tables)?;
    let mut last = None;
    for changes in bounded_commits(records, bound) {
        let mut seen = applied_vector(tx)?;
        let seq = seen.get(&device).copied().unwrap_or(0) + 1;
        seen.insert(device, seq - 1);
        let commit = Commit {
            device,
            seq,
            seen,
            schema: crate::db::SYNC_SCHEMA_VERSION,
            changes,
        };
        super::versions::record_local(tx, &commit, &references)?;
        last = Some(commit);
    }
    Ok(last)
}

/// A size the sync keeps to (bytes per commit, per file): `default`, unless a test set it, in
/// the meta `name` (core tests) or the environment `FLOCON_SYNC_<NAME>` (tests of the binary,
/// which make with a few hundred contacts what years of a team's data would).
pub(crate) fn size_setting(conn: &Connection, name: &str, default: usize) -> Result<usize> {
    let from_env = || {
        std::env::var(format!("FLOCON_SYNC_{}", name.to_uppercase()))
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
    };
    Ok(meta(conn, name)?
        .and_then(|v| v.parse::<usize>().ok())
        .or_else(from_env)
        .unwrap_or(default)
        .max(1))
}

/// About how many bytes of changes one commit holds at most, so that the files carrying them
/// stay small (a first sync of years of data is many commits, not one). A setting, for tests:
/// the meta `commit_bytes`.
const COMMIT_BYTES: usize = 2 * 1024 * 1024;

/// Cuts the records' changes into commits of about `bound` bytes, between records. Never
/// between records changed by the same statement when one of them was deleted: a delete and
/// what it took with it (cascaded children, emptied references) must stay in one commit, since
/// that is how another laptop tells them from deletes of their own (`apply::is_cascaded`).
fn bounded_commits(records: Vec<(&str, Vec<Change>)>, bound: usize) -> Vec<Vec<Change>> {
    let with_delete: std::collections::HashSet<&str> = records
        .iter()
        .filter(|(_, changes)| {
            changes
                .iter()
                .any(|c| c.col.is_empty() && c.value == Value::Bool(false))
        })
        .map(|(at, _)| *at)
        .collect();
    let mut out: Vec<Vec<Change>> = Vec::new();
    let mut size = 0usize;
    let mut previous: Option<&str> = None;
    for (at, changes) in records {
        let same_statement = previous == Some(at) && with_delete.contains(at);
        if out.is_empty() || (size >= bound && !same_statement) {
            out.push(Vec::new());
            size = 0;
        }
        size += changes.iter().map(approximate_size).sum::<usize>();
        if let Some(commit) = out.last_mut() {
            commit.extend(changes);
        }
        previous = Some(at);
    }
    out
}

/// About what a change weighs once written (its JSON, without the clock's exact width).
fn approximate_size(change: &Change) -> usize {
    let text = |v: &Value| match v {
        Value::String(s) => s.len(),
        _ => 8,
    };
    80 + change.tbl.len()
        + change.pk.len()
        + change.col.len()
        + text(&change.value)
        + change.base.as_ref().map_or(0, String::len)
}

/// Whether the record exists as far as sync knows (None: sync has never seen it).
pub(crate) fn record_alive(conn: &Connection, tbl: &str, pk: &str) -> Result<Option<bool>> {
    Ok(super::keys::alive(conn, tbl, pk)?.map(|a| a != 0))
}

/// The record's fields as sync last left them.
pub(crate) fn fields(conn: &Connection, tbl: &str, pk: &str) -> Result<HashMap<String, Value>> {
    match super::keys::record(conn, tbl, pk)? {
        Some(rec) => fields_of(conn, rec),
        None => Ok(HashMap::new()),
    }
}

/// The fields of record number `rec` as sync last left them (a field left at the value of its
/// only head is read from that head: `versions::set_field`).
pub(crate) fn fields_of(conn: &Connection, rec: i64) -> Result<HashMap<String, Value>> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.col, coalesce(f.value, (SELECT v.value FROM sync_version v
                                         WHERE v.rec = f.rec AND v.col = f.col AND v.head = 1))
         FROM sync_field f WHERE f.rec = ?1",
    )?;
    let rows = stmt
        .query_map([rec], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(c, v)| {
            let v = v.unwrap_or_default();
            let value = serde_json::from_str(&v)
                .map_err(|_| Error::Internal(format!("malformed sync value {v:?}")))?;
            Ok((c, value))
        })
        .collect()
}
