//! Where this laptop stands: its identity, its folder, the laptops it has heard from, and how
//! much room sync takes.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::capture;
use super::model::{DeviceInfo, FolderSize, SyncSizes, SyncStatus};
use crate::db::Database;
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

/// The status, with the sizes. The folder is listed after the database is read, outside the
/// reader's lock: a network share can be slow to list.
pub(crate) fn status(db: &Database) -> Result<SyncStatus> {
    let mut status = db.read(status_in_database)?;
    status.sizes.folder = status
        .folder
        .as_deref()
        .and_then(|f| folder_size(Path::new(f)));
    Ok(status)
}

/// The sizes once a sync with `folder` is done. Counting the history visits every page of
/// its tables (a second for years of data): a sync that changed little (`changes`) reports the
/// history's size as last counted, so that a sync with nothing new stays quick; a larger one,
/// or the first, counts it again.
pub(crate) fn sizes(db: &Database, folder: &Path, changes: u64) -> Result<SyncSizes> {
    let cached = db.read(|conn| {
        Ok(capture::meta(conn, "history_bytes")?.and_then(|v| v.parse::<u64>().ok()))
    })?;
    let mut sizes = match cached {
        Some(history_bytes) if changes < RECOUNT_AFTER => {
            let mut sizes = db.read(database_bytes)?;
            sizes.history_bytes = history_bytes;
            sizes
        }
        _ => {
            let sizes = db.read(database_sizes)?;
            db.write(|tx| {
                capture::set_meta(tx, "history_bytes", &sizes.history_bytes.to_string())
            })?;
            sizes
        }
    };
    sizes.folder = folder_size(folder);
    Ok(sizes)
}

/// The changes a sync must bring or send before the history is counted again.
const RECOUNT_AFTER: u64 = 10_000;

/// The database's size alone (the history's left at 0).
fn database_bytes(conn: &Connection) -> Result<SyncSizes> {
    let database_bytes: i64 = conn.query_row(
        "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
        [],
        |r| r.get(0),
    )?;
    Ok(SyncSizes {
        folder: None,
        history_bytes: 0,
        database_bytes: database_bytes.max(0) as u64,
    })
}

/// Everything the database says; the folder's size is left out (None).
fn status_in_database(conn: &Connection) -> Result<SyncStatus> {
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
        sizes: database_sizes(conn)?,
    })
}

/// The history's size and the database's; the folder's is left out (None).
///
/// The history is counted exactly, page by page, with SQLite's `dbstat` table (the bundled
/// SQLite is built with `SQLITE_ENABLE_DBSTAT_VTAB`): only the pages of the `sync_*` tables
/// and their indexes are visited, one b-tree at a time, never the rest of the file.
fn database_sizes(conn: &Connection) -> Result<SyncSizes> {
    let names = conn
        .prepare_cached(
            r"SELECT name FROM sqlite_schema
              WHERE tbl_name LIKE 'sync\_%' ESCAPE '\' AND type IN ('table', 'index')",
        )?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut history_bytes = 0u64;
    let mut pages = conn.prepare_cached(
        "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = ?1 AND aggregate = 1",
    )?;
    for name in &names {
        history_bytes += pages.query_row([name], |r| r.get::<_, i64>(0))?.max(0) as u64;
    }
    Ok(SyncSizes {
        history_bytes,
        ..database_bytes(conn)?
    })
}

