//! A large first sync through the real binary: many bounded files, and a new laptop that
//! receives everything. The sync's size bounds are made small (FLOCON_SYNC_COMMIT_BYTES,
//! FLOCON_SYNC_FILE_BYTES) so that a few hundred contacts make what years of a team's data
//! would, at a cost CI can afford.

use std::path::Path;

use serde_json::Value;

use crate::support::{ok_with, with_passphrase};
use crate::sync::init;

const PASSPHRASE: &str = "le pouvoir se construit ensemble";
const COMMIT_BYTES: u64 = 4_000;
const FILE_BYTES: u64 = 16_000;

fn bounded(dir: &Path, args: &[&str]) -> String {
    let output = with_passphrase(dir, args, PASSPHRASE)
        .env("FLOCON_SYNC_COMMIT_BYTES", COMMIT_BYTES.to_string())
        .env("FLOCON_SYNC_FILE_BYTES", FILE_BYTES.to_string())
        .output()
        .expect("flocon runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

fn sync(dir: &Path, folder: &Path) -> Value {
    let folder = folder.to_str().expect("utf-8 path");
    serde_json::from_str(&bounded(dir, &["sync", "--folder", folder, "--json"])).expect("JSON")
}

/// Everyone's contacts as "first last: notes", sorted.
fn contacts(dir: &Path) -> Vec<String> {
    let list: Value = serde_json::from_str(&ok_with(
        dir,
        PASSPHRASE,
        &["contacts", "list", "--limit", "100000", "--json"],
    ))
    .expect("JSON");
    let mut out: Vec<String> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| format!("{} {} {}", p["first_name"], p["last_name"], p["city"]))
        .collect();
    out.sort();
    out
}

fn files(dir: &Path) -> Vec<(std::path::PathBuf, u64)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("listed") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            let len = std::fs::metadata(&path).expect("metadata").len();
            out.push((path, len));
        }
    }
    out
}

#[test]
fn a_large_first_sync_is_many_bounded_files_and_a_new_laptop_receives_everything() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (lea, karim, shared) = (
        tmp.path().join("lea"),
        tmp.path().join("karim"),
        tmp.path().join("partage"),
    );
    // 400 contacts, each with a city, an email and a line of notes, from one vCard file.
    let cards: String = (0..400)
        .map(|i| {
            format!(
                "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lefèvre{i};Élodie;;;\r\nFN:Élodie Lefèvre{i}\r\n\
                 EMAIL:elodie.{i}@exemple.org\r\nADR:;;;Saint-Denis {i};;;\r\n\
                 NOTE:Rencontrée au forum des associations n° {i}\\, à rappeler.\r\nEND:VCARD\r\n"
            )
        })
        .collect();
    let file = tmp.path().join("contacts.vcf");
    std::fs::write(&file, cards).expect("written");
    bounded(&lea, &["import", file.to_str().expect("utf-8")]);
    init(&lea, &shared);

    let sent = sync(&lea, &shared);
    let written = sent["files_written"].as_u64().expect("files");
    assert!(sent["sent_commits"].as_u64() > Some(10), "{sent}");
    assert!(written > 10, "{sent}");
    let on_disk = files(&shared.join("devices"));
    assert_eq!(on_disk.len() as u64, written);
    for (path, len) in &on_disk {
        // Compressed, a file is far under the bound its JSON keeps to.
        assert!(*len <= FILE_BYTES, "{} is {len} bytes", path.display());
    }

    let joined = sync(&karim, &shared);
    assert_eq!(joined["received_changes"], sent["sent_changes"], "{joined}");
    assert_eq!(joined["waiting"], 0, "{joined}");
    let expected = contacts(&lea);
    assert_eq!(expected.len(), 400);
    assert_eq!(contacts(&karim), expected);
}
