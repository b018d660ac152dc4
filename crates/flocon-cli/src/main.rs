//! `flocon`: the command line over Flocon's core, for scripts, backups, imports and the
//! product's acceptance tests.
//!
//! Exit codes (a stable contract): 0 success; 1 bad input or a refused operation, with a
//! one-line reason on stderr and nothing changed; 2 wrong usage.

// First, so that its `say!` macros are known to the modules below.
#[macro_use]
mod output;

mod backup;
mod coaching;
mod contacts;
mod events;
mod files;
mod gdpr;
mod interactions;
mod orgs;
mod roadmap;
mod sync;
mod trash;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use flocon_core::scale::Scale;
use flocon_core::{Store, data_dir};

#[derive(Parser)]
#[command(
    name = "flocon",
    version,
    about = "Flocon: contacts, collectives, coaching sessions and roadmaps, offline-first.",
    long_about = "Flocon: contacts, collectives, coaching sessions and roadmaps, offline-first.\n\n\
        The database is created on first use in the data directory.\n\n\
        Exit codes: 0 success; 1 bad input or refused operation (a one-line reason on stderr, \
        nothing changed); 2 wrong usage."
)]
struct Cli {
    /// Data directory holding the database [default: the user's data folder, e.g.
    /// ~/.local/share/flocon]
    #[arg(long, global = true, env = data_dir::DATA_DIR_ENV, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// People in the address book
    #[command(subcommand)]
    Contacts(Box<contacts::ContactsCommand>),
    /// Organisations and collectives
    #[command(subcommand)]
    Orgs(Box<orgs::OrgsCommand>),
    /// A person's roles in organisations
    #[command(subcommand)]
    Memberships(orgs::MembershipsCommand),
    /// A collective's nested teams (the snowflake)
    #[command(subcommand)]
    Teams(orgs::TeamsCommand),
    /// Logged conversations and one-to-ones
    #[command(subcommand)]
    Interactions(Box<interactions::InteractionsCommand>),
    /// Coaching engagements (accompagnements) with collectives
    #[command(subcommand)]
    Engagements(Box<coaching::EngagementsCommand>),
    /// Coaching sessions (séances): preparation, notes, decisions
    #[command(subcommand)]
    Sessions(Box<coaching::SessionsCommand>),
    /// Follow-up actions decided in sessions
    #[command(subcommand)]
    Actions(coaching::ActionsCommand),
    /// The quarterly roadmap: axes, objectives, seminars, reviews and quarter-to-quarter changes
    #[command(subcommand)]
    Roadmap(Box<roadmap::RoadmapCommand>),
    /// Community events (rencontres): add, list, show
    #[command(subcommand)]
    Events(Box<events::EventsCommand>),
    /// Who came to an event
    #[command(subcommand)]
    Attendance(events::AttendanceCommand),
    /// Training cohorts and each person's stage
    #[command(subcommand)]
    Cohorts(events::CohortsCommand),
    /// The activity report of a period, drafted from the records
    Report {
        /// First day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        from: String,
        /// Last day, included (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        to: String,
        #[arg(long, value_enum, default_value = "md")]
        format: events::ReportFormat,
        /// Write to FILE (atomically) instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Search people, organisations and notes (accents ignored, prefixes match)
    Search {
        query: String,
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Import contacts from a vCard, CSV or Flocon JSON file (format detected); all or nothing
    Import {
        file: PathBuf,
        /// Show what would be created, merged and skipped, and change nothing
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Export every contact (vcard, csv, json) or every session as a calendar (ics)
    Export {
        #[arg(long, value_enum)]
        format: files::ExportFormat,
        /// Write to FILE (atomically) instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Likely duplicate contacts: list, merge, undo a merge
    #[command(subcommand)]
    Duplicates(files::DuplicatesCommand),
    /// Sync with the team folder (USB key, Syncthing, Nextcloud…): send what changed here,
    /// apply what the other laptops wrote. A new --folder is joined, never created (the first
    /// computer creates it with `flocon sync init`). Passphrase from FLOCON_SYNC_PASSPHRASE or
    /// asked
    Sync {
        #[command(subcommand)]
        command: Option<sync::SyncCommand>,
        /// The shared folder [default: the one chosen last]
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The sync conflict history: list, settle
    #[command(subcommand)]
    Conflicts(sync::ConflictsCommand),
    /// GDPR: export or erase what Flocon holds about a person; people without activity for years
    #[command(subcommand)]
    Gdpr(gdpr::GdprCommand),
    /// Deleted records kept 30 days on this laptop: list, restore, empty
    #[command(subcommand)]
    Trash(trash::TrashCommand),
    /// Back up the database to --out FILE (which must not exist), else into the data
    /// directory's backups/ folder; prints the file written. `backup list` shows the backups
    Backup {
        #[command(subcommand)]
        command: Option<backup::BackupCommand>,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Replace the database with a backup (checked first; the current database is kept in
    /// backups/, and this laptop gets a new sync identity)
    Restore {
        file: PathBuf,
        /// Confirm the replacement (without it, nothing is changed)
        #[arg(long)]
        yes: bool,
    },
    /// Check the database's integrity (read-only: it never changes the file); exit 1 if damaged
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Seed fictional demo data into an empty database
    Demo {
        /// Generate realistic data at scale instead of the small hand-written demo: small
        /// (10,000 contacts, 5,000 sessions…) or large (100,000 contacts, 50,000 sessions…)
        #[arg(long, value_enum)]
        scale: Option<ScaleArg>,
        /// The same seed gives the same data (on the same day)
        #[arg(long, value_name = "N", default_value_t = 2026, requires = "scale")]
        seed: u64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ScaleArg {
    Small,
    Large,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            say_err!("flocon: {error}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> flocon_core::Result<()> {
    let dir = data_dir::resolve(cli.data_dir)?;
    // These work on the file itself, without opening (and migrating) it as a store.
    let command = match cli.command {
        Command::Backup { command, out } => return backup::run(&dir, command, out),
        Command::Restore { file, yes } => return backup::restore(&dir, &file, yes),
        Command::Check { json } => return backup::check(&dir, json),
        other => other,
    };
    let store = Store::open_in(&dir)?;
    match command {
        Command::Backup { .. } | Command::Restore { .. } | Command::Check { .. } => {
            unreachable!("handled above")
        }
        Command::Contacts(command) => contacts::run(&store, *command),
        Command::Orgs(command) => orgs::run(&store, *command),
        Command::Memberships(command) => orgs::run_memberships(&store, command),
        Command::Teams(command) => orgs::run_teams(&store, command),
        Command::Interactions(command) => interactions::run(&store, *command),
        Command::Engagements(command) => coaching::run_engagements(&store, *command),
        Command::Sessions(command) => coaching::run_sessions(&store, *command),
        Command::Actions(command) => coaching::run_actions(&store, command),
        Command::Roadmap(command) => roadmap::run(&store, *command),
        Command::Events(command) => events::run_events(&store, *command),
        Command::Attendance(command) => events::run_attendance(&store, command),
        Command::Cohorts(command) => events::run_cohorts(&store, command),
        Command::Report {
            from,
            to,
            format,
            out,
        } => events::report(&store, &from, &to, format, out),
        Command::Search { query, limit, json } => interactions::search(&store, &query, limit, json),
        Command::Import {
            file,
            dry_run,
            json,
        } => files::import(&store, &file, dry_run, json),
        Command::Export { format, out } => files::export(&store, format, out),
        Command::Duplicates(command) => files::duplicates(&store, command),
        Command::Sync {
            command,
            folder,
            json,
        } => sync::run(&store, command, folder, json),
        Command::Conflicts(command) => sync::run_conflicts(&store, command),
        Command::Trash(command) => trash::run(&store, command),
        Command::Gdpr(command) => gdpr::run(&store, command),
        Command::Demo {
            scale: Some(scale),
            seed,
            json,
        } => demo_at_scale(&store, scale, seed, json),
        Command::Demo { json, .. } => {
            let count = flocon_core::demo::seed(&store)?;
            if json {
                output::print_json(&serde_json::json!({ "created": count }))
            } else {
                say!(
                    "{count} demo contacts created in {}",
                    store.path().display()
                );
                Ok(())
            }
        }
    }
}

/// `flocon demo --scale`: progress on a terminal's stderr, then the counts.
fn demo_at_scale(store: &Store, scale: ScaleArg, seed: u64, json: bool) -> flocon_core::Result<()> {
    use std::io::IsTerminal;
    let scale = match scale {
        ScaleArg::Small => Scale::Small,
        ScaleArg::Large => Scale::Large,
    };
    let verbose = std::io::stderr().is_terminal();
    let counts = flocon_core::scale::generate(store, scale, seed, |step| {
        if verbose {
            say_err!("flocon: {step}");
        }
    })?;
    if json {
        return output::print_json(&counts);
    }
    let c = &counts;
    say!("Demo data created in {}:", store.path().display());
    say!(
        "{} contacts ({} in the team, {} with long notes)",
        c.people,
        c.team_members,
        c.people_with_notes
    );
    say!(
        "{} organisations ({} collectives), {} memberships",
        c.organizations,
        c.collectives,
        c.memberships
    );
    say!(
        "{} engagements, {} sessions ({} upcoming)",
        c.engagements,
        c.sessions,
        c.upcoming_sessions
    );
    say!(
        "{} actions ({} done, {} overdue)",
        c.actions,
        c.actions_done,
        c.actions_overdue
    );
    say!(
        "{} objectives, {} reviews, {} seminars",
        c.objectives,
        c.reviews,
        c.seminars
    );
    Ok(())
}
