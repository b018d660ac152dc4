//! Coaching work over months: an `Engagement` (accompagnement) with one or more collectives,
//! its `Session`s (séances: preparation, notes, decisions), the follow-up `Action`s decided
//! there, and the `SessionTemplate`s a preparation starts from.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{Error, Problem, Result};
use crate::organization::PersonRef;
use crate::person::{MAX_NAME_CHARS, check_len, check_long_text};
use crate::text::{clean_multiline, tidy};
use crate::vocab::{ActionStatus, EngagementKind, EngagementStatus, SessionFormat};

/// The longest session: a two-day training.
pub const MAX_DURATION_MINUTES: u32 = 2 * 24 * 60;
/// The most decisions a session records.
pub const MAX_DECISIONS: usize = 500;
const MAX_LINE_CHARS: u32 = 2_000;

/// An organisation (usually a collective) named in a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrgRef {
    #[ts(type = "string")]
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EngagementDraft {
    pub title: String,
    /// The collectives accompanied (at least one).
    #[ts(type = "Array<string>")]
    pub organizations: Vec<Uuid>,
    #[serde(default)]
    pub kinds: Vec<EngagementKind>,
    /// The goals, in Markdown; task-list items (`- [ ]` / `- [x]`) measure progress.
    #[serde(default)]
    pub goals: String,
    #[serde(default)]
    pub starts_on: Option<NaiveDate>,
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
    /// E.g. "bilatérale mensuelle + collective mensuelle".
    #[serde(default)]
    pub cadence: String,
    /// The funder or partner organisation.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub funder_id: Option<Uuid>,
    pub status: EngagementStatus,
    /// The team members leading it.
    #[serde(default)]
    #[ts(type = "Array<string>")]
    pub leads: Vec<Uuid>,
}

impl EngagementDraft {
    pub fn validate(mut self) -> Result<EngagementDraft> {
        self.title = tidy(&self.title);
        if self.title.is_empty() {
            return Err(Error::invalid("title", Problem::Required));
        }
        check_len("title", &self.title, MAX_NAME_CHARS)?;
        dedup(&mut self.organizations);
        if self.organizations.is_empty() {
            return Err(Error::invalid("organizations", Problem::Required));
        }
        self.kinds.sort();
        self.kinds.dedup();
        dedup(&mut self.leads);
        self.cadence = tidy(&self.cadence);
        check_len("cadence", &self.cadence, MAX_NAME_CHARS)?;
        check_long_text("goals", &mut self.goals)?;
        if let (Some(start), Some(end)) = (self.starts_on, self.ends_on)
            && end < start
        {
            return Err(Error::invalid("ends_on", Problem::EndsBeforeStart));
        }
        Ok(self)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Engagement {
    #[ts(type = "string")]
    pub id: Uuid,
    pub title: String,
    pub organizations: Vec<OrgRef>,
    pub kinds: Vec<EngagementKind>,
    pub goals: String,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub cadence: String,
    pub funder: Option<OrgRef>,
    pub status: EngagementStatus,
    pub leads: Vec<PersonRef>,
    /// When its latest session started (or will start).
    pub last_session_at: Option<DateTime<Utc>>,
    pub session_count: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// How far an engagement has come: its goals checked off, its actions done.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Progress {
    pub goals_done: u32,
    pub goals_total: u32,
    pub actions_done: u32,
    /// Actions not dropped.
    pub actions_total: u32,
}

/// A decision, with the session it was taken in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionRef {
    pub text: String,
    pub session: SessionRef,
}

/// Everything the engagement page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EngagementPage {
    pub engagement: Engagement,
    /// The goals rendered to sanitized HTML.
    pub goals_html: String,
    pub progress: Progress,
    /// Its sessions, oldest first.
    pub sessions: Vec<SessionSummary>,
    /// Every decision across its sessions, in session order.
    pub decisions: Vec<DecisionRef>,
    /// Every action that came out of its sessions, open ones first.
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionDraft {
    pub title: String,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub engagement_id: Option<Uuid>,
    /// The collectives present.
    #[serde(default)]
    #[ts(type = "Array<string>")]
    pub organizations: Vec<Uuid>,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: u32,
    /// A place, or a video link.
    #[serde(default)]
    pub place: String,
    pub format: SessionFormat,
    #[serde(default)]
    #[ts(type = "Array<string>")]
    pub participants: Vec<Uuid>,
    /// The team members facilitating.
    #[serde(default)]
    #[ts(type = "Array<string>")]
    pub facilitators: Vec<Uuid>,
    /// Agenda and questions, in Markdown.
    #[serde(default)]
    pub preparation: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub decisions: Vec<String>,
    #[serde(default)]
    pub next_session_on: Option<NaiveDate>,
}

impl SessionDraft {
    pub fn validate(mut self) -> Result<SessionDraft> {
        self.title = tidy(&self.title);
        if self.title.is_empty() {
            return Err(Error::invalid("title", Problem::Required));
        }
        check_len("title", &self.title, MAX_NAME_CHARS)?;
        if self.duration_minutes == 0 || self.duration_minutes > MAX_DURATION_MINUTES {
            return Err(Error::invalid(
                "duration_minutes",
                Problem::OutOfRange {
                    min: 1,
                    max: MAX_DURATION_MINUTES,
                },
            ));
        }
        self.place = clean_multiline(self.place.trim()).into_owned();
        check_len("place", &self.place, MAX_LINE_CHARS)?;
        dedup(&mut self.organizations);
        dedup(&mut self.participants);
        dedup(&mut self.facilitators);
        check_long_text("preparation", &mut self.preparation)?;
        check_long_text("notes", &mut self.notes)?;
        self.decisions = tidy_decisions(self.decisions)?;
        Ok(self)
    }

