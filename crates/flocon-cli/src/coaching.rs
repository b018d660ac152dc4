//! `flocon engagements …`, `flocon sessions …` and `flocon actions …`: coaching work over
//! months. A date and time typed without an offset is local time in the machine's time zone
//! (the `TZ` environment variable when set); times are shown in local time too.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, Utc};
use clap::{Subcommand, ValueEnum};
use flocon_core::person::parse_date;
use flocon_core::session::parse_datetime;
use flocon_core::{
    Action, ActionDraft, ActionQuery, ActionStatus, EngagementDraft, EngagementKind,
    EngagementStatus, Error, Session, SessionDraft, SessionFormat, SessionQuery, Store, export,
    parse_id,
};
use uuid::Uuid;

use crate::contacts::{labels, optional, parse_all};
use crate::files::print_or_write;
use crate::output::{print_json, print_table};

// Parsed once per run: the size of the variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum EngagementsCommand {
    /// Start an engagement (accompagnement) with one or more collectives and print only its id
    Add {
        #[arg(long, value_name = "TITLE")]
        title: String,
        /// A collective accompanied (an organisation id; repeatable, at least one)
        #[arg(long = "org", value_name = "ORG_ID", required = true)]
        orgs: Vec<String>,
        /// What it works on (repeatable): team_coaching, organizing_training,
        /// distributed_leadership, storytelling, crisis, media, data_tools (or French name)
        #[arg(long = "kind", value_name = "KIND")]
        kinds: Vec<String>,
        /// preparing, active, finished, suspended (or French name)
        #[arg(long, value_name = "STATUS", default_value = "active")]
        status: String,
        /// The goals, in Markdown (task-list items `- [ ]` / `- [x]` measure progress)
        #[arg(long, value_name = "FILE")]
        goals_file: Option<PathBuf>,
        /// A team member leading it (a contact id; repeatable)
        #[arg(long = "lead", value_name = "PERSON_ID")]
        leads: Vec<String>,
        /// E.g. "bilatérale mensuelle + collective mensuelle"
        #[arg(long, value_name = "TEXT", default_value = "")]
        cadence: String,
        /// YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        /// YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        end: Option<String>,
        /// The funder or partner organisation
        #[arg(long, value_name = "ORG_ID")]
        funder: Option<String>,
    },
    /// List engagements
    List {
        /// Only engagements in this status
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show an engagement with its progress, sessions, decisions and actions
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

// Parsed once per run: the size of the variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum SessionsCommand {
    /// Plan a session (séance) and print only its id; the open actions of the previous session
    /// of the same engagement (or collective) are carried into it
    Add {
        #[arg(long, value_name = "TITLE")]
        title: String,
        /// YYYY-MM-DDTHH:MM, local time unless an offset is given (…+02:00, …Z)
        #[arg(long, value_name = "DATETIME")]
        start: String,
        #[arg(long, value_name = "N")]
        duration_minutes: u32,
        /// A collective present (an organisation id; repeatable)
        #[arg(long = "org", value_name = "ORG_ID")]
        orgs: Vec<String>,
        /// The engagement it belongs to
        #[arg(long, value_name = "ID")]
        engagement: Option<String>,
        /// The notes, in Markdown
        #[arg(long, value_name = "FILE")]
        notes_file: Option<PathBuf>,
        /// The preparation (agenda, questions), in Markdown
        #[arg(long, value_name = "FILE")]
        preparation_file: Option<PathBuf>,
        /// A template the preparation starts from (when no --preparation-file is given)
        #[arg(long, value_name = "ID")]
        template: Option<String>,
        /// A place, or a video link
        #[arg(long, value_name = "PLACE", default_value = "")]
        place: String,
        /// bilateral, collective, individual, training (or French name)
        #[arg(long, value_name = "FORMAT", default_value = "collective")]
        format: String,
        /// A person taking part (a contact id; repeatable)
        #[arg(long = "participant", value_name = "ID")]
        participants: Vec<String>,
        /// A team member facilitating (a contact id; repeatable)
        #[arg(long = "facilitator", value_name = "ID")]
        facilitators: Vec<String>,
    },
    /// List sessions, oldest first
    List {
        /// Only the sessions of this engagement
        #[arg(long, value_name = "ID")]
        engagement: Option<String>,
        /// Only the sessions this organisation attended
        #[arg(long, value_name = "ID")]
        org: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show a session with its actions and the open actions carried from earlier sessions
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a session: each field given replaces the old value
    Update {
        id: String,
        #[arg(long, value_name = "TITLE")]
        title: Option<String>,
        /// YYYY-MM-DDTHH:MM, local time unless an offset is given
        #[arg(long, value_name = "DATETIME")]
        start: Option<String>,
        #[arg(long, value_name = "N")]
        duration_minutes: Option<u32>,
        #[arg(long, value_name = "PLACE")]
        place: Option<String>,
        /// bilateral, collective, individual, training (or French name)
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
        /// The notes, in Markdown
        #[arg(long, value_name = "FILE")]
        notes_file: Option<PathBuf>,
        /// The preparation, in Markdown
        #[arg(long, value_name = "FILE")]
        preparation_file: Option<PathBuf>,
        /// A decision taken (repeatable; replaces all the decisions; --decision "" clears them)
        #[arg(long = "decision", value_name = "TEXT")]
        decisions: Vec<String>,
        /// The date planned for the next session, YYYY-MM-DD (empty clears it)
        #[arg(long, value_name = "DATE")]
        next: Option<String>,
    },
    /// Print a session as a printable HTML page or as Markdown (times in local time)
    Export {
        id: String,
        #[arg(long, value_enum)]
        format: SessionExportFormat,
        /// Write to FILE (atomically) instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SessionExportFormat {
    /// A standalone HTML page, to print or save as PDF
    Html,
    /// Markdown
    Md,
}

#[derive(Subcommand)]
pub enum ActionsCommand {
    /// Record a follow-up action and print only its id
    Add {
        #[arg(long, value_name = "TEXT")]
        title: String,
        /// Who does it (a contact id)
        #[arg(long, value_name = "PERSON_ID")]
        owner: String,
        /// YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        due: String,
        /// The session it was decided in
        #[arg(long, value_name = "ID")]
        session: Option<String>,
    },
    /// List actions by due date
    List {
        /// Only this person's actions
        #[arg(long, value_name = "ID")]
        owner: Option<String>,
        /// Only open actions due before today
        #[arg(long)]
        overdue: bool,
        #[arg(long)]
        json: bool,
    },
    /// Mark an action done today
    Done { id: String },
}

pub fn run_engagements(store: &Store, command: EngagementsCommand) -> flocon_core::Result<()> {
    match command {
        EngagementsCommand::Add {
            title,
            orgs,
            kinds,
            status,
            goals_file,
            leads,
            cadence,
            start,
            end,
            funder,
        } => {
            let draft = EngagementDraft {
                title,
                organizations: ids(&orgs)?,
                kinds: parse_all(&kinds, EngagementKind::parse)?,
                goals: goals_file
                    .as_deref()
                    .map(read_text)
                    .transpose()?
                    .unwrap_or_default(),
                starts_on: start
                    .as_deref()
                    .map(|d| parse_date("start", d))
                    .transpose()?,
                ends_on: end.as_deref().map(|d| parse_date("end", d)).transpose()?,
                cadence,
                funder_id: funder.as_deref().map(parse_id).transpose()?,
                status: EngagementStatus::parse(&status)?,
                leads: ids(&leads)?,
            };
            say!("{}", store.create_engagement(draft)?.id);
        }
        EngagementsCommand::List { status, json } => {
            let status = status.as_deref().map(EngagementStatus::parse).transpose()?;
            let list = store.list_engagements(status)?;
            if json {
                return print_json(&list);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|e| {
                    let orgs: Vec<&str> = e.organizations.iter().map(|o| o.name.as_str()).collect();
                    vec![
                        e.id.to_string(),
                        e.title.clone(),
                        e.status.label_fr().to_string(),
                        orgs.join(", "),
                        format!("{} session(s)", e.session_count),
                        e.last_session_at
                            .map(|t| format!("last {}", local_time(t)))
                            .unwrap_or_default(),
                    ]
                })
                .collect();
            print_table(&rows);
        }
        EngagementsCommand::Show { id, json } => {
            let page = store.engagement_page(parse_id(&id)?)?;
            if json {
                return print_json(&page);
            }
            let e = &page.engagement;
            let orgs: Vec<&str> = e.organizations.iter().map(|o| o.name.as_str()).collect();
            let leads: Vec<&str> = e.leads.iter().map(|p| p.name.as_str()).collect();
            let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            let p = &page.progress;
            print_table(&[
                vec!["id".into(), e.id.to_string()],
                vec!["title".into(), e.title.clone()],
                vec!["status".into(), e.status.label_fr().into()],
                vec!["collectives".into(), orgs.join(", ")],
                vec!["kinds".into(), labels(&e.kinds, |k| k.label_fr())],
                vec!["leads".into(), leads.join(", ")],
                vec!["cadence".into(), e.cadence.clone()],
                vec![
                    "period".into(),
                    format!("{} – {}", day(e.starts_on), day(e.ends_on))
                        .trim()
                        .to_string(),
                ],
                vec![
                    "funder".into(),
                    e.funder
                        .as_ref()
                        .map(|f| f.name.clone())
                        .unwrap_or_default(),
                ],
                vec![
                    "progress".into(),
                    format!(
                        "goals {}/{}, actions {}/{}",
                        p.goals_done, p.goals_total, p.actions_done, p.actions_total
                    ),
                ],
            ]);
            section("Goals", &e.goals);
            if !page.sessions.is_empty() {
                say!("\nSessions:");
                for s in &page.sessions {
                    say!("  {}  {}  {}", s.id, local_time(s.starts_at), s.title);
                }
            }
            if !page.decisions.is_empty() {
                say!("\nDecisions:");
                for d in &page.decisions {
                    say!("  - {} ({})", d.text, d.session.title);
                }
            }
            print_actions("Actions", &page.actions);
        }
    }
    Ok(())
}

pub fn run_sessions(store: &Store, command: SessionsCommand) -> flocon_core::Result<()> {
    match command {
        SessionsCommand::Add {
            title,
            start,
            duration_minutes,
            orgs,
            engagement,
            notes_file,
            preparation_file,
            template,
            place,
            format,
            participants,
            facilitators,
        } => {
            let draft = SessionDraft {
                title,
                engagement_id: engagement.as_deref().map(parse_id).transpose()?,
                organizations: ids(&orgs)?,
                starts_at: parse_datetime("start", &start, &Local)?,
                duration_minutes,
                place,
                format: SessionFormat::parse(&format)?,
                participants: ids(&participants)?,
                facilitators: ids(&facilitators)?,
                preparation: preparation_file
                    .as_deref()
                    .map(read_text)
                    .transpose()?
                    .unwrap_or_default(),
                notes: notes_file
                    .as_deref()
                    .map(read_text)
                    .transpose()?
                    .unwrap_or_default(),
                decisions: Vec::new(),
                next_session_on: None,
            };
            let template = template.as_deref().map(parse_id).transpose()?;
            say!("{}", store.create_session(draft, template)?.id);
        }
        SessionsCommand::List {
            engagement,
            org,
            json,
        } => {
            let list = store.list_sessions(&SessionQuery {
                engagement_id: engagement.as_deref().map(parse_id).transpose()?,
                organization_id: org.as_deref().map(parse_id).transpose()?,
                ..SessionQuery::default()
            })?;
            if json {
                return print_json(&list);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|s| {
                    vec![
                        s.id.to_string(),
                        local_time(s.starts_at),
                        format!("{} min", s.duration_minutes),
                        s.title.clone(),
                        s.engagement
                            .as_ref()
                            .map(|e| e.title.clone())
                            .unwrap_or_default(),
                        format!("{} open action(s)", s.open_actions),
                    ]
                })
                .collect();
            print_table(&rows);
        }
        SessionsCommand::Show { id, json } => {
            let session = store.get_session(parse_id(&id)?)?;
            if json {
                return print_json(&session);
            }
            print_session(&session);
        }
        SessionsCommand::Update {
            id,
            title,
            start,
            duration_minutes,
            place,
            format,
            notes_file,
            preparation_file,
            decisions,
            next,
        } => {
            let id = parse_id(&id)?;
            let mut draft = draft_of(store.get_session(id)?);
            if let Some(v) = title {
                draft.title = v;
            }
            if let Some(v) = start {
                draft.starts_at = parse_datetime("start", &v, &Local)?;
            }
            if let Some(v) = duration_minutes {
                draft.duration_minutes = v;
            }
            if let Some(v) = place {
                draft.place = v;
            }
            if let Some(v) = format {
                draft.format = SessionFormat::parse(&v)?;
            }
            if let Some(path) = notes_file {
                draft.notes = read_text(&path)?;
            }
            if let Some(path) = preparation_file {
                draft.preparation = read_text(&path)?;
            }
            if !decisions.is_empty() {
                draft.decisions = decisions;
            }
            if let Some(v) = next {
                draft.next_session_on = optional(&v, |d| parse_date("next", d))?;
            }
            store.update_session(id, draft)?;
        }
        SessionsCommand::Export { id, format, out } => {
            let session = store.get_session(parse_id(&id)?)?;
            let text = match format {
                SessionExportFormat::Html => export::session_html(&session, &Local),
                SessionExportFormat::Md => export::session_markdown(&session, &Local),
            };
            print_or_write(out.as_deref(), &text)?;
        }
    }
    Ok(())
}

pub fn run_actions(store: &Store, command: ActionsCommand) -> flocon_core::Result<()> {
    match command {
        ActionsCommand::Add {
            title,
            owner,
            due,
            session,
        } => {
            let action = store.add_action(ActionDraft {
                text: title,
                owner_id: Some(parse_id(&owner)?),
                due_on: Some(parse_date("due", &due)?),
                session_id: session.as_deref().map(parse_id).transpose()?,
                objective_id: None,
            })?;
            say!("{}", action.id);
        }
        ActionsCommand::List {
            owner,
            overdue,
            json,
        } => {
            let list = store.list_actions(&ActionQuery {
                owner_id: owner.as_deref().map(parse_id).transpose()?,
                overdue_on: overdue.then(today),
                ..ActionQuery::default()
            })?;
            if json {
                return print_json(&list);
            }
            let rows: Vec<Vec<String>> = list.iter().map(action_row).collect();
            print_table(&rows);
        }
        ActionsCommand::Done { id } => {
            store.set_action_status(parse_id(&id)?, ActionStatus::Done, today())?;
        }
    }
    Ok(())
}

/// Today's date in the machine's time zone.
fn today() -> chrono::NaiveDate {
    Local::now().date_naive()
}

/// An instant as local time: "2026-03-28 10:00".
pub fn local_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

pub fn ids(values: &[String]) -> flocon_core::Result<Vec<Uuid>> {
    values.iter().map(|v| parse_id(v)).collect()
}

/// A Markdown file given on the command line, read whole (it must be UTF-8).
pub fn read_text(path: &Path) -> flocon_core::Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        action: "cannot read",
        path: path.to_path_buf(),
        source,
    })
}

