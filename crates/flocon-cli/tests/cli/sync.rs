//! `flocon sync`, `sync dump` and `conflicts` through the real binary: two data dirs (two
//! laptops) and one shared folder; a wrong passphrase; `kill -9` in the middle of a sync.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use serde_json::Value;

use crate::support::{ok_with, stderr, with_passphrase};

const PASSPHRASE: &str = "le pouvoir se construit ensemble";

fn run(dir: &Path, args: &[&str]) -> Output {
    with_passphrase(dir, args, PASSPHRASE)
        .output()
        .expect("flocon runs")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    ok_with(dir, PASSPHRASE, args)
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).expect("JSON on stdout")
}

/// `flocon sync init`: the first laptop creates the team folder.
pub(crate) fn init(dir: &Path, folder: &Path) {
    ok(
        dir,
        &[
            "sync",
            "init",
            "--folder",
            folder.to_str().expect("utf-8 path"),
        ],
    );
}

fn sync(dir: &Path, folder: &Path) -> Value {
    let folder = folder.to_str().expect("utf-8 path");
    json(dir, &["sync", "--folder", folder, "--json"])
}

fn people(dir: &Path) -> Vec<(String, String)> {
    let list = json(dir, &["contacts", "list", "--json"]);
    let mut out: Vec<(String, String)> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap_or_default().to_string(),
                format!(
                    "{} {}",
                    p["first_name"].as_str().unwrap_or_default(),
                    p["last_name"].as_str().unwrap_or_default()
                ),
            )
        })
        .collect();
    out.sort();
    out
}

/// Léa's and Karim's data dirs and their shared folder, in a temporary directory.
fn two_laptops() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (lea, karim, shared) = (
        tmp.path().join("lea"),
        tmp.path().join("karim"),
        tmp.path().join("partage"),
    );
    (tmp, lea, karim, shared)
}

#[test]
fn two_laptops_converge_and_settle_a_conflict_from_the_command_line() {
    let (_tmp, lea, karim, shared) = two_laptops();
    let awa = ok(
        &lea,
        &[
            "contacts",
            "add",
            "--first-name",
            "Awa",
            "--last-name",
            "Diallo",
            "--city",
            "Lyon",
        ],
    );
    ok(
        &karim,
        &[
            "contacts",
            "add",
            "--first-name",
            "Théo",
            "--last-name",
            "Lefèvre",
        ],
    );

    init(&lea, &shared);
    let first = sync(&lea, &shared);
    assert!(first["sent_changes"].as_u64().unwrap_or(0) > 0, "{first}");
    sync(&karim, &shared);
    sync(&lea, &shared);
    assert_eq!(people(&lea), people(&karim));
    assert_eq!(people(&lea).len(), 2);

    // The files are encrypted: no name in clear in the folder.
    for entry in walk(&shared) {
        let bytes = std::fs::read(&entry).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("Diallo"),
            "{} holds a name in clear",
            entry.display()
        );
    }
    // `sync dump` decrypts them, one JSON object per change.
    let dump = ok(
        &lea,
        &["sync", "dump", "--folder", shared.to_str().expect("utf-8")],
    );
    let changes: Vec<Value> = dump
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert!(
        changes.iter().any(|c| c["entity"] == "person"
            && c["field"] == "last_name"
            && c["value"] == "Diallo")
    );

    // The same field edited on both laptops without syncing in between.
    ok(
        &lea,
        &["contacts", "update", &awa, "--city", "Villeurbanne"],
    );
    ok(
        &karim,
        &["contacts", "update", &awa, "--city", "Vénissieux"],
    );
    sync(&lea, &shared);
    let report = sync(&karim, &shared);
    sync(&lea, &shared);
    assert_eq!(
        report["new_conflicts"].as_array().map(Vec::len),
        Some(1),
        "{report}"
    );
    let city = |dir: &Path| json(dir, &["contacts", "show", &awa, "--json"])["city"].clone();
    assert_eq!(city(&lea), city(&karim));
    let on_lea = json(&lea, &["conflicts", "list", "--json"]);
    assert_eq!(on_lea, json(&karim, &["conflicts", "list", "--json"]));
    let conflict = &on_lea[0];
    assert_eq!(conflict["field"], "city");
    let other = conflict["other"]["text"]
        .as_str()
        .expect("other text")
        .to_string();

    let id = conflict["id"].as_str().expect("an id");
    ok(&karim, &["conflicts", "resolve", id, "--keep", "other"]);
    sync(&karim, &shared);
    sync(&lea, &shared);
    assert_eq!(city(&lea), Value::String(other.clone()));
    assert_eq!(city(&karim), Value::String(other));
    assert_eq!(
        json(&lea, &["conflicts", "list", "--json"]),
        Value::Array(vec![])
    );
    let history = json(&lea, &["conflicts", "list", "--all", "--json"]);
    assert_eq!(history.as_array().map(Vec::len), Some(1));
}

