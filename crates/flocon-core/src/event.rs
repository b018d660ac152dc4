//! Community events (rencontres) and who came, and training programmes with their cohorts:
//! each person's way through a cohort, stage by stage.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{Error, Problem, Result};
use crate::organization::PersonRef;
use crate::person::{MAX_NAME_CHARS, check_len, check_long_text};
use crate::session::OrgRef;
use crate::text::{clean_multiline, tidy};
use crate::vocab::{Attendance, CohortStage, EventRole};

/// The longest place or link.
const MAX_LINE_CHARS: u32 = 500;
/// Far above any hall the association fills.
pub const MAX_UNNAMED: u32 = 100_000;

/// A series events belong to (#GagnerEnsemble, co-développement…): the team's own list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventSeries {
    #[ts(type = "string")]
    pub id: Uuid,
    pub name: String,
    /// How many events it has.
    pub events: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SeriesRef {
    #[ts(type = "string")]
    pub id: Uuid,
    pub name: String,
}

/// What a person types to create or change an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventDraft {
    pub title: String,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub series_id: Option<Uuid>,
    pub starts_at: DateTime<Utc>,
    #[serde(default)]
    pub ends_at: Option<DateTime<Utc>>,
    /// A place, or a video link.
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    #[ts(type = "Array<string>")]
    pub speakers: Vec<Uuid>,
    #[serde(default)]
    #[ts(type = "Array<string>")]
    pub guests: Vec<Uuid>,
    /// The organisations involved (hosts, partners, collectives taking part).
    #[serde(default)]
    #[ts(type = "Array<string>")]
    pub organizations: Vec<Uuid>,
    /// Markdown.
    #[serde(default)]
    pub description: String,
    /// Markdown.
    #[serde(default)]
    pub notes: String,
    /// People who came but whose names were not taken.
    #[serde(default)]
    pub unnamed_count: u32,
}

impl EventDraft {
    pub fn validate(mut self) -> Result<EventDraft> {
        self.title = tidy(&self.title);
        if self.title.is_empty() {
            return Err(Error::invalid("title", Problem::Required));
        }
        check_len("title", &self.title, MAX_NAME_CHARS)?;
        if self.ends_at.is_some_and(|end| end < self.starts_at) {
            return Err(Error::invalid("ends_at", Problem::EndsBeforeStart));
        }
        self.place = clean_multiline(self.place.trim()).into_owned();
        check_len("place", &self.place, MAX_LINE_CHARS)?;
        dedup(&mut self.speakers);
        dedup(&mut self.guests);
        self.guests.retain(|g| !self.speakers.contains(g));
        dedup(&mut self.organizations);
        check_long_text("description", &mut self.description)?;
        check_long_text("notes", &mut self.notes)?;
        if self.unnamed_count > MAX_UNNAMED {
            return Err(Error::invalid(
                "unnamed_count",
                Problem::OutOfRange {
                    min: 0,
                    max: MAX_UNNAMED,
                },
            ));
        }
        Ok(self)
    }
}

/// How many people answered each way, and the unnamed ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttendanceCounts {
    pub invited: u32,
    pub registered: u32,
    pub present: u32,
    pub absent: u32,
    pub excused: u32,
    pub unnamed: u32,
}

impl AttendanceCounts {
    /// Everyone who was there: those marked present and those counted without a name.
    pub fn came(&self) -> u32 {
        self.present + self.unnamed
    }

    pub(crate) fn add(&mut self, status: Attendance, n: u32) {
        match status {
            Attendance::Invited => self.invited += n,
            Attendance::Registered => self.registered += n,
            Attendance::Present => self.present += n,
            Attendance::Absent => self.absent += n,
            Attendance::Excused => self.excused += n,
        }
    }
}

/// One person on an event's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttendanceEntry {
    pub person: PersonRef,
    pub status: Attendance,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Event {
    #[ts(type = "string")]
    pub id: Uuid,
    pub title: String,
    pub series: Option<SeriesRef>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: Option<DateTime<Utc>>,
    pub place: String,
    pub speakers: Vec<PersonRef>,
    pub guests: Vec<PersonRef>,
    pub organizations: Vec<OrgRef>,
    pub description: String,
    pub notes: String,
    pub unnamed_count: u32,
    /// By name.
    pub attendance: Vec<AttendanceEntry>,
    pub counts: AttendanceCounts,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An event as lists and calendars show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventSummary {
    #[ts(type = "string")]
    pub id: Uuid,
    pub title: String,
    pub series: Option<SeriesRef>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: Option<DateTime<Utc>>,
    pub place: String,
    pub counts: AttendanceCounts,
}

/// Which events to list: those starting in [from, to), of a series; newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventQuery {
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<DateTime<Utc>>,
    #[serde(default)]
    #[ts(optional)]
    pub to: Option<DateTime<Utc>>,
    #[serde(default)]
    #[ts(optional, type = "string")]
    pub series_id: Option<Uuid>,
}

