//! `flocon gdpr erase` through the real binary: refused without --yes, and an erasure that
//! reaches a second data dir through sync and leaves the shared folder (`sync dump`).

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use crate::support::{command, stderr, stdout};

const PASSPHRASE: &str = "le pouvoir se construit ensemble";

fn run(dir: &Path, args: &[&str]) -> Output {
    let mut c: Command = command(dir, args);
    c.env("FLOCON_SYNC_PASSPHRASE", PASSPHRASE)
        .env("FLOCON_SYNC_FAST_KDF", "1");
    c.output().expect("flocon runs")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let o = run(dir, args);
    assert!(o.status.success(), "flocon {args:?} failed: {}", stderr(&o));
    stdout(&o).trim().to_string()
}

fn refused(dir: &Path, args: &[&str]) -> String {
    let o = run(dir, args);
    assert_eq!(o.status.code(), Some(1), "flocon {args:?}: {}", stderr(&o));
    assert_eq!(stderr(&o).trim_end().lines().count(), 1, "{}", stderr(&o));
    stderr(&o)
}

fn sync(dir: &Path, folder: &Path) {
    ok(dir, &["sync", "--folder", folder.to_str().expect("utf-8")]);
}

#[test]
fn an_erasure_reaches_the_other_data_dir_and_leaves_the_shared_folder() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (a, b, shared) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("partage"),
    );
    let awa = ok(
        &a,
        &[
            "contacts",
            "add",
            "--first-name",
            "Awa",
            "--last-name",
            "Diallo",
            "--email",
            "awa@quartiers.example",
        ],
    );
    let folder = shared.to_str().expect("utf-8");
    ok(&a, &["sync", "init", "--folder", folder]);
    sync(&a, &shared);
    sync(&b, &shared);
    assert!(ok(&b, &["contacts", "show", &awa]).contains("Diallo"));
    assert!(ok(&a, &["sync", "dump", "--folder", folder]).contains("Diallo"));

    // Without --yes, or for an unknown id: refused, nothing changed.
    let reason = refused(&a, &["gdpr", "erase", &awa]);
    assert!(reason.contains("--yes"), "{reason}");
    assert!(ok(&a, &["contacts", "show", &awa]).contains("Diallo"));
    refused(
        &a,
        &[
            "gdpr",
            "erase",
            "01900000-0000-7000-8000-00000000dead",
            "--yes",
        ],
    );

    let report: Value =
        serde_json::from_str(&ok(&a, &["gdpr", "erase", &awa, "--yes", "--json"])).expect("JSON");
    assert_eq!(report["person_id"], awa.as_str());
    assert!(
        report["removed"]
            .as_array()
            .expect("a list")
            .iter()
            .any(|r| r["table"] == "person_email" && r["rows"] == 1),
        "{report}"
    );
    let gone = run(&a, &["contacts", "show", &awa]);
    assert_eq!(gone.status.code(), Some(1));

    sync(&a, &shared);
    sync(&b, &shared);
    let gone = run(&b, &["contacts", "show", &awa]);
    assert_eq!(gone.status.code(), Some(1), "{}", stdout(&gone));
    let dump = ok(&b, &["sync", "dump", "--folder", folder]);
    assert!(!dump.is_empty());
    assert!(!dump.contains("Diallo"), "the folder still names her");
    assert!(!dump.contains("awa@quartiers.example"));
}
