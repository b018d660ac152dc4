//! Organisations and collectives, their memberships and teams.

use flocon_core::{
    ErrorPayload, Membership, MembershipDraft, Organization, OrganizationDraft, OrganizationPage,
    OrganizationQuery, OrganizationSummary, parse_id,
};
use tauri::State;

use crate::state::AppState;

type Answer<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub async fn orgs_list(
    state: State<'_, AppState>,
    query: OrganizationQuery,
) -> Answer<Vec<OrganizationSummary>> {
    state
        .run(move |store| store.list_organizations(&query))
        .await
}

#[tauri::command]
pub async fn orgs_page(state: State<'_, AppState>, id: String) -> Answer<OrganizationPage> {
    state
        .run(move |store| store.organization_page(parse_id(&id)?))
        .await
}

#[tauri::command]
pub async fn orgs_create(
    state: State<'_, AppState>,
    draft: OrganizationDraft,
) -> Answer<Organization> {
    state
        .run(move |store| store.create_organization(draft))
        .await
}

#[tauri::command]
pub async fn orgs_update(
    state: State<'_, AppState>,
    id: String,
    draft: OrganizationDraft,
) -> Answer<Organization> {
    state
        .run(move |store| store.update_organization(parse_id(&id)?, draft))
        .await
}

#[tauri::command]
pub async fn orgs_delete(state: State<'_, AppState>, id: String) -> Answer<()> {
    state
        .run(move |store| store.delete_organization(parse_id(&id)?))
        .await
}

#[tauri::command]
pub async fn memberships_add(
    state: State<'_, AppState>,
    draft: MembershipDraft,
) -> Answer<Membership> {
    state.run(move |store| store.add_membership(draft)).await
}

#[tauri::command]
pub async fn memberships_delete(state: State<'_, AppState>, id: String) -> Answer<()> {
    state
        .run(move |store| store.delete_membership(parse_id(&id)?))
        .await
}

/// Adds a team to an organisation (inside `parent_id` when given) and returns its id.
#[tauri::command]
pub async fn teams_add(
    state: State<'_, AppState>,
    organization_id: String,
    parent_id: Option<String>,
    name: String,
) -> Answer<String> {
    state
        .run(move |store| {
            let parent = parent_id.as_deref().map(parse_id).transpose()?;
            store
                .add_team(parse_id(&organization_id)?, parent, &name)
                .map(|id| id.to_string())
        })
        .await
}

#[tauri::command]
pub async fn teams_set_member(
    state: State<'_, AppState>,
    team_id: String,
    person_id: String,
    role: String,
) -> Answer<()> {
    state
        .run(move |store| store.set_team_member(parse_id(&team_id)?, parse_id(&person_id)?, &role))
        .await
}
