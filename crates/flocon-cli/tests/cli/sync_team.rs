//! The team folder through the real binary: `flocon sync init` creates it once, `flocon sync
//! --folder` only ever joins, a replaced manifest or a hostile key-derivation cost stops the
//! sync, and `flocon sync rekey` moves the team to a new passphrase.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{command, ok_with, stderr, stdout, with_passphrase};

const OLD: &str = "le pouvoir se construit ensemble";
const NEW: &str = "une phrase neuve pour toute l'équipe";

fn flocon(dir: &Path, passphrase: &str, args: &[&str]) -> Command {
    with_passphrase(dir, args, passphrase)
}

fn ok(dir: &Path, passphrase: &str, args: &[&str]) -> String {
    ok_with(dir, passphrase, args)
}

/// Runs a command that must fail with exit code 1 and one line on stderr; returns the line.
fn refused(o: Output) -> String {
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let line = stderr(&o);
    assert_eq!(line.trim_end().lines().count(), 1, "{line}");
    line
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn add(dir: &Path, first: &str, last: &str) -> String {
    ok(
        dir,
        OLD,
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

fn sync(dir: &Path, passphrase: &str, folder: &Path) -> Value {
    let out = ok(
        dir,
        passphrase,
        &["sync", "--folder", path(folder), "--json"],
    );
    serde_json::from_str(&out).expect("a JSON report")
}

fn names(dir: &Path) -> Vec<String> {
    let list: Value =
        serde_json::from_str(&ok(dir, OLD, &["contacts", "list", "--json"])).expect("JSON");
    let mut out: Vec<String> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| format!("{} {}", p["first_name"], p["last_name"]))
        .collect();
    out.sort();
    out
}

fn contents(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).expect("read"));
            }
        }
    }
    out
}

fn dirs() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (lea, karim, shared) = (
        tmp.path().join("lea"),
        tmp.path().join("karim"),
        tmp.path().join("partage"),
    );
    (tmp, lea, karim, shared)
}

#[test]
fn the_team_folder_is_created_once_with_init_and_only_ever_joined_after() {
    let (tmp, lea, karim, shared) = dirs();
    add(&lea, "Awa", "Diallo");

    // A folder that is not there is neither created nor set up.
    let missing = tmp.path().join("pas-la");
    let line = refused(
        flocon(&lea, OLD, &["sync", "--folder", path(&missing)])
            .output()
            .expect("runs"),
    );
    assert!(line.contains("is not there"), "{line}");
    assert!(!missing.exists());

    // A folder that is there but empty (Syncthing has not brought the manifest yet).
    std::fs::create_dir_all(&shared).expect("dir");
    let line = refused(
        flocon(&karim, OLD, &["sync", "--folder", path(&shared)])
            .output()
            .expect("runs"),
    );
    assert!(line.contains("no team file"), "{line}");
    assert!(line.contains("flocon sync init"), "{line}");
    assert!(contents(&shared).is_empty(), "nothing was written");

    let made = ok(&lea, OLD, &["sync", "init", "--folder", path(&shared)]);
    assert!(made.contains("Team folder created"), "{made}");
    sync(&lea, OLD, &shared);
    // A second "first computer" is told to join instead.
    let line = refused(
        flocon(
            &karim,
            "une autre phrase",
            &["sync", "init", "--folder", path(&shared)],
        )
        .output()
        .expect("runs"),
    );
    assert!(line.contains("already a team folder"), "{line}");
    // Even when only the files have arrived, not the manifest yet.
    let copy = tmp.path().join("copie");
    std::fs::create_dir_all(copy.join("devices")).expect("dir");
    for (p, bytes) in contents(&shared) {
        if p.extension()
            .is_some_and(|e| e == "snapshot" || e == "changes")
        {
            std::fs::write(
                copy.join("devices").join(p.file_name().expect("name")),
                bytes,
            )
            .expect("copied");
        }
    }
    let line = refused(
        flocon(&karim, OLD, &["sync", "init", "--folder", path(&copy)])
            .output()
            .expect("runs"),
    );
    assert!(line.contains("already a team folder"), "{line}");

    sync(&karim, OLD, &shared);
    assert_eq!(names(&karim), names(&lea));
}

#[test]
fn a_manifest_replaced_under_a_laptop_stops_it_until_it_leaves_and_joins_again() {
    let (tmp, lea, karim, shared) = dirs();
    add(&lea, "Awa", "Diallo");
    add(&karim, "Karim", "Benali");
    let theirs = tmp.path().join("chez-karim");
    ok(&lea, OLD, &["sync", "init", "--folder", path(&shared)]);
    sync(&lea, OLD, &shared);
    ok(&karim, OLD, &["sync", "init", "--folder", path(&theirs)]);
    // Syncthing merged the two folders and kept Karim's manifest.
    std::fs::copy(
        theirs.join("flocon-sync.json"),
        shared.join("flocon-sync.json"),
    )
    .expect("merged");
    add(&lea, "Inès", "Moreau");
    let before = contents(&shared);
    let line = refused(
        flocon(&lea, OLD, &["sync", "--folder", path(&shared)])
            .output()
            .expect("runs"),
    );
    assert!(
        line.contains("is not the one this computer synced with"),
        "{line}"
    );
    assert!(line.contains("flocon sync leave"), "{line}");
    let line = refused(flocon(&lea, OLD, &["sync"]).output().expect("runs"));
    assert!(line.contains("is not the one"), "{line}");
    assert_eq!(contents(&shared), before, "nothing was written");

    let left = ok(&lea, OLD, &["sync", "leave"]);
    assert!(left.contains("nothing was deleted"), "{left}");
    let report = sync(&lea, OLD, &shared);
    assert_eq!(report["skipped"], serde_json::json!([]));
    sync(&karim, OLD, &shared);
    sync(&lea, OLD, &shared);
    assert_eq!(names(&lea), names(&karim));
    assert_eq!(names(&lea).len(), 3);
}

