//! Sync from the desktop: creating or joining the team folder, the passphrase and its change, syncing now, automatic sync
//! (when the folder changes, and on a timer) with its progress, the status and the conflicts.
//!
//! The team key (derived once from the passphrase) is kept in the OS keyring when the user
//! asks and a keyring is available; otherwise it lives in memory for this run only, and the
//! passphrase is asked again next time. The passphrase itself is never stored.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use flocon_core::sync::{
    self, Conflict, ConflictChoice, RekeyReport, SyncKey, SyncProgress, SyncReport, SyncStatus,
};
use flocon_core::{Error, ErrorKind, ErrorPayload, Store};
use tauri::{AppHandle, Emitter, Manager, State};

use crate::state::AppState;

mod progress;

type Answer<T> = Result<T, ErrorPayload>;

const KEYRING_SERVICE: &str = "flocon-sync";
/// The event the UI listens to, to refresh what it shows after an automatic sync.
pub const SYNCED_EVENT: &str = "sync://finished";
/// Where a sync stands (a `SyncProgress`), a few times a second, for the sync screen's bar.
pub const SYNC_PROGRESS_EVENT: &str = "sync-progress";
/// A sync ended, well or not: the bar goes (an automatic sync's failure has no other event).
pub const SYNC_ENDED_EVENT: &str = "sync-ended";
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

