//! Interactions: logged conversations and one-to-ones.

use flocon_core::{ErrorPayload, Interaction, InteractionDraft};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn interactions_add(
    state: State<'_, AppState>,
    draft: InteractionDraft,
) -> Result<Interaction, ErrorPayload> {
    state.run(move |store| store.add_interaction(draft)).await
}
