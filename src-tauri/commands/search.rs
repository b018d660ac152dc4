//! Global search (Ctrl+K).

use flocon_core::{ErrorPayload, SearchHit};
use tauri::State;

use crate::state::AppState;

/// At most this many results, whatever the UI asks: a palette shows a screenful.
const MAX_RESULTS: u32 = 50;

#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    text: String,
    limit: Option<u32>,
) -> Result<Vec<SearchHit>, ErrorPayload> {
    let limit = limit.unwrap_or(20).min(MAX_RESULTS);
    state.run(move |store| store.search(&text, limit)).await
}
