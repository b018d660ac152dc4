//! What the store's tests share: a store on a temporary SQLite file, and people in it.

use uuid::Uuid;

use super::Store;
use crate::person::PersonDraft;

/// A store in a new temporary folder (removed when the returned guard is dropped).
pub(crate) fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_in(dir.path()).expect("store opens");
    (dir, store)
}

/// Creates a person with just a name.
pub(crate) fn person(store: &Store, first: &str, last: &str) -> Uuid {
    store
        .create_person(PersonDraft {
            first_name: first.into(),
            last_name: last.into(),
            ..PersonDraft::default()
        })
        .expect("created")
        .id
}
