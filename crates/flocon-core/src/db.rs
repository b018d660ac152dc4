//! The SQLite file: opening it safely, migrating it, and the one-writer discipline.
//!
//! One connection writes, inside IMMEDIATE transactions; another, read-only, serves reads. In
//! WAL mode the reader sees the last committed state and never waits for the writer, so a long
//! import does not freeze the contact list.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

mod schema;

pub(crate) use schema::difference as schema_difference;
pub use schema::{SchemaChange, SchemaDifference, SchemaObject};

/// Stamped in the file header so Flocon never mistakes another program's SQLite file for its
/// own (the bytes spell "Floc").
pub const APPLICATION_ID: i32 = 0x466C_6F63;

/// A numbered schema change: SQL embedded in the binary, then an optional step in Rust for
/// what SQL alone cannot compute, both in the same transaction.
struct Migration {
    version: i64,
    sql: &'static str,
    then: Option<fn(&Connection) -> Result<()>>,
    /// Whether it changes a synced table (not only sync's, the trash's or search's own
    /// local tables): see `SYNC_SCHEMA_VERSION`.
    synced: bool,
}

/// `user_version` holds the number of the last migration applied. Append only: a released
/// migration is never edited.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("../migrations/0001_persons.sql"),
        then: None,
        synced: true,
    },
    Migration {
        version: 2,
        sql: include_str!("../migrations/0002_crm.sql"),
        then: Some(crate::store::after_migration_2),
        synced: true,
    },
    Migration {
        version: 3,
        sql: include_str!("../migrations/0003_sessions.sql"),
        then: None,
        synced: true,
    },
    Migration {
        version: 4,
        sql: include_str!("../migrations/0004_roadmap.sql"),
        then: None,
        synced: true,
    },
    Migration {
        version: 5,
        sql: include_str!("../migrations/0005_sync.sql"),
        then: Some(crate::sync::capture::after_migration_5),
        synced: true,
    },
    Migration {
        version: 6,
        sql: include_str!("../migrations/0006_events.sql"),
        then: Some(crate::sync::capture::install_triggers),
        synced: true,
    },
    Migration {
        version: 7,
        sql: include_str!("../migrations/0007_privacy.sql"),
        then: Some(crate::sync::capture::install_triggers),
        synced: true,
    },
    Migration {
        version: 8,
        sql: include_str!("../migrations/0008_sync_local.sql"),
        then: None,
        synced: false,
    },
    Migration {
        version: 9,
        sql: include_str!("../migrations/0009_sync_file_stamps.sql"),
        then: None,
        synced: false,
    },
    Migration {
        version: 10,
        sql: include_str!("../migrations/0010_sync_storage.sql"),
        then: None,
        synced: false,
    },
    Migration {
        version: 11,
        sql: include_str!("../migrations/0011_sync_references.sql"),
        // (Its step runs after migration 12, which rewrites the tables it fills.)
        then: None,
        synced: false,
    },
    Migration {
        version: 12,
        sql: include_str!("../migrations/0012_sync_compact.sql"),
        then: Some(crate::sync::references::after_migration_12),
        synced: false,
    },
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// The schema of the synced tables: the last migration that changed one. Sync commits are
/// stamped with it, and a laptop holds back commits stamped with a later one until it is
/// updated; a migration that only adds local bookkeeping leaves it, so the laptops not yet
/// updated go on applying this one's changes.
pub const SYNC_SCHEMA_VERSION: i64 = {
    let mut i = MIGRATIONS.len();
    loop {
        i -= 1;
        if MIGRATIONS[i].synced || i == 0 {
            break MIGRATIONS[i].version;
        }
    }
};

const PAGE_SIZE: i64 = 8192;
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// The write-ahead log a write may leave behind before it is checkpointed and emptied.
const LOG_BYTES: u64 = 32 * 1024 * 1024;
/// Prepared statements kept per connection.
const STATEMENT_CACHE: usize = 128;

pub struct Database {
    path: PathBuf,
    writer: Mutex<Connection>,
    reader: Mutex<Connection>,
    /// `LOG_BYTES`, but in tests that make a large transaction out of a small one.
    log_bytes: std::sync::atomic::AtomicU64,
}

