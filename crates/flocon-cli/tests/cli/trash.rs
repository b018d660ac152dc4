//! `flocon trash`: a deleted contact waits in the trash, comes back, and the trash empties only
//! when asked to.

use std::path::Path;

use crate::support::{flocon, json, ok, stderr, stdout};

fn add_awa(dir: &Path) -> String {
    ok(
        dir,
        &[
            "contacts",
            "add",
            "--first-name",
            "Awa",
            "--last-name",
            "Diallo",
            "--email",
            "awa@example.org",
        ],
    )
    .trim()
    .to_string()
}

#[test]
fn a_deleted_contact_is_listed_in_the_trash_and_restored_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let id = add_awa(dir.path());
    ok(dir.path(), &["contacts", "delete", &id]);
    assert!(
        !flocon(dir.path(), &["contacts", "show", &id])
            .status
            .success()
    );

    let items = json(dir.path(), &["trash", "list", "--json"]);
    let items = items.as_array().expect("an array");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["kind"], "person");
    assert_eq!(items[0]["record_id"], id.as_str());
    assert_eq!(items[0]["label"], "Awa Diallo");
    assert!(items[0]["expires_at"].as_str().is_some());
    let item = items[0]["id"].as_str().expect("an id").to_string();

    let table = ok(dir.path(), &["trash", "list"]);
    assert!(table.contains(&item) && table.contains("person"), "{table}");
    assert!(table.contains("Awa Diallo"), "{table}");

    let out = ok(dir.path(), &["trash", "restore", &item]);
    assert!(out.contains("Awa Diallo") && out.contains(&id), "{out}");
    let shown = ok(dir.path(), &["contacts", "show", &id]);
    assert!(shown.contains("awa@example.org"), "{shown}");
    assert_eq!(
        json(dir.path(), &["trash", "list", "--json"]),
        serde_json::json!([])
    );
    assert!(ok(dir.path(), &["trash", "list"]).contains("empty"));

    // Restoring the same item again: it is gone.
    let again = flocon(dir.path(), &["trash", "restore", &item]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("no trash item"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn emptying_needs_yes_and_then_removes_everything_for_good() {
    let dir = tempfile::tempdir().expect("temp dir");
    let id = add_awa(dir.path());
    ok(dir.path(), &["contacts", "delete", &id]);

    let refused = flocon(dir.path(), &["trash", "empty"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("nothing was removed: add --yes"),
        "{}",
        stderr(&refused)
    );
    assert!(stdout(&refused).is_empty());
    assert_eq!(
        json(dir.path(), &["trash", "list", "--json"])
            .as_array()
            .map(Vec::len),
        Some(1)
    );

    let out = ok(dir.path(), &["trash", "empty", "--yes"]);
    assert!(out.contains('1'), "{out}");
    assert_eq!(
        json(dir.path(), &["trash", "list", "--json"]),
        serde_json::json!([])
    );
    assert!(
        !flocon(dir.path(), &["contacts", "show", &id])
            .status
            .success()
    );
}

#[test]
fn a_malformed_trash_id_is_wrong_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = flocon(dir.path(), &["trash", "restore", "not-an-id"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not a valid id"), "{}", stderr(&out));
}
