//! The version store: every version of every field, which of them are current ("heads"), what
//! the data should hold, and the conflict history.
//!
//! The rules, all functions of the *set* of versions applied (never of the order they came
//! in), which is what makes every laptop end up with the same data:
//! - A version *knew* another when its commit had seen the other's (`Commit::seen`).
//! - The heads of a field are its versions that no later version knew. One head: that is the
//!   value. Several (edits made without seeing each other): the latest by clock, device id
//!   breaking ties, is kept; for long texts the others' edits are merged in three-way against
//!   the text they replaced, where they do not collide.
//! - Every pair of versions of a field made without seeing each other, with different values,
//!   puts the lesser in the conflict history; a delete made without seeing an edit of the same
//!   record does too, and the record stays (brought back, flagged); so does a delete made
//!   without seeing a version of another record that points at the deleted one (`references`).
//! - A record exists unless every one of its versions was known by some delete.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;
use uuid::Uuid;

use super::capture::{Commit, is_mergeable};
use super::hlc::Hlc;
use super::keys;
use super::references::References;
use crate::error::{Error, Result};

/// A version's place: (device, commit sequence, position in the commit).
pub(crate) type VersionId = (Uuid, u64, u32);

pub(crate) fn version_key(id: VersionId) -> String {
    format!("{}.{}.{}", id.0, id.1, id.2)
}

pub(crate) fn parse_version_key(text: &str) -> Option<VersionId> {
    let mut parts = text.splitn(3, '.');
    let device = Uuid::parse_str(parts.next()?).ok()?;
    let seq = parts.next()?.parse().ok()?;
    let idx = parts.next()?.parse().ok()?;
    Some((device, seq, idx))
}

#[derive(Debug, Clone)]
pub(crate) struct Version {
    pub id: VersionId,
    pub value: Value,
    pub base: Option<String>,
    pub hlc: Hlc,
    pub head: bool,
}

impl Version {
    /// The order of concurrent versions: clock first, then device (inside the clock time).
    pub(crate) fn rank(&self) -> (Hlc, Uuid, u64, u32) {
        (self.hlc, self.id.0, self.id.1, self.id.2)
    }

    pub(crate) fn is_delete(&self) -> bool {
        self.value == Value::Bool(false)
    }
}

/// Answers "had this commit seen that one?", reading commits' contexts once.
#[derive(Default)]
pub(crate) struct Causality {
    seen: HashMap<(Uuid, u64), BTreeMap<Uuid, u64>>,
}

impl Causality {
    pub fn remember(&mut self, commit: &Commit) {
        self.seen
            .insert((commit.device, commit.seq), commit.seen.clone());
    }

    /// Whether version `a` was known when version `b` was made.
    pub fn knew(&mut self, conn: &Connection, a: VersionId, b: VersionId) -> Result<bool> {
        if a.0 == b.0 {
            return Ok(a.1 < b.1 || (a.1 == b.1 && a.2 < b.2));
        }
        let key = (b.0, b.1);
        if let std::collections::hash_map::Entry::Vacant(e) = self.seen.entry(key) {
            let text: String = conn
                .prepare_cached("SELECT seen FROM sync_commit WHERE device = ?1 AND seq = ?2")?
                .query_row(params![b.0.to_string(), b.1 as i64], |r| r.get(0))?;
            let seen = serde_json::from_str(&text)
                .map_err(|_| Error::Internal(format!("malformed causal context {text:?}")))?;
            e.insert(seen);
        }
        Ok(self.seen[&key].get(&a.0).is_some_and(|&s| s >= a.1))
    }
}

