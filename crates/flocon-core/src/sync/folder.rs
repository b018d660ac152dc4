//! The shared folder: its manifest, the atomic writing of a device's files, and the reading of
//! every file in it. File names are never trusted: every file is opened and verified, files
//! that do not verify are skipped and reported (and looked at again next time), and copies of
//! the same file ("conflicted copy", renamed, duplicated) collapse into one. An empty or
//! missing folder simply has nothing to read: it never means that anything was deleted.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{OsRng, rand_core::RngCore};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::crypto::{KdfParams, SyncKey, from_hex, to_hex};
use super::envelope::{self, FORMAT_VERSION, FileKind, Header, OpenError};
use crate::error::{Error, Result};

/// The manifest's name at the folder's root.
pub const MANIFEST: &str = "flocon-sync.json";
/// What the key check envelope holds.
const KEY_CHECK: &[u8] = b"flocon sync key check";
/// Files larger than this are not Flocon's (nor read into memory).
const MAX_FILE: u64 = envelope::MAX_PAYLOAD as u64 + 1024;
/// A manifest is a few hundred bytes.
const MAX_MANIFEST: u64 = 64 * 1024;

/// The folder's manifest: written when the team folder is created, and replaced only when the
/// team passphrase changes (a rekey, with a proof sealed by the previous key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The sync format of the folder.
    pub format: u16,
    /// The oldest Flocon that can use this folder.
    pub min_app_version: String,
    pub kdf: KdfParams,
    /// The Argon2id salt, in hexadecimal.
    pub salt: String,
    /// An envelope sealing a known text: proves a passphrase right or wrong before anything
    /// else is read or written.
    pub key_check: String,
    pub created_at: DateTime<Utc>,
    /// 0 for a folder's first key; one more at each change of the team passphrase (rekey), so
    /// a laptop can tell a rekey from a manifest that is not its team's.
    #[serde(default)]
    pub key_generation: u32,
    /// When the team passphrase was last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rekeyed_at: Option<DateTime<Utc>>,
    /// After a rekey: an envelope sealed with the previous key, naming this manifest's salt and
    /// key check, so a laptop that knew the previous key can tell the change is its team's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rekey_proof: Option<String>,
}

/// A verified file of the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncFile {
    pub header: Header,
    pub payload: Vec<u8>,
    /// Where it was found (the first of its copies, in path order).
    pub path: PathBuf,
    /// The fingerprint of its bytes (`file_hash`).
    pub hash: FileHash,
}

/// The BLAKE2b-256 fingerprint of a file's bytes: a file read at an earlier sync is trusted
/// without being decrypted again only while its bytes still have the fingerprint they had
/// when it was verified (a header alone proves nothing: anyone can write one).
pub type FileHash = [u8; 32];

pub fn file_hash(bytes: &[u8]) -> FileHash {
    use blake2::Digest;
    blake2::Blake2b::<blake2::digest::consts::U32>::digest(bytes).into()
}

/// A file that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub path: PathBuf,
    pub why: OpenError,
}

/// Everything verified in the folder, by device and sequence.
#[derive(Debug, Default)]
pub struct Scan {
    pub files: BTreeMap<(Uuid, u64), SyncFile>,
    pub skipped: Vec<Skipped>,
    /// Copies of a file already read (same device, sequence and content).
    pub duplicates: usize,
    /// Two different files claiming the same device and sequence (should never happen): both
    /// are kept out of `files` and reported, so neither silently wins.
    pub clashes: Vec<(Uuid, u64)>,
    /// The verified files behind `clashes` (a laptop finds out from them that another one
    /// writes under its own id).
    pub clashing: Vec<SyncFile>,
    /// Files verified at an earlier sync, found again with the very bytes verified then.
    pub known: BTreeSet<(Uuid, u64)>,
    /// Where each file read in this scan was found (relative to the folder), with its stamp:
    /// what the next sync compares with to skip reading it. Files skipped by their stamp are
    /// not in it (theirs is noted already).
    pub stamps: BTreeMap<(Uuid, u64), (String, String)>,
}

/// A file verified at an earlier sync: the fingerprint of its bytes then, where it was found
/// and its stamp, and whether this sync must read and verify it again whatever its stamp.
#[derive(Debug, Clone)]
pub struct KnownFile {
    pub hash: FileHash,
    pub place: Option<(String, String)>,
    pub recheck: bool,
}

