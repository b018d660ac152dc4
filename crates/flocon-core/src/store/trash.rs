//! The trash: what a person deletes on this laptop waits here 30 days before it is gone for
//! good, and can be put back meanwhile.
//!
//! Just before a record is deleted through the store, every row the delete removes (the
//! record, and everything that goes with it by `ON DELETE CASCADE`: emails, tags, memberships,
//! attendance…) is read and kept, as JSON, in one `trash_item`, in the same transaction as the
//! delete. The references the delete empties (`ON DELETE SET NULL`: the actions a person owned,
//! the sessions of an engagement) are kept too. What goes with what is read from the schema's
//! foreign keys, so a table added later is kept without anyone remembering to.
//!
//! The trash is local (`trash_item` is never synced): the delete itself travels as before, as
//! tombstones. Putting a record back writes its rows again through the ordinary write path, so
//! the sync triggers capture them and the record comes back on the other laptops as well.
//! Deletes applied by sync (another laptop's) do not go through the store's delete methods and
//! leave this laptop's trash alone; a merge of duplicates has its own undo and is not kept here.
//!
//! Expired items are purged in the transaction of every delete and when the desktop app
//! starts; listing and restoring ignore an expired item that is still there.

use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};

use chrono::{DateTime, Duration, Utc};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;
use uuid::Uuid;

use super::search::{self, SearchKind};
use super::{Store, format_time, parse_time, parse_uuid};
use crate::error::{Entity, Error, Result};
use crate::sync::capture::{from_sql, to_sql};

/// How long a deleted record stays in the trash.
pub const TRASH_DAYS: i64 = 30;

/// The kinds of record a person can delete and find in the trash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TrashKind {
    Person,
    Organization,
    Engagement,
    Session,
    Action,
    Event,
    Objective,
}

const KINDS: [TrashKind; 7] = [
    TrashKind::Person,
    TrashKind::Organization,
    TrashKind::Engagement,
    TrashKind::Session,
    TrashKind::Action,
    TrashKind::Event,
    TrashKind::Objective,
];

impl TrashKind {
    /// The stable code stored and shown to scripts; it is also the record's table.
    pub fn code(self) -> &'static str {
        match self {
            TrashKind::Person => "person",
            TrashKind::Organization => "organization",
            TrashKind::Engagement => "engagement",
            TrashKind::Session => "session",
            TrashKind::Action => "action",
            TrashKind::Event => "event",
            TrashKind::Objective => "objective",
        }
    }

    fn table(self) -> &'static str {
        self.code()
    }

    fn from_code(code: &str) -> Result<TrashKind> {
        KINDS
            .into_iter()
            .find(|k| k.code() == code)
            .ok_or_else(|| Error::Internal(format!("unknown kind {code:?} in the trash")))
    }

    fn entity(self) -> Entity {
        match self {
            TrashKind::Person => Entity::Person,
            TrashKind::Organization => Entity::Organization,
            TrashKind::Engagement => Entity::Engagement,
            TrashKind::Session => Entity::Session,
            TrashKind::Action => Entity::Action,
            TrashKind::Event => Entity::Event,
            TrashKind::Objective => Entity::Objective,
        }
    }

    /// The name or title a person recognises the record by, from its row.
    fn label(self, row: &Map<String, Value>) -> String {
        let text = |column: &str| row.get(column).and_then(Value::as_str).unwrap_or("");
        match self {
            TrashKind::Person => format!("{} {}", text("first_name"), text("last_name"))
                .trim()
                .to_string(),
            TrashKind::Organization => text("name").to_string(),
            TrashKind::Action => text("text").to_string(),
            TrashKind::Engagement
            | TrashKind::Session
            | TrashKind::Event
            | TrashKind::Objective => text("title").to_string(),
        }
    }
}

impl std::fmt::Display for TrashKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A deleted record waiting in the trash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TrashItem {
    #[ts(type = "string")]
    pub id: Uuid,
    pub kind: TrashKind,
    #[ts(type = "string")]
    pub record_id: Uuid,
    pub label: String,
    pub deleted_at: DateTime<Utc>,
    /// When it will be removed for good: `deleted_at` + 30 days.
    pub expires_at: DateTime<Utc>,
}

/// What a restore put back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TrashRestored {
    pub kind: TrashKind,
    #[ts(type = "string")]
    pub record_id: Uuid,
    pub label: String,
    /// Rows that could not come back because what they point at no longer exists (a
    /// membership of an organisation deleted since): left out, the rest restored.
    pub left_out: u32,
}

