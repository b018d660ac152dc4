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

#[test]
fn restore_refuses_what_an_attack_with_poisoned_backups_tried() {
    const W: &str = "PRAGMA writable_schema = ON;";
    for (sql, words) in [
        // Odd names: one space more, or Flocon's own trigger renamed by case.
        (
            "CREATE TRIGGER \"sync_person_insert \" AFTER INSERT ON person BEGIN SELECT 1; END;",
            "unknown trigger \"sync_person_insert \"",
        ),
        (
            "DROP TRIGGER sync_person_insert;
             CREATE TRIGGER SYNC_PERSON_INSERT AFTER INSERT ON person BEGIN SELECT 1; END;",
            "unknown trigger \"SYNC_PERSON_INSERT\" (and 1 other difference)",
        ),
        // A TEMP trigger written into the file's own schema.
        (
            &format!(
                "{W} INSERT INTO sqlite_schema VALUES ('trigger', 't', 'person', 0,
                 'CREATE TEMP TRIGGER t AFTER INSERT ON person BEGIN SELECT 1; END');"
            ),
            "unknown trigger \"t\"",
        ),
        // A view where Flocon has a table.
        (
            "DROP TABLE erasure_review; CREATE VIEW erasure_review AS SELECT 1 AS x;",
            "unknown view \"erasure_review\"",
        ),
        (
            &format!(
                "{W} INSERT INTO sqlite_schema VALUES ('view', 'sqlite_master', 'sqlite_master', 0,
                 'CREATE VIEW sqlite_master AS SELECT 1');"
            ),
            "damaged",
        ),
        // A function in a CHECK, a generated column, another tokenizer.
        (
            &format!(
                "{W} UPDATE sqlite_schema SET sql = replace(sql, 'NOT NULL', 'NOT NULL CHECK (load_extension(''x''))')
                 WHERE name = 'tag';"
            ),
            "its table \"tag\" is not defined as Flocon's",
        ),
        (
            &format!(
                "{W} UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', ', g TEXT AS (upper(name))) STRICT')
                 WHERE name = 'tag';"
            ),
            "its table \"tag\" is not defined as Flocon's",
        ),
        (
            &format!(
                "{W} UPDATE sqlite_schema SET sql = replace(sql, 'unicode61 remove_diacritics 2', 'porter ascii')
                 WHERE name = 'search_index';"
            ),
            "its table \"search_index\" is not defined as Flocon's",
        ),
        // The search index's settings, kept out of sqlite_schema.
        (
            "INSERT INTO search_index_config VALUES ('rank', 'bm25(1000.0)');",
            "its table \"search_index\" is not defined as Flocon's",
        ),
        // A definition of SQLite's own statistics table that is not SQLite's.
        (
            &format!(
                "{W} INSERT INTO sqlite_schema VALUES ('table', 'sqlite_stat1', 'sqlite_stat1', 0,
                 'CREATE TABLE sqlite_stat1(tbl,idx,stat,x DEFAULT (random()))');"
            ),
            "damaged",
        ),
        // A reference to nothing.
        (
            "PRAGMA foreign_keys = OFF;
             INSERT INTO person_email (person_id, position, address) VALUES ('nobody', 0, 'a@b.fr');",
            "points at a missing row of person",
        ),
    ] {
        let (_keep, file) = poisoned(sql);
        let dir = live();
        let before = files(dir.path());
        refused(
            dir.path(),
            &["restore", file.to_str().unwrap(), "--yes"],
            words,
        );
        assert!(files(dir.path()) == before, "{sql}: the data directory changed");
    }
}

#[test]
fn restore_refuses_a_trigger_held_only_in_a_log_beside_the_backup() {
    let (keep, file) = poisoned("SELECT 1;");
    // The backup as it is, and a write-ahead log beside it that adds a trigger.
    let log = {
        let conn = rusqlite::Connection::open(&file).expect("raw");
        conn.pragma_update(None, "journal_mode", "WAL")
            .expect("WAL");
        conn.pragma_update(None, "wal_autocheckpoint", 0)
            .expect("no checkpoint");
        let main = std::fs::read(&file).expect("read");
        conn.execute_batch("CREATE TRIGGER from_log AFTER INSERT ON person BEGIN SELECT 1; END;")
            .expect("trigger");
        let log = std::fs::read(keep.path().join("flocon-sauvegarde.sqlite3-wal")).expect("log");
        drop(conn);
        std::fs::write(&file, main).expect("write");
        log
    };
    std::fs::write(keep.path().join("flocon-sauvegarde.sqlite3-wal"), log).expect("log back");
    let _ = std::fs::remove_file(keep.path().join("flocon-sauvegarde.sqlite3-shm"));
    restore_refused(&file, "unknown trigger \"from_log\"");
}
