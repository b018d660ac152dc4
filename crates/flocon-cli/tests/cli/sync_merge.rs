//! What a team's ordinary days do to sync, through the real binary: a contact deleted on one
//! laptop while another links it to a new session, deleted while edited (it comes back whole),
//! three laptops setting one field, and a change no laptop can apply. No sync ever stops, every
//! laptop ends with the same data, and `flocon check` passes everywhere.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::ok_with;

const PASSPHRASE: &str = "la force du nombre organisé";

fn ok(dir: &Path, args: &[&str]) -> String {
    ok_with(dir, PASSPHRASE, args)
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).expect("JSON on stdout")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn sync(dir: &Path, shared: &Path) -> Value {
    json(dir, &["sync", "--folder", path(shared), "--json"])
}

/// Three laptops' data dirs, the first of which created the team folder.
fn team() -> (tempfile::TempDir, Vec<PathBuf>, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let laptops: Vec<PathBuf> = ["lea", "karim", "awa"]
        .iter()
        .map(|n| tmp.path().join(n))
        .collect();
    let shared = tmp.path().join("partage");
    ok(&laptops[0], &["sync", "init", "--folder", path(&shared)]);
    (tmp, laptops, shared)
}

fn add(dir: &Path, first: &str, last: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "contacts",
        "add",
        "--first-name",
        first,
        "--last-name",
        last,
    ];
    args.extend_from_slice(extra);
    ok(dir, &args)
}

/// Everything a person sees of the contacts, and the open conflicts, as JSON text.
fn state(dir: &Path) -> (Vec<Value>, Value) {
    let list = json(dir, &["contacts", "list", "--json"]);
    let mut people: Vec<Value> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| {
            json(
                dir,
                &["contacts", "show", p["id"].as_str().expect("id"), "--json"],
            )
        })
        .collect();
    people.sort_by_key(|p| p["id"].as_str().unwrap_or_default().to_string());
    (people, json(dir, &["conflicts", "list", "--json"]))
}

fn check_everywhere(laptops: &[PathBuf]) {
    for l in laptops {
        ok(l, &["check"]);
    }
    let first = state(&laptops[0]);
    for l in &laptops[1..] {
        assert_eq!(
            state(l),
            first,
            "{} differs from {}",
            l.display(),
            laptops[0].display()
        );
    }
}

#[test]
fn a_contact_deleted_while_another_laptop_adds_them_to_a_session_comes_back_and_sync_goes_on() {
    let (_tmp, l, shared) = team();
    let awa = add(
        &l[0],
        "Awa",
        "Diallo",
        &["--email", "travail:awa@example.org"],
    );
    let qet = ok(
        &l[0],
        &[
            "orgs",
            "add",
            "--name",
            "Quartiers en Transition",
            "--kind",
            "collectif",
        ],
    );
    for d in &l {
        sync(d, &shared);
    }
    ok(&l[0], &["contacts", "delete", &awa]);
    ok(&l[0], &["orgs", "delete", &qet]);
    let seance = ok(
        &l[1],
        &[
            "sessions",
            "add",
            "--title",
            "Séance 1",
            "--start",
            "2026-12-08T10:00",
            "--duration-minutes",
            "90",
            "--participant",
            &awa,
            "--org",
            &qet,
        ],
    );
    // The laptop that deleted syncs after the one that linked: this failed for good before.
    sync(&l[1], &shared);
    for _ in 0..2 {
        for d in &l {
            let report = sync(d, &shared);
            assert!(
                report["held"].as_array().expect("held").is_empty(),
                "{report}"
            );
        }
    }
    for d in &l {
        let person = json(d, &["contacts", "show", &awa, "--json"]);
        assert_eq!(person["first_name"], "Awa");
        let session = json(d, &["sessions", "show", &seance, "--json"]);
        assert_eq!(
            session["participants"]
                .as_array()
                .expect("participants")
                .len(),
            1
        );
        assert_eq!(session["organizations"].as_array().expect("orgs").len(), 1);
        let open = json(d, &["conflicts", "list", "--json"]);
        let deleted: Vec<&Value> = open
            .as_array()
            .expect("conflicts")
            .iter()
            .filter(|c| c["kind"] == "deleted")
            .collect();
        assert_eq!(deleted.len(), 2, "both come back flagged: {open}");
    }
    check_everywhere(&l);
}

