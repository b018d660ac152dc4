//! File-based sync between laptops (see docs/sync-format.md). This is its foundation: the
//! team key (Argon2id), the sealed envelope every file is made of (XChaCha20-Poly1305 with
//! the header as associated data), the folder's manifest, atomic writes and a reader that
//! verifies every file, whatever its name, and never fails a sync on a bad one; and the hybrid
//! logical clock that will order concurrent changes.
//!
//! Still to come (issue 6): capturing every change from the store's write path with a hybrid
//! logical clock and causal context, segments and snapshots of those changes, merging and
//! the conflict history, and the CLI and UI over it.

pub mod crypto;
pub mod envelope;
pub mod folder;
pub mod hlc;

pub use crypto::{KdfParams, SyncKey};
pub use envelope::{FileKind, Header, OpenError};
pub use folder::{Manifest, Scan, Skipped, SyncFile, open_or_create, scan, write_atomically};
pub use hlc::{Clock, Hlc};
