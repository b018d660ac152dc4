//! `flocon events …`, `flocon attendance …`, `flocon cohorts …` and `flocon report`: community
//! events and who came, training cohorts, and the activity report drafted from the records.
//! Times typed without an offset are local time (the `TZ` environment variable when set).

use std::path::PathBuf;

use chrono::{DateTime, Local, Utc};
use clap::{Subcommand, ValueEnum};
use flocon_core::event::{CohortDraft, EventDraft, EventQuery};
use flocon_core::person::parse_date;
use flocon_core::report::ReportQuery;
use flocon_core::session::parse_datetime;
use flocon_core::vocab::{Attendance, CohortStage};
use flocon_core::{Store, export, parse_id};
use uuid::Uuid;

use crate::coaching::{ids, local_time};
use crate::files::print_or_write;
use crate::output::{print_json, print_table};

#[derive(Subcommand)]
pub enum EventsCommand {
    /// Record an event (rencontre) and print only its id
    Add {
        #[arg(long, value_name = "TITLE")]
        title: String,
        /// The series it belongs to, by name (#GagnerEnsemble, Atelier…); a new name starts a
        /// new series
        #[arg(long, value_name = "SERIES")]
        series: Option<String>,
        /// YYYY-MM-DDTHH:MM, local time unless an offset is given (…+02:00, …Z)
        #[arg(long, value_name = "DATETIME")]
        start: String,
        #[arg(long, value_name = "DATETIME")]
        end: Option<String>,
        /// A place, or a video link
        #[arg(long, value_name = "PLACE", default_value = "")]
        place: String,
        /// A speaker (a contact id; repeatable)
        #[arg(long = "speaker", value_name = "PERSON_ID")]
        speakers: Vec<String>,
        /// An organisation involved (repeatable)
        #[arg(long = "org", value_name = "ORG_ID")]
        orgs: Vec<String>,
        /// People who came whose names were not taken
        #[arg(long, value_name = "N", default_value_t = 0)]
        unnamed: u32,
    },
    /// List events, newest first
    List {
        /// From this day (YYYY-MM-DD, local)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Until this day, included
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Only this series (by name)
        #[arg(long, value_name = "SERIES")]
        series: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show an event with its attendance list
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum AttendanceCommand {
    /// Put a person on an event's list with an answer
    Set {
        #[arg(long, value_name = "EVENT_ID")]
        event: String,
        #[arg(long, value_name = "PERSON_ID")]
        person: String,
        /// invited, registered, present, absent, excused (or French word); `none` takes the
        /// person off the list
        #[arg(long, value_name = "STATUS")]
        status: String,
    },
}

#[derive(Subcommand)]
pub enum CohortsCommand {
    /// Start a cohort of a programme (found by name or created) and print only its id
    Add {
        #[arg(long, value_name = "NAME")]
        name: String,
        #[arg(long, value_name = "PROGRAMME")]
        programme: String,
        /// YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
    },
    /// Record the stage a person reached in a cohort (adding them if new)
    Stage {
        #[arg(long, value_name = "COHORT_ID")]
        cohort: String,
        #[arg(long, value_name = "PERSON_ID")]
        person: String,
        /// interested, applicant, accepted, certified, rejected, dropped (or French word)
        #[arg(long, value_name = "STAGE")]
        stage: String,
        /// The day it happened (YYYY-MM-DD; today by default)
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// List cohorts
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show a cohort by stage
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    /// Markdown
    Md,
    /// A standalone HTML page, to print or save as PDF
    Html,
    /// Every figure and the records behind it
    Json,
}

pub fn run_events(store: &Store, command: EventsCommand) -> flocon_core::Result<()> {
    match command {
        EventsCommand::Add {
            title,
            series,
            start,
            end,
            place,
            speakers,
            orgs,
            unnamed,
        } => {
            let draft = EventDraft {
                title,
                series_id: series.as_deref().map(|s| series_id(store, s)).transpose()?,
                starts_at: parse_datetime("start", &start, &Local)?,
                ends_at: end
                    .as_deref()
                    .map(|e| parse_datetime("end", e, &Local))
                    .transpose()?,
                place,
                speakers: ids(&speakers)?,
                guests: Vec::new(),
                organizations: ids(&orgs)?,
                description: String::new(),
                notes: String::new(),
                unnamed_count: unnamed,
            };
            say!("{}", store.create_event(draft)?.id);
        }
        EventsCommand::List {
            from,
            to,
            series,
            json,
        } => {
            let query = EventQuery {
                from: from
                    .as_deref()
                    .map(|d| day_start("from", d, 0))
                    .transpose()?,
                to: to.as_deref().map(|d| day_start("to", d, 1)).transpose()?,
                series_id: match series {
                    Some(name) => Some(
                        store
                            .find_series(&name)?
                            .ok_or_else(|| {
                                flocon_core::Error::Refused(format!("no series named \"{name}\""))
                            })?
                            .id,
                    ),
                    None => None,
                },
            };
            let list = store.list_events(&query)?;
            if json {
                return print_json(&list);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|e| {
                    vec![
                        e.id.to_string(),
                        local_time(e.starts_at),
                        e.series
                            .as_ref()
                            .map(|s| s.name.clone())
                            .unwrap_or_default(),
                        e.title.clone(),
                        format!("{} présents", e.counts.came()),
                    ]
                })
                .collect();
            print_table(&rows);
        }
        EventsCommand::Show { id, json } => {
            let event = store.get_event(parse_id(&id)?)?;
            if json {
                return print_json(&event);
            }
            say!("{}", event.title);
            say!("{}", local_time(event.starts_at));
            if let Some(series) = &event.series {
                say!("Série : {}", series.name);
            }
            if !event.place.is_empty() {
                say!("Lieu : {}", event.place);
            }
            let c = event.counts;
            say!(
                "Présents : {} (dont {} sans nom) · inscrits {} · invités {} · excusés {} · absents {}",
                c.came(),
                c.unnamed,
                c.registered,
                c.invited,
                c.excused,
                c.absent
            );
            let rows: Vec<Vec<String>> = event
                .attendance
                .iter()
                .map(|a| {
                    vec![
                        a.person.id.to_string(),
                        a.person.name.clone(),
                        a.status.label_fr().to_string(),
                    ]
                })
                .collect();
            print_table(&rows);
        }
    }
    Ok(())
}

pub fn run_attendance(store: &Store, command: AttendanceCommand) -> flocon_core::Result<()> {
    match command {
        AttendanceCommand::Set {
            event,
            person,
            status,
        } => {
            let status = match status.trim().to_lowercase().as_str() {
                "none" | "aucun" => None,
                _ => Some(Attendance::parse(&status)?),
            };
            store.set_attendance(parse_id(&event)?, parse_id(&person)?, status)?;
        }
    }
    Ok(())
}

pub fn run_cohorts(store: &Store, command: CohortsCommand) -> flocon_core::Result<()> {
    match command {
        CohortsCommand::Add {
            name,
            programme,
            start,
        } => {
            let cohort = store.create_cohort(CohortDraft {
                name,
                programme,
                starts_on: start
                    .as_deref()
                    .map(|d| parse_date("start", d))
                    .transpose()?,
            })?;
            say!("{}", cohort.id);
        }
        CohortsCommand::Stage {
            cohort,
            person,
            stage,
            on,
        } => {
            let on = match on {
                Some(d) => parse_date("on", &d)?,
                None => Local::now().date_naive(),
            };
            store.set_cohort_stage(
                parse_id(&cohort)?,
                parse_id(&person)?,
                CohortStage::parse(&stage)?,
                on,
            )?;
        }
        CohortsCommand::List { json } => {
            let list = store.list_cohorts()?;
            if json {
                return print_json(&list);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|c| {
                    vec![
                        c.id.to_string(),
                        c.name.clone(),
                        c.programme.name.clone(),
                        format!("{} personnes", c.members),
                    ]
                })
                .collect();
            print_table(&rows);
        }
        CohortsCommand::Show { id, json } => {
            let cohort = store.get_cohort(parse_id(&id)?)?;
            if json {
                return print_json(&cohort);
            }
            say!("{} ({})", cohort.name, cohort.programme.name);
            for count in &cohort.counts {
                say!(
                    "{} : {} maintenant, {} au total",
                    count.stage.label_fr(),
                    count.now,
                    count.reached
                );
            }
            let rows: Vec<Vec<String>> = cohort
                .members
                .iter()
                .map(|m| {
                    vec![
                        m.person.id.to_string(),
                        m.person.name.clone(),
                        m.stage.label_fr().to_string(),
                        m.since.to_string(),
                    ]
                })
                .collect();
            print_table(&rows);
        }
    }
    Ok(())
}

pub fn report(
    store: &Store,
    from: &str,
    to: &str,
    format: ReportFormat,
    out: Option<PathBuf>,
) -> flocon_core::Result<()> {
    let query = ReportQuery {
        from: parse_date("from", from)?,
        to: parse_date("to", to)?,
    };
    let report = store.activity_report(query)?;
    let text = match format {
        ReportFormat::Md => export::report_markdown(&report, &Local),
        ReportFormat::Html => export::report_html(&report, &Local),
        ReportFormat::Json => {
            serde_json::to_string_pretty(&report)
                .map_err(|e| flocon_core::Error::Internal(format!("cannot encode JSON: {e}")))?
                + "\n"
        }
    };
    print_or_write(out.as_deref(), &text)
}

/// A series by name, or by id; a new name starts a new series.
fn series_id(store: &Store, text: &str) -> flocon_core::Result<Uuid> {
    if let Ok(id) = parse_id(text) {
        return Ok(id);
    }
    match store.find_series(text)? {
        Some(series) => Ok(series.id),
        None => Ok(store.add_series(text)?.id),
    }
}

/// Local midnight of the day `text` names, `plus` days later.
fn day_start(field: &str, text: &str, plus: i64) -> flocon_core::Result<DateTime<Utc>> {
    let day = parse_date(field, text)? + chrono::Duration::days(plus);
    parse_datetime(field, &format!("{day}T00:00"), &Local)
}
