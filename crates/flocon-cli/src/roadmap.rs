//! `flocon roadmap …`: the quarterly roadmap. Strategic axes, the objectives of each quarter
//! (written `2026-T4`), the seminar that reviews them, the decision taken for each, and what
//! changed from one quarter to the next.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use flocon_core::person::parse_date;
use flocon_core::{
    Axis, Error, Indicator, Objective, ObjectiveDraft, ObjectivePatch, ObjectiveQuery,
    ObjectiveStatus, Problem, Quarter, ReviewDecision, ReviewDraft, ReviewOutcome, SeminarDraft,
    Store, export, parse_id,
};
use uuid::Uuid;

use crate::coaching::{ids, read_text};
use crate::files::write_atomically;
use crate::output::{self, print_json, print_table};

#[derive(Subcommand)]
pub enum RoadmapCommand {
    /// The strategic axes objectives are grouped by
    #[command(subcommand)]
    Axes(AxesCommand),
    /// The objectives of a quarter
    #[command(subcommand)]
    Objectives(Box<ObjectivesCommand>),
    /// Record the seminar's decision on an objective; maintained, adjusted and carried
    /// objectives continue in the next quarter (a decision taken again replaces the previous one)
    Review {
        #[arg(long, value_name = "ID")]
        objective: String,
        /// keep, adjust, carry, close, drop (or French name)
        #[arg(long, value_name = "DECISION")]
        decision: String,
        #[arg(long, value_name = "TEXT", default_value = "")]
        comment: String,
        /// The new target (required to adjust)
        #[arg(long, value_name = "N")]
        target: Option<f64>,
        /// The seminar where it was decided
        #[arg(long, value_name = "ID")]
        seminar: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Take a decision back: the status returns and the objective it created in the next
    /// quarter goes (refused once that one has been reviewed itself)
    UndoReview {
        #[arg(long, value_name = "ID")]
        objective: String,
    },
    /// What changed from quarter FROM to quarter TO: added, continued, closed, dropped
    Diff {
        /// E.g. 2026-T3
        from: String,
        /// E.g. 2026-T4
        to: String,
        #[arg(long)]
        json: bool,
    },
    /// Every objective followed across the quarters from FROM to TO
    Timeline {
        #[arg(long, value_name = "QUARTER")]
        from: String,
        #[arg(long, value_name = "QUARTER")]
        to: String,
        #[arg(long)]
        json: bool,
    },
    /// Print a quarter's roadmap and review as a printable HTML page or as Markdown
    Export {
        #[arg(long, value_name = "QUARTER")]
        quarter: String,
        #[arg(long, value_enum)]
        format: RoadmapExportFormat,
        /// Write to FILE (atomically) instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// The seminars where a quarter is reviewed
    #[command(subcommand)]
    Seminars(SeminarsCommand),
}

#[derive(Clone, Copy, ValueEnum)]
pub enum RoadmapExportFormat {
    /// A standalone HTML page, to print or save as PDF
    Html,
    /// Markdown
    Md,
}

#[derive(Subcommand)]
pub enum AxesCommand {
    /// Add an axis at the end of the list and print only its id
    Add { name: String },
    /// List the axes in their order
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum ObjectivesCommand {
    /// Create an objective and print only its id
    Add {
        /// E.g. 2026-T3
        #[arg(long, value_name = "QUARTER")]
        quarter: String,
        /// The axis name (accents and case ignored) or id
        #[arg(long, value_name = "AXIS")]
        axis: String,
        #[arg(long, value_name = "TITLE")]
        title: String,
        /// Who carries it (a contact id; repeatable)
        #[arg(long = "owner", value_name = "PERSON_ID")]
        owners: Vec<String>,
        /// The number to reach; without one, progress is a percentage
        #[arg(long, value_name = "N")]
        target: Option<f64>,
        /// A count towards the target, or a percentage (0–100) without one
        #[arg(long, value_name = "N", default_value_t = 0.0)]
        progress: f64,
        /// not_started, in_progress, achieved, late, dropped (or French name)
        #[arg(long, value_name = "STATUS", default_value = "not_started")]
        status: String,
        /// The description, in Markdown
        #[arg(long, value_name = "FILE")]
        description_file: Option<PathBuf>,
        /// A collective it concerns (an organisation id; repeatable)
        #[arg(long = "org", value_name = "ORG_ID")]
        orgs: Vec<String>,
        /// An engagement it concerns (repeatable)
        #[arg(long = "engagement", value_name = "ID")]
        engagements: Vec<String>,
        /// A measure, e.g. "Membres actifs=28/40" (repeatable; CURRENT or TARGET may be left out)
        #[arg(long = "indicator", value_name = "NAME=CURRENT/TARGET")]
        indicators: Vec<String>,
    },
    /// List a quarter's objectives, grouped by axis
    List {
        #[arg(long, value_name = "QUARTER")]
        quarter: String,
        /// Only the objectives this person carries
        #[arg(long, value_name = "ID")]
        owner: Option<String>,
        /// Only objectives in this status
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show an objective with its indicators, review and history
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change an objective: each field given replaces the old value
    Update {
        id: String,
        /// not_started, in_progress, achieved, late, dropped (or French name)
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        /// A count towards the target, or a percentage (0–100) without one
        #[arg(long, value_name = "N")]
        progress: Option<f64>,
        /// The axis name (accents and case ignored) or id
        #[arg(long, value_name = "AXIS")]
        axis: Option<String>,
        #[arg(long, value_name = "TITLE")]
        title: Option<String>,
        #[arg(long, value_name = "N")]
        target: Option<f64>,
    },
}

#[derive(Subcommand)]
pub enum SeminarsCommand {
    /// Plan a seminar and print only its id
    Add {
        /// The quarter it reviews, e.g. 2026-T3
        #[arg(long, value_name = "QUARTER")]
        quarter: String,
        #[arg(long, value_name = "TITLE")]
        title: String,
        /// YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        /// YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        end: Option<String>,
        #[arg(long, value_name = "PLACE", default_value = "")]
        place: String,
        /// A person taking part (a contact id; repeatable)
        #[arg(long = "participant", value_name = "ID")]
        participants: Vec<String>,
    },
    /// List a quarter's seminars
    List {
        #[arg(long, value_name = "QUARTER")]
        quarter: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(store: &Store, command: RoadmapCommand) -> flocon_core::Result<()> {
    match command {
        RoadmapCommand::Axes(command) => run_axes(store, command),
        RoadmapCommand::Objectives(command) => run_objectives(store, *command),
        RoadmapCommand::Review {
            objective,
            decision,
            comment,
            target,
            seminar,
            json,
        } => {
            let draft = ReviewDraft {
                decision: ReviewDecision::parse(&decision)?,
                comment,
                new_target: target,
                seminar_id: seminar.as_deref().map(parse_id).transpose()?,
            };
            let outcome = store.review_objective(parse_id(&objective)?, draft)?;
            if json {
                return print_json(&outcome);
            }
            print_outcome(&outcome);
            Ok(())
        }
        RoadmapCommand::UndoReview { objective } => {
            store.undo_review(parse_id(&objective)?)?;
            Ok(())
        }
        RoadmapCommand::Diff { from, to, json } => {
            let diff =
                store.roadmap_diff(Quarter::parse("from", &from)?, Quarter::parse("to", &to)?)?;
            if json {
                return print_json(&diff);
            }
            output::print_document(&export::diff_markdown(&diff));
            Ok(())
        }
        RoadmapCommand::Timeline { from, to, json } => {
            let chains = store
                .roadmap_timeline(Quarter::parse("from", &from)?, Quarter::parse("to", &to)?)?;
            if json {
                return print_json(&chains);
            }
            for chain in &chains {
                let steps: Vec<String> = chain
                    .steps
                    .iter()
                    .map(|s| {
                        let mut step =
                            format!("{} {} {} %", s.quarter, s.status.label_fr(), s.percent);
                        if let Some(d) = s.decision {
                            step.push_str(&format!(" [{}]", d.label_fr()));
                        }
                        step
                    })
                    .collect();
                say!("{} ({}): {}", chain.title, chain.axis, steps.join(" → "));
            }
            Ok(())
        }
        RoadmapCommand::Export {
            quarter,
            format,
            out,
        } => {
            let roadmap = store.roadmap(quarter_of(&quarter)?, &ObjectiveQuery::default())?;
            let text = match format {
                RoadmapExportFormat::Html => export::roadmap_html(&roadmap),
                RoadmapExportFormat::Md => export::roadmap_markdown(&roadmap),
            };
            match out {
                None => {
                    output::print_document(&text);
                    Ok(())
                }
                Some(path) => write_atomically(&path, text.as_bytes()),
            }
        }
        RoadmapCommand::Seminars(command) => run_seminars(store, command),
    }
}

fn run_axes(store: &Store, command: AxesCommand) -> flocon_core::Result<()> {
    match command {
        AxesCommand::Add { name } => say!("{}", store.add_axis(&name)?.id),
        AxesCommand::List { json } => {
            let axes = store.list_axes()?;
            if json {
                return print_json(&axes);
            }
            let rows: Vec<Vec<String>> = axes
                .iter()
                .map(|a| vec![a.id.to_string(), a.name.clone()])
                .collect();
            print_table(&rows);
        }
    }
    Ok(())
}

fn run_objectives(store: &Store, command: ObjectivesCommand) -> flocon_core::Result<()> {
    match command {
        ObjectivesCommand::Add {
            quarter,
            axis,
            title,
            owners,
            target,
            progress,
            status,
            description_file,
            orgs,
            engagements,
            indicators,
        } => {
            let draft = ObjectiveDraft {
                quarter: quarter_of(&quarter)?,
                axis_id: axis_of(store, &axis)?.id,
                title,
                description: description_file
                    .as_deref()
                    .map(read_text)
                    .transpose()?
                    .unwrap_or_default(),
                owners: ids(&owners)?,
                status: ObjectiveStatus::parse(&status)?,
                progress,
                target,
                indicators: indicators
                    .iter()
                    .map(|i| parse_indicator(i))
                    .collect::<flocon_core::Result<_>>()?,
                organizations: ids(&orgs)?,
                engagements: ids(&engagements)?,
            };
            say!("{}", store.create_objective(draft)?.id);
        }
        ObjectivesCommand::List {
            quarter,
            owner,
            status,
            json,
        } => {
            let quarter = quarter_of(&quarter)?;
            let query = ObjectiveQuery {
                quarter: Some(quarter),
                owner_id: owner.as_deref().map(parse_id).transpose()?,
                status: status.as_deref().map(ObjectiveStatus::parse).transpose()?,
            };
            if json {
                return print_json(&store.list_objectives(&query)?);
            }
            let roadmap = store.roadmap(quarter, &query)?;
            for (i, column) in roadmap.axes.iter().enumerate() {
                if i > 0 {
                    say!();
                }
                say!("{}", column.axis.name);
                if column.objectives.is_empty() {
                    say!("  (no objective)");
                    continue;
                }
                let rows: Vec<Vec<String>> = column
                    .objectives
                    .iter()
                    .map(|o| {
                        vec![
                            String::new(),
                            o.id.to_string(),
                            o.title.clone(),
                            o.status.label_fr().to_string(),
                            progress_text(o),
                            names(o),
                            o.review
                                .as_ref()
                                .map(|r| r.decision.label_fr().to_string())
                                .unwrap_or_default(),
                        ]
                    })
                    .collect();
                print_table(&rows);
            }
        }
        ObjectivesCommand::Show { id, json } => {
            let objective = store.get_objective(parse_id(&id)?)?;
            if json {
                return print_json(&objective);
            }
            print_objective(&objective);
        }
        ObjectivesCommand::Update {
            id,
            status,
            progress,
            axis,
            title,
            target,
        } => {
            let id = parse_id(&id)?;
            // Everything is read and checked before anything is written.
            let status = status.as_deref().map(ObjectiveStatus::parse).transpose()?;
            let axis_id = axis.as_deref().map(|a| axis_of(store, a)).transpose()?;
            let axis_id = axis_id.map(|a| a.id);
            if title.is_none() && target.is_none() {
                store.patch_objective(
                    id,
                    ObjectivePatch {
                        status,
                        axis_id,
                        progress,
                    },
                )?;
            } else {
                // One write for every field, so a refused change leaves all of them as they were.
                let mut draft = draft_of(store.get_objective(id)?);
                if let Some(v) = status {
                    draft.status = v;
                }
                if let Some(v) = axis_id {
                    draft.axis_id = v;
                }
                if let Some(v) = progress {
                    draft.progress = v;
                }
                if let Some(v) = title {
                    draft.title = v;
                }
                if let Some(v) = target {
                    draft.target = Some(v);
                }
                store.update_objective(id, draft)?;
            }
        }
    }
    Ok(())
}

fn run_seminars(store: &Store, command: SeminarsCommand) -> flocon_core::Result<()> {
    match command {
        SeminarsCommand::Add {
            quarter,
            title,
            start,
            end,
            place,
            participants,
        } => {
            let draft = SeminarDraft {
                quarter: quarter_of(&quarter)?,
                title,
                starts_on: start
                    .as_deref()
                    .map(|d| parse_date("start", d))
                    .transpose()?,
                ends_on: end.as_deref().map(|d| parse_date("end", d)).transpose()?,
                place,
                participants: ids(&participants)?,
                agenda: String::new(),
                notes: String::new(),
            };
            say!("{}", store.create_seminar(draft)?.id);
        }
        SeminarsCommand::List { quarter, json } => {
            let seminars = store
                .roadmap(quarter_of(&quarter)?, &ObjectiveQuery::default())?
                .seminars;
            if json {
                return print_json(&seminars);
            }
            let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            let rows: Vec<Vec<String>> = seminars
                .iter()
                .map(|s| {
                    let people: Vec<&str> =
                        s.participants.iter().map(|p| p.name.as_str()).collect();
                    vec![
                        s.id.to_string(),
                        format!("{} – {}", day(s.starts_on), day(s.ends_on))
                            .trim_matches([' ', '–'])
                            .to_string(),
                        s.title.clone(),
                        s.place.clone(),
                        people.join(", "),
                    ]
                })
                .collect();
            print_table(&rows);
        }
    }
    Ok(())
}

fn quarter_of(text: &str) -> flocon_core::Result<Quarter> {
    Quarter::parse("quarter", text)
}

/// An axis given by its id or by its name (accents and case ignored); an unknown one is
/// refused with the names of the axes that exist.
fn axis_of(store: &Store, text: &str) -> flocon_core::Result<Axis> {
    let axes = store.list_axes()?;
    if let Ok(id) = Uuid::parse_str(text.trim())
        && let Some(axis) = axes.iter().find(|a| a.id == id)
    {
        return Ok(axis.clone());
    }
    if let Some(axis) = store.find_axis(text)? {
        return Ok(axis);
    }
    let names: Vec<String> = axes.iter().map(|a| format!("\"{}\"", a.name)).collect();
    Err(Error::invalid(
        "axis",
        Problem::UnknownValue {
            value: text.to_string(),
            expected: names.join(", "),
        },
    ))
}

/// "Membres actifs=28/40", "Membres actifs=28", "Membres actifs=/40" or "Membres actifs".
fn parse_indicator(text: &str) -> flocon_core::Result<Indicator> {
    let invalid = || {
        Error::invalid(
            "indicator",
            Problem::UnknownValue {
                value: text.to_string(),
                expected: "NAME=CURRENT/TARGET, e.g. \"Membres actifs=28/40\"".into(),
            },
        )
    };
    let number = |s: &str| -> flocon_core::Result<Option<f64>> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        s.replace(',', ".").parse().map(Some).map_err(|_| invalid())
    };
    let (name, values) = text.rsplit_once('=').unwrap_or((text, ""));
    let (current, target) = values.split_once('/').unwrap_or((values, ""));
    Ok(Indicator {
        name: name.to_string(),
        current: number(current)?,
        target: number(target)?,
    })
}

/// The draft that leaves the objective as it is.
fn draft_of(o: Objective) -> ObjectiveDraft {
    ObjectiveDraft {
        quarter: o.quarter,
        axis_id: o.axis.id,
        title: o.title,
        description: o.description,
        owners: o.owners.iter().map(|p| p.id).collect(),
        status: o.status,
        progress: o.progress,
        target: o.target,
        indicators: o.indicators,
        organizations: o.organizations.iter().map(|r| r.id).collect(),
        engagements: o.engagements.iter().map(|e| e.id).collect(),
    }
}

/// "70 % (28/40)", or "35 %" without a target.
fn progress_text(o: &Objective) -> String {
    match o.target {
        Some(target) => format!("{} % ({}/{})", o.percent, o.progress, target),
        None => format!("{} %", o.percent),
    }
}

fn names(o: &Objective) -> String {
    o.owners
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_outcome(outcome: &ReviewOutcome) {
    let o = &outcome.objective;
    let Some(review) = &o.review else {
        return;
    };
    match (&outcome.successor, review.decision) {
        (Some(next), ReviewDecision::Keep) => {
            say!("maintenu en {} : {}", next.quarter, next.id)
        }
        (Some(next), ReviewDecision::Adjust) => say!(
            "ajusté (nouvelle cible {}) en {} : {}",
            next.target.map(|t| t.to_string()).unwrap_or_default(),
            next.quarter,
            next.id
        ),
        (Some(next), _) => say!("reporté en {} : {}", next.quarter, next.id),
        (None, ReviewDecision::Close) => say!("clos car atteint : {}", o.id),
        (None, _) => say!("abandonné : {}", o.id),
    }
}

fn print_objective(o: &Objective) {
    let orgs: Vec<&str> = o.organizations.iter().map(|r| r.name.as_str()).collect();
    let engagements: Vec<&str> = o.engagements.iter().map(|e| e.title.as_str()).collect();
    let link = |r: &Option<flocon_core::ObjectiveRef>| {
        r.as_ref()
            .map(|r| format!("{} ({})", r.quarter, r.id))
            .unwrap_or_default()
    };
    print_table(&[
        vec!["id".into(), o.id.to_string()],
        vec!["quarter".into(), o.quarter.to_string()],
        vec!["axis".into(), o.axis.name.clone()],
        vec!["title".into(), o.title.clone()],
        vec!["status".into(), o.status.label_fr().into()],
        vec!["progress".into(), progress_text(o)],
        vec!["owners".into(), names(o)],
        vec!["collectives".into(), orgs.join(", ")],
        vec!["engagements".into(), engagements.join(", ")],
        vec!["carried from".into(), link(&o.carried_from)],
        vec!["carried to".into(), link(&o.carried_to)],
        vec!["open actions".into(), o.open_actions.to_string()],
    ]);
    if !o.indicators.is_empty() {
        say!("\nIndicators:");
        let value = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_else(|| "?".into());
        for i in &o.indicators {
            say!("  - {}: {}/{}", i.name, value(i.current), value(i.target));
        }
    }
    if let Some(r) = &o.review {
        let mut line = r.decision.label_fr().to_string();
        if let Some(t) = r.new_target {
            line.push_str(&format!(", new target {t}"));
        }
        if !r.comment.is_empty() {
            line.push_str(&format!(" — {}", r.comment));
        }
        say!("\nReview: {line}");
    }
    if !o.description.trim().is_empty() {
        say!("\nDescription:\n{}", o.description.trim_end());
    }
}