    pub fn ends_at(&self) -> DateTime<Utc> {
        self.starts_at + chrono::Duration::minutes(self.duration_minutes.into())
    }
}

/// Trims each decision, drops the empty ones, and checks their number and length.
pub fn tidy_decisions(decisions: Vec<String>) -> Result<Vec<String>> {
    let kept: Vec<String> = decisions
        .into_iter()
        .map(|d| clean_multiline(&d).trim().to_string())
        .filter(|d| !d.is_empty())
        .collect();
    if kept.len() > MAX_DECISIONS {
        return Err(Error::invalid(
            "decisions",
            Problem::OutOfRange {
                min: 0,
                max: MAX_DECISIONS as u32,
            },
        ));
    }
    for (i, d) in kept.iter().enumerate() {
        check_len(&format!("decisions.{i}"), d, MAX_LINE_CHARS)?;
    }
    Ok(kept)
}

/// A session named in a page or a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionRef {
    #[ts(type = "string")]
    pub id: Uuid,
    pub title: String,
    pub starts_at: DateTime<Utc>,
}

/// A session as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionSummary {
    #[ts(type = "string")]
    pub id: Uuid,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: u32,
    pub place: String,
    pub format: SessionFormat,
    pub engagement: Option<EngagementRef>,
    pub organizations: Vec<OrgRef>,
    /// Actions decided there and still to do.
    pub open_actions: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EngagementRef {
    #[ts(type = "string")]
    pub id: Uuid,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Session {
    #[ts(type = "string")]
    pub id: Uuid,
    pub title: String,
    pub engagement: Option<EngagementRef>,
    pub organizations: Vec<OrgRef>,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: u32,
    pub place: String,
    pub format: SessionFormat,
    pub participants: Vec<PersonRef>,
    pub facilitators: Vec<PersonRef>,
    pub preparation: String,
    pub notes: String,
    pub decisions: Vec<String>,
    pub next_session_on: Option<NaiveDate>,
    /// The actions decided in this session.
    pub actions: Vec<Action>,
    /// Open actions of earlier sessions, carried into this one's preparation.
    pub carried_actions: Vec<Action>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Which long text of a session an autosave writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SessionText {
    Preparation,
    Notes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActionDraft {
    pub text: String,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub owner_id: Option<Uuid>,
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
    /// The session it was decided in.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub session_id: Option<Uuid>,
    /// The roadmap objective it serves.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub objective_id: Option<Uuid>,
}

impl ActionDraft {
    pub fn validate(mut self) -> Result<ActionDraft> {
        self.text = tidy(&self.text);
        if self.text.is_empty() {
            return Err(Error::invalid("text", Problem::Required));
        }
        check_len("text", &self.text, MAX_LINE_CHARS)?;
        Ok(self)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Action {
    #[ts(type = "string")]
    pub id: Uuid,
    pub text: String,
    pub owner: Option<PersonRef>,
    pub due_on: Option<NaiveDate>,
    pub status: ActionStatus,
    pub done_on: Option<NaiveDate>,
    /// The session it was decided in.
    pub session: Option<SessionRef>,
    /// The roadmap objective it serves.
    pub objective: Option<ObjectiveLink>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A roadmap objective named by an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ObjectiveLink {
    #[ts(type = "string")]
    pub id: Uuid,
    pub title: String,
    /// Its quarter, as `2026-T4`.
    pub quarter: String,
}

/// Which actions to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ActionQuery {
    #[ts(type = "string | null")]
    pub owner_id: Option<Uuid>,
    /// Only open actions due before this day.
    pub overdue_on: Option<NaiveDate>,
    /// Only actions in this status.
    pub status: Option<ActionStatus>,
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionTemplate {
    #[ts(type = "string")]
    pub id: Uuid,
    pub name: String,
    /// The preparation it starts from, in Markdown.
    pub body: String,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateDraft {
    pub name: String,
    #[serde(default)]
    pub body: String,
}

impl TemplateDraft {
    pub fn validate(mut self) -> Result<TemplateDraft> {
        self.name = tidy(&self.name);
        if self.name.is_empty() {
            return Err(Error::invalid("name", Problem::Required));
        }
        check_len("name", &self.name, MAX_NAME_CHARS)?;
        check_long_text("body", &mut self.body)?;
        Ok(self)
    }
}

/// What "Ma semaine" asks for: the UI knows the user's time zone, so it gives the week's
/// bounds as instants and today's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WeekQuery {
    pub today: NaiveDate,
    pub day_start: DateTime<Utc>,
    pub day_end: DateTime<Utc>,
    pub week_start: DateTime<Utc>,
    pub week_end: DateTime<Utc>,
    /// Engagements in progress with no session for more than this many weeks are flagged.
    pub stale_after_weeks: u32,
    /// At most this many actions per owner in each list (the most urgent); all when absent.
    /// The home screen asks for a few and the rest when a person unfolds a group.
    #[serde(default)]
    #[ts(optional)]
    pub actions_per_owner: Option<u32>,
    /// At most this many owners in each list, the first by name; the others are only counted
    /// (`Week::overdue_beyond`, `upcoming_beyond`). All when absent.
    #[serde(default)]
    #[ts(optional)]
    pub owners_per_section: Option<u32>,
}

/// "Ma semaine"'s default settings, the same as the UI's (`ui/src/lib/week/range.ts`:
/// `DEFAULT_STALE_WEEKS`, `ACTIONS_PER_OWNER`).
pub const HOME_STALE_WEEKS: u32 = 6;
pub const HOME_ACTIONS_PER_OWNER: u32 = 5;
pub const HOME_OWNERS_PER_SECTION: u32 = 30;

impl WeekQuery {
    /// The question the home screen asks at `now` with its default settings, built like the
    /// UI's `weekQuery`: the local day and the Monday-to-Monday week, each from local midnight.
    /// None when a local midnight does not exist (a daylight-saving change at midnight).
    pub fn home<Tz: TimeZone>(now: &DateTime<Tz>) -> Option<WeekQuery> {
        let today = now.date_naive();
        let midnight = |days: i64| -> Option<DateTime<Utc>> {
            let date = today.checked_add_signed(chrono::Duration::days(days))?;
            let local = now
                .timezone()
                .from_local_datetime(&date.and_hms_opt(0, 0, 0)?);
            local.earliest().map(|at| at.with_timezone(&Utc))
        };
        let since_monday = i64::from(now.weekday().num_days_from_monday());
        Some(WeekQuery {
            today,
            day_start: midnight(0)?,
            day_end: midnight(1)?,
            week_start: midnight(-since_monday)?,
            week_end: midnight(7 - since_monday)?,
            stale_after_weeks: HOME_STALE_WEEKS,
            actions_per_owner: Some(HOME_ACTIONS_PER_OWNER),
            owners_per_section: Some(HOME_OWNERS_PER_SECTION),
        })
    }
}

/// A person's open actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActionsByOwner {
    /// None for actions nobody owns yet.
    pub owner: Option<PersonRef>,
    /// The most urgent first; only the first `actions_per_owner` when the query had a limit.
    pub actions: Vec<Action>,
    /// How many open actions the group has in all.
    pub total: u32,
}

/// An engagement in progress that has gone quiet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuietEngagement {
    pub engagement: EngagementRef,
    pub organizations: Vec<OrgRef>,
    /// Its latest session; None when it never had one.
    pub last_session_at: Option<DateTime<Utc>>,
}

/// The home view: the week's sessions, actions by owner, quiet engagements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Week {
    pub today: Vec<SessionSummary>,
    /// This week's other sessions.
    pub this_week: Vec<SessionSummary>,
    /// Open actions due before today, by owner.
    pub overdue: Vec<ActionsByOwner>,
    /// Open actions due from today to two weeks ahead, by owner.
    pub upcoming: Vec<ActionsByOwner>,
    pub quiet_engagements: Vec<QuietEngagement>,
    /// The owners of late actions left out by `owners_per_section`.
    #[serde(default)]
    pub overdue_beyond: OwnersBeyond,
    /// The owners of coming actions left out by `owners_per_section`.
    #[serde(default)]
    pub upcoming_beyond: OwnersBeyond,
}

/// Owners a list left out, and how many open actions they hold between them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OwnersBeyond {
    pub owners: u32,
    pub actions: u32,
}

/// Reads a date and time typed by a person: RFC 3339 with an offset (`2026-03-29T10:00+02:00`,
/// `…Z`), or without one (`2026-03-29T10:00`, `2026-03-29 10:00`), which is then local time in
/// `tz`. A local time that happens twice (when clocks go back) is the first; one that never
/// happens (when clocks go forward) is refused.
pub fn parse_datetime<Tz: chrono::TimeZone>(
    field: &str,
    text: &str,
    tz: &Tz,
) -> Result<DateTime<Utc>> {
    let text = text.trim();
    let invalid = || {
        Error::invalid(
            field,
            Problem::InvalidDateTime {
                value: text.to_string(),
            },
        )
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    for format in [
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%d %H:%M%:z",
        "%Y-%m-%dT%H:%M:%S%:z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(text, format) {
            return Ok(t.with_timezone(&Utc));
        }
    }
    let local = [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|f| chrono::NaiveDateTime::parse_from_str(text, f).ok())
    .ok_or_else(invalid)?;
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(invalid)
}

fn dedup(ids: &mut Vec<Uuid>) {
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_home_query_is_the_local_day_and_the_monday_to_monday_week() {
        // Thursday 26 November 2026, 00:30 in Paris (UTC+1): still the 25th in UTC.
        let paris = chrono::FixedOffset::east_opt(3600).expect("offset");
        let now = paris.with_ymd_and_hms(2026, 11, 26, 0, 30, 0).unwrap();
        let query = WeekQuery::home(&now).expect("every midnight exists at a fixed offset");
        let utc = |text: &str| text.parse::<DateTime<Utc>>().expect("instant");
        assert_eq!(query.today, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
        assert_eq!(query.day_start, utc("2026-11-25T23:00:00Z"));
        assert_eq!(query.day_end, utc("2026-11-26T23:00:00Z"));
        assert_eq!(query.week_start, utc("2026-11-22T23:00:00Z"));
        assert_eq!(query.week_end, utc("2026-11-29T23:00:00Z"));
        assert_eq!(query.stale_after_weeks, HOME_STALE_WEEKS);
        assert_eq!(query.actions_per_owner, Some(HOME_ACTIONS_PER_OWNER));
        assert_eq!(query.owners_per_section, Some(HOME_OWNERS_PER_SECTION));

        // A Sunday belongs to the week that started on the Monday before it.
        let sunday = Utc.with_ymd_and_hms(2026, 11, 29, 18, 0, 0).unwrap();
        let query = WeekQuery::home(&sunday).expect("query");
        assert_eq!(query.week_start, utc("2026-11-23T00:00:00Z"));
        assert_eq!(query.week_end, utc("2026-11-30T00:00:00Z"));
    }

    fn session() -> SessionDraft {
        SessionDraft {
            title: "  Séance   de coaching ".into(),
            engagement_id: None,
            organizations: vec![],
            starts_at: "2026-11-26T09:00:00Z".parse().expect("instant"),
            duration_minutes: 90,
            place: String::new(),
            format: SessionFormat::Collective,
            participants: vec![],
            facilitators: vec![],
            preparation: String::new(),
            notes: String::new(),
            decisions: vec!["  Garder la réunion du mardi ".into(), "   ".into()],
            next_session_on: None,
        }
    }

    #[test]
    fn date_times_with_and_without_offset() {
        let paris = chrono::FixedOffset::east_opt(3600).expect("offset");
        let at = |t: &str| parse_datetime("start", t, &paris).map(|d| d.to_rfc3339());
        assert_eq!(
            at("2026-03-28T10:00").ok().as_deref(),
            Some("2026-03-28T09:00:00+00:00")
        );
        assert_eq!(
            at("2026-03-28 10:00").ok().as_deref(),
            Some("2026-03-28T09:00:00+00:00")
        );
        assert_eq!(
            at("2026-03-30T10:00+02:00").ok().as_deref(),
            Some("2026-03-30T08:00:00+00:00")
        );
        assert_eq!(
            at("2026-03-30T10:00:00Z").ok().as_deref(),
            Some("2026-03-30T10:00:00+00:00")
        );
        for wrong in ["demain 10h", "2026-02-30T10:00", "2026-03-28", ""] {
            assert!(
                matches!(at(wrong), Err(Error::Invalid { field, problem: Problem::InvalidDateTime { .. } }) if field == "start"),
                "{wrong} should be refused"
            );
        }
    }

    #[test]
    fn a_session_is_tidied_and_its_empty_decisions_dropped() {
        let s = session().validate().expect("valid");
        assert_eq!(s.title, "Séance de coaching");
        assert_eq!(s.decisions, vec!["Garder la réunion du mardi"]);
        assert_eq!(s.ends_at().to_rfc3339(), "2026-11-26T10:30:00+00:00");
    }

    #[test]
    fn a_session_needs_a_title_and_a_sensible_duration() {
        let mut s = session();
        s.title = " ".into();
        assert!(matches!(s.validate(), Err(Error::Invalid { field, .. }) if field == "title"));
        let mut s = session();
        s.duration_minutes = 0;
        assert!(
            matches!(s.validate(), Err(Error::Invalid { field, .. }) if field == "duration_minutes")
        );
    }

    #[test]
    fn an_engagement_needs_a_collective_and_ends_after_it_starts() {
        let draft = EngagementDraft {
            title: "Accompagnement 2026".into(),
            organizations: vec![],
            kinds: vec![],
            goals: String::new(),
            starts_on: NaiveDate::from_ymd_opt(2026, 9, 1),
            ends_on: NaiveDate::from_ymd_opt(2026, 6, 30),
            cadence: String::new(),
            funder_id: None,
            status: EngagementStatus::Active,
            leads: vec![],
        };
        assert!(
            matches!(draft.clone().validate(), Err(Error::Invalid { field, .. }) if field == "organizations")
        );
        let draft = EngagementDraft {
            organizations: vec![Uuid::now_v7()],
            ..draft
        };
        assert!(
            matches!(draft.validate(), Err(Error::Invalid { field, .. }) if field == "ends_on")
        );
    }
}