impl Database {
    /// Opens the database at `path`, creating it (and its folder) on first use and applying
    /// any pending migration. A file that is not Flocon's, or that a newer Flocon wrote, is
    /// refused before anything is written to it, and so is a damaged one (`Error::Damaged`).
    pub fn open(path: &Path) -> Result<Database> {
        check_file_header(path)?;
        Database::open_unchecked(path).map_err(|e| damaged_at_open(e, path))
    }

    fn open_unchecked(path: &Path) -> Result<Database> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| Error::Io {
                action: "cannot create the folder",
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let mut writer = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        writer.busy_timeout(BUSY_TIMEOUT)?;
        harden(&writer)?;
        let fresh = check_compatible(&writer, path)?;
        if fresh {
            // Page size can only be chosen before the first table exists and before WAL.
            writer.pragma_update(None, "page_size", PAGE_SIZE)?;
        }
        let mode: String = writer.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(%mode, "SQLite refused WAL mode; readers may wait for the writer");
        }
        writer.pragma_update(None, "foreign_keys", true)?;
        // FULL: a commit the user saw succeed survives a power cut, not just a crash.
        writer.pragma_update(None, "synchronous", "FULL")?;
        // Statement journals (a statement's own undo inside a transaction) in memory, not in
        // temporary files: an import or a sync writes tens of thousands of them.
        writer.pragma_update(None, "temp_store", "MEMORY")?;
        // A log emptied by a checkpoint is cut back to this size rather than kept at its
        // largest (see `shrink_log` for the one a large transaction leaves).
        writer.pragma_update(None, "journal_size_limit", LOG_BYTES as i64)?;
        // Room for every statement a bulk write repeats (a person alone uses about twenty):
        // a smaller cache would evict and re-prepare them at each row.
        writer.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        stable_plans(&writer)?;
        migrate(&mut writer, path, SCHEMA_VERSION)?;

        let reader = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        reader.busy_timeout(BUSY_TIMEOUT)?;
        harden(&reader)?;
        reader.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        stable_plans(&reader)?;

        Ok(Database {
            path: path.to_path_buf(),
            writer: Mutex::new(writer),
            reader: Mutex::new(reader),
            log_bytes: LOG_BYTES.into(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    #[cfg(test)]
    pub(crate) fn set_log_bytes_for_tests(&self, bytes: u64) {
        self.log_bytes
            .store(bytes, std::sync::atomic::Ordering::Relaxed);
    }

    /// Runs `f` in one IMMEDIATE transaction on the single writer connection: everything `f`
    /// does is committed together, or nothing is if it returns an error.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.writer)?;
        let value = (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })()
        .map_err(|e| self.damaged(e))?;
        self.shrink_log(&conn);
        Ok(value)
    }

    /// After a large transaction (a first sync, an import), the write-ahead log holds a copy
    /// of every page it wrote: it is copied into the database and emptied, so the data folder
    /// does not keep hundreds of MB beside the database. Cheap when the log is small (one
    /// `stat`); a reader in the middle of a read only delays it to a later write.
    fn shrink_log(&self, conn: &Connection) {
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
        let limit = self.log_bytes.load(std::sync::atomic::Ordering::Relaxed);
        let large = std::fs::metadata(&wal).is_ok_and(|m| m.len() > limit);
        if large
            && let Err(error) = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        {
            tracing::debug!(%error, "the write-ahead log stays for now");
        }
    }

    /// SQLite's "corrupt" met while reading or writing becomes `Error::Damaged`, which names
    /// the file and says what to do.
    fn damaged(&self, error: Error) -> Error {
        match error {
            Error::Sqlite(e) if crate::error::is_damage(&e) => Error::Damaged {
                path: self.path.clone(),
                detail: e.to_string(),
            },
            other => other,
        }
    }

    /// Like `write`, with foreign keys off for the transaction: sync writes records in the
    /// order their versions arrive and settles references itself, and no cascade may delete
    /// what the versions keep. `f` must leave every reference whole (sync checks it).
    pub fn write_without_foreign_keys<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut conn = lock(&self.writer)?;
        conn.pragma_update(None, "foreign_keys", false)?;
        let result = (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })();
        conn.pragma_update(None, "foreign_keys", true)?;
        let value = result.map_err(|e| self.damaged(e))?;
        self.shrink_log(&conn);
        Ok(value)
    }

    /// Leaves no copy of deleted data in the file: the search index merged (its deleted
    /// entries dropped), the file rebuilt without its free pages (VACUUM), and the write-ahead
    /// log emptied. For an erasure (GDPR Art. 17), after the rows are gone: slow on a large
    /// file (it rewrites it), so only then.
    pub fn scrub(&self) -> Result<()> {
        let conn = lock(&self.writer)?;
        (|| {
            conn.execute_batch(
                "INSERT INTO search_index (search_index) VALUES ('optimize');
                 VACUUM;",
            )?;
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            Ok(())
        })()
        .map_err(|e| self.damaged(e))
    }

    /// Runs `f` exactly as `write` would, then rolls everything back: a dry run whose report
    /// cannot differ from the real thing.
    pub fn simulate<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.writer)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.rollback()?;
        Ok(value)
    }

    /// Runs `f` on the read-only connection, inside one read transaction so that several
    /// queries see the same snapshot.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.reader)?;
        (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
            let value = f(&tx)?;
            tx.finish()?;
            Ok(value)
        })()
        .map_err(|e| self.damaged(e))
    }
}

