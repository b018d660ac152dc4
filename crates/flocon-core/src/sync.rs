//! File-based sync between laptops (see docs/sync-format.md).
//!
//! - `capture`: triggers on every synced table note what changed, whatever wrote it; a commit
//!   turns that into field changes with a hybrid logical clock time and causal context.
//! - `versions`: every version of every field; heads, merging (texts three-way), liveness and
//!   the conflict history, all functions of the set of versions, not of their arrival order.
//! - `apply`: writes what the versions say into the records, keeps referenced records,
//!   recomputes derived keys and the search index.
//! - `engine`: one sync with a folder (commit, write our missing commits, read, apply).
//! - `team`, `rekey`: creating and joining the team folder, remembering its manifest, and
//!   changing the team passphrase.
//! - `crypto`, `envelope`, `folder`, `hlc`: the team key, the sealed file format, the folder
//!   and its reading rules, the clock.

pub(crate) mod apply;
pub(crate) mod capture;
pub(crate) mod conflicts;
pub mod crypto;
pub(crate) mod engine;
pub mod envelope;
pub(crate) mod erase;
pub mod folder;
pub mod hlc;
pub(crate) mod keys;
pub mod model;
pub(crate) mod references;
pub(crate) mod rekey;
pub(crate) mod status;
pub(crate) mod team;
pub(crate) mod versions;

pub use capture::{Change, Commit};
pub use crypto::{KdfParams, SyncKey};
pub use envelope::{FileKind, Header, OpenError};
pub use folder::{
    Manifest, Scan, Skipped, SyncFile, open_existing, open_or_create, require_manifest, scan,
    write_atomically,
};
pub use hlc::{Clock, Hlc};
pub use model::{
    Conflict, ConflictChoice, ConflictKind, ConflictVersion, DeviceInfo, FolderSize, HeldRecord,
    NewIdentity, RekeyReport, SkipReason, SkippedFile, SyncProgress, SyncReport, SyncSizes,
    SyncStatus, SyncStep,
};

#[cfg(test)]
mod folder_tests;
#[cfg(test)]
mod merge_tests;
#[cfg(test)]
mod model_tests;
#[cfg(test)]
mod team_tests;
#[cfg(test)]
mod tests;
