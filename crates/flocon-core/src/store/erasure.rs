//! The GDPR erasure (Art. 17): "Effacer cette personne".
//!
//! In one transaction, `Store::erase_person` writes an `erasure` row (synced, holding only the
//! person's id) and purges the person from this laptop:
//! - the person and every row that goes with them (emails, memberships, attendance, session
//!   participations…, found from the schema's foreign keys as for the trash) are deleted; the
//!   references that would be emptied by the delete are emptied (an action they owned stays,
//!   unowned);
//! - the trash forgets them, and merge undo snapshots naming them go;
//! - the sync history of every erased row (its versions, fields, state, conflicts, pending
//!   changes, and its changes inside stored commits not applied yet) goes too; the rows are
//!   listed in `sync_purged` (table and key only), so that a change arriving later for one of
//!   them, from a laptop that had not seen the erasure, is dropped: the purge beats any
//!   concurrent edit, whatever its clock;
//! - the records whose texts mention the person's full name are flagged for someone to reread
//!   (`erasure_review`): the erasure does not rewrite free text.
//!
//! The other laptops run the same purge when the `erasure` row reaches them (see
//! `sync::erase`), and every laptop then rewrites its own files of the shared folder without
//! the purged rows' changes (docs/sync-format.md, "Erasure").

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;
use uuid::Uuid;

use super::{Store, format_time, not_found, parse_uuid};
use crate::error::{Entity, Error, Result};
use crate::sync::capture::{self, Commit};
use crate::sync::references;
use crate::text::fold;

/// How many rows of one table an erasure removed (or unlinked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErasedRows {
    pub table: String,
    pub rows: u32,
}

/// A record whose text mentions the erased person by name: to be reread by someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FlaggedRecord {
    /// person, organization, interaction, engagement, session, event, objective, seminar
    pub kind: String,
    #[ts(type = "string")]
    pub id: Uuid,
    pub title: String,
}

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ErasureReport {
    #[ts(type = "string")]
    pub person_id: Uuid,
    pub erased_at: chrono::DateTime<Utc>,
    /// Rows removed, per table (the person's own row included).
    pub removed: Vec<ErasedRows>,
    /// Rows that stay with their reference to the person emptied (an action they owned).
    pub unlinked: Vec<ErasedRows>,
    /// Records whose texts mention the person's name: not changed, to be reread.
    pub flagged: Vec<FlaggedRecord>,
}

/// The texts searched for the erased person's name: (kind and table, title, text columns).
const TEXTS: &[(&str, &str, &[&str])] = &[
    ("person", "trim(first_name || ' ' || last_name)", &["notes"]),
    ("organization", "name", &["description"]),
    (
        "interaction",
        "date || ' ' || kind",
        &[
            "notes",
            "interests",
            "story",
            "resources",
            "commitment_asked",
            "commitment_given",
        ],
    ),
    ("engagement", "title", &["goals"]),
    ("session", "title", &["preparation", "notes"]),
    ("event", "title", &["description", "notes"]),
    ("objective", "title", &["description"]),
    ("seminar", "title", &["agenda", "notes"]),
];

impl Store {
    /// Erases the person everywhere (GDPR Art. 17): see the module's documentation. A person
    /// already deleted (in the trash, or known only to the sync history) can be erased too; an
    /// unknown id is NotFound and changes nothing.
    pub fn erase_person(&self, id: Uuid) -> Result<ErasureReport> {
        let report = self.db.write(|tx| {
            let key = id.to_string();
            let known = tx
                .prepare_cached("SELECT 1 FROM person WHERE id = ?1")?
                .exists([&key])?
                || tx
                    .prepare_cached(
                        "SELECT 1 FROM trash_item WHERE record_id = ?1 AND kind = 'person'",
                    )?
                    .exists([&key])?
                // Deleted, and gone from the trash, but still in the sync history.
                || tx
                    .prepare_cached(
                        "SELECT 1 FROM sync_key
                         WHERE tbl = 'person' AND pk = ?1 AND alive IS NOT NULL",
                    )?
                    .exists([Value::Array(vec![Value::String(key.clone())]).to_string()])?;
            if !known {
                return Err(not_found(Entity::Person, id));
            }
            let now = format_time(Utc::now());
            tx.prepare_cached(
                "INSERT INTO erasure (id, erased_at) VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING",
            )?
            .execute(params![key, now])?;
            purge_person(tx, id)
        })?;
        // Nothing of them left in the file's free pages, the search index or the log.
        self.db.scrub()?;
        if let Some(data_dir) = self.db.path().parent() {
            purge_backups(data_dir, &[(id, format_time(report.erased_at))]);
        }
        Ok(report)
    }

