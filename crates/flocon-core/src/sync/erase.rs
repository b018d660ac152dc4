//! The GDPR erasure in sync (docs/sync-format.md, "Erasure"). An erasure travels as an
//! ordinary synced row of `erasure` (the person's id and when): every laptop it reaches purges
//! the person in the apply's transaction (`store::purge_person`). Changes for a purged row
//! arriving later are dropped (`sync_purged`), and a row made elsewhere that still points at an
//! erased person (an email added on a laptop that had not seen the erasure yet) is purged as
//! soon as it arrives: the purge beats any concurrent edit.
//!
//! Then every laptop rewrites its own files of the shared folder without the purged rows'
//! changes — never another laptop's files: each cleans its own when the erasure reaches it.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use rusqlite::Connection;
use serde_json::Value;
use uuid::Uuid;

use super::SyncKey;
use super::apply::RecordKey;
use super::capture;
use super::engine::{Segment, own_files};
use super::envelope;
use super::folder;
use crate::db::Database;
use crate::error::{Error, Result};

/// Every row an erasure removed on this laptop: changes for them are dropped on arrival.
pub(crate) fn purged(conn: &Connection) -> Result<HashSet<RecordKey>> {
    Ok(conn
        .prepare_cached("SELECT tbl, pk FROM sync_purged")?
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<HashSet<_>>>()?)
}

/// After an apply: purges the people whose erasure just arrived, and again any erased person
/// something just written points at. Runs with the capture on, so the references it empties
/// (an action's owner) travel as this laptop's edits.
pub(crate) fn after_apply(tx: &Connection, written: &BTreeSet<RecordKey>) -> Result<()> {
    let erased: BTreeSet<String> = tx
        .prepare_cached("SELECT id FROM erasure")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    if erased.is_empty() || written.is_empty() {
        return Ok(());
    }
    let mut named: BTreeSet<String> = BTreeSet::new();
    let mut note = |value: &Value| {
        if let Value::String(s) = value
            && erased.contains(s)
        {
            named.insert(s.clone());
        }
    };
    for (tbl, pk) in written {
        if let Ok(Value::Array(values)) = serde_json::from_str::<Value>(pk) {
            values.iter().for_each(&mut note);
        }
        if tbl != "erasure" {
            capture::fields(tx, tbl, pk)?.values().for_each(&mut note);
        }
    }
    for id in named {
        let id = crate::store::parse_uuid(&id)?;
        let report = crate::store::purge_person(tx, id)?;
        tracing::info!(person = %id, flagged = report.flagged.len(), "erasure applied");
    }
    Ok(())
}

/// Rewrites this laptop's own files of the folder that still hold changes of purged rows:
/// decrypted, those changes dropped, sealed again with the same kind, device and sequence,
/// and written atomically over the old file. Readers that read the file already do not read
/// it again (same device and sequence); a new laptop reads the clean one. Done once after each
/// erasure (local or received); a failure leaves it to the next sync.
pub(crate) fn clean_own_files(
    db: &Database,
    folder: &Path,
    key: &SyncKey,
    device: Uuid,
) -> Result<u32> {
    let (wanted, done) = db.read(|c| {
        Ok((
            capture::meta(c, "purge_generation")?,
            capture::meta(c, "purge_files_clean")?,
        ))
    })?;
    let Some(wanted) = wanted else {
        return Ok(0);
    };
    if done.as_deref() == Some(wanted.as_str()) {
        return Ok(0);
    }
    let purged = db.read(purged)?;
    let mut rewritten = 0;
    for path in own_files(folder, device) {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok((header, payload)) = envelope::open(key, &bytes) else {
            continue;
        };
        if header.device != device {
            continue;
        }
        let Ok(mut segment) = serde_json::from_slice::<Segment>(&payload) else {
            continue;
        };
        let mut changed = false;
        for commit in &mut segment.commits {
            let before = commit.changes.len();
            commit
                .changes
                .retain(|c| !purged.contains(&(c.tbl.clone(), c.pk.clone())));
            changed |= commit.changes.len() != before;
        }
        if !changed {
            continue;
        }
        let clean =
            serde_json::to_vec(&segment).map_err(|e| Error::Internal(format!("segment: {e}")))?;
        let sealed = envelope::seal(key, header.kind, device, header.sequence, &clean);
        let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str()))
        else {
            continue;
        };
        folder::write_atomically(dir, name, &sealed)?;
        rewritten += 1;
    }
    db.write(|tx| capture::set_meta(tx, "purge_files_clean", &wanted))?;
    // This laptop's file too: nothing of the purged rows in free pages, index or log; and its
    // backups.
    db.scrub()?;
    if let Some(data_dir) = db.path().parent() {
        let erased = db.read(crate::store::erasures)?;
        crate::store::purge_backups(data_dir, &erased);
    }
    Ok(rewritten)
}
