//! `flocon sync` and `flocon conflicts`: syncing with a shared folder from a terminal or cron.

use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use flocon_core::sync::{self, ConflictChoice, KdfParams, SyncKey, SyncReport};
use flocon_core::{Error, Result, Store};

use crate::output::{print_json, print_table};

/// The team passphrase, when not asked at the prompt.
const PASSPHRASE_ENV: &str = "FLOCON_SYNC_PASSPHRASE";
/// Testing only: new folders get cheap key-derivation costs (never use for real data).
const FAST_KDF_ENV: &str = "FLOCON_SYNC_FAST_KDF";

#[derive(Subcommand)]
pub enum SyncCommand {
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

#[derive(Clone, Copy, ValueEnum)]
pub enum Keep {
    /// The version the data holds now
    Kept,
    /// The other version (for a deleted record: delete it after all)
    Other,
}

fn passphrase() -> Result<String> {
    if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
        return Ok(p);
    }
    rpassword::prompt_password("Team passphrase: ").map_err(|_| Error::SyncFolder {
        path: PathBuf::new(),
        reason: format!("no passphrase: set {PASSPHRASE_ENV} or run from a terminal"),
    })
}

fn key_for(folder: &Path) -> Result<SyncKey> {
    let cost = if std::env::var_os(FAST_KDF_ENV).is_some() {
        KdfParams::FAST_FOR_TESTS
    } else {
        KdfParams::DEFAULT
    };
    sync::open_or_create(folder, &passphrase()?, cost)
}

pub fn run(
    store: &Store,
    command: Option<SyncCommand>,
    folder: Option<PathBuf>,
    json: bool,
) -> Result<()> {
    if let Some(SyncCommand::Dump { folder }) = command {
        // Reading only: a folder that is not a sync folder is refused, never set up.
        let key = sync::open_existing(&folder, &passphrase()?)?;
        for change in flocon_core::store::dump_sync_folder(&folder, &key)? {
            println!("{change}");
        }
        return Ok(());
    }
    let folder = match folder {
        Some(f) => f,
        None => store
            .sync_status()?
            .folder
            .map(PathBuf::from)
            .ok_or_else(|| Error::SyncFolder {
                path: PathBuf::new(),
                reason: "no folder chosen: pass --folder DIR".into(),
            })?,
    };
    let key = key_for(&folder)?;
    let report = store.sync_with_folder(&folder, &key)?;
    if json {
        return print_json(&report);
    }
    print_report(&report);
    Ok(())
}

fn print_report(r: &SyncReport) {
    println!("Synced with {}", r.folder);
    if let Some(n) = &r.new_identity {
        println!(
            "  new identity: another laptop syncs under this laptop's id {} (its data folder \
             was copied from this one, or this one's was, or it was restored from a system \
             backup); this laptop now has its own id {}, and its {} change batches made since \
             the two parted are sent under it. Nothing was lost. Give each laptop its own name \
             in the sync settings.",
            n.old_device_id, n.new_device_id, n.moved_commits
        );
    }
    println!(
        "  sent:     {} changes in {} commits ({} files)",
        r.sent_changes, r.sent_commits, r.files_written
    );
    println!(
        "  received: {} changes in {} commits",
        r.received_changes, r.received_commits
    );
    if r.merged_texts > 0 {
        println!("  merged:   {} texts edited on two laptops", r.merged_texts);
    }
    for c in &r.new_conflicts {
        println!(
            "  conflict {}: {} \"{}\" {} — kept {:?}, other {:?}",
            c.id, c.entity, c.label, c.field, c.kept.text, c.other.text
        );
    }
    for s in &r.skipped {
        println!("  skipped {} ({:?})", s.path, s.reason);
    }
    if r.waiting > 0 {
        println!("  {} changes wait for earlier files to arrive", r.waiting);
    }
    if r.needs_update > 0 {
        println!(
            "  {} changes come from a newer Flocon: update Flocon to apply them (they are kept)",
            r.needs_update
        );
    }
    for device in &r.devices {
        if let Some(ahead) = device.clock_ahead(r.finished_at) {
            println!(
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
                println!("No conflicts.");
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
            println!(
                "Settled {}; the choice reaches the other laptops at the next sync.",
                settled.id
            );
            Ok(())
        }
    }
}