/// What the file system says of a file without reading it: size, modification and change
/// times, inode. Writing a file changes its change time, which no program can set back; a
/// file copied in again by a sync tool is a new inode.
pub fn stamp(meta: &fs::Metadata) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        format!(
            "{}:{}.{}:{}.{}:{}:{}",
            meta.len(),
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ctime(),
            meta.ctime_nsec(),
            meta.dev(),
            meta.ino()
        )
    }
    #[cfg(not(unix))]
    {
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        format!("{}:{modified}", meta.len())
    }
}

/// `path` relative to the folder, as stamps are kept (the same folder mounted elsewhere reads
/// its files once again, nothing worse).
pub fn relative(folder: &Path, path: &Path) -> String {
    path.strip_prefix(folder)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// Opens the manifest of a folder already in use with `passphrase`; a folder without one
/// (missing, or not a Flocon sync folder) is refused and left as it is.
pub fn open_existing(folder: &Path, passphrase: &str) -> Result<SyncKey> {
    require_manifest(folder)?;
    let manifest = read_manifest(folder)?.ok_or_else(|| Error::SyncFolderNotReady {
        path: folder.to_path_buf(),
    })?;
    unlock(&folder.join(MANIFEST), &manifest, passphrase)
}

/// Refuses a folder that holds no manifest: a drive not plugged in, a share not mounted, a
/// mistyped path (not there), or a team folder the sync tool has not copied yet (there but
/// without its manifest). Syncing there would write this laptop's files where no one reads
/// them.
pub fn require_manifest(folder: &Path) -> Result<()> {
    if folder.join(MANIFEST).is_file() {
        Ok(())
    } else if folder.is_dir() {
        Err(Error::SyncFolderNotReady {
            path: folder.to_path_buf(),
        })
    } else {
        Err(Error::SyncFolderMissing {
            path: folder.to_path_buf(),
        })
    }
}

/// For tests and benchmarks only: opens the folder's manifest, or creates the folder and its
/// manifest when there is none. Laptops never do this: a team folder is created on purpose
/// (`crate::sync::team::init`) and joined without ever creating one.
#[doc(hidden)]
pub fn open_or_create(folder: &Path, passphrase: &str, create_with: KdfParams) -> Result<SyncKey> {
    if read_manifest(folder)?.is_some() {
        return open_existing(folder, passphrase);
    }
    let (key, manifest) = new_manifest(passphrase, create_with, 0, None)?;
    write_manifest(folder, &manifest)?;
    Ok(key)
}

/// A manifest for a new key: a fresh salt, the key derived from `passphrase`, its key check.
/// `previous` (a rekey) is the key it replaces, which seals the proof of the change.
pub(crate) fn new_manifest(
    passphrase: &str,
    kdf: KdfParams,
    key_generation: u32,
    previous: Option<&SyncKey>,
) -> Result<(SyncKey, Manifest)> {
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    let key = SyncKey::derive(passphrase, &salt, kdf)?;
    let check = envelope::seal(&key, FileKind::KeyCheck, Uuid::nil(), 0, KEY_CHECK);
    let mut manifest = Manifest {
        format: FORMAT_VERSION,
        min_app_version: env!("CARGO_PKG_VERSION").to_string(),
        kdf,
        salt: to_hex(&salt),
        key_check: to_hex(&check),
        created_at: Utc::now(),
        key_generation,
        rekeyed_at: None,
        rekey_proof: None,
    };
    if let Some(previous) = previous {
        manifest.rekeyed_at = Some(manifest.created_at);
        let proof = envelope::seal(
            previous,
            FileKind::KeyCheck,
            Uuid::nil(),
            u64::from(key_generation),
            &rekey_statement(&manifest),
        );
        manifest.rekey_proof = Some(to_hex(&proof));
    }
    Ok((key, manifest))
}

/// What a rekey proof says: this generation's salt and key check are the team's next key.
fn rekey_statement(manifest: &Manifest) -> Vec<u8> {
    format!(
        "flocon sync rekey\n{}\n{}\n{}",
        manifest.key_generation, manifest.salt, manifest.key_check
    )
    .into_bytes()
}

/// Whether `previous` (the key of the generation before) sealed this manifest's rekey proof.
pub(crate) fn rekey_proven_by(manifest: &Manifest, previous: &SyncKey) -> bool {
    let Some(proof) = manifest.rekey_proof.as_deref().and_then(from_hex) else {
        return false;
    };
    matches!(
        envelope::open(previous, &proof),
        Ok((header, text))
            if header.kind == FileKind::KeyCheck
                && header.sequence == u64::from(manifest.key_generation)
                && text == rekey_statement(manifest)
    )
}

/// Writes the manifest atomically (creating the folder's last level if needed).
pub(crate) fn write_manifest(folder: &Path, manifest: &Manifest) -> Result<()> {
    let json = serde_json::to_vec_pretty(manifest)
        .map_err(|e| Error::Internal(format!("the manifest could not be written: {e}")))?;
    write_atomically(folder, MANIFEST, &json)?;
    Ok(())
}

/// The key `passphrase` gives for `manifest`, once its cost is checked and its key check
/// opens; a wrong passphrase is refused before anything else is read or written.
pub(crate) fn unlock(path: &Path, manifest: &Manifest, passphrase: &str) -> Result<SyncKey> {
    let refuse = |reason: String| Error::SyncFolder {
        path: path.to_path_buf(),
        reason,
    };
    if manifest.format > FORMAT_VERSION {
        return Err(refuse(format!(
            "it was made by Flocon {} or later (sync format {}); update Flocon to use it",
            manifest.min_app_version, manifest.format
        )));
    }
    manifest.kdf.check().map_err(refuse)?;
    let salt =
        from_hex(&manifest.salt).ok_or_else(|| refuse("the salt is not hexadecimal".into()))?;
    let check = from_hex(&manifest.key_check)
        .ok_or_else(|| refuse("the key check is not hexadecimal".into()))?;
    let key = SyncKey::derive(passphrase, &salt, manifest.kdf)?;
    match envelope::open(&key, &check) {
        Ok((header, text)) if header.kind == FileKind::KeyCheck && text == KEY_CHECK => Ok(key),
        Ok(_) => Err(refuse("the key check is not one".into())),
        Err(OpenError::Tampered) => Err(Error::WrongPassphrase),
        Err(e) => Err(refuse(format!("the key check {e}"))),
    }
}

/// Whether `key` opens this manifest's key check.
pub(crate) fn key_opens_manifest(manifest: &Manifest, key: &SyncKey) -> bool {
    let Some(check) = from_hex(&manifest.key_check) else {
        return false;
    };
    matches!(
        envelope::open(key, &check),
        Ok((header, text)) if header.kind == FileKind::KeyCheck && text == KEY_CHECK
    )
}

/// The folder's manifest, if it has one.
pub fn read_manifest(folder: &Path) -> Result<Option<Manifest>> {
    let path = folder.join(MANIFEST);
    // Whoever can write to the folder writes the manifest: a huge one is not read into memory.
    if fs::metadata(&path).is_ok_and(|m| m.len() > MAX_MANIFEST) {
        return Err(Error::SyncFolder {
            path,
            reason: "the manifest is far too large to be Flocon's".into(),
        });
    }
    match fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| Error::SyncFolder {
                path,
                reason: format!("unreadable manifest: {e}"),
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(Error::Io {
            action: "read",
            path,
            source,
        }),
    }
}

/// Whether a key kept from an earlier run still opens the folder (its manifest may have been
/// replaced by another team's).
pub fn key_opens(folder: &Path, key: &SyncKey) -> Result<bool> {
    let Some(manifest) = read_manifest(folder)? else {
        return Ok(false);
    };
    Ok(key_opens_manifest(&manifest, key))
}

/// Where a device writes its files. Only that device ever writes there.
pub fn device_dir(folder: &Path, device: Uuid) -> PathBuf {
    folder.join("devices").join(device.to_string())
}

/// The name a device gives its file (only a convenience for people: readers ignore names).
pub fn file_name(kind: FileKind, sequence: u64) -> String {
    match kind {
        FileKind::Snapshot => format!("{sequence:020}.snapshot"),
        _ => format!("{sequence:020}.changes"),
    }
}

/// Writes `bytes` as `dir/name` so that no reader ever sees half of it: a temporary file in
/// the same folder (hidden, so sync tools and our reader skip it), flushed to the disk, then
/// renamed over, and the folder itself flushed.
pub fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let io = |action: &'static str, path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    };
    fs::create_dir_all(dir).map_err(io("create", dir))?;
    let target = dir.join(name);
    let temp = dir.join(format!(".{name}.{}.tmp", Uuid::now_v7()));
    let mut file = fs::File::create(&temp).map_err(io("create", &temp))?;
    file.write_all(bytes).map_err(io("write", &temp))?;
    file.sync_all().map_err(io("flush", &temp))?;
    drop(file);
    fs::rename(&temp, &target).map_err(io("rename", &target))?;
    if let Ok(d) = fs::File::open(dir) {
        // Not every file system can flush a directory; the rename is done either way.
        let _ = d.sync_all();
    }
    Ok(target)
}