/// One query plan per statement, whatever values are bound. Without this, SQLite marks some
/// statements (an equality with ORDER BY, min()) to be re-planned when a bound value changes,
/// and the statement cache, which clears bindings after each use, makes every reuse parse the
/// SQL again: an import spent a tenth of its time re-preparing one lookup.
fn stable_plans(conn: &Connection) -> Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

/// What every connection Flocon opens is set to, before its first statement, whatever file it
/// opens: the file may be a backup someone handed over.
pub(crate) fn harden(conn: &Connection) -> Result<()> {
    // No SQL can corrupt the file on purpose: no `writable_schema`, no write to
    // `sqlite_dbpage` nor to the search index's own tables, no `journal_mode = OFF`.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    // What the schema runs by itself (triggers, views, CHECK and DEFAULT expressions,
    // generated columns, indexes on expressions) may only call functions and virtual tables
    // SQLite marks harmless: a schema Flocon did not write cannot reach further.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    Ok(())
}

/// The schema (every row of `sqlite_schema`, and the full-text index's settings) that Flocon's
/// migrations make up to `version`, built in a fresh in-memory database by the same code that
/// migrates a file; once per version and process.
fn schema_at(version: i64) -> Result<Arc<schema::Schema>> {
    static BUILT: Mutex<BTreeMap<i64, Arc<schema::Schema>>> = Mutex::new(BTreeMap::new());
    if let Some(built) = lock(&BUILT)?.get(&version) {
        return Ok(built.clone());
    }
    let mut conn = Connection::open_in_memory()?;
    harden(&conn)?;
    migrate(&mut conn, Path::new(":memory:"), version)?;
    let built = Arc::new(schema::Schema::read(&conn)?);
    lock(&BUILT)?.insert(version, built.clone());
    Ok(built)
}

fn lock<T>(conn: &Mutex<T>) -> Result<MutexGuard<'_, T>> {
    // A panic while holding the lock cannot leave a half-written transaction behind (SQLite
    // rolls back an unfinished one), so the connection is still safe to use; nor half a schema
    // in the map of those built.
    Ok(conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
}

/// Reads the header of the file without writing to it. Returns true for a brand-new, empty
/// database; refuses one that belongs to another program or to a newer Flocon.
fn check_compatible(conn: &Connection, path: &Path) -> Result<bool> {
    let not_ours = || Error::NotAFloconDatabase {
        path: path.to_path_buf(),
    };
    let header = conn.query_row(
        "SELECT (SELECT application_id FROM pragma_application_id),
                (SELECT user_version FROM pragma_user_version),
                (SELECT count(*) FROM sqlite_schema)",
        [],
        |r| {
            Ok((
                r.get::<_, i32>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        },
    );
    let (application_id, version, objects) = header?;
    let fresh = application_id == 0 && version == 0 && objects == 0;
    if !fresh && application_id != APPLICATION_ID {
        return Err(not_ours());
    }
    if version > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(fresh)
}

/// The first bytes of a SQLite file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Reads the 100-byte header of an existing file, without SQLite and without writing: a file
/// that is not SQLite, or that is shorter than its header says (truncated), is refused before
/// any connection touches it.
pub(crate) fn check_file_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    if meta.len() == 0 {
        return Ok(());
    }
    let mut header = Vec::with_capacity(100);
    std::fs::File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut header))
        .map_err(|source| Error::Io {
            action: "cannot read",
            path: path.to_path_buf(),
            source,
        })?;
    if header.len() < 100 || &header[..16] != SQLITE_MAGIC {
        return Err(not_sqlite(
            path,
            "the file does not start like a SQLite database",
        ));
    }
    let damaged = |detail: &str| Error::Damaged {
        path: path.to_path_buf(),
        detail: detail.to_string(),
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    if !(512..=65_536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(damaged("its header gives an impossible page size"));
    }
    let word = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let (change_counter, pages, valid_for) = (word(24), u64::from(word(28)), word(92));
    // With a write-ahead log, a checkpoint cut short may have written the new header first: the
    // log completes the file, so the size says nothing then.
    let wal = crate::backup::sidecar(path, "-wal");
    let wal_in_use = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    if !wal_in_use && valid_for == change_counter && pages > 0 && meta.len() < pages * page_size {
        return Err(damaged(
            "the file is shorter than its header says: it was cut",
        ));
    }
    Ok(())
}