/// Keeps the key in the OS keyring when asked (and when there is one).
fn keep_in_keyring(folder: &Path, key: &SyncKey, remember: bool) {
    if remember
        && let Some(entry) = keyring_entry(folder)
        && let Err(error) = entry.set_password(&key.to_secret_text())
    {
        tracing::warn!(%error, "no keyring: the passphrase will be asked at each start");
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

/// « Créer un dossier d'équipe »: makes the folder the team's (refused where one already is).
/// Nothing is synced yet.
#[tauri::command]
pub async fn sync_create(
    state: State<'_, AppState>,
    session: State<'_, SyncSession>,
    folder: String,
    passphrase: String,
    remember: bool,
) -> Answer<SyncStatus> {
    let unlock = move |store: &Store, path: &Path| store.sync_create_team(path, &passphrase);
    start_syncing(&state, &session, &folder, remember, unlock).await
}

/// « Rejoindre un dossier d'équipe »: checks the passphrase against the folder's manifest,
/// which is never created here. Nothing is synced yet.
#[tauri::command]
pub async fn sync_join(
    state: State<'_, AppState>,
    session: State<'_, SyncSession>,
    folder: String,
    passphrase: String,
    remember: bool,
) -> Answer<SyncStatus> {
    let unlock = move |store: &Store, path: &Path| store.sync_join_team(path, &passphrase);
    start_syncing(&state, &session, &folder, remember, unlock).await
}

/// Creating or joining: the core gives the key, which this run keeps (and the keyring, if
/// asked).
async fn start_syncing(
    state: &State<'_, AppState>,
    session: &State<'_, SyncSession>,
    folder: &str,
    remember: bool,
    unlock: impl FnOnce(&Store, &Path) -> flocon_core::Result<SyncKey> + Send + 'static,
) -> Answer<SyncStatus> {
    let folder = PathBuf::from(folder.trim());
    let path = folder.clone();
    let key = state.run(move |store| unlock(store, &path)).await?;
    keep_in_keyring(&folder, &key, remember);
    *lock(&session.key) = Some(Arc::new(key));
    state.run(|store| store.sync_status()).await
}

/// Names this laptop for the others ("Portable de Léa").
#[tauri::command]
pub async fn sync_rename_device(state: State<'_, AppState>, name: String) -> Answer<SyncStatus> {
    state
        .run(move |store| store.set_sync_device_name(&name))
        .await
}

/// Gives the passphrase for this run, when the keyring does not hold the key — or the new one,
/// after the team passphrase was changed on another laptop.
#[tauri::command]
pub async fn sync_unlock(
    state: State<'_, AppState>,
    session: State<'_, SyncSession>,
    passphrase: String,
    remember: bool,
) -> Answer<SyncStatus> {
    let Some(folder) = state.run(|store| store.sync_folder()).await? else {
        return Err(refused(Path::new(""), "no folder chosen"));
    };
    let path = folder.clone();
    let key = state
        .run(move |store| store.sync_unlock(&path, &passphrase))
        .await?;
    keep_in_keyring(&folder, &key, remember);
    *lock(&session.key) = Some(Arc::new(key));
    state.run(|store| store.sync_status()).await
}

/// « Changer la phrase de passe »: syncs, then moves the folder to a key from the new
/// passphrase (see `flocon_core::sync::rekey`). Needs the key of this run.
#[tauri::command]
pub async fn sync_rekey(app: AppHandle, new_passphrase: String) -> Answer<RekeyReport> {
    let session = app.state::<SyncSession>();
    let state = app.state::<AppState>();
    let _one_at_a_time = session.running.lock().await;
    let Some(folder) = state.run(|store| store.sync_folder()).await? else {
        return Err(refused(Path::new(""), "no folder chosen"));
    };
    let key = current_key(&session, &folder)
        .await
        .ok_or_else(|| ErrorPayload::from(&Error::PassphraseNeeded))?;
    let kept = keyring_entry(&folder).filter(|e| e.get_password().is_ok());
    let path = folder.clone();
    let (new_key, report) = state
        .run(move |store| store.sync_rekey(&path, &key, &new_passphrase))
        .await?;
    if let Some(old) = kept {
        // The keyring held the old key: it holds the new one instead.
        let _ = old.delete_credential();
        keep_in_keyring(&folder, &new_key, true);
    }
    *lock(&session.key) = Some(Arc::new(new_key));
    let _ = app.emit(SYNCED_EVENT, &report.sync);
    Ok(report)
}

/// The key of this run, else the one the keyring kept for this folder.
async fn current_key(session: &SyncSession, folder: &Path) -> Option<Arc<SyncKey>> {
    if let Some(key) = lock(&session.key).clone() {
        return Some(key);
    }
    let path = folder.to_path_buf();
    let found = tauri::async_runtime::spawn_blocking(move || remembered_key(&path))
        .await
        .ok()
        .flatten()
        .map(Arc::new)?;
    *lock(&session.key) = Some(found.clone());
    Some(found)
}

/// Stops syncing with the folder: nothing is deleted, here or in the folder.
#[tauri::command]
pub async fn sync_disconnect(
    state: State<'_, AppState>,
    session: State<'_, SyncSession>,
) -> Answer<SyncStatus> {
    let folder = state.run(|store| store.sync_folder()).await?;
    if let Some(entry) = folder.as_deref().and_then(keyring_entry) {
        let _ = entry.delete_credential();
    }
    *lock(&session.key) = None;
    state.run(|store| store.set_sync_folder(None)).await
}

#[tauri::command]
pub async fn sync_now(app: AppHandle) -> Answer<SyncReport> {
    run_sync(&app).await
}

/// One sync with the chosen folder, with the key of this run or from the keyring. Without a
/// key, a folder whose passphrase changed (or whose manifest was replaced) says so rather than
/// asking for the passphrase as if nothing had happened.
async fn run_sync(app: &AppHandle) -> Answer<SyncReport> {
    let session = app.state::<SyncSession>();
    let state = app.state::<AppState>();
    let _one_at_a_time = session.running.lock().await;
    let Some(folder) = state.run(|store| store.sync_folder()).await? else {
        return Err(refused(Path::new(""), "no folder chosen"));
    };
    let Some(key) = current_key(&session, &folder).await else {
        let path = folder.clone();
        state.run(move |store| store.sync_check_team(&path)).await?;
        return Err(ErrorPayload::from(&Error::PassphraseNeeded));
    };
    let reporter = app.clone();
    let report = state
        .run(move |store| {
            let throttle = progress::ProgressThrottle::default();
            let tell = |p: SyncProgress| {
                // A lost progress event only makes the bar jump; the sync goes on.
                if throttle.lets_through(&p, Instant::now()) {
                    let _ = reporter.emit(SYNC_PROGRESS_EVENT, p);
                }
            };
            store.sync_with_folder_reporting(&folder, &key, &tell)
        })
        .await;
    let _ = app.emit(SYNC_ENDED_EVENT, ());
    if let Err(error) = &report
        && matches!(
            error.kind,
            ErrorKind::SyncKeyChanged | ErrorKind::SyncManifestReplaced
        )
    {
        // That key is no use any more: the next attempt asks for the passphrase.
        *lock(&session.key) = None;
    }
    let report = report?;
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
            // The folder alone: the status would also list the folder and count the history.
            let Ok(Some(folder)) = state.run(|store| store.sync_folder()).await else {
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
                // The sync screen asks for the passphrase (the status says when it changed).
                Err(error)
                    if matches!(
                        error.kind,
                        ErrorKind::PassphraseNeeded | ErrorKind::SyncKeyChanged
                    ) => {}
                Err(error) => tracing::warn!(message = %error.message, "automatic sync failed"),
            }
        }
    });
}