/// Reads and verifies every file of the folder. A missing folder reads as empty.
pub fn scan(folder: &Path, key: &SyncKey) -> Result<Scan> {
    scan_new(folder, key, &BTreeMap::new())
}

/// Like `scan`, but a file whose (device, sequence) is in `known`, found at the same place
/// with the same stamp (and not due for a recheck), is noted as present without being read;
/// one found with the fingerprint of its bytes unchanged is not decrypted again. Any other
/// file — a new one, or a known one whose bytes changed (damaged, replaced, cut) — is
/// verified, and counts only if it verifies.
pub fn scan_new(
    folder: &Path,
    key: &SyncKey,
    known: &BTreeMap<(Uuid, u64), KnownFile>,
) -> Result<Scan> {
    scan_reporting(folder, key, known, &|_, _| {})
}

/// Like `scan_new`, telling `progress` how many of the folder's files it has looked at.
pub fn scan_reporting(
    folder: &Path,
    key: &SyncKey,
    known: &BTreeMap<(Uuid, u64), KnownFile>,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Scan> {
    let by_place: BTreeMap<&str, ((Uuid, u64), &str)> = known
        .iter()
        .filter(|(_, k)| !k.recheck)
        .filter_map(|(id, k)| {
            k.place
                .as_ref()
                .map(|(path, stamp)| (path.as_str(), (*id, stamp.as_str())))
        })
        .collect();
    let hashes: BTreeMap<(Uuid, u64), FileHash> =
        known.iter().map(|(id, k)| (*id, k.hash)).collect();
    scan_files(folder, key, &hashes, &by_place, progress)
}

fn scan_files(
    folder: &Path,
    key: &SyncKey,
    known: &BTreeMap<(Uuid, u64), FileHash>,
    by_place: &BTreeMap<&str, ((Uuid, u64), &str)>,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Scan> {
    let mut scan = Scan::default();
    let mut paths = Vec::new();
    collect(folder, &mut paths, &mut scan.skipped, true)?;
    paths.sort();
    let mut clashing: BTreeMap<(Uuid, u64), Vec<SyncFile>> = BTreeMap::new();
    let total = paths.len() as u64;
    for (looked_at, path) in paths.into_iter().enumerate() {
        progress(looked_at as u64, total);
        let unreadable = |path: PathBuf, error: std::io::Error| {
            tracing::warn!(path = %path.display(), %error, "a file of the sync folder cannot be read");
            Skipped {
                path,
                why: OpenError::Unreadable,
            }
        };
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(error) => {
                scan.skipped.push(unreadable(path, error));
                continue;
            }
        };
        let place = relative(folder, &path);
        let stamp = stamp(&meta);
        if let Some((id, seen)) = by_place.get(place.as_str())
            && *seen == stamp
        {
            // (Its place and stamp are noted already: nothing to write again.)
            scan.known.insert(*id);
            continue;
        }
        // Other programs' files (a video, a .stfolder marker…) are told by their first bytes
        // and never read whole, whatever their size.
        match has_magic(&path) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(error) => {
                scan.skipped.push(unreadable(path, error));
                continue;
            }
        }
        if meta.len() > MAX_FILE {
            scan.skipped.push(Skipped {
                path,
                why: OpenError::Malformed,
            });
            continue;
        }
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                scan.skipped.push(unreadable(path, error));
                continue;
            }
        };
        let hash = file_hash(&bytes);
        if let Ok(header) = envelope::peek(&bytes)
            && known.get(&(header.device, header.sequence)) == Some(&hash)
        {
            scan.known.insert((header.device, header.sequence));
            scan.stamps
                .insert((header.device, header.sequence), (place, stamp));
            continue;
        }
        match envelope::open(key, &bytes) {
            Ok((header, _)) if header.kind == FileKind::KeyCheck => {}
            Ok((header, payload)) => {
                let at = (header.device, header.sequence);
                let file = SyncFile {
                    header,
                    payload,
                    path,
                    hash,
                };
                if let Some(held) = clashing.get_mut(&at) {
                    if held.iter().any(|f| same_file(f, &file)) {
                        scan.duplicates += 1;
                    } else {
                        held.push(file);
                    }
                    continue;
                }
                match scan.files.get(&at) {
                    Some(seen) if same_file(seen, &file) => {
                        scan.duplicates += 1;
                    }
                    Some(_) => {
                        let seen = scan.files.remove(&at).into_iter();
                        clashing.insert(at, seen.chain([file]).collect());
                    }
                    None => {
                        scan.stamps.insert(at, (place, stamp));
                        scan.files.insert(at, file);
                    }
                }
            }
            // Other programs' files (.stfolder markers, desktop.ini…) are not reported.
            Err(OpenError::NotFlocon) => {}
            Err(why) => scan.skipped.push(Skipped { path, why }),
        }
    }
    progress(total, total);
    scan.clashes = clashing.keys().copied().collect();
    scan.clashing = clashing.into_values().flatten().collect();
    Ok(scan)
}

