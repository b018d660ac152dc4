//! The one error type of the core, and the shape in which it crosses to the UI.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

use crate::db::SchemaDifference;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that breaks a rule. `field` names the offending field the way the UI names it
    /// (`first_name`, `emails.1`), so a form can put the message beside the right control.
    #[error("{field}: {problem}")]
    Invalid { field: String, problem: Problem },

    #[error("no {entity} with id {id}")]
    NotFound { entity: Entity, id: String },

    /// A file that cannot be read as what it claims to be (a vCard, a CSV). `line` is 1-based.
    #[error("line {line}: {reason}")]
    Malformed { line: usize, reason: String },

    /// An operation that is valid in itself but refused in the present state.
    #[error("{0}")]
    Refused(String),

    /// A database written by a newer Flocon. It is refused and left exactly as it is: a newer
    /// schema may hold data this version would not understand, so "repairing" it would lose it.
    #[error(
        "{path} was written by a newer version of Flocon (schema {found}, this version knows up to {supported}); update Flocon to open it. The file was left untouched."
    )]
    DatabaseTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("{path} is not a Flocon database; it was left untouched")]
    NotAFloconDatabase { path: PathBuf },

    /// A database file SQLite reports as damaged (SQLITE_CORRUPT, SQLITE_NOTADB, or a failed
    /// integrity check). It is never written to: the user restores a backup instead.
    #[error(
        "{path} is damaged ({detail}); it was left untouched. Restore a backup: flocon backup list, then flocon restore FILE --yes"
    )]
    Damaged { path: PathBuf, detail: String },

    /// A database whose schema is not exactly the one Flocon's migrations make (a trigger, a
    /// view, a table or an index more, or defined otherwise): it could run what Flocon did not
    /// write, so it is refused as it is, and never migrated nor restored.
    #[error("{path} is not a database as Flocon makes it: {difference}; nothing was changed")]
    ForeignSchema {
        path: PathBuf,
        difference: SchemaDifference,
    },

    #[error(
        "no data directory could be found for this user; pass --data-dir or set FLOCON_DATA_DIR"
    )]
    NoDataDirectory,

    /// The passphrase does not open the shared folder's files.
    #[error("wrong passphrase: it does not open this sync folder; nothing was changed")]
    WrongPassphrase,

    /// The team passphrase is not known in this run (not in the keyring): ask for it.
    #[error("the team passphrase is needed to sync")]
    PassphraseNeeded,

    /// The sync folder cannot be used (unreadable manifest, written by a newer Flocon…).
    #[error("sync folder {path}: {reason}")]
    SyncFolder { path: PathBuf, reason: String },

    /// The chosen sync folder is not there (a USB key not plugged in, a share not mounted) or
    /// holds no Flocon sync manifest: nothing is read or written, rather than scattering this
    /// laptop's files on its own disk.
    #[error(
        "the sync folder {path} is not there (no flocon-sync.json): plug the drive in or check the path; nothing was written"
    )]
    SyncFolderMissing { path: PathBuf },

    /// The folder is there but holds no team manifest yet: the sync tool has not copied it
    /// yet, or the team folder was never created. Joining never creates one.
    #[error(
        "the sync folder {path} has no team file (flocon-sync.json) yet: wait until the sync tool has copied it, or create the team folder on the first computer (flocon sync init); nothing was written"
    )]
    SyncFolderNotReady { path: PathBuf },

    /// Creating a team folder where one already is (or where Flocon files already are).
    #[error(
        "{path} is already a team folder (or holds Flocon sync files): join it instead (flocon sync --folder); nothing was changed"
    )]
    SyncFolderInUse { path: PathBuf },

    /// The folder's manifest moved to a new key (another computer changed the team
    /// passphrase): the new passphrase is needed. Nothing was read or written.
    #[error(
        "the team passphrase of {path} was changed on another computer: sync again with the new passphrase (ask your team for it); nothing was written"
    )]
    SyncKeyChanged { path: PathBuf },

    /// The folder's manifest is not the one this laptop synced with, and not a change of
    /// passphrase it can tell from it: nothing is read or written.
    #[error(
        "the team file of {path} (flocon-sync.json) is not the one this computer synced with: another computer may have set the folder up again, or it was replaced; nothing was written. Ask your team before anything else: if someone else put this file there (an old one put back, a former member), joining again would trust it. Only if your team really started over with this folder, stop syncing (flocon sync leave) and join it again"
    )]
    SyncManifestReplaced { path: PathBuf },

    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// A broken invariant inside Flocon itself (a poisoned lock, a row that cannot be decoded).
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn invalid(field: impl Into<String>, problem: Problem) -> Self {
        Error::Invalid {
            field: field.into(),
            problem,
        }
    }

    /// A stable, machine-readable name for the kind of error, for the UI and for scripts.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid { .. } => ErrorKind::Invalid,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Refused(_) => ErrorKind::Refused,
            Error::Malformed { .. } => ErrorKind::Malformed,
            Error::DatabaseTooNew { .. } => ErrorKind::DatabaseTooNew,
            Error::NotAFloconDatabase { .. } => ErrorKind::NotAFloconDatabase,
            Error::Damaged { .. } => ErrorKind::Damaged,
            Error::ForeignSchema { .. } => ErrorKind::ForeignSchema,
            Error::Sqlite(e) if is_damage(e) => ErrorKind::Damaged,
            Error::WrongPassphrase => ErrorKind::WrongPassphrase,
            Error::PassphraseNeeded => ErrorKind::PassphraseNeeded,
            Error::SyncFolder { .. } => ErrorKind::Refused,
            Error::SyncFolderMissing { .. } => ErrorKind::SyncFolderMissing,
            Error::SyncFolderNotReady { .. } => ErrorKind::SyncFolderNotReady,
            Error::SyncFolderInUse { .. } => ErrorKind::SyncFolderInUse,
            Error::SyncKeyChanged { .. } => ErrorKind::SyncKeyChanged,
            Error::SyncManifestReplaced { .. } => ErrorKind::SyncManifestReplaced,
            Error::NoDataDirectory | Error::Io { .. } => ErrorKind::Storage,
            Error::Sqlite(_) | Error::Internal(_) => ErrorKind::Internal,
        }
    }

    /// True when the error is the user's input or a refused operation rather than a failure of
    /// the machine: the CLI maps both to exit code 1, but logs only the latter.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self.kind(),
            ErrorKind::Invalid
                | ErrorKind::NotFound
                | ErrorKind::Refused
                | ErrorKind::Malformed
                | ErrorKind::DatabaseTooNew
                | ErrorKind::NotAFloconDatabase
                | ErrorKind::Damaged
                | ErrorKind::ForeignSchema
                | ErrorKind::WrongPassphrase
                | ErrorKind::PassphraseNeeded
                | ErrorKind::SyncFolderMissing
                | ErrorKind::SyncFolderNotReady
                | ErrorKind::SyncFolderInUse
                | ErrorKind::SyncKeyChanged
                | ErrorKind::SyncManifestReplaced
        )
    }
}

