//! What the commands share: the store, opened once at start.

use std::path::PathBuf;
use std::sync::Arc;

use flocon_core::{Error, ErrorPayload, Store, data_dir};

pub struct AppState {
    /// The store, or why it could not be opened (a database from a newer Flocon, say): then
    /// every command answers with that reason and the UI shows it, instead of the app
    /// vanishing at start.
    store: Result<Arc<Store>, ErrorPayload>,
}

impl AppState {
    pub fn open(explicit_dir: Option<PathBuf>) -> AppState {
        let store = data_dir::resolve(explicit_dir).and_then(|dir| {
            tracing::info!(dir = %dir.display(), "opening the data directory");
            Store::open_in(&dir)
        });
        if let Err(error) = &store {
            tracing::error!(%error, "cannot open the database");
        }
        AppState {
            store: store.map(Arc::new).map_err(|e| ErrorPayload::from(&e)),
        }
    }

    /// Runs `f` on a blocking thread, so SQLite never stalls the async runtime that serves
    /// the window.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ErrorPayload>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> flocon_core::Result<T> + Send + 'static,
    {
        let store = self.store.clone()?;
        tauri::async_runtime::spawn_blocking(move || f(&store))
            .await
            .map_err(|e| ErrorPayload::from(&Error::Internal(format!("a task failed: {e}"))))?
            .map_err(|e| {
                if !e.is_user_error() {
                    tracing::error!(error = %e, "command failed");
                }
                ErrorPayload::from(&e)
            })
    }
}
