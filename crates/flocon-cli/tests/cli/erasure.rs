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

/// Every file an attacker or a curious finder could read, as bytes: both laptops' databases
/// and logs, their backups, and the folder's files, raw and as `sync dump` shows them.
fn every_file(tmp: &Path, laptops: &[&Path], shared: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if let Ok(bytes) = std::fs::read(&path) {
                out.push((path.display().to_string(), bytes));
            }
        }
    }
    let mut out = Vec::new();
    walk(tmp, &mut out);
    for laptop in laptops {
        let dump = ok(
            laptop,
            &["sync", "dump", "--folder", shared.to_str().expect("utf-8")],
        );
        out.push((
            format!("sync dump from {}", laptop.display()),
            dump.into_bytes(),
        ));
    }
    out
}

#[test]
fn after_an_erasure_and_two_syncs_no_file_anywhere_holds_the_person() {
    // Issue #18: a person known to two laptops, with an email removed before the erasure, a
    // second person erased from the trash, backups on both laptops; then every file is
    // searched, byte for byte.
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
            "awa.ancienne@quartiers.example",
            "--phone",
            "06 71 82 93 04",
            "--notes",
            "Hébergée chez sa sœur depuis mars.",
        ],
    );
    let binta = ok(
        &a,
        &[
            "contacts",
            "add",
            "--first-name",
            "Binta",
            "--last-name",
            "Kouyaté",
            "--email",
            "binta.kouyate@quartiers.example",
            "--phone",
            "07 11 22 33 44",
        ],
    );
    let folder = shared.to_str().expect("utf-8");
    ok(&a, &["sync", "init", "--folder", folder]);
    sync(&a, &shared);
    sync(&b, &shared);
    // Her first email replaced on B, the other laptop; Binta deleted on A (in its trash).
    ok(
        &b,
        &[
            "contacts",
            "update",
            &awa,
            "--email",
            "awa.nouvelle@quartiers.example",
        ],
    );
    ok(&a, &["contacts", "delete", &binta]);
    for laptop in [&b, &a, &b] {
        sync(laptop, &shared);
    }
    ok(&a, &["backup"]);
    ok(&b, &["backup"]);

    let needles = [
        "awa.ancienne@quartiers.example",
        "awa.nouvelle@quartiers.example",
        "06 71 82 93 04",
        "Hébergée chez sa sœur",
        "Diallo",
        "Kouyaté",
        "binta.kouyate@quartiers.example",
        "07 11 22 33 44",
    ];
    let holds = |files: &[(String, Vec<u8>)], needle: &str| {
        files
            .iter()
            .filter(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
            .map(|(name, _)| name.clone())
            .collect::<Vec<_>>()
    };
    let before = every_file(tmp.path(), &[&a, &b], &shared);
    for needle in needles {
        assert!(
            !holds(&before, needle).is_empty(),
            "{needle} was there before"
        );
    }

    ok(&a, &["gdpr", "erase", &awa, "--yes"]);
    ok(&a, &["gdpr", "erase", &binta, "--yes"]);
    for _ in 0..2 {
        sync(&a, &shared);
        sync(&b, &shared);
    }

    let files = every_file(tmp.path(), &[&a, &b], &shared);
    assert!(
        files.iter().any(|(name, _)| name.contains("backups")),
        "backups searched"
    );
    for needle in needles {
        assert!(
            holds(&files, needle).is_empty(),
            "{needle} in {:?}",
            holds(&files, needle)
        );
    }
    for laptop in [&a, &b] {
        for id in [&awa, &binta] {
            refused(laptop, &["contacts", "show", id]);
        }
        assert!(
            ok(laptop, &["trash", "list"])
                .lines()
                .all(|l| !l.contains("Kouyaté"))
        );
        ok(laptop, &["check"]);
    }
}
