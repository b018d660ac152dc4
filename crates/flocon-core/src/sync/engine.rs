//! One sync with a folder: commit what changed here, write our commits the folder lacks, read
//! the others' new files, and apply every commit whose causal past is complete — in one
//! transaction, so a crash (even `kill -9`) leaves the database as it was before, and the next
//! sync does it all again from the files, which are never changed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::Utc;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::capture::{self, Change, Commit};
use super::envelope::{FileKind, OpenError};
use super::folder::{self, FileHash, Scan, SyncFile};
use super::model::{NewIdentity, SkipReason, SkippedFile, SyncProgress, SyncReport, SyncStep};
use super::references::References;
use super::versions::{self, Causality, Found};
use super::{SyncKey, apply, envelope};
use crate::db::{Database, SYNC_SCHEMA_VERSION};
use crate::error::{Error, Result};

/// The payload of a change segment (kind 1).
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Segment {
    /// The name the writing laptop gave itself.
    pub device_name: String,
    pub commits: Vec<Commit>,
}

/// The most bytes of commits (their JSON, before compression) one file of ours holds, so that
/// every file is quick to copy, read and verify on a slow USB key, and a new laptop's first
/// sync is many small files. Only a single commit larger than that (one made before commits
/// were bounded, see `capture::COMMIT_BYTES`) fills a file alone. A setting, for tests
/// (`capture::size_setting`).
pub(crate) const FILE_BYTES: usize = 8 * 1024 * 1024;

/// Where a sync stands, told as it goes (see `Store::sync_with_folder_reporting`).
pub(crate) type OnProgress<'a> = &'a (dyn Fn(SyncProgress) + Sync);

fn tell(progress: OnProgress<'_>, step: SyncStep, done: u64, total: u64) {
    progress(SyncProgress { step, done, total });
}

/// What writing commits into files did.
#[derive(Debug, Default)]
pub(super) struct Written {
    /// The numbers of the files written, in order.
    pub files: Vec<u64>,
    /// Those at least half full: a snapshot would gain nothing by merging them.
    pub full: Vec<u64>,
    pub commits: u64,
    pub changes: u64,
}

