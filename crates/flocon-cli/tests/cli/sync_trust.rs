//! What the shared folder and the people around it may do, through the real binary: files lost
//! in any order, a file replaced by someone without the key, a data dir copied with `cp -r`
//! and both copies used. Nothing is lost, and `flocon check` passes everywhere.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::support::{ok_with, stderr, stdout, with_passphrase};

const PASSPHRASE: &str = "le pouvoir se construit ensemble";

fn ok(dir: &Path, args: &[&str]) -> String {
    ok_with(dir, PASSPHRASE, args)
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Makes `shared` the team's folder, from the laptop `first` (the one place that knows how a
/// folder is set up).
fn team_folder(first: &Path, shared: &Path) {
    ok(first, &["sync", "init", "--folder", path(shared)]);
}

fn sync(dir: &Path, shared: &Path) -> Value {
    serde_json::from_str(&ok(dir, &["sync", "--folder", path(shared), "--json"]))
        .expect("JSON report")
}

/// `flocon sync` as a person reads it.
fn sync_text(dir: &Path, shared: &Path) -> String {
    ok(dir, &["sync", "--folder", path(shared)])
}

fn add(dir: &Path, first: &str, last: &str) -> String {
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
}

/// Every contact as "First Last|city|notes", sorted.
fn contacts(dir: &Path) -> Vec<String> {
    let list: Value =
        serde_json::from_str(&ok(dir, &["contacts", "list", "--json"])).expect("JSON");
    let mut out: Vec<String> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| {
            let id = p["id"].as_str().expect("id");
            let full: Value =
                serde_json::from_str(&ok(dir, &["contacts", "show", id, "--json"])).expect("JSON");
            let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
            format!(
                "{} {}|{}|{}",
                text(&full["first_name"]),
                text(&full["last_name"]),
                text(&full["city"]),
                text(&full["notes"])
            )
        })
        .collect();
    out.sort();
    out
}

fn check_passes(dir: &Path) {
    let o: Output = with_passphrase(dir, &["check"], PASSPHRASE)
        .output()
        .expect("flocon runs");
    assert!(
        o.status.success(),
        "flocon check: {}{}",
        stdout(&o),
        stderr(&o)
    );
}

fn device_files(shared: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for device in std::fs::read_dir(shared.join("devices"))
        .expect("devices")
        .flatten()
    {
        for file in std::fs::read_dir(device.path()).expect("files").flatten() {
            out.push(file.path());
        }
    }
    out.sort();
    out
}

/// A laptop that joins now: it must end with `expected` and nothing waiting.
fn newcomer_sees(tmp: &Path, name: &str, shared: &Path, expected: &[String]) {
    let late = tmp.join(name);
    let report = sync(&late, shared);
    assert_eq!(report["waiting"], 0, "{report}");
    let text = sync_text(&late, shared);
    assert!(!text.contains("wait"), "{text}");
    assert_eq!(contacts(&late), expected);
    check_passes(&late);
}

#[test]
fn files_lost_from_the_folder_one_after_another_are_all_sent_again() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (lea, shared) = (tmp.path().join("lea"), tmp.path().join("partage"));
    team_folder(&lea, &shared);
    add(&lea, "Awa", "Diallo");
    sync(&lea, &shared);
    add(&lea, "Binta", "Sow");
    sync(&lea, &shared);
    let files = device_files(&shared);
    assert_eq!(files.len(), 2);
    // File 1 goes; the next sync sends its commit again (file 3). Then file 2 goes.
    std::fs::remove_file(&files[0]).expect("lost");
    assert_eq!(sync(&lea, &shared)["sent_commits"], 1);
    std::fs::remove_file(&files[1]).expect("lost");
    assert_eq!(sync(&lea, &shared)["sent_commits"], 1);
    assert_eq!(sync(&lea, &shared)["sent_commits"], 0);
    newcomer_sees(tmp.path(), "karim", &shared, &contacts(&lea));
}

