//! Where this laptop stands: its identity, its folder, the laptops it has heard from.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::capture;
use super::model::{DeviceInfo, SyncStatus};
use crate::error::Result;

/// Every laptop we have changes from (this one included, first).
pub(crate) fn devices(conn: &Connection) -> Result<Vec<DeviceInfo>> {
    let this = capture::device_id(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT c.device, coalesce(n.name, ''), max(c.hlc), count(*)
         FROM sync_commit c LEFT JOIN sync_device n ON n.id = c.device
         WHERE c.state = 'applied'
         GROUP BY c.device ORDER BY c.device",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (id, name, hlc, commits) in rows {
        let id = crate::store::parse_uuid(&id)?;
        let last = hlc
            .parse::<super::Hlc>()
            .ok()
            .and_then(|h| DateTime::<Utc>::from_timestamp_millis(h.millis as i64));
        out.push(DeviceInfo {
            id,
            name: if name.is_empty() {
                id.to_string()[..8].to_string()
            } else {
                name
            },
            last_change_at: last,
            commits: commits as u64,
            this_device: id == this,
        });
    }
    if !out.iter().any(|d| d.this_device) {
        // No change sent yet: this laptop is still one of the team's.
        out.push(DeviceInfo {
            id: this,
            name: super::engine::device_name(conn)?,
            last_change_at: None,
            commits: 0,
            this_device: true,
        });
    }
    out.sort_by_key(|d| !d.this_device);
    Ok(out)
}

pub(crate) fn status(conn: &Connection) -> Result<SyncStatus> {
    let pending: i64 = conn.query_row("SELECT count(*) FROM sync_pending", [], |r| r.get(0))?;
    Ok(SyncStatus {
        device_id: capture::device_id(conn)?,
        device_name: super::engine::device_name(conn)?,
        folder: capture::meta(conn, "folder")?,
        last_sync: capture::meta(conn, "last_sync")?
            .and_then(|t| crate::store::parse_time(&t).ok()),
        pending_records: pending as u64,
        devices: devices(conn)?,
        open_conflicts: super::conflicts::list(conn, true)?.len() as u64,
        waiting: super::engine::count_state(conn, "waiting")?,
        needs_update: super::engine::count_state(conn, "newer")?,
        key_changed: capture::meta(conn, super::team::KEY_CHANGED)?.is_some(),
    })
}
