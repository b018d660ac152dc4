//! The GDPR tools: what the association answers when a person asks what it holds about them
//! (Art. 15, and Art. 20 for a machine-readable copy), and the retention view of people no one
//! has been in touch with for years. The SQL lives in `store::gdpr`; the readable page in
//! `export::person`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{Error, Problem, Result};
use crate::person::{Person, PersonSummary};
use crate::vocab::{ActionStatus, Attendance, CohortStage, EventRole, InteractionKind, LegalBasis};

/// The people list filter on the legal basis: one basis, or `none` for people with no basis
/// recorded (TS: `LegalBasis | 'none'`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LegalBasisFilter {
    Consent,
    LegitimateInterest,
    Contract,
    LegalObligation,
    None,
}

impl LegalBasisFilter {
    /// The basis wanted, or None for "no basis recorded".
    pub fn basis(self) -> Option<LegalBasis> {
        match self {
            LegalBasisFilter::Consent => Some(LegalBasis::Consent),
            LegalBasisFilter::LegitimateInterest => Some(LegalBasis::LegitimateInterest),
            LegalBasisFilter::Contract => Some(LegalBasis::Contract),
            LegalBasisFilter::LegalObligation => Some(LegalBasis::LegalObligation),
            LegalBasisFilter::None => None,
        }
    }

    pub fn of(basis: LegalBasis) -> LegalBasisFilter {
        match basis {
            LegalBasis::Consent => LegalBasisFilter::Consent,
            LegalBasis::LegitimateInterest => LegalBasisFilter::LegitimateInterest,
            LegalBasis::Contract => LegalBasisFilter::Contract,
            LegalBasis::LegalObligation => LegalBasisFilter::LegalObligation,
        }
    }

    /// Reads a basis (code or French word, see `LegalBasis::parse`) or "none" / "aucune".
    pub fn parse(text: &str) -> Result<LegalBasisFilter> {
        let folded = crate::text::fold(text);
        if ["none", "aucune", "aucun", "sans"].contains(&folded.as_str()) {
            return Ok(LegalBasisFilter::None);
        }
        LegalBasis::parse(text)
            .map(LegalBasisFilter::of)
            .map_err(|_| {
                let mut expected = LegalBasis::codes();
                expected.push("none");
                Error::invalid(
                    "legal_basis",
                    Problem::UnknownValue {
                        value: text.to_string(),
                        expected: expected.join(", "),
                    },
                )
            })
    }
}

/// The two files `gdpr_export` wrote into the Downloads folder (full paths).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GdprExportFiles {
    pub json_file: String,
    pub html_file: String,
}

/// One line of the retention view: a person no one has been in touch with for a long time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RetentionRow {
    pub person: PersonSummary,
    /// The latest day something happened with them; None when nothing ever did (then their
    /// creation day counts).
    pub last_activity: Option<NaiveDate>,
    pub created_on: NaiveDate,
}

/// The fewest and most years the retention view accepts.
pub const RETENTION_YEARS: std::ops::RangeInclusive<u32> = 1..=20;
pub const DEFAULT_RETENTION_YEARS: u32 = 3;

pub(crate) fn check_retention_years(years: u32) -> Result<()> {
    if RETENTION_YEARS.contains(&years) {
        Ok(())
    } else {
        Err(Error::invalid(
            "years",
            Problem::OutOfRange {
                min: *RETENTION_YEARS.start(),
                max: *RETENTION_YEARS.end(),
            },
        ))
    }
}