#[test]
fn a_contact_deleted_while_edited_elsewhere_comes_back_with_its_email_membership_and_action() {
    let (_tmp, l, shared) = team();
    let awa = add(
        &l[0],
        "Awa",
        "Diallo",
        &["--email", "travail:awa@example.org"],
    );
    let qet = ok(
        &l[0],
        &[
            "orgs",
            "add",
            "--name",
            "Quartiers en Transition",
            "--kind",
            "collectif",
        ],
    );
    ok(
        &l[0],
        &[
            "memberships",
            "add",
            "--person",
            &awa,
            "--org",
            &qet,
            "--role",
            "trésorière",
        ],
    );
    let action = ok(
        &l[0],
        &[
            "actions",
            "add",
            "--title",
            "Appeler la mairie",
            "--owner",
            &awa,
            "--due",
            "2026-12-20",
        ],
    );
    for d in &l {
        sync(d, &shared);
    }
    ok(&l[0], &["contacts", "delete", &awa]);
    ok(&l[1], &["contacts", "update", &awa, "--city", "Bagnolet"]);
    for _ in 0..2 {
        for d in &l {
            sync(d, &shared);
        }
    }
    for d in &l {
        let text = json(d, &["contacts", "show", &awa, "--json"]).to_string()
            + &json(d, &["memberships", "list", "--person", &awa, "--json"]).to_string();
        assert!(
            text.contains("awa@example.org"),
            "the email came back: {text}"
        );
        assert!(
            text.contains("trésorière"),
            "the membership came back: {text}"
        );
        assert!(text.contains("Bagnolet"));
        let actions = json(d, &["actions", "list", "--owner", &awa, "--json"]);
        assert!(
            actions.to_string().contains(&action),
            "the action is Awa's again: {actions}"
        );
    }
    let trash = json(&l[0], &["trash", "list", "--json"]);
    assert!(
        !trash.to_string().contains(&awa),
        "back in the data, not in the trash: {trash}"
    );
    check_everywhere(&l);
}

#[test]
fn three_laptops_on_one_field_show_as_kept_what_the_data_holds() {
    let (_tmp, l, shared) = team();
    let awa = add(&l[0], "Awa", "Diallo", &[]);
    for d in &l {
        sync(d, &shared);
    }
    for (d, city) in l.iter().zip(["Lyon", "Bron", "Lyon"]) {
        ok(d, &["contacts", "update", &awa, "--city", city]);
    }
    for i in [0, 1, 2, 0, 1] {
        sync(&l[i], &shared);
    }
    for d in &l {
        let city = json(d, &["contacts", "show", &awa, "--json"])["city"].clone();
        for c in json(d, &["conflicts", "list", "--json"])
            .as_array()
            .expect("list")
        {
            assert_eq!(c["kept"]["text"], city, "kept is what the data holds: {c}");
            // Keeping it changes nothing.
            ok(
                d,
                &[
                    "conflicts",
                    "resolve",
                    c["id"].as_str().expect("id"),
                    "--keep",
                    "kept",
                ],
            );
            assert_eq!(json(d, &["contacts", "show", &awa, "--json"])["city"], city);
        }
    }
    for _ in 0..2 {
        for d in &l {
            sync(d, &shared);
        }
    }
    check_everywhere(&l);
}

#[test]
fn a_change_no_laptop_can_apply_is_reported_and_held_aside_while_the_rest_applies() {
    let (_tmp, l, shared) = team();
    let awa = add(&l[0], "Awa", "Diallo", &[]);
    sync(&l[0], &shared);
    // A laptop running a buggy Flocon: its contact lacks what every contact has.
    write_buggy_commit(&shared);
    for d in &l[..2] {
        let report = sync(d, &shared);
        let held = report["held"].as_array().expect("held");
        assert_eq!(held.len(), 1, "{report}");
        assert_eq!(held[0]["device_name"], "Portable bogué");
        let text = ok(d, &["sync", "--folder", path(&shared)]);
        assert!(text.contains("held aside: person"), "{text}");
        assert!(text.contains("Portable bogué"), "{text}");
    }
    // Later syncs go on both ways.
    ok(
        &l[1],
        &["contacts", "update", &awa, "--city", "Saint-Denis"],
    );
    sync(&l[1], &shared);
    sync(&l[0], &shared);
    assert_eq!(
        json(&l[0], &["contacts", "show", &awa, "--json"])["city"],
        "Saint-Denis"
    );
    check_everywhere(&l[..2]);
}

/// Writes, as a laptop with the passphrase but a buggy Flocon would, a commit creating a
/// contact with no name at all.
fn write_buggy_commit(shared: &Path) {
    use flocon_core::sync::{FileKind, envelope, folder, open_existing};
    flocon_core::sync::crypto::allow_fast_kdf_for_tests();
    let key = open_existing(shared, PASSPHRASE).expect("key");
    let device = uuid::Uuid::now_v7();
    let person = uuid::Uuid::now_v7().to_string();
    let pk = serde_json::json!([person]).to_string();
    let hlc = format!(
        "{:015}:{:06}:{}",
        1_700_000_000_000u64,
        0,
        uuid::Uuid::nil()
    );
    let change = |col: &str, value: Value| serde_json::json!({"tbl": "person", "pk": pk, "col": col, "value": value, "hlc": hlc});
    let payload = serde_json::json!({
        "device_name": "Portable bogué",
        "commits": [{
            "device": device,
            "seq": 1,
            "seen": {},
            "schema": 7,
            "changes": [change("", Value::Bool(true)), change("first_name", Value::from(42))],
        }],
    });
    let bytes = serde_json::to_vec(&payload).expect("json");
    let sealed = envelope::seal(&key, FileKind::Segment, device, 1, &bytes);
    folder::write_atomically(
        &folder::device_dir(shared, device),
        &folder::file_name(FileKind::Segment, 1),
        &sealed,
    )
    .expect("written");
}
