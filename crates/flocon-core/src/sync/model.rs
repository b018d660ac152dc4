//! What sync tells the people using it: the report of one sync, the status of this laptop,
//! and the conflict history. These cross to the UI (TypeScript types are generated) and are
//! printed by `flocon sync --json` and `flocon conflicts list --json`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// What one sync did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncReport {
    #[ts(type = "string")]
    pub device_id: Uuid,
    pub folder: String,
    /// Our own change batches written to the folder this time.
    #[ts(type = "number")]
    pub sent_commits: u64,
    /// The field changes in them.
    #[ts(type = "number")]
    pub sent_changes: u64,
    #[ts(type = "number")]
    pub files_written: u32,
    /// Change batches from other laptops applied this time.
    #[ts(type = "number")]
    pub received_commits: u64,
    #[ts(type = "number")]
    pub received_changes: u64,
    /// Texts edited on two laptops at once whose edits were merged without collision.
    #[ts(type = "number")]
    pub merged_texts: u64,
    /// Conflicts this sync found (also in the conflict history).
    pub new_conflicts: Vec<Conflict>,
    /// Files that were not used, and why; read again at the next sync.
    pub skipped: Vec<SkippedFile>,
    /// Copies of files already read ("conflicted copy" files of sync tools…), ignored.
    #[ts(type = "number")]
    pub duplicates: u32,
    /// Changes held back until an earlier file they depend on arrives.
    #[ts(type = "number")]
    pub waiting: u64,
    /// Changes written by a newer Flocon, kept until this one is updated.
    #[ts(type = "number")]
    pub needs_update: u64,
    /// Records that could not be written here, held aside (everything else applied); tried
    /// again at every sync.
    pub held: Vec<HeldRecord>,
    pub devices: Vec<DeviceInfo>,
    /// Set when this sync found that another laptop writes under this laptop's id (its data
    /// folder was copied from this one, or this one was restored from a system backup): this
    /// laptop took a new id before writing anything, and its own changes since the two
    /// parted moved to it.
    pub new_identity: Option<NewIdentity>,
    /// How big the folder and the history are once this sync is done.
    pub sizes: SyncSizes,
    pub finished_at: DateTime<Utc>,
}

/// How much room sync takes, on disk and in this laptop's database: what grows with a team's
/// years of changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncSizes {
    /// The laptops' files in the shared folder (everything under its `devices/`); None when no
    /// folder is chosen or it cannot be read (a USB key unplugged, a share offline).
    pub folder: Option<FolderSize>,
    /// What sync's own tables (`sync_*`: every version of every field, the commits, the
    /// conflict history…) and their indexes take in this laptop's database, in bytes.
    #[ts(type = "number")]
    pub history_bytes: u64,
    /// The whole database (its pages, the write-ahead log aside), for comparison.
    #[ts(type = "number")]
    pub database_bytes: u64,
}

/// The files under a shared folder's `devices/`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FolderSize {
    /// Their sizes added up.
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub files: u64,
}

/// A record a sync could not write (a value of the wrong type, a missing required field, a
/// reference to a record no laptop has): held aside with why, the rest applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HeldRecord {
    /// The table: `person`, `session_person`…
    pub entity: String,
    /// The record's key, as JSON.
    pub key: String,
    /// The laptop that wrote its latest version.
    #[ts(type = "string")]
    pub device_id: Uuid,
    pub device_name: String,
    pub reason: String,
    pub since: DateTime<Utc>,
}

/// This laptop's change of sync identity (see `SyncReport::new_identity`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewIdentity {
    /// The id it shared with another laptop: that laptop's from now on.
    #[ts(type = "string")]
    pub old_device_id: Uuid,
    #[ts(type = "string")]
    pub new_device_id: Uuid,
    /// Its change batches made since the two laptops parted, now under the new id.
    #[ts(type = "number")]
    pub moved_commits: u64,
}

/// Why a file of the folder was not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// Shorter than it says: still being copied. Read again next time.
    Incomplete,
    /// Does not verify: damaged or tampered with. Never applied.
    Damaged,
    /// Written by a newer Flocon.
    NewerFormat,
    /// Two different files claim the same place in a laptop's history.
    Clash,
    /// Could not be read at all (permissions, a path too long…).
    Unreadable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SkippedFile {
    pub path: String,
    pub reason: SkipReason,
}

