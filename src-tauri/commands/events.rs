//! Community events and attendance, training cohorts, and the activity report (built with
//! progress events, saved as Markdown or a printable page).

use chrono::{Local, NaiveDate};
use flocon_core::event::{
    Cohort, CohortDraft, CohortSummary, Event, EventDraft, EventQuery, EventSeries, EventSummary,
    OrganizationEvent, PersonEvent,
};
use flocon_core::export::{report_html, report_markdown};
use flocon_core::report::{ActivityReport, ReportProgress, ReportQuery};
use flocon_core::vocab::{Attendance, CohortStage};
use flocon_core::{ErrorPayload, parse_id};
use serde::Deserialize;
use tauri::{AppHandle, Emitter, State};

use super::exports::save_in_downloads;
use crate::state::AppState;

type Answer<T> = Result<T, ErrorPayload>;

/// The event the report screen listens to for its progress bar.
const REPORT_PROGRESS_EVENT: &str = "report-progress";

#[tauri::command]
pub async fn series_list(state: State<'_, AppState>) -> Answer<Vec<EventSeries>> {
    state.run(move |store| store.list_series()).await
}

#[tauri::command]
pub async fn series_add(state: State<'_, AppState>, name: String) -> Answer<EventSeries> {
    state.run(move |store| store.add_series(&name)).await
}

#[tauri::command]
pub async fn series_rename(
    state: State<'_, AppState>,
    id: String,
    name: String,
) -> Answer<EventSeries> {
    state
        .run(move |store| store.rename_series(parse_id(&id)?, &name))
        .await
}

#[tauri::command]
pub async fn events_list(
    state: State<'_, AppState>,
    query: EventQuery,
) -> Answer<Vec<EventSummary>> {
    state.run(move |store| store.list_events(&query)).await
}

#[tauri::command]
pub async fn events_get(state: State<'_, AppState>, id: String) -> Answer<Event> {
    state
        .run(move |store| store.get_event(parse_id(&id)?))
        .await
}

#[tauri::command]
pub async fn events_create(state: State<'_, AppState>, draft: EventDraft) -> Answer<Event> {
    state.run(move |store| store.create_event(draft)).await
}

#[tauri::command]
pub async fn events_update(
    state: State<'_, AppState>,
    id: String,
    draft: EventDraft,
) -> Answer<Event> {
    state
        .run(move |store| store.update_event(parse_id(&id)?, draft))
        .await
}

#[tauri::command]
pub async fn events_delete(state: State<'_, AppState>, id: String) -> Answer<()> {
    state
        .run(move |store| store.delete_event(parse_id(&id)?))
        .await
}

#[tauri::command]
pub async fn attendance_set(
    state: State<'_, AppState>,
    event_id: String,
    person_id: String,
    status: Option<Attendance>,
) -> Answer<Event> {
    state
        .run(move |store| store.set_attendance(parse_id(&event_id)?, parse_id(&person_id)?, status))
        .await
}

#[tauri::command]
pub async fn events_of_person(
    state: State<'_, AppState>,
    person_id: String,
) -> Answer<Vec<PersonEvent>> {
    state
        .run(move |store| store.person_events(parse_id(&person_id)?))
        .await
}

#[tauri::command]
pub async fn events_of_organization(
    state: State<'_, AppState>,
    organization_id: String,
) -> Answer<Vec<OrganizationEvent>> {
    state
        .run(move |store| store.organization_events(parse_id(&organization_id)?))
        .await
}

#[tauri::command]
pub async fn cohorts_list(state: State<'_, AppState>) -> Answer<Vec<CohortSummary>> {
    state.run(move |store| store.list_cohorts()).await
}

#[tauri::command]
pub async fn cohorts_get(state: State<'_, AppState>, id: String) -> Answer<Cohort> {
    state
        .run(move |store| store.get_cohort(parse_id(&id)?))
        .await
}

#[tauri::command]
pub async fn cohorts_create(state: State<'_, AppState>, draft: CohortDraft) -> Answer<Cohort> {
    state.run(move |store| store.create_cohort(draft)).await
}

#[tauri::command]
pub async fn cohorts_set_stage(
    state: State<'_, AppState>,
    cohort_id: String,
    person_id: String,
    stage: CohortStage,
    on: NaiveDate,
) -> Answer<Cohort> {
    state
        .run(move |store| {
            store.set_cohort_stage(parse_id(&cohort_id)?, parse_id(&person_id)?, stage, on)
        })
        .await
}

#[tauri::command]
pub async fn cohorts_remove_member(
    state: State<'_, AppState>,
    cohort_id: String,
    person_id: String,
) -> Answer<Cohort> {
    state
        .run(move |store| store.remove_cohort_member(parse_id(&cohort_id)?, parse_id(&person_id)?))
        .await
}

/// Builds the report, sending `report-progress` events as each part is read.
#[tauri::command]
pub async fn report_build(
    app: AppHandle,
    state: State<'_, AppState>,
    query: ReportQuery,
) -> Answer<ActivityReport> {
    state
        .run(move |store| {
            let mut progress = |p: ReportProgress| {
                // A lost progress event only makes the bar jump; the report goes on.
                let _ = app.emit(REPORT_PROGRESS_EVENT, p);
            };
            store.activity_report_with_progress(query, &mut progress)
        })
        .await
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Md,
    Html,
}

/// Writes the report to the Downloads folder; answers the file's path.
#[tauri::command]
pub async fn report_save(
    state: State<'_, AppState>,
    query: ReportQuery,
    format: ReportFormat,
) -> Answer<String> {
    state
        .run(move |store| {
            let report = store.activity_report(query)?;
            let (text, extension) = match format {
                ReportFormat::Md => (report_markdown(&report, &Local), "md"),
                ReportFormat::Html => (report_html(&report, &Local), "html"),
            };
            save_in_downloads(
                &format!("rapport-activite-{}-{}.{extension}", query.from, query.to),
                text.as_bytes(),
            )
        })
        .await
}
