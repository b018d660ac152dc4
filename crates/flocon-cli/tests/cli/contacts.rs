//! `flocon contacts` and `flocon demo`.

use std::path::Path;

use crate::support::{command, flocon, json, ok, stderr, stdout};

fn add_elodie(dir: &Path) -> String {
    let out = ok(
        dir,
        &[
            "contacts",
            "add",
            "--first-name",
            "Élodie",
            "--last-name",
            "Dupré",
            "--email",
            "elodie@example.org",
        ],
    );
    out.trim().to_string()
}

#[test]
fn add_prints_only_the_new_id_and_list_json_shows_the_person() {
    let dir = tempfile::tempdir().expect("temp dir");
    let id = add_elodie(dir.path());
    assert_eq!(id.len(), 36, "only a UUID on stdout, got {id:?}");
    assert!(!id.contains(char::is_whitespace));

    let list = json(dir.path(), &["contacts", "list", "--json"]);
    let people = list.as_array().expect("an array");
    assert_eq!(people.len(), 1);
    assert_eq!(people[0]["id"], id.as_str());
    assert_eq!(people[0]["first_name"], "Élodie");
    assert_eq!(people[0]["last_name"], "Dupré");
    assert_eq!(people[0]["email"], "elodie@example.org");
}

#[test]
fn the_database_is_created_on_first_use_in_the_data_dir() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("nouveau dossier");
    ok(&data, &["contacts", "list"]);
    assert!(data.join("flocon.sqlite3").exists());
}

#[test]
fn an_invalid_email_exits_1_with_a_reason_and_adds_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    add_elodie(dir.path());
    let o = flocon(
        dir.path(),
        &[
            "contacts",
            "add",
            "--first-name",
            "X",
            "--email",
            "not-an-email",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "one-line reason, got {err:?}");
    assert!(
        err.contains("not-an-email") && err.contains("email"),
        "{err}"
    );
    assert_eq!(
        json(dir.path(), &["contacts", "list", "--json"])
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[test]
fn a_contact_without_any_name_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = flocon(
        dir.path(),
        &["contacts", "add", "--email", "anonyme@example.org"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("first_name"), "{}", stderr(&o));
    assert_eq!(
        json(dir.path(), &["contacts", "list", "--json"]),
        serde_json::json!([])
    );
}

#[test]
fn show_update_and_delete_round_trip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let id = add_elodie(dir.path());
    ok(
        dir.path(),
        &[
            "contacts",
            "update",
            &id,
            "--org",
            "Collectif des Mères Solidaires",
            "--sector",
            "collectif",
            "--phone",
            "mobile:06 12 34 56 78",
            "--tag",
            "refus scolaire",
            "--tag",
            "leadership",
        ],
    );
    let shown = json(dir.path(), &["contacts", "show", &id, "--json"]);
    assert_eq!(shown["first_name"], "Élodie", "fields not given are kept");
    assert_eq!(shown["emails"][0]["value"], "elodie@example.org");
    assert_eq!(shown["organization"], "Collectif des Mères Solidaires");
    assert_eq!(shown["sectors"], serde_json::json!(["collective"]));
    assert_eq!(
        shown["phones"][0],
        serde_json::json!({"label": "mobile", "value": "06 12 34 56 78"})
    );
    assert_eq!(
        shown["tags"],
        serde_json::json!(["leadership", "refus scolaire"])
    );

    let text = ok(dir.path(), &["contacts", "show", &id]);
    assert!(
        text.contains("Élodie Dupré") && text.contains("Collectif"),
        "{text}"
    );

    ok(dir.path(), &["contacts", "delete", &id]);
    let o = flocon(dir.path(), &["contacts", "show", &id]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(&id));
}

#[test]
fn a_refused_update_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let id = add_elodie(dir.path());
    let before = json(dir.path(), &["contacts", "show", &id, "--json"]);
    let o = flocon(
        dir.path(),
        &[
            "contacts",
            "update",
            &id,
            "--last-name",
            "Autre",
            "--sector",
            "astrologie",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("astrologie"));
    assert_eq!(
        json(dir.path(), &["contacts", "show", &id, "--json"]),
        before
    );
}

#[test]
fn list_sorts_accented_names_like_a_french_reader() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (first, last) in [
        ("Paul", "Eymard"),
        ("Noémie", "Éluard"),
        ("François", "Dubois"),
    ] {
        ok(
            dir.path(),
            &[
                "contacts",
                "add",
                "--first-name",
                first,
                "--last-name",
                last,
            ],
        );
    }
    let list = json(dir.path(), &["contacts", "list", "--json"]);
    let last_names: Vec<&str> = list
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|p| p["last_name"].as_str())
        .collect();
    assert_eq!(last_names, ["Dubois", "Éluard", "Eymard"]);
}

