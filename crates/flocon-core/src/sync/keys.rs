//! The small integers the version history uses for a record and a device (migration 12): a
//! record's table and key, and a device's UUID, are written once (`sync_key`, `sync_peer`)
//! rather than on each of their versions.

use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use crate::error::Result;

/// The number standing for a record, if sync knows it.
pub(crate) fn record(conn: &Connection, tbl: &str, pk: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM sync_key WHERE tbl = ?1 AND pk = ?2")?
        .query_row([tbl, pk], |r| r.get(0))
        .optional()?)
}

/// The number standing for a record, given now if it had none.
pub(crate) fn record_or_new(tx: &Connection, tbl: &str, pk: &str) -> Result<i64> {
    if let Some(id) = record(tx, tbl, pk)? {
        return Ok(id);
    }
    tx.prepare_cached("INSERT INTO sync_key (tbl, pk) VALUES (?1, ?2)")?
        .execute([tbl, pk])?;
    Ok(tx.last_insert_rowid())
}

/// The number standing for a device, given now if it had none.
pub(crate) fn device_or_new(tx: &Connection, device: Uuid) -> Result<i64> {
    let text = device.to_string();
    let found: Option<i64> = tx
        .prepare_cached("SELECT n FROM sync_peer WHERE id = ?1")?
        .query_row([&text], |r| r.get(0))
        .optional()?;
    if let Some(n) = found {
        return Ok(n);
    }
    tx.prepare_cached("INSERT INTO sync_peer (id) VALUES (?1)")?
        .execute([&text])?;
    Ok(tx.last_insert_rowid())
}

/// A record's existence state (`apply::materialize`), if sync has one.
pub(crate) fn alive(conn: &Connection, tbl: &str, pk: &str) -> Result<Option<i64>> {
    Ok(record_state(conn, tbl, pk)?.and_then(|(_, state)| state))
}

/// A record's number and existence state, if sync knows it.
pub(crate) fn record_state(
    conn: &Connection,
    tbl: &str,
    pk: &str,
) -> Result<Option<(i64, Option<i64>)>> {
    Ok(conn
        .prepare_cached("SELECT id, alive FROM sync_key WHERE tbl = ?1 AND pk = ?2")?
        .query_row([tbl, pk], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Sets a record's existence state.
pub(crate) fn set_alive(tx: &Connection, tbl: &str, pk: &str, state: i64) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_key (tbl, pk, alive) VALUES (?1, ?2, ?3)
         ON CONFLICT (tbl, pk) DO UPDATE SET alive = excluded.alive",
    )?
    .execute(params![tbl, pk, state])?;
    Ok(())
}

/// Forgets a record entirely (an erasure): its number, and everything sync kept under it.
pub(crate) fn forget(tx: &Connection, tbl: &str, pk: &str) -> Result<()> {
    let Some(id) = record(tx, tbl, pk)? else {
        return Ok(());
    };
    for sql in [
        "DELETE FROM sync_version WHERE rec = ?1",
        "DELETE FROM sync_field WHERE rec = ?1",
        "DELETE FROM sync_reference WHERE rec = ?1",
        "DELETE FROM sync_reference WHERE parent = ?1",
        "DELETE FROM sync_key WHERE id = ?1",
    ] {
        tx.prepare_cached(sql)?.execute([id])?;
    }
    Ok(())
}
