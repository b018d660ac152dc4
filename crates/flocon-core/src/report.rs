//! The activity report: what the association did over a period, drafted from what the team
//! recorded. Every figure carries the ids of the records behind it, so a reader can check it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{Error, Problem, Result};
use crate::event::{ProgrammeRef, SeriesRef};
use crate::organization::PersonRef;
use crate::roadmap::ObjectiveRef;
use crate::session::{EngagementRef, OrgRef, SessionRef};
use crate::vocab::{CohortStage, EngagementKind, Sector, SessionFormat};

/// The period, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl ReportQuery {
    pub fn validate(self) -> Result<ReportQuery> {
        if self.to < self.from {
            return Err(Error::invalid("to", Problem::EndsBeforeStart));
        }
        Ok(self)
    }
}

/// The headline figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportTotals {
    pub events: u32,
    /// Everyone who came to the period's events: marked present, or counted without a name.
    pub attendees_present: u32,
    /// Different people marked present at least once.
    pub people_present: u32,
    pub sessions: u32,
    /// Engagements with at least one session in the period.
    pub engagements: u32,
    /// Collectives with at least one session in the period.
    pub collectives: u32,
    /// Contacts added in the period.
    pub new_contacts: u32,
    pub cohorts: u32,
    pub objectives_reached: u32,
}

/// How many sessions of a format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FormatCount {
    pub format: SessionFormat,
    pub count: u32,
}

/// An engagement's sessions in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EngagementActivity {
    /// None for sessions held outside any engagement.
    pub engagement: Option<EngagementRef>,
    pub kinds: Vec<EngagementKind>,
    pub organizations: Vec<OrgRef>,
    pub sessions: u32,
    pub formats: Vec<FormatCount>,
    /// The sessions counted, in order.
    pub session_list: Vec<SessionRef>,
}

/// A collective and the engagements it had sessions in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CollectiveActivity {
    pub organization: OrgRef,
    pub sessions: u32,
    pub engagements: Vec<EngagementActivity>,
}

/// One event of a series, with its figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventLine {
    #[ts(type = "string")]
    pub id: Uuid,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    /// Marked present by name.
    pub present: u32,
    /// Came, counted without a name.
    pub unnamed: u32,
    pub registered: u32,
}

/// A series' events in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SeriesActivity {
    /// None for events outside any series.
    pub series: Option<SeriesRef>,
    pub events: u32,
    /// Everyone who came (named and unnamed), over its events.
    pub attendees_present: u32,
    pub lines: Vec<EventLine>,
}

/// How many people of a cohort reached a stage by the end of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StageTally {
    pub stage: CohortStage,
    pub count: u32,
    pub people: Vec<PersonRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CohortActivity {
    #[ts(type = "string")]
    pub id: Uuid,
    pub name: String,
    pub programme: ProgrammeRef,
    /// Stages with at least one person, in the order of the way through.
    pub stages: Vec<StageTally>,
}

/// New contacts of a sector (a contact in two sectors counts in both).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SectorCount {
    /// None for contacts with no sector.
    pub sector: Option<Sector>,
    pub count: u32,
    pub people: Vec<PersonRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ActivityReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub totals: ReportTotals,
    /// Engagements by collective: number and formats of sessions.
    pub collectives: Vec<CollectiveActivity>,
    /// Events by series, with attendance.
    pub series: Vec<SeriesActivity>,
    /// Training engagements (community organizing trainings) and their sessions.
    pub trainings: Vec<EngagementActivity>,
    pub cohorts: Vec<CohortActivity>,
    pub new_contacts: Vec<SectorCount>,
    /// Roadmap objectives of the period's quarters marked reached.
    pub objectives: Vec<ObjectiveRef>,
}

/// How far the report has been built: `done` parts of `total`, and the part being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportProgress {
    pub done: u32,
    pub total: u32,
    pub part: ReportPart,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportPart {
    Sessions,
    Events,
    Trainings,
    Cohorts,
    Contacts,
    Objectives,
}

impl ReportPart {
    pub const ALL: [ReportPart; 6] = [
        ReportPart::Sessions,
        ReportPart::Events,
        ReportPart::Trainings,
        ReportPart::Cohorts,
        ReportPart::Contacts,
        ReportPart::Objectives,
    ];
}
