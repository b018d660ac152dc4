//! Coaching work: engagements, sessions (with autosave of their texts), actions, templates,
//! "Ma semaine", Markdown previews and exports.

use chrono::{Local, NaiveDate, Utc};
use flocon_core::export::{session_html, session_markdown, to_icalendar};
use flocon_core::{
    Action, ActionDraft, ActionQuery, ActionStatus, Engagement, EngagementDraft, EngagementPage,
    EngagementStatus, Error, ErrorPayload, Session, SessionDraft, SessionQuery, SessionSummary,
    SessionTemplate, SessionText, TemplateDraft, Week, WeekQuery, markdown, parse_id,
};
use serde::Deserialize;
use tauri::State;

use super::exports::{save_in_downloads, slug};
use crate::state::AppState;

type Answer<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub async fn list_engagements(
    state: State<'_, AppState>,
    status: Option<EngagementStatus>,
) -> Answer<Vec<Engagement>> {
    state.run(move |store| store.list_engagements(status)).await
}

#[tauri::command]
pub async fn engagement_page(state: State<'_, AppState>, id: String) -> Answer<EngagementPage> {
    state
        .run(move |store| store.engagement_page(parse_id(&id)?))
        .await
}

#[tauri::command]
pub async fn create_engagement(
    state: State<'_, AppState>,
    draft: EngagementDraft,
) -> Answer<Engagement> {
    state.run(move |store| store.create_engagement(draft)).await
}

#[tauri::command]
pub async fn update_engagement(
    state: State<'_, AppState>,
    id: String,
    draft: EngagementDraft,
) -> Answer<Engagement> {
    state
        .run(move |store| store.update_engagement(parse_id(&id)?, draft))
        .await
}

#[tauri::command]
pub async fn delete_engagement(state: State<'_, AppState>, id: String) -> Answer<()> {
    state
        .run(move |store| store.delete_engagement(parse_id(&id)?))
        .await
}

#[tauri::command]
pub async fn list_sessions(
    state: State<'_, AppState>,
    query: SessionQuery,
) -> Answer<Vec<SessionSummary>> {
    state.run(move |store| store.list_sessions(&query)).await
}

#[tauri::command]
pub async fn get_session(state: State<'_, AppState>, id: String) -> Answer<Session> {
    state
        .run(move |store| store.get_session(parse_id(&id)?))
        .await
}

#[tauri::command]
pub async fn create_session(
    state: State<'_, AppState>,
    draft: SessionDraft,
    template_id: Option<String>,
) -> Answer<Session> {
    state
        .run(move |store| {
            let template = template_id.as_deref().map(parse_id).transpose()?;
            store.create_session(draft, template)
        })
        .await
}

#[tauri::command]
pub async fn update_session(
    state: State<'_, AppState>,
    id: String,
    draft: SessionDraft,
) -> Answer<Session> {
    state
        .run(move |store| store.update_session(parse_id(&id)?, draft))
        .await
}

/// Autosave: writes one long text of a session; answers when it was saved.
#[tauri::command]
pub async fn save_session_text(
    state: State<'_, AppState>,
    id: String,
    which: SessionText,
    text: String,
) -> Answer<String> {
    state
        .run(move |store| {
            let saved = store.save_session_text(parse_id(&id)?, which, &text)?;
            Ok(saved.to_rfc3339())
        })
        .await
}

#[tauri::command]
pub async fn set_session_decisions(
    state: State<'_, AppState>,
    id: String,
    decisions: Vec<String>,
) -> Answer<Session> {
    state
        .run(move |store| store.set_session_decisions(parse_id(&id)?, decisions))
        .await
}

