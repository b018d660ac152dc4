//! The trash: records deleted on this laptop, kept 30 days; listed, put back, emptied.

use chrono::Utc;
use flocon_core::{ErrorPayload, TrashItem, TrashRestored, parse_id};
use tauri::{AppHandle, Manager, State};

use crate::state::AppState;

type Answer<T> = Result<T, ErrorPayload>;

/// Items deleted in the trash, newest first.
#[tauri::command]
pub async fn trash_list(state: State<'_, AppState>) -> Answer<Vec<TrashItem>> {
    state.run(move |store| store.trash_list()).await
}

/// Puts a deleted record back, with everything that went with it.
#[tauri::command]
pub async fn trash_restore(state: State<'_, AppState>, id: String) -> Answer<TrashRestored> {
    state
        .run(move |store| store.trash_restore(parse_id(&id)?))
        .await
}

/// Removes everything in the trash for good; answers how many items there were.
#[tauri::command]
pub async fn trash_empty(state: State<'_, AppState>) -> Answer<u64> {
    state.run(move |store| store.trash_empty()).await
}

/// At start, in the background: items deleted 30 days ago or more go for good.
pub fn purge_expired_at_start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        match state
            .run(|store| store.trash_purge_expired(Utc::now()))
            .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(removed = n, "expired items removed from the trash"),
            Err(error) => tracing::warn!(?error, "could not purge the trash"),
        }
    });
}