#[test]
fn a_file_replaced_by_random_bytes_under_its_header_is_reported_and_sent_again() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (lea, karim, shared) = (
        tmp.path().join("lea"),
        tmp.path().join("karim"),
        tmp.path().join("partage"),
    );
    team_folder(&lea, &shared);
    add(&lea, "Awa", "Diallo");
    sync(&lea, &shared);
    sync(&karim, &shared);
    let file = device_files(&shared).remove(0);
    let mut bytes = std::fs::read(&file).expect("read");
    // The clear header is 63 bytes: magic, version, kind, device, sequence, nonce, length.
    let mut random = vec![0u8; bytes.len() - 63];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut random))
        .expect("random bytes");
    bytes.truncate(63);
    bytes.extend_from_slice(&random);
    std::fs::write(&file, &bytes).expect("forged");

    let text = sync_text(&lea, &shared);
    assert!(
        text.contains("skipped") && text.contains("Damaged"),
        "{text}"
    );
    assert!(
        text.contains("1 commits"),
        "the commit is sent again: {text}"
    );
    // Its author removed it once the commit was sent again.
    assert!(!file.exists(), "the forged file is gone");
    let seen = sync(&karim, &shared);
    assert_eq!(seen["skipped"].as_array().map(Vec::len), Some(0), "{seen}");
    newcomer_sees(tmp.path(), "chloe", &shared, &contacts(&lea));
    check_passes(&lea);
}

fn cp_r(from: &Path, to: &Path) {
    let status = std::process::Command::new("cp")
        .arg("-r")
        .arg(from)
        .arg(to)
        .status()
        .expect("cp runs");
    assert!(status.success());
}

/// Léa's data dir copied with `cp -r` to a second laptop, then both edited; `copy_first`
/// says which syncs first. A third laptop joins at the end.
fn copied_data_dir(copy_first: bool) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (lea, copy, shared) = (
        tmp.path().join("lea"),
        tmp.path().join("copie"),
        tmp.path().join("partage"),
    );
    team_folder(&lea, &shared);
    let awa = add(&lea, "Awa", "Diallo");
    sync(&lea, &shared);
    cp_r(&lea, &copy);

    ok(&lea, &["contacts", "update", &awa, "--city", "Lyon"]);
    add(&lea, "Binta", "Sow");
    ok(
        &copy,
        &["contacts", "update", &awa, "--notes", "Vue au forum"],
    );
    add(&copy, "Chloé", "Martin");

    let (first, second) = if copy_first {
        (&copy, &lea)
    } else {
        (&lea, &copy)
    };
    let report = sync(first, &shared);
    assert!(report["new_identity"].is_null(), "{report}");
    let text = sync_text(second, &shared);
    assert!(text.contains("new identity"), "the person is told: {text}");
    assert!(text.contains("Nothing was lost"), "{text}");
    sync(first, &shared);
    sync(second, &shared);

    let expected = vec![
        "Awa Diallo|Lyon|Vue au forum".to_string(),
        "Binta Sow||".into(),
        "Chloé Martin||".into(),
    ];
    assert_eq!(contacts(&lea), expected);
    assert_eq!(contacts(&copy), expected);
    let ids = |d: &Path| sync(d, &shared)["device_id"].as_str().map(String::from);
    assert_ne!(ids(&lea), ids(&copy));
    check_passes(&lea);
    check_passes(&copy);
    newcomer_sees(tmp.path(), "karim", &shared, &expected);

    // From then on they are two laptops like any others.
    add(&copy, "Dado", "Ba");
    add(&lea, "Eva", "Kone");
    for d in [&copy, &lea, &copy] {
        let r = sync(d, &shared);
        assert!(r["new_identity"].is_null(), "{r}");
    }
    assert_eq!(contacts(&lea), contacts(&copy));
    assert_eq!(contacts(&lea).len(), 5);
}

#[test]
fn a_data_dir_copied_with_cp_gets_its_own_identity_and_nothing_is_lost() {
    copied_data_dir(false);
}

#[test]
fn when_the_copy_syncs_before_the_original_the_original_relabels_and_nothing_is_lost() {
    copied_data_dir(true);
}
