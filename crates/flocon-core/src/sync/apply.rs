//! Writing what the version store says into the records themselves, for the records a sync
//! touched: fields, existence, and then what SQL constraints need that no single version
//! says — a record that another one still refers to stays (brought back if it was deleted),
//! sort and match keys are recomputed, search is re-indexed.
//!
//! Foreign keys are off while this runs (no cascade may delete what the versions keep), and
//! checked at the end: an apply that would leave a dangling reference fails and changes nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use super::capture::{self, Table, to_sql};
use super::versions::{self, Causality, VersionId};
use crate::error::{Error, Result};
use crate::store::search::{self, SearchKind};
use crate::text::fold;
use uuid::Uuid;

pub(crate) type RecordKey = (String, String);

/// `sync_key.alive`: 1 exists by its own versions; 2 exists only because another record
/// refers to it.
const REFERENCED: i64 = 2;

pub(crate) struct ForeignKey {
    pub child: String,
    pub column: String,
    pub parent: String,
}

pub(crate) fn foreign_keys(
    conn: &Connection,
    tables: &BTreeMap<String, Table>,
) -> Result<Vec<ForeignKey>> {
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
///
/// A record's existence, from the states `sync_key.alive` holds:
/// - `1`: its own versions say it exists (some creation or edit no delete knew);
/// - `2` (referenced): deleted, but a remaining record refers to it — a link made on a laptop
///   that had not seen the delete. It comes back. (The delete is in the conflict history as
///   soon as such a link's version arrives, from the versions alone: `references`.)
/// - `3` (cascaded): deleted only as a consequence of deleting a record that came back (an
///   email, a membership of a person deleted on one laptop while another edited them): it
///   comes back with it, so a record returns whole. A reference emptied by the same delete
///   (`ON DELETE SET NULL`, an action's owner) is put back too.
/// - `0`: deleted.
///
/// Every state is a function of the set of versions (and of the other records' states), so
/// every laptop computes the same whatever order the versions came in.
///
/// A record whose row cannot be written (a value of the wrong type, a missing required field,
/// a reference to a record no laptop has: a bug or a hostile file) is held aside with the
/// reason (`sync_held`) and everything else applies; it is tried again at every sync.
pub(crate) fn materialize(
    tx: &Connection,
    tables: &BTreeMap<String, Table>,
    causality: &mut Causality,
    touched: &BTreeSet<RecordKey>,
) -> Result<BTreeSet<RecordKey>> {
    let mut settle = Settle {
        tx,
        tables,
        fks: foreign_keys(tx, tables)?,
        causality,
        written: BTreeSet::new(),
        deletes_in_commit: HashMap::new(),
        any_held: false,
    };
    // Records held aside at an earlier sync are tried again.
    let mut all = touched.clone();
    let before = held(tx)?;
    settle.any_held = !before.is_empty();
    all.extend(before);
    // First every touched record by its own versions alone; then what depends on other
    // records (kept by a reference, back with a record that came back, a reference emptied
    // by a delete that did not last), raised from there until nothing changes: so the result
    // does not depend on the order records are looked at.
    let mut first = Vec::new();
    for (tbl, pk) in &all {
        if let Some(done) = settle.evaluate(tbl, pk, true)? {
            first.push((tbl.clone(), pk.clone(), done));
        }
    }
    let mut work: Vec<RecordKey> = Vec::new();
    for (tbl, pk, done) in first {
        let done = if done.second_look {
            match settle.evaluate(&tbl, &pk, false)? {
                Some(again) => again,
                None => continue,
            }
        } else {
            done
        };
        settle.push_related(&tbl, &done, true, &mut work)?;
    }
    // Each record settles after a few looks; the bound grows with the apply (a first sync of
    // the large data set is a million records), and only stops a bug from looping forever.
    let limit = 64 * (all.len() + work.len()) + 1_000_000;
    let mut guard = 0usize;
    while let Some((tbl, pk)) = work.pop() {
        guard += 1;
        if guard > limit {
            return Err(Error::Internal("sync: references do not settle".into()));
        }
        if let Some(done) = settle.evaluate(&tbl, &pk, false)? {
            settle.push_related(&tbl, &done, false, &mut work)?;
        }
    }
    Ok(settle.written)
}

struct Settle<'a, 'c> {
    tx: &'a Connection,
    tables: &'a BTreeMap<String, Table>,
    fks: Vec<ForeignKey>,
    causality: &'c mut Causality,
    written: BTreeSet<RecordKey>,
    /// (commit, table) → the keys of that table's records the commit deleted.
    /// (With the clock time of each delete, in milliseconds.)
    deletes_in_commit: HashMap<(Uuid, u64, String), BTreeMap<String, u64>>,
    /// Whether `sync_held` may hold anything (most syncs: no).
    any_held: bool,
}

/// What evaluating a record found, for what depends on it.
struct Evaluated {
    before: Option<i64>,
    now: i64,
    values: HashMap<String, Value>,
    /// The commits of its current deletes.
    deletes: Vec<(Uuid, u64)>,
    /// Whether its state or fields may depend on other records.
    second_look: bool,
}

impl Settle<'_, '_> {
    /// Brings a record's fields, state and row in line with its versions. With `own`, its
    /// own versions are read again (it was touched); otherwise only what depends on other
    /// records (referenced, cascaded, emptied references) is looked at again.
    fn evaluate(&mut self, tbl: &str, pk: &str, own: bool) -> Result<Option<Evaluated>> {
        let tx = self.tx;
        let Some(table) = self.tables.get(tbl) else {
            return Ok(None);
        };
        let (rec, current) = match super::keys::record_state(tx, tbl, pk)? {
            Some((rec, state)) => (Some(rec), state),
            None => (None, None),
        };
        if !own && current.is_none() {
            return Ok(None);
        }
        let heads = versions::versions(tx, tbl, pk, None, true)?;
        let base = if own || current.is_none() {
            versions::alive(tx, self.causality, &heads)?
        } else {
            current == Some(1)
        };
        if heads.is_empty() && current.is_none() {
            return Ok(None);
        }
        let mut fields_changed = false;
        let mut second_look = false;
        let mut by_col: BTreeMap<String, Vec<versions::Version>> = BTreeMap::new();
        for (col, v) in &heads {
            by_col.entry(col.clone()).or_default().push(v.clone());
        }
        let mut values = match rec {
            Some(rec) => capture::fields_of(tx, rec)?,
            None => HashMap::new(),
        };
        for (col, col_heads) in by_col {
            if col.is_empty() || !(own || self.is_reference(tbl, &col)) {
                continue;
            }
            if let Some((value, _)) = versions::resolve(tbl, &col, col_heads.clone()) {
                let value = if own {
                    if value.is_null() && self.may_restore(tbl, &col, &col_heads)? {
                        second_look = true;
                    }
                    value
                } else {
                    self.restore_emptied(tbl, pk, &col, value, &col_heads)?
                };
                if values.get(&col) != Some(&value) {
                    // (A record with versions has its number.)
                    let rec = rec.ok_or_else(|| Error::Internal(format!("{tbl} {pk}: no key")))?;
                    versions::set_field_from(tx, rec, &col, &value, &col_heads)?;
                    values.insert(col, value);
                    fields_changed = true;
                }
            }
        }
        for (column, value) in table.key.iter().zip(key_values(pk).unwrap_or_default()) {
            values.insert(column.clone(), value);
        }
        let deletes: Vec<(Uuid, u64)> = heads
            .iter()
            .filter(|(c, v)| c.is_empty() && v.is_delete())
            .map(|(_, v)| (v.id.0, v.id.1))
            .collect();
        let deletes_empty = deletes.is_empty();
        second_look |= !base || !deletes_empty;
        let done = |now, values| {
            Some(Evaluated {
                before: current,
                now,
                values,
                deletes,
                second_look,
            })
        };
        let next = if base {
            1
        } else if own {
            0
        } else if self.is_referenced(tbl, pk)? {
            REFERENCED
        } else if self.is_cascaded(tbl, pk, &heads)? {
            CASCADED
        } else {
            0
        };
        if !own && !fields_changed && current == Some(next) {
            return Ok(done(next, values));
        }
        set_state(tx, tbl, pk, next)?;
        let result = if next != 0 {
            guarded(tx, || write_row(tx, table, pk, &values))
        } else {
            guarded(tx, || delete_row(tx, table, pk))
        }?;
        match result {
            Ok(()) if self.any_held => release(tx, tbl, pk)?,
            Ok(()) => {}
            Err(reason) => {
                hold(tx, tbl, pk, &heads, &reason)?;
                self.any_held = true;
            }
        }
        self.written.insert((tbl.to_string(), pk.to_string()));
        Ok(done(next, values))
    }

    fn is_reference(&self, tbl: &str, col: &str) -> bool {
        self.fks.iter().any(|f| f.child == tbl && f.column == col)
    }

    /// After a record was evaluated: the records its state may change. Its parents that do
    /// not exist by their own versions (it may be what keeps them), and, if it exists despite
    /// a delete or has just changed state, what its deletes took with them.
    fn push_related(
        &mut self,
        tbl: &str,
        done: &Evaluated,
        own: bool,
        work: &mut Vec<RecordKey>,
    ) -> Result<()> {
        if !own && done.before == Some(done.now) {
            return Ok(());
        }
        for fk in self.fks.iter().filter(|f| f.child == tbl) {
            if let Some(Value::String(id)) = done.values.get(&fk.column) {
                let parent = (fk.parent.clone(), id_key(id));
                // (A parent that exists by its own versions does not depend on it. Whether its
                // deletes are conflicts is noted as versions arrive: `references`.)
                if state(self.tx, &parent.0, &parent.1)? != Some(1) {
                    work.push(parent);
                }
            }
        }
        if done.deletes.is_empty() || (done.before == Some(done.now) && done.now == 0) {
            return Ok(());
        }
        let children: Vec<(String, String)> = self
            .fks
            .iter()
            .filter(|f| f.parent == tbl)
            .map(|f| (f.child.clone(), f.column.clone()))
            .collect();
        for &(device, seq) in &done.deletes {
            for (child, column) in &children {
                let mut stmt = self.tx.prepare_cached(
                    "SELECT DISTINCT k.pk FROM sync_version v JOIN sync_key k ON k.id = v.rec
                     WHERE v.device = (SELECT n FROM sync_peer WHERE id = ?1) AND v.seq = ?2
                       AND k.tbl = ?3 AND (v.col = '' OR v.col = ?4)",
                )?;
                let keys = stmt
                    .query_map(
                        params![device.to_string(), seq as i64, child, column],
                        |r| r.get::<_, String>(0),
                    )?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                work.extend(keys.into_iter().map(|k| (child.clone(), k)));
            }
        }
        Ok(())
    }

    /// A record's travelling fields and its key columns, by column.
    fn values(&self, tbl: &str, pk: &str) -> Result<HashMap<String, Value>> {
        let mut values = capture::fields(self.tx, tbl, pk)?;
        if let Some(table) = self.tables.get(tbl) {
            for (column, value) in table.key.iter().zip(key_values(pk).unwrap_or_default()) {
                values.insert(column.clone(), value);
            }
        }
        Ok(values)
    }

    /// The keys of `parent` records that commit (device, seq) deleted, with the clock time
    /// (milliseconds) of each delete. What one delete statement took with it (`ON DELETE
    /// CASCADE`, `SET NULL`) was noted at the same instant; a removal made by hand before the
    /// delete, in the same sync interval, was noted earlier and is not part of it.
    fn deleted_by(
        &mut self,
        device: Uuid,
        seq: u64,
        parent: &str,
    ) -> Result<&BTreeMap<String, u64>> {
        let key = (device, seq, parent.to_string());
        if !self.deletes_in_commit.contains_key(&key) {
            let rows = self
                .tx
                .prepare_cached(
                    "SELECT k.pk, v.millis FROM sync_version v JOIN sync_key k ON k.id = v.rec
                     WHERE v.device = (SELECT n FROM sync_peer WHERE id = ?1) AND v.seq = ?2
                       AND k.tbl = ?3 AND v.col = '' AND v.value = 'false'",
                )?
                .query_map(params![device.to_string(), seq as i64, parent], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let keys = rows
                .into_iter()
                .map(|(pk, millis)| (pk, millis as u64))
                .collect();
            self.deletes_in_commit.insert(key.clone(), keys);
        }
        Ok(&self.deletes_in_commit[&key])
    }

    /// Whether the record was deleted only along with records that exist again, and every
    /// record it points at exists.
    fn is_cascaded(
        &mut self,
        tbl: &str,
        pk: &str,
        heads: &[(String, versions::Version)],
    ) -> Result<bool> {
        let deletes: Vec<(VersionId, u64)> = heads
            .iter()
            .filter(|(c, v)| c.is_empty() && v.is_delete())
            .map(|(_, v)| (v.id, v.hlc.millis))
            .collect();
        if deletes.is_empty() {
            return Ok(false);
        }
        let values = self.values(tbl, pk)?;
        let parents: Vec<(String, String)> = self
            .fks
            .iter()
            .filter(|f| f.child == tbl)
            .filter_map(|f| match values.get(&f.column) {
                Some(Value::String(id)) => Some((f.parent.clone(), id_key(id))),
                _ => None,
            })
            .collect();
        if parents.is_empty() {
            return Ok(false);
        }
        for (parent, key) in &parents {
            if !exists_now(self.tx, parent, key)? {
                return Ok(false);
            }
        }
        for ((device, seq, _), at) in deletes {
            let mut with_a_parent = false;
            for (parent, key) in &parents {
                if self.deleted_by(device, seq, parent)?.get(key) == Some(&at) {
                    with_a_parent = true;
                    break;
                }
            }
            if !with_a_parent {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// For a reference column: the table it points at and the field's winning version, when
    /// that version's commit deleted records of that table (it may have emptied the reference).
    fn emptied_by_a_delete(
        &mut self,
        tbl: &str,
        col: &str,
        heads: &[versions::Version],
    ) -> Result<Option<(String, versions::Version)>> {
        let Some(parent) = self
            .fks
            .iter()
            .find(|f| f.child == tbl && f.column == col)
            .map(|f| f.parent.clone())
        else {
            return Ok(None);
        };
        let Some(winner) = heads.iter().max_by_key(|v| v.rank()) else {
            return Ok(None);
        };
        if self
            .deleted_by(winner.id.0, winner.id.1, &parent)?
            .is_empty()
        {
            return Ok(None);
        }
        Ok(Some((parent, winner.clone())))
    }

    /// Whether an empty reference was emptied by a commit that deleted records it may have
    /// pointed at (then whether it points again depends on them).
    fn may_restore(&mut self, tbl: &str, col: &str, heads: &[versions::Version]) -> Result<bool> {
        Ok(self.emptied_by_a_delete(tbl, col, heads)?.is_some())
    }

    /// A reference emptied (`ON DELETE SET NULL`) by the delete of a record that exists again
    /// points at it again.
    fn restore_emptied(
        &mut self,
        tbl: &str,
        pk: &str,
        col: &str,
        value: Value,
        heads: &[versions::Version],
    ) -> Result<Value> {
        if !value.is_null() {
            return Ok(value);
        }
        let Some((parent, winner)) = self.emptied_by_a_delete(tbl, col, heads)? else {
            return Ok(value);
        };
        let (device, seq, _) = winner.id;
        // The value it replaced: the latest version of the field that the emptying knew.
        let mut before: Option<versions::Version> = None;
        for (_, v) in versions::versions(self.tx, tbl, pk, Some(col), false)? {
            if v.id == winner.id || !self.causality.knew(self.tx, v.id, winner.id)? {
                continue;
            }
            if before.as_ref().is_none_or(|b| v.rank() > b.rank()) {
                before = Some(v);
            }
        }
        let Some(Value::String(id)) = before.map(|b| b.value) else {
            return Ok(value);
        };
        let key = id_key(&id);
        if self.deleted_by(device, seq, &parent)?.get(&key) == Some(&winner.hlc.millis)
            && exists_now(self.tx, &parent, &key)?
        {
            return Ok(Value::String(id));
        }
        Ok(value)
    }

    /// Whether a record (not counting those that exist only because it does) refers to it.
    fn is_referenced(&self, tbl: &str, pk: &str) -> Result<bool> {
        let Some(Value::String(id)) = key_values(pk)?.into_iter().next() else {
            return Ok(false);
        };
        for fk in self.fks.iter().filter(|f| f.parent == tbl) {
            let Some(child) = self.tables.get(&fk.child) else {
                continue;
            };
            let key: Vec<String> = child.key.iter().map(|k| format!("c.\"{k}\"")).collect();
            let mut stmt = self.tx.prepare_cached(&format!(
                "SELECT json_array({key}) FROM \"{table}\" c WHERE c.\"{column}\" = ?1
                 AND coalesce((SELECT alive FROM sync_key s
                               WHERE s.tbl = ?2 AND s.pk = json_array({key})), 1) <> {CASCADED}",
                key = key.join(", "),
                table = fk.child,
                column = fk.column,
            ))?;
            let keys = stmt
                .query_map(params![id, fk.child], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for key in keys {
                // A reference put back only because this record exists does not keep it.
                let emptied = versions::versions(self.tx, &fk.child, &key, Some(&fk.column), true)?
                    .into_iter()
                    .map(|(_, v)| v)
                    .max_by_key(|v| v.rank())
                    .is_some_and(|v| v.value.is_null());
                if !emptied {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }
}

/// What still points at a record that does not exist (its parent never reached this laptop: a
/// bug or a hostile file; or it was erased) is never left dangling. An optional reference
/// (`ON DELETE SET NULL`: a point person, an action's owner) is emptied in the row, as a delete
/// of that record would; a record that cannot stand without it (a link table's key, a required
/// reference) is held aside, and so, in turn, is what cannot stand without that one. Read from
/// the rows themselves, after the erasures an apply brought. Every laptop does the same, since
/// a record missing here is missing everywhere. Returns what it changed.
pub(crate) fn hold_dangling(
    tx: &Connection,
    tables: &BTreeMap<String, Table>,
    written: &BTreeSet<RecordKey>,
) -> Result<BTreeSet<RecordKey>> {
    let fks = foreign_keys(tx, tables)?;
    let mut out = BTreeSet::new();
    let mut work: Vec<RecordKey> = written.iter().cloned().collect();
    // Each record is looked at once, and again for each record it pointed at that is held:
    // a bound that grows with the apply (a first sync is a million records).
    let limit = 16 * work.len() + 1_000_000;
    let mut guard = 0usize;
    while let Some((tbl, pk)) = work.pop() {
        guard += 1;
        if guard > limit {
            return Err(Error::Internal(
                "sync: dangling references do not settle".into(),
            ));
        }
        let Some(table) = tables.get(&tbl) else {
            continue;
        };
        for fk in fks.iter().filter(|f| f.child == tbl) {
            let values: Vec<rusqlite::types::Value> = key_values(&pk)?.iter().map(to_sql).collect();
            let target: Option<String> = tx
                .prepare_cached(&format!(
                    "SELECT \"{}\" FROM \"{tbl}\" WHERE {}",
                    fk.column,
                    table.key_condition()
                ))?
                .query_row(rusqlite::params_from_iter(values.clone()), |r| r.get(0))
                .optional()?
                .flatten();
            let Some(id) = target else {
                continue;
            };
            let present = tx
                .prepare_cached(&format!("SELECT 1 FROM \"{}\" WHERE id = ?1", fk.parent))?
                .exists([&id])?;
            if present {
                continue;
            }
            let required = table.key.contains(&fk.column) || !nullable(tx, &tbl, &fk.column)?;
            if !required {
                tx.prepare_cached(&format!(
                    "UPDATE \"{tbl}\" SET \"{}\" = NULL WHERE {}",
                    fk.column,
                    table.key_condition()
                ))?
                .execute(rusqlite::params_from_iter(values))?;
                out.insert((tbl.clone(), pk.clone()));
                continue;
            }
            delete_row(tx, table, &pk)?;
            let heads = versions::versions(tx, &tbl, &pk, None, true)?;
            let reason = format!(
                "points at a record of {} that no laptop has ({id})",
                fk.parent
            );
            hold(tx, &tbl, &pk, &heads, &reason)?;
            out.insert((tbl.clone(), pk.clone()));
            // What pointed at this record now points at nothing either.
            if let Some(Value::String(own_id)) = key_values(&pk)?.into_iter().next() {
                for child_fk in fks.iter().filter(|f| f.parent == tbl) {
                    let Some(child) = tables.get(&child_fk.child) else {
                        continue;
                    };
                    let key: Vec<String> = child.key.iter().map(|k| format!("\"{k}\"")).collect();
                    let keys = tx
                        .prepare_cached(&format!(
                            "SELECT json_array({}) FROM \"{}\" WHERE \"{}\" = ?1",
                            key.join(", "),
                            child_fk.child,
                            child_fk.column
                        ))?
                        .query_map([&own_id], |r| r.get::<_, String>(0))?
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    work.extend(keys.into_iter().map(|k| (child_fk.child.clone(), k)));
                }
            }
            break;
        }
    }
    Ok(out)
}

/// Whether a column may be NULL.
fn nullable(tx: &Connection, tbl: &str, column: &str) -> Result<bool> {
    let not_null = tx
        .prepare_cached(&format!(
            "SELECT \"notnull\" FROM pragma_table_info('{tbl}') WHERE name = ?1"
        ))?
        .query_row([column], |r| r.get::<_, i64>(0))
        .optional()?
        .unwrap_or(0);
    Ok(not_null == 0)
}

/// The latest existence version among the records that point at this one (what keeps a
/// deleted record that something made without seeing the delete refers to).
pub(crate) fn strongest_referrer(
    conn: &Connection,
    tbl: &str,
    pk: &str,
) -> Result<Option<versions::Version>> {
    let Some(Value::String(id)) = key_values(pk)?.into_iter().next() else {
        return Ok(None);
    };
    let tables = capture::tables(conn)?;
    let mut best: Option<versions::Version> = None;
    for fk in foreign_keys(conn, &tables)?
        .iter()
        .filter(|f| f.parent == tbl)
    {
        let Some(child) = tables.get(&fk.child) else {
            continue;
        };
        let key: Vec<String> = child.key.iter().map(|k| format!("\"{k}\"")).collect();
        let keys = conn
            .prepare(&format!(
                "SELECT json_array({}) FROM \"{}\" WHERE \"{}\" = ?1",
                key.join(", "),
                fk.child,
                fk.column
            ))?
            .query_map([&id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for key in keys {
            for (_, v) in versions::versions(conn, &fk.child, &key, Some(""), true)? {
                if !v.is_delete() && best.as_ref().is_none_or(|b| v.rank() > b.rank()) {
                    best = Some(v);
                }
            }
        }
    }
    Ok(best)
}

/// `sync_key.alive` of a record deleted only along with a record that came back.
const CASCADED: i64 = 3;

/// Whether a record exists at this point of the apply (for sync, or as a row).
fn exists_now(tx: &Connection, tbl: &str, pk: &str) -> Result<bool> {
    match state(tx, tbl, pk)? {
        Some(s) => Ok(s != 0),
        None => {
            let Some(Value::String(id)) = key_values(pk)?.into_iter().next() else {
                return Ok(false);
            };
            Ok(tx
                .prepare_cached(&format!("SELECT 1 FROM \"{tbl}\" WHERE id = ?1"))?
                .exists([id])?)
        }
    }
}

/// Runs one record's write inside a savepoint: a write the schema refuses (a constraint, a
/// type, a malformed key) is undone alone and returned as the reason; any other error (the
/// disk, the database) stops the whole apply as before.
fn guarded(
    tx: &Connection,
    write: impl FnOnce() -> Result<()>,
) -> Result<std::result::Result<(), String>> {
    tx.prepare_cached("SAVEPOINT sync_record_write")?
        .execute([])?;
    match write() {
        Ok(()) => {
            tx.prepare_cached("RELEASE sync_record_write")?
                .execute([])?;
            Ok(Ok(()))
        }
        Err(error) => {
            tx.execute_batch("ROLLBACK TO sync_record_write; RELEASE sync_record_write")?;
            match &error {
                Error::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::ConstraintViolation
                        || e.code == rusqlite::ErrorCode::TypeMismatch =>
                {
                    Ok(Err(error.to_string()))
                }
                Error::Sqlite(rusqlite::Error::ToSqlConversionFailure(_)) | Error::Internal(_) => {
                    Ok(Err(error.to_string()))
                }
                _ => Err(error),
            }
        }
    }
}

/// The records held aside at earlier syncs.
fn held(tx: &Connection) -> Result<BTreeSet<RecordKey>> {
    Ok(tx
        .prepare_cached("SELECT tbl, pk FROM sync_held")?
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<BTreeSet<_>>>()?)
}

/// Holds a record aside: its row is not written, and the report says what, from which
/// laptop (the author of its latest version) and why.
fn hold(
    tx: &Connection,
    tbl: &str,
    pk: &str,
    heads: &[(String, versions::Version)],
    reason: &str,
) -> Result<()> {
    let author = heads
        .iter()
        .map(|(_, v)| v)
        .max_by_key(|v| v.rank())
        .map(|v| v.id.0.to_string())
        .unwrap_or_default();
    tracing::warn!(table = tbl, key = pk, %reason, "a synced record is held aside");
    tx.prepare_cached(
        "INSERT OR REPLACE INTO sync_held (tbl, pk, device, reason, at)
         VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
    )?
    .execute(params![tbl, pk, author, reason])?;
    Ok(())
}

fn release(tx: &Connection, tbl: &str, pk: &str) -> Result<()> {
    tx.prepare_cached("DELETE FROM sync_held WHERE tbl = ?1 AND pk = ?2")?
        .execute([tbl, pk])?;
    Ok(())
}

fn set_state(tx: &Connection, tbl: &str, pk: &str, state: i64) -> Result<()> {
    super::keys::set_alive(tx, tbl, pk, state)
}

fn state(tx: &Connection, tbl: &str, pk: &str) -> Result<Option<i64>> {
    super::keys::alive(tx, tbl, pk)
}

/// Writes a record's row from its fields as sync leaves them.
fn write_row(
    tx: &Connection,
    table: &Table,
    pk: &str,
    fields: &HashMap<String, Value>,
) -> Result<()> {
    let mut columns: Vec<String> = table.key.clone();
    let mut values: Vec<rusqlite::types::Value> = key_values(pk)?.iter().map(to_sql).collect();
    let mut updates = Vec::new();
    for column in &table.columns {
        if let Some(value) = fields.get(column) {
            columns.push(column.clone());
            values.push(to_sql(&without_controls(value)));
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
    if table.name == "objective" && !free_carried_from(tx, pk, fields.get("carried_from_id"))? {
        // Another objective carried from the same one first keeps the link.
        if let Some(at) = columns.iter().position(|c| c == "carried_from_id") {
            values[at] = rusqlite::types::Value::Null;
        }
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

/// A text as Flocon stores what is typed or imported (`text::clean_multiline`): a laptop
/// running a buggy Flocon, or someone with the passphrase, cannot put control characters
/// (ESC sequences that drive a terminal) into the records of every laptop. Text written by
/// Flocon holds none, so this changes nothing for it; a value it does change differs from its
/// version, and the next edit of the record here sends the clean text.
fn without_controls(value: &Value) -> std::borrow::Cow<'_, Value> {
    match value {
        Value::String(text) => match crate::text::clean_multiline(text) {
            std::borrow::Cow::Owned(clean) => std::borrow::Cow::Owned(Value::String(clean)),
            std::borrow::Cow::Borrowed(_) => std::borrow::Cow::Borrowed(value),
        },
        _ => std::borrow::Cow::Borrowed(value),
    }
}

/// Two laptops carried the same objective to the next quarter at once: both objectives are
/// kept, and the link stays with the one created first (the smaller id), whatever the order
/// they are written in. Returns whether this one may hold it.
fn free_carried_from(tx: &Connection, pk: &str, origin: Option<&Value>) -> Result<bool> {
    let Some(Value::String(origin)) = origin else {
        return Ok(true);
    };
    let id = key_values(pk)?
        .first()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default();
    let earlier = tx
        .prepare_cached("SELECT 1 FROM objective WHERE carried_from_id = ?1 AND id < ?2")?
        .exists(params![origin, id])?;
    if earlier {
        return Ok(false);
    }
    tx.prepare_cached(
        "UPDATE objective SET carried_from_id = NULL WHERE carried_from_id = ?1 AND id > ?2",
    )?
    .execute(params![origin, id])?;
    Ok(true)
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
