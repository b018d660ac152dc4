//! `flocon import` and `flocon export`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::Utc;
use clap::ValueEnum;
use flocon_core::{Error, ImportReport, SessionQuery, Store, export};

use crate::output::{self, print_json};

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// vCard 4.0, every contact
    Vcard,
    /// CSV for spreadsheets, every contact
    Csv,
    /// JSON with every field, every contact
    Json,
    /// iCalendar, every session (times as UTC instants)
    Ics,
}

pub fn import(store: &Store, file: &Path, dry_run: bool, json: bool) -> flocon_core::Result<()> {
    let read_error = |source| Error::Io {
        action: "cannot read",
        path: file.to_path_buf(),
        source,
    };
    // A file past the limit is refused before it is read; from anything else (a pipe), one
    // byte past the limit is enough for the core to refuse it. A disk image given by
    // mistake is never read into memory whole.
    let size = std::fs::metadata(file).map_err(read_error)?.len();
    flocon_core::import::refuse_oversized(usize::try_from(size).unwrap_or(usize::MAX))?;
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| {
            f.take(flocon_core::import::MAX_IMPORT_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
        })
        .map_err(read_error)?;
    let report = store.import(&bytes, dry_run)?;
    if json {
        return print_json(&report);
    }
    print_report(&report);
    Ok(())
}

fn print_report(r: &ImportReport) {
    let verb = if r.dry_run { "would be" } else { "were" };
    say!(
        "{} created, {} merged, {} already present, {} skipped ({} {verb} changed)",
        r.created.len(),
        r.merged.len(),
        r.unchanged.len(),
        r.skipped.len(),
        r.created.len() + r.merged.len(),
    );
    for e in &r.merged {
        say!(
            "  line {}: {} merged into an existing contact",
            e.line,
            e.name
        );
    }
    for s in &r.skipped {
        say!("  line {}: skipped: {}", s.line, s.reason);
    }
    if r.dry_run {
        say!("Dry run: nothing was changed.");
    }
}

pub fn export(
    store: &Store,
    format: ExportFormat,
    out: Option<PathBuf>,
) -> flocon_core::Result<()> {
    let text = match format {
        ExportFormat::Vcard => export::to_vcard(&store.all_persons()?),
        ExportFormat::Csv => export::to_csv(&store.all_persons()?),
        ExportFormat::Json => export::to_json(&store.all_persons()?)?,
        ExportFormat::Ics => {
            export::to_icalendar(&store.list_sessions(&SessionQuery::default())?, Utc::now())
        }
    };
    match out {
        None => {
            output::print_document(&text);
            Ok(())
        }
        Some(path) => write_atomically(&path, text.as_bytes()),
    }
}

/// Writes a temporary file beside `path`, syncs it, then renames it over `path`: a crash
/// leaves either the old file or the new one, never half of one.
/// Prints `text`, or writes it to `out` (atomically) when a file is given.
pub fn print_or_write(out: Option<&Path>, text: &str) -> flocon_core::Result<()> {
    match out {
        None => {
            output::print_document(text);
            Ok(())
        }
        Some(path) => write_atomically(path, text.as_bytes()),
    }
}

pub fn write_atomically(path: &Path, bytes: &[u8]) -> flocon_core::Result<()> {
    let io = |action: &'static str| {
        move |source| Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.flocon-tmp"));
    let mut file = std::fs::File::create(&tmp).map_err(io("cannot create"))?;
    file.write_all(bytes).map_err(io("cannot write"))?;
    file.sync_all().map_err(io("cannot sync"))?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(io("cannot replace"))
}

/// `flocon duplicates …`
#[derive(clap::Subcommand)]
pub enum DuplicatesCommand {
    /// Pairs of contacts that are probably the same person
    List {
        #[arg(long)]
        json: bool,
    },
    /// Merge OTHER into KEEP (everything OTHER had moves to KEEP); prints the merge id
    Merge { keep: String, other: String },
    /// Undo a merge, putting both contacts back as they were
    Undo { merge_id: String },
}

pub fn duplicates(store: &Store, command: DuplicatesCommand) -> flocon_core::Result<()> {
    use flocon_core::parse_id;
    match command {
        DuplicatesCommand::List { json } => {
            let pairs = store.find_duplicates()?;
            if json {
                return print_json(&pairs);
            }
            for p in pairs {
                let name = |s: &flocon_core::PersonSummary| {
                    format!("{} {}", s.first_name, s.last_name)
                        .trim()
                        .to_string()
                };
                let reasons: Vec<String> = p
                    .reasons
                    .iter()
                    .map(|r| format!("{r:?}").to_lowercase())
                    .collect();
                say!(
                    "{}  {}  ~  {}  {}  ({})",
                    p.first.id,
                    name(&p.first),
                    p.second.id,
                    name(&p.second),
                    reasons.join(", ")
                );
            }
        }
        DuplicatesCommand::Merge { keep, other } => say!(
            "{}",
            store.merge_persons(parse_id(&keep)?, parse_id(&other)?)?
        ),
        DuplicatesCommand::Undo { merge_id } => store.undo_merge(parse_id(&merge_id)?)?,
    }
    Ok(())
}