    /// The records flagged by erasures for rereading (they mention an erased person's name).
    pub fn erasure_review(&self) -> Result<Vec<FlaggedRecord>> {
        self.db.read(|c| {
            let rows = c
                .prepare_cached(
                    "SELECT record_kind, record_id FROM erasure_review
                     ORDER BY erased_at DESC, record_kind, record_id",
                )?
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut out = Vec::new();
            for (kind, id) in rows {
                let Some((_, title, _)) = TEXTS.iter().find(|(k, _, _)| *k == kind) else {
                    continue;
                };
                let title: Option<String> = c
                    .prepare_cached(&format!("SELECT {title} FROM \"{kind}\" WHERE id = ?1"))?
                    .query_row([&id], |r| r.get(0))
                    .optional()?;
                if let Some(title) = title {
                    out.push(FlaggedRecord {
                        kind,
                        id: parse_uuid(&id)?,
                        title,
                    });
                }
            }
            Ok(out)
        })
    }
}

/// A table's primary key columns, in key order (as the sync keys list their values).
fn key_columns(tx: &Connection, table: &str) -> Result<Vec<String>> {
    let mut key: Vec<(i64, String)> = tx
        .prepare_cached("SELECT pk, name FROM pragma_table_info(?1) WHERE pk > 0")?
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    key.sort();
    Ok(key.into_iter().map(|(_, c)| c).collect())
}

fn key_text(values: &[Value]) -> String {
    Value::Array(values.to_vec()).to_string()
}

