//! Changing the team passphrase (« Changer la phrase de passe », `flocon sync rekey`), when
//! someone leaves the team. The laptop doing it:
//! 1. syncs with the old key, so it holds everything the folder had that it could read (a
//!    folder with a file still being copied in is refused: wait, then try again);
//! 2. writes a snapshot of every commit it holds, under the new key (new salt);
//! 3. writes the new manifest: a key generation one higher, its key check, and a proof of the
//!    change sealed with the old key, by which the other laptops tell it from a manifest that
//!    is not their team's;
//! 4. removes every file of the folder the new key does not open (its own and the others'):
//!    what a former member could read is gone from the folder, and what is written after is
//!    sealed with a key they cannot derive.
//!
//! The other laptops, at their next sync, get `SyncKeyChanged` with the old passphrase or key;
//! with the new passphrase they read everything again under the new key and write their own
//! commits again (the snapshot holds those it had read; theirs not sent yet go too). A former
//! member keeps what they copied before: a rekey cannot take that back.

use std::path::Path;

use chrono::Utc;

use super::capture;
use super::crypto::{KdfParams, SyncKey, from_hex};
use super::engine;
use super::envelope::FileKind;
use super::folder;
use super::model::{RekeyReport, SkipReason};
use super::team;
use crate::db::Database;
use crate::error::{Error, Result};

pub(crate) fn rekey(
    db: &Database,
    folder: &Path,
    old: &SyncKey,
    new_passphrase: &str,
) -> Result<(SyncKey, RekeyReport)> {
    // 1. Everything readable, first.
    let sync = team::sync(db, folder, old, &|_| {})?;
    if sync
        .skipped
        .iter()
        .any(|s| s.reason == SkipReason::Incomplete)
    {
        return Err(Error::Refused(
            "a file is still being copied into the sync folder: wait until the sync tool has \
             finished, then change the passphrase again; nothing was changed"
                .into(),
        ));
    }
    let current = folder::read_manifest(folder)?.ok_or_else(|| Error::SyncFolderNotReady {
        path: folder.to_path_buf(),
    })?;
    if same_passphrase(&current, new_passphrase) {
        return Err(Error::Refused(
            "the new passphrase is the one the team has now; nothing was changed".into(),
        ));
    }
    let generation = current
        .key_generation
        .checked_add(1)
        .ok_or_else(|| Error::Refused("the folder's passphrase cannot be changed again".into()))?;
    let (key, manifest) = folder::new_manifest(
        new_passphrase,
        KdfParams::for_new_folders(),
        generation,
        Some(old),
    )?;

    // 2. Everything this laptop holds, under the new key (in files of bounded size).
    let commits = db.read(|conn| {
        let keys = conn
            .prepare_cached(
                "SELECT device, seq FROM sync_commit WHERE state = 'applied' ORDER BY device, seq",
            )?
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        keys.into_iter()
            .map(|(d, s)| Ok((crate::store::parse_uuid(&d)?, s as u64)))
            .collect::<Result<Vec<_>>>()
    })?;
    // (What earlier files were verified under the old key is forgotten first: only the new
    // files count from here on.)
    db.write(|tx| {
        tx.execute("DELETE FROM sync_file", [])?;
        tx.execute("DELETE FROM sync_file_verified", [])?;
        Ok(())
    })?;
    let written = engine::write_files(db, folder, &key, FileKind::Snapshot, &commits, &|_| {})?;

    // 3. The new manifest: from here on, the folder's key is the new one.
    folder::write_manifest(folder, &manifest)?;
    db.write(|tx| {
        team::remember(tx, folder, &manifest)?;
        capture::set_meta(
            tx,
            "snapshot_files",
            &engine::runs(written.files.iter().copied()),
        )?;
        capture::set_meta(tx, "snapshot_carries", "{}")?;
        capture::set_meta(tx, team::CLEANUP, &Utc::now().to_rfc3339())
    })?;
    // 4. The old key's files go.
    let files_removed = remove_old_files(db, folder, &key)?;
    let report = RekeyReport {
        sync,
        key_generation: generation,
        commits: written.commits,
        files_removed,
    };
    Ok((key, report))
}

/// Whether `passphrase` is the one `manifest` was made with.
fn same_passphrase(manifest: &folder::Manifest, passphrase: &str) -> bool {
    let Some(salt) = from_hex(&manifest.salt) else {
        return false;
    };
    SyncKey::derive(passphrase, &salt, manifest.kdf)
        .is_ok_and(|key| folder::key_opens_manifest(manifest, &key))
}

/// Removes every Flocon file of the folder that `key` (the new one) does not open, then the
/// device folders left empty, and notes the rekey done.
pub(crate) fn remove_old_files(db: &Database, folder: &Path, key: &SyncKey) -> Result<u32> {
    let removed = team::remove_unreadable(folder, key)?;
    if let Ok(devices) = std::fs::read_dir(folder.join("devices")) {
        for dir in devices.flatten() {
            // Only empty ones: remove_dir refuses the others.
            let _ = std::fs::remove_dir(dir.path());
        }
    }
    db.write(|tx| {
        tx.execute("DELETE FROM sync_meta WHERE key = ?1", [team::CLEANUP])?;
        Ok(())
    })?;
    Ok(removed)
}
