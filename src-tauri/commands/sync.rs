//! Sync from the desktop: choosing the folder and the passphrase, syncing now, automatic sync
//! (when the folder changes, and on a timer), the status and the conflicts.
//!
//! The team key (derived once from the passphrase) is kept in the OS keyring when the user
//! asks and a keyring is available; otherwise it lives in memory for this run only, and the
//! passphrase is asked again next time. The passphrase itself is never stored.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use flocon_core::sync::{
    self, Conflict, ConflictChoice, KdfParams, SyncKey, SyncReport, SyncStatus,
};
use flocon_core::{Error, ErrorPayload};
use tauri::{AppHandle, Emitter, Manager, State};

use crate::state::AppState;

type Answer<T> = Result<T, ErrorPayload>;

const KEYRING_SERVICE: &str = "flocon-sync";
/// The event the UI listens to, to refresh what it shows after an automatic sync.
pub const SYNCED_EVENT: &str = "sync://finished";
/// How often the folder is looked at for new files.
const WATCH_EVERY: Duration = Duration::from_secs(15);
/// A sync at least this often while a folder and key are set.
const SYNC_EVERY: Duration = Duration::from_secs(5 * 60);

/// The key for this run, and one sync at a time.
#[derive(Default)]
pub struct SyncSession {
    key: Mutex<Option<Arc<SyncKey>>>,
    running: tokio::sync::Mutex<()>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The keyring entry of a folder, named after its salt (each folder has its own key).
fn keyring_entry(folder: &Path) -> Option<keyring::Entry> {
    // Tests never touch the keyring of the person running them.
    if std::env::var_os("FLOCON_NO_KEYRING").is_some() {
        return None;
    }
    let manifest = sync::folder::read_manifest(folder).ok()??;
    keyring::Entry::new(KEYRING_SERVICE, &manifest.salt).ok()
}

fn remembered_key(folder: &Path) -> Option<SyncKey> {
    let text = keyring_entry(folder)?.get_password().ok()?;
    let key = SyncKey::from_secret_text(&text)?;
    sync::folder::key_opens(folder, &key)
        .ok()
        .filter(|opens| *opens)
        .map(|_| key)
}

fn kdf_for_new_folders() -> KdfParams {
    // Tests create many folders; real folders always get the full cost.
    if std::env::var_os("FLOCON_SYNC_FAST_KDF").is_some() {
        KdfParams::FAST_FOR_TESTS
    } else {
        KdfParams::DEFAULT
    }
}

fn refused(path: &Path, reason: &str) -> ErrorPayload {
    ErrorPayload::from(&Error::SyncFolder {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    })
}

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> Answer<SyncStatus> {
    state.run(|store| store.sync_status()).await
}

/// Chooses the folder and checks the passphrase against it (making the folder's manifest if
/// the folder has none yet). Nothing is synced yet.
#[tauri::command]
pub async fn sync_configure(
    state: State<'_, AppState>,
    session: State<'_, SyncSession>,
    folder: String,
    passphrase: String,
    remember: bool,
) -> Answer<SyncStatus> {
    let folder = PathBuf::from(folder.trim());
    if folder.as_os_str().is_empty() || !folder.is_dir() {
        return Err(refused(&folder, "this folder does not exist"));
    }
    let path = folder.clone();
    let key = tauri::async_runtime::spawn_blocking(move || {
        sync::open_or_create(&path, &passphrase, kdf_for_new_folders())
    })
    .await
    .map_err(|e| ErrorPayload::from(&Error::Internal(format!("a task failed: {e}"))))?
    .map_err(|e| ErrorPayload::from(&e))?;
    if remember
        && let Some(entry) = keyring_entry(&folder)
        && let Err(error) = entry.set_password(&key.to_secret_text())
    {
        tracing::warn!(%error, "no keyring: the passphrase will be asked at each start");
    }
    *lock(&session.key) = Some(Arc::new(key));
    state
        .run(move |store| store.set_sync_folder(Some(&folder)))
        .await
}

/// Names this laptop for the others ("Portable de Léa").
#[tauri::command]
pub async fn sync_rename_device(state: State<'_, AppState>, name: String) -> Answer<SyncStatus> {
    state
        .run(move |store| store.set_sync_device_name(&name))
        .await
}

/// Gives the passphrase for this run, when the keyring does not hold the key.
#[tauri::command]
pub async fn sync_unlock(
    state: State<'_, AppState>,
    session: State<'_, SyncSession>,
    passphrase: String,
) -> Answer<SyncStatus> {
    let status = state.run(|store| store.sync_status()).await?;
    let Some(folder) = status.folder.clone() else {
        return Err(refused(Path::new(""), "no folder chosen"));
    };
    let key = tauri::async_runtime::spawn_blocking(move || {
        sync::open_or_create(Path::new(&folder), &passphrase, kdf_for_new_folders())
    })
    .await
    .map_err(|e| ErrorPayload::from(&Error::Internal(format!("a task failed: {e}"))))?
    .map_err(|e| ErrorPayload::from(&e))?;
    *lock(&session.key) = Some(Arc::new(key));
    Ok(status)
}

/// Stops syncing with the folder: nothing is deleted, here or in the folder.
#[tauri::command]
pub async fn sync_disconnect(
    state: State<'_, AppState>,
    session: State<'_, SyncSession>,
) -> Answer<SyncStatus> {
    let status = state.run(|store| store.sync_status()).await?;
    if let Some(entry) = status
        .folder
        .as_deref()
        .and_then(|f| keyring_entry(Path::new(f)))
    {
        let _ = entry.delete_credential();
    }
    *lock(&session.key) = None;
    state.run(|store| store.set_sync_folder(None)).await
}

#[tauri::command]
pub async fn sync_now(app: AppHandle) -> Answer<SyncReport> {
    run_sync(&app).await
}

/// One sync with the chosen folder, with the key of this run or from the keyring.
async fn run_sync(app: &AppHandle) -> Answer<SyncReport> {
    let session = app.state::<SyncSession>();
    let state = app.state::<AppState>();
    let _one_at_a_time = session.running.lock().await;
    let status = state.run(|store| store.sync_status()).await?;
    let Some(folder) = status.folder.map(PathBuf::from) else {
        return Err(refused(Path::new(""), "no folder chosen"));
    };
    let key = {
        let known = lock(&session.key).clone();
        match known {
            Some(key) => key,
            None => {
                let path = folder.clone();
                let found = tauri::async_runtime::spawn_blocking(move || remembered_key(&path))
                    .await
                    .ok()
                    .flatten()
                    .map(Arc::new);
                let key = found.ok_or_else(|| ErrorPayload::from(&Error::PassphraseNeeded))?;
                *lock(&session.key) = Some(key.clone());
                key
            }
        }
    };
    let report = state
        .run(move |store| store.sync_with_folder(&folder, &key))
        .await?;
    let _ = app.emit(SYNCED_EVENT, &report);
    Ok(report)
}

#[tauri::command]
pub async fn conflicts_list(state: State<'_, AppState>, open_only: bool) -> Answer<Vec<Conflict>> {
    state.run(move |store| store.conflicts(open_only)).await
}

#[tauri::command]
pub async fn conflict_resolve(
    state: State<'_, AppState>,
    id: String,
    choice: ConflictChoice,
) -> Answer<Conflict> {
    state
        .run(move |store| store.resolve_conflict(&id, &choice))
        .await
}

/// What the folder holds, cheaply: names, sizes and times of its files. A change means
/// another laptop (or the sync tool) wrote something.
fn folder_signature(folder: &Path) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, u64, Option<std::time::SystemTime>)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                walk(&entry.path(), out);
            } else {
                out.push((entry.path(), meta.len(), meta.modified().ok()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&folder.join("devices"), &mut out);
    out.sort();
    out
}

/// Syncs in the background: when the folder changes, and at least every few minutes, as long
/// as a folder is chosen and the key is known (it never asks for the passphrase by itself).
pub fn start_automatic_sync(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut seen = Vec::new();
        let mut last = Instant::now();
        loop {
            tokio::time::sleep(WATCH_EVERY).await;
            let state = app.state::<AppState>();
            let Ok(status) = state.run(|store| store.sync_status()).await else {
                continue;
            };
            let Some(folder) = status.folder.map(PathBuf::from) else {
                continue;
            };
            let path = folder.clone();
            let now = tauri::async_runtime::spawn_blocking(move || folder_signature(&path))
                .await
                .unwrap_or_default();
            let due = last.elapsed() >= SYNC_EVERY;
            if now == seen && !due {
                continue;
            }
            match run_sync(&app).await {
                Ok(_) => {
                    seen = now;
                    last = Instant::now();
                }
                Err(error) if error.kind == flocon_core::ErrorKind::PassphraseNeeded => {}
                Err(error) => tracing::warn!(message = %error.message, "automatic sync failed"),
            }
        }
    });
}
