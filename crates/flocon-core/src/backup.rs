//! Backups and integrity: consistent copies of the database (`VACUUM INTO`), the automatic
//! daily backup and its rotation, integrity checks that never write, and restoring a backup.
//!
//! Every file is written under a temporary name in its final folder, checked, flushed, then
//! renamed into place: a crash leaves either the old state or the new one, never half a file.
//! A damaged database is never written to nor deleted: restoring moves it aside, into
//! `backups/`, as a "before restore" backup.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::db::{APPLICATION_ID, Database, SCHEMA_VERSION, SchemaDifference};
use crate::error::{Error, Result, is_damage};
use crate::store::DATABASE_FILE;

/// The folder of the data directory that holds the backups.
pub const BACKUPS_DIR: &str = "backups";
/// The marker of a restore to do at the next start (written by `schedule_restore`).
pub const PENDING_RESTORE_FILE: &str = "restore-pending.json";

/// Automatic backups are made at most this often.
const AUTO_EVERY: TimeDelta = TimeDelta::hours(24);
/// Rotation keeps the newest automatic backup of each of this many last days…
const DAILY_KEPT: i64 = 7;
/// …and of each of this many ISO weeks before those.
const WEEKLY_KEPT: usize = 4;

const NAME_PREFIX: &str = "flocon-";
const NAME_SUFFIX: &str = ".sqlite3";
const TIME_FORMAT: &str = "%Y-%m-%dT%H-%M-%SZ";

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// The daily backup; rotated.
    Automatic,
    /// Asked for by the user; never rotated away.
    Manual,
    /// The database as it was just before a restore replaced it; never rotated away.
    BeforeRestore,
}

impl BackupKind {
    /// The word in the file name (French, as the user sees the files).
    fn word(self) -> &'static str {
        match self {
            BackupKind::Automatic => "auto",
            BackupKind::Manual => "manuel",
            BackupKind::BeforeRestore => "avant-restauration",
        }
    }
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    /// Full path.
    pub file: String,
    /// File name.
    pub name: String,
    #[ts(type = "string")]
    pub taken_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub kind: BackupKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IntegrityState {
    /// The check has not finished yet.
    Pending,
    Ok,
    Damaged,
}

/// The result of the quick check run after start, with the backup to offer when it failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IntegrityStatus {
    pub state: IntegrityState,
    /// What is wrong, in English (for a damaged database).
    pub detail: Option<String>,
    pub latest_backup: Option<BackupInfo>,
}

impl IntegrityStatus {
    pub fn pending() -> IntegrityStatus {
        IntegrityStatus {
            state: IntegrityState::Pending,
            detail: None,
            latest_backup: None,
        }
    }
}

/// What an integrity check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    pub path: String,
    /// True when SQLite found nothing wrong.
    pub ok: bool,
    /// What SQLite reported, one line each (empty when ok).
    pub problems: Vec<String>,
}

impl CheckReport {
    /// The problems as one line, for a message.
    pub fn summary(&self) -> String {
        match self.problems.as_slice() {
            [] => "no problem found".to_string(),
            [one] => one.clone(),
            [first, rest @ ..] => format!("{first} (and {} more problems)", rest.len()),
        }
    }

    /// The report as an error when something is wrong.
    pub fn into_result(self) -> Result<CheckReport> {
        if self.ok {
            Ok(self)
        } else {
            Err(Error::Damaged {
                path: PathBuf::from(&self.path),
                detail: self.summary(),
            })
        }
    }
}

/// What a restore did.
#[derive(Debug, Clone, Serialize)]
pub struct RestoreReport {
    pub restored_from: String,
    /// The database that was replaced, kept in `backups/` (None when there was none).
    pub set_aside: Option<BackupInfo>,
    /// The sync identity this laptop has from now on.
    pub device_id: Uuid,
}

/// `path` with `suffix` appended to its file name (`flocon.sqlite3-wal`).
pub(crate) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

pub fn backups_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUPS_DIR)
}

fn database_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DATABASE_FILE)
}

/// The file name of a backup taken at `at` (the `n`th of that second and kind, from 1).
pub fn backup_name(at: DateTime<Utc>, kind: BackupKind, n: u32) -> String {
    let counter = if n > 1 {
        format!("-{n}")
    } else {
        String::new()
    };
    format!(
        "{NAME_PREFIX}{}-{}{counter}{NAME_SUFFIX}",
        at.format(TIME_FORMAT),
        kind.word()
    )
}

/// Reads a name written by `backup_name`; None for any other file.
fn parse_name(name: &str) -> Option<(DateTime<Utc>, BackupKind)> {
    let middle = name.strip_prefix(NAME_PREFIX)?.strip_suffix(NAME_SUFFIX)?;
    let stamp = middle.get(..20)?;
    let at = NaiveDateTime::parse_from_str(stamp, TIME_FORMAT)
        .ok()?
        .and_utc();
    let rest = middle.get(20..)?.strip_prefix('-')?;
    let kind = [
        BackupKind::Automatic,
        BackupKind::Manual,
        BackupKind::BeforeRestore,
    ]
    .into_iter()
    .find(|k| {
        rest.strip_prefix(k.word()).is_some_and(|counter| {
            counter.is_empty()
                || counter
                    .strip_prefix('-')
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
    })?;
    Some((at, kind))
}

/// A free path in `dir` for a backup of `kind` taken at `at`.
fn new_backup_path(dir: &Path, at: DateTime<Utc>, kind: BackupKind) -> PathBuf {
    (1..)
        .map(|n| dir.join(backup_name(at, kind, n)))
        .find(|p| !p.exists() && !sidecar(p, "-wal").exists())
        .expect("an unused name exists")
}

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Io {
        action,
        path,
        source,
    }
}

fn info_of(path: &Path, fallback_time: DateTime<Utc>) -> Result<BackupInfo> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let size_bytes = fs::metadata(path).map_err(io("cannot read", path))?.len();
    let (taken_at, kind) = parse_name(&name).unwrap_or((fallback_time, BackupKind::Manual));
    Ok(BackupInfo {
        file: path.display().to_string(),
        name,
        taken_at,
        size_bytes,
        kind,
    })
}

/// Every backup Flocon made in `dir`, newest first. Other files (and half-written temporary
/// ones) are ignored; a missing folder has none.
pub fn list_backups(dir: &Path) -> Result<Vec<BackupInfo>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io("cannot read", dir)(e)),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((taken_at, kind)) = parse_name(&name) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        out.push(BackupInfo {
            file: path.display().to_string(),
            name,
            taken_at,
            size_bytes: meta.len(),
            kind,
        });
    }
    out.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.name.cmp(&a.name)));
    Ok(out)
}