#[test]
fn unknown_or_malformed_ids_exit_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = flocon(dir.path(), &["contacts", "show", "pas-un-id"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("pas-un-id"));
    let o = flocon(
        dir.path(),
        &["contacts", "delete", "01a213e0-aa88-735d-9111-16ddbf2cf68e"],
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn wrong_usage_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(
        flocon(dir.path(), &["contacts", "bogus"]).status.code(),
        Some(2)
    );
    assert_eq!(
        flocon(dir.path(), &["contacts", "show"]).status.code(),
        Some(2)
    );
    assert_eq!(
        flocon(dir.path(), &["contacts", "add", "--frist-name", "X"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn demo_seeds_french_contacts_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seeded = json(dir.path(), &["demo", "--json"]);
    let created = seeded["created"].as_u64().expect("a count");
    assert!(created >= 30);
    let list = json(dir.path(), &["contacts", "list", "--json"]);
    assert_eq!(list.as_array().map(Vec::len), Some(created as usize));
    assert!(
        list.as_array()
            .expect("array")
            .iter()
            .any(|p| p["last_name"] == "Dupré")
    );

    let again = flocon(dir.path(), &["demo"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("empty database"));
}

#[test]
fn a_database_from_a_newer_flocon_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    add_elodie(dir.path());
    let db = dir.path().join("flocon.sqlite3");
    // Raise the schema version the way a future Flocon would, with the sqlite3 file format
    // itself: user_version is the big-endian integer at byte offset 60 of the header.
    let mut bytes = std::fs::read(&db).expect("read");
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::write(&db, &bytes).expect("write");

    let o = flocon(dir.path(), &["contacts", "list"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("newer version of Flocon"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read(&db).expect("read"),
        bytes,
        "the file is left untouched"
    );
}

#[test]
fn help_documents_the_commands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let help = ok(dir.path(), &["--help"]);
    for word in ["contacts", "demo", "--data-dir"] {
        assert!(help.contains(word), "{word} missing from --help");
    }
    let help = ok(dir.path(), &["contacts", "add", "--help"]);
    for word in [
        "--first-name",
        "--email",
        "--phone",
        "--org",
        "--sector",
        "--tag",
        "--notes",
    ] {
        assert!(
            help.contains(word),
            "{word} missing from contacts add --help"
        );
    }
}

#[test]
fn a_reader_that_stops_early_ends_the_listing_quietly() {
    // `flocon contacts list --json | head` panicked ("failed printing to stdout: Broken pipe").
    use std::io::Read;
    let dir = tempfile::tempdir().expect("temp dir");
    let cards: String = (0..1500)
        .map(|i| {
            format!(
                "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Martin{i};Camille;;;\r\nFN:Camille Martin{i}\r\n\
                 EMAIL:camille.martin{i}@example.org\r\nNOTE:Rencontrée au forum des associations.\r\n\
                 END:VCARD\r\n"
            )
        })
        .collect();
    let file = dir.path().join("contacts.vcf");
    std::fs::write(&file, cards).expect("written");
    ok(dir.path(), &["import", file.to_str().expect("path")]);
    for args in [
        &["contacts", "list", "--json"][..],
        &["contacts", "list"][..],
    ] {
        let mut child = command(dir.path(), args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        let mut first = [0u8; 64];
        child
            .stdout
            .take()
            .expect("stdout")
            .read_exact(&mut first)
            .expect("some output");
        // (The pipe's reading end is dropped here, as `head` closes it.)
        let out = child.wait_with_output().expect("ends");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?} {err}", out.status);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}