impl Store {
    /// The items in the trash, newest first.
    pub fn trash_list(&self) -> Result<Vec<TrashItem>> {
        let cutoff = format_time(Utc::now() - Duration::days(TRASH_DAYS));
        self.db.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, kind, record_id, label, deleted_at FROM trash_item
                 WHERE deleted_at > ?1 ORDER BY deleted_at DESC, id DESC",
            )?;
            let rows = stmt
                .query_map([cutoff], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows.into_iter()
                .map(|(id, kind, record_id, label, deleted_at)| {
                    let deleted_at = parse_time(&deleted_at)?;
                    Ok(TrashItem {
                        id: parse_uuid(&id)?,
                        kind: TrashKind::from_code(&kind)?,
                        record_id: parse_uuid(&record_id)?,
                        label,
                        deleted_at,
                        expires_at: deleted_at + Duration::days(TRASH_DAYS),
                    })
                })
                .collect()
        })
    }

    /// Puts the item's record back with everything that went with it, in one transaction,
    /// and takes the item out of the trash. Rows whose other side is gone are left out (and
    /// counted); a record whose id exists again is refused.
    pub fn trash_restore(&self, id: Uuid) -> Result<TrashRestored> {
        let cutoff = format_time(Utc::now() - Duration::days(TRASH_DAYS));
        self.db.write(|tx| restore(tx, id, &cutoff))
    }

    /// Removes everything from the trash for good; returns how many items there were.
    pub fn trash_empty(&self) -> Result<u64> {
        self.db
            .write(|tx| Ok(tx.execute("DELETE FROM trash_item", [])? as u64))
    }

    /// Removes for good the items deleted 30 days or more before `now`; returns how many.
    pub fn trash_purge_expired(&self, now: DateTime<Utc>) -> Result<u64> {
        self.db.write(|tx| purge_expired(tx, now))
    }
}

fn purge_expired(tx: &Connection, now: DateTime<Utc>) -> Result<u64> {
    let cutoff = format_time(now - Duration::days(TRASH_DAYS));
    Ok(tx
        .prepare_cached("DELETE FROM trash_item WHERE deleted_at <= ?1")?
        .execute([cutoff])? as u64)
}

