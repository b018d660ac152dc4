//! `flocon restore` and `flocon check` on files someone else changed: a schema Flocon's
//! migrations do not make is refused, named, and nothing is replaced.

use std::path::{Path, PathBuf};

use crate::backup::{add, files, names, refused};
use crate::support::{flocon, json, ok, stderr};

/// A genuine backup (of a data directory holding Binta), then changed by `sql` through a plain
/// SQLite connection, as someone with the `sqlite3` tool would.
fn poisoned(sql: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    add(dir.path(), "Binta", "Sow");
    let file = dir.path().join("flocon-sauvegarde.sqlite3");
    ok(dir.path(), &["backup", "--out", file.to_str().unwrap()]);
    let conn = rusqlite::Connection::open(&file).expect("raw");
    conn.execute_batch(sql).expect("poisons");
    conn.pragma_update(None, "journal_mode", "DELETE")
        .expect("no log");
    (dir, file)
}

/// A data directory holding Awa.
fn live() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    add(dir.path(), "Awa", "Diallo");
    dir
}

/// `flocon restore FILE --yes` is refused with `words`, and the data directory is unchanged.
fn restore_refused(file: &Path, words: &str) -> String {
    let dir = live();
    let d = dir.path();
    let before = files(d);
    let message = refused(d, &["restore", file.to_str().unwrap(), "--yes"], words);
    assert!(message.contains("nothing was changed"), "{message}");
    assert!(files(d) == before, "the data directory changed");
    assert_eq!(names(d), ["Awa Diallo"]);
    message
}

#[test]
fn restore_refuses_a_backup_carrying_a_trigger_and_its_trigger_never_runs() {
    let (_keep, file) = poisoned(
        "CREATE TRIGGER leak AFTER INSERT ON person
         BEGIN UPDATE person SET notes = 'copié ailleurs'; END;",
    );
    let message = restore_refused(&file, "unknown trigger \"leak\"");
    assert!(
        message.contains(&file.display().to_string()),
        "it names the file: {message}"
    );
    // Adding someone now cannot fire anything: the trigger was never let in.
    let dir = live();
    refused(
        dir.path(),
        &["restore", file.to_str().unwrap(), "--yes"],
        "unknown trigger",
    );
    add(dir.path(), "Chloé", "Martin");
    let notes: Vec<String> = json(dir.path(), &["contacts", "list", "--json"])
        .as_array()
        .expect("an array")
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .map(|id| json(dir.path(), &["contacts", "show", &id, "--json"])["notes"].to_string())
        .collect();
    assert!(notes.iter().all(|n| n == "\"\""), "{notes:?}");
}

#[test]
fn restore_refuses_a_backup_with_a_view_a_table_an_index_or_a_table_defined_otherwise() {
    for (sql, words) in [
        (
            "CREATE VIEW everyone AS SELECT * FROM person;",
            "unknown view \"everyone\"",
        ),
        ("CREATE TABLE loot (data TEXT);", "unknown table \"loot\""),
        (
            "CREATE INDEX person_by_notes ON person (notes);",
            "unknown index \"person_by_notes\"",
        ),
        (
            "ALTER TABLE tag ADD COLUMN colour TEXT;",
            "its table \"tag\" is not defined as Flocon's",
        ),
        (
            "DROP TRIGGER sync_person_update;",
            "Flocon's trigger \"sync_person_update\" is missing",
        ),
    ] {
        let (_keep, file) = poisoned(sql);
        restore_refused(&file, words);
    }
}

#[test]
fn a_genuine_backup_still_restores() {
    let (_keep, file) = poisoned("SELECT 1;");
    let dir = live();
    ok(dir.path(), &["restore", file.to_str().unwrap(), "--yes"]);
    assert_eq!(names(dir.path()), ["Binta Sow"]);
    assert!(ok(dir.path(), &["check"]).contains("intact"));
}

#[test]
fn check_reports_a_trigger_added_to_the_live_database_and_changes_nothing() {
    let dir = live();
    let d = dir.path();
    assert!(ok(d, &["check"]).contains("intact"));
    rusqlite::Connection::open(d.join("flocon.sqlite3"))
        .and_then(|c| {
            c.execute_batch(
                "CREATE TRIGGER leak AFTER INSERT ON person BEGIN SELECT 1; END;
                 PRAGMA wal_checkpoint(TRUNCATE);",
            )
        })
        .expect("poisoned");
    let db = std::fs::read(d.join("flocon.sqlite3")).expect("read");
    let message = refused(d, &["check"], "unknown trigger \"leak\"");
    assert!(message.contains("schema is not Flocon's"), "{message}");
    let o = flocon(d, &["check", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report: serde_json::Value =
        serde_json::from_slice(&o.stdout).expect("the report on stdout");
    assert_eq!(report["ok"], false);
    assert_eq!(
        report["problems"][0],
        "its schema is not Flocon's: it holds an unknown trigger \"leak\""
    );
    assert!(
        std::fs::read(d.join("flocon.sqlite3")).expect("read") == db,
        "check wrote nothing"
    );
}
