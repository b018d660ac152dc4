//! The quarterly roadmap: axes, objectives, seminar reviews, the diff between quarters, the
//! timeline and exports.

use flocon_core::export::{diff_markdown, roadmap_html, roadmap_markdown};
use flocon_core::{
    Axis, ErrorPayload, Objective, ObjectiveChain, ObjectiveDraft, ObjectivePatch, ObjectiveQuery,
    Quarter, ReviewDraft, ReviewOutcome, Roadmap, RoadmapDiff, Seminar, SeminarDraft, parse_id,
};
use serde::Deserialize;
use tauri::State;

use super::exports::save_in_downloads;
use crate::state::AppState;

type Answer<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub async fn list_axes(state: State<'_, AppState>) -> Answer<Vec<Axis>> {
    state.run(move |store| store.list_axes()).await
}

#[tauri::command]
pub async fn add_axis(state: State<'_, AppState>, name: String) -> Answer<Axis> {
    state.run(move |store| store.add_axis(&name)).await
}

#[tauri::command]
pub async fn rename_axis(state: State<'_, AppState>, id: String, name: String) -> Answer<Axis> {
    state
        .run(move |store| store.rename_axis(parse_id(&id)?, &name))
        .await
}

#[tauri::command]
pub async fn roadmap(
    state: State<'_, AppState>,
    quarter: Quarter,
    query: ObjectiveQuery,
) -> Answer<Roadmap> {
    state.run(move |store| store.roadmap(quarter, &query)).await
}

#[tauri::command]
pub async fn list_quarters(state: State<'_, AppState>) -> Answer<Vec<Quarter>> {
    state.run(move |store| store.quarters()).await
}

#[tauri::command]
pub async fn get_objective(state: State<'_, AppState>, id: String) -> Answer<Objective> {
    state
        .run(move |store| store.get_objective(parse_id(&id)?))
        .await
}

#[tauri::command]
pub async fn create_objective(
    state: State<'_, AppState>,
    draft: ObjectiveDraft,
) -> Answer<Objective> {
    state.run(move |store| store.create_objective(draft)).await
}

#[tauri::command]
pub async fn update_objective(
    state: State<'_, AppState>,
    id: String,
    draft: ObjectiveDraft,
) -> Answer<Objective> {
    state
        .run(move |store| store.update_objective(parse_id(&id)?, draft))
        .await
}

/// The board's drag and drop: a new status, axis or progress.
#[tauri::command]
pub async fn patch_objective(
    state: State<'_, AppState>,
    id: String,
    patch: ObjectivePatch,
) -> Answer<Objective> {
    state
        .run(move |store| store.patch_objective(parse_id(&id)?, patch))
        .await
}

#[tauri::command]
pub async fn delete_objective(state: State<'_, AppState>, id: String) -> Answer<()> {
    state
        .run(move |store| store.delete_objective(parse_id(&id)?))
        .await
}

#[tauri::command]
pub async fn review_objective(
    state: State<'_, AppState>,
    id: String,
    draft: ReviewDraft,
) -> Answer<ReviewOutcome> {
    state
        .run(move |store| store.review_objective(parse_id(&id)?, draft))
        .await
}

#[tauri::command]
pub async fn undo_review(state: State<'_, AppState>, id: String) -> Answer<Objective> {
    state
        .run(move |store| store.undo_review(parse_id(&id)?))
        .await
}

#[tauri::command]
pub async fn roadmap_diff(
    state: State<'_, AppState>,
    from: Quarter,
    to: Quarter,
) -> Answer<RoadmapDiff> {
    state.run(move |store| store.roadmap_diff(from, to)).await
}

#[tauri::command]
pub async fn roadmap_timeline(
    state: State<'_, AppState>,
    from: Quarter,
    to: Quarter,
) -> Answer<Vec<ObjectiveChain>> {
    state
        .run(move |store| store.roadmap_timeline(from, to))
        .await
}

#[tauri::command]
pub async fn create_seminar(state: State<'_, AppState>, draft: SeminarDraft) -> Answer<Seminar> {
    state.run(move |store| store.create_seminar(draft)).await
}

#[tauri::command]
pub async fn update_seminar(
    state: State<'_, AppState>,
    id: String,
    draft: SeminarDraft,
) -> Answer<Seminar> {
    state
        .run(move |store| store.update_seminar(parse_id(&id)?, draft))
        .await
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoadmapFormat {
    Md,
    Html,
}

/// Writes the quarter's roadmap and review to the Downloads folder; answers the file's path.
#[tauri::command]
pub async fn save_roadmap_file(
    state: State<'_, AppState>,
    quarter: Quarter,
    format: RoadmapFormat,
) -> Answer<String> {
    state
        .run(move |store| {
            let roadmap = store.roadmap(quarter, &ObjectiveQuery::default())?;
            let (text, extension) = match format {
                RoadmapFormat::Md => (roadmap_markdown(&roadmap), "md"),
                RoadmapFormat::Html => (roadmap_html(&roadmap), "html"),
            };
            save_in_downloads(
                &format!("feuille-de-route-{quarter}.{extension}"),
                text.as_bytes(),
            )
        })
        .await
}

/// Writes the diff between two quarters, as Markdown, to the Downloads folder.
#[tauri::command]
pub async fn save_diff_file(
    state: State<'_, AppState>,
    from: Quarter,
    to: Quarter,
) -> Answer<String> {
    state
        .run(move |store| {
            let diff = store.roadmap_diff(from, to)?;
            save_in_downloads(
                &format!("evolution-{from}-{to}.md"),
                diff_markdown(&diff).as_bytes(),
            )
        })
        .await
}
