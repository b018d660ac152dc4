//! Contacts (`Person` in the core).

use flocon_core::{ErrorPayload, Person, PersonDraft, PersonQuery, PersonSummary, parse_id};
use tauri::State;

use crate::state::AppState;

type Answer<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub async fn contacts_list(
    state: State<'_, AppState>,
    query: PersonQuery,
) -> Answer<Vec<PersonSummary>> {
    state.run(move |store| store.list_persons(&query)).await
}

#[tauri::command]
pub async fn contacts_get(state: State<'_, AppState>, id: String) -> Answer<Person> {
    state
        .run(move |store| store.get_person(parse_id(&id)?))
        .await
}

#[tauri::command]
pub async fn contacts_create(state: State<'_, AppState>, draft: PersonDraft) -> Answer<Person> {
    state.run(move |store| store.create_person(draft)).await
}

#[tauri::command]
pub async fn contacts_update(
    state: State<'_, AppState>,
    id: String,
    draft: PersonDraft,
) -> Answer<Person> {
    state
        .run(move |store| store.update_person(parse_id(&id)?, draft))
        .await
}

#[tauri::command]
pub async fn contacts_delete(state: State<'_, AppState>, id: String) -> Answer<()> {
    state
        .run(move |store| store.delete_person(parse_id(&id)?))
        .await
}
