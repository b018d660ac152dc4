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
        held: conn.query_row("SELECT count(*) FROM sync_held", [], |r| r.get::<_, i64>(0))? as u64,
        key_changed: capture::meta(conn, super::team::KEY_CHANGED)?.is_some(),
    })
}

/// The records held aside, oldest first.
pub(crate) fn held(conn: &Connection) -> Result<Vec<super::model::HeldRecord>> {
    let rows = conn
        .prepare_cached(
            "SELECT h.tbl, h.pk, h.device, coalesce(n.name, ''), h.reason, h.at
             FROM sync_held h LEFT JOIN sync_device n ON n.id = h.device ORDER BY h.at, h.tbl, h.pk",
        )?
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(entity, key, device, name, reason, at)| {
            let device_id = uuid::Uuid::parse_str(&device).unwrap_or_default();
            Ok(super::model::HeldRecord {
                entity,
                key,
                device_name: if name.is_empty() {
                    device.chars().take(8).collect()
                } else {
                    name
                },
                device_id,
                reason,
                since: crate::store::parse_time(&at).unwrap_or_default(),
            })
        })
        .collect()
}