/// An event a person took part in, and how (for their page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonEvent {
    pub event: EventSummary,
    /// Their answer; None when they only spoke or were a guest of honour.
    pub status: Option<Attendance>,
    pub role: Option<EventRole>,
}

/// An event an organisation was involved in, or that its members attended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrganizationEvent {
    pub event: EventSummary,
    /// The organisation is named on the event.
    pub involved: bool,
    /// How many of its members came.
    pub members_present: u32,
}

// --- Programmes and cohorts --------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProgrammeRef {
    #[ts(type = "string")]
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CohortDraft {
    pub name: String,
    /// The programme's name: found (accents and case aside) or created.
    pub programme: String,
    #[serde(default)]
    pub starts_on: Option<NaiveDate>,
}

impl CohortDraft {
    pub fn validate(mut self) -> Result<CohortDraft> {
        self.name = tidy(&self.name);
        self.programme = tidy(&self.programme);
        if self.name.is_empty() {
            return Err(Error::invalid("name", Problem::Required));
        }
        if self.programme.is_empty() {
            return Err(Error::invalid("programme", Problem::Required));
        }
        check_len("name", &self.name, MAX_NAME_CHARS)?;
        check_len("programme", &self.programme, MAX_NAME_CHARS)?;
        Ok(self)
    }
}

/// A stage a person reached, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StageStep {
    pub stage: CohortStage,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CohortMember {
    pub person: PersonRef,
    /// Where they stand now: their latest step.
    pub stage: CohortStage,
    pub since: NaiveDate,
    /// Every step, oldest first.
    pub steps: Vec<StageStep>,
}

/// How many people stand at a stage now, and how many ever reached it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StageCount {
    pub stage: CohortStage,
    pub now: u32,
    pub reached: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Cohort {
    #[ts(type = "string")]
    pub id: Uuid,
    pub name: String,
    pub programme: ProgrammeRef,
    pub starts_on: Option<NaiveDate>,
    /// By stage, then name.
    pub members: Vec<CohortMember>,
    /// Every stage, in the order of the way through.
    pub counts: Vec<StageCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CohortSummary {
    #[ts(type = "string")]
    pub id: Uuid,
    pub name: String,
    pub programme: ProgrammeRef,
    pub starts_on: Option<NaiveDate>,
    pub members: u32,
}

fn dedup(ids: &mut Vec<Uuid>) {
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> EventDraft {
        EventDraft {
            title: "  Soirée de la communauté ".into(),
            series_id: None,
            starts_at: "2026-06-12T17:00:00Z".parse().expect("date"),
            ends_at: None,
            place: " Maison des associations ".into(),
            speakers: Vec::new(),
            guests: Vec::new(),
            organizations: Vec::new(),
            description: String::new(),
            notes: String::new(),
            unnamed_count: 0,
        }
    }

    #[test]
    fn an_event_needs_a_title_and_cannot_end_before_it_starts() {
        let ok = draft().validate().expect("valid");
        assert_eq!(ok.title, "Soirée de la communauté");
        assert_eq!(ok.place, "Maison des associations");
        let untitled = EventDraft {
            title: "   ".into(),
            ..draft()
        };
        assert!(matches!(
            untitled.validate(),
            Err(Error::Invalid { field, .. }) if field == "title"
        ));
        let backwards = EventDraft {
            ends_at: Some("2026-06-12T16:00:00Z".parse().expect("date")),
            ..draft()
        };
        assert!(matches!(
            backwards.validate(),
            Err(Error::Invalid { field, problem: Problem::EndsBeforeStart }) if field == "ends_at"
        ));
    }

    #[test]
    fn a_speaker_is_not_also_listed_as_a_guest() {
        let p = Uuid::now_v7();
        let d = EventDraft {
            speakers: vec![p, p],
            guests: vec![p, Uuid::nil()],
            ..draft()
        }
        .validate()
        .expect("valid");
        assert_eq!(d.speakers, vec![p]);
        assert_eq!(d.guests, vec![Uuid::nil()]);
    }

    #[test]
    fn everyone_who_came_counts_the_unnamed_too() {
        let mut c = AttendanceCounts::default();
        c.add(Attendance::Present, 9);
        c.add(Attendance::Excused, 1);
        c.unnamed = 66;
        assert_eq!(c.came(), 75);
    }
}
