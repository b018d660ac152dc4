//! The team folder as this laptop knows it: created on purpose (`init`), joined without ever
//! creating anything (`join`), and remembered once used, so that a manifest replaced under it
//! (two laptops that each set up "the" folder, merged by the sync tool; someone with write
//! access to the folder) stops the sync instead of scattering files nobody can read, while a
//! change of the team passphrase made on another laptop (a rekey, see `rekey`) is told apart
//! and asks for the new passphrase.
//!
//! What is remembered (`sync_meta` key `team`): the folder's path and its manifest's salt, key
//! check, cost and key generation — nothing secret.

use std::fs;
use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::capture;
use super::crypto::{KdfParams, SyncKey, from_hex};
use super::envelope::{self, MAGIC, OpenError};
use super::folder::{self, MANIFEST, Manifest};
use crate::db::Database;
use crate::error::{Error, Result};

const TEAM: &str = "team";
/// Set when a sync met a changed team passphrase, until the new one is given: the sync screen
/// asks for it even when the failed sync was an automatic one.
pub(crate) const KEY_CHANGED: &str = "key_changed";
/// Set between a rekey's new manifest and the removal of the old key's files, so that a crash
/// in between is finished at the next sync.
pub(crate) const CLEANUP: &str = "rekey_cleanup";

/// What this laptop remembers of the manifest of the folder it syncs with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Remembered {
    pub folder: String,
    pub salt: String,
    pub key_check: String,
    pub kdf: KdfParams,
    pub key_generation: u32,
}

impl Remembered {
    fn of(folder: &Path, manifest: &Manifest) -> Remembered {
        Remembered {
            folder: folder.display().to_string(),
            salt: manifest.salt.clone(),
            key_check: manifest.key_check.clone(),
            kdf: manifest.kdf,
            key_generation: manifest.key_generation,
        }
    }

    /// Whether `manifest` is the one remembered (its cost included: a manifest whose cost was
    /// changed is not the team's either).
    fn is(&self, manifest: &Manifest) -> bool {
        self.salt == manifest.salt
            && self.key_check == manifest.key_check
            && self.kdf == manifest.kdf
            && self.key_generation == manifest.key_generation
    }

    /// The remembered key, if `credential` is what opened it.
    fn key(&self, credential: Credential<'_>) -> Option<SyncKey> {
        let manifest = Manifest {
            format: envelope::FORMAT_VERSION,
            min_app_version: String::new(),
            kdf: self.kdf,
            salt: self.salt.clone(),
            key_check: self.key_check.clone(),
            created_at: chrono::Utc::now(),
            key_generation: self.key_generation,
            rekeyed_at: None,
            rekey_proof: None,
        };
        match credential {
            Credential::Key(key) => {
                folder::key_opens_manifest(&manifest, key).then(|| key.duplicate())
            }
            Credential::Passphrase(passphrase) => {
                self.kdf.check().ok()?;
                let salt = from_hex(&self.salt)?;
                let key = SyncKey::derive(passphrase, &salt, self.kdf).ok()?;
                folder::key_opens_manifest(&manifest, &key).then_some(key)
            }
        }
    }
}