/// Writes the commits `keys` (of any laptop, applied here) into new files of ours of `kind`,
/// in that order, each holding whole commits and about `FILE_BYTES` of them at most. Each
/// file is numbered, written atomically and noted as verified before the next; commits are
/// loaded one at a time, so memory stays bounded by one file whatever the history's size.
pub(super) fn write_files(
    db: &Database,
    folder: &Path,
    key: &SyncKey,
    kind: FileKind,
    keys: &[(Uuid, u64)],
    progress: OnProgress<'_>,
) -> Result<Written> {
    let (device, name, bound) = db.read(|conn| {
        Ok((
            capture::device_id(conn)?,
            device_name(conn)?,
            capture::size_setting(conn, "file_bytes", FILE_BYTES)?,
        ))
    })?;
    let head = serde_json::to_string(&name).map_err(|e| Error::Internal(format!("name: {e}")))?;
    let mut written = Written::default();
    let mut body: Vec<u8> = Vec::new();
    let mut in_file: Vec<(Uuid, u64)> = Vec::new();
    let mut flush = |body: &mut Vec<u8>, in_file: &mut Vec<(Uuid, u64)>| -> Result<()> {
        if in_file.is_empty() {
            return Ok(());
        }
        let body_len = body.len();
        let mut payload = Vec::with_capacity(body.len() + head.len() + 32);
        payload.extend_from_slice(br#"{"device_name":"#);
        payload.extend_from_slice(head.as_bytes());
        payload.extend_from_slice(br#","commits":["#);
        payload.append(body);
        payload.extend_from_slice(b"]}");
        let next = reserve_file_number(db)?;
        let sealed = envelope::seal(key, kind, device, next, &payload);
        drop(payload);
        let path = folder::write_atomically(
            &folder::device_dir(folder, device),
            &folder::file_name(kind, next),
            &sealed,
        )?;
        let place = std::fs::metadata(&path)
            .ok()
            .map(|meta| (folder::relative(folder, &path), folder::stamp(&meta)));
        let own: Vec<u64> = in_file
            .iter()
            .filter(|(d, _)| *d == device)
            .map(|(_, s)| *s)
            .collect();
        db.write(|tx| {
            note_verified(tx, device, next, &folder::file_hash(&sealed), &own)?;
            if let Some((path, stamp)) = &place {
                tx.prepare_cached(
                    "UPDATE sync_file_verified SET path = ?1, stamp = ?2
                     WHERE device = ?3 AND sequence = ?4",
                )?
                .execute(params![path, stamp, device.to_string(), next as i64])?;
            }
            note_file(
                tx,
                device,
                next,
                (
                    own.iter().copied().min().unwrap_or(0),
                    own.iter().copied().max().unwrap_or(0),
                ),
            )
        })?;
        if body_len * 2 >= bound {
            written.full.push(next);
        }
        written.files.push(next);
        in_file.clear();
        Ok(())
    };
    let total = keys.len() as u64;
    if total == 0 {
        return Ok(written);
    }
    for (i, &(d, s)) in keys.iter().enumerate() {
        tell(progress, SyncStep::Sending, i as u64, total);
        let commit = db.read(|conn| load_commit(conn, d, s))?;
        let json =
            serde_json::to_vec(&commit).map_err(|e| Error::Internal(format!("commit: {e}")))?;
        if !in_file.is_empty() && body.len() + json.len() > bound {
            flush(&mut body, &mut in_file)?;
        }
        if !in_file.is_empty() {
            body.push(b',');
        }
        body.extend_from_slice(&json);
        in_file.push((d, s));
        written.commits += 1;
        written.changes += commit.changes.len() as u64;
    }
    flush(&mut body, &mut in_file)?;
    tell(progress, SyncStep::Sending, total, total);
    if !written.full.is_empty() {
        db.write(|tx| {
            let mut full: BTreeSet<u64> = capture::meta(tx, "full_files")?
                .map(|r| parse_runs(&r).collect())
                .unwrap_or_default();
            full.extend(written.full.iter().copied());
            capture::set_meta(tx, "full_files", &runs(full))
        })?;
    }
    Ok(written)
}

pub(crate) fn now_ms() -> u64 {
    Utc::now().timestamp_millis().max(0) as u64
}

pub(crate) fn device_name(conn: &Connection) -> Result<String> {
    if let Some(name) = capture::meta(conn, "device_name")? {
        return Ok(name);
    }
    let host = std::env::var("FLOCON_DEVICE_NAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "Cet ordinateur".to_string());
    Ok(host)
}

/// Rebuilds one of our commits from the version store, as it was made.
pub(super) fn load_commit(conn: &Connection, device: Uuid, seq: u64) -> Result<Commit> {
    let (seen, schema): (String, i64) = conn
        .prepare_cached("SELECT seen, schema FROM sync_commit WHERE device = ?1 AND seq = ?2")?
        .query_row(params![device.to_string(), seq as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let mut stmt = conn.prepare_cached(
        "SELECT k.tbl, k.pk, v.col, v.value, v.base, v.millis, v.counter
         FROM sync_version v JOIN sync_key k ON k.id = v.rec
         WHERE v.device = (SELECT n FROM sync_peer WHERE id = ?1) AND v.seq = ?2
         ORDER BY v.idx",
    )?;
    let rows = stmt
        .query_map(params![device.to_string(), seq as i64], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                (r.get::<_, i64>(5)?, r.get::<_, i64>(6)?),
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let bad = || Error::Internal(format!("malformed commit {device} {seq}"));
    let changes = rows
        .into_iter()
        .map(|(tbl, pk, col, value, base, (millis, counter))| {
            Ok(Change {
                tbl,
                pk,
                col,
                value: serde_json::from_str(&value).map_err(|_| bad())?,
                base,
                hlc: super::Hlc {
                    millis: millis as u64,
                    counter: counter as u32,
                    device,
                },
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Commit {
        device,
        seq,
        seen: serde_json::from_str(&seen).map_err(|_| bad())?,
        schema,
        changes,
    })
}

/// `seqs` as runs of consecutive numbers: `[[1, 4], [7, 7]]`.
pub(super) fn runs(seqs: impl IntoIterator<Item = u64>) -> String {
    let seqs: BTreeSet<u64> = seqs.into_iter().collect();
    let mut out: Vec<[u64; 2]> = Vec::new();
    for s in seqs {
        match out.last_mut() {
            Some(run) if run[1] + 1 == s => run[1] = s,
            _ => out.push([s, s]),
        }
    }
    serde_json::to_string(&out).unwrap_or_else(|_| "[]".into())
}

fn parse_runs(text: &str) -> impl Iterator<Item = u64> {
    serde_json::from_str::<Vec<[u64; 2]>>(text)
        .unwrap_or_default()
        .into_iter()
        .flat_map(|[a, b]| a..=b)
}

/// Notes a file as verified: the fingerprint of its bytes and its writer's own commits in it.
fn note_verified(
    tx: &Connection,
    device: Uuid,
    sequence: u64,
    hash: &FileHash,
    own: &[u64],
) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO sync_file_verified (device, sequence, hash, commits)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        device.to_string(),
        sequence as i64,
        super::crypto::to_hex(hash),
        runs(own.iter().copied())
    ])?;
    Ok(())
}

/// The files the scan read for the first time (or again, their bytes having changed), noted
/// as verified so that the next sync does not decrypt them again.
fn note_scanned(tx: &Connection, scan: &Scan) -> Result<()> {
    for ((device, sequence), file) in &scan.files {
        if let Ok(segment) = serde_json::from_slice::<Segment>(&file.payload) {
            let own: Vec<u64> = segment
                .commits
                .iter()
                .filter(|c| c.device == *device)
                .map(|c| c.seq)
                .collect();
            note_verified(tx, *device, *sequence, &file.hash, &own)?;
        }
    }
    Ok(())
}

/// The commits of `device` held by its files the scan found with the bytes verified earlier.
fn known_commits(conn: &Connection, device: Uuid, scan: &Scan) -> Result<BTreeSet<u64>> {
    let rows = conn
        .prepare_cached("SELECT sequence, commits FROM sync_file_verified WHERE device = ?1")?
        .query_map([device.to_string()], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter(|(file, _)| scan.known.contains(&(device, *file as u64)))
        .flat_map(|(_, commits)| parse_runs(&commits).collect::<Vec<_>>())
        .collect())
}

/// Our commits that no file present in the folder holds: exactly those, whatever the gaps (a
/// file that re-sent lost commits holds only them). Only files that verify count: one whose
/// bytes changed since it was verified (damaged, cut, replaced by someone without the key) is
/// not ours any more, and what it held is sent again.
fn missing_commits(conn: &Connection, device: Uuid, scan: &Scan) -> Result<Vec<u64>> {
    let mut present = known_commits(conn, device, scan)?;
    // Our own files not noted yet (written just before a crash), or whose bytes changed but
    // still verify (rewritten after an erasure), count too.
    for ((d, _), file) in &scan.files {
        if *d == device
            && let Ok(segment) = serde_json::from_slice::<Segment>(&file.payload)
        {
            present.extend(
                segment
                    .commits
                    .iter()
                    .filter(|c| c.device == device)
                    .map(|c| c.seq),
            );
        }
    }
    let local: Vec<i64> = conn
        .prepare_cached("SELECT seq FROM sync_commit WHERE device = ?1 ORDER BY seq")?
        .query_map([device.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(local
        .into_iter()
        .map(|s| s as u64)
        .filter(|s| !present.contains(s))
        .collect())
}

/// Each file of the folder found unchanged by its stamp is still read and verified once in
/// this many syncs, in turn (so a forged stamp does not hide a replaced file for long).
const RECHECK_EVERY: u64 = 16;

/// The files verified at an earlier sync, with the fingerprint of their bytes then, where they
/// were found and their stamp; at `round` (one more at each sync), one in `RECHECK_EVERY` of
/// them is due to be read again whatever its stamp.
pub(crate) fn known_files(
    conn: &Connection,
    round: u64,
) -> Result<BTreeMap<(Uuid, u64), folder::KnownFile>> {
    let mut stmt =
        conn.prepare_cached("SELECT device, sequence, hash, path, stamp FROM sync_file_verified")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = BTreeMap::new();
    for (d, s, hash, path, stamp) in rows {
        let Some(hash) = super::crypto::from_hex(&hash).and_then(|h| <FileHash>::try_from(h).ok())
        else {
            continue;
        };
        let sequence = s as u64;
        out.insert(
            (crate::store::parse_uuid(&d)?, sequence),
            folder::KnownFile {
                hash,
                place: path.zip(stamp),
                recheck: (sequence + round).is_multiple_of(RECHECK_EVERY),
            },
        );
    }
    Ok(out)
}

/// Notes where the files of the scan were found and their stamps, for the next sync.
fn note_stamps(tx: &Connection, scan: &Scan) -> Result<()> {
    for ((device, sequence), (path, stamp)) in &scan.stamps {
        tx.prepare_cached(
            "UPDATE sync_file_verified SET path = ?1, stamp = ?2 WHERE device = ?3 AND sequence = ?4",
        )?
        .execute(params![path, stamp, device.to_string(), *sequence as i64])?;
    }
    Ok(())
}

/// Whether the folder shows that another laptop writes under our device id — its data folder
/// is a copy of ours (or ours a copy of its, or an older restore of it by a system backup):
/// a verified file of our id that we did not write, because its number is above the last one
/// we took, or because it holds a commit of our id that we do not have or that differs from
/// ours. Returns the fork point: our commits up to it are the ones both laptops share; ours
/// after it were made here only.
fn shared_identity(conn: &Connection, device: Uuid, scan: &Scan) -> Result<Option<u64>> {
    let ours: Vec<&SyncFile> = scan
        .files
        .values()
        .chain(scan.clashing.iter())
        .filter(|f| f.header.device == device)
        .collect();
    if ours.is_empty() {
        return Ok(None);
    }
    let reserved = capture::meta(conn, "file_seq")?
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(0);
    let purged = super::erase::purged(conn)?;
    let kept = |commit: &Commit| {
        let mut commit = commit.clone();
        commit
            .changes
            .retain(|c| !purged.contains(&(c.tbl.clone(), c.pk.clone())));
        commit
    };
    let mut foreign = false;
    let mut first_different: Option<u64> = None;
    let mut identical: BTreeSet<u64> = BTreeSet::new();
    for file in ours {
        foreign |= file.header.sequence > reserved;
        let Ok(segment) = serde_json::from_slice::<Segment>(&file.payload) else {
            continue;
        };
        for theirs in segment.commits.iter().filter(|c| c.device == device) {
            let mine = conn
                .prepare_cached("SELECT 1 FROM sync_commit WHERE device = ?1 AND seq = ?2")?
                .exists(params![device.to_string(), theirs.seq as i64])?
                .then(|| load_commit(conn, device, theirs.seq))
                .transpose()?;
            if mine.is_some_and(|mine| same_or_cleaned(&kept(&mine), &kept(theirs))) {
                identical.insert(theirs.seq);
            } else {
                foreign = true;
                first_different = Some(first_different.map_or(theirs.seq, |f| f.min(theirs.seq)));
            }
        }
    }
    if !foreign {
        return Ok(None);
    }
    // Files verified at earlier syncs held commits identical to ours.
    identical.extend(known_commits(conn, device, scan)?);
    // Both laptops share a run of commits from the first; the first that differs, and any
    // after, were made apart. A commit of ours the folder does not show identical is taken as
    // made here (sent again under the new id, it is at worst the same change twice).
    let bound = first_different.unwrap_or(u64::MAX);
    let mut fork = 0;
    while fork + 1 < bound && identical.contains(&(fork + 1)) {
        fork += 1;
    }
    Ok(Some(fork))
}

/// Whether the folder's commit is ours, or ours as the laptop that shares our id left it after
/// an erasure this laptop has not seen yet: the same commit with some changes taken out, the
/// others in the same order (`erase::clean_own_files`). Taking it for one made apart would send
/// the erased person's changes again under a new id.
fn same_or_cleaned(mine: &Commit, theirs: &Commit) -> bool {
    if mine == theirs {
        return true;
    }
    if (mine.device, mine.seq, &mine.seen, mine.schema)
        != (theirs.device, theirs.seq, &theirs.seen, theirs.schema)
        || theirs.changes.len() >= mine.changes.len()
    {
        return false;
    }
    let mut left = mine.changes.iter();
    theirs
        .changes
        .iter()
        .all(|change| left.any(|m| m == change))
}

/// Gives this laptop a new device id because another laptop writes under its old one: our
/// commits after `fork` move to the new id (numbered from 1, their causal context still
/// naming the old id's commits up to the fork), with every version and conflict that names
/// them; file numbering starts again; the old id's commits in the folder become receivable
/// like any other laptop's.
fn take_new_identity(tx: &Connection, old: Uuid, fork: u64, name: &str) -> Result<NewIdentity> {
    let new = Uuid::now_v7();
    let (old_text, new_text) = (old.to_string(), new.to_string());
    let moved: Vec<(i64, String, String)> = tx
        .prepare_cached(
            "SELECT seq, seen, hlc FROM sync_commit WHERE device = ?1 AND seq > ?2 ORDER BY seq",
        )?
        .query_map(params![old_text, fork as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let rename_hlc = |hlc: &str| hlc.replace(&old_text, &new_text);
    let new_device = super::keys::device_or_new(tx, new)?;
    for (seq, seen, hlc) in &moved {
        let new_seq = *seq - fork as i64;
        let mut seen: BTreeMap<Uuid, u64> = serde_json::from_str(seen)
            .map_err(|_| Error::Internal(format!("malformed commit {old} {seq}")))?;
        let own_before = seen.remove(&old).unwrap_or(0);
        if own_before.min(fork) > 0 {
            seen.insert(old, own_before.min(fork));
        }
        seen.insert(new, own_before.saturating_sub(fork));
        let seen =
            serde_json::to_string(&seen).map_err(|e| Error::Internal(format!("seen: {e}")))?;
        tx.prepare_cached(
            "UPDATE sync_commit SET device = ?1, seq = ?2, seen = ?3, hlc = ?4
             WHERE device = ?5 AND seq = ?6",
        )?
        .execute(params![
            new_text,
            new_seq,
            seen,
            rename_hlc(hlc),
            old_text,
            seq
        ])?;
        // (A version's clock time names no device: its own is the version's.)
        tx.prepare_cached(
            "UPDATE sync_version SET device = ?1, seq = ?2
             WHERE device = (SELECT n FROM sync_peer WHERE id = ?3) AND seq = ?4",
        )?
        .execute(params![new_device, new_seq, old_text, seq])?;
        let (from, to) = (format!("{old}.{seq}."), format!("{new}.{new_seq}."));
        tx.prepare_cached(
            "UPDATE sync_conflict SET id = ?1 || substr(id, length(?2) + 1)
             WHERE substr(id, 1, length(?2)) = ?2",
        )?
        .execute(params![to, from])?;
        tx.prepare_cached(
            "UPDATE sync_conflict SET winner_device = ?1, winner_seq = ?2
             WHERE winner_device = ?3 AND winner_seq = ?4",
        )?
        .execute(params![new_text, new_seq, old_text, seq])?;
    }
    capture::set_meta(tx, "device_id", &new_text)?;
    tx.execute(
        "DELETE FROM sync_meta WHERE key IN ('file_seq', 'full_files', 'snapshot_files')",
        [],
    )?;
    if let Some(clock) = capture::meta(tx, "clock")? {
        capture::set_meta(tx, "clock", &rename_hlc(&clock))?;
    }
    tx.prepare_cached("INSERT OR REPLACE INTO sync_device (id, name) VALUES (?1, ?2)")?
        .execute(params![new_text, name])?;
    tracing::warn!(%old, %new, moved = moved.len(), fork, "another laptop syncs under this laptop's id: this one takes a new id");
    Ok(NewIdentity {
        old_device_id: old,
        new_device_id: new,
        moved_commits: moved.len() as u64,
    })
}

/// Notes a file as read, with the range of its writer's own commits in it (a snapshot also
/// carries other laptops' commits).
pub(super) fn note_file(
    tx: &Connection,
    device: Uuid,
    sequence: u64,
    own: (u64, u64),
) -> Result<()> {
    let (first, last) = own;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO sync_file (device, sequence, first_commit, last_commit)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        device.to_string(),
        sequence as i64,
        first as i64,
        last as i64
    ])?;
    Ok(())
}

fn skipped(scan: &Scan) -> Vec<SkippedFile> {
    let mut out: Vec<SkippedFile> = scan
        .skipped
        .iter()
        .map(|s| SkippedFile {
            path: s.path.display().to_string(),
            reason: match s.why {
                OpenError::Truncated => SkipReason::Incomplete,
                OpenError::NewerFormat { .. } => SkipReason::NewerFormat,
                OpenError::Unreadable => SkipReason::Unreadable,
                _ => SkipReason::Damaged,
            },
        })
        .collect();
    out.extend(scan.clashes.iter().map(|(device, seq)| SkippedFile {
        path: format!("devices/{device}/{seq}"),
        reason: SkipReason::Clash,
    }));
    out
}

/// Runs one sync of the database with the folder, with the team key already derived.
pub(crate) fn sync(
    db: &Database,
    folder: &Path,
    key: &SyncKey,
    progress: OnProgress<'_>,
) -> Result<SyncReport> {
    // 0. The folder must be there: an unplugged drive is not an empty folder to write into.
    folder::require_manifest(folder)?;

    // 1. What changed here becomes a commit, made on top of what was applied so far.
    let (device, name) = db.write(|tx| {
        capture::commit_pending(tx, now_ms())?;
        let device = capture::device_id(tx)?;
        let name = device_name(tx)?;
        tx.prepare_cached("INSERT OR REPLACE INTO sync_device (id, name) VALUES (?1, ?2)")?
            .execute(params![device.to_string(), name])?;
        Ok((device, name))
    })?;

    // 2. Read the folder: every file not read before is verified and decrypted.
    let round = db.write(|tx| {
        let round = capture::meta(tx, "scan_round")?
            .and_then(|r| r.parse::<u64>().ok())
            .unwrap_or(0)
            + 1;
        capture::set_meta(tx, "scan_round", &round.to_string())?;
        Ok(round)
    })?;
    let known = db.read(|conn| known_files(conn, round))?;
    let scan = folder::scan_reporting(folder, key, &known, &|done, total| {
        tell(progress, SyncStep::Reading, done, total)
    })?;

    // 2b. Another laptop writing under our id (a copied data folder) gets it, and we a new one,
    // before anything is written.
    let new_identity = db.write(|tx| match shared_identity(tx, device, &scan)? {
        Some(fork) => take_new_identity(tx, device, fork, &name).map(Some),
        None => Ok(None),
    })?;
    let device = new_identity.as_ref().map_or(device, |n| n.new_device_id);

    // 3. Our commits the folder lacks (new ones, or files lost from the folder) are written.
    let missing = db.read(|conn| missing_commits(conn, device, &scan))?;
    let missing: Vec<(Uuid, u64)> = missing.into_iter().map(|s| (device, s)).collect();
    let sent = write_files(db, folder, key, FileKind::Segment, &missing, progress)?;

    // Now and then, everything in one file, and our older files go: a new laptop reads one
    // file instead of years of them.
    let snapshot_files = maybe_snapshot(db, folder, key, device, &scan, progress)?;
    remove_damaged_own_files(folder, device, &scan);

    // 4. Apply what came in.
    let mut report = db.write_without_foreign_keys(|tx| {
        let (received_commits, received_changes, found) = receive(tx, device, &scan, progress)?;
        note_scanned(tx, &scan)?;
        note_stamps(tx, &scan)?;
        capture::set_meta(tx, "last_sync", &crate::store::format_time(Utc::now()))?;
        capture::set_meta(tx, "folder", &folder.display().to_string())?;
        Ok(SyncReport {
            device_id: device,
            folder: folder.display().to_string(),
            sent_commits: sent.commits,
            sent_changes: sent.changes,
            files_written: sent.files.len() as u32 + snapshot_files,
            received_commits,
            received_changes,
            merged_texts: found.merged_texts,
            new_conflicts: super::conflicts::open_among(tx, &found.conflicts)?,
            skipped: skipped(&scan),
            duplicates: scan.duplicates as u32,
            waiting: count_state(tx, "waiting")?,
            needs_update: count_state(tx, "newer")?,
            held: super::status::held(tx)?,
            devices: Vec::new(),
            sizes: Default::default(),
            new_identity: new_identity.clone(),
            finished_at: Utc::now(),
        })
    })?;
    // 5. Our own files still holding what an erasure purged are rewritten without it.
    super::erase::clean_own_files(db, folder, key, device)?;
    report.devices = db.read(super::status::devices)?;
    report.sizes = super::status::sizes(db, folder, report.received_changes + report.sent_changes)?;
    Ok(report)
}

/// Takes the next number for a file of ours, committed before the file is written: a crash in
/// between leaves a gap, never two different files under one number.
pub(super) fn reserve_file_number(db: &Database) -> Result<u64> {
    db.write(|tx| {
        let next = capture::meta(tx, "file_seq")?
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(0)
            + 1;
        capture::set_meta(tx, "file_seq", &next.to_string())?;
        Ok(next)
    })
}

/// Our own files in the folder after which a snapshot replaces them (a setting, for tests).
const SNAPSHOT_EVERY: usize = 50;

pub(crate) fn own_files(folder: &Path, device: Uuid) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder::device_dir(folder, device)) else {
        return Vec::new();
    };
    let mut out: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| !n.starts_with('.'))
        })
        .collect();
    out.sort();
    out
}

/// Writes a snapshot once our own files in the folder that are not full (one per sync with a
/// few changes) pass the threshold, or once other laptops' commits applied here are held by no
/// file there (a laptop retired and its files lost): the commits of those small files, and
/// those others, in new bounded files; then the small files go. Full files stay as they are, so
/// a snapshot costs what it merges, not the whole history. A new laptop reads a few files
/// instead of years of small ones, and never waits for a commit nobody can send any more.
/// Other laptops that had not read the small files yet read the snapshot instead (a commit
/// waits for what it depends on, so a snapshot arriving after the removal only delays, never
/// loses).
fn maybe_snapshot(
    db: &Database,
    folder: &Path,
    key: &SyncKey,
    device: Uuid,
    scan: &Scan,
    progress: OnProgress<'_>,
) -> Result<u32> {
    let every = db
        .read(|c| capture::meta(c, "snapshot_every"))?
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(SNAPSHOT_EVERY)
        .max(2);
    // Our files in the folder, by number (as noted when written or verified), but the full ones.
    let (places, full) = db.read(|conn| {
        let places = conn
            .prepare_cached(
                "SELECT path, sequence, commits FROM sync_file_verified
                 WHERE device = ?1 AND path IS NOT NULL",
            )?
            .query_map([device.to_string()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    (r.get::<_, i64>(1)? as u64, r.get::<_, String>(2)?),
                ))
            })?
            .collect::<rusqlite::Result<BTreeMap<_, _>>>()?;
        let full: BTreeSet<u64> = capture::meta(conn, "full_files")?
            .map(|r| parse_runs(&r).collect())
            .unwrap_or_default();
        Ok((places, full))
    })?;
    let mut small: Vec<(std::path::PathBuf, u64, String)> = Vec::new();
    for path in own_files(folder, device) {
        // (A file of ours whose commits are not known here is left alone.)
        if let Some((sequence, commits)) = places.get(&folder::relative(folder, &path))
            && !full.contains(sequence)
        {
            small.push((path, *sequence, commits.clone()));
        }
    }
    if small.len() < every && !db.read(|c| orphaned(c, device, scan))? {
        return Ok(0);
    }
    let mut keys: Vec<(Uuid, u64)> = small
        .iter()
        .flat_map(|(_, _, commits)| parse_runs(commits).collect::<Vec<_>>())
        .collect::<BTreeSet<u64>>()
        .into_iter()
        .map(|s| (device, s))
        .collect();
    let unheld = db.read(|conn| unheld_commits(conn, device, scan))?;
    keys.extend(unheld.iter().copied());
    let written = write_files(db, folder, key, FileKind::Snapshot, &keys, progress)?;
    let mut removed = BTreeSet::new();
    for (path, sequence, _) in &small {
        match std::fs::remove_file(path) {
            Ok(()) => {
                removed.insert(*sequence);
            }
            Err(error) => {
                tracing::warn!(path = %path.display(), %error, "an old sync file stays")
            }
        }
    }
    let mut carries: BTreeMap<Uuid, Vec<u64>> = BTreeMap::new();
    for (d, s) in unheld {
        carries.entry(d).or_default().push(s);
    }
    let carries: BTreeMap<Uuid, String> = carries
        .into_iter()
        .map(|(d, seqs)| (d, runs(seqs)))
        .collect();
    db.write(|tx| {
        capture::set_meta(tx, "snapshot_files", &runs(written.files.iter().copied()))?;
        let carries = serde_json::to_string(&carries)
            .map_err(|e| Error::Internal(format!("snapshot: {e}")))?;
        capture::set_meta(tx, "snapshot_carries", &carries)?;
        tx.execute(
            "DELETE FROM sync_meta WHERE key IN ('snapshot_seq', 'snapshot_covers')",
            [],
        )?;
        for sequence in &removed {
            for table in ["sync_file", "sync_file_verified"] {
                tx.prepare_cached(&format!(
                    "DELETE FROM {table} WHERE device = ?1 AND sequence = ?2"
                ))?
                .execute(params![device.to_string(), *sequence as i64])?;
            }
        }
        Ok(())
    })?;
    tracing::info!(
        files = written.files.len(),
        commits = written.commits,
        removed = removed.len(),
        "snapshot written"
    );
    Ok(written.files.len() as u32)
}

/// Other laptops' commits applied here that no file present in the folder holds (as far as
/// the files' own commits tell: one laptop's snapshot carrying another's is not counted).
fn unheld_commits(conn: &Connection, device: Uuid, scan: &Scan) -> Result<Vec<(Uuid, u64)>> {
    let mut out = Vec::new();
    for (other, _) in capture::applied_vector(conn)? {
        if other == device {
            continue;
        }
        let mut present = known_commits(conn, other, scan)?;
        for ((d, _), file) in &scan.files {
            if *d == other
                && let Ok(segment) = serde_json::from_slice::<Segment>(&file.payload)
            {
                present.extend(
                    segment
                        .commits
                        .iter()
                        .filter(|c| c.device == other)
                        .map(|c| c.seq),
                );
            }
        }
        let applied: Vec<i64> = conn
            .prepare_cached(
                "SELECT seq FROM sync_commit WHERE device = ?1 AND state = 'applied' ORDER BY seq",
            )?
            .query_map([other.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.extend(
            applied
                .into_iter()
                .map(|s| s as u64)
                .filter(|s| !present.contains(s))
                .map(|s| (other, s)),
        );
    }
    Ok(out)
}

/// Files in our own part of the folder that do not verify (replaced by someone, damaged on
/// the way): what they claimed to hold has just been sent again if it was ours, so they go,
/// rather than being reported as damaged by every laptop at every sync. Only their author
/// removes them: half-copied files and other laptops' files are left alone.
fn remove_damaged_own_files(folder: &Path, device: Uuid, scan: &Scan) {
    let own = folder::device_dir(folder, device);
    for skipped in &scan.skipped {
        if matches!(skipped.why, OpenError::Tampered | OpenError::Malformed)
            && skipped.path.parent() == Some(own.as_path())
            && let Err(error) = std::fs::remove_file(&skipped.path)
        {
            tracing::warn!(path = %skipped.path.display(), %error, "a damaged file of ours stays");
        }
    }
}

/// Whether another laptop's commits applied here are nowhere in the folder any more — none of
/// its files is there (a laptop retired, its files lost), or some of its commits are in none of
/// its files that verify (the only copy of one cut or damaged by the file tool, its author gone
/// and not sending it again) — and no snapshot of ours present holds them. Then a snapshot
/// carries them, or the laptops that have not applied them would wait for them forever.
fn orphaned(conn: &Connection, device: Uuid, scan: &Scan) -> Result<bool> {
    // (A file cut short counts as not holding them, whether it is still being copied in or
    // will never be whole: carrying its commits once more costs a file, waiting forever for a
    // retired laptop's file would cost its edits.)
    let present = |k: (Uuid, u64)| scan.known.contains(&k) || scan.files.contains_key(&k);
    let snapshot: Vec<u64> = capture::meta(conn, "snapshot_files")?
        .map(|runs| parse_runs(&runs).collect())
        .unwrap_or_default();
    let snapshot_present = !snapshot.is_empty() && snapshot.iter().all(|&s| present((device, s)));
    let carries: BTreeMap<Uuid, String> = capture::meta(conn, "snapshot_carries")?
        .and_then(|c| serde_json::from_str(&c).ok())
        .unwrap_or_default();
    let carried: BTreeSet<(Uuid, u64)> = if snapshot_present {
        carries
            .iter()
            .flat_map(|(d, runs)| parse_runs(runs).map(move |s| (*d, s)))
            .collect()
    } else {
        BTreeSet::new()
    };
    Ok(unheld_commits(conn, device, scan)?
        .into_iter()
        .any(|k| !carried.contains(&k)))
}

pub(crate) fn count_state(conn: &Connection, state: &str) -> Result<u64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM sync_commit WHERE state = ?1")?
        .query_row([state], |r| r.get::<_, i64>(0))? as u64)
}

/// Stores the new files' commits, then applies every commit whose causal past is complete,
/// until none is left that can be.
fn receive(
    tx: &Connection,
    device: Uuid,
    scan: &Scan,
    progress: OnProgress<'_>,
) -> Result<(u64, u64, Found)> {
    // Edits made while the folder was being read are committed first, on the old state.
    capture::commit_pending(tx, now_ms())?;
    // Rows an erasure removed here: their changes are dropped, whatever their clock.
    let purged = super::erase::purged(tx)?;
    let is_purged = |c: &Change| purged.contains(&(c.tbl.clone(), c.pk.clone()));
    // The commits read from the files in this sync, not yet applied: kept decoded rather than
    // stored and parsed back.
    let mut decoded: BTreeMap<(Uuid, u64), Commit> = BTreeMap::new();
    for ((file_device, sequence), file) in &scan.files {
        let snapshot = file.header.kind == FileKind::Snapshot;
        let Ok(segment) = serde_json::from_slice::<Segment>(&file.payload) else {
            tracing::warn!(path = %file.path.display(), "a verified segment does not parse");
            continue;
        };
        if *file_device != device {
            tx.prepare_cached("INSERT OR REPLACE INTO sync_device (id, name) VALUES (?1, ?2)")?
                .execute(params![file_device.to_string(), segment.device_name])?;
        }
        let mut own = (u64::MAX, 0u64);
        for commit in segment.commits {
            // A segment speaks only for its own device; a snapshot carries everyone's.
            if commit.device != *file_device && !snapshot {
                continue;
            }
            if commit.device == *file_device {
                own = (own.0.min(commit.seq), own.1.max(commit.seq));
            }
            let exists = tx
                .prepare_cached("SELECT 1 FROM sync_commit WHERE device = ?1 AND seq = ?2")?
                .exists(params![commit.device.to_string(), commit.seq as i64])?;
            if !exists && commit.device != device {
                if commit.schema > SYNC_SCHEMA_VERSION {
                    let mut commit = commit.clone();
                    commit.changes.retain(|c| !is_purged(c));
                    let payload = serde_json::to_string(&commit)
                        .map_err(|e| Error::Internal(format!("commit: {e}")))?;
                    versions::insert_commit(tx, &commit, "newer", Some(&payload))?;
                } else {
                    // Its payload is written only if it is still waiting at the end.
                    versions::insert_commit(tx, &commit, "waiting", None)?;
                    decoded.insert((commit.device, commit.seq), commit);
                }
            }
        }
        let own = if own.0 == u64::MAX { (0, 0) } else { own };
        note_file(tx, *file_device, *sequence, own)?;
    }
    // Commits from a newer Flocon become applicable once this one is updated.
    tx.prepare_cached(
        "UPDATE sync_commit SET state = 'waiting' WHERE state = 'newer' AND schema <= ?1",
    )?
    .execute([SYNC_SCHEMA_VERSION])?;

    let tables = capture::tables(tx)?;
    let references = References::read(tx, &tables)?;
    let mut causality = Causality::default();
    let mut found = Found::default();
    let mut touched = BTreeSet::new();
    let (mut commits, mut changes) = (0u64, 0u64);
    let mut applied = capture::applied_vector(tx)?;
    let mut clock = capture::clock(tx, device)?;
    // (Every commit read in this sync is stored as waiting until applied.)
    let to_apply = count_state(tx, "waiting")?;
    loop {
        tell(progress, SyncStep::Applying, commits, to_apply.max(commits));
        let ready = ready_commits(tx, &applied, &mut decoded)?;
        if ready.is_empty() {
            break;
        }
        for commit in ready {
            for change in &commit.changes {
                let known = tables
                    .get(&change.tbl)
                    .is_some_and(|t| change.col.is_empty() || t.columns.contains(&change.col));
                if !known {
                    tracing::warn!(table = %change.tbl, column = %change.col, "unknown field in a sync change");
                }
                clock.observe(change.hlc, now_ms());
                if !is_purged(change) {
                    touched.insert((change.tbl.clone(), change.pk.clone()));
                }
            }
            let known_changes: Vec<Change> = commit
                .changes
                .iter()
                .filter(|c| {
                    !is_purged(c)
                        && tables
                            .get(&c.tbl)
                            .is_some_and(|t| c.col.is_empty() || t.columns.contains(&c.col))
                })
                .cloned()
                .collect();
            let filtered = Commit {
                changes: known_changes,
                ..commit.clone()
            };
            versions::apply_remote(tx, &filtered, &mut causality, &references, &mut found)?;
            versions::insert_commit(tx, &commit, "applied", None)?;
            applied.insert(commit.device, commit.seq);
            commits += 1;
            if commits % 16 == 0 {
                tell(progress, SyncStep::Applying, commits, to_apply.max(commits));
            }
            changes += commit.changes.len() as u64;
        }
    }
    // What must wait for commits not here yet is stored whole, to be applied at a later sync.
    for commit in decoded.values() {
        // (Without what an erasure purged: it would be dropped when applied anyway.)
        let mut commit = commit.clone();
        commit.changes.retain(|c| !is_purged(c));
        let commit = &commit;
        let payload =
            serde_json::to_string(commit).map_err(|e| Error::Internal(format!("commit: {e}")))?;
        versions::insert_commit(tx, commit, "waiting", Some(&payload))?;
    }
    capture::save_clock(tx, &clock)?;
    tx.execute("INSERT INTO sync_applying (flag) VALUES (1)", [])?;
    let touched: BTreeSet<_> = touched
        .into_iter()
        .filter(|(t, _)| tables.contains_key(t))
        .collect();
    tell(progress, SyncStep::Settling, 0, 0);
    let written = apply::materialize(tx, &tables, &mut causality, &touched)?;
    apply::refresh(tx, &written)?;
    tx.execute("DELETE FROM sync_applying", [])?;
    super::erase::after_apply(tx, &written)?;
    // (Quietly again: holding a record aside is not this laptop deleting it.)
    tx.execute("INSERT INTO sync_applying (flag) VALUES (1)", [])?;
    let held = apply::hold_dangling(tx, &tables, &written)?;
    apply::refresh(tx, &held)?;
    tx.execute("DELETE FROM sync_applying", [])?;
    forget_revived_in_trash(tx, &written)?;
    Ok((commits, changes, found))
}

/// A record deleted here that another laptop's edit brought back (whole: see
/// `apply::materialize`) is no longer in this laptop's trash: it is back in the data.
fn forget_revived_in_trash(tx: &Connection, written: &BTreeSet<apply::RecordKey>) -> Result<()> {
    let in_trash: i64 = tx.query_row("SELECT count(*) FROM trash_item", [], |r| r.get(0))?;
    if in_trash == 0 {
        return Ok(());
    }
    for (tbl, pk) in written {
        if capture::record_alive(tx, tbl, pk)? != Some(true) {
            continue;
        }
        if let Some(serde_json::Value::String(id)) =
            serde_json::from_str::<Vec<serde_json::Value>>(pk)
                .ok()
                .and_then(|k| k.into_iter().next())
            && let Ok(id) = Uuid::parse_str(&id)
            && tx
                .prepare_cached("SELECT 1 FROM trash_item WHERE record_id = ?1")?
                .exists([id.to_string()])?
        {
            crate::store::trash::trash_forget(tx, id)?;
        }
    }
    Ok(())
}

/// The waiting commits whose causal past is all applied, in a fixed order. Those read in this
/// sync come out of `decoded`; older ones are parsed from their stored payload.
fn ready_commits(
    tx: &Connection,
    applied: &BTreeMap<Uuid, u64>,
    decoded: &mut BTreeMap<(Uuid, u64), Commit>,
) -> Result<Vec<Commit>> {
    let mut stmt = tx.prepare_cached(
        "SELECT device, seq, payload FROM sync_commit WHERE state = 'waiting' ORDER BY device, seq",
    )?;
    let waiting = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut ready = Vec::new();
    let mut next = applied.clone();
    for (commit_device, seq, payload) in waiting {
        let key = (crate::store::parse_uuid(&commit_device)?, seq as u64);
        let commit = match (decoded.get(&key), payload) {
            (Some(commit), _) => commit.clone(),
            (None, Some(payload)) => match serde_json::from_str::<Commit>(&payload) {
                Ok(commit) => commit,
                Err(_) => continue,
            },
            (None, None) => continue,
        };
        let in_order = next.get(&commit.device).copied().unwrap_or(0) + 1 == commit.seq;
        let past_complete = commit
            .seen
            .iter()
            .all(|(d, &s)| *d == commit.device || next.get(d).copied().unwrap_or(0) >= s);
        if in_order && past_complete {
            next.insert(commit.device, commit.seq);
            decoded.remove(&key);
            ready.push(commit);
        }
    }
    Ok(ready)
}

/// Decrypts every file of the folder and returns every change in it, one JSON object per
/// change (for audits and tests): nothing is written anywhere.
pub(crate) fn dump(folder: &Path, key: &SyncKey) -> Result<Vec<serde_json::Value>> {
    let scan = folder::scan(folder, key)?;
    let mut out = Vec::new();
    for ((device, sequence), file) in &scan.files {
        let Ok(segment) = serde_json::from_slice::<Segment>(&file.payload) else {
            continue;
        };
        for commit in segment.commits {
            for change in commit.changes {
                out.push(serde_json::json!({
                    "file": { "device": device, "sequence": sequence, "path": file.path },
                    "device": commit.device,
                    "device_name": segment.device_name,
                    "seq": commit.seq,
                    "seen": commit.seen,
                    "schema": commit.schema,
                    "entity": change.tbl,
                    "key": serde_json::from_str::<serde_json::Value>(&change.pk).unwrap_or_default(),
                    "field": change.col,
                    "value": change.value,
                    "deleted": change.col.is_empty() && change.value == serde_json::Value::Bool(false),
                    "hlc": change.hlc,
                }));
            }
        }
    }
    Ok(out)
}
