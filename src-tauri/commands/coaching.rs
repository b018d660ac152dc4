//! Coaching work: engagements, sessions (with autosave of their texts), actions, templates,
//! "Ma semaine", Markdown previews and exports.

use std::path::PathBuf;

use chrono::{Local, NaiveDate, Utc};
use flocon_core::export::{session_html, session_markdown, to_icalendar};
use flocon_core::{
    Action, ActionDraft, ActionQuery, ActionStatus, Engagement, EngagementDraft, EngagementPage,
    EngagementStatus, Error, ErrorPayload, Session, SessionDraft, SessionQuery, SessionSummary,
    SessionTemplate, SessionText, TemplateDraft, Week, WeekQuery, markdown, parse_id,
};
use serde::Deserialize;
use tauri::State;

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
    state.run(move |store| store.week(&query)).await
}

/// Markdown rendered through the core's sanitizer: safe to put in the page.
#[tauri::command]
pub async fn render_markdown(text: String) -> Answer<String> {
    Ok(markdown::to_safe_html(&text))
}

/// Where exports go: `FLOCON_EXPORT_DIR` when set (tests), else the user's Downloads folder,
/// else their home folder.
fn export_dir() -> flocon_core::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("FLOCON_EXPORT_DIR") {
        return Ok(PathBuf::from(dir));
    }
    let dirs = directories::UserDirs::new().ok_or(Error::NoDataDirectory)?;
    Ok(dirs
        .download_dir()
        .map(PathBuf::from)
        .unwrap_or_else(|| dirs.home_dir().to_path_buf()))
}

/// Writes a new file (never replacing one: "name (2).ext" when taken), atomically.
fn save_in_downloads(name: &str, bytes: &[u8]) -> flocon_core::Result<String> {
    let dir = export_dir()?;
    let io = |action: &'static str, path: &std::path::Path| {
        let path = path.to_path_buf();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    };
    std::fs::create_dir_all(&dir).map_err(io("create", &dir))?;
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let mut path = dir.join(name);
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem} ({n}).{extension}"));
        n += 1;
    }
    let temp = dir.join(format!(".{name}.part"));
    std::fs::write(&temp, bytes).map_err(io("write", &temp))?;
    std::fs::rename(&temp, &path).map_err(io("write", &path))?;
    Ok(path.display().to_string())
}

/// A file-name-safe version of a title: letters and digits, words joined by dashes.
fn slug(title: &str) -> String {
    let folded = flocon_core::text::fold(title);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    if words.is_empty() {
        "seance".into()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(
            slug("Séance : bilan / T4 — Quartiers"),
            "seance-bilan-t4-quartiers"
        );
        assert_eq!(slug("***"), "seance");
    }
}
