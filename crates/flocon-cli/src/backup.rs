//! `flocon backup`, `flocon restore`, `flocon check`: they work on the database file itself,
//! without opening it as a store (no migration, nothing written to a damaged file).

use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, Utc};
use clap::Subcommand;
use flocon_core::backup::{self, BackupInfo, BackupKind};
use flocon_core::store::DATABASE_FILE;
use flocon_core::{Error, Result};

use crate::output;

#[derive(Subcommand)]
pub enum BackupCommand {
    /// The backups in the data directory's backups/ folder, newest first
    List {
        #[arg(long)]
        json: bool,
    },
}

/// `flocon backup [--out FILE]` and `flocon backup list`.
pub fn run(dir: &Path, command: Option<BackupCommand>, out: Option<PathBuf>) -> Result<()> {
    match (command, out) {
        (Some(BackupCommand::List { json }), None) => list(dir, json),
        (Some(BackupCommand::List { .. }), Some(_)) => Err(Error::Refused(
            "--out makes a backup; it does not go with `backup list`".into(),
        )),
        (None, out) => {
            let info = match out {
                Some(out) => backup::backup_to(&dir.join(DATABASE_FILE), &out)?,
                None => backup::manual_backup(dir, Utc::now())?,
            };
            say!("{}", info.file);
            Ok(())
        }
    }
}

fn kind_label(kind: BackupKind) -> &'static str {
    match kind {
        BackupKind::Automatic => "automatic",
        BackupKind::Manual => "manual",
        BackupKind::BeforeRestore => "before restore",
    }
}

fn list(dir: &Path, json: bool) -> Result<()> {
    let backups: Vec<BackupInfo> = backup::list_backups(&backup::backups_dir(dir))?;
    if json {
        return output::print_json(&backups);
    }
    if backups.is_empty() {
        say!("No backup yet in {}", backup::backups_dir(dir).display());
        return Ok(());
    }
    let mut rows = vec![vec![
        "TAKEN AT".to_string(),
        "KIND".to_string(),
        "SIZE".to_string(),
        "FILE".to_string(),
    ]];
    for b in &backups {
        rows.push(vec![
            b.taken_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            kind_label(b.kind).to_string(),
            format!("{:.1} MB", b.size_bytes as f64 / 1_000_000.0),
            b.file.clone(),
        ]);
    }
    output::print_table(&rows);
    Ok(())
}

/// `flocon restore FILE --yes`.
pub fn restore(dir: &Path, file: &Path, yes: bool) -> Result<()> {
    if !yes {
        return Err(Error::Refused(format!(
            "nothing was restored: add --yes to replace the database with {} (the current one is kept in {})",
            file.display(),
            backup::backups_dir(dir).display()
        )));
    }
    let report = backup::restore(dir, file)?;
    say!("Restored {}", report.restored_from);
    if let Some(aside) = report.set_aside {
        say!("The former database is kept as {}", aside.file);
    }
    Ok(())
}

/// `flocon check`: the full integrity check, read-only.
pub fn check(dir: &Path, json: bool) -> Result<()> {
    let path = dir.join(DATABASE_FILE);
    if !path.exists() {
        return Err(Error::Refused(format!(
            "there is no database at {}",
            path.display()
        )));
    }
    let report = backup::check(&path)?;
    if json {
        output::print_json(&report)?;
    }
    let report = report.into_result()?;
    if !json {
        say!("The database is intact: {}", report.path);
    }
    Ok(())
}
