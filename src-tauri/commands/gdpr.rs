//! The GDPR tools: a person's data exported (JSON and a readable page, into the Downloads
//! folder), the people no one has been in touch with for years, and the erasure of a person
//! (Art. 17) with the records left to reread after it.

use chrono::Local;
use flocon_core::ErrorPayload;
use flocon_core::export::person_export_html;
use flocon_core::gdpr::{GdprExportFiles, RetentionRow};
use flocon_core::parse_id;
use flocon_core::store::{ErasureReport, FlaggedRecord};
use tauri::State;

use super::exports::save_in_downloads;
use crate::state::AppState;

type Answer<T> = Result<T, ErrorPayload>;

/// Writes flocon-donnees-<prenom-nom>-<date>.json and .html into the Downloads folder; answers
/// both paths.
#[tauri::command]
pub async fn gdpr_export(state: State<'_, AppState>, id: String) -> Answer<GdprExportFiles> {
    state
        .run(move |store| {
            let data = store.gdpr_export(parse_id(&id)?)?;
            let stem = format!(
                "flocon-donnees-{}-{}",
                data.file_stem(),
                Local::now().date_naive()
            );
            let json_file = save_in_downloads(&format!("{stem}.json"), data.to_json()?.as_bytes())?;
            let html_file = save_in_downloads(
                &format!("{stem}.html"),
                person_export_html(&data).as_bytes(),
            )?;
            Ok(GdprExportFiles {
                json_file,
                html_file,
            })
        })
        .await
}

/// People with no activity for `years` years (1 to 20), oldest first.
#[tauri::command]
pub async fn gdpr_retention(state: State<'_, AppState>, years: u32) -> Answer<Vec<RetentionRow>> {
    state
        .run(move |store| store.retention(years, Local::now().date_naive()))
        .await
}

/// Erases the person everywhere (GDPR Art. 17): this laptop now, the others at their next sync,
/// the shared folder; answers what was removed and the records that mention them.
#[tauri::command]
pub async fn gdpr_erase(state: State<'_, AppState>, id: String) -> Answer<ErasureReport> {
    state
        .run(move |store| store.erase_person(parse_id(&id)?))
        .await
}

/// The records flagged by erasures for rereading (their texts mention an erased person).
#[tauri::command]
pub async fn gdpr_erasure_review(state: State<'_, AppState>) -> Answer<Vec<FlaggedRecord>> {
    state.run(|store| store.erasure_review()).await
}
