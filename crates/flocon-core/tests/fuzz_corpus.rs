//! The fuzzers' corpus as a regression test: every file committed under fuzz/corpus/<target>/
//! (and fuzz/artifacts/<target>/, where crashing inputs are kept once fixed) goes through the
//! same entry points as `cargo fuzz` (`flocon_core::fuzzing`), so the ordinary test run covers
//! them without a nightly toolchain. None may panic; a file named `bad-…` must be refused with
//! an error and one named `ok-…` must be read (for the sync target, `payload-…` files are
//! decrypted payloads and must decode). Other names (inputs the fuzzer found) must just not
//! panic.
//!
//! The sync files of the corpus are real ones, made by the store and sealed with the fuzzing
//! key; to make them again (new nonces, so new bytes):
//! `FLOCON_UPDATE_FUZZ_CORPUS=1 cargo test -p flocon-core --test fuzz_corpus -- --ignored`.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use flocon_core::fuzzing;
use flocon_core::sync::envelope::{FileKind, HEADER_LEN};
use flocon_core::sync::{KdfParams, open_or_create, scan};
use flocon_core::{PersonDraft, Store};
use uuid::Uuid;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The files of fuzz/corpus/<target> and fuzz/artifacts/<target>, in name order.
fn inputs(target: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for place in ["corpus", "artifacts"] {
        let Ok(entries) = fs::read_dir(fuzz_dir().join(place).join(target)) else {
            continue;
        };
        files.extend(
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && !is_hidden(p)),
        );
    }
    files.sort();
    files
}

