//! `flocon gdpr …`: what the association holds about a person (Art. 15 and 20), erasing a
//! person (Art. 17), and the people no one has been in touch with for years.

use std::path::PathBuf;

use clap::Subcommand;
use flocon_core::gdpr::DEFAULT_RETENTION_YEARS;
use flocon_core::{Store, export, parse_id};

use crate::files::print_or_write;
use crate::output::{print_json, print_table};

#[derive(Subcommand)]
pub enum GdprCommand {
    /// Everything Flocon holds about a person: a readable HTML page, or JSON with --json
    Export {
        person_id: String,
        /// The machine-readable copy (JSON) instead of the readable page
        #[arg(long)]
        json: bool,
        /// Write to FILE (atomically) instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Erase a person for good (Art. 17), on every laptop at their next sync; notes that name
    /// them are listed for rereading
    Erase {
        person_id: String,
        /// Required: the erasure cannot be undone
        #[arg(long)]
        yes: bool,
        #[arg(long)]
        json: bool,
    },
    /// People with no activity for N years (or since their creation), oldest first
    Retention {
        /// 1 to 20
        #[arg(long, value_name = "N", default_value_t = DEFAULT_RETENTION_YEARS)]
        years: u32,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(store: &Store, command: GdprCommand) -> flocon_core::Result<()> {
    match command {
        GdprCommand::Export {
            person_id,
            json,
            out,
        } => {
            let data = store.gdpr_export(parse_id(&person_id)?)?;
            let mut text = if json {
                data.to_json()?
            } else {
                export::person_export_html(&data)
            };
            if !text.ends_with('\n') {
                text.push('\n');
            }
            print_or_write(out.as_deref(), &text)
        }
        GdprCommand::Erase {
            person_id,
            yes,
            json,
        } => {
            let id = parse_id(&person_id)?;
            if !yes {
                return Err(flocon_core::Error::Refused(
                    "nothing was erased: add --yes to erase this person for good".into(),
                ));
            }
            let report = store.erase_person(id)?;
            if json {
                return print_json(&report);
            }
            say!("Erased {id}");
            for r in &report.removed {
                say!("removed {} {} row(s)", r.rows, r.table);
            }
            for r in &report.unlinked {
                say!(
                    "unlinked {} {} row(s) (kept, without this person)",
                    r.rows,
                    r.table
                );
            }
            if report.flagged.is_empty() {
                say!("no note names this person");
            } else {
                say!("to reread, they name this person:");
                let table: Vec<Vec<String>> = report
                    .flagged
                    .iter()
                    .map(|f| vec![f.kind.clone(), f.id.to_string(), f.title.clone()])
                    .collect();
                print_table(&table);
            }
            Ok(())
        }
        GdprCommand::Retention { years, json } => {
            let today = chrono::Local::now().date_naive();
            let rows = store.retention(years, today)?;
            if json {
                return print_json(&rows);
            }
            if rows.is_empty() {
                let unit = if years == 1 { "year" } else { "years" };
                say!("no contact without activity for {years} {unit}");
                return Ok(());
            }
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let p = &r.person;
                    vec![
                        p.id.to_string(),
                        format!("{} {}", p.first_name, p.last_name)
                            .trim()
                            .to_string(),
                        r.last_activity
                            .map_or_else(|| "never".into(), |d| d.to_string()),
                        format!("created {}", r.created_on),
                    ]
                })
                .collect();
            print_table(&table);
            Ok(())
        }
    }
}
