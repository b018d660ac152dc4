//! The writer and the checker of the `kill -9` soak (scripts/soak).
//!
//! `soak_writer write DATA_DIR LOG` writes through the real `Store` API without end: people
//! created with notes, their notes rewritten, sessions created and their notes autosaved. After
//! each write returns (committed), one line saying what was committed is appended to LOG and
//! flushed to the disk; the soak kills this process with SIGKILL at a random moment.
//!
//! `soak_writer verify DATA_DIR LOG` then checks that everything LOG says was committed is in
//! the database: every record exists, and every text holds the logged version or a later one
//! (the write in flight when the process died may or may not have been committed, but never
//! an earlier state). It prints `verified N` and exits 1 listing what is missing. A torn last
//! line of LOG (the kill came while it was being written) is not a commit: it is ignored.
//!
//! Record lines: `P <person id> <version>` and `S <session id> <version>`; texts carry
//! `soak v<version>` so the version is read back from the database.

use std::collections::BTreeMap;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;
use flocon_core::{PersonDraft, SessionDraft, SessionFormat, SessionText, Store};
use uuid::Uuid;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let result = match (args.get(1).map(String::as_str), args.get(2), args.get(3)) {
        (Some("write"), Some(dir), Some(log)) => write(Path::new(dir), Path::new(log)),
        (Some("verify"), Some(dir), Some(log)) => verify(Path::new(dir), Path::new(log)),
        _ => Err("usage: soak_writer write|verify DATA_DIR LOG".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("soak_writer: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The text a record holds at `version`, long enough that pages split and the WAL grows.
fn text(version: u64) -> String {
    let filler = "Réunion du collectif : météo, tour de table, « décisions » à suivre. ";
    format!(
        "soak v{version}\n\n{}",
        filler.repeat((version as usize % 7) + 1)
    )
}

/// The version a stored text says it is.
fn version_of(stored: &str) -> Option<u64> {
    let rest = stored.strip_prefix("soak v")?;
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    rest[..digits].parse().ok()
}

fn write(dir: &Path, log_path: &Path) -> Result<(), String> {
    let store = Store::open_in(dir).map_err(|e| format!("open: {e}"))?;
    let mut log = OpenOptions::new()
        .create(true)
        .append(true)
        .open(log_path)
        .map_err(|e| format!("log: {e}"))?;
    let mut record = |line: String| -> Result<(), String> {
        log.write_all(line.as_bytes())
            .and_then(|()| log.sync_data())
            .map_err(|e| format!("log: {e}"))
    };
    // What earlier runs (from the log) and this one made, to rewrite some of it. A record
    // whose last write was cut may hold a later version than logged: the next rewrite skips
    // ahead so versions only grow.
    let mut people: Vec<(Uuid, u64)> = Vec::new();
    let mut sessions: Vec<(Uuid, u64)> = Vec::new();
    for ((kind, id), version) in read_log(log_path)? {
        match kind {
            'P' => people.push((id, version + 1)),
            _ => sessions.push((id, version + 1)),
        }
    }
    let seed = std::process::id() as u64 ^ Utc::now().timestamp_micros() as u64;
    let mut rng = seed.max(1);
    let mut next = move || {
        // xorshift64: no dependency needed for a coin toss.
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    for n in 0u64.. {
        match next() % 6 {
            0 | 1 => {
                let person = store
                    .create_person(PersonDraft {
                        first_name: format!("Élodie {n}"),
                        last_name: "Dupré-Soak".into(),
                        tags: vec!["soak".into()],
                        notes: text(1),
                        ..PersonDraft::default()
                    })
                    .map_err(|e| format!("create person: {e}"))?;
                record(format!("P {} 1\n", person.id))?;
                people.push((person.id, 1));
            }
            2 if !people.is_empty() => {
                let i = (next() as usize) % people.len();
                let (id, version) = people[i];
                let mut draft = PersonDraft::from(
                    store
                        .get_person(id)
                        .map_err(|e| format!("get person: {e}"))?,
                );
                draft.notes = text(version + 1);
                store
                    .update_person(id, draft)
                    .map_err(|e| format!("update person: {e}"))?;
                record(format!("P {id} {}\n", version + 1))?;
                people[i].1 = version + 1;
            }
            3 => {
                let session = store
                    .create_session(
                        SessionDraft {
                            title: format!("Collectif des locataires n°{n}"),
                            engagement_id: None,
                            organizations: Vec::new(),
                            starts_at: Utc::now(),
                            duration_minutes: 90,
                            place: "Maison de quartier".into(),
                            format: SessionFormat::Collective,
                            participants: Vec::new(),
                            facilitators: Vec::new(),
                            preparation: "## Ordre du jour\n- météo".into(),
                            notes: String::new(),
                            decisions: Vec::new(),
                            next_session_on: None,
                        },
                        None,
                    )
                    .map_err(|e| format!("create session: {e}"))?;
                store
                    .save_session_text(session.id, SessionText::Notes, &text(1))
                    .map_err(|e| format!("save session notes: {e}"))?;
                record(format!("S {} 1\n", session.id))?;
                sessions.push((session.id, 1));
            }
            _ if !sessions.is_empty() => {
                // Autosave while someone types: many small writes of the same text.
                let i = (next() as usize) % sessions.len();
                let (id, version) = sessions[i];
                store
                    .save_session_text(id, SessionText::Notes, &text(version + 1))
                    .map_err(|e| format!("save session notes: {e}"))?;
                record(format!("S {id} {}\n", version + 1))?;
                sessions[i].1 = version + 1;
            }
            _ => {}
        }
    }
    Ok(())
}

/// The latest committed version of every record the log names. A line without its newline
/// was cut by the kill while being written: its write may be committed, but nothing is
/// claimed for it.
fn read_log(log_path: &Path) -> Result<BTreeMap<(char, Uuid), u64>, String> {
    let log = std::fs::read_to_string(log_path).unwrap_or_default();
    let mut expected: BTreeMap<(char, Uuid), u64> = BTreeMap::new();
    for line in log.split_inclusive('\n').filter(|l| l.ends_with('\n')) {
        let mut parts = line.split_whitespace();
        let (Some(kind), Some(id), Some(version)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(format!("unreadable log line {line:?}"));
        };
        let kind = kind.chars().next().unwrap_or('?');
        let id = Uuid::parse_str(id).map_err(|e| format!("log line {line:?}: {e}"))?;
        let version: u64 = version
            .parse()
            .map_err(|e| format!("log line {line:?}: {e}"))?;
        let latest = expected.entry((kind, id)).or_insert(0);
        *latest = (*latest).max(version);
    }
    Ok(expected)
}

fn verify(dir: &Path, log_path: &Path) -> Result<(), String> {
    let expected = read_log(log_path)?;
    if expected.is_empty() {
        println!("verified 0");
        return Ok(());
    }
    let store = Store::open_in(dir).map_err(|e| format!("open: {e}"))?;
    let mut missing = Vec::new();
    for (&(kind, id), &version) in &expected {
        let stored = match kind {
            'P' => store.get_person(id).map(|p| p.notes),
            'S' => store.get_session(id).map(|s| s.notes),
            other => return Err(format!("unknown record kind {other}")),
        };
        match stored {
            Ok(notes) => match version_of(&notes) {
                Some(found) if found >= version => {}
                found => missing.push(format!(
                    "{kind} {id}: committed version {version}, found {found:?}"
                )),
            },
            Err(e) => missing.push(format!("{kind} {id}: committed, now {e}")),
        }
    }
    if missing.is_empty() {
        println!("verified {}", expected.len());
        Ok(())
    } else {
        Err(format!(
            "{} committed records lost:\n{}",
            missing.len(),
            missing.join("\n")
        ))
    }
}