pub(crate) fn versions(
    conn: &Connection,
    tbl: &str,
    pk: &str,
    col: Option<&str>,
    heads_only: bool,
) -> Result<Vec<(String, Version)>> {
    let mut sql = String::from(
        "SELECT v.col, p.id, v.seq, v.idx, v.value, v.base, v.millis, v.counter, v.head
         FROM sync_version v JOIN sync_peer p ON p.n = v.device
         WHERE v.rec = (SELECT id FROM sync_key WHERE tbl = ?1 AND pk = ?2)",
    );
    if col.is_some() {
        sql.push_str(" AND v.col = ?3");
    } else {
        sql.push_str(" AND ?3 IS NULL");
    }
    if heads_only {
        sql.push_str(" AND v.head = 1");
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(params![tbl, pk, col], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                (r.get::<_, i64>(6)?, r.get::<_, i64>(7)?),
                r.get::<_, i64>(8)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(
            |(col, device, seq, idx, value, base, (millis, counter), head)| {
                let bad = || Error::Internal(format!("malformed version of {tbl} {pk}"));
                let device = crate::store::parse_uuid(&device)?;
                Ok((
                    col,
                    Version {
                        id: (device, seq as u64, idx as u32),
                        value: serde_json::from_str(&value).map_err(|_| bad())?,
                        base,
                        hlc: stored_hlc(millis, counter, device),
                        head: head != 0,
                    },
                ))
            },
        )
        .collect()
}

/// A version's clock time as stored: its device is the version's own.
fn stored_hlc(millis: i64, counter: i64, device: Uuid) -> Hlc {
    Hlc {
        millis: millis as u64,
        counter: counter as u32,
        device,
    }
}

/// Where a version goes: its device's and its record's numbers (`keys`).
#[derive(Clone, Copy)]
pub(crate) struct Place {
    pub device: i64,
    pub rec: i64,
}

fn insert_version(
    tx: &Connection,
    place: Place,
    id: VersionId,
    change: &super::capture::Change,
    head: bool,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_version (device, seq, idx, rec, col, value, base, millis, counter, head)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        place.device,
        id.1 as i64,
        id.2 as i64,
        place.rec,
        change.col,
        change.value.to_string(),
        change.base,
        change.hlc.millis as i64,
        change.hlc.counter as i64,
        head,
    ])?;
    Ok(())
}

fn set_not_head(tx: &Connection, id: VersionId) -> Result<()> {
    tx.prepare_cached(
        "UPDATE sync_version SET head = 0
         WHERE device = (SELECT n FROM sync_peer WHERE id = ?1) AND seq = ?2 AND idx = ?3",
    )?
    .execute(params![id.0.to_string(), id.1 as i64, id.2 as i64])?;
    Ok(())
}

pub(crate) fn insert_commit(
    tx: &Connection,
    commit: &Commit,
    state: &str,
    payload: Option<&str>,
) -> Result<()> {
    let hlc = commit.hlc().map(|h| h.to_string()).unwrap_or_default();
    let seen = serde_json::to_string(&commit.seen)
        .map_err(|e| Error::Internal(format!("causal context: {e}")))?;
    tx.prepare_cached(
        "INSERT INTO sync_commit (device, seq, hlc, seen, schema, state, payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (device, seq) DO UPDATE SET state = excluded.state, payload = excluded.payload",
    )?
    .execute(params![
        commit.device.to_string(),
        commit.seq as i64,
        hlc,
        seen,
        commit.schema,
        state,
        payload
    ])?;
    Ok(())
}

/// Records a commit made here: its versions knew everything, so each becomes the only head of
/// its field, and the data already holds it.
pub(crate) fn record_local(
    tx: &Connection,
    commit: &Commit,
    references: &References,
) -> Result<()> {
    insert_commit(tx, commit, "applied", None)?;
    let device = keys::device_or_new(tx, commit.device)?;
    for (idx, change) in commit.changes.iter().enumerate() {
        // (Made having seen everything here: no delete here is concurrent with it.)
        references.remember(tx, change)?;
        let rec = keys::record_or_new(tx, &change.tbl, &change.pk)?;
        tx.prepare_cached(
            "UPDATE sync_version SET head = 0 WHERE rec = ?1 AND col = ?2 AND head = 1",
        )?
        .execute(params![rec, change.col])?;
        let place = Place { device, rec };
        insert_version(
            tx,
            place,
            (commit.device, commit.seq, idx as u32),
            change,
            true,
        )?;
        if change.col.is_empty() {
            let alive = change.value != Value::Bool(false);
            keys::set_alive(tx, &change.tbl, &change.pk, i64::from(alive))?;
        } else {
            // An edit made here exists by its own right from now on.
            keys::set_alive(tx, &change.tbl, &change.pk, 1)?;
            set_field(tx, rec, &change.col, None)?;
        }
    }
    Ok(())
}

