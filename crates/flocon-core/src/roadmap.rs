//! The quarterly roadmap: strategic `Axis`es, the `Objective`s of each `Quarter`, the
//! `Seminar` where they are reviewed, the `Review` decided for each, and the quarter-to-quarter
//! `RoadmapDiff`.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{Error, Problem, Result};
use crate::organization::PersonRef;
use crate::person::{MAX_NAME_CHARS, check_len, check_long_text};
use crate::session::{EngagementRef, OrgRef};
use crate::text::tidy;
use crate::vocab::{ObjectiveStatus, ReviewDecision};

/// The most indicators an objective carries.
pub const MAX_INDICATORS: usize = 20;
/// The largest target or value (counts of people, events…), far above any real one.
pub const MAX_VALUE: f64 = 1e9;

/// A quarter of a year, written `2026-T4` (T for trimestre).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
#[ts(type = "string")]
pub struct Quarter {
    year: i32,
    number: u8,
}

impl Quarter {
    pub fn new(year: i32, number: u8) -> Option<Quarter> {
        ((1..=4).contains(&number) && (2000..=2999).contains(&year))
            .then_some(Quarter { year, number })
    }

    /// The quarter a day falls in.
    pub fn of(day: NaiveDate) -> Quarter {
        use chrono::Datelike;
        Quarter {
            year: day.year(),
            number: (day.month0() / 3 + 1) as u8,
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn number(self) -> u8 {
        self.number
    }

    pub fn next(self) -> Quarter {
        if self.number == 4 {
            Quarter {
                year: self.year + 1,
                number: 1,
            }
        } else {
            Quarter {
                number: self.number + 1,
                ..self
            }
        }
    }

    pub fn previous(self) -> Quarter {
        if self.number == 1 {
            Quarter {
                year: self.year - 1,
                number: 4,
            }
        } else {
            Quarter {
                number: self.number - 1,
                ..self
            }
        }
    }

    /// Reads `2026-T4` (also `2026-t4`, `2026-Q4`, `2026 T4`), naming `field` when it is not one.
    pub fn parse(field: &str, text: &str) -> Result<Quarter> {
        let invalid = || {
            Error::invalid(
                field,
                Problem::InvalidQuarter {
                    value: text.to_string(),
                },
            )
        };
        let cleaned: String = text
            .trim()
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_uppercase();
        let (year, number) = cleaned.split_once(['T', 'Q']).ok_or_else(invalid)?;
        let year: i32 = year.parse().map_err(|_| invalid())?;
        let number: u8 = number.parse().map_err(|_| invalid())?;
        Quarter::new(year, number).ok_or_else(invalid)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-T{}", self.year, self.number)
    }
}

impl FromStr for Quarter {
    type Err = Error;
    fn from_str(text: &str) -> Result<Quarter> {
        Quarter::parse("quarter", text)
    }
}

impl Serialize for Quarter {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Quarter {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Quarter, D::Error> {
        let text = String::deserialize(d)?;
        Quarter::parse("quarter", &text).map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Axis {
    #[ts(type = "string")]
    pub id: Uuid,
    pub name: String,
    pub position: u32,
}

/// A measure of an objective: "Membres actifs", target 40, now 28.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Indicator {
    pub name: String,
    pub target: Option<f64>,
    pub current: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ObjectiveDraft {
    pub quarter: Quarter,
    #[ts(type = "string")]
    pub axis_id: Uuid,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    #[ts(type = "Array<string>")]
    pub owners: Vec<Uuid>,
    pub status: ObjectiveStatus,
    /// A percentage without a target; a count towards the target with one.
    #[serde(default)]
    pub progress: f64,
    #[serde(default)]
    pub target: Option<f64>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Collectives the objective concerns.
    #[serde(default)]
    #[ts(type = "Array<string>")]
    pub organizations: Vec<Uuid>,
    #[serde(default)]
    #[ts(type = "Array<string>")]
    pub engagements: Vec<Uuid>,
}

fn check_value(field: &str, value: f64) -> Result<()> {
    if !value.is_finite() || !(0.0..=MAX_VALUE).contains(&value) {
        return Err(Error::invalid(
            field,
            Problem::OutOfRange {
                min: 0,
                max: MAX_VALUE as u32,
            },
        ));
    }
    Ok(())
}

/// Checks a progress against its target: a percentage (0–100) without one.
pub fn check_progress(progress: f64, target: Option<f64>) -> Result<()> {
    match target {
        None if !(0.0..=100.0).contains(&progress) || !progress.is_finite() => Err(Error::invalid(
            "progress",
            Problem::OutOfRange { min: 0, max: 100 },
        )),
        None => Ok(()),
        Some(target) => {
            check_value("target", target)?;
            if target == 0.0 {
                return Err(Error::invalid(
                    "target",
                    Problem::OutOfRange {
                        min: 1,
                        max: MAX_VALUE as u32,
                    },
                ));
            }
            check_value("progress", progress)
        }
    }
}

impl ObjectiveDraft {
    pub fn validate(mut self) -> Result<ObjectiveDraft> {
        self.title = tidy(&self.title);
        if self.title.is_empty() {
            return Err(Error::invalid("title", Problem::Required));
        }
        check_len("title", &self.title, MAX_NAME_CHARS)?;
        check_long_text("description", &mut self.description)?;
        check_progress(self.progress, self.target)?;
        dedup(&mut self.owners);
        dedup(&mut self.organizations);
        dedup(&mut self.engagements);
        if self.indicators.len() > MAX_INDICATORS {
            return Err(Error::invalid(
                "indicators",
                Problem::OutOfRange {
                    min: 0,
                    max: MAX_INDICATORS as u32,
                },
            ));
        }
        let mut indicators = Vec::with_capacity(self.indicators.len());
        for (i, mut indicator) in self.indicators.into_iter().enumerate() {
            indicator.name = tidy(&indicator.name);
            if indicator.name.is_empty()
                && indicator.target.is_none()
                && indicator.current.is_none()
            {
                continue;
            }
            if indicator.name.is_empty() {
                return Err(Error::invalid(
                    format!("indicators.{i}.name"),
                    Problem::Required,
                ));
            }
            check_len(
                &format!("indicators.{i}.name"),
                &indicator.name,
                MAX_NAME_CHARS,
            )?;
            for (field, value) in [("target", indicator.target), ("current", indicator.current)] {
                if let Some(v) = value {
                    check_value(&format!("indicators.{i}.{field}"), v)?;
                }
            }
            indicators.push(indicator);
        }
        self.indicators = indicators;
        Ok(self)
    }
}

/// An objective named in another one (its history) or in a diff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ObjectiveRef {
    #[ts(type = "string")]
    pub id: Uuid,
    pub quarter: Quarter,
    pub title: String,
    pub axis: String,
    pub status: ObjectiveStatus,
    /// Progress as a percentage of the target (or the percentage itself).
    pub percent: f64,
    pub target: Option<f64>,
}

/// What a seminar decided for an objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Review {
    pub decision: ReviewDecision,
    pub comment: String,
    pub new_target: Option<f64>,
    #[ts(type = "string | null")]
    pub seminar_id: Option<Uuid>,
    pub reviewed_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewDraft {
    pub decision: ReviewDecision,
    #[serde(default)]
    pub comment: String,
    /// Required when the decision is to adjust.
    #[serde(default)]
    pub new_target: Option<f64>,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub seminar_id: Option<Uuid>,
}

impl ReviewDraft {
    pub fn validate(mut self) -> Result<ReviewDraft> {
        check_long_text("comment", &mut self.comment)?;
        self.comment = self.comment.trim().to_string();
        match (self.decision, self.new_target) {
            (ReviewDecision::Adjust, None) => {
                return Err(Error::invalid("new_target", Problem::Required));
            }
            (_, Some(target)) => {
                check_value("new_target", target)?;
            }
            _ => {}
        }
        Ok(self)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Objective {
    #[ts(type = "string")]
    pub id: Uuid,
    pub quarter: Quarter,
    pub axis: Axis,
    pub title: String,
    pub description: String,
    pub owners: Vec<PersonRef>,
    pub status: ObjectiveStatus,
    pub progress: f64,
    pub target: Option<f64>,
    /// `progress` as a percentage of `target` (capped at 100), or `progress` itself.
    pub percent: f64,
    pub indicators: Vec<Indicator>,
    pub organizations: Vec<OrgRef>,
    pub engagements: Vec<EngagementRef>,
    /// The objective of an earlier quarter this one continues.
    pub carried_from: Option<ObjectiveRef>,
    /// The objective of the next quarter that continues this one.
    pub carried_to: Option<ObjectiveRef>,
    pub review: Option<Review>,
    /// Actions that came from this objective and are still to do.
    pub open_actions: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The percentage shown for a progress.
pub fn percent(progress: f64, target: Option<f64>) -> f64 {
    let value = match target {
        Some(t) if t > 0.0 => progress / t * 100.0,
        _ => progress,
    };
    (value.clamp(0.0, 100.0) * 10.0).round() / 10.0
}

/// A change made on the board: drag to another status or axis, or a new progress.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ObjectivePatch {
    pub status: Option<ObjectiveStatus>,
    #[ts(type = "string | null")]
    pub axis_id: Option<Uuid>,
    pub progress: Option<f64>,
}

/// Which objectives to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ObjectiveQuery {
    pub quarter: Option<Quarter>,
    #[ts(type = "string | null")]
    pub owner_id: Option<Uuid>,
    pub status: Option<ObjectiveStatus>,
}

/// Where a quarter's review stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuarterState {
    /// No objective reviewed yet.
    Open,
    /// Some objectives reviewed.
    InReview,
    /// Every objective reviewed: the quarter is closed.
    Closed,
}

/// One axis of the board, with its objectives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AxisColumn {
    pub axis: Axis,
    pub objectives: Vec<Objective>,
}

/// A quarter's roadmap: its objectives by axis, and how far its review went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Roadmap {
    pub quarter: Quarter,
    pub axes: Vec<AxisColumn>,
    pub state: QuarterState,
    pub reviewed: u32,
    pub total: u32,
    pub seminars: Vec<Seminar>,
}

/// What reviewing an objective did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewOutcome {
    pub objective: Objective,
    /// The objective created in the next quarter (maintained, adjusted or carried).
    pub successor: Option<Objective>,
    pub state: QuarterState,
}

/// How an objective changed from one quarter to the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CarriedObjective {
    pub before: ObjectiveRef,
    pub after: ObjectiveRef,
    pub decision: Option<ReviewDecision>,
    pub comment: String,
}

