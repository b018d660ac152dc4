//! Backups handed over by someone else: a schema Flocon does not make is refused before
//! anything is replaced, an older genuine one still restores, and `check` reports a live
//! database whose schema was changed behind Flocon's back.

use std::collections::BTreeMap;

use super::*;
use crate::db::{SchemaChange, SchemaObject};
use crate::error::ErrorKind;
use crate::person::PersonDraft;
use crate::store::{PersonQuery, Store};

fn person(first: &str) -> PersonDraft {
    PersonDraft {
        first_name: first.into(),
        ..PersonDraft::default()
    }
}

fn names(data_dir: &Path) -> Vec<String> {
    let store = Store::open_in(data_dir).expect("opens");
    let mut names: Vec<String> = store
        .list_persons(&PersonQuery::default())
        .expect("list")
        .into_iter()
        .map(|p| p.first_name)
        .collect();
    names.sort();
    names
}

/// Every file of the folder (relative path → bytes).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let bytes = fs::read(&path).expect("read");
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A data directory whose database holds Awa, closed.
fn live() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    Store::open_in(dir.path())
        .and_then(|s| s.create_person(person("Awa")))
        .expect("person");
    dir
}

/// A genuine backup holding Binta, then changed by `sql` through a plain connection, as
/// someone with the `sqlite3` tool would (with `writable_schema` allowed), and left without
/// a log beside it.
fn poisoned(sql: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_in(dir.path()).expect("store");
    store.create_person(person("Binta")).expect("person");
    let file = PathBuf::from(manual_backup(dir.path(), Utc::now()).expect("backup").file);
    drop(store);
    let conn = Connection::open(&file).expect("raw");
    conn.execute_batch(sql).expect("poisons");
    conn.pragma_update(None, "journal_mode", "DELETE")
        .expect("no log");
    drop(conn);
    (dir, file)
}

/// Restores `backup` into a fresh live data directory, and asserts it is refused as a foreign
/// schema (`change` of the `object` called `name`) with nothing changed; answers the error.
fn refused(backup: &Path, change: SchemaChange, object: SchemaObject, name: &str) -> Error {
    let dir = live();
    let d = dir.path();
    let before = snapshot(d);
    for attempt in [restore(d, backup).map(|_| ()), schedule_restore(d, backup)] {
        let error = attempt.expect_err("refused");
        match &error {
            Error::ForeignSchema { path, difference } => {
                assert_eq!(path, backup, "{error}");
                assert_eq!(
                    (
                        difference.change,
                        difference.object,
                        difference.name.as_str()
                    ),
                    (change, object, name),
                    "{error}"
                );
            }
            other => panic!("expected a foreign schema, got {other}"),
        }
        assert_eq!(error.kind(), ErrorKind::ForeignSchema);
        assert!(snapshot(d) == before, "the data directory changed");
    }
    assert_eq!(names(d), ["Awa"]);
    restore(d, backup).expect_err("refused")
}

#[test]
fn a_backup_with_a_trigger_of_its_own_is_refused_and_nothing_is_replaced() {
    let (_keep, backup) = poisoned(
        "CREATE TRIGGER leak AFTER INSERT ON person
         BEGIN UPDATE person SET notes = 'pwned'; END;",
    );
    let error = refused(
        &backup,
        SchemaChange::Unknown,
        SchemaObject::Trigger,
        "leak",
    );
    let message = error.to_string();
    assert!(
        message.contains("unknown trigger \"leak\"") && message.contains("nothing was changed"),
        "{message}"
    );
    assert!(message.contains(&backup.display().to_string()), "{message}");
}

#[test]
fn a_backup_with_a_view_a_table_or_an_index_more_is_refused() {
    for (sql, object, name) in [
        (
            "CREATE VIEW everyone AS SELECT * FROM person;",
            SchemaObject::View,
            "everyone",
        ),
        (
            "CREATE TABLE loot (data TEXT);",
            SchemaObject::Table,
            "loot",
        ),
        (
            "CREATE INDEX person_by_notes ON person (notes);",
            SchemaObject::Index,
            "person_by_notes",
        ),
    ] {
        let (_keep, backup) = poisoned(sql);
        refused(&backup, SchemaChange::Unknown, object, name);
    }
}

#[test]
fn a_backup_whose_table_is_defined_otherwise_is_refused() {
    // Through SQL, then by rewriting the schema's text directly (a DEFAULT that is not ours).
    let (_keep, backup) = poisoned("ALTER TABLE tag ADD COLUMN colour TEXT;");
    refused(&backup, SchemaChange::Altered, SchemaObject::Table, "tag");
    let (_keep, backup) = poisoned(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_schema SET sql = replace(sql, 'NOT NULL', 'NOT NULL DEFAULT (random())')
         WHERE name = 'tag';
         PRAGMA writable_schema = OFF;",
    );
    refused(&backup, SchemaChange::Altered, SchemaObject::Table, "tag");
}

#[test]
fn a_backup_that_dropped_one_of_flocons_triggers_is_refused() {
    // Without it, changes to contacts would never reach the other laptops.
    let (_keep, backup) = poisoned("DROP TRIGGER sync_person_update;");
    refused(
        &backup,
        SchemaChange::Missing,
        SchemaObject::Trigger,
        "sync_person_update",
    );
}