/// The draft that leaves the session as it is.
fn draft_of(s: Session) -> SessionDraft {
    SessionDraft {
        title: s.title,
        engagement_id: s.engagement.map(|e| e.id),
        organizations: s.organizations.iter().map(|o| o.id).collect(),
        starts_at: s.starts_at,
        duration_minutes: s.duration_minutes,
        place: s.place,
        format: s.format,
        participants: s.participants.iter().map(|p| p.id).collect(),
        facilitators: s.facilitators.iter().map(|p| p.id).collect(),
        preparation: s.preparation,
        notes: s.notes,
        decisions: s.decisions,
        next_session_on: s.next_session_on,
    }
}

fn print_session(s: &Session) {
    let names = |refs: &[flocon_core::PersonRef]| {
        refs.iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let orgs: Vec<&str> = s.organizations.iter().map(|o| o.name.as_str()).collect();
    let end = s.starts_at + chrono::Duration::minutes(s.duration_minutes.into());
    print_table(&[
        vec!["id".into(), s.id.to_string()],
        vec!["title".into(), s.title.clone()],
        vec![
            "when".into(),
            format!(
                "{} – {} ({} min)",
                local_time(s.starts_at),
                local_time(end),
                s.duration_minutes
            ),
        ],
        vec!["place".into(), s.place.clone()],
        vec!["format".into(), s.format.label_fr().into()],
        vec![
            "engagement".into(),
            s.engagement
                .as_ref()
                .map(|e| e.title.clone())
                .unwrap_or_default(),
        ],
        vec!["collectives".into(), orgs.join(", ")],
        vec!["participants".into(), names(&s.participants)],
        vec!["facilitators".into(), names(&s.facilitators)],
        vec![
            "next session".into(),
            s.next_session_on.map(|d| d.to_string()).unwrap_or_default(),
        ],
    ]);
    print_actions("Carried actions", &s.carried_actions);
    section("Preparation", &s.preparation);
    section("Notes", &s.notes);
    if !s.decisions.is_empty() {
        say!("\nDecisions:");
        for d in &s.decisions {
            say!("  - {d}");
        }
    }
    print_actions("Actions", &s.actions);
}

fn section(title: &str, body: &str) {
    if !body.trim().is_empty() {
        say!("\n{title}:\n{}", body.trim_end());
    }
}

fn print_actions(title: &str, actions: &[Action]) {
    if actions.is_empty() {
        return;
    }
    say!("\n{title}:");
    let rows: Vec<Vec<String>> = actions
        .iter()
        .map(|a| {
            let mut row = vec![String::new()];
            row.extend(action_row(a));
            row
        })
        .collect();
    print_table(&rows);
}

/// id, status, due date, owner, text, session.
fn action_row(a: &Action) -> Vec<String> {
    vec![
        a.id.to_string(),
        a.status.label_fr().to_string(),
        a.due_on.map(|d| d.to_string()).unwrap_or_default(),
        a.owner.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
        a.text.clone(),
        a.session
            .as_ref()
            .map(|s| s.title.clone())
            .unwrap_or_default(),
    ]
}