/// What changed between two quarters' roadmaps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RoadmapDiff {
    pub from: Quarter,
    pub to: Quarter,
    /// New in `to`, continuing nothing of `from`.
    pub added: Vec<ObjectiveRef>,
    /// Closed as achieved in `from`.
    pub closed: Vec<ObjectiveRef>,
    /// Abandoned in `from`.
    pub dropped: Vec<ObjectiveRef>,
    /// Continued from `from` into `to`, with their changes.
    pub carried: Vec<CarriedObjective>,
    /// Objectives of `from` neither reviewed nor continued.
    pub unreviewed: Vec<ObjectiveRef>,
}

/// One objective followed across quarters, for the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ObjectiveChain {
    pub title: String,
    pub axis: String,
    /// Oldest first.
    pub steps: Vec<ObjectiveStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ObjectiveStep {
    #[ts(type = "string")]
    pub id: Uuid,
    pub quarter: Quarter,
    pub status: ObjectiveStatus,
    pub percent: f64,
    pub decision: Option<ReviewDecision>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SeminarDraft {
    pub quarter: Quarter,
    pub title: String,
    #[serde(default)]
    pub starts_on: Option<NaiveDate>,
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    #[ts(type = "Array<string>")]
    pub participants: Vec<Uuid>,
    #[serde(default)]
    pub agenda: String,
    #[serde(default)]
    pub notes: String,
}

impl SeminarDraft {
    pub fn validate(mut self) -> Result<SeminarDraft> {
        self.title = tidy(&self.title);
        if self.title.is_empty() {
            return Err(Error::invalid("title", Problem::Required));
        }
        check_len("title", &self.title, MAX_NAME_CHARS)?;
        self.place = tidy(&self.place);
        check_len("place", &self.place, MAX_NAME_CHARS)?;
        check_long_text("agenda", &mut self.agenda)?;
        check_long_text("notes", &mut self.notes)?;
        if let (Some(start), Some(end)) = (self.starts_on, self.ends_on)
            && end < start
        {
            return Err(Error::invalid("ends_on", Problem::EndsBeforeStart));
        }
        dedup(&mut self.participants);
        Ok(self)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Seminar {
    #[ts(type = "string")]
    pub id: Uuid,
    pub quarter: Quarter,
    pub title: String,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub place: String,
    pub participants: Vec<PersonRef>,
    pub agenda: String,
    pub notes: String,
}

fn dedup(ids: &mut Vec<Uuid>) {
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_read_write_and_follow_each_other() {
        let q = Quarter::parse("quarter", "2026-T4").expect("a quarter");
        assert_eq!(q.to_string(), "2026-T4");
        assert_eq!(q.next().to_string(), "2027-T1");
        assert_eq!(q.next().previous(), q);
        for typed in ["2026-t4", "2026-Q4", " 2026 T4 "] {
            assert_eq!(Quarter::parse("quarter", typed).ok(), Some(q), "{typed}");
        }
        for wrong in ["2026-T5", "2026", "T4", "quatre", "2026-T0", ""] {
            assert!(
                matches!(Quarter::parse("quarter", wrong), Err(Error::Invalid { field, problem: Problem::InvalidQuarter { .. } }) if field == "quarter"),
                "{wrong}"
            );
        }
        assert_eq!(
            Quarter::of(NaiveDate::from_ymd_opt(2026, 11, 25).expect("a day")),
            q
        );
        assert_eq!(serde_json::to_string(&q).expect("json"), "\"2026-T4\"");
        assert!(Quarter::parse("q", "2026-T1").expect("q") < q);
    }

    #[test]
    fn progress_is_a_percentage_or_a_count_towards_a_target() {
        assert!(check_progress(40.0, None).is_ok());
        assert!(check_progress(140.0, None).is_err());
        assert!(check_progress(28.0, Some(40.0)).is_ok());
        assert!(check_progress(5.0, Some(0.0)).is_err());
        assert!(check_progress(f64::NAN, None).is_err());
        assert_eq!(percent(28.0, Some(40.0)), 70.0);
        assert_eq!(percent(50.0, Some(40.0)), 100.0);
        assert_eq!(percent(35.0, None), 35.0);
    }

    #[test]
    fn adjusting_needs_a_new_target() {
        let draft = ReviewDraft {
            decision: ReviewDecision::Adjust,
            comment: String::new(),
            new_target: None,
            seminar_id: None,
        };
        assert!(
            matches!(draft.validate(), Err(Error::Invalid { field, .. }) if field == "new_target")
        );
    }
}
