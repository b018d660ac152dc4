//! Applying incoming sync changes: one laptop writes realistic changes to a folder, a fresh
//! laptop receives and applies them, timed; the floor is raw SQLite upserting as many field
//! values in one transaction.

use std::time::{Duration, Instant};

use flocon_core::Store;
use flocon_core::sync::{KdfParams, open_or_create};

pub struct SyncFigures {
    pub changes: u64,
    pub core: Duration,
    pub floor: Duration,
}

/// About `target` field changes: people made on one laptop (each person is ~20 fields, an
/// email, a tag), applied on another.
pub fn apply(target: usize) -> Result<SyncFigures, String> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let folder = temp.path().join("partage");
    let sender = Store::open_in(&temp.path().join("a")).map_err(|e| e.to_string())?;
    let receiver = Store::open_in(&temp.path().join("b")).map_err(|e| e.to_string())?;
    // The key's cost is not what is measured here.
    let key = open_or_create(&folder, "banc d'essai", KdfParams::FAST_FOR_TESTS)
        .map_err(|e| e.to_string())?;
    super::data::generate(&sender, target / 22).map_err(|e| e.to_string())?;
    let sent = sender
        .sync_with_folder(&folder, &key)
        .map_err(|e| e.to_string())?;

    let started = Instant::now();
    let received = receiver
        .sync_with_folder(&folder, &key)
        .map_err(|e| e.to_string())?;
    let core = started.elapsed();
    if received.received_changes != sent.sent_changes {
        return Err(format!(
            "sent {} changes, applied {}",
            sent.sent_changes, received.received_changes
        ));
    }
    let floor = raw_upserts(received.received_changes as usize).map_err(|e| e.to_string())?;
    Ok(SyncFigures {
        changes: received.received_changes,
        core,
        floor,
    })
}

/// The floor: `n` field values upserted into one table in one transaction.
fn raw_upserts(n: usize) -> rusqlite::Result<Duration> {
    let temp =
        tempfile::tempdir().map_err(|e| rusqlite::Error::InvalidPath(e.to_string().into()))?;
    let mut conn = rusqlite::Connection::open(temp.path().join("floor.sqlite3"))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         CREATE TABLE field (record TEXT NOT NULL, col TEXT NOT NULL, value TEXT,
                             PRIMARY KEY (record, col)) WITHOUT ROWID;",
    )?;
    let started = Instant::now();
    let tx = conn.transaction()?;
    {
        let mut stmt = tx.prepare(
            "INSERT INTO field (record, col, value) VALUES (?1, ?2, ?3)
             ON CONFLICT (record, col) DO UPDATE SET value = excluded.value",
        )?;
        for i in 0..n {
            stmt.execute(rusqlite::params![
                format!("0190{:028}", i / 20),
                format!("column{}", i % 20),
                format!("valeur numéro {i}")
            ])?;
        }
    }
    tx.commit()?;
    Ok(started.elapsed())
}