/// Takes a record out of the trash for good, and every row naming it out of the other items
/// (a deleted organisation's membership of this person): for an erasure, after which nothing
/// of the person may stay on the laptop.
pub(crate) fn trash_forget(tx: &Connection, record_id: Uuid) -> Result<()> {
    let id = record_id.to_string();
    tx.prepare_cached("DELETE FROM trash_item WHERE record_id = ?1")?
        .execute([&id])?;
    let items = tx
        .prepare_cached(
            "SELECT id, rows, links FROM trash_item
             WHERE instr(rows, ?1) > 0 OR instr(links, ?1) > 0",
        )?
        .query_map([&id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let names = |v: &Value| v.as_str() == Some(id.as_str());
    for (item, rows, links) in items {
        let mut rows: Rows = decode(&rows)?;
        for list in rows.values_mut() {
            list.retain(|row| !row.values().any(names));
        }
        rows.retain(|_, list| !list.is_empty());
        let mut links: Vec<Link> = decode(&links)?;
        links.retain(|l| !names(&l.value) && !l.key.values().any(names));
        tx.prepare_cached("UPDATE trash_item SET rows = ?2, links = ?3 WHERE id = ?1")?
            .execute(params![item, encode(&rows)?, encode(&links)?])?;
    }
    Ok(())
}

/// What deleting the row `id` of `table` removes, read from the schema's foreign keys as for
/// the trash: every row that goes with it (table, primary key values in key order), the row
/// itself first even when it no longer exists, and the references it empties (table, key
/// values, column). For the GDPR erasure, which must also find rows pointing at a person who
/// is already gone (another laptop's edit arriving after the erasure).
pub(crate) type Dependents = (Vec<(String, Vec<Value>)>, Vec<(String, Vec<Value>, String)>);

pub(crate) fn dependents(tx: &Connection, table: &str, id: &str) -> Result<Dependents> {
    let schema = Schema::read(tx)?;
    let root = select_rows(tx, table, &["id".into()], &[id.into()])?
        .into_iter()
        .next()
        .unwrap_or_else(|| Map::from_iter([("id".to_string(), Value::from(id))]));
    let (rows, links) = collect(tx, &schema, table, root)?;
    let key_values = |table: &str, row: &Map<String, Value>| -> Vec<Value> {
        schema
            .keys
            .get(table)
            .map(|key| {
                key.iter()
                    .map(|c| row.get(c).cloned().unwrap_or(Value::Null))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut out = vec![(table.to_string(), vec![Value::from(id)])];
    for (t, list) in &rows {
        for row in list {
            let key = key_values(t, row);
            if !(t == table && key == [Value::from(id)]) {
                out.push((t.clone(), key));
            }
        }
    }
    let links = links
        .into_iter()
        .map(|l| {
            let key = schema
                .keys
                .get(&l.table)
                .map(|k| {
                    k.iter()
                        .map(|c| l.key.get(c).cloned().unwrap_or(Value::Null))
                        .collect()
                })
                .unwrap_or_default();
            (l.table, key, l.column)
        })
        .collect();
    Ok((out, links))
}

/// Keeps, in the trash, everything the delete of this record is about to remove. Does nothing
/// when there is no such record (the delete then answers NotFound). Call it in the delete's
/// transaction, just before the delete.
pub(crate) fn keep(tx: &Connection, kind: TrashKind, id: Uuid) -> Result<()> {
    let schema = Schema::read(tx)?;
    let Some(root) = select_rows(tx, kind.table(), &["id".into()], &[id.to_string().into()])?
        .into_iter()
        .next()
    else {
        return Ok(());
    };
    let label = kind.label(&root);
    let (rows, links) = collect(tx, &schema, kind.table(), root)?;
    let now = Utc::now();
    purge_expired(tx, now)?;
    tx.prepare_cached(
        "INSERT INTO trash_item (id, kind, record_id, label, deleted_at, rows, links)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        Uuid::now_v7().to_string(),
        kind.code(),
        id.to_string(),
        label,
        format_time(now),
        encode(&rows)?,
        encode(&links)?,
    ])?;
    Ok(())
}

/// Rows by table, each row as {column: value}.
type Rows = BTreeMap<String, Vec<Map<String, Value>>>;

/// A reference the delete set to NULL, to put back on restore.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Link {
    table: String,
    /// The referencing row's primary key, {column: value}.
    key: Map<String, Value>,
    column: String,
    value: Value,
    /// What it points at.
    parent: String,
    parent_column: String,
}

/// One foreign key of the schema.
#[derive(Debug, Clone)]
struct ForeignKey {
    child: String,
    from: Vec<String>,
    parent: String,
    to: Vec<String>,
    on_delete: String,
}

/// The tables of the schema that hold records, with their keys and foreign keys.
struct Schema {
    keys: BTreeMap<String, Vec<String>>,
    columns: BTreeMap<String, Vec<String>>,
    foreign_keys: Vec<ForeignKey>,
}

impl Schema {
    fn read(conn: &Connection) -> Result<Schema> {
        let names = conn
            .prepare_cached(
                "SELECT name FROM sqlite_schema WHERE type = 'table'
                 AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                 AND name NOT LIKE 'sync\\_%' ESCAPE '\\'
                 AND name NOT LIKE 'search\\_%' ESCAPE '\\'
                 AND name NOT LIKE 'trash\\_%' ESCAPE '\\'
                 AND sql NOT LIKE 'CREATE VIRTUAL%'",
            )?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut schema = Schema {
            keys: BTreeMap::new(),
            columns: BTreeMap::new(),
            foreign_keys: Vec::new(),
        };
        for name in names {
            let mut key: Vec<(i64, String)> = Vec::new();
            let mut columns = Vec::new();
            let mut stmt = conn.prepare_cached("SELECT name, pk FROM pragma_table_info(?1)")?;
            for row in stmt.query_map([&name], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })? {
                let (column, pk) = row?;
                if pk > 0 {
                    key.push((pk, column.clone()));
                }
                columns.push(column);
            }
            key.sort();
            let mut fks: BTreeMap<i64, ForeignKey> = BTreeMap::new();
            let mut stmt = conn.prepare_cached(
                "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?1)
                 ORDER BY id, seq",
            )?;
            for row in stmt.query_map([&name], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })? {
                let (id, parent, from, to, on_delete) = row?;
                let fk = fks.entry(id).or_insert_with(|| ForeignKey {
                    child: name.clone(),
                    from: Vec::new(),
                    parent,
                    to: Vec::new(),
                    on_delete: on_delete.to_ascii_uppercase(),
                });
                fk.from.push(from);
                // An omitted parent column means the parent's primary key.
                fk.to.extend(to);
            }
            schema.foreign_keys.extend(fks.into_values());
            schema
                .keys
                .insert(name.clone(), key.into_iter().map(|(_, c)| c).collect());
            schema.columns.insert(name, columns);
        }
        for fk in &mut schema.foreign_keys {
            if fk.to.is_empty() {
                fk.to = schema.keys.get(&fk.parent).cloned().unwrap_or_default();
            }
        }
        Ok(schema)
    }

    fn key_of(&self, table: &str, row: &Map<String, Value>) -> Map<String, Value> {
        self.keys
            .get(table)
            .map(|key| {
                key.iter()
                    .map(|c| (c.clone(), row.get(c).cloned().unwrap_or(Value::Null)))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The rows of `table` whose `columns` hold `values`, each as {column: value}.
fn select_rows(
    conn: &Connection,
    table: &str,
    columns: &[String],
    values: &[Value],
) -> Result<Vec<Map<String, Value>>> {
    let condition: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("\"{c}\" = ?{}", i + 1))
        .collect();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT * FROM \"{table}\" WHERE {}",
        condition.join(" AND ")
    ))?;
    let names: Vec<String> = stmt.column_names().map(String::from).collect();
    let rows = stmt
        .query_map(rusqlite::params_from_iter(values.iter().map(to_sql)), |r| {
            names
                .iter()
                .enumerate()
                .map(|(i, n)| Ok((n.clone(), from_sql(r.get::<_, SqlValue>(i)?))))
                .collect::<rusqlite::Result<Map<String, Value>>>()
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every row deleting `root` (a row of `table`) removes, by cascade, and every reference it
/// sets to NULL in the rows that stay.
fn collect(
    conn: &Connection,
    schema: &Schema,
    table: &str,
    root: Map<String, Value>,
) -> Result<(Rows, Vec<Link>)> {
    let mut rows = Rows::new();
    let mut links = Vec::new();
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut queue = VecDeque::new();
    seen.insert((table.to_string(), key_text(&schema.key_of(table, &root))));
    queue.push_back((table.to_string(), root));
    while let Some((table, row)) = queue.pop_front() {
        for fk in schema.foreign_keys.iter().filter(|fk| fk.parent == table) {
            let values: Vec<Value> = fk
                .to
                .iter()
                .map(|c| row.get(c).cloned().unwrap_or(Value::Null))
                .collect();
            if values.iter().any(Value::is_null) {
                continue;
            }
            for child in select_rows(conn, &fk.child, &fk.from, &values)? {
                match fk.on_delete.as_str() {
                    "CASCADE" => {
                        let key = key_text(&schema.key_of(&fk.child, &child));
                        if seen.insert((fk.child.clone(), key)) {
                            queue.push_back((fk.child.clone(), child));
                        }
                    }
                    "SET NULL" => {
                        for (from, to) in fk.from.iter().zip(&fk.to) {
                            links.push(Link {
                                table: fk.child.clone(),
                                key: schema.key_of(&fk.child, &child),
                                column: from.clone(),
                                value: child.get(from).cloned().unwrap_or(Value::Null),
                                parent: fk.parent.clone(),
                                parent_column: to.clone(),
                            });
                        }
                    }
                    // RESTRICT / NO ACTION: the delete fails anyway, or the row is not touched.
                    _ => {}
                }
            }
        }
        rows.entry(table).or_default().push(row);
    }
    // A reference inside a row that goes too comes back with its row.
    links.retain(|l| !seen.contains(&(l.table.clone(), key_text(&l.key))));
    Ok((rows, links))
}

fn key_text(key: &Map<String, Value>) -> String {
    Value::Object(key.clone()).to_string()
}

fn encode<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| Error::Internal(format!("cannot encode a trash item: {e}")))
}

fn decode<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text)
        .map_err(|e| Error::Internal(format!("malformed trash item in the database: {e}")))
}

/// Whether a row with these values exists.
fn exists(conn: &Connection, table: &str, columns: &[String], values: &[Value]) -> Result<bool> {
    let condition: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("\"{c}\" = ?{}", i + 1))
        .collect();
    Ok(conn
        .prepare_cached(&format!(
            "SELECT 1 FROM \"{table}\" WHERE {}",
            condition.join(" AND ")
        ))?
        .exists(rusqlite::params_from_iter(values.iter().map(to_sql)))?)
}

