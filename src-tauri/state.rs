//! What the commands share: the store, opened once at start.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use flocon_core::backup::{self, IntegrityState, IntegrityStatus};
use flocon_core::{Error, ErrorKind, ErrorPayload, Store, data_dir};

use crate::first_week::FirstWeek;

pub struct AppState {
    /// The store, or why it could not be opened (a database from a newer Flocon, say): then
    /// every command answers with that reason and the UI shows it, instead of the app
    /// vanishing at start.
    store: Result<Arc<Store>, ErrorPayload>,
    /// The data directory, kept apart from the store so that the backups can be listed and
    /// restored even when the database is damaged.
    data_dir: Result<PathBuf, ErrorPayload>,
    /// The quick check run in the background after start (pending until it ends).
    integrity: Mutex<IntegrityStatus>,
    /// "Ma semaine", read while the window starts.
    pub first_week: FirstWeek,
}

impl AppState {
    pub fn open(explicit_dir: Option<PathBuf>) -> AppState {
        let dir = data_dir::resolve(explicit_dir);
        let store = dir.as_ref().map_err(ErrorPayload::from).and_then(|dir| {
            tracing::info!(dir = %dir.display(), "opening the data directory");
            // A restore asked for in the last run is done before the database is opened;
            // if it fails, the database stays as it was.
            match backup::apply_pending_restore(dir) {
                Ok(Some(done)) => tracing::info!(from = %done.restored_from, "backup restored"),
                Ok(None) => {}
                Err(error) => tracing::error!(%error, "the scheduled restore was not done"),
            }
            Store::open_in(dir).map_err(|e| {
                tracing::error!(error = %e, "cannot open the database");
                ErrorPayload::from(&e)
            })
        });
        let integrity = match (&store, &dir) {
            (Err(error), Ok(dir)) if error.kind == ErrorKind::Damaged => IntegrityStatus {
                state: IntegrityState::Damaged,
                detail: Some(error.message.clone()),
                latest_backup: backup::list_backups(&backup::backups_dir(dir))
                    .ok()
                    .and_then(|list| list.into_iter().next()),
            },
            _ => IntegrityStatus::pending(),
        };
        let store = store.map(Arc::new);
        let first_week = FirstWeek::default();
        if let Ok(store) = &store {
            first_week.prepare(store.clone(), &chrono::Local::now());
        }
        AppState {
            store,
            data_dir: dir.map_err(|e| ErrorPayload::from(&e)),
            integrity: Mutex::new(integrity),
            first_week,
        }
    }

    pub fn data_dir(&self) -> Result<PathBuf, ErrorPayload> {
        self.data_dir.clone()
    }

    /// Whether the store opened.
    pub fn store_is_open(&self) -> bool {
        self.store.is_ok()
    }

    pub fn integrity(&self) -> IntegrityStatus {
        self.integrity
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn set_integrity(&self, status: IntegrityStatus) {
        *self.integrity.lock().unwrap_or_else(|p| p.into_inner()) = status;
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