/// Whether SQLite says the file is damaged (or not a database at all) rather than busy or
/// misused.
pub fn is_damage(error: &rusqlite::Error) -> bool {
    matches!(
        error,
        rusqlite::Error::SqliteFailure(e, _)
            if matches!(
                e.code,
                rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
            )
    )
}

/// What is wrong with a field. Serialized with a `code` so the UI can word it in the user's
/// language; the `Display` text is the English wording the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    /// A first or a last name is required.
    NameRequired,
    InvalidEmail {
        value: String,
    },
    InvalidPhone {
        value: String,
    },
    /// A word outside a closed vocabulary (a sector, a kind of organisation…).
    UnknownValue {
        value: String,
        expected: String,
    },
    InvalidDate {
        value: String,
    },
    Required,
    /// A status that only a collective can have.
    OnlyForCollectives,
    /// An end date before the start date.
    EndsBeforeStart,
    /// A record may not point at itself (a person introduced by themself, a team inside itself).
    SelfReference,
    InvalidId {
        value: String,
    },
    TooLong {
        max: u32,
    },
    /// A date and time that is not one (or does not exist in the local time zone).
    InvalidDateTime {
        value: String,
    },
    /// Not a quarter such as 2026-T4.
    InvalidQuarter {
        value: String,
    },
    /// A number outside what the field accepts.
    OutOfRange {
        min: u32,
        max: u32,
    },
    /// A day after today where only a past or present day makes sense.
    DateInFuture {
        value: String,
    },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::NameRequired => f.write_str("a first name or a last name is required"),
            Problem::InvalidEmail { value } => {
                write!(f, "\"{value}\" is not a valid email address")
            }
            Problem::InvalidPhone { value } => write!(f, "\"{value}\" is not a valid phone number"),
            Problem::UnknownValue { value, expected } => {
                write!(f, "unknown value \"{value}\" (expected one of: {expected})")
            }
            Problem::InvalidDate { value } => {
                write!(f, "\"{value}\" is not a date (expected YYYY-MM-DD)")
            }
            Problem::SelfReference => f.write_str("cannot refer to itself"),
            Problem::Required => f.write_str("is required"),
            Problem::OnlyForCollectives => f.write_str("only a collective can have a status"),
            Problem::EndsBeforeStart => f.write_str("ends before it starts"),
            Problem::InvalidId { value } => write!(f, "\"{value}\" is not a valid id"),
            Problem::TooLong { max } => write!(f, "is too long (at most {max} characters)"),
            Problem::InvalidDateTime { value } => write!(
                f,
                "\"{value}\" is not a date and time (expected YYYY-MM-DDTHH:MM, with an optional offset)"
            ),
            Problem::OutOfRange { min, max } => write!(f, "must be between {min} and {max}"),
            Problem::DateInFuture { value } => write!(f, "\"{value}\" is in the future"),
            Problem::InvalidQuarter { value } => {
                write!(
                    f,
                    "\"{value}\" is not a quarter (expected YYYY-Tn, e.g. 2026-T4)"
                )
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Person,
    Organization,
    Membership,
    Team,
    Interaction,
    Engagement,
    Session,
    Action,
    Template,
    Axis,
    Objective,
    Seminar,
    Conflict,
    Event,
    Series,
    Cohort,
    TrashItem,
}