/// Notes a field's value as sync leaves it (what the next commit compares the record with):
/// `None` when it is the value of the field's only head, which is then not written twice
/// (the value lives in `sync_version`; `capture::fields` reads it from there).
pub(crate) fn set_field(tx: &Connection, rec: i64, col: &str, value: Option<&Value>) -> Result<()> {
    tx.prepare_cached("INSERT OR REPLACE INTO sync_field (rec, col, value) VALUES (?1, ?2, ?3)")?
        .execute(params![rec, col, value.map(Value::to_string)])?;
    Ok(())
}

/// Notes a field's value as sync leaves it, from the heads it was resolved from.
pub(crate) fn set_field_from(
    tx: &Connection,
    rec: i64,
    col: &str,
    value: &Value,
    heads: &[Version],
) -> Result<()> {
    let only_head = matches!(heads, [head] if head.value == *value);
    set_field(tx, rec, col, (!only_head).then_some(value))
}

/// Before a field's heads change, the state sync left that named "the value of its only head"
/// takes that value in full: it no longer says which value it is once the heads change.
fn freeze_field(tx: &Connection, rec: i64, col: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE sync_field SET value =
             (SELECT v.value FROM sync_version v WHERE v.rec = ?1 AND v.col = ?2 AND v.head = 1)
         WHERE rec = ?1 AND col = ?2 AND value IS NULL",
    )?
    .execute(params![rec, col])?;
    Ok(())
}

/// A record: its table and its primary key (JSON).
type RecordKey = (String, String);

/// A record's versions, with the column of each.
type Versions = Vec<(String, Version)>;

/// What applying a remote commit found.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub merged_texts: u64,
    pub conflicts: Vec<String>,
}

/// Adds a commit from another laptop to the version store (its versions, the heads they
/// replace, the conflicts they make). The data is updated afterwards, record by record.
pub(crate) fn apply_remote(
    tx: &Connection,
    commit: &Commit,
    causality: &mut Causality,
    references: &References,
    found: &mut Found,
) -> Result<()> {
    causality.remember(commit);
    let device = keys::device_or_new(tx, commit.device)?;
    // A commit's changes come record by record: each record's versions are read once.
    let mut record: Option<(RecordKey, i64, Versions)> = None;
    for (idx, change) in commit.changes.iter().enumerate() {
        let id = (commit.device, commit.seq, idx as u32);
        let new = Version {
            id,
            value: change.value.clone(),
            base: change.base.clone(),
            // A time is the writer's: the version's device, whatever the file says.
            hlc: Hlc {
                device: commit.device,
                ..change.hlc
            },
            head: true,
        };
        let key = (change.tbl.clone(), change.pk.clone());
        if record.as_ref().is_none_or(|(k, _, _)| *k != key) {
            let known = versions(tx, &change.tbl, &change.pk, None, false)?;
            let rec = keys::record_or_new(tx, &change.tbl, &change.pk)?;
            record = Some((key, rec, known));
        }
        let Some((_, rec, known)) = record.as_mut() else {
            continue;
        };
        let place = Place { device, rec: *rec };
        // (Only a field with a head can have its state named by it.)
        if !change.col.is_empty() && known.iter().any(|(c, v)| *c == change.col && v.head) {
            freeze_field(tx, *rec, &change.col)?;
        }
        for (col, old) in known.iter_mut() {
            if *col != change.col {
                continue;
            }
            if causality.knew(tx, old.id, id)? {
                if old.head {
                    set_not_head(tx, old.id)?;
                    old.head = false;
                }
            } else if change.col.is_empty() {
                if old.is_delete() != new.is_delete() {
                    let (delete, life) = if new.is_delete() {
                        (&new, &*old)
                    } else {
                        (&*old, &new)
                    };
                    note_conflict(tx, "deleted", &change.tbl, &change.pk, "", delete, life)?;
                    found.conflicts.push(version_key(delete.id));
                }
            } else if old.value != new.value && change.col != "updated_at" {
                // (When a record was last touched is bookkeeping, not something to choose.)
                pair(tx, change, old, &new, found)?;
            }
        }
        insert_version(tx, place, id, change, true)?;
        // A delete against the versions of other records pointing at it, and the other way.
        references.arrived(tx, causality, change, &new, found)?;
        // A delete against the record's other fields, or a field against its deletes.
        for (col, other) in known.iter() {
            let (delete, life) = match (change.col.is_empty(), col.is_empty()) {
                (true, false) if new.is_delete() => (&new, other),
                (false, true) if other.is_delete() => (other, &new),
                _ => continue,
            };
            let earlier = if delete.id == id { life } else { delete };
            if !causality.knew(tx, earlier.id, id)? {
                note_conflict(tx, "deleted", &change.tbl, &change.pk, "", delete, life)?;
                found.conflicts.push(version_key(delete.id));
            }
        }
        known.push((change.col.clone(), new));
    }
    Ok(())
}