/// Whether a row can be written now.
enum Readiness {
    Ready(Map<String, Value>),
    /// Points at a row of the item not written yet.
    Wait,
    /// Points at something that no longer exists.
    Orphan,
}

fn readiness(
    conn: &Connection,
    schema: &Schema,
    table: &str,
    row: &Map<String, Value>,
    all: &[(String, Map<String, Value>)],
    done: &[bool],
    index: usize,
) -> Result<Readiness> {
    let mut row = row.clone();
    for fk in schema.foreign_keys.iter().filter(|fk| fk.child == table) {
        let values: Vec<Value> = fk
            .from
            .iter()
            .map(|c| row.get(c).cloned().unwrap_or(Value::Null))
            .collect();
        if values.iter().any(Value::is_null) || exists(conn, &fk.parent, &fk.to, &values)? {
            continue;
        }
        let waiting = all.iter().enumerate().any(|(i, (t, r))| {
            i != index
                && !done[i]
                && *t == fk.parent
                && fk.to.iter().zip(&values).all(|(c, v)| r.get(c) == Some(v))
        });
        if waiting {
            return Ok(Readiness::Wait);
        }
        if fk.on_delete == "SET NULL" {
            // What it pointed at is gone since: it would have been emptied anyway.
            for c in &fk.from {
                row.insert(c.clone(), Value::Null);
            }
        } else {
            return Ok(Readiness::Orphan);
        }
    }
    Ok(Readiness::Ready(row))
}