/// The regular files under `folder/devices/`: their bytes added up, and how many. One listing
/// per directory and one `lstat` per entry, so the cost grows with the number of entries, not
/// their bytes. Symbolic links are never followed (a link to `/` must not be walked); what
/// cannot be read (permissions, a file removed meanwhile) is left out. None when the folder
/// itself cannot be read: no size is better than a size of zero for an unplugged key.
pub(crate) fn folder_size(folder: &Path) -> Option<FolderSize> {
    if !std::fs::metadata(folder).ok()?.is_dir() {
        return None;
    }
    let mut size = FolderSize::default();
    let devices = folder.join("devices");
    let mut dirs = Vec::new();
    if std::fs::symlink_metadata(&devices).is_ok_and(|m| m.is_dir()) {
        dirs.push(devices);
    }
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                dirs.push(entry.path());
            } else if kind.is_file()
                && let Ok(meta) = entry.metadata()
            {
                size.bytes += meta.len();
                size.files += 1;
            }
        }
    }
    Some(size)
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::folder_size;
    use crate::sync::model::FolderSize;
    use crate::sync::tests::{folder, laptop};

    /// The files under `dir`, added up by another road than `folder_size`'s.
    fn files_under(dir: &Path) -> FolderSize {
        let mut size = FolderSize::default();
        for entry in std::fs::read_dir(dir).expect("listed") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                let inner = files_under(&path);
                size.bytes += inner.bytes;
                size.files += inner.files;
            } else {
                size.bytes += std::fs::metadata(&path).expect("metadata").len();
                size.files += 1;
            }
        }
        size
    }

    #[test]
    fn after_a_sync_the_folder_and_history_sizes_are_those_on_disk_and_in_the_database() {
        let (_dir, shared) = folder();
        let lea = laptop();
        for i in 0..30 {
            lea.add("Awa", &format!("Diallo {i}"));
        }
        let report = lea.sync(&shared);

        let on_disk = files_under(&shared.join("devices"));
        assert!(on_disk.files > 0 && on_disk.bytes > 0, "{on_disk:?}");
        assert_eq!(report.sizes.folder, Some(on_disk));
        assert!(report.sizes.history_bytes > 0, "{:?}", report.sizes);
        assert!(
            report.sizes.history_bytes < report.sizes.database_bytes,
            "{:?}",
            report.sizes
        );
        assert_eq!(lea.store.sync_status().expect("status").sizes, report.sizes);
    }

    #[test]
    fn a_folder_that_cannot_be_reached_has_no_size_and_the_history_is_still_counted() {
        let (dir, shared) = folder();
        let lea = laptop();
        lea.add("Karim", "Benali");
        lea.sync(&shared);
        let unplugged = dir.path().join("cle-usb-debranchee");
        let status = lea.store.set_sync_folder(Some(&unplugged)).expect("set");
        assert_eq!(status.sizes.folder, None);
        assert!(status.sizes.history_bytes > 0, "{:?}", status.sizes);

        let status = lea.store.set_sync_folder(None).expect("left");
        assert_eq!(status.sizes.folder, None);
    }

    #[test]
    fn a_team_folder_with_nothing_sent_yet_weighs_nothing() {
        let (_dir, shared) = folder();
        std::fs::create_dir_all(&shared).expect("folder");
        assert_eq!(folder_size(&shared), Some(FolderSize::default()));
    }

    #[cfg(unix)]
    #[test]
    fn only_the_files_under_devices_count_and_symlinks_are_never_followed() {
        use std::os::unix::fs::symlink;
        let (dir, shared) = folder();
        let devices = shared.join("devices");
        for (path, bytes) in [("a/1.flocon", 10), ("a/2.flocon", 20), ("b/c/3.flocon", 5)] {
            let path = devices.join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
            std::fs::write(&path, vec![0u8; bytes]).expect("file");
        }
        // Outside devices/: the manifest, and a big folder a link points to.
        std::fs::write(shared.join("flocon-sync.json"), [0u8; 100]).expect("manifest");
        let elsewhere = dir.path().join("ailleurs");
        std::fs::create_dir_all(&elsewhere).expect("dir");
        std::fs::write(elsewhere.join("gros"), vec![0u8; 1000]).expect("file");
        symlink(&elsewhere, devices.join("lien")).expect("dir link");
        symlink(devices.join("a/1.flocon"), devices.join("b/lien.flocon")).expect("file link");
        symlink(&devices, devices.join("b/boucle")).expect("loop");

        assert_eq!(
            folder_size(&shared),
            Some(FolderSize {
                bytes: 35,
                files: 3
            })
        );

        // devices/ itself a link: not followed either.
        let other = dir.path().join("autre");
        std::fs::create_dir_all(&other).expect("folder");
        symlink(&devices, other.join("devices")).expect("link");
        assert_eq!(folder_size(&other), Some(FolderSize::default()));
    }
}
