//! `flocon sync` and `flocon conflicts`: syncing with a shared folder from a terminal or cron.

use std::path::{Path, PathBuf};

use chrono::SecondsFormat;
use clap::Subcommand;
use flocon_core::sync::{self, ConflictChoice, RekeyReport, SyncReport, SyncSizes, SyncStatus};
use flocon_core::{Error, Result, Store};

use crate::output::{print_json, print_table, size};

/// The team passphrase, when not asked at the prompt.
const PASSPHRASE_ENV: &str = "FLOCON_SYNC_PASSPHRASE";
/// The new team passphrase of `flocon sync rekey`, when not asked at the prompt.
const NEW_PASSPHRASE_ENV: &str = "FLOCON_SYNC_NEW_PASSPHRASE";

#[derive(Subcommand)]
pub enum SyncCommand {
    /// Create the team's sync folder, once, on the first computer (refused where a team
    /// folder already is): the other computers then join it with `flocon sync --folder DIR`
    /// and the same passphrase. Passphrase from FLOCON_SYNC_PASSPHRASE or asked twice
    Init {
        #[arg(long, value_name = "DIR")]
        folder: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Change the team passphrase (when someone leaves the team): syncs, then moves the whole
    /// folder to a key from the new passphrase and removes every file of the old one. Current
    /// passphrase from FLOCON_SYNC_PASSPHRASE or asked; the new one from
    /// FLOCON_SYNC_NEW_PASSPHRASE or asked twice
    Rekey {
        /// The shared folder [default: the one chosen last]
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Where this computer stands: its folder, the last sync, what waits to be sent, open
    /// conflicts, and how big the folder and the sync history are; nothing is written
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Stop syncing with the folder: nothing is deleted, here or in the folder; the next
    /// `flocon sync --folder DIR` joins a folder anew
    Leave,
    /// Print every change in the folder's files, decrypted, one JSON object per line (audits,
    /// tests); nothing is written
    Dump {
        #[arg(long, value_name = "DIR")]
        folder: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum ConflictsCommand {
    /// The conflict history: versions made on two laptops without seeing each other
    List {
        /// Also list settled conflicts
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Settle a conflict: keep the version the data holds, the other one, or a combined text
    Resolve {
        id: String,
        #[arg(
            long,
            value_enum,
            required_unless_present = "text",
            conflicts_with = "text"
        )]
        keep: Option<Keep>,
        /// Keep this text instead (both versions combined by hand)
        #[arg(long)]
        text: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Keep {
    /// The version the data holds now
    Kept,
    /// The other version (for a deleted record: delete it after all)
    Other,
}

fn no_passphrase(env: &str) -> Error {
    Error::SyncFolder {
        path: PathBuf::new(),
        reason: format!("no passphrase: set {env} or run from a terminal"),
    }
}

fn passphrase() -> Result<String> {
    if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
        return Ok(p);
    }
    rpassword::prompt_password("Team passphrase: ").map_err(|_| no_passphrase(PASSPHRASE_ENV))
}

/// A passphrase being chosen: from `env`, or typed twice at the prompt.
fn new_passphrase(env: &str, prompt: &str) -> Result<String> {
    if let Ok(p) = std::env::var(env) {
        return Ok(p);
    }
    let first = rpassword::prompt_password(prompt).map_err(|_| no_passphrase(env))?;
    let again = rpassword::prompt_password("Type it again: ").map_err(|_| no_passphrase(env))?;
    if first != again {
        return Err(Error::Refused(
            "the two passphrases differ; nothing was changed".into(),
        ));
    }
    Ok(first)
}

/// The folder given, else the one this laptop syncs with.
fn chosen_folder(store: &Store, folder: Option<PathBuf>) -> Result<(PathBuf, bool)> {
    let current = store.sync_folder()?;
    let folder = folder
        .or_else(|| current.clone())
        .ok_or_else(|| Error::SyncFolder {
            path: PathBuf::new(),
            reason: "no folder chosen: pass --folder DIR".into(),
        })?;
    let same = current.as_deref() == Some(folder.as_path());
    Ok((folder, same))
}

pub fn run(
    store: &Store,
    command: Option<SyncCommand>,
    folder: Option<PathBuf>,
    json: bool,
) -> Result<()> {
    match command {
        Some(SyncCommand::Dump { folder }) => {
            // Reading only: a folder that is not a sync folder is refused, never set up.
            let key = sync::open_existing(&folder, &passphrase()?)?;
            for change in flocon_core::store::dump_sync_folder(&folder, &key)? {
                say!("{change}");
            }
            Ok(())
        }
        Some(SyncCommand::Init { folder, json }) => {
            let passphrase = new_passphrase(PASSPHRASE_ENV, "Choose the team passphrase: ")?;
            store.sync_create_team(&folder, &passphrase)?;
            let status = store.sync_status()?;
            if json {
                return print_json(&status);
            }
            say!("Team folder created in {}", folder.display());
            say!(
                "  next: flocon sync (sends this computer's data); on the other computers, once \
                 the folder has reached them: flocon sync --folder DIR, with the same passphrase"
            );
            Ok(())
        }
        Some(SyncCommand::Status { json }) => {
            let status = store.sync_status()?;
            if json {
                return print_json(&status);
            }
            print_status(&status);
            Ok(())
        }
        Some(SyncCommand::Leave) => {
            store.set_sync_folder(None)?;
            say!("Stopped syncing; nothing was deleted, here or in the folder.");
            Ok(())
        }
        Some(SyncCommand::Rekey { folder, json }) => {
            let (folder, same) = chosen_folder(store, folder)?;
            let key = unlock(store, &folder, same, &passphrase()?)?;
            let new = new_passphrase(NEW_PASSPHRASE_ENV, "New team passphrase: ")?;
            let (_, report) = store.sync_rekey(&folder, &key, &new)?;
            if json {
                return print_json(&report);
            }
            print_rekey(&folder, &report);
            Ok(())
        }
        None => {
            let (folder, same) = chosen_folder(store, folder)?;
            let key = unlock(store, &folder, same, &passphrase()?)?;
            let report =
                store.sync_with_folder_reporting(&folder, &key, &ProgressLine::on_stderr())?;
            if json {
                return print_json(&report);
            }
            print_report(&report);
            Ok(())
        }
    }
}

/// Where a long sync stands, on one line of a terminal's stderr (a first sync of years of data
/// from a USB key takes minutes): shown once a sync has lasted a second, a few times a second;
/// nothing when stderr is not a terminal.
struct ProgressLine {
    started: std::time::Instant,
    /// The step and time last shown, once something was.
    shown: std::sync::Mutex<Option<(sync::SyncStep, std::time::Instant)>>,
    terminal: bool,
}

impl ProgressLine {
    fn on_stderr() -> impl Fn(sync::SyncProgress) + Sync {
        use std::io::IsTerminal;
        let line = ProgressLine {
            started: std::time::Instant::now(),
            shown: std::sync::Mutex::new(None),
            terminal: std::io::stderr().is_terminal(),
        };
        move |p| line.show(p)
    }

    fn show(&self, p: sync::SyncProgress) {
        use std::time::Duration;
        let now = std::time::Instant::now();
        if !self.terminal || now.duration_since(self.started) < Duration::from_secs(1) {
            return;
        }
        let Ok(mut shown) = self.shown.lock() else {
            return;
        };
        if let Some((step, at)) = *shown
            && step == p.step
            && p.done < p.total
            && now.duration_since(at) < Duration::from_millis(200)
        {
            return;
        }
        *shown = Some((p.step, now));
        let what = match p.step {
            sync::SyncStep::Reading => "reading the folder",
            sync::SyncStep::Sending => "sending",
            sync::SyncStep::Applying => "applying",
            sync::SyncStep::Settling => "settling records",
        };
        if p.total > 0 {
            eprint!("\r\x1b[2Kflocon: {what} {}/{}", p.done, p.total);
        } else {
            eprint!("\r\x1b[2Kflocon: {what}…");
        }
        if p.step == sync::SyncStep::Settling {
            say_err!();
        }
    }
}

/// The key for the folder: this laptop's folder is checked against the manifest it knows;
/// another one is joined (never created).
fn unlock(store: &Store, folder: &Path, same: bool, passphrase: &str) -> Result<sync::SyncKey> {
    if same {
        store.sync_unlock(folder, passphrase)
    } else {
        store.sync_join_team(folder, passphrase)
    }
}

fn print_rekey(folder: &Path, r: &RekeyReport) {
    say!("Changed the team passphrase of {}", folder.display());
    say!(
        "  {} commits written again under the new key; {} files of the old key removed",
        r.commits,
        r.files_removed
    );
    say!(
        "  the other computers are asked for the new passphrase at their next sync; a former \
         member keeps what they copied before, and cannot read anything written from now on"
    );
}

fn print_status(s: &SyncStatus) {
    match &s.folder {
        Some(folder) => say!("Syncing with {folder}"),
        None => say!("Not syncing: no folder chosen (flocon sync --folder DIR)"),
    }
    say!("  this computer: {} ({})", s.device_name, s.device_id);
    match s.last_sync {
        Some(at) => say!(
            "  last sync: {}",
            at.to_rfc3339_opts(SecondsFormat::Secs, true)
        ),
        None => say!("  last sync: never"),
    }
    say!("  not sent yet: {} records", s.pending_records);
    say!("  open conflicts: {}", s.open_conflicts);
    if s.held > 0 {
        say!("  held aside: {} records", s.held);
    }
    if s.key_changed {
        say!(
            "  the team passphrase was changed on another computer: run flocon sync with the new one"
        );
    }
    print_sizes(&s.sizes, s.folder.is_some());
}

/// "folder: 12.3 MB in 48 files", "history here: 35.1 MB of the 80.2 MB database".
fn print_sizes(sizes: &SyncSizes, has_folder: bool) {
    match (&sizes.folder, has_folder) {
        (Some(f), _) => say!("  folder: {} in {} files", size(f.bytes), f.files),
        (None, true) => say!("  folder: cannot be read now (unplugged, offline?)"),
        (None, false) => {}
    }
    say!(
        "  history here: {} of the {} database",
        size(sizes.history_bytes),
        size(sizes.database_bytes)
    );
}

fn print_report(r: &SyncReport) {
    say!("Synced with {}", r.folder);
    if let Some(n) = &r.new_identity {
        say!(
            "  new identity: another laptop syncs under this laptop's id {} (its data folder \
             was copied from this one, or this one's was, or it was restored from a system \
             backup); this laptop now has its own id {}, and its {} change batches made since \
             the two parted are sent under it. Nothing was lost. Give each laptop its own name \
             in the sync settings.",
            n.old_device_id,
            n.new_device_id,
            n.moved_commits
        );
    }
    say!(
        "  sent:     {} changes in {} commits ({} files)",
        r.sent_changes,
        r.sent_commits,
        r.files_written
    );
    say!(
        "  received: {} changes in {} commits",
        r.received_changes,
        r.received_commits
    );
    if r.merged_texts > 0 {
        say!("  merged:   {} texts edited on two laptops", r.merged_texts);
    }
    for c in &r.new_conflicts {
        say!(
            "  conflict {}: {} \"{}\" {} — kept {:?}, other {:?}",
            c.id,
            c.entity,
            c.label,
            c.field,
            c.kept.text,
            c.other.text
        );
    }
    for s in &r.skipped {
        say!("  skipped {} ({:?})", s.path, s.reason);
    }
    for h in &r.held {
        say!(
            "  held aside: {} {} from {} ({}): {}; everything else was applied, it is tried again \
             at every sync",
            h.entity,
            h.key,
            h.device_name,
            h.device_id,
            h.reason
        );
    }
    if r.waiting > 0 {
        say!("  {} changes wait for earlier files to arrive", r.waiting);
    }
    if r.needs_update > 0 {
        say!(
            "  {} changes come from a newer Flocon: update Flocon to apply them (they are kept)",
            r.needs_update
        );
    }
    print_sizes(&r.sizes, true);
    for device in &r.devices {
        if let Some(ahead) = device.clock_ahead(r.finished_at) {
            say!(
                "  warning: {} dates its changes {} days ahead of this computer's clock: set the \
                 wrong clock right (until then, edits made at the same time on both are settled \
                 for the clock further ahead; the other version stays in the conflicts)",
                device.name,
                ahead.num_days()
            );
        }
    }
}

pub fn run_conflicts(store: &Store, command: ConflictsCommand) -> Result<()> {
    match command {
        ConflictsCommand::List { all, json } => {
            let conflicts = store.conflicts(!all)?;
            if json {
                return print_json(&conflicts);
            }
            if conflicts.is_empty() {
                say!("No conflicts.");
                return Ok(());
            }
            let mut rows = vec![
                ["ID", "KIND", "RECORD", "FIELD", "KEPT", "OTHER", "OPEN"]
                    .map(String::from)
                    .to_vec(),
            ];
            let short = |t: &str| {
                t.lines()
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .take(30)
                    .collect::<String>()
            };
            for c in conflicts {
                rows.push(vec![
                    c.id.clone(),
                    format!("{:?}", c.kind).to_lowercase(),
                    format!("{} {}", c.entity, c.label),
                    c.field.clone(),
                    if c.kept.deleted {
                        "(deleted)".into()
                    } else {
                        short(&c.kept.text)
                    },
                    if c.other.deleted {
                        "(deleted)".into()
                    } else {
                        short(&c.other.text)
                    },
                    if c.open { "yes" } else { "no" }.into(),
                ]);
            }
            print_table(&rows);
            Ok(())
        }
        ConflictsCommand::Resolve {
            id,
            keep,
            text,
            json,
        } => {
            let choice = match (keep, text) {
                (_, Some(text)) => ConflictChoice::Combined { text },
                (Some(Keep::Other), None) => ConflictChoice::Other,
                _ => ConflictChoice::Kept,
            };
            let settled = store.resolve_conflict(&id, &choice)?;
            if json {
                return print_json(&settled);
            }
            say!(
                "Settled {}; the choice reaches the other laptops at the next sync.",
                settled.id
            );
            Ok(())
        }
    }
}
