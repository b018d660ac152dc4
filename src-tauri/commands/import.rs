//! Importing a vCard or CSV file chosen in the UI. The UI reads the file itself and sends its
//! bytes as the raw request body: the web view needs no file-system permission. Progress is
//! sent as `import-progress` events ({done, total}) while entries are processed.

use flocon_core::{Error, ErrorPayload, ImportProgress, ImportReport};
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Emitter, State};

use crate::state::AppState;

/// The event the UI listens to for a progress bar.
const PROGRESS_EVENT: &str = "import-progress";

/// What would be created, merged and skipped; nothing is changed.
#[tauri::command]
pub async fn import_preview(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<ImportReport, ErrorPayload> {
    run(app, state, request, true).await
}

/// Imports the file, all or nothing.
#[tauri::command]
pub async fn import_apply(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<ImportReport, ErrorPayload> {
    run(app, state, request, false).await
}

async fn run(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<'_>,
    dry_run: bool,
) -> Result<ImportReport, ErrorPayload> {
    let bytes = match request.body() {
        InvokeBody::Raw(bytes) => bytes.clone(),
        InvokeBody::Json(_) => {
            return Err(ErrorPayload::from(&Error::Refused(
                "the file must be sent as raw bytes".into(),
            )));
        }
    };
    state
        .run(move |store| {
            let mut progress = |p: ImportProgress| {
                // A lost progress event only makes the bar jump; the import goes on.
                let _ = app.emit(PROGRESS_EVENT, p);
            };
            store.import_with_progress(&bytes, dry_run, &mut progress)
        })
        .await
}
