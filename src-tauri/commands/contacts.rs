//! Contacts (`Person` in the core).

use flocon_core::{
    DuplicatePair, ErrorPayload, Person, PersonDraft, PersonPage, PersonQuery, PersonSummary,
    parse_id,
};
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

/// The contact page: the person with their memberships, timeline and referral chain.
#[tauri::command]
pub async fn contacts_page(state: State<'_, AppState>, id: String) -> Answer<PersonPage> {
    state
        .run(move |store| store.person_page(parse_id(&id)?))
        .await
}

#[tauri::command]
pub async fn duplicates_list(state: State<'_, AppState>) -> Answer<Vec<DuplicatePair>> {
    state.run(move |store| store.find_duplicates()).await
}

/// Merges `other` into `keep`; returns the merge id, for undo.
#[tauri::command]
pub async fn duplicates_merge(
    state: State<'_, AppState>,
    keep: String,
    other: String,
) -> Answer<String> {
    state
        .run(move |store| {
            store
                .merge_persons(parse_id(&keep)?, parse_id(&other)?)
                .map(|id| id.to_string())
        })
        .await
}

#[tauri::command]
pub async fn duplicates_undo(state: State<'_, AppState>, merge_id: String) -> Answer<()> {
    state
        .run(move |store| store.undo_merge(parse_id(&merge_id)?))
        .await
}