#[test]
fn a_laptop_whose_clock_is_a_year_ahead_is_named_in_the_sync_output() {
    let (_tmp, lea, karim, shared) = two_laptops();
    let awa = ok(
        &lea,
        &[
            "contacts",
            "add",
            "--first-name",
            "Awa",
            "--last-name",
            "Diallo",
        ],
    );
    init(&lea, &shared);
    sync(&lea, &shared);
    let folder = shared.to_str().expect("utf-8 path");
    let quiet = ok(&karim, &["sync", "--folder", folder]);
    assert!(!quiet.contains("warning"), "{quiet}");

    // Léa's laptop believes it is next year (its sync clock, as a wrong system clock leaves it).
    let year_ahead = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_millis()
        + 365 * 24 * 60 * 60 * 1000;
    let db = rusqlite::Connection::open(lea.join("flocon.sqlite3")).expect("Léa's database");
    db.execute(
        "UPDATE sync_meta SET value = ?1 WHERE key = 'clock'",
        [format!(
            "{year_ahead:015}:{:06}:00000000-0000-0000-0000-000000000000",
            0
        )],
    )
    .expect("clock set");
    drop(db);
    ok(&lea, &["contacts", "update", &awa, "--city", "Lyon"]);
    sync(&lea, &shared);

    let out = ok(&karim, &["sync", "--folder", folder]);
    let warning = out
        .lines()
        .find(|l| l.contains("warning:"))
        .unwrap_or_else(|| panic!("no warning in: {out}"));
    assert!(
        warning.contains("dates its changes 364 days ahead")
            || warning.contains("dates its changes 365 days ahead"),
        "{warning}"
    );
    assert!(warning.contains("set the wrong clock right"), "{warning}");
}

#[test]
fn sync_dump_of_a_folder_that_is_not_a_sync_folder_is_refused_and_creates_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let lea = tmp.path().join("lea");
    let missing = tmp.path().join("cle-usb").join("flocon");
    let o = run(
        &lea,
        &["sync", "dump", "--folder", missing.to_str().expect("utf-8")],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("is not there (no flocon-sync.json)"),
        "{}",
        stderr(&o)
    );
    assert!(!missing.exists(), "dump set up no folder");
}

#[test]
fn a_wrong_passphrase_is_refused_and_changes_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (lea, karim, shared) = (
        tmp.path().join("lea"),
        tmp.path().join("karim"),
        tmp.path().join("partage"),
    );
    ok(
        &lea,
        &[
            "contacts",
            "add",
            "--first-name",
            "Awa",
            "--last-name",
            "Diallo",
        ],
    );
    init(&lea, &shared);
    sync(&lea, &shared);
    ok(
        &karim,
        &[
            "contacts",
            "add",
            "--first-name",
            "Théo",
            "--last-name",
            "Lefèvre",
        ],
    );
    let before: Vec<_> = walk(&shared)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).expect("read")))
        .collect();

    let o = with_passphrase(
        &karim,
        &["sync", "--folder", shared.to_str().expect("utf-8")],
        "pas la bonne",
    )
    .output()
    .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let reason = stderr(&o);
    assert!(reason.contains("passphrase"), "{reason}");
    assert_eq!(reason.trim().lines().count(), 1);
    let after: Vec<_> = walk(&shared)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).expect("read")))
        .collect();
    assert_eq!(before, after, "the folder is untouched");
    assert_eq!(people(&karim).len(), 1, "nothing arrived");
}

#[test]
fn killing_a_sync_at_any_moment_loses_nothing_and_the_next_sync_completes() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (lea, karim, shared) = (
        tmp.path().join("lea"),
        tmp.path().join("karim"),
        tmp.path().join("partage"),
    );
    // Enough people for a sync to take a while.
    let csv = tmp.path().join("contacts.csv");
    let mut text = String::from("first_name,last_name,email,city\n");
    for i in 0..1500 {
        text.push_str(&format!("Prénom{i},Nom{i},p{i}@exemple.org,Lyon\n"));
    }
    std::fs::write(&csv, text).expect("csv");
    ok(&lea, &["import", csv.to_str().expect("utf-8")]);
    init(&lea, &shared);
    sync(&lea, &shared);

    let folder = shared.to_str().expect("utf-8");
    for delay in [30u64, 120, 300, 600] {
        let mut child = with_passphrase(&karim, &["sync", "--folder", folder], PASSPHRASE)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL on Unix: no chance to clean up.
        let _ = child.wait();
        // Whatever was cut, the database opens and is consistent.
        ok(&karim, &["contacts", "list", "--limit", "1"]);
    }
    sync(&karim, &shared);
    assert_eq!(people(&karim), people(&lea));
    assert_eq!(people(&karim).len(), 1500);
    let again = sync(&karim, &shared);
    assert_eq!(again["received_commits"], 0);
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