fn is_hidden(path: &Path) -> bool {
    name(path).starts_with('.')
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Runs every input of `target` through `run` (Ok = read), checking the naming rule.
fn check_target(target: &str, min_files: usize, run: impl Fn(&str, &[u8]) -> bool) {
    let files = inputs(target);
    assert!(
        files.len() >= min_files,
        "fuzz/corpus/{target} holds {} files, expected at least {min_files}",
        files.len()
    );
    let mut failures = Vec::new();
    for path in &files {
        let bytes = fs::read(path).expect("a corpus file");
        let file = name(path);
        match catch_unwind(AssertUnwindSafe(|| run(&file, &bytes))) {
            Err(_) => failures.push(format!("{}: panicked", path.display())),
            Ok(read) if file.starts_with("bad-") && read => {
                failures.push(format!("{}: accepted, expected an error", path.display()));
            }
            Ok(read) if (file.starts_with("ok-") || file.starts_with("payload-")) && !read => {
                failures.push(format!("{}: refused, expected it read", path.display()));
            }
            Ok(_) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_vcard_input_is_read_or_refused_without_panicking() {
    check_target("vcard", 10, |_, bytes| {
        let parsed = fuzzing::vcard(bytes);
        // The import detects the format first: these bytes go through that path too.
        let _ = fuzzing::contacts(bytes);
        if let Ok(parsed) = &parsed {
            for c in &parsed.contacts {
                assert!(!c.first_name.is_empty() || !c.last_name.is_empty(), "{c:?}");
            }
        }
        parsed.is_ok()
    });
}

#[test]
fn every_csv_input_is_read_or_refused_without_panicking() {
    check_target("csv", 10, |_, bytes| {
        let parsed = fuzzing::csv(bytes);
        if let Ok(parsed) = &parsed {
            for c in &parsed.contacts {
                assert!(!c.first_name.is_empty() || !c.last_name.is_empty(), "{c:?}");
            }
        }
        parsed.is_ok()
    });
}

#[test]
fn every_sync_file_input_is_verified_or_refused_without_panicking() {
    check_target("sync_file", 10, |name, bytes| {
        let file = fuzzing::sync_file(bytes);
        let payload = fuzzing::sync_payload(fuzzing::segment_header(), bytes);
        if name.starts_with("payload-") {
            payload.is_ok()
        } else {
            file.is_ok() || (!name.starts_with("ok-") && payload.is_ok())
        }
    });
}

#[test]
fn the_committed_genuine_sync_files_decode_to_what_the_store_wrote() {
    let dir = fuzz_dir().join("corpus/sync_file");
    let segment = fs::read(dir.join("ok-segment-people.changes")).expect("a genuine segment");
    let read = fuzzing::sync_file(&segment).expect("it verifies with the fuzzing key");
    assert_eq!(read.kind, FileKind::Segment);
    assert!(read.commits >= 1 && read.changes >= 10, "{read:?}");
    let check = fs::read(dir.join("ok-key-check")).expect("a key check");
    assert_eq!(
        fuzzing::sync_file(&check).expect("verifies").kind,
        FileKind::KeyCheck
    );
}

/// Makes the sync part of the corpus again from a real store and a real folder.
#[test]
#[ignore = "writes fuzz/corpus/sync_file; run with FLOCON_UPDATE_FUZZ_CORPUS=1"]
fn make_the_sync_corpus() {
    if std::env::var_os("FLOCON_UPDATE_FUZZ_CORPUS").is_none() {
        return;
    }
    let work = tempfile::tempdir().expect("temp dir");
    let store = Store::open_in(&work.path().join("data")).expect("store");
    let people = [
        (
            "Élodie",
            "Dupré",
            "Rencontrée au bootcamp de mars.\n\n- [x] rappeler\n- [ ] « atelier »",
        ),
        (
            "Jérôme",
            "N’Diaye",
            "Parent d’élève, école Paul-Éluard; dit : \"on lâche rien\"",
        ),
        (
            "Anaïs",
            "Lefèvre",
            "<script>alert(1)</script> [clic](javascript:alert(1))",
        ),
    ];
    for (first, last, notes) in people {
        let mut draft = PersonDraft {
            first_name: first.into(),
            last_name: last.into(),
            notes: notes.into(),
            ..PersonDraft::default()
        };
        draft.tags = vec!["Bénévoles".into(), "Saint-Denis".into()];
        store.create_person(draft).expect("person");
    }
    let folder = work.path().join("partage");
    let key = open_or_create(
        &folder,
        "phrase de test du corpus",
        KdfParams::FAST_FOR_TESTS,
    )
    .expect("team key");
    store.sync_with_folder(&folder, &key).expect("sync");
    let found = scan(&folder, &key).expect("scan");
    let file = found.files.values().next().expect("the segment written");

    let out = fuzz_dir().join("corpus/sync_file");
    fs::create_dir_all(&out).expect("corpus dir");
    let write = |name: &str, bytes: &[u8]| fs::write(out.join(name), bytes).expect("written");
    let header = file.header;
    let genuine = fuzzing::seal(header.kind, header.device, header.sequence, &file.payload);
    write("ok-segment-people.changes", &genuine);
    write("payload-segment-people.json", &file.payload);
    write(
        "ok-key-check",
        &fuzzing::seal(FileKind::KeyCheck, Uuid::nil(), 0, b"flocon sync key check"),
    );
    let empty = r#"{"device_name":"Portable de Léa","commits":[]}"#.as_bytes();
    write(
        "ok-snapshot-empty.snapshot",
        &fuzzing::seal(FileKind::Snapshot, header.device, 2, empty),
    );
    write("payload-empty.json", empty);

    // Damaged copies of the genuine file.
    write("bad-truncated-header", &genuine[..HEADER_LEN - 3]);
    write("bad-truncated-body", &genuine[..genuine.len() - 7]);
    let mut longer = genuine.clone();
    longer.extend_from_slice(b"\n");
    write("bad-extra-byte", &longer);
    for (name, at) in [
        ("bad-flipped-kind", 10),
        ("bad-flipped-device", 14),
        ("bad-flipped-sequence", 34),
        ("bad-flipped-nonce", 40),
        ("bad-flipped-length", HEADER_LEN - 1),
        ("bad-flipped-body", HEADER_LEN + 20),
        ("bad-flipped-tag", genuine.len() - 1),
    ] {
        let mut flipped = genuine.clone();
        flipped[at] ^= 0x01;
        write(name, &flipped);
    }
    let mut newer = genuine.clone();
    newer[8..10].copy_from_slice(&2u16.to_be_bytes());
    write("bad-newer-format", &newer);
    let mut other = genuine.clone();
    other[..8].copy_from_slice(b"NOTOURS!");
    write("bad-not-flocon", &other);
    write(
        "bad-desktop-ini",
        b"[.ShellClassInfo]\r\nIconResource=C:\\x.dll,0\r\n",
    );
    // Sealed with the team key but not a segment a Flocon writes.
    write(
        "bad-sealed-garbage.changes",
        &fuzzing::seal(FileKind::Segment, header.device, 3, b"\x00\x01 not json"),
    );
    let bad_key = br#"{"device_name":"x","commits":[{"device":"0190a1b2-0000-7000-8000-000000000001","seq":1,"seen":{},"schema":1,"changes":[{"tbl":"person","pk":"not json","col":"notes","value":"x","hlc":"000000000000001:000000:0190a1b2-0000-7000-8000-000000000001"}]}]}"#;
    write(
        "bad-sealed-malformed-key.changes",
        &fuzzing::seal(FileKind::Segment, header.device, 4, bad_key),
    );
    write(
        "bad-key-check-wrong-text",
        &fuzzing::seal(FileKind::KeyCheck, Uuid::nil(), 0, b"something else"),
    );
}