#[test]
fn hostile_key_derivation_costs_are_refused_quickly_in_one_line() {
    let (_tmp, lea, karim, shared) = dirs();
    ok(&lea, OLD, &["sync", "init", "--folder", path(&shared)]);
    let manifest_path = shared.join("flocon-sync.json");
    let original = std::fs::read(&manifest_path).expect("manifest");
    for (field, value) in [
        ("iterations", 4_294_967_295u64),
        ("memory_kib", 67_108_864),
        ("parallelism", 0),
    ] {
        let mut manifest: Value = serde_json::from_slice(&original).expect("json");
        manifest["kdf"] =
            serde_json::json!({"memory_kib": 65536, "iterations": 3, "parallelism": 1});
        manifest["kdf"][field] = value.into();
        std::fs::write(&manifest_path, manifest.to_string()).expect("written");
        let started = Instant::now();
        let line = refused(
            flocon(&karim, OLD, &["sync", "--folder", path(&shared)])
                .output()
                .expect("runs"),
        );
        assert!(started.elapsed() < Duration::from_secs(5), "{field}");
        assert!(
            line.contains("outside what Flocon accepts"),
            "{field}: {line}"
        );
        assert!(!shared.join("devices").exists(), "nothing was written");
    }

    // The cheap test cost is refused by a Flocon that is not under test: nobody can weaken a
    // real team's key by writing it into the manifest.
    std::fs::write(&manifest_path, &original).expect("restored");
    let mut real = command(&karim, &["sync", "--folder", path(&shared)]);
    real.env("FLOCON_SYNC_PASSPHRASE", OLD)
        .env_remove("FLOCON_SYNC_FAST_KDF");
    let line = refused(real.output().expect("runs"));
    assert!(line.contains("outside what Flocon accepts"), "{line}");
}

#[test]
fn a_rekey_moves_the_team_to_the_new_passphrase_and_the_old_one_reads_nothing() {
    let (tmp, lea, karim, shared) = dirs();
    let awa = add(&lea, "Awa", "Diallo");
    ok(&lea, OLD, &["sync", "init", "--folder", path(&shared)]);
    sync(&lea, OLD, &shared);
    sync(&karim, OLD, &shared);
    // Karim's edits, made before he learns of the change, not sent yet.
    ok(
        &karim,
        OLD,
        &["contacts", "update", &awa, "--city", "Vénissieux"],
    );
    add(&karim, "Inès", "Moreau");

    let mut rekey = flocon(&lea, OLD, &["sync", "rekey", "--folder", path(&shared)]);
    rekey.env("FLOCON_SYNC_NEW_PASSPHRASE", NEW);
    let o = rekey.output().expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Changed the team passphrase"),
        "{}",
        stdout(&o)
    );

    // The old passphrase opens nothing any more.
    let line = refused(
        flocon(&lea, OLD, &["sync", "dump", "--folder", path(&shared)])
            .output()
            .expect("runs"),
    );
    assert!(line.contains("wrong passphrase"), "{line}");
    assert!(!ok(&lea, NEW, &["sync", "dump", "--folder", path(&shared)]).is_empty());

    // Karim, with the old passphrase: told, nothing written.
    let before = contents(&shared);
    let line = refused(flocon(&karim, OLD, &["sync"]).output().expect("runs"));
    assert!(line.contains("was changed on another computer"), "{line}");
    assert_eq!(contents(&shared), before);
    // With the new one, once, his edits go out.
    let report = sync(&karim, NEW, &shared);
    assert!(
        report["sent_commits"].as_u64().unwrap_or(0) >= 1,
        "{report}"
    );
    sync(&lea, NEW, &shared);
    let city = |dir: &Path| {
        let shown: Value =
            serde_json::from_str(&ok(dir, NEW, &["contacts", "show", &awa, "--json"]))
                .expect("JSON");
        shown["city"].clone()
    };
    assert_eq!(city(&lea), "Vénissieux");
    assert_eq!(names(&lea), names(&karim));

    // A new laptop with the new passphrase gets everything; with the old one, nothing.
    let nadia = tmp.path().join("nadia");
    let line = refused(
        flocon(&nadia, OLD, &["sync", "--folder", path(&shared)])
            .output()
            .expect("runs"),
    );
    assert!(line.contains("wrong passphrase"), "{line}");
    sync(&nadia, NEW, &shared);
    assert_eq!(names(&nadia), names(&lea));
    assert_eq!(city(&nadia), "Vénissieux");
}