fn insert_row(
    tx: &Connection,
    schema: &Schema,
    table: &str,
    row: &Map<String, Value>,
) -> Result<bool> {
    // Columns added since are left to their default; columns dropped since are ignored.
    let columns: Vec<&String> = schema
        .columns
        .get(table)
        .map(|cs| cs.iter().filter(|c| row.contains_key(*c)).collect())
        .unwrap_or_default();
    if columns.is_empty() {
        return Ok(false);
    }
    let names: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    let slots: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let values = columns.iter().map(|c| to_sql(&row[*c]));
    // OR IGNORE: a row that would clash with one written since (a unique key) is left out.
    let written = tx
        .prepare_cached(&format!(
            "INSERT OR IGNORE INTO \"{table}\" ({}) VALUES ({})",
            names.join(", "),
            slots.join(", ")
        ))?
        .execute(rusqlite::params_from_iter(values))?;
    Ok(written == 1)
}

fn search_kind(table: &str) -> Option<SearchKind> {
    [
        SearchKind::Person,
        SearchKind::Organization,
        SearchKind::Interaction,
        SearchKind::Session,
        SearchKind::Action,
        SearchKind::Objective,
    ]
    .into_iter()
    .find(|k| k.table() == table)
}

fn restore(tx: &Connection, id: Uuid, cutoff: &str) -> Result<TrashRestored> {
    let item = tx
        .prepare_cached(
            "SELECT kind, record_id, label, rows, links FROM trash_item
             WHERE id = ?1 AND deleted_at > ?2",
        )?
        .query_row(params![id.to_string(), cutoff], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound {
            entity: Entity::TrashItem,
            id: id.to_string(),
        })?;
    let (kind, record_id, label, rows, links) = item;
    let kind = TrashKind::from_code(&kind)?;
    let record = parse_uuid(&record_id)?;
    let rows: Rows = decode(&rows)?;
    let links: Vec<Link> = decode(&links)?;
    let schema = Schema::read(tx)?;

    if exists(
        tx,
        kind.table(),
        &["id".into()],
        &[record_id.clone().into()],
    )? {
        return Err(Error::Refused(format!(
            "\"{label}\" cannot be put back: a {} with the same id exists again",
            kind.entity()
        )));
    }

    // The record first, then the rest in passes: a row is written once what it points at is
    // there, so parents come before children whatever the tables.
    let root_table = kind.table();
    let is_root = |table: &str, row: &Map<String, Value>| {
        table == root_table && row.get("id").and_then(Value::as_str) == Some(record_id.as_str())
    };
    let mut all: Vec<(String, Map<String, Value>)> = Vec::new();
    for (table, list) in &rows {
        for row in list {
            let entry = (table.clone(), row.clone());
            if is_root(table, row) {
                all.insert(0, entry);
            } else {
                all.push(entry);
            }
        }
    }
    if !all.first().is_some_and(|(t, r)| is_root(t, r)) {
        return Err(Error::Internal(format!(
            "the trash item {id} does not hold its own record"
        )));
    }
    let mut done = vec![false; all.len()];
    let mut written: Vec<(String, Map<String, Value>)> = Vec::new();
    let mut left_out = 0u32;
    loop {
        let mut progress = false;
        for index in 0..all.len() {
            if done[index] {
                continue;
            }
            let (table, row) = &all[index];
            let ready = readiness(tx, &schema, table, row, &all, &done, index)?;
            let root = is_root(table, row);
            match ready {
                Readiness::Wait => continue,
                Readiness::Ready(row) => {
                    if insert_row(tx, &schema, table, &row)? {
                        written.push((table.clone(), row));
                    } else if root {
                        return Err(cannot_restore(&label));
                    } else {
                        left_out += 1;
                    }
                }
                Readiness::Orphan if root => return Err(cannot_restore(&label)),
                Readiness::Orphan => left_out += 1,
            }
            done[index] = true;
            progress = true;
        }
        if !progress {
            break;
        }
    }
    // Rows still waiting point at each other in a circle that nothing outside completes.
    let stuck = done.iter().filter(|d| !**d).count() as u32;
    if stuck > 0 && !done[0] {
        return Err(cannot_restore(&label));
    }
    left_out += stuck;

    // The references the delete had emptied, where nobody has set them since.
    let mut relinked: Vec<&Link> = Vec::new();
    for link in &links {
        if !exists(
            tx,
            &link.parent,
            std::slice::from_ref(&link.parent_column),
            std::slice::from_ref(&link.value),
        )? {
            continue;
        }
        let key: Vec<(&String, &Value)> = link.key.iter().collect();
        let condition: Vec<String> = key
            .iter()
            .enumerate()
            .map(|(i, (c, _))| format!("\"{c}\" = ?{}", i + 2))
            .collect();
        let mut values = vec![to_sql(&link.value)];
        values.extend(key.iter().map(|(_, v)| to_sql(v)));
        let changed = tx
            .prepare_cached(&format!(
                "UPDATE OR IGNORE \"{}\" SET \"{}\" = ?1 WHERE {} AND \"{}\" IS NULL",
                link.table,
                link.column,
                condition.join(" AND "),
                link.column
            ))?
            .execute(rusqlite::params_from_iter(values))?;
        if changed > 0 {
            relinked.push(link);
        }
    }

    // Keys and search: the records written, those their rows point at (an interaction shows
    // its participants' names), and those whose references came back.
    let mut reindex: BTreeSet<(SearchKind, String)> = BTreeSet::new();
    for (table, row) in &written {
        let id = row.get("id").and_then(Value::as_str);
        match (table.as_str(), id) {
            ("person", Some(id)) => super::refresh_person_keys(tx, id)?,
            ("organization", Some(id)) => super::refresh_organization_keys(tx, id)?,
            _ => {}
        }
        if let (Some(kind), Some(id)) = (search_kind(table), id) {
            reindex.insert((kind, id.to_string()));
        }
        for fk in schema.foreign_keys.iter().filter(|fk| fk.child == *table) {
            if let (Some(kind), [from]) = (search_kind(&fk.parent), fk.from.as_slice())
                && let Some(target) = row.get(from).and_then(Value::as_str)
            {
                reindex.insert((kind, target.to_string()));
            }
        }
    }
    for link in relinked {
        if let (Some(kind), Some(id)) = (
            search_kind(&link.table),
            link.key.get("id").and_then(Value::as_str),
        ) {
            reindex.insert((kind, id.to_string()));
        }
    }
    let mut by_kind: BTreeMap<SearchKind, Vec<String>> = BTreeMap::new();
    for (kind, id) in reindex {
        by_kind.entry(kind).or_default().push(id);
    }
    for (kind, ids) in by_kind {
        search::index_many(tx, kind, &ids)?;
    }

    tx.prepare_cached("DELETE FROM trash_item WHERE id = ?1")?
        .execute([id.to_string()])?;
    Ok(TrashRestored {
        kind,
        record_id: record,
        label,
        left_out,
    })
}

fn cannot_restore(label: &str) -> Error {
    Error::Refused(format!(
        "\"{label}\" cannot be put back: something it depends on no longer exists"
    ))
}