#[tauri::command]
pub async fn delete_session(state: State<'_, AppState>, id: String) -> Answer<()> {
    state
        .run(move |store| store.delete_session(parse_id(&id)?))
        .await
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionFormatOut {
    Md,
    Html,
}

fn render(session: &Session, format: SessionFormatOut) -> String {
    match format {
        SessionFormatOut::Md => session_markdown(session, &Local),
        SessionFormatOut::Html => session_html(session, &Local),
    }
}

#[tauri::command]
pub async fn export_session(
    state: State<'_, AppState>,
    id: String,
    format: SessionFormatOut,
) -> Answer<String> {
    state
        .run(move |store| Ok(render(&store.get_session(parse_id(&id)?)?, format)))
        .await
}

/// Writes the session to the Downloads folder; answers the file's path.
#[tauri::command]
pub async fn save_session_file(
    state: State<'_, AppState>,
    id: String,
    format: SessionFormatOut,
) -> Answer<String> {
    state
        .run(move |store| {
            let session = store.get_session(parse_id(&id)?)?;
            let day = session.starts_at.with_timezone(&Local).format("%Y-%m-%d");
            let extension = match format {
                SessionFormatOut::Md => "md",
                SessionFormatOut::Html => "html",
            };
            let name = format!("seance-{day}-{}.{extension}", slug(&session.title));
            save_in_downloads(&name, render(&session, format).as_bytes())
        })
        .await
}

/// Writes every session to an iCalendar file in the Downloads folder; answers its path.
#[tauri::command]
pub async fn save_calendar_file(state: State<'_, AppState>) -> Answer<String> {
    state
        .run(move |store| {
            let sessions = store.list_sessions(&SessionQuery::default())?;
            save_in_downloads(
                "flocon-seances.ics",
                to_icalendar(&sessions, Utc::now()).as_bytes(),
            )
        })
        .await
}

#[tauri::command]
pub async fn list_actions(state: State<'_, AppState>, query: ActionQuery) -> Answer<Vec<Action>> {
    state.run(move |store| store.list_actions(&query)).await
}

#[tauri::command]
pub async fn get_action(state: State<'_, AppState>, id: String) -> Answer<Action> {
    state
        .run(move |store| store.get_action(parse_id(&id)?))
        .await
}

#[tauri::command]
pub async fn add_action(state: State<'_, AppState>, draft: ActionDraft) -> Answer<Action> {
    state.run(move |store| store.add_action(draft)).await
}

#[tauri::command]
pub async fn update_action(
    state: State<'_, AppState>,
    id: String,
    draft: ActionDraft,
) -> Answer<Action> {
    state
        .run(move |store| store.update_action(parse_id(&id)?, draft))
        .await
}

/// `today` is the user's local date: it becomes the done date.
#[tauri::command]
pub async fn set_action_status(
    state: State<'_, AppState>,
    id: String,
    status: ActionStatus,
    today: NaiveDate,
) -> Answer<Action> {
    state
        .run(move |store| store.set_action_status(parse_id(&id)?, status, today))
        .await
}

#[tauri::command]
pub async fn delete_action(state: State<'_, AppState>, id: String) -> Answer<()> {
    state
        .run(move |store| store.delete_action(parse_id(&id)?))
        .await
}

#[tauri::command]
pub async fn list_templates(state: State<'_, AppState>) -> Answer<Vec<SessionTemplate>> {
    state.run(move |store| store.list_templates()).await
}

#[tauri::command]
pub async fn create_template(
    state: State<'_, AppState>,
    draft: TemplateDraft,
) -> Answer<SessionTemplate> {
    state.run(move |store| store.create_template(draft)).await
}

#[tauri::command]
pub async fn update_template(
    state: State<'_, AppState>,
    id: String,
    draft: TemplateDraft,
) -> Answer<SessionTemplate> {
    state
        .run(move |store| store.update_template(parse_id(&id)?, draft))
        .await
}

#[tauri::command]
pub async fn delete_template(state: State<'_, AppState>, id: String) -> Answer<()> {
    state
        .run(move |store| store.delete_template(parse_id(&id)?))
        .await
}

#[tauri::command]
pub async fn my_week(state: State<'_, AppState>, query: WeekQuery) -> Answer<Week> {
    let first_week = state.first_week.clone();
    state
        .run(move |store| match first_week.take(&query, store) {
            Some(week) => Ok(week),
            None => store.week(&query),
        })
        .await
}

/// Markdown rendered through the core's sanitizer: safe to put in the page. On a blocking
/// thread, as the store's commands run: a long note takes a while to render, and the async
/// runtime's few threads serve every other command meanwhile.
#[tauri::command]
pub async fn render_markdown(text: String) -> Answer<String> {
    tauri::async_runtime::spawn_blocking(move || markdown::to_safe_html(&text))
        .await
        .map_err(|e| ErrorPayload::from(&Error::Internal(format!("a task failed: {e}"))))
}