/// The backup called `name` in the data directory's backups folder, for a caller that may only
/// name one of Flocon's own backups (the app's window): a name as Flocon gives them, so no
/// separator and no `..`, of a regular file there, not a link to somewhere else.
pub fn backup_named(data_dir: &Path, name: &str) -> Result<PathBuf> {
    let not_ours = || {
        Error::Refused(format!(
            "\"{}\" is not one of Flocon's backups; nothing was restored",
            name.escape_debug()
        ))
    };
    let separators = ['/', '\\', ':', '\0'];
    if name.contains(separators) || name.contains("..") || parse_name(name).is_none() {
        return Err(not_ours());
    }
    let path = backups_dir(data_dir).join(name);
    match fs::symlink_metadata(&path) {
        Ok(meta) if meta.file_type().is_file() => Ok(path),
        _ => Err(not_ours()),
    }
}

/// A `file:` URI for `path` (for SQLite's URI parameters).
fn uri(path: &Path, params: &str) -> Result<String> {
    let absolute = std::path::absolute(path).map_err(io("cannot resolve", path))?;
    let text = absolute.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file:");
    if !text.starts_with('/') {
        out.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' | b':' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out.push('?');
    out.push_str(params);
    Ok(out)
}

/// Opens a database file only to read it. A file no connection has open (no -wal, no -shm
/// beside it) is opened `immutable`, so that SQLite creates nothing beside it; otherwise, or
/// when it is the `live` database that the app may write meanwhile, it is opened read-only so
/// the log's committed changes are seen and concurrent writes are respected.
fn open_read_only(path: &Path, live: bool) -> Result<Connection> {
    if !path.is_file() {
        return Err(Error::Refused(format!("{} does not exist", path.display())));
    }
    crate::db::check_file_header(path)?;
    let in_use = live || sidecar(path, "-wal").exists() || sidecar(path, "-shm").exists();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = if in_use {
        Connection::open_with_flags(path, flags)
    } else {
        Connection::open_with_flags(
            uri(path, "immutable=1")?,
            flags | OpenFlags::SQLITE_OPEN_URI,
        )
    }
    .map_err(|e| damage(path, e.into()))?;
    crate::db::harden(&conn)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}

/// SQLite's "corrupt" or "not a database" as `Error::Damaged` about `path`.
fn damage(path: &Path, error: Error) -> Error {
    match error {
        Error::Sqlite(e) if is_damage(&e) => Error::Damaged {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        other => other,
    }
}

/// Refuses a file that is not a Flocon database, or that a newer Flocon wrote; answers the
/// schema version it has.
fn check_header(conn: &Connection, path: &Path) -> Result<i64> {
    let (application_id, version): (i32, i64) = conn
        .query_row(
            "SELECT (SELECT application_id FROM pragma_application_id),
                    (SELECT user_version FROM pragma_user_version)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| damage(path, e.into()))?;
    if application_id != APPLICATION_ID || version < 0 {
        return Err(Error::NotAFloconDatabase {
            path: path.to_path_buf(),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(version)
}

/// Runs an integrity pragma and collects its lines ("ok" alone means none).
fn pragma_lines(conn: &Connection, path: &Path, sql: &str) -> Result<Vec<String>> {
    let run = || -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    };
    match run() {
        Ok(lines) if lines == ["ok"] => Ok(Vec::new()),
        Ok(lines) => Ok(lines.iter().map(|l| one_line(l)).collect()),
        Err(e) if is_damage(&e) || is_refusal(&e) => Ok(vec![one_line(&e.to_string())]),
        Err(e) => Err(damage(path, e.into())),
    }
}

/// A problem SQLite reported, on one line: the CLI says why it refused in one line, and
/// integrity_check heads some problems with "*** in database main ***" and a line break.
fn one_line(problem: &str) -> String {
    let problem = problem.replace("*** in database main ***", "");
    problem.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// SQLite's plain "error" while checking a file: what it holds cannot be read as what it says
/// (a full-text index of an unknown format, say), a problem of the file rather than a failure
/// of the machine.
fn is_refusal(error: &rusqlite::Error) -> bool {
    matches!(
        error,
        rusqlite::Error::SqliteFailure(e, _) if e.code == rusqlite::ErrorCode::Unknown
    )
}

/// What a check found: SQLite's problems, and, when SQLite found none, how the schema differs
/// from the one Flocon's migrations make at the file's version.
struct Findings {
    problems: Vec<String>,
    schema: Option<SchemaDifference>,
}

fn examine(path: &Path, full: bool, live: bool) -> Result<Findings> {
    let damaged = |detail| Findings {
        problems: vec![detail],
        schema: None,
    };
    let conn = match open_read_only(path, live) {
        Ok(conn) => conn,
        Err(Error::Damaged { detail, .. }) => return Ok(damaged(detail)),
        Err(e) => return Err(e),
    };
    let version = match check_header(&conn, path) {
        Ok(version) => version,
        Err(Error::Damaged { detail, .. }) => return Ok(damaged(detail)),
        Err(e) => return Err(e),
    };
    let mut problems = pragma_lines(
        &conn,
        path,
        if full {
            "PRAGMA integrity_check"
        } else {
            "PRAGMA quick_check"
        },
    )?;
    if full && problems.is_empty() {
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt
            .query_map([], |r| {
                Ok(format!(
                    "a row of {} (rowid {}) points at a missing row of {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?
                        .map_or_else(|| "?".to_string(), |n| n.to_string()),
                    r.get::<_, String>(2)?,
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        match rows {
            Ok(lines) => problems.extend(lines),
            Err(e) if is_damage(&e) || is_refusal(&e) => problems.push(one_line(&e.to_string())),
            Err(e) => return Err(e.into()),
        }
    }
    let schema = if problems.is_empty() {
        match crate::db::schema_difference(&conn, version) {
            Ok(difference) => difference,
            Err(Error::Sqlite(e)) if is_damage(&e) || is_refusal(&e) => {
                problems.push(one_line(&e.to_string()));
                None
            }
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    Ok(Findings { problems, schema })
}

fn run_check(path: &Path, full: bool, live: bool) -> Result<CheckReport> {
    let Findings {
        mut problems,
        schema,
    } = examine(path, full, live)?;
    if let Some(difference) = schema {
        problems.push(format!("its schema is not Flocon's: {difference}"));
    }
    Ok(CheckReport {
        path: path.display().to_string(),
        ok: problems.is_empty(),
        problems,
    })
}

/// The full check (`PRAGMA integrity_check` and `foreign_key_check`) of a database file, opened
/// read-only: nothing is migrated nor written. A file that is not a Flocon database, or that a
/// newer Flocon wrote, is an error; damage, and a schema that is not exactly the one Flocon's
/// migrations make (a trigger of someone else's, say), are in the report.
pub fn check(path: &Path) -> Result<CheckReport> {
    run_check(path, true, false)
}

/// The quick check (`PRAGMA quick_check`): every page read, without matching indexes to rows;
/// and the schema compared with Flocon's, as `check` does.
pub fn quick_check(path: &Path) -> Result<CheckReport> {
    run_check(path, false, false)
}

/// A backup or a file about to become the database: a Flocon database this version can open,
/// that passes the full check (`check`: every index matches its table, no reference points
/// nowhere; else `Error::Damaged`), and whose schema is exactly the one Flocon's migrations
/// make at its version (else `Error::ForeignSchema`).
pub fn verify_backup(path: &Path) -> Result<()> {
    verify(path, true)
}

/// `verify_backup`, with the quick check only when not `full`.
fn verify(path: &Path, full: bool) -> Result<()> {
    let Findings { problems, schema } = examine(path, full, false)?;
    CheckReport {
        path: path.display().to_string(),
        ok: problems.is_empty(),
        problems,
    }
    .into_result()?;
    match schema {
        None => Ok(()),
        Some(difference) => Err(Error::ForeignSchema {
            path: path.to_path_buf(),
            difference,
        }),
    }
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        // Not every file system can flush a directory; the rename is done either way.
        let _ = d.sync_all();
    }
}

fn flush_file(path: &Path) -> Result<()> {
    fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .and_then(|f| f.sync_all())
        .map_err(io("cannot flush", path))
}

/// `VACUUM INTO` from `source` (opened read-only) to the new file `target`.
fn vacuum_into(source: &Path, target: &Path, live: bool) -> Result<()> {
    let conn = open_read_only(source, live)?;
    check_header(&conn, source)?;
    let target_text = target
        .to_str()
        .ok_or_else(|| Error::Refused(format!("{} is not a usable file name", target.display())))?;
    conn.execute("VACUUM INTO ?1", [target_text])
        .map_err(|e| damage(source, e.into()))?;
    Ok(())
}

/// `error`, found in a copy of `path`, as an error about `path` itself.
fn about(error: Error, path: &Path) -> Error {
    let path = path.to_path_buf();
    match error {
        Error::Damaged { detail, .. } => Error::Damaged { path, detail },
        Error::ForeignSchema { difference, .. } => Error::ForeignSchema { path, difference },
        Error::NotAFloconDatabase { .. } => Error::NotAFloconDatabase { path },
        Error::DatabaseTooNew {
            found, supported, ..
        } => Error::DatabaseTooNew {
            path,
            found,
            supported,
        },
        other => other,
    }
}

/// Moves `from` to `to` unless `to` exists (checked atomically where hard links exist).
fn place_without_overwriting(from: &Path, to: &Path) -> Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => {
            let _ = fs::remove_file(from);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists(to)),
        Err(_) if to.exists() => Err(exists(to)),
        Err(_) => fs::rename(from, to).map_err(io("cannot rename to", to)),
    }
}

fn exists(path: &Path) -> Error {
    Error::Refused(format!(
        "{} exists already; nothing was written (choose another file name)",
        path.display()
    ))
}

/// Writes a consistent copy of the database `database` to `out` (which must not exist):
/// `VACUUM INTO` a temporary file beside `out` (the writer is not held up), checked, flushed,
/// then renamed into place.
pub fn backup_to(database: &Path, out: &Path) -> Result<BackupInfo> {
    if out.exists() {
        return Err(exists(out));
    }
    if !database.is_file() {
        return Err(Error::Refused(format!(
            "there is no database to back up at {}",
            database.display()
        )));
    }
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(io("cannot create the folder", parent))?;
    let file_name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::Refused(format!("{} is not a file name", out.display())))?;
    let temp = parent.join(format!(".{file_name}.{}.tmp", Uuid::now_v7()));
    let result = (|| {
        vacuum_into(database, &temp, true)?;
        // What is wrong with the copy is wrong with the database.
        verify(&temp, false).map_err(|e| about(e, database))?;
        flush_file(&temp)?;
        place_without_overwriting(&temp, out)?;
        sync_dir(parent);
        info_of(out, Utc::now())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// A manual backup of the data directory's database into its `backups/` folder.
pub fn manual_backup(data_dir: &Path, now: DateTime<Utc>) -> Result<BackupInfo> {
    let dir = backups_dir(data_dir);
    backup_to(
        &database_path(data_dir),
        &new_backup_path(&dir, now, BackupKind::Manual),
    )
}

/// The automatic backup: made when the newest automatic one is older than 24 hours (or there is
/// none), then the automatic ones are rotated. None when no backup was due (or there is no
/// database yet).
pub fn auto_backup(data_dir: &Path, now: DateTime<Utc>) -> Result<Option<BackupInfo>> {
    let database = database_path(data_dir);
    if !database.is_file() {
        return Ok(None);
    }
    let dir = backups_dir(data_dir);
    let newest = list_backups(&dir)?
        .into_iter()
        .find(|b| b.kind == BackupKind::Automatic);
    if let Some(newest) = newest
        && now - newest.taken_at < AUTO_EVERY
        && newest.taken_at <= now
    {
        return Ok(None);
    }
    let made = backup_to(
        &database,
        &new_backup_path(&dir, now, BackupKind::Automatic),
    )?;
    rotate(&dir, now)?;
    Ok(Some(made))
}

fn monday_of(day: NaiveDate) -> NaiveDate {
    day - TimeDelta::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Which automatic backups rotation keeps, among `backups` (any order): the newest of each of
/// the last 7 days (today included), the newest of each of the 4 most recent ISO weeks before
/// the week where those days begin, anything dated in the future, and the newest of all.
fn kept(backups: &[BackupInfo], now: DateTime<Utc>) -> Vec<usize> {
    let today = now.date_naive();
    let first_daily = today - TimeDelta::days(DAILY_KEPT - 1);
    let weekly_before = monday_of(first_daily);
    let mut order: Vec<usize> = (0..backups.len()).collect();
    order.sort_by(|&a, &b| {
        backups[b]
            .taken_at
            .cmp(&backups[a].taken_at)
            .then(backups[b].name.cmp(&backups[a].name))
    });
    let mut keep = Vec::new();
    let mut days_seen = std::collections::BTreeSet::new();
    let mut weeks_seen = std::collections::BTreeSet::new();
    for (rank, &i) in order.iter().enumerate() {
        let day = backups[i].taken_at.date_naive();
        let keep_it = if rank == 0 || day > today {
            true
        } else if day >= first_daily {
            days_seen.insert(day)
        } else if day < weekly_before {
            let week = monday_of(day);
            weeks_seen.len() < WEEKLY_KEPT && weeks_seen.insert(week)
        } else {
            false
        };
        if keep_it {
            keep.push(i);
        }
    }
    keep
}

/// Deletes the automatic backups rotation does not keep (see `kept`). Manual and before-restore
/// backups, and files Flocon did not name, are never touched. Returns the files deleted.
pub fn rotate(dir: &Path, now: DateTime<Utc>) -> Result<Vec<PathBuf>> {
    let automatic: Vec<BackupInfo> = list_backups(dir)?
        .into_iter()
        .filter(|b| b.kind == BackupKind::Automatic)
        .collect();
    let keep = kept(&automatic, now);
    let mut deleted = Vec::new();
    for (i, backup) in automatic.iter().enumerate() {
        if keep.contains(&i) {
            continue;
        }
        let path = PathBuf::from(&backup.file);
        match fs::remove_file(&path) {
            Ok(()) => {
                for s in SIDECARS {
                    let _ = fs::remove_file(sidecar(&path, s));
                }
                deleted.push(path);
            }
            Err(error) => tracing::warn!(path = %path.display(), %error, "an old backup stays"),
        }
    }
    Ok(deleted)
}

/// Gives the database a new sync identity: a new device id and file numbering. The laptop
/// then never writes a (device, sequence) its former self already used after the backup was
/// taken; what it did then stays in the shared folder under the former id, as another
/// laptop's, and comes back at the next sync.
fn new_sync_identity(db: &Database) -> Result<Uuid> {
    db.write(|tx| {
        let id = Uuid::now_v7();
        crate::sync::capture::set_meta(tx, "device_id", &id.to_string())?;
        tx.execute("DELETE FROM sync_meta WHERE key = 'file_seq'", [])?;
        Ok(id)
    })
}

const SIDECARS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Moves the database and its side files to `aside` (same file system), or puts back what was
/// moved when one move fails.
fn move_database(from: &Path, to: &Path) -> Result<()> {
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    let pairs = std::iter::once((from.to_path_buf(), to.to_path_buf()))
        .chain(SIDECARS.iter().map(|s| (sidecar(from, s), sidecar(to, s))));
    for (a, b) in pairs {
        if !a.exists() {
            continue;
        }
        if let Err(e) = fs::rename(&a, &b) {
            for (x, y) in moved.iter().rev() {
                let _ = fs::rename(y, x);
            }
            return Err(io("cannot move", &a)(e));
        }
        moved.push((a, b));
    }
    Ok(())
}

/// Restores the backup `backup` as the database of `data_dir`:
/// 1. the backup is checked quickly (a damaged, foreign or newer file is refused, nothing
///    changed);
/// 2. it is copied beside the database under a temporary name; the copy, which is what will
///    be the database, gets the full check and the schema check (`verify_backup`), loses the
///    planner's statistics, and is flushed;
/// 3. the current database (even a damaged one), with its -wal and -shm, is moved into
///    `backups/` as a before-restore backup: never deleted;
/// 4. the copy is renamed into place, then opened (migrated if older) and given a new sync
///    identity.
pub fn restore(data_dir: &Path, backup: &Path) -> Result<RestoreReport> {
    // Quickly first, so that nothing is written for a file that is plainly not a backup.
    verify(backup, false)?;
    fs::create_dir_all(data_dir).map_err(io("cannot create the folder", data_dir))?;
    let database = database_path(data_dir);
    let temp = data_dir.join(format!(".flocon-restore-{}.tmp", Uuid::now_v7()));
    // The copy is what becomes the database, so it is the copy that is verified: the backup
    // could change between its check and its copy (another program writing it, a log beside it).
    let copied = (|| {
        vacuum_into(backup, &temp, false)?;
        verify_backup(&temp).map_err(|e| about(e, backup))?;
        forget_statistics(&temp)?;
        flush_file(&temp)
    })();
    if let Err(e) = copied {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }

    let dir = backups_dir(data_dir);
    let now = Utc::now();
    let aside = if database.exists() {
        if let Err(e) = fs::create_dir_all(&dir).map_err(io("cannot create the folder", &dir)) {
            let _ = fs::remove_file(&temp);
            return Err(e);
        }
        let aside = new_backup_path(&dir, now, BackupKind::BeforeRestore);
        if let Err(e) = move_database(&database, &aside) {
            let _ = fs::remove_file(&temp);
            return Err(e);
        }
        sync_dir(&dir);
        Some(aside)
    } else {
        None
    };
    let put_back = |aside: &Option<PathBuf>| {
        if let Some(aside) = aside {
            let _ = fs::remove_file(&database);
            for s in SIDECARS {
                let _ = fs::remove_file(sidecar(&database, s));
            }
            if let Err(error) = move_database(aside, &database) {
                tracing::error!(%error, aside = %aside.display(), "the former database stays in backups");
            }
        }
    };
    if let Err(e) = fs::rename(&temp, &database) {
        let _ = fs::remove_file(&temp);
        put_back(&aside);
        return Err(io("cannot rename to", &database)(e));
    }
    sync_dir(data_dir);

    let opened = Database::open(&database).and_then(|db| {
        let id = new_sync_identity(&db)?;
        without_control_characters(&db)?;
        Ok(id)
    });
    let device_id = match opened {
        Ok(id) => id,
        Err(e) => {
            put_back(&aside);
            return Err(e);
        }
    };
    let set_aside = match aside {
        Some(path) => Some(info_of(&path, now)?),
        None => None,
    };
    Ok(RestoreReport {
        restored_from: backup.display().to_string(),
        set_aside,
        device_id,
    })
}

/// Texts of a restored file as Flocon stores typed text (`text::clean_multiline`): a backup
/// someone hands over may hold control characters (ESC sequences that drive a terminal) that
/// Flocon never writes. Cleaned with the capture on, so the clean text also reaches the other
/// laptops. Only rows holding one are read (a GLOB on the control characters).
fn without_control_characters(db: &Database) -> Result<()> {
    let controls: String = (1u32..0x20)
        .chain([0x7F])
        .chain(0x80..0xA0)
        .filter(|&c| c != u32::from('\t') && c != u32::from('\n'))
        .filter_map(char::from_u32)
        .collect();
    let pattern = format!("*[{controls}]*");
    db.write(|tx| {
        for table in crate::sync::capture::tables(tx)?.values() {
            let key: Vec<String> = table.key.iter().map(|k| format!("\"{k}\"")).collect();
            for column in &table.columns {
                let rows: Vec<(Vec<rusqlite::types::Value>, String)> = tx
                    .prepare(&format!(
                        "SELECT {}, \"{column}\" FROM \"{}\"
                         WHERE typeof(\"{column}\") = 'text' AND \"{column}\" GLOB ?1",
                        key.join(", "),
                        table.name
                    ))?
                    .query_map([&pattern], |r| {
                        let mut values = Vec::new();
                        for i in 0..key.len() {
                            values.push(r.get(i)?);
                        }
                        Ok((values, r.get(key.len())?))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                for (mut values, text) in rows {
                    let clean = crate::text::clean_multiline(&text).into_owned();
                    values.push(rusqlite::types::Value::Text(clean));
                    tx.execute(
                        &format!(
                            "UPDATE \"{}\" SET \"{column}\" = ?{} WHERE {}",
                            table.name,
                            values.len(),
                            table.key_condition()
                        ),
                        rusqlite::params_from_iter(values),
                    )?;
                }
            }
        }
        Ok(())
    })
}

/// Drops the query planner's statistics from a copy about to be restored: Flocon never makes
/// them (no ANALYZE), and rows written by someone else would steer every query of the app to
/// the slowest plan.
fn forget_statistics(copy: &Path) -> Result<()> {
    let stats: Vec<String> = {
        let conn = open_read_only(copy, false)?;
        conn.prepare(
            "SELECT name FROM sqlite_schema
             WHERE type = 'table' AND name IN ('sqlite_stat1', 'sqlite_stat4')",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?
    };
    if stats.is_empty() {
        return Ok(());
    }
    let conn = Connection::open_with_flags(
        copy,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    crate::db::harden(&conn)?;
    for name in stats {
        conn.execute_batch(&format!("DROP TABLE main.{name}"))?;
    }
    Ok(())
}

#[derive(Serialize, Deserialize)]
struct PendingRestore {
    file: PathBuf,
}

/// Checks `backup`, then notes it to be restored at the next start (`apply_pending_restore`),
/// before the database is opened.
pub fn schedule_restore(data_dir: &Path, backup: &Path) -> Result<()> {
    verify_backup(backup)?;
    let file = std::path::absolute(backup).map_err(io("cannot resolve", backup))?;
    let bytes = serde_json::to_vec(&PendingRestore { file })
        .map_err(|e| Error::Internal(format!("pending restore: {e}")))?;
    crate::sync::folder::write_atomically(data_dir, PENDING_RESTORE_FILE, &bytes)?;
    Ok(())
}

/// Does the restore `schedule_restore` noted, if any, and removes the note. When the restore
/// fails the database stays as it was and the error says why (the note is removed too, so a
/// bad backup is not tried again at every start).
pub fn apply_pending_restore(data_dir: &Path) -> Result<Option<RestoreReport>> {
    let marker = data_dir.join(PENDING_RESTORE_FILE);
    let bytes = match fs::read(&marker) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io("cannot read", &marker)(e)),
    };
    let result = serde_json::from_slice::<PendingRestore>(&bytes)
        .map_err(|_| {
            Error::Refused(format!(
                "the pending restore note {} is unreadable; nothing was restored",
                marker.display()
            ))
        })
        .and_then(|pending| restore(data_dir, &pending.file));
    fs::remove_file(&marker).map_err(io("cannot remove", &marker))?;
    result.map(Some)
}

/// The quick check of the data directory's database, with the latest backup to offer.
pub fn integrity_status(data_dir: &Path) -> IntegrityStatus {
    let database = database_path(data_dir);
    let (state, detail) = if !database.exists() {
        (IntegrityState::Ok, None)
    } else {
        match run_check(&database, false, true) {
            Ok(report) if report.ok => (IntegrityState::Ok, None),
            Ok(report) => (IntegrityState::Damaged, Some(report.summary())),
            Err(e) if e.kind() == crate::error::ErrorKind::Damaged => {
                (IntegrityState::Damaged, Some(e.to_string()))
            }
            // Not damaged as far as the check can tell (a newer Flocon's file, say): the
            // store's own error says what is wrong.
            Err(e) => (IntegrityState::Ok, Some(e.to_string())),
        }
    };
    IntegrityStatus {
        state,
        detail,
        latest_backup: list_backups(&backups_dir(data_dir))
            .ok()
            .and_then(|list| list.into_iter().next()),
    }
}

#[cfg(test)]
mod poisoned_tests;

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::TimeZone;

    use super::*;
    use crate::error::ErrorKind;
    use crate::person::PersonDraft;
    use crate::store::{PersonQuery, Store};
    use crate::sync::{KdfParams, SyncKey};

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    fn person(first: &str, last: &str) -> PersonDraft {
        PersonDraft {
            first_name: first.into(),
            last_name: last.into(),
            ..PersonDraft::default()
        }
    }

    fn names(store: &Store) -> Vec<String> {
        let mut names: Vec<String> = store
            .list_persons(&PersonQuery::default())
            .expect("list")
            .into_iter()
            .map(|p| format!("{} {}", p.first_name, p.last_name))
            .collect();
        names.sort();
        names
    }

    /// A data directory with a database of `n` people with notes, closed, its log folded in
    /// (still in WAL mode, as Flocon leaves it).
    fn data_dir_with(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        {
            let store = Store::open_in(dir.path()).expect("store");
            for i in 0..n {
                let mut draft = person(&format!("Prénom{i}"), &format!("Nom{i}"));
                draft.notes = format!("Notes de suivi {i} ").repeat(40);
                store.create_person(draft).expect("person");
            }
        }
        let conn = Connection::open(dir.path().join(DATABASE_FILE)).expect("raw");
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .expect("checkpoint");
        drop(conn);
        dir
    }

    fn bytes(path: &Path) -> Vec<u8> {
        fs::read(path).expect("read")
    }

    #[test]
    fn names_encode_the_instant_and_the_kind_and_read_back() {
        let t = at(2026, 11, 26, 6);
        assert_eq!(
            backup_name(t, BackupKind::Automatic, 1),
            "flocon-2026-11-26T06-00-00Z-auto.sqlite3"
        );
        for kind in [
            BackupKind::Automatic,
            BackupKind::Manual,
            BackupKind::BeforeRestore,
        ] {
            for n in [1, 2, 13] {
                assert_eq!(parse_name(&backup_name(t, kind, n)), Some((t, kind)));
            }
        }
        for other in [
            "flocon.sqlite3",
            "flocon-2026-11-26T06-00-00Z-auto.sqlite3-wal",
            ".flocon-2026-11-26T06-00-00Z-auto.sqlite3.0190.tmp",
            "flocon-2026-11-26T06-00-00Z-autre.sqlite3",
            "flocon-2026-11-26T06-00-00Z-auto-.sqlite3",
            "flocon-2026-13-26T06-00-00Z-auto.sqlite3",
        ] {
            assert_eq!(parse_name(other), None, "{other}");
        }
    }

    #[test]
    fn rotation_keeps_seven_days_and_four_weeks_and_never_touches_other_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let now = at(2026, 11, 26, 6); // a Thursday
        let mut day = NaiveDate::from_ymd_opt(2026, 9, 28).unwrap();
        let mut made = 0;
        while day <= now.date_naive() {
            let t = day.and_hms_opt(3, 0, 0).unwrap().and_utc();
            fs::write(d.join(backup_name(t, BackupKind::Automatic, 1)), b"x").unwrap();
            made += 1;
            day = day.succ_opt().unwrap();
        }
        assert_eq!(made, 60);
        // A second one the same day: the newer of the two stays.
        fs::write(
            d.join(backup_name(at(2026, 11, 25, 20), BackupKind::Automatic, 1)),
            b"x",
        )
        .unwrap();
        let untouchable = [
            backup_name(at(2026, 10, 1, 9), BackupKind::Manual, 1),
            backup_name(at(2026, 10, 2, 9), BackupKind::BeforeRestore, 1),
            "notes.txt".to_string(),
            "flocon-copie.sqlite3".to_string(),
            ".flocon-2026-10-03T09-00-00Z-auto.sqlite3.x.tmp".to_string(),
        ];
        for name in &untouchable {
            fs::write(d.join(name), b"keep").unwrap();
        }

        let deleted = rotate(d, now).expect("rotates");
        assert_eq!(deleted.len(), 61 - 11);

        let mut left: Vec<String> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut expected: Vec<String> = [
            // The weekly ones: the newest (Sunday) of ISO weeks 43 to 46.
            at(2026, 10, 25, 3),
            at(2026, 11, 1, 3),
            at(2026, 11, 8, 3),
            at(2026, 11, 15, 3),
            // The daily ones: the last seven days, today included.
            at(2026, 11, 20, 3),
            at(2026, 11, 21, 3),
            at(2026, 11, 22, 3),
            at(2026, 11, 23, 3),
            at(2026, 11, 24, 3),
            at(2026, 11, 25, 20),
            at(2026, 11, 26, 3),
        ]
        .into_iter()
        .map(|t| backup_name(t, BackupKind::Automatic, 1))
        .chain(untouchable.iter().cloned())
        .collect();
        expected.sort();
        assert_eq!(left, expected);

        // Running it again deletes nothing more.
        assert!(rotate(d, now).expect("rotates").is_empty());
        // The list shows Flocon's backups only, newest first.
        let listed = list_backups(d).expect("list");
        assert_eq!(listed.len(), 13);
        assert_eq!(listed[0].taken_at, at(2026, 11, 26, 3));
        assert!(listed.windows(2).all(|w| w[0].taken_at >= w[1].taken_at));
    }

    #[test]
    fn rotation_never_deletes_the_newest_backup_even_an_old_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = at(2025, 1, 5, 3);
        fs::write(
            dir.path().join(backup_name(old, BackupKind::Automatic, 1)),
            b"x",
        )
        .unwrap();
        let deleted = rotate(dir.path(), at(2026, 11, 26, 6)).expect("rotates");
        assert!(deleted.is_empty());
        assert_eq!(list_backups(dir.path()).unwrap().len(), 1);
    }

    #[test]
    fn a_backup_is_a_consistent_checked_copy_taken_while_the_store_is_open() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open_in(dir.path()).expect("store");
        store
            .create_person(person("Awa", "Diallo"))
            .expect("person");
        // The change is still in the write-ahead log: the copy must have it.
        let out = dir.path().join("copies/ma-sauvegarde.sqlite3");
        let info = backup_to(&store.path(), &out).expect("backs up");
        assert_eq!(info.kind, BackupKind::Manual);
        assert_eq!(info.file, out.display().to_string());
        assert!(info.size_bytes > 0);
        assert!(check(&out).expect("checks").ok);
        let copy = Store::open(&out).expect("opens");
        assert_eq!(names(&copy), ["Awa Diallo"]);
        drop(copy);
        // No temporary file is left behind.
        let left: Vec<_> = fs::read_dir(dir.path().join("copies"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");

        // An existing file is never overwritten.
        let taken = dir.path().join("deja-la.sqlite3");
        fs::write(&taken, b"precious").unwrap();
        let error = backup_to(&store.path(), &taken).expect_err("refused");
        assert_eq!(error.kind(), ErrorKind::Refused, "{error}");
        assert_eq!(bytes(&taken), b"precious");
    }

    #[test]
    fn the_automatic_backup_is_made_once_a_day_then_rotated() {
        let dir = data_dir_with(1);
        let d = dir.path();
        let first = auto_backup(d, at(2026, 11, 26, 6)).expect("runs");
        let first = first.expect("none yet: one is made");
        assert_eq!(first.kind, BackupKind::Automatic);
        assert_eq!(first.name, "flocon-2026-11-26T06-00-00Z-auto.sqlite3");
        assert!(
            auto_backup(d, at(2026, 11, 27, 5)).expect("runs").is_none(),
            "less than 24 hours later, none"
        );
        let manual = manual_backup(d, at(2026, 11, 27, 5)).expect("manual");
        assert_eq!(manual.kind, BackupKind::Manual);
        let second = auto_backup(d, at(2026, 11, 27, 7)).expect("runs");
        assert!(second.is_some(), "24 hours later, another");
        let listed = list_backups(&backups_dir(d)).expect("list");
        let kinds: Vec<BackupKind> = listed.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BackupKind::Automatic,
                BackupKind::Manual,
                BackupKind::Automatic
            ]
        );
        auto_backup(d, at(2027, 3, 1, 8))
            .expect("runs")
            .expect("made");
        // A long absence: of the old automatic ones, only the newest of their week stays (as
        // a weekly one); the manual one stays.
        let left = list_backups(&backups_dir(d)).expect("list");
        let left: Vec<(DateTime<Utc>, BackupKind)> =
            left.iter().map(|b| (b.taken_at, b.kind)).collect();
        assert_eq!(
            left,
            [
                (at(2027, 3, 1, 8), BackupKind::Automatic),
                (at(2026, 11, 27, 7), BackupKind::Automatic),
                (at(2026, 11, 27, 5), BackupKind::Manual),
            ]
        );
    }

    #[test]
    fn checking_a_good_database_passes_and_writes_nothing() {
        let dir = data_dir_with(20);
        let path = dir.path().join(DATABASE_FILE);
        let before = bytes(&path);
        let report = check(&path).expect("checks");
        assert!(report.ok, "{report:?}");
        assert!(quick_check(&path).expect("checks").ok);
        assert_eq!(bytes(&path), before);
        assert!(!sidecar(&path, "-wal").exists());
        assert!(!sidecar(&path, "-shm").exists());
        let status = integrity_status(dir.path());
        assert_eq!(status.state, IntegrityState::Ok);
    }

    /// Fills pages `pages` of the file with junk.
    fn scribble(path: &Path, pages: std::ops::Range<u64>) {
        use std::io::{Seek, SeekFrom, Write};
        let mut file = fs::OpenOptions::new().write(true).open(path).unwrap();
        for page in pages {
            file.seek(SeekFrom::Start(page * 8192)).unwrap();
            file.write_all(&[0xA5; 8192]).unwrap();
        }
    }

    #[test]
    fn a_database_damaged_in_the_middle_is_reported_and_never_written() {
        let dir = data_dir_with(300);
        let path = dir.path().join(DATABASE_FILE);
        // A few pages in the middle of the contacts' table.
        let person_pages: Vec<u64> = Connection::open(&path)
            .and_then(|c| {
                c.prepare("SELECT pageno FROM dbstat WHERE name = 'person' ORDER BY pageno")?
                    .query_map([], |r| r.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .expect("pages")
            .into_iter()
            .map(|p| p as u64 - 1)
            .collect();
        assert!(person_pages.len() > 10, "{person_pages:?}");
        let mid = person_pages[person_pages.len() / 2];
        scribble(&path, mid..mid + 2);
        let before = bytes(&path);

        let report = check(&path).expect("checks");
        assert!(!report.ok);
        assert!(!report.problems.is_empty());
        assert!(!quick_check(&path).expect("checks").ok);
        let status = integrity_status(dir.path());
        assert_eq!(status.state, IntegrityState::Damaged);
        assert!(status.detail.is_some());

        // Opening it either refuses it as damaged, or the first read of the damaged pages does:
        // never another kind of error, never a write.
        match Store::open_in(dir.path()) {
            Err(e) => assert_eq!(e.kind(), ErrorKind::Damaged, "{e}"),
            Ok(store) => {
                let listed = store
                    .all_persons()
                    .and_then(|_| store.search("suivi", 1000).map(|_| ()));
                let error = listed.expect_err("the damaged pages are read");
                assert_eq!(error.kind(), ErrorKind::Damaged, "{error}");
                let written = store.create_person(person("Awa", "Diallo"));
                if let Err(e) = written {
                    assert_eq!(e.kind(), ErrorKind::Damaged, "{e}");
                }
                drop(store);
            }
        }
        assert_eq!(bytes(&path), before);
        // A backup of it is refused, and leaves nothing.
        let out = dir.path().join("copie.sqlite3");
        let error = backup_to(&path, &out).expect_err("refused");
        assert_eq!(error.kind(), ErrorKind::Damaged, "{error}");
        assert!(!out.exists());
        assert_eq!(bytes(&path), before);
    }

    #[test]
    fn a_cut_or_scrambled_database_is_refused_at_open_and_left_as_it_is() {
        let dir = data_dir_with(50);
        let path = dir.path().join(DATABASE_FILE);
        let good = bytes(&path);

        // Cut in half.
        fs::write(&path, &good[..good.len() / 2]).unwrap();
        let error = Store::open_in(dir.path()).err().expect("refused");
        assert_eq!(error.kind(), ErrorKind::Damaged, "{error}");
        assert!(error.to_string().contains("damaged"), "{error}");
        assert_eq!(bytes(&path), &good[..good.len() / 2]);
        assert!(!sidecar(&path, "-wal").exists());
        assert!(!check(&path).expect("checks").ok);

        // The header filled with junk.
        let mut junk = good.clone();
        junk[..100].fill(b'#');
        fs::write(&path, &junk).unwrap();
        let error = Store::open_in(dir.path()).err().expect("refused");
        assert_eq!(error.kind(), ErrorKind::Damaged, "{error}");
        assert_eq!(bytes(&path), junk);
        assert!(!check(&path).expect("checks").ok);
        assert_eq!(bytes(&path), junk);
        assert_eq!(integrity_status(dir.path()).state, IntegrityState::Damaged);
    }

    fn backup_of(people: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open_in(dir.path()).expect("store");
        for (first, last) in people {
            store.create_person(person(first, last)).expect("person");
        }
        let info = manual_backup(dir.path(), Utc::now()).expect("backup");
        (dir, PathBuf::from(info.file))
    }

    #[test]
    fn restore_brings_back_the_backup_and_keeps_the_replaced_database() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let store = Store::open_in(d).expect("store");
        let awa = store
            .create_person(person("Awa", "Diallo"))
            .expect("person");
        let backup = PathBuf::from(manual_backup(d, Utc::now()).expect("backup").file);
        store.delete_person(awa.id).expect("deleted");
        store.create_person(person("Binta", "Sow")).expect("person");
        drop(store);

        let report = restore(d, &backup).expect("restores");
        let store = Store::open_in(d).expect("opens");
        assert_eq!(names(&store), ["Awa Diallo"]);
        drop(store);
        // What it replaced is a before-restore backup, with its data.
        let aside = report.set_aside.expect("set aside");
        assert_eq!(aside.kind, BackupKind::BeforeRestore);
        let former = Store::open(Path::new(&aside.file)).expect("opens");
        assert_eq!(names(&former), ["Binta Sow"]);
        drop(former);
        let listed = list_backups(&backups_dir(d)).expect("list");
        assert_eq!(listed.len(), 2);
        assert!(listed.iter().any(|b| b.kind == BackupKind::Manual));
        assert!(!d.join(PENDING_RESTORE_FILE).exists());
        let temps: Vec<_> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(temps.is_empty(), "{temps:?}");
    }

    #[test]
    fn a_restored_backup_holding_control_characters_comes_back_without_them() {
        // Found by the attack on #18: a backup someone hands over kept ESC sequences in names
        // and notes, which Flocon never writes, and an email the app then refused to save.
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let store = Store::open_in(d).expect("store");
        let mut draft = person("Alice", "Martin");
        draft.emails = vec![crate::person::Labeled::new("perso", "alice@ex.org")];
        let alice = store.create_person(draft).expect("person");
        let backup = PathBuf::from(manual_backup(d, Utc::now()).expect("backup").file);
        drop(store);
        {
            let conn = Connection::open(&backup).expect("opens");
            conn.execute_batch(
                "UPDATE person SET first_name = 'Al' || char(27) || '[2J' || char(7) || 'ice',
                                   notes = 'une' || char(10) || char(9) || 'deux' || char(155);
                 UPDATE person_email SET address = 'alice' || char(27) || '@ex.org';",
            )
            .expect("poisoned");
        }
        restore(d, &backup).expect("restores");
        let store = Store::open_in(d).expect("opens");
        let back = store.get_person(alice.id).expect("alice");
        assert_eq!(back.first_name, "Al[2Jice");
        assert_eq!(back.notes, "une\n\tdeux");
        assert_eq!(back.emails[0].value, "alice@ex.org");
        // And the person can be edited again.
        store
            .update_person(alice.id, crate::person::PersonDraft::from(back))
            .expect("saved");
    }

    /// Every file of the folder (relative path → bytes).
    fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
            for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(root, &path, out);
                } else {
                    out.insert(path.strip_prefix(root).unwrap().to_path_buf(), bytes(&path));
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(dir, dir, &mut out);
        out
    }

    #[test]
    fn a_damaged_foreign_or_newer_backup_is_refused_and_nothing_changes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let store = Store::open_in(d).expect("store");
        store
            .create_person(person("Awa", "Diallo"))
            .expect("person");
        drop(store);
        let before = snapshot(d);

        let others = tempfile::tempdir().expect("temp dir");
        let o = others.path();
        // Damaged: a real backup with junk in the middle.
        let (_keep, good) = backup_of(&[("Binta", "Sow")]);
        let mut damaged = bytes(&good);
        let mid = damaged.len() / 2 / 8192 * 8192;
        damaged[mid..mid + 8192].fill(0xA5);
        fs::write(o.join("flocon-abimee.sqlite3"), &damaged).unwrap();
        // Not SQLite at all.
        fs::write(
            o.join("contacts.vcf"),
            b"BEGIN:VCARD\nFN:Awa\nEND:VCARD\n".repeat(20),
        )
        .unwrap();
        // Another program's SQLite file.
        Connection::open(o.join("autre.sqlite3"))
            .and_then(|c| c.execute_batch("CREATE TABLE notes (body TEXT);"))
            .unwrap();
        // Written by a newer Flocon.
        let newer = o.join("flocon-futur.sqlite3");
        fs::copy(&good, &newer).unwrap();
        Connection::open(&newer)
            .and_then(|c| c.pragma_update(None, "user_version", SCHEMA_VERSION + 1))
            .unwrap();

        for (name, kind) in [
            ("flocon-abimee.sqlite3", ErrorKind::Damaged),
            ("contacts.vcf", ErrorKind::NotAFloconDatabase),
            ("autre.sqlite3", ErrorKind::NotAFloconDatabase),
            ("flocon-futur.sqlite3", ErrorKind::DatabaseTooNew),
            ("absent.sqlite3", ErrorKind::Refused),
        ] {
            let error = restore(d, &o.join(name)).expect_err(name);
            assert_eq!(error.kind(), kind, "{name}: {error}");
            let error = schedule_restore(d, &o.join(name)).expect_err(name);
            assert_eq!(error.kind(), kind, "{name}: {error}");
            assert_eq!(snapshot(d), before, "{name} changed the data directory");
        }
    }

    #[test]
    fn a_scheduled_restore_is_applied_at_the_next_start_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let store = Store::open_in(d).expect("store");
        store
            .create_person(person("Awa", "Diallo"))
            .expect("person");
        let backup = PathBuf::from(manual_backup(d, Utc::now()).expect("backup").file);
        store.create_person(person("Binta", "Sow")).expect("person");
        schedule_restore(d, &backup).expect("scheduled");
        assert!(d.join(PENDING_RESTORE_FILE).exists());
        // Nothing happens until the next start.
        assert_eq!(names(&store), ["Awa Diallo", "Binta Sow"]);
        drop(store);

        let done = apply_pending_restore(d)
            .expect("applies")
            .expect("one was due");
        assert!(done.set_aside.is_some());
        assert!(!d.join(PENDING_RESTORE_FILE).exists());
        assert_eq!(names(&Store::open_in(d).expect("opens")), ["Awa Diallo"]);
        assert!(apply_pending_restore(d).expect("nothing due").is_none());

        // A scheduled backup that went bad meanwhile: the database stays as it was.
        schedule_restore(d, &backup).expect("scheduled");
        fs::write(&backup, b"gone bad").unwrap();
        let before = bytes(&d.join(DATABASE_FILE));
        let error = apply_pending_restore(d).expect_err("fails");
        assert_eq!(error.kind(), ErrorKind::Damaged, "{error}");
        assert_eq!(bytes(&d.join(DATABASE_FILE)), before);
        assert!(!d.join(PENDING_RESTORE_FILE).exists());
        assert_eq!(names(&Store::open_in(d).expect("opens")), ["Awa Diallo"]);
    }

    const PASSPHRASE: &str = "on construit le pouvoir ensemble";

    fn key(folder: &Path) -> SyncKey {
        crate::sync::open_or_create(folder, PASSPHRASE, KdfParams::FAST_FOR_TESTS).expect("key")
    }

    #[test]
    fn a_restored_laptop_syncs_under_a_new_identity_and_nothing_made_after_the_backup_is_lost() {
        let (a_dir, b_dir, shared_dir) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        let (a, b) = (a_dir.path(), b_dir.path());
        let shared = shared_dir.path().join("partage");
        let sync = |store: &Store| {
            store
                .sync_with_folder(&shared, &key(&shared))
                .expect("sync")
        };

        let lea = Store::open_in(a).expect("store");
        let awa = lea.create_person(person("Awa", "Diallo")).expect("person");
        let old_device = sync(&lea).device_id;
        let karim = Store::open_in(b).expect("store");
        sync(&karim);

        // An edit not synced yet when the backup is taken: it is in the backup, and in the
        // folder after the next sync, under both identities in the end.
        let mut draft = PersonDraft::from(lea.get_person(awa.id).expect("awa"));
        draft.profile.city = Some("Montreuil".into());
        lea.update_person(awa.id, draft).expect("edit");
        // Léa backs up, then keeps working and syncs.
        let backup = PathBuf::from(manual_backup(a, Utc::now()).expect("backup").file);
        lea.create_person(person("Binta", "Sow")).expect("person");
        let mut draft = PersonDraft::from(lea.get_person(awa.id).expect("awa"));
        draft.notes = "Rencontrée après la sauvegarde".into();
        lea.update_person(awa.id, draft).expect("edit");
        sync(&lea);
        drop(lea);
        let folder_before = snapshot(&shared);

        // Her laptop goes back to the backup, then she adds someone and syncs.
        let report = restore(a, &backup).expect("restores");
        assert_ne!(report.device_id, old_device);
        let lea = Store::open_in(a).expect("store");
        assert_eq!(names(&lea), ["Awa Diallo"]);
        lea.create_person(person("Chloé", "Martin"))
            .expect("person");
        let first = sync(&lea);
        assert_eq!(first.device_id, report.device_id);
        assert!(
            first.received_commits > 0,
            "her former work comes back: {first:?}"
        );
        sync(&karim);
        sync(&lea);

        // No file of the folder was written over: the new identity writes its own.
        let folder_after = snapshot(&shared);
        for (path, content) in &folder_before {
            assert_eq!(folder_after.get(path), Some(content), "{path:?} changed");
        }
        let expected = ["Awa Diallo", "Binta Sow", "Chloé Martin"];
        assert_eq!(names(&lea), expected);
        assert_eq!(names(&karim), expected);
        for store in [&lea, &karim] {
            let awa = store.get_person(awa.id).expect("awa");
            assert_eq!(awa.notes, "Rencontrée après la sauvegarde");
            assert_eq!(awa.profile.city.as_deref(), Some("Montreuil"));
            let open = store.conflicts(true).expect("conflicts");
            assert!(open.is_empty(), "{open:?}");
        }
    }
}