/// Everything Flocon holds about one person (GDPR Art. 15 and 20), as JSON with stable
/// snake_case names. Other people appear only by name where a record links them to this
/// person (who introduced them, who else was in a conversation); their own details never do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PersonExport {
    pub exported_at: DateTime<Utc>,
    /// Every field of the person: contact details, profile, legal basis, tags, notes.
    pub person: Person,
    /// The team member who holds the relationship.
    pub point_person: Option<NamedRef>,
    /// Who introduced them.
    pub introduced_by: Option<NamedRef>,
    /// The people they introduced.
    pub introduced: Vec<NamedRef>,
    /// The people they hold the relationship with, as a team member.
    pub point_person_for: Vec<NamedRef>,
    /// The organisations they hold the relationship with, as a team member.
    pub point_person_for_organizations: Vec<NamedRef>,
    pub memberships: Vec<ExportMembership>,
    pub teams: Vec<ExportTeam>,
    pub interactions: Vec<ExportInteraction>,
    pub sessions: Vec<ExportSession>,
    /// Engagements (accompagnements) they lead.
    pub engagements_led: Vec<NamedRef>,
    pub actions: Vec<ExportAction>,
    pub events: Vec<ExportEvent>,
    pub cohort_steps: Vec<ExportCohortStep>,
    /// Roadmap objectives they own.
    pub objectives: Vec<ExportObjective>,
    /// Roadmap seminars they took part in.
    pub seminars: Vec<ExportSeminar>,
    /// Merges of duplicates this person was part of (kept or merged into another).
    pub merges: Vec<ExportMerge>,
}

/// A record named in the export: its id and its name or title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NamedRef {
    #[ts(type = "string")]
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportMembership {
    pub organization: NamedRef,
    pub role: String,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub leadership: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportTeam {
    pub team: NamedRef,
    pub organization: NamedRef,
    pub role: String,
}

/// How the person takes part in a logged conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InteractionRole {
    /// The conversation was with them: every note of it is theirs to see.
    Participant,
    /// They held it for the association.
    TeamMember,
    /// Someone suggested meeting them during it.
    Suggested,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportInteraction {
    #[ts(type = "string")]
    pub id: Uuid,
    pub date: NaiveDate,
    pub kind: InteractionKind,
    pub role: InteractionRole,
    /// The people the conversation was with, by name.
    pub with: Vec<String>,
    pub team_member: Option<String>,
    /// The notes and one-to-one fields: only where the person took part (role participant).
    pub notes: Option<String>,
    pub interests: Option<String>,
    pub story: Option<String>,
    pub resources: Option<String>,
    pub commitment_asked: Option<String>,
    pub commitment_given: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportSession {
    #[ts(type = "string")]
    pub id: Uuid,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub engagement: Option<String>,
    /// participant, facilitator.
    pub roles: Vec<String>,
    /// The session notes, only where the person was a participant (see `store::gdpr`).
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportAction {
    #[ts(type = "string")]
    pub id: Uuid,
    pub text: String,
    pub status: ActionStatus,
    pub due_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    pub session: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportEvent {
    #[ts(type = "string")]
    pub id: Uuid,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub place: String,
    pub attendance: Option<Attendance>,
    pub role: Option<EventRole>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportCohortStep {
    pub cohort: NamedRef,
    pub programme: String,
    pub stage: CohortStage,
    pub on_date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportObjective {
    #[ts(type = "string")]
    pub id: Uuid,
    pub title: String,
    pub quarter: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportSeminar {
    #[ts(type = "string")]
    pub id: Uuid,
    pub title: String,
    pub quarter: String,
    pub starts_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportMerge {
    pub merged_at: DateTime<Utc>,
    /// kept: a duplicate was merged into this person; merged: this person's record was merged
    /// into `other_id`.
    pub role: String,
    #[ts(type = "string")]
    pub other_id: Uuid,
    pub undone_at: Option<DateTime<Utc>>,
}

impl PersonExport {
    /// The export as pretty-printed JSON.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self)
            .map_err(|e| Error::Internal(format!("the export could not be written as JSON: {e}")))
    }

    /// "prenom-nom", for file names: folded, only [a-z0-9-].
    pub fn file_stem(&self) -> String {
        let name = format!("{} {}", self.person.first_name, self.person.last_name);
        let words: Vec<String> = crate::text::fold(&name)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect();
        if words.is_empty() {
            "personne".into()
        } else {
            words.join("-")
        }
    }
}