/// Two versions of a field made without seeing each other.
fn pair(
    tx: &Connection,
    change: &super::capture::Change,
    a: &Version,
    b: &Version,
    found: &mut Found,
) -> Result<()> {
    let (loser, winner) = if a.rank() < b.rank() { (a, b) } else { (b, a) };
    let kind = if is_mergeable(&change.tbl, &change.col) {
        if merge3(loser, winner.value.as_str().unwrap_or_default()).is_some() {
            found.merged_texts += 1;
        }
        "text"
    } else {
        "edit"
    };
    note_conflict(
        tx,
        kind,
        &change.tbl,
        &change.pk,
        &change.col,
        loser,
        winner,
    )?;
    found.conflicts.push(version_key(loser.id));
    Ok(())
}

/// Merges `version`'s edit (from its base to its value) into `into`, if they do not collide.
pub(crate) fn merge3(version: &Version, into: &str) -> Option<String> {
    let base = version.base.as_deref()?;
    let theirs = version.value.as_str()?;
    diffy::merge(base, into, theirs).ok()
}

pub(crate) fn note_conflict(
    tx: &Connection,
    kind: &str,
    tbl: &str,
    pk: &str,
    col: &str,
    loser: &Version,
    winner: &Version,
) -> Result<()> {
    let id = version_key(loser.id);
    let current: Option<(String, i64, i64)> = tx
        .prepare_cached(
            "SELECT winner_device, winner_seq, winner_idx FROM sync_conflict WHERE id = ?1",
        )?
        .query_row([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    if let Some((device, seq, idx)) = current {
        // Keep the strongest winner, whatever the order versions came in.
        let time: Option<(i64, i64)> = tx
            .prepare_cached(
                "SELECT v.millis, v.counter FROM sync_version v JOIN sync_peer p ON p.n = v.device
                 WHERE p.id = ?1 AND v.seq = ?2 AND v.idx = ?3",
            )?
            .query_row(params![device, seq, idx], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let old = match (time, crate::store::parse_uuid(&device)) {
            (Some((millis, counter)), Ok(uuid)) => Some(stored_hlc(millis, counter, uuid)),
            _ => None,
        };
        let old_rank = old.map(|h| (h, device.clone(), seq as u64, idx as u32));
        let new_rank = (
            winner.hlc,
            winner.id.0.to_string(),
            winner.id.1,
            winner.id.2,
        );
        if old_rank.is_some_and(|o| o >= new_rank) {
            return Ok(());
        }
    }
    tx.prepare_cached(
        "INSERT OR REPLACE INTO sync_conflict
             (id, kind, tbl, pk, col, winner_device, winner_seq, winner_idx)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id,
        kind,
        tbl,
        pk,
        col,
        winner.id.0.to_string(),
        winner.id.1 as i64,
        winner.id.2 as i64
    ])?;
    Ok(())
}

/// The value a field's heads give: the latest, with the others' text edits merged in. Also
/// says which heads could not be merged (their conflict stays open).
pub(crate) fn resolve(
    tbl: &str,
    col: &str,
    mut heads: Vec<Version>,
) -> Option<(Value, Vec<VersionId>)> {
    heads.sort_by_key(|v| std::cmp::Reverse(v.rank()));
    let mut iter = heads.into_iter();
    let first = iter.next()?;
    let mut unmerged = Vec::new();
    if !is_mergeable(tbl, col) || !first.value.is_string() {
        unmerged.extend(iter.map(|v| v.id));
        return Some((first.value, unmerged));
    }
    let mut text = first.value.as_str().unwrap_or_default().to_string();
    for other in iter {
        match merge3(&other, &text) {
            Some(merged) => text = merged,
            None => unmerged.push(other.id),
        }
    }
    Some((Value::String(text), unmerged))
}

/// Whether a record exists, from its heads (`versions(…, heads_only)`): some creation not
/// undone, or some field version that no delete knew.
pub(crate) fn alive(
    tx: &Connection,
    causality: &mut Causality,
    heads: &[(String, Version)],
) -> Result<bool> {
    let deletes: Vec<&Version> = heads
        .iter()
        .filter(|(c, v)| c.is_empty() && v.is_delete())
        .map(|(_, v)| v)
        .collect();
    if heads.iter().any(|(c, v)| c.is_empty() && !v.is_delete()) || deletes.is_empty() {
        return Ok(!heads.is_empty());
    }
    for (col, life) in heads {
        if col.is_empty() {
            continue;
        }
        let mut known = false;
        for delete in &deletes {
            if causality.knew(tx, life.id, delete.id)? {
                known = true;
                break;
            }
        }
        if !known {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Versions that are current but neither the value, nor merged into it, nor in the conflict
/// history: what "nothing is ever lost" forbids (the model test audits every laptop with it).
#[cfg(test)]
pub(crate) fn unaccounted(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT k.tbl, k.pk, v.col, p.id, v.seq, v.idx, f.value
         FROM sync_version v JOIN sync_key k ON k.id = v.rec JOIN sync_peer p ON p.n = v.device
         LEFT JOIN (SELECT rec, col, coalesce(value, (SELECT h.value FROM sync_version h
                                WHERE h.rec = sf.rec AND h.col = sf.col AND h.head = 1)) value
                    FROM sync_field sf) f ON (f.rec, f.col) = (v.rec, v.col)
         WHERE v.head = 1 AND v.col NOT IN ('', 'updated_at')",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (tbl, pk, col, device, seq, idx, field) in rows {
        let id = (crate::store::parse_uuid(&device)?, seq as u64, idx as u32);
        let version = versions(conn, &tbl, &pk, Some(&col), true)?
            .into_iter()
            .map(|(_, v)| v)
            .find(|v| v.id == id)
            .ok_or_else(|| Error::Internal("head vanished".into()))?;
        let field: Option<Value> = field.and_then(|f| serde_json::from_str(&f).ok());
        if field.as_ref() == Some(&version.value) {
            continue;
        }
        // A reference emptied by the delete of a record that came back points at it again
        // (`apply::materialize`): the empty version is superseded by the record's return.
        let is_reference = conn
            .prepare(&format!("PRAGMA foreign_key_list(\"{tbl}\")"))?
            .query_map([], |r| r.get::<_, String>(3))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .contains(&col);
        if version.value.is_null() && is_reference && field.as_ref().is_some_and(Value::is_string) {
            continue;
        }
        let in_history = conn
            .prepare_cached("SELECT 1 FROM sync_conflict WHERE id = ?1")?
            .exists([version_key(id)])?;
        if in_history {
            continue;
        }
        let text = field.as_ref().and_then(Value::as_str).unwrap_or_default();
        // A text version is in the data when its edit is (applying it again changes nothing),
        // or when every line it holds is there: the version others' edits were merged into.
        // (Re-applying that one can collide with the very edits merged into it.)
        let lines_kept = || {
            let value = version.value.as_str().unwrap_or_default();
            value.lines().all(|l| text.lines().any(|t| t == l))
        };
        if is_mergeable(&tbl, &col)
            && (merge3(&version, text).as_deref() == Some(text) || lines_kept())
        {
            continue;
        }
        out.push(format!("{tbl} {pk} {col} {}", version_key(id)));
    }
    Ok(out)
}
