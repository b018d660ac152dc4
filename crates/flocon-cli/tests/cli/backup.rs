//! `flocon backup`, `flocon backup list`, `flocon restore`, `flocon check`, and every command
//! on a damaged database.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{flocon, json, ok, stderr, stdout};

pub(crate) fn add(dir: &Path, first: &str, last: &str) -> String {
    ok(
        dir,
        &[
            "contacts",
            "add",
            "--first-name",
            first,
            "--last-name",
            last,
        ],
    )
    .trim()
    .to_string()
}

pub(crate) fn names(dir: &Path) -> Vec<String> {
    let list = json(dir, &["contacts", "list", "--json"]);
    let mut names: Vec<String> = list
        .as_array()
        .expect("an array")
        .iter()
        .map(|p| {
            format!(
                "{} {}",
                p["first_name"].as_str().unwrap(),
                p["last_name"].as_str().unwrap()
            )
        })
        .collect();
    names.sort();
    names
}

/// Every file under `dir` (relative path → bytes): "nothing changed" means this is equal.
pub(crate) fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let content = std::fs::read(&path).expect("read");
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), content);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Fails with exit 1 and one line on stderr containing `words`; returns that line.
pub(crate) fn refused(dir: &Path, args: &[&str], words: &str) -> String {
    let o = flocon(dir, args);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
    let message = stderr(&o);
    assert_eq!(message.trim_end().lines().count(), 1, "one line: {message}");
    assert!(message.contains(words), "{args:?}: {message}");
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    message
}

/// Fills the middle third of the file with junk.
fn scramble_middle(path: &Path) {
    let mut bytes = std::fs::read(path).expect("read");
    let (from, to) = (bytes.len() / 3, bytes.len() * 2 / 3);
    bytes[from..to].fill(0xA5);
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn backup_then_restore_brings_back_what_was_deleted_after_the_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let elodie = add(d, "Élodie", "Dupré");
    let out = d.join("ailleurs/sauvegarde.sqlite3");
    let printed = ok(d, &["backup", "--out", out.to_str().unwrap()]);
    assert_eq!(printed.trim(), out.display().to_string());
    ok(d, &["contacts", "delete", &elodie]);
    add(d, "Karim", "Benali");

    // Without --yes: refused, nothing changed.
    let before = files(d);
    refused(d, &["restore", out.to_str().unwrap()], "--yes");
    assert_eq!(files(d), before);
    assert_eq!(names(d), ["Karim Benali"]);

    let said = ok(d, &["restore", out.to_str().unwrap(), "--yes"]);
    assert!(said.contains("Restored"), "{said}");
    assert_eq!(names(d), ["Élodie Dupré"]);
    // The replaced database is kept, as a before-restore backup.
    let list = json(d, &["backup", "list", "--json"]);
    let list = list.as_array().expect("an array");
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["kind"], "before_restore");
    let kept = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        list[0]["file"].as_str().unwrap(),
        kept.path().join("flocon.sqlite3"),
    )
    .expect("copy");
    assert_eq!(names(kept.path()), ["Karim Benali"]);
}

#[test]
fn backup_writes_into_backups_and_the_list_shows_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    assert!(ok(d, &["backup", "list"]).contains("No backup yet"));
    add(d, "Awa", "Diallo");
    let file = ok(d, &["backup"]).trim().to_string();
    assert!(
        file.starts_with(&d.join("backups").display().to_string()),
        "{file}"
    );
    assert!(file.ends_with("-manuel.sqlite3"), "{file}");

    let list = json(d, &["backup", "list", "--json"]);
    let list = list.as_array().expect("an array");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["file"], file.as_str());
    assert_eq!(list[0]["kind"], "manual");
    assert!(list[0]["size_bytes"].as_u64().unwrap() > 0);
    assert!(list[0]["taken_at"].as_str().unwrap().ends_with('Z'));
    let text = ok(d, &["backup", "list"]);
    assert!(text.contains("manual") && text.contains(&file), "{text}");

    // An existing file is never overwritten.
    let taken = d.join("deja-la.sqlite3");
    std::fs::write(&taken, b"precious").unwrap();
    refused(
        d,
        &["backup", "--out", taken.to_str().unwrap()],
        "exists already",
    );
    assert_eq!(std::fs::read(&taken).unwrap(), b"precious");
}

#[test]
fn restore_refuses_a_damaged_or_foreign_file_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    add(d, "Awa", "Diallo");
    let other = tempfile::tempdir().expect("temp dir");
    let o = other.path();
    ok(o, &["demo"]);
    let damaged = o.join("flocon-abimee.sqlite3");
    ok(o, &["backup", "--out", damaged.to_str().unwrap()]);
    scramble_middle(&damaged);
    let vcard = o.join("contacts.vcf");
    std::fs::write(
        &vcard,
        "BEGIN:VCARD\nVERSION:3.0\nFN:Awa\nEND:VCARD\n".repeat(30),
    )
    .unwrap();

    let before = files(d);
    refused(
        d,
        &["restore", damaged.to_str().unwrap(), "--yes"],
        "damaged",
    );
    refused(
        d,
        &["restore", vcard.to_str().unwrap(), "--yes"],
        "not a Flocon database",
    );
    refused(
        d,
        &[
            "restore",
            o.join("absent.sqlite3").to_str().unwrap(),
            "--yes",
        ],
        "does not exist",
    );
    assert_eq!(files(d), before);
    assert_eq!(names(d), ["Awa Diallo"]);
}

#[test]
fn check_says_intact_or_damaged_and_never_changes_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(d, &["demo"]);
    let db = d.join("flocon.sqlite3");
    let said = ok(d, &["check"]);
    assert!(said.contains("intact"), "{said}");
    assert_eq!(said.trim_end().lines().count(), 1);

    scramble_middle(&db);
    let before = files(d);
    let message = refused(d, &["check"], "damaged");
    assert!(
        message.contains("flocon restore"),
        "it says what to do: {message}"
    );
    assert_eq!(files(d), before, "check wrote nothing");
}

#[test]
fn every_command_on_a_damaged_database_fails_clearly_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    add(d, "Awa", "Diallo");
    let db = d.join("flocon.sqlite3");
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[..100].fill(b'#');
    std::fs::write(&db, &bytes).unwrap();
    let before = files(d);
    for args in [
        &["contacts", "list"][..],
        &["contacts", "add", "--first-name", "Binta"],
        &["search", "awa"],
        &["export", "--format", "json"],
        &["demo"],
        &["check"],
        &["backup"],
    ] {
        refused(d, args, "damaged");
        assert_eq!(files(d), before, "{args:?} wrote something");
    }
    // The way out still works: restoring a good backup.
    let other = tempfile::tempdir().expect("temp dir");
    add(other.path(), "Chloé", "Martin");
    let good = other.path().join("bonne.sqlite3");
    ok(other.path(), &["backup", "--out", good.to_str().unwrap()]);
    ok(d, &["restore", good.to_str().unwrap(), "--yes"]);
    assert_eq!(names(d), ["Chloé Martin"]);
    // The damaged file was moved aside, not deleted.
    let list = json(d, &["backup", "list", "--json"]);
    let aside = list.as_array().unwrap()[0]["file"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(std::fs::read(aside).unwrap(), bytes);
}