/// Removes the person and everything that goes with them from this laptop, with their sync
/// history (see the module's documentation). Works with foreign keys on (an erasure made
/// here) or off (one applied by sync: nothing cascades, so every row is deleted here).
pub(crate) fn purge_person(tx: &Connection, id: Uuid) -> Result<ErasureReport> {
    let key = id.to_string();
    let erased_at = tx
        .prepare_cached("SELECT erased_at FROM erasure WHERE id = ?1")?
        .query_row([&key], |r| r.get::<_, String>(0))
        .optional()?
        .map(|t| super::parse_time(&t))
        .transpose()?
        .unwrap_or_else(Utc::now);
    // Duplicates merged into them here are the same person: erased with them, on every laptop
    // (an erasure row each; the merge's record is local to this laptop).
    let merged: Vec<String> = tx
        .prepare_cached(
            "SELECT merged_id FROM person_merge
             WHERE kept_id = ?1 AND undone_at IS NULL AND merged_id <> ?1",
        )?
        .query_map([&key], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let flagged = mentions(tx, &key)?;
    for record in &flagged {
        tx.prepare_cached(
            "INSERT OR REPLACE INTO erasure_review (record_kind, record_id, erased_at)
             VALUES (?1, ?2, ?3)",
        )?
        .execute(params![
            record.kind,
            record.id.to_string(),
            format_time(erased_at)
        ])?;
    }

    let person_exists = tx
        .prepare_cached("SELECT 1 FROM person WHERE id = ?1")?
        .exists([&key])?;
    // Their name as this laptop knew it: from the row, or from the sync history once deleted.
    let name: Option<String> = {
        let pk = Value::Array(vec![Value::String(key.clone())]).to_string();
        let fields = capture::fields(tx, "person", &pk)?;
        let text = |c: &str| {
            fields
                .get(c)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let row: Option<(String, String)> = tx
            .prepare_cached("SELECT first_name, last_name FROM person WHERE id = ?1")?
            .query_row([&key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (first, last) = row.unwrap_or_else(|| (text("first_name"), text("last_name")));
        let name = format!("{first} {last}").trim().to_string();
        (!name.is_empty()).then_some(name)
    };
    let (rows, links) = super::trash::dependents(tx, "person", &key)?;
    let mut removed: BTreeMap<String, u32> = BTreeMap::new();
    let mut unlinked: BTreeMap<String, u32> = BTreeMap::new();
    let mut touched: BTreeSet<(String, String)> = BTreeSet::new();
    for (table, values, column) in &links {
        let names = key_columns(tx, table)?;
        let condition: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(i, c)| format!("\"{c}\" = ?{}", i + 1))
            .collect();
        let changed = tx
            .prepare_cached(&format!(
                "UPDATE \"{table}\" SET \"{column}\" = NULL WHERE {}",
                condition.join(" AND ")
            ))?
            .execute(rusqlite::params_from_iter(
                values.iter().map(capture::to_sql),
            ))?;
        if changed > 0 {
            *unlinked.entry(table.clone()).or_default() += 1;
        }
        touched.insert((table.clone(), key_text(values)));
    }
    for (i, (table, values)) in rows.iter().enumerate() {
        if i > 0 || person_exists {
            *removed.entry(table.clone()).or_default() += 1;
        }
        let names = key_columns(tx, table)?;
        let condition: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(i, c)| format!("\"{c}\" = ?{}", i + 1))
            .collect();
        tx.prepare_cached(&format!(
            "DELETE FROM \"{table}\" WHERE {}",
            condition.join(" AND ")
        ))?
        .execute(rusqlite::params_from_iter(
            values.iter().map(capture::to_sql),
        ))?;
    }
    // Records of theirs that are rows no more (an email removed before the erasure, all of
    // them if the person was deleted first) still have a sync history: it goes too.
    let present: HashSet<(String, String)> =
        rows.iter().map(|(t, v)| (t.clone(), key_text(v))).collect();
    let former: Vec<(String, Vec<Value>)> = former_dependents(tx, &key)?
        .into_iter()
        .filter(|(t, v)| !present.contains(&(t.clone(), key_text(v))))
        .collect();
    // The sync history of every erased row: only its table and key stay, in `sync_purged`.
    let mut purged: HashSet<(String, String)> = HashSet::new();
    // Deletes of other records whose conflict a purged version won: noted again afterwards
    // from what remains, as on a laptop that never received that version.
    let mut won = BTreeSet::new();
    for (table, values) in rows.iter().chain(&former) {
        let pk = key_text(values);
        won.extend(references::won_by(tx, table, &pk)?);
        // Its versions, the state sync left, what it pointed at and what pointed at it.
        crate::sync::keys::forget(tx, table, &pk)?;
        for sql in [
            "DELETE FROM sync_conflict WHERE tbl = ?1 AND pk = ?2",
            "DELETE FROM sync_pending WHERE tbl = ?1 AND pk = ?2",
            // (Held aside because another laptop's edit of it arrived without the rest:
            // nothing of it is left to hold.)
            "DELETE FROM sync_held WHERE tbl = ?1 AND pk = ?2",
            "INSERT OR IGNORE INTO sync_purged (tbl, pk) VALUES (?1, ?2)",
        ] {
            tx.prepare_cached(sql)?.execute(params![table, pk])?;
        }
        touched.insert((table.clone(), pk.clone()));
        purged.insert((table.clone(), pk));
    }
    if !won.is_empty() {
        let all = references::References::read(tx, &capture::tables(tx)?)?;
        let mut causality = crate::sync::versions::Causality::default();
        for (conflict, table, pk) in won {
            if !purged.contains(&(table.clone(), pk.clone())) {
                references::note_again(tx, &all, &mut causality, &conflict, &table, &pk)?;
            }
        }
    }
    purge_stored_commits(tx, &purged)?;
    super::trash::trash_forget(tx, id)?;
    tx.prepare_cached(
        "DELETE FROM person_merge
         WHERE kept_id = ?1 OR merged_id = ?1 OR instr(snapshot, ?1) > 0",
    )?
    .execute([&key])?;
    // The search index forgets the person and re-reads what named them, including entries
    // written while records still pointed at a person deleted before the erasure.
    crate::sync::apply::refresh(tx, &touched)?;
    if let Some(name) = &name {
        super::search::reindex_matching(tx, name)?;
    }
    // Our files in the shared folder are rewritten at the next sync.
    let generation = capture::meta(tx, "purge_generation")?
        .and_then(|g| g.parse::<u64>().ok())
        .unwrap_or(0);
    capture::set_meta(tx, "purge_generation", &(generation + 1).to_string())?;

    let list = |m: BTreeMap<String, u32>| {
        m.into_iter()
            .map(|(table, rows)| ErasedRows { table, rows })
            .collect()
    };
    let mut report = ErasureReport {
        person_id: id,
        erased_at,
        removed: list(removed),
        unlinked: list(unlinked),
        flagged,
    };
    for other in merged {
        let fresh = tx
            .prepare_cached(
                "INSERT INTO erasure (id, erased_at) VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING",
            )?
            .execute(params![other, format_time(erased_at)])?;
        if fresh == 0 {
            continue;
        }
        let theirs = purge_person(tx, parse_uuid(&other)?)?;
        report.absorb(theirs);
    }
    Ok(report)
}

impl ErasureReport {
    /// Adds what erasing another record of the same person did.
    fn absorb(&mut self, other: ErasureReport) {
        let add = |into: &mut Vec<ErasedRows>, from: Vec<ErasedRows>| {
            for row in from {
                match into.iter_mut().find(|r| r.table == row.table) {
                    Some(r) => r.rows += row.rows,
                    None => into.push(row),
                }
            }
            into.sort_by(|a, b| a.table.cmp(&b.table));
        };
        add(&mut self.removed, other.removed);
        add(&mut self.unlinked, other.unlinked);
        for record in other.flagged {
            if !self.flagged.contains(&record) {
                self.flagged.push(record);
            }
        }
    }
}

/// The records that went or would go with the person by `ON DELETE CASCADE` (emails, phones,
/// memberships, participations… and theirs in turn), as sync has known them: from the keys
/// and reference values of their versions, whether or not they are rows any more.
fn former_dependents(tx: &Connection, id: &str) -> Result<Vec<(String, Vec<Value>)>> {
    let tables = capture::tables(tx)?;
    let mut cascades: Vec<(String, String, String)> = Vec::new();
    for table in tables.keys() {
        let rows = tx
            .prepare(&format!("PRAGMA foreign_key_list(\"{table}\")"))?
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(6)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (parent, column, on_delete) in rows {
            if on_delete.eq_ignore_ascii_case("CASCADE") {
                cascades.push((table.clone(), column, parent));
            }
        }
    }
    let mut out = Vec::new();
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    let mut queue = vec![("person".to_string(), id.to_string())];
    while let Some((parent, parent_id)) = queue.pop() {
        let quoted = Value::String(parent_id.clone()).to_string();
        for (child, column, _) in cascades.iter().filter(|(_, _, p)| *p == parent) {
            let Some(table) = tables.get(child) else {
                continue;
            };
            let keys: Vec<String> = match table.key.iter().position(|k| k == column) {
                Some(at) => tx
                    .prepare_cached("SELECT pk FROM sync_key WHERE tbl = ?1 AND instr(pk, ?2) > 0")?
                    .query_map(params![child, quoted], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?
                    .into_iter()
                    .filter(|pk| {
                        serde_json::from_str::<Vec<Value>>(pk)
                            .ok()
                            .and_then(|k| k.get(at).cloned())
                            == Some(Value::String(parent_id.clone()))
                    })
                    .collect(),
                None => tx
                    .prepare_cached(
                        "SELECT k.pk FROM sync_field f JOIN sync_key k ON k.id = f.rec
                         WHERE k.tbl = ?1 AND f.col = ?2 AND f.value = ?3
                         UNION SELECT k.pk FROM sync_version v JOIN sync_key k ON k.id = v.rec
                         WHERE k.tbl = ?1 AND v.col = ?2 AND v.value = ?3",
                    )?
                    .query_map(params![child, column, quoted], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?,
            };
            for pk in keys {
                if !seen.insert((child.clone(), pk.clone())) {
                    continue;
                }
                let Ok(values) = serde_json::from_str::<Vec<Value>>(&pk) else {
                    continue;
                };
                if table.key == ["id"]
                    && let Some(Value::String(own)) = values.first()
                {
                    queue.push((child.clone(), own.clone()));
                }
                out.push((child.clone(), values));
            }
        }
    }
    Ok(out)
}

/// Takes the purged rows' changes out of the commits stored whole (waiting for an earlier
/// commit, or for a newer Flocon).
fn purge_stored_commits(tx: &Connection, purged: &HashSet<(String, String)>) -> Result<()> {
    let stored = tx
        .prepare_cached("SELECT device, seq, payload FROM sync_commit WHERE payload IS NOT NULL")?
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (device, seq, payload) in stored {
        let Ok(mut commit) = serde_json::from_str::<Commit>(&payload) else {
            continue;
        };
        let before = commit.changes.len();
        commit
            .changes
            .retain(|c| !purged.contains(&(c.tbl.clone(), c.pk.clone())));
        if commit.changes.len() != before {
            let text = serde_json::to_string(&commit)
                .map_err(|e| Error::Internal(format!("commit: {e}")))?;
            tx.prepare_cached(
                "UPDATE sync_commit SET payload = ?3 WHERE device = ?1 AND seq = ?2",
            )?
            .execute(params![device, seq, text])?;
        }
    }
    Ok(())
}

/// The records (other than the person's own) whose texts mention the person's full name,
/// accents and case aside ("Prénom Nom" or "Nom Prénom").
fn mentions(tx: &Connection, id: &str) -> Result<Vec<FlaggedRecord>> {
    let Some((first, last)) = tx
        .prepare_cached("SELECT first_name, last_name FROM person WHERE id = ?1")?
        .query_row([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .optional()?
    else {
        return Ok(Vec::new());
    };
    let (first, last) = (fold(first.trim()), fold(last.trim()));
    if first.is_empty() && last.is_empty() {
        return Ok(Vec::new());
    }
    let names: Vec<String> = if first.is_empty() || last.is_empty() {
        vec![format!("{first}{last}")]
    } else {
        vec![format!("{first} {last}"), format!("{last} {first}")]
    };
    let mut out = Vec::new();
    for (kind, title, columns) in TEXTS {
        let text: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
        let sql = format!(
            "SELECT id, {title}, {} FROM \"{kind}\" WHERE id <> ?1",
            text.join(", ")
        );
        let mut stmt = tx.prepare_cached(&sql)?;
        let rows = stmt
            .query_map([id], |r| {
                let texts = (0..columns.len())
                    .map(|i| r.get::<_, Option<String>>(i + 2))
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, texts))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (record, label, texts) in rows {
            let hit = texts.iter().flatten().any(|t| {
                let t = fold(t);
                names.iter().any(|n| t.contains(n.as_str()))
            });
            if hit {
                out.push(FlaggedRecord {
                    kind: kind.to_string(),
                    id: parse_uuid(&record)?,
                    title: label,
                });
            }
        }
    }
    Ok(out)
}

/// Takes erased people out of this laptop's backups too (`<data dir>/backups/`): a backup that
/// still holds one of them (or lacks their erasure record) is copied aside, purged and
/// scrubbed like the database, checked, and put back in its place atomically. A backup that
/// cannot be cleaned is left as it was and logged: the erasure itself has already happened. A
/// backup restored later carries the erasure records, so the purge goes on from there.
pub(crate) fn purge_backups(data_dir: &std::path::Path, erased: &[(Uuid, String)]) {
    if erased.is_empty() {
        return;
    }
    let dir = crate::backup::backups_dir(data_dir);
    let Ok(backups) = crate::backup::list_backups(&dir) else {
        return;
    };
    for backup in backups {
        if let Err(error) = purge_backup(std::path::Path::new(&backup.file), erased) {
            tracing::warn!(file = %backup.file, %error, "could not take an erased person out of a backup");
        }
    }
}

/// Every erasure this laptop knows of: (person id, when).
pub(crate) fn erasures(conn: &Connection) -> Result<Vec<(Uuid, String)>> {
    let rows = conn
        .prepare_cached("SELECT id, erased_at FROM erasure")?
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, at)| Uuid::parse_str(&id).ok().map(|id| (id, at)))
        .collect())
}

fn purge_backup(file: &std::path::Path, erased: &[(Uuid, String)]) -> Result<()> {
    // Read-only first: most backups have nothing to do, and are not rewritten for nothing.
    let todo: Vec<&(Uuid, String)> = {
        let conn = Connection::open_with_flags(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        // (A backup is a file like any other: read defensively.)
        crate::db::harden(&conn)?;
        let mut todo = Vec::new();
        for entry in erased {
            let key = entry.0.to_string();
            // (In its people, its trash, or only its sync history.)
            let held = conn
                .prepare_cached("SELECT 1 FROM person WHERE id = ?1")?
                .exists([&key])?
                || conn
                    .prepare_cached(
                        "SELECT 1 FROM trash_item WHERE record_id = ?1 AND kind = 'person'",
                    )?
                    .exists([&key])?;
            let recorded = conn
                .prepare_cached("SELECT 1 FROM erasure WHERE id = ?1")
                .and_then(|mut s| s.exists([&key]))
                .unwrap_or(false);
            if held || !recorded {
                todo.push(entry);
            }
        }
        todo
    };
    if todo.is_empty() {
        return Ok(());
    }
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::Internal("a backup without a name".into()))?;
    let temp = file.with_file_name(format!(".{name}.erasing"));
    let sidecars = |path: &std::path::Path| {
        for suffix in ["-wal", "-shm"] {
            let mut side = path.as_os_str().to_owned();
            side.push(suffix);
            let _ = std::fs::remove_file(std::path::PathBuf::from(side));
        }
    };
    let result = (|| {
        std::fs::copy(file, &temp).map_err(io("copy", file))?;
        {
            let db = crate::db::Database::open(&temp)?;
            db.write(|tx| {
                for (id, erased_at) in &todo {
                    tx.execute(
                        "INSERT INTO erasure (id, erased_at) VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING",
                        params![id.to_string(), erased_at],
                    )?;
                    // Wherever the backup holds them (people, trash, sync history): the
                    // purge finds them, and changes nothing where it finds nothing.
                    purge_person(tx, *id)?;
                }
                Ok(())
            })?;
            db.scrub()?;
        }
        sidecars(&temp);
        crate::backup::verify_backup(&temp)?;
        std::fs::File::open(&temp)
            .and_then(|f| f.sync_all())
            .map_err(io("flush", &temp))?;
        std::fs::rename(&temp, file).map_err(io("replace", file))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
        sidecars(&temp);
    }
    result
}

fn io(action: &'static str, path: &std::path::Path) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Io {
        action,
        path,
        source,
    }
}