/// A file that is not SQLite at all: damaged when it bears Flocon's name (it was a Flocon
/// database), someone else's file otherwise.
fn not_sqlite(path: &Path, detail: &str) -> Error {
    let ours = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("flocon"));
    if ours {
        Error::Damaged {
            path: path.to_path_buf(),
            detail: detail.to_string(),
        }
    } else {
        Error::NotAFloconDatabase {
            path: path.to_path_buf(),
        }
    }
}

/// SQLite's "corrupt" or "not a database" while opening becomes `Error::Damaged`.
fn damaged_at_open(error: Error, path: &Path) -> Error {
    match &error {
        Error::Sqlite(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            not_sqlite(path, "SQLite does not recognise it as a database")
        }
        Error::Sqlite(e) if crate::error::is_damage(e) => Error::Damaged {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        _ => error,
    }
}

/// Applies the migrations up to `target` that the file lacks.
fn migrate(conn: &mut Connection, path: &Path, target: i64) -> Result<()> {
    let mut applied = false;
    for migration in MIGRATIONS.iter().take_while(|m| m.version <= target) {
        let version = migration.version;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Read again under the write lock: another process may have migrated meanwhile.
        let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current > SCHEMA_VERSION {
            return Err(Error::DatabaseTooNew {
                path: path.to_path_buf(),
                found: current,
                supported: SCHEMA_VERSION,
            });
        }
        if current >= version {
            continue;
        }
        // (":memory:" for the reference schema a file is compared with.)
        tracing::info!(version, file = %path.display(), "applying migration");
        tx.execute_batch(migration.sql)?;
        if let Some(then) = migration.then {
            then(&tx)?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
        applied = true;
    }
    if applied {
        // A migration that rebuilt a large table (10: the sync history) leaves its old pages
        // free and a log as large: the file is rebuilt once, rather than kept at twice its size.
        let free: i64 = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0))?;
        let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        if free * 4 > pages && pages > 1_000 {
            tracing::info!(free, pages, "rebuilding the database after its migration");
            conn.execute_batch("VACUUM")?;
        }
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    Ok(())
}

/// A Flocon database at `path` as a build whose last migration was `version` made it: for
/// tests of what an older backup becomes.
#[cfg(test)]
pub(crate) fn create_at_version(path: &Path, version: i64) -> Result<()> {
    let mut conn = Connection::open(path)?;
    harden(&conn)?;
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    migrate(&mut conn, path, version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::OptionalExtension;

    /// Whether SQL on `conn` can rewrite the schema behind SQLite's back.
    fn schema_writable(conn: &Connection) -> bool {
        let _ = conn.pragma_update(None, "writable_schema", true);
        let written = conn.execute(
            "UPDATE sqlite_schema SET sql = sql || ' ' WHERE name = 'tag'",
            [],
        );
        let _ = conn.pragma_update(None, "writable_schema", false);
        written.is_ok()
    }

    #[test]
    fn every_connection_is_defensive_and_trusts_no_schema() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("flocon.sqlite3");
        let db = Database::open(&path).expect("opens");
        // The reader is read-only anyway; the writer is the one that matters.
        for conn in [
            lock(&db.writer).expect("lock"),
            lock(&db.reader).expect("lock"),
        ] {
            assert!(
                conn.db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE)
                    .expect("reads")
            );
            assert!(
                !conn
                    .db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA)
                    .expect("reads")
            );
            assert!(!schema_writable(&conn));
            let before: String = conn
                .query_row(
                    "SELECT sql FROM sqlite_schema WHERE name = 'tag'",
                    [],
                    |r| r.get(0),
                )
                .expect("reads");
            assert!(!before.ends_with(' '));
        }
        // Direct writes to the search index's own tables are refused too.
        let written = db.write(|tx| {
            tx.execute("DELETE FROM search_index_data", [])?;
            Ok(())
        });
        assert!(written.is_err());
        // A connection without it could (the test would prove nothing otherwise).
        let raw = Connection::open(&path).expect("raw");
        assert!(schema_writable(&raw));
    }

    #[test]
    fn a_database_made_by_every_older_version_migrates_to_the_schema_of_a_new_one() {
        // Restoring an older backup depends on it: its schema is judged against the
        // migrations at its own version, and after the restore against the latest.
        for version in 0..SCHEMA_VERSION {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("flocon.sqlite3");
            create_at_version(&path, version).expect("created");
            let conn = Connection::open(&path).expect("raw");
            let at_version = schema::difference(&conn, version).expect("compared");
            assert_eq!(at_version, None, "at {version}");
            drop(conn);
            let db = Database::open(&path).expect("migrates");
            let found = db
                .read(|c| schema::difference(c, SCHEMA_VERSION))
                .expect("compared");
            assert_eq!(found, None, "from {version}");
        }
    }

    /// The synced tables' shape: names, keys, travelling columns.
    fn synced_shape(conn: &Connection) -> Vec<(String, Vec<String>, Vec<String>)> {
        crate::sync::capture::tables(conn)
            .expect("tables")
            .into_values()
            .map(|t| (t.name, t.key, t.columns))
            .collect()
    }

    #[test]
    fn a_migration_said_local_changes_no_synced_table() {
        // Otherwise commits stamped with SYNC_SCHEMA_VERSION could carry fields that laptops
        // not yet updated cannot hold.
        let mut conn = Connection::open_in_memory().expect("memory");
        for migration in MIGRATIONS {
            let before = synced_shape(&conn);
            let tx = conn.transaction().expect("tx");
            tx.execute_batch(migration.sql).expect("sql");
            if let Some(then) = migration.then {
                then(&tx).expect("then");
            }
            tx.commit().expect("commit");
            if !migration.synced {
                assert_eq!(
                    synced_shape(&conn),
                    before,
                    "migration {} is marked local but changes a synced table",
                    migration.version
                );
            }
        }
        assert!(
            MIGRATIONS
                .iter()
                .any(|m| m.synced && m.version == SYNC_SCHEMA_VERSION)
        );
    }

    fn pragma(conn: &Connection, name: &str) -> String {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| {
            r.get::<_, rusqlite::types::Value>(0)
        })
        .map(|v| match v {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        })
        .expect("pragma reads")
    }

    #[test]
    fn a_new_file_is_created_migrated_and_configured() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("nested/folder/flocon.sqlite3");
        let db = Database::open(&path).expect("opens");
        assert!(path.exists());
        let w = lock(&db.writer).expect("lock");
        assert_eq!(pragma(&w, "user_version"), SCHEMA_VERSION.to_string());
        assert_eq!(pragma(&w, "application_id"), APPLICATION_ID.to_string());
        assert_eq!(pragma(&w, "page_size"), "8192");
        assert_eq!(pragma(&w, "journal_mode"), "wal");
        assert_eq!(pragma(&w, "foreign_keys"), "1");
        let tables: i64 = w
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'person'",
                [],
                |r| r.get(0),
            )
            .expect("query");
        assert_eq!(tables, 1);
    }

    #[test]
    fn a_cached_lookup_is_not_parsed_again_for_each_new_value() {
        // (An equality with ORDER BY is the kind SQLite would otherwise re-plan per value.)
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Database::open(&dir.path().join("flocon.sqlite3")).expect("opens");
        for conn in [
            lock(&db.writer).expect("lock"),
            lock(&db.reader).expect("lock"),
        ] {
            let sql = "SELECT id FROM person WHERE sort_key = ?1 ORDER BY id LIMIT 1";
            for value in ["dupont marie", "durand paul", "leroy ines"] {
                let mut stmt = conn.prepare_cached(sql).expect("prepares");
                let found: Option<String> = stmt
                    .query_row([value], |r| r.get(0))
                    .optional()
                    .expect("runs");
                assert_eq!(found, None);
            }
            let stmt = conn.prepare_cached(sql).expect("cached");
            assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
        }
    }

    #[test]
    fn reopening_an_up_to_date_database_changes_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("flocon.sqlite3");
        drop(Database::open(&path).expect("first open"));
        let db = Database::open(&path).expect("second open");
        let w = lock(&db.writer).expect("lock");
        assert_eq!(pragma(&w, "user_version"), SCHEMA_VERSION.to_string());
    }

    #[test]
    fn a_database_from_a_newer_flocon_is_refused_and_left_byte_for_byte_untouched() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("flocon.sqlite3");
        drop(Database::open(&path).expect("creates"));
        {
            let conn = Connection::open(&path).expect("raw open");
            conn.pragma_update(None, "user_version", SCHEMA_VERSION + 7)
                .expect("bump version");
            conn.pragma_update(None, "journal_mode", "DELETE")
                .expect("leave no WAL behind, so the file alone is the database");
        }
        let before = std::fs::read(&path).expect("read");

        match Database::open(&path) {
            Err(Error::DatabaseTooNew {
                found, supported, ..
            }) => {
                assert_eq!(found, SCHEMA_VERSION + 7);
                assert_eq!(supported, SCHEMA_VERSION);
            }
            Err(other) => panic!("expected DatabaseTooNew, got {other}"),
            Ok(_) => panic!("expected DatabaseTooNew, got a database"),
        }
        let message = Database::open(&path)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("newer version of Flocon"), "{message}");
        assert_eq!(std::fs::read(&path).expect("read"), before);
        assert!(!dir.path().join("flocon.sqlite3-wal").exists());
    }

    #[test]
    fn a_file_that_is_not_a_database_is_refused_and_untouched() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("flocon.sqlite3");
        let garbage = b"BEGIN:VCARD\nthis is not SQLite at all, but it is long enough to be read\n"
            .repeat(100);
        std::fs::write(&path, &garbage).expect("write");
        // Under Flocon's own name, it was a Flocon database: damaged.
        let error = Database::open(&path).err().expect("refused");
        assert_eq!(error.kind(), crate::error::ErrorKind::Damaged, "{error}");
        assert_eq!(std::fs::read(&path).expect("read"), garbage);
        // Under another name, it is someone else's file.
        let other = dir.path().join("contacts.vcf");
        std::fs::write(&other, &garbage).expect("write");
        assert!(matches!(
            Database::open(&other),
            Err(Error::NotAFloconDatabase { .. })
        ));
        assert_eq!(std::fs::read(&other).expect("read"), garbage);
    }

    #[test]
    fn another_programs_sqlite_file_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("other.sqlite3");
        Connection::open(&path)
            .and_then(|c| c.execute_batch("CREATE TABLE notes (body TEXT);"))
            .expect("another program's database");
        assert!(matches!(
            Database::open(&path),
            Err(Error::NotAFloconDatabase { .. })
        ));
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Database::open(&dir.path().join("f.sqlite3")).expect("opens");
        let result: Result<()> = db.write(|tx| {
            tx.execute(
                "INSERT INTO tag (id, name, key) VALUES ('t1', 'Climat', 'climat')",
                [],
            )?;
            Err(Error::Internal("stop halfway".into()))
        });
        assert!(result.is_err());
        let count: i64 = db
            .read(|c| Ok(c.query_row("SELECT count(*) FROM tag", [], |r| r.get(0))?))
            .expect("reads");
        assert_eq!(count, 0);
    }

    #[test]
    fn readers_see_committed_writes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Database::open(&dir.path().join("f.sqlite3")).expect("opens");
        db.write(|tx| {
            tx.execute(
                "INSERT INTO tag (id, name, key) VALUES ('t1', 'Climat', 'climat')",
                [],
            )?;
            Ok(())
        })
        .expect("writes");
        let name: String = db
            .read(|c| Ok(c.query_row("SELECT name FROM tag", [], |r| r.get(0))?))
            .expect("reads");
        assert_eq!(name, "Climat");
    }
}