/// A laptop that writes to the folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeviceInfo {
    #[ts(type = "string")]
    pub id: Uuid,
    /// The name it gave itself (its host name unless set).
    pub name: String,
    /// The time of its latest change we have.
    pub last_change_at: Option<DateTime<Utc>>,
    /// How many change batches of it we have.
    #[ts(type = "number")]
    pub commits: u64,
    pub this_device: bool,
}

impl DeviceInfo {
    /// How far ahead of `now` (this laptop's clock) the other laptop dated its latest change,
    /// when that is more than a day (`hlc::MAX_AHEAD_MS`): one of the two clocks is wrong.
    /// Causality is not affected, but edits made at the same time on both are settled for the
    /// clock further ahead (the other version stays in the conflict history).
    pub fn clock_ahead(&self, now: DateTime<Utc>) -> Option<chrono::Duration> {
        let ahead = self.last_change_at? - now;
        let limit = chrono::Duration::milliseconds(
            i64::try_from(super::hlc::MAX_AHEAD_MS).unwrap_or(i64::MAX),
        );
        (!self.this_device && ahead > limit).then_some(ahead)
    }
}

/// Where this laptop stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncStatus {
    #[ts(type = "string")]
    pub device_id: Uuid,
    pub device_name: String,
    /// The shared folder chosen, if any.
    pub folder: Option<String>,
    pub last_sync: Option<DateTime<Utc>>,
    /// Records changed here and not yet sent.
    #[ts(type = "number")]
    pub pending_records: u64,
    pub devices: Vec<DeviceInfo>,
    #[ts(type = "number")]
    pub open_conflicts: u64,
    #[ts(type = "number")]
    pub waiting: u64,
    #[ts(type = "number")]
    pub needs_update: u64,
    /// Records held aside (see `HeldRecord`).
    #[ts(type = "number")]
    pub held: u64,
    /// A sync met a new team passphrase (changed on another laptop): the new one is needed.
    pub key_changed: bool,
    /// How big the folder and the history are now.
    pub sizes: SyncSizes,
}

/// What a change of the team passphrase did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RekeyReport {
    /// The sync made first, with the old key, so that this laptop held everything readable.
    pub sync: SyncReport,
    /// The folder's key generation now (one more than before).
    pub key_generation: u32,
    /// Commits written again under the new key, in one snapshot.
    #[ts(type = "number")]
    pub commits: u64,
    /// Files of the old key removed from the folder (this laptop's and the others').
    pub files_removed: u32,
}

/// What kind of disagreement a conflict is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// A field changed on two laptops at once.
    Edit,
    /// A text changed on two laptops at once, in the same place: no merge was possible.
    Text,
    /// A record deleted on one laptop while another changed it: it was brought back.
    Deleted,
}

/// One version in a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConflictVersion {
    #[ts(type = "string")]
    pub device_id: Uuid,
    pub device_name: String,
    pub at: DateTime<Utc>,
    /// The value as text ("" for none); for a deletion, empty.
    pub text: String,
    pub deleted: bool,
}

/// Two versions of the same thing made without seeing each other. `kept` is what the data
/// holds now (decided the same way on every laptop); `other` is kept here so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Conflict {
    pub id: String,
    /// The kind of record: `person`, `session`, `objective`… (the table's name).
    pub entity: String,
    pub record_id: String,
    /// A readable name for the record ("Séance du 12 mars", "Awa Diallo").
    pub label: String,
    /// The field ("notes"), or "" for a deletion.
    pub field: String,
    pub kind: ConflictKind,
    /// False once someone chose, or edited the field after seeing both versions.
    pub open: bool,
    pub kept: ConflictVersion,
    pub other: ConflictVersion,
}

/// How a person settles a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "keep", rename_all = "snake_case")]
pub enum ConflictChoice {
    /// Keep what the data holds now.
    Kept,
    /// Take the other version instead (for a deletion: delete the record after all).
    Other,
    /// Keep a text combined by hand from both.
    Combined { text: String },
}

/// Where a sync in progress stands, for a long first sync on a slow USB key: which step, and
/// how far into it (`done` of `total`; both 0 when a step starts whose size is not known yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncProgress {
    pub step: SyncStep,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// The steps of a sync, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncStep {
    /// Reading and verifying the folder's new files.
    Reading,
    /// Writing this laptop's commits the folder lacks.
    Sending,
    /// Applying the other laptops' commits.
    Applying,
    /// Bringing the records in line with what was applied (one step, no count).
    Settling,
}
