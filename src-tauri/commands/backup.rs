//! Backups and integrity from the desktop: the list (which works even when the database is
//! damaged), "Sauvegarder maintenant", restoring a backup (checked, then done at the restart,
//! before the database is opened), and the quick check run in the background after start,
//! followed by the automatic daily backup.

use std::time::Duration;

use chrono::Utc;
use flocon_core::backup::{self, BackupInfo, IntegrityState, IntegrityStatus};
use flocon_core::{Error, ErrorPayload};
use tauri::{AppHandle, Emitter, Manager, State};

use crate::state::AppState;

type Answer<T> = Result<T, ErrorPayload>;

/// The event the UI listens to for the result of the check run after start.
pub const INTEGRITY_EVENT: &str = "integrity-status";
/// The check starts once the first screen had time to show.
const CHECK_AFTER: Duration = Duration::from_secs(3);
/// How often the automatic backup is looked at while the app runs (one is made a day).
const BACKUP_EVERY: Duration = Duration::from_secs(6 * 60 * 60);

/// Runs `f` on a blocking thread, mapping errors for the UI.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> flocon_core::Result<T> + Send + 'static,
) -> Answer<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| ErrorPayload::from(&Error::Internal(format!("a task failed: {e}"))))?
        .map_err(|e| {
            if !e.is_user_error() {
                tracing::error!(error = %e, "backup command failed");
            }
            ErrorPayload::from(&e)
        })
}

/// The backups of the data directory, newest first (even when the database is damaged).
#[tauri::command]
pub async fn backups_list(state: State<'_, AppState>) -> Answer<Vec<BackupInfo>> {
    let dir = state.data_dir()?;
    blocking(move || backup::list_backups(&backup::backups_dir(&dir))).await
}

/// A manual backup into the data directory's backups folder.
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Answer<BackupInfo> {
    let dir = state.data_dir()?;
    state
        .run(move |_store| backup::manual_backup(&dir, Utc::now()))
        .await
}

/// Checks the backup called `name` (one listed by `backups_list`), notes it to be restored, and
/// restarts the app: the restore is done at start, before the database is opened. The window
/// names a backup of Flocon's own folder, never a path: a page that went wrong could otherwise
/// restore any file of the disk.
#[tauri::command]
pub async fn backup_restore(
    app: AppHandle,
    state: State<'_, AppState>,
    name: String,
) -> Answer<()> {
    let dir = state.data_dir()?;
    blocking(move || {
        let file = backup::backup_named(&dir, &name)?;
        backup::schedule_restore(&dir, &file)
    })
    .await?;
    tracing::info!("restarting to restore a backup");
    app.restart()
}

/// The result of the quick check run after start (pending until it ends).
#[tauri::command]
pub async fn integrity_status(state: State<'_, AppState>) -> Answer<IntegrityStatus> {
    Ok(state.integrity())
}

/// After start, on a background thread: the quick check, then (when the database is sound)
/// the automatic backup, repeated every few hours.
pub fn start_integrity_check(app: AppHandle) {
    let spawned = std::thread::Builder::new()
        .name("integrity".into())
        .spawn(move || {
            std::thread::sleep(CHECK_AFTER);
            let state = app.state::<AppState>();
            let Ok(dir) = state.data_dir() else {
                return;
            };
            // Found damaged at open already: nothing more to check.
            let status = if state.integrity().state == IntegrityState::Damaged {
                state.integrity()
            } else {
                let status = backup::integrity_status(&dir);
                state.set_integrity(status.clone());
                status
            };
            if status.state == IntegrityState::Damaged {
                tracing::error!(detail = ?status.detail, "the database is damaged");
            }
            if let Err(error) = app.emit(INTEGRITY_EVENT, &status) {
                tracing::warn!(%error, "cannot tell the window the integrity status");
            }
            if status.state != IntegrityState::Ok || !state.store_is_open() {
                return;
            }
            loop {
                match backup::auto_backup(&dir, Utc::now()) {
                    Ok(Some(made)) => {
                        tracing::info!(file = %made.file, "automatic backup made");
                        let mut status = state.integrity();
                        status.latest_backup = backup::list_backups(&backup::backups_dir(&dir))
                            .ok()
                            .and_then(|list| list.into_iter().next());
                        state.set_integrity(status);
                    }
                    Ok(None) => {}
                    Err(error) => tracing::error!(%error, "the automatic backup failed"),
                }
                std::thread::sleep(BACKUP_EVERY);
            }
        });
    if let Err(error) = spawned {
        tracing::error!(%error, "cannot start the integrity check");
    }
}

#[cfg(test)]
mod tests {
    use flocon_core::ErrorKind;
    use flocon_core::backup::BackupKind;
    use flocon_core::{PersonDraft, Store};

    use super::*;

    fn add(store: &Store, first: &str) {
        let draft = PersonDraft {
            first_name: first.into(),
            ..PersonDraft::default()
        };
        store.create_person(draft).expect("person");
    }

    #[test]
    fn a_damaged_database_is_reported_at_start_and_its_backups_are_still_listed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open_in(dir.path()).expect("store");
        add(&store, "Awa");
        let backup = backup::manual_backup(dir.path(), Utc::now()).expect("backup");
        drop(store);
        let db = dir.path().join("flocon.sqlite3");
        let mut bytes = std::fs::read(&db).expect("read");
        bytes[..100].fill(b'#');
        std::fs::write(&db, &bytes).expect("write");

        let state = AppState::open(Some(dir.path().to_path_buf()));
        assert!(!state.store_is_open());
        let status = state.integrity();
        assert_eq!(status.state, IntegrityState::Damaged);
        assert_eq!(status.latest_backup.as_ref(), Some(&backup));
        let answer = tauri::async_runtime::block_on(state.run(|s| s.count_persons()));
        assert_eq!(answer.expect_err("refused").kind, ErrorKind::Damaged);
        let listed = backup::list_backups(&backup::backups_dir(&state.data_dir().unwrap()));
        assert_eq!(listed.expect("list"), [backup]);
        assert_eq!(std::fs::read(&db).expect("read"), bytes, "nothing written");
    }

    #[test]
    fn a_scheduled_restore_is_done_at_start_before_the_store_opens() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open_in(dir.path()).expect("store");
        add(&store, "Awa");
        let backup = backup::manual_backup(dir.path(), Utc::now()).expect("backup");
        add(&store, "Binta");
        backup::schedule_restore(dir.path(), std::path::Path::new(&backup.file))
            .expect("scheduled");
        drop(store);

        let state = AppState::open(Some(dir.path().to_path_buf()));
        assert_eq!(state.integrity().state, IntegrityState::Pending);
        let count = tauri::async_runtime::block_on(state.run(|s| s.count_persons()));
        assert_eq!(count.expect("opens"), 1);
        let kinds: Vec<BackupKind> = backup::list_backups(&backup::backups_dir(dir.path()))
            .expect("list")
            .into_iter()
            .map(|b| b.kind)
            .collect();
        assert!(kinds.contains(&BackupKind::BeforeRestore), "{kinds:?}");
    }
}
