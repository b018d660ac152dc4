//! `flocon sync` and `flocon sync status` say how big the shared folder and the sync history
//! are, through the real binary.

use std::path::Path;

use serde_json::Value;

use crate::support::ok_with;
use crate::sync::init;

const PASSPHRASE: &str = "le pouvoir se construit ensemble";

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok_with(dir, PASSPHRASE, args)).expect("JSON on stdout")
}

/// The bytes and the number of the files under `dir`, read straight from the disk.
fn on_disk(dir: &Path) -> (u64, u64) {
    let (mut bytes, mut files) = (0, 0);
    for entry in std::fs::read_dir(dir).expect("listed") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            let (b, f) = on_disk(&path);
            bytes += b;
            files += f;
        } else {
            bytes += std::fs::metadata(&path).expect("metadata").len();
            files += 1;
        }
    }
    (bytes, files)
}

#[test]
fn after_a_sync_the_json_gives_the_folders_real_size_and_the_history_size() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (lea, shared) = (tmp.path().join("lea"), tmp.path().join("partage"));
    init(&lea, &shared);
    for last in ["Diallo", "Benali", "Nguyen"] {
        ok_with(
            &lea,
            PASSPHRASE,
            &[
                "contacts",
                "add",
                "--first-name",
                "Awa",
                "--last-name",
                last,
            ],
        );
    }
    let folder = shared.to_str().expect("utf-8 path");
    let report = json(&lea, &["sync", "--folder", folder, "--json"]);

    let (bytes, files) = on_disk(&shared.join("devices"));
    assert!(files > 0, "the sync wrote no file");
    let sizes = &report["sizes"];
    assert_eq!(sizes["folder"]["bytes"].as_u64(), Some(bytes), "{sizes}");
    assert_eq!(sizes["folder"]["files"].as_u64(), Some(files), "{sizes}");
    let history = sizes["history_bytes"].as_u64().expect("history bytes");
    let database = sizes["database_bytes"].as_u64().expect("database bytes");
    assert!(history > 0 && history < database, "{sizes}");

    let status = json(&lea, &["sync", "status", "--json"]);
    assert_eq!(&status["sizes"], sizes);

    let text = ok_with(&lea, PASSPHRASE, &["sync", "status"]);
    assert!(text.contains(&format!(" in {files} files")), "{text}");
    assert!(text.contains("history here: "), "{text}");
}

#[test]
fn a_folder_that_cannot_be_reached_has_no_size_in_the_status() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (lea, shared) = (tmp.path().join("lea"), tmp.path().join("partage"));
    init(&lea, &shared);
    let folder = shared.to_str().expect("utf-8 path");
    json(&lea, &["sync", "--folder", folder, "--json"]);
    // The USB key is unplugged.
    std::fs::rename(&shared, tmp.path().join("ailleurs")).expect("moved away");

    let status = json(&lea, &["sync", "status", "--json"]);
    assert_eq!(status["sizes"]["folder"], Value::Null, "{status}");
    assert!(
        status["sizes"]["history_bytes"].as_u64() > Some(0),
        "{status}"
    );
    let text = ok_with(&lea, PASSPHRASE, &["sync", "status"]);
    assert!(text.contains("folder: cannot be read now"), "{text}");
}