/// Whether the file starts as every Flocon sync file does (reads only those bytes).
fn has_magic(path: &Path) -> std::io::Result<bool> {
    use std::io::Read;
    let mut start = [0u8; envelope::MAGIC.len()];
    let mut file = fs::File::open(path)?;
    let mut read = 0;
    while read < start.len() {
        match file.read(&mut start[read..])? {
            0 => break,
            n => read += n,
        }
    }
    Ok(read == start.len() && &start == envelope::MAGIC)
}

fn same_file(a: &SyncFile, b: &SyncFile) -> bool {
    a.header == b.header && a.payload == b.payload
}

/// Every regular file under `dir`, except the manifest and hidden files (our temporary files,
/// sync tools' own bookkeeping). Only the folder itself must be readable: a folder or entry
/// inside it that cannot be read (permissions, a path too long) is reported in `skipped` and
/// the rest is read all the same.
pub(super) fn collect(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    skipped: &mut Vec<Skipped>,
    root: bool,
) -> Result<()> {
    let unreadable = |path: &Path, error: &std::io::Error| {
        tracing::warn!(path = %path.display(), %error, "a folder of the sync folder cannot be read");
        Skipped {
            path: path.to_path_buf(),
            why: OpenError::Unreadable,
        }
    };
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) if root => {
            return Err(Error::Io {
                action: "read",
                path: dir.to_path_buf(),
                source,
            });
        }
        Err(error) => {
            skipped.push(unreadable(dir, &error));
            return Ok(());
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                skipped.push(unreadable(dir, &error));
                continue;
            }
        };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == MANIFEST {
            continue;
        }
        let kind = match entry.file_type() {
            Ok(kind) => kind,
            Err(error) => {
                skipped.push(unreadable(&entry.path(), &error));
                continue;
            }
        };
        if kind.is_dir() {
            collect(&entry.path(), out, skipped, false)?;
        } else if kind.is_file() {
            out.push(entry.path());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: KdfParams = KdfParams::FAST_FOR_TESTS;

    fn write(folder: &Path, key: &SyncKey, device: Uuid, sequence: u64, text: &str) -> PathBuf {
        let bytes = envelope::seal(key, FileKind::Segment, device, sequence, text.as_bytes());
        write_atomically(
            &device_dir(folder, device),
            &file_name(FileKind::Segment, sequence),
            &bytes,
        )
        .expect("written")
    }

    #[test]
    fn the_first_laptop_creates_the_manifest_and_the_others_need_the_same_passphrase() {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = dir.path().join("partage");
        let first = open_or_create(&folder, "le pouvoir se construit", FAST).expect("created");
        let manifest = fs::read(folder.join(MANIFEST)).expect("a manifest");
        let second = open_or_create(&folder, "le pouvoir se construit", FAST).expect("opened");
        assert_eq!(first.bytes(), second.bytes());
        assert!(matches!(
            open_or_create(&folder, "mauvaise phrase", FAST),
            Err(Error::WrongPassphrase)
        ));
        assert_eq!(
            fs::read(folder.join(MANIFEST)).expect("a manifest"),
            manifest,
            "a wrong passphrase changes nothing"
        );
        let text = String::from_utf8(manifest).expect("JSON");
        assert!(!text.contains("le pouvoir"), "the passphrase is not stored");
    }

    #[test]
    fn a_manifest_from_a_newer_flocon_is_refused_with_a_reason() {
        let dir = tempfile::tempdir().expect("temp dir");
        open_or_create(dir.path(), "phrase", FAST).expect("created");
        let path = dir.path().join(MANIFEST);
        let mut manifest: Manifest =
            serde_json::from_slice(&fs::read(&path).expect("read")).expect("json");
        manifest.format = 9;
        manifest.min_app_version = "3.0.0".into();
        fs::write(&path, serde_json::to_vec(&manifest).expect("json")).expect("write");
        match open_or_create(dir.path(), "phrase", FAST) {
            Err(Error::SyncFolder { reason, .. }) => assert!(reason.contains("3.0.0"), "{reason}"),
            other => panic!("expected a refusal, got {other:?}"),
        }
        fs::write(&path, b"{ not json").expect("write");
        assert!(matches!(
            open_or_create(dir.path(), "phrase", FAST),
            Err(Error::SyncFolder { .. })
        ));
    }

    #[test]
    fn names_are_ignored_copies_collapse_and_bad_files_are_skipped_not_fatal() {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = dir.path();
        let key = open_or_create(folder, "phrase", FAST).expect("created");
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let first = write(folder, &key, a, 1, "a1");
        write(folder, &key, a, 2, "a2");
        write(folder, &key, b, 1, "b1");
        // A sync tool's conflicted copy, and the same file renamed and moved elsewhere.
        fs::copy(
            &first,
            first.with_file_name("00000000000000000001 (conflicted copy 2026-11-25).changes"),
        )
        .expect("copy");
        fs::copy(&first, folder.join("renommé.bin")).expect("copy");
        // A half-copied file, a tampered one, and files that are not ours.
        let whole = envelope::seal(&key, FileKind::Segment, b, 2, b"b2 with a long payload");
        fs::write(folder.join("partial.changes"), &whole[..whole.len() - 5]).expect("write");
        let mut tampered = envelope::seal(&key, FileKind::Segment, b, 3, b"b3");
        let last = tampered.len() - 1;
        tampered[last] ^= 0xff;
        fs::write(folder.join("tampered.changes"), &tampered).expect("write");
        fs::write(folder.join("desktop.ini"), b"[.ShellClassInfo]").expect("write");
        fs::create_dir_all(folder.join(".stfolder")).expect("dir");
        fs::write(folder.join(".tmp-in-progress"), &whole).expect("write");

        let scan = scan(folder, &key).expect("scanned");
        let read: Vec<(Uuid, u64, String)> = scan
            .files
            .values()
            .map(|f| {
                (
                    f.header.device,
                    f.header.sequence,
                    String::from_utf8(f.payload.clone()).expect("text"),
                )
            })
            .collect();
        let mut expected = vec![
            (a, 1, "a1".to_string()),
            (a, 2, "a2".into()),
            (b, 1, "b1".into()),
        ];
        expected.sort();
        assert_eq!(read, expected);
        assert_eq!(scan.duplicates, 2);
        let mut why: Vec<OpenError> = scan.skipped.iter().map(|s| s.why.clone()).collect();
        why.sort_by_key(|w| format!("{w:?}"));
        assert_eq!(why, vec![OpenError::Tampered, OpenError::Truncated]);
        assert!(scan.clashes.is_empty());

        // Once the copy completes, the next scan reads it.
        fs::write(folder.join("partial.changes"), &whole).expect("write");
        assert_eq!(super::scan(folder, &key).expect("scanned").files.len(), 4);
    }

    #[test]
    fn an_empty_or_missing_folder_reads_as_nothing_to_apply() {
        let dir = tempfile::tempdir().expect("temp dir");
        let key = SyncKey::derive("phrase", b"0123456789abcdef", FAST).expect("key");
        let missing = scan(&dir.path().join("clé USB débranchée"), &key).expect("no error");
        assert!(missing.files.is_empty() && missing.skipped.is_empty());
        let empty = scan(dir.path(), &key).expect("no error");
        assert!(empty.files.is_empty());
    }

    #[test]
    fn two_different_files_claiming_the_same_place_are_both_held_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let key = open_or_create(dir.path(), "phrase", FAST).expect("created");
        let device = Uuid::now_v7();
        write(dir.path(), &key, device, 1, "first version");
        let other = envelope::seal(&key, FileKind::Segment, device, 1, b"second version");
        fs::write(dir.path().join("zz.changes"), other).expect("write");
        let scan = scan(dir.path(), &key).expect("scanned");
        assert!(scan.files.is_empty());
        assert_eq!(scan.clashes, vec![(device, 1)]);
    }

    #[test]
    fn an_atomic_write_leaves_no_temporary_file_and_replaces_nothing_half_way() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = write_atomically(dir.path(), "f.changes", b"one").expect("written");
        write_atomically(dir.path(), "f.changes", b"two").expect("written");
        assert_eq!(fs::read(&path).expect("read"), b"two");
        let names: Vec<String> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["f.changes"]);
    }
}
