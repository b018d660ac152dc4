//! Importing a vCard or CSV file chosen in the UI. The UI reads the file itself and sends its
//! bytes as the raw request body: the web view needs no file-system permission.

use flocon_core::{Error, ErrorPayload, ImportReport};
use tauri::State;
use tauri::ipc::{InvokeBody, Request};

use crate::state::AppState;

/// What would be created, merged and skipped; nothing is changed.
#[tauri::command]
pub async fn import_preview(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<ImportReport, ErrorPayload> {
    let bytes = body(&request)?;
    state.run(move |store| store.import(&bytes, true)).await
}

/// Imports the file, all or nothing.
#[tauri::command]
pub async fn import_apply(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<ImportReport, ErrorPayload> {
    let bytes = body(&request)?;
    state.run(move |store| store.import(&bytes, false)).await
}

fn body(request: &Request<'_>) -> Result<Vec<u8>, ErrorPayload> {
    match request.body() {
        InvokeBody::Raw(bytes) => Ok(bytes.clone()),
        InvokeBody::Json(_) => Err(ErrorPayload::from(&Error::Refused(
            "the file must be sent as raw bytes".into(),
        ))),
    }
}
