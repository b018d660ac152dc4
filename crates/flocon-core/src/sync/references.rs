//! Deletes raced by records pointing at what they deleted: a participant added to a session on
//! a laptop that had not yet seen the person's delete elsewhere.
//!
//! The rule, a function of the set of versions alone (like the conflicts between versions of
//! one record, `versions::apply_remote`): a delete version D of record P is in conflict with a
//! version V of another record R that makes R point at P — a version of a reference column
//! holding P's id, or, when the reference is part of R's key (a participant, an email), a life
//! version of R (field '' and not a delete) — when neither knew the other. D is then in the
//! conflict history (kind 'deleted', the strongest such V as its winner), whether R still
//! points at P, and P still exists, or not: the conflict's `open` says whether it still matters
//! (P exists and D is still current). It is noted when the second of D and V arrives, whichever
//! it is, and never taken back, so every laptop holding the same versions lists the same
//! deletes whatever order they came in. A delete's conflicts with its own record's versions
//! are the same row (one per delete) and keep the strongest winner of all.
//!
//! Finding "the versions that ever made a record point at P" without reading every version:
//! `sync_reference` notes, as versions are recorded (here or from other laptops), which record
//! pointed at which through which column; the versions themselves are then read through the
//! usual index.

use std::collections::HashMap;

use rusqlite::{Connection, params};
use serde_json::Value;

use super::capture::{Change, Table};
use super::keys;
use super::versions::{self, Causality, Found, Version};
use crate::error::Result;

/// One reference column of the schema.
#[derive(Debug, Clone)]
struct Reference {
    column: String,
    parent: String,
    /// Its position in the child's key, when the key holds it.
    in_key: Option<usize>,
}

/// The schema's references, by the table that holds them.
pub(crate) struct References {
    by_child: HashMap<String, Vec<Reference>>,
    /// Whether any table points at this one.
    parents: std::collections::HashSet<String>,
}

impl References {
    pub(crate) fn read(
        conn: &Connection,
        tables: &std::collections::BTreeMap<String, Table>,
    ) -> Result<References> {
        let mut by_child: HashMap<String, Vec<Reference>> = HashMap::new();
        let mut parents = std::collections::HashSet::new();
        for fk in super::apply::foreign_keys(conn, tables)? {
            let Some(child) = tables.get(&fk.child) else {
                continue;
            };
            parents.insert(fk.parent.clone());
            by_child
                .entry(fk.child.clone())
                .or_default()
                .push(Reference {
                    in_key: child.key.iter().position(|k| *k == fk.column),
                    column: fk.column,
                    parent: fk.parent,
                });
        }
        Ok(References { by_child, parents })
    }

