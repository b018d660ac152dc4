//! `flocon trash …`: records deleted on this laptop wait 30 days in the trash; list them, put
//! one back, or empty the trash for good.

use chrono::Utc;
use clap::Subcommand;
use flocon_core::{Error, Store, parse_id};

use crate::coaching::local_time;
use crate::output::{print_json, print_table};

#[derive(Subcommand)]
pub enum TrashCommand {
    /// Deleted records waiting in the trash (30 days), newest first
    List {
        #[arg(long)]
        json: bool,
    },
    /// Put a deleted record back, with everything that went with it
    Restore {
        /// The trash item's id (first column of `flocon trash list`)
        id: String,
    },
    /// Remove everything in the trash for good
    Empty {
        /// Confirm: without it nothing is removed
        #[arg(long)]
        yes: bool,
    },
}

pub fn run(store: &Store, command: TrashCommand) -> flocon_core::Result<()> {
    // Items past their 30 days go first, so they are neither shown nor restored.
    store.trash_purge_expired(Utc::now())?;
    match command {
        TrashCommand::List { json } => {
            let items = store.trash_list()?;
            if json {
                return print_json(&items);
            }
            if items.is_empty() {
                say!("The trash is empty.");
                return Ok(());
            }
            let rows: Vec<Vec<String>> = items
                .iter()
                .map(|i| {
                    vec![
                        i.id.to_string(),
                        i.kind.to_string(),
                        i.label.clone(),
                        format!("deleted {}", local_time(i.deleted_at)),
                        format!("until {}", local_time(i.expires_at)),
                    ]
                })
                .collect();
            print_table(&rows);
        }
        TrashCommand::Restore { id } => {
            let restored = store.trash_restore(parse_id(&id)?)?;
            say!(
                "Restored {} \"{}\" ({})",
                restored.kind,
                restored.label,
                restored.record_id
            );
            if restored.left_out > 0 {
                say!(
                    "{} linked row(s) left out: what they pointed at no longer exists",
                    restored.left_out
                );
            }
        }
        TrashCommand::Empty { yes } => {
            if !yes {
                return Err(Error::Refused(
                    "nothing was removed: add --yes to empty the trash for good".into(),
                ));
            }
            let removed = store.trash_empty()?;
            say!("{removed} item(s) removed for good");
        }
    }
    Ok(())
}