#[test]
fn a_genuine_backup_from_an_older_version_restores_and_is_migrated() {
    let dir = live();
    let d = dir.path();
    let others = tempfile::tempdir().expect("temp dir");
    // Version 4: before sync, so before its triggers and tables.
    let old = others.path().join("flocon-ancienne.sqlite3");
    crate::db::create_at_version(&old, 4).expect("created");
    Connection::open(&old)
        .and_then(|c| {
            c.execute_batch(
                "INSERT INTO person (id, first_name, last_name, sort_key, match_text, created_at, updated_at)
                 VALUES ('01900000-0000-7000-8000-00000000aaaa', 'Chloé', '', 'chloe', 'chloe',
                         '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
                 PRAGMA journal_mode = DELETE;",
            )
        })
        .expect("a contact");
    verify_backup(&old).expect("an older schema is Flocon's at its version");

    restore(d, &old).expect("restores");
    assert_eq!(names(d), ["Chloé"]);
    assert!(check(&d.join(DATABASE_FILE)).expect("checks").ok);
}

#[test]
fn a_backup_older_but_with_a_later_versions_objects_is_refused() {
    // Version 4's number, with everything version 11 made: not what version 4 makes.
    let (_keep, backup) = poisoned("PRAGMA user_version = 4;");
    let error = restore(live().path(), &backup).expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::ForeignSchema, "{error}");
}

#[test]
fn check_reports_a_live_database_given_a_trigger_behind_flocons_back() {
    let dir = live();
    let d = dir.path();
    let path = d.join(DATABASE_FILE);
    assert!(check(&path).expect("checks").ok);
    Connection::open(&path)
        .and_then(|c| {
            c.execute_batch(
                "CREATE TRIGGER \"Sync person insert\" AFTER INSERT ON person BEGIN SELECT 1; END;",
            )
        })
        .expect("poisoned");
    let before = fs::read(&path).expect("read");
    for report in [check(&path), quick_check(&path)] {
        let report = report.expect("checks");
        assert!(!report.ok);
        assert_eq!(
            report.problems,
            ["its schema is not Flocon's: it holds an unknown trigger \"Sync person insert\""]
        );
    }
    let status = integrity_status(d);
    assert_eq!(status.state, IntegrityState::Damaged);
    assert!(
        status.detail.expect("said").contains("unknown trigger"),
        "the app's start check says it too"
    );
    assert!(fs::read(&path).expect("read") == before, "checking wrote nothing");
    // Nor is it copied into a backup.
    let error = manual_backup(d, Utc::now()).expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::ForeignSchema, "{error}");
    assert!(error.to_string().contains(&path.display().to_string()));
}

#[test]
fn a_restored_copy_leaves_behind_the_planners_statistics() {
    // SQLite's own tables pass the check, but rows written by someone else would steer every
    // query: Flocon never makes them, so the copy drops them.
    let (_keep, backup) = poisoned(
        "ANALYZE;
         DELETE FROM sqlite_stat1;
         INSERT INTO sqlite_stat1 VALUES ('person', 'person_by_sort_key', '1000000000 1 1');",
    );
    verify_backup(&backup).expect("SQLite's own statistics are not foreign");
    let dir = live();
    restore(dir.path(), &backup).expect("restores");
    let conn = Connection::open(dir.path().join(DATABASE_FILE)).expect("raw");
    let stats: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'sqlite_stat%'",
            [],
            |r| r.get(0),
        )
        .expect("reads");
    assert_eq!(stats, 0);
    assert_eq!(names(dir.path()), ["Binta"]);
}

#[test]
fn the_app_names_only_flocons_own_backups() {
    let dir = live();
    let d = dir.path();
    let made = manual_backup(d, Utc::now()).expect("backup");
    assert_eq!(
        backup_named(d, &made.name).expect("found"),
        PathBuf::from(&made.file)
    );
    // A valid name, linking elsewhere.
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let target = elsewhere.path().join("flocon.sqlite3");
    fs::copy(&made.file, &target).expect("copy");
    let linked = "flocon-2026-01-01T00-00-00Z-manuel.sqlite3";
    #[cfg(unix)]
    std::os::unix::fs::symlink(&target, backups_dir(d).join(linked)).expect("link");
    for name in [
        linked,
        "../flocon.sqlite3",
        "flocon.sqlite3",
        "",
        "..",
        "/etc/passwd",
        "backups/../flocon.sqlite3",
        "flocon-2026-01-01T00-00-00Z-manuel.sqlite3/../../flocon.sqlite3",
        "flocon-2026-01-01T00-00-00Z-manuel.sqlite3\0",
        "C:flocon-2026-01-01T00-00-00Z-manuel.sqlite3",
        "flocon-2026-01-02T00-00-00Z-manuel.sqlite3",
    ] {
        let error = backup_named(d, name).expect_err(name);
        assert_eq!(error.kind(), ErrorKind::Refused, "{name}: {error}");
        assert!(
            error.to_string().contains("not one of Flocon's backups"),
            "{error}"
        );
    }
}