    /// The records a version makes its record point at: (table, id, column).
    fn targets<'a>(
        &'a self,
        tbl: &str,
        pk: &str,
        col: &str,
        value: &Value,
    ) -> Vec<(&'a str, String, &'a str)> {
        let Some(refs) = self.by_child.get(tbl) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if col.is_empty() {
            if *value == Value::Bool(false) {
                return out;
            }
            let Ok(key) = serde_json::from_str::<Vec<Value>>(pk) else {
                return out;
            };
            for r in refs {
                if let Some(Value::String(id)) = r.in_key.and_then(|at| key.get(at)) {
                    out.push((r.parent.as_str(), id.clone(), r.column.as_str()));
                }
            }
        } else if let Value::String(id) = value {
            for r in refs
                .iter()
                .filter(|r| r.in_key.is_none() && r.column == col)
            {
                out.push((r.parent.as_str(), id.clone(), r.column.as_str()));
            }
        }
        out
    }

    /// Notes which records a version recorded here makes its record point at.
    pub(crate) fn remember(&self, tx: &Connection, change: &Change) -> Result<()> {
        for (parent, id, column) in
            self.targets(&change.tbl, &change.pk, &change.col, &change.value)
        {
            insert(tx, parent, &id, &change.tbl, &change.pk, column)?;
        }
        Ok(())
    }

    /// A version from another laptop has just been added to the store: notes it, and the
    /// deletes it is in conflict with (a delete against the versions that pointed at its
    /// record, a pointing version against its target's deletes).
    pub(crate) fn arrived(
        &self,
        tx: &Connection,
        causality: &mut Causality,
        change: &Change,
        new: &Version,
        found: &mut Found,
    ) -> Result<()> {
        if change.col.is_empty() && new.is_delete() {
            return self.note_delete(tx, causality, &change.tbl, &change.pk, new, found);
        }
        for (parent, id, column) in self.targets(&change.tbl, &change.pk, &change.col, &new.value) {
            insert(tx, parent, &id, &change.tbl, &change.pk, column)?;
            let key = id_key(&id);
            if parent == change.tbl && key == change.pk {
                continue;
            }
            for (_, delete) in versions::versions(tx, parent, &key, Some(""), false)? {
                if delete.is_delete() && concurrent(tx, causality, &delete, new)? {
                    versions::note_conflict(tx, "deleted", parent, &key, "", &delete, new)?;
                    found.conflicts.push(versions::version_key(delete.id));
                }
            }
        }
        Ok(())
    }

    /// Notes a delete's conflicts with every version that made another record point at its
    /// record without seeing it (or that it deleted without seeing).
    pub(crate) fn note_delete(
        &self,
        tx: &Connection,
        causality: &mut Causality,
        tbl: &str,
        pk: &str,
        delete: &Version,
        found: &mut Found,
    ) -> Result<()> {
        if !self.parents.contains(tbl) {
            return Ok(());
        }
        let Ok(key) = serde_json::from_str::<Vec<Value>>(pk) else {
            return Ok(());
        };
        let Some(Value::String(id)) = key.first() else {
            return Ok(());
        };
        let pointers = tx
            .prepare_cached(
                "SELECT k.tbl, k.pk, r.col FROM sync_reference r JOIN sync_key k ON k.id = r.rec
                 WHERE r.parent = (SELECT id FROM sync_key WHERE tbl = ?1 AND pk = ?2)",
            )?
            .query_map(params![tbl, pk], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (child, child_pk, column) in pointers {
            if child == tbl && child_pk == pk {
                continue;
            }
            let Some(reference) = self
                .by_child
                .get(&child)
                .and_then(|refs| refs.iter().find(|r| r.column == column && r.parent == tbl))
            else {
                continue;
            };
            let pointing: Vec<Version> = if reference.in_key.is_some() {
                versions::versions(tx, &child, &child_pk, Some(""), false)?
                    .into_iter()
                    .map(|(_, v)| v)
                    .filter(|v| !v.is_delete())
                    .collect()
            } else {
                versions::versions(tx, &child, &child_pk, Some(&column), false)?
                    .into_iter()
                    .map(|(_, v)| v)
                    .filter(|v| v.value.as_str() == Some(id.as_str()))
                    .collect()
            };
            for version in pointing {
                if concurrent(tx, causality, delete, &version)? {
                    versions::note_conflict(tx, "deleted", tbl, pk, "", delete, &version)?;
                    found.conflicts.push(versions::version_key(delete.id));
                }
            }
        }
        Ok(())
    }
}

/// Neither version knew the other.
fn concurrent(
    tx: &Connection,
    causality: &mut Causality,
    a: &Version,
    b: &Version,
) -> Result<bool> {
    Ok(!causality.knew(tx, a.id, b.id)? && !causality.knew(tx, b.id, a.id)?)
}

fn id_key(id: &str) -> String {
    Value::Array(vec![Value::String(id.to_string())]).to_string()
}

fn insert(tx: &Connection, parent: &str, id: &str, tbl: &str, pk: &str, col: &str) -> Result<()> {
    let parent = keys::record_or_new(tx, parent, &id_key(id))?;
    let rec = keys::record_or_new(tx, tbl, pk)?;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO sync_reference (parent, rec, col) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![parent, rec, col])?;
    Ok(())
}