impl std::fmt::Display for Entity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Entity::Person => "contact",
            Entity::Conflict => "sync conflict",
            Entity::Event => "event",
            Entity::Series => "event series",
            Entity::Cohort => "cohort",
            Entity::TrashItem => "trash item",
            Entity::Organization => "organisation",
            Entity::Membership => "membership",
            Entity::Team => "team",
            Entity::Interaction => "interaction",
            Entity::Engagement => "engagement",
            Entity::Session => "session",
            Entity::Action => "action",
            Entity::Template => "template",
            Entity::Axis => "axis",
            Entity::Objective => "objective",
            Entity::Seminar => "seminar",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Invalid,
    NotFound,
    Refused,
    Malformed,
    DatabaseTooNew,
    NotAFloconDatabase,
    /// The database file is damaged: the UI offers the latest backup.
    Damaged,
    /// The file's schema is not Flocon's (a backup with a trigger of its own): refused.
    ForeignSchema,
    WrongPassphrase,
    PassphraseNeeded,
    /// The sync folder is not there (drive unplugged): nothing was done.
    SyncFolderMissing,
    /// The sync folder has no team manifest yet (not copied yet, or never created).
    SyncFolderNotReady,
    /// Creating a team folder where there already is one: join it instead.
    SyncFolderInUse,
    /// The team passphrase was changed on another laptop: ask for the new one.
    SyncKeyChanged,
    /// The folder's manifest is not the one this laptop synced with: nothing was done.
    SyncManifestReplaced,
    Storage,
    Internal,
}

/// An error as it crosses a boundary (to the UI over IPC, or as `--json` output): the UI acts on
/// `kind`, puts the message beside `field` when there is one, and words `problem` in French.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErrorPayload {
    pub kind: ErrorKind,
    /// English text, for logs and for a UI that has no better wording.
    pub message: String,
    pub field: Option<String>,
    pub problem: Option<Problem>,
    /// How the file's schema differs from Flocon's, for `foreign_schema`.
    // Boxed: the payload is every command's error, and stays small.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<Box<SchemaDifference>>,
}

impl From<&Error> for ErrorPayload {
    fn from(error: &Error) -> Self {
        let (field, problem) = match error {
            Error::Invalid { field, problem } => (Some(field.clone()), Some(problem.clone())),
            _ => (None, None),
        };
        let schema = match error {
            Error::ForeignSchema { difference, .. } => Some(Box::new(difference.clone())),
            _ => None,
        };
        ErrorPayload {
            kind: error.kind(),
            message: error.to_string(),
            field,
            problem,
            schema,
        }
    }
}