/// What proves this laptop may use the folder: the passphrase typed, or the key derived from
/// it earlier in this run (or kept in the OS keyring).
#[derive(Clone, Copy)]
pub(crate) enum Credential<'a> {
    Passphrase(&'a str),
    Key(&'a SyncKey),
}

pub(crate) fn remembered(conn: &rusqlite::Connection) -> Result<Option<Remembered>> {
    Ok(capture::meta(conn, TEAM)?.and_then(|text| serde_json::from_str(&text).ok()))
}

/// Forgets the folder's manifest (the laptop stops syncing with it, or chooses another).
pub(crate) fn forget(tx: &rusqlite::Connection) -> Result<()> {
    tx.execute(
        "DELETE FROM sync_meta WHERE key IN (?1, ?2, ?3)",
        [TEAM, KEY_CHANGED, CLEANUP],
    )?;
    Ok(())
}

pub(super) fn remember(
    tx: &rusqlite::Connection,
    folder: &Path,
    manifest: &Manifest,
) -> Result<()> {
    let text = serde_json::to_string(&Remembered::of(folder, manifest))
        .map_err(|e| Error::Internal(format!("team: {e}")))?;
    capture::set_meta(tx, TEAM, &text)?;
    capture::set_meta(tx, "folder", &folder.display().to_string())?;
    tx.execute("DELETE FROM sync_meta WHERE key = ?1", [KEY_CHANGED])?;
    Ok(())
}

fn manifest_of(folder: &Path) -> Result<Manifest> {
    folder::require_manifest(folder)?;
    folder::read_manifest(folder)?.ok_or_else(|| Error::SyncFolderNotReady {
        path: folder.to_path_buf(),
    })
}

/// Creates a team folder: `folder` (created if only its last level is missing) must hold
/// neither a manifest nor any Flocon file — a folder the sync tool is still filling is joined,
/// never set up again. This laptop then syncs with it.
pub(crate) fn init(
    db: &Database,
    folder: &Path,
    passphrase: &str,
    kdf: KdfParams,
) -> Result<SyncKey> {
    // Inside another team folder, a new team's files would read as damaged there forever.
    let inside_a_team_folder = folder
        .ancestors()
        .skip(1)
        .any(|a| !a.as_os_str().is_empty() && a.join(MANIFEST).is_file());
    if folder.join(MANIFEST).exists() || inside_a_team_folder || holds_flocon_files(folder)? {
        return Err(Error::SyncFolderInUse {
            path: folder.to_path_buf(),
        });
    }
    if !folder.is_dir() {
        // Only the last level: a path on a drive that is not plugged in stays refused.
        let parent_there = folder
            .parent()
            .is_some_and(|p| p.as_os_str().is_empty() || p.is_dir());
        if folder.exists() || !parent_there {
            return Err(Error::SyncFolderMissing {
                path: folder.to_path_buf(),
            });
        }
        fs::create_dir(folder).map_err(|source| Error::Io {
            action: "create",
            path: folder.to_path_buf(),
            source,
        })?;
    }
    let (key, manifest) = folder::new_manifest(passphrase, kdf, 0, None)?;
    folder::write_manifest(folder, &manifest)?;
    db.write(|tx| {
        forget(tx)?;
        tx.execute("DELETE FROM sync_file", [])?;
        tx.execute("DELETE FROM sync_file_verified", [])?;
        remember(tx, folder, &manifest)
    })?;
    Ok(key)
}

/// Joins the team folder `folder` with its passphrase, forgetting any folder synced with
/// before. Nothing is created: a folder without manifest is refused.
pub(crate) fn join(db: &Database, folder: &Path, passphrase: &str) -> Result<SyncKey> {
    let manifest = manifest_of(folder)?;
    let key = folder::unlock(&folder.join(MANIFEST), &manifest, passphrase)?;
    db.write(|tx| {
        forget(tx)?;
        // Another folder holds other files: read them all again (our commits included).
        tx.execute("DELETE FROM sync_file", [])?;
        tx.execute("DELETE FROM sync_file_verified", [])?;
        Ok(())
    })?;
    adopt(db, folder, &manifest, &key, None)?;
    Ok(key)
}

/// The key for the folder this laptop syncs with, checked against the manifest it
/// remembers:
/// - the same manifest: the credential must open it (a wrong passphrase changes nothing);
/// - a later key generation (the passphrase was changed on another laptop): the new
///   passphrase is adopted; the old one (or key) gets `SyncKeyChanged`, or
///   `SyncManifestReplaced` when it shows the change was not made with the team's key;
/// - any other manifest: `SyncManifestReplaced`, and nothing is read or written;
/// - no manifest remembered for this folder (the first sync with it): the credential must
///   open it, and it is remembered.
pub(crate) fn open(db: &Database, folder: &Path, credential: Credential<'_>) -> Result<SyncKey> {
    let manifest = manifest_of(folder)?;
    let path = folder.join(MANIFEST);
    let known = db
        .read(remembered)?
        .filter(|r| Path::new(&r.folder) == folder);
    let Some(known) = known else {
        let key = unlock(&path, &manifest, credential)?;
        adopt(db, folder, &manifest, &key, None)?;
        return Ok(key);
    };
    if known.is(&manifest) {
        return unlock(&path, &manifest, credential);
    }
    let refusal = changed(folder, &known, &manifest);
    if manifest.key_generation <= known.key_generation {
        return Err(refusal);
    }
    match unlock(&path, &manifest, credential) {
        Ok(key) => {
            adopt(db, folder, &manifest, &key, Some(&known))?;
            Ok(key)
        }
        Err(Error::WrongPassphrase) => {
            let error = match known.key(credential) {
                // The key before: a change made with it carries its proof.
                Some(old)
                    if manifest.key_generation == known.key_generation + 1
                        && !folder::rekey_proven_by(&manifest, &old) =>
                {
                    Error::SyncManifestReplaced {
                        path: folder.to_path_buf(),
                    }
                }
                Some(_) => refusal,
                // A passphrase that opens neither is just wrong.
                None if matches!(credential, Credential::Passphrase(_)) => Error::WrongPassphrase,
                None => refusal,
            };
            if matches!(error, Error::SyncKeyChanged { .. }) {
                db.write(|tx| capture::set_meta(tx, KEY_CHANGED, "1"))?;
            }
            Err(error)
        }
        Err(e) => Err(e),
    }
}

/// Checks the folder's manifest against the one remembered, without a key (the app has none
/// in this run): says whether the passphrase changed or the manifest was replaced, so that the
/// app asks for the right thing.
pub(crate) fn check(db: &Database, folder: &Path) -> Result<()> {
    let manifest = manifest_of(folder)?;
    let Some(known) = db
        .read(remembered)?
        .filter(|r| Path::new(&r.folder) == folder)
    else {
        return Ok(());
    };
    if known.is(&manifest) {
        return Ok(());
    }
    let error = changed(folder, &known, &manifest);
    if matches!(error, Error::SyncKeyChanged { .. }) {
        db.write(|tx| capture::set_meta(tx, KEY_CHANGED, "1"))?;
    }
    Err(error)
}

/// What a manifest other than the remembered one means, before any key is tried.
fn changed(folder: &Path, known: &Remembered, manifest: &Manifest) -> Error {
    if manifest.key_generation > known.key_generation {
        Error::SyncKeyChanged {
            path: folder.to_path_buf(),
        }
    } else {
        Error::SyncManifestReplaced {
            path: folder.to_path_buf(),
        }
    }
}

fn unlock(path: &Path, manifest: &Manifest, credential: Credential<'_>) -> Result<SyncKey> {
    match credential {
        Credential::Passphrase(passphrase) => folder::unlock(path, manifest, passphrase),
        Credential::Key(key) if folder::key_opens_manifest(manifest, key) => Ok(key.duplicate()),
        Credential::Key(_) => Err(Error::WrongPassphrase),
    }
}

/// Remembers `manifest` as the folder's. When it is not the one remembered before (a first
/// sync, a new team folder joined, a new key), every file is read again under this key, and
/// this laptop's own files that the key does not open (written under an old key, or for a
/// manifest that lost to this one) are removed: this laptop's commits are then written again.
fn adopt(
    db: &Database,
    folder: &Path,
    manifest: &Manifest,
    key: &SyncKey,
    before: Option<&Remembered>,
) -> Result<()> {
    let known_before = db.read(remembered)?;
    let same = known_before
        .as_ref()
        .is_some_and(|k| Path::new(&k.folder) == folder && k.is(manifest));
    let device = db.write(|tx| {
        if before.is_some() {
            // A new key: what was read under the old one is read again, verified anew.
            tx.execute("DELETE FROM sync_file", [])?;
            tx.execute("DELETE FROM sync_file_verified", [])?;
        }
        remember(tx, folder, manifest)?;
        capture::device_id(tx)
    })?;
    if !same {
        let own = folder::device_dir(folder, device);
        remove_unreadable(&own, key)?;
    }
    Ok(())
}

/// Removes every Flocon file under `dir` that `key` does not open; other files (a sync tool's,
/// hidden ones) stay. Returns how many were removed.
pub(crate) fn remove_unreadable(dir: &Path, key: &SyncKey) -> Result<u32> {
    let mut paths = Vec::new();
    folder::collect(dir, &mut paths, &mut Vec::new(), true)?;
    let mut removed = 0;
    for path in paths {
        if !starts_with_magic(&path) {
            continue;
        }
        let Ok(bytes) = fs::read(&path) else {
            continue;
        };
        match envelope::open(key, &bytes) {
            Ok(_) | Err(OpenError::NotFlocon) => {}
            Err(_) => match fs::remove_file(&path) {
                Ok(()) => removed += 1,
                Err(error) => {
                    tracing::warn!(path = %path.display(), %error, "a file of the old key stays")
                }
            },
        }
    }
    Ok(removed)
}

fn starts_with_magic(path: &Path) -> bool {
    let mut head = [0u8; 8];
    fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == MAGIC
}

/// Whether any regular file under `folder` (hidden ones aside) is a Flocon sync file.
fn holds_flocon_files(folder: &Path) -> Result<bool> {
    let mut paths = Vec::new();
    folder::collect(folder, &mut paths, &mut Vec::new(), true)?;
    Ok(paths.iter().any(|p| starts_with_magic(p)))
}

/// One sync with the folder, once its manifest is checked against the one remembered (see
/// `open`): a replaced manifest or a changed passphrase stops it before anything is written.
pub(crate) fn sync(
    db: &Database,
    folder: &Path,
    key: &SyncKey,
    progress: super::engine::OnProgress<'_>,
) -> Result<super::SyncReport> {
    open(db, folder, Credential::Key(key))?;
    if db.read(|c| capture::meta(c, CLEANUP))?.is_some() {
        // A rekey stopped before the old key's files were all removed: finish it.
        super::rekey::remove_old_files(db, folder, key)?;
    }
    super::engine::sync(db, folder, key, progress)
}