/// Migration 12's step (first written for migration 11, whose tables 12 rewrites): notes what
/// the versions already here point at, and the conflicts the rule finds among them (laptops
/// updated from a version that noted these conflicts only while the pointing record existed).
/// Laptops that had migration 11 already have both: it adds nothing to them.
pub(crate) fn after_migration_12(tx: &Connection) -> Result<()> {
    let tables = super::capture::tables(tx)?;
    let refs = References::read(tx, &tables)?;
    for (child, list) in &refs.by_child {
        for r in list {
            let rows = if r.in_key.is_some() {
                tx.prepare(
                    "SELECT DISTINCT k.pk, v.value FROM sync_version v JOIN sync_key k ON k.id = v.rec
                     WHERE k.tbl = ?1 AND v.col = '' AND v.value <> 'false'",
                )?
                .query_map([child], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?
            } else {
                tx.prepare(
                    "SELECT DISTINCT k.pk, v.value FROM sync_version v JOIN sync_key k ON k.id = v.rec
                     WHERE k.tbl = ?1 AND v.col = ?2",
                )?
                .query_map([child, &r.column], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?
            };
            for (pk, value) in rows {
                let Ok(value) = serde_json::from_str::<Value>(&value) else {
                    continue;
                };
                let col = if r.in_key.is_some() {
                    ""
                } else {
                    r.column.as_str()
                };
                for (parent, id, column) in refs.targets(child, &pk, col, &value) {
                    if column == r.column {
                        insert(tx, parent, &id, child, &pk, column)?;
                    }
                }
            }
        }
    }
    let mut causality = Causality::default();
    let mut found = Found::default();
    let mut parents: Vec<&String> = refs.parents.iter().collect();
    parents.sort();
    for parent in parents {
        let deletes = tx
            .prepare(
                "SELECT DISTINCT k.pk FROM sync_version v JOIN sync_key k ON k.id = v.rec
                 WHERE k.tbl = ?1 AND v.col = '' AND v.value = 'false'",
            )?
            .query_map([parent], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for pk in deletes {
            for (_, delete) in versions::versions(tx, parent, &pk, Some(""), false)? {
                if delete.is_delete() {
                    refs.note_delete(tx, &mut causality, parent, &pk, &delete, &mut found)?;
                }
            }
        }
    }
    Ok(())
}

/// The deletes of other records whose conflict has a version of this record as its winner:
/// (conflict id, table, key). Read before an erasure purges the record's versions.
pub(crate) fn won_by(
    tx: &Connection,
    tbl: &str,
    pk: &str,
) -> Result<Vec<(String, String, String)>> {
    Ok(tx
        .prepare_cached(
            "SELECT c.id, c.tbl, c.pk FROM sync_version v JOIN sync_peer p ON p.n = v.device
               JOIN sync_conflict c
               ON c.winner_device = p.id AND c.winner_seq = v.seq AND c.winner_idx = v.idx
             WHERE v.rec = (SELECT id FROM sync_key WHERE tbl = ?1 AND pk = ?2)
               AND c.kind = 'deleted' AND NOT (c.tbl = ?1 AND c.pk = ?2)",
        )?
        .query_map([tbl, pk], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Notes a delete's conflict again from the versions here, after an erasure purged a version
/// it was in conflict with: a laptop that received the erasure first never had that version,
/// so the delete stays listed only if some other version raced it (of its own record, or
/// pointing at it), with the strongest of those as its winner.
pub(crate) fn note_again(
    tx: &Connection,
    references: &References,
    causality: &mut Causality,
    conflict: &str,
    tbl: &str,
    pk: &str,
) -> Result<()> {
    let Some(id) = versions::parse_version_key(conflict) else {
        return Ok(());
    };
    tx.prepare_cached("DELETE FROM sync_conflict WHERE id = ?1")?
        .execute([conflict])?;
    let all = versions::versions(tx, tbl, pk, None, false)?;
    let Some(delete) = all.iter().map(|(_, v)| v).find(|v| v.id == id).cloned() else {
        return Ok(());
    };
    for (col, version) in &all {
        if col.is_empty() && version.is_delete() {
            continue;
        }
        if concurrent(tx, causality, &delete, version)? {
            versions::note_conflict(tx, "deleted", tbl, pk, "", &delete, version)?;
        }
    }
    references.note_delete(tx, causality, tbl, pk, &delete, &mut Found::default())
}
