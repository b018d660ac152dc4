//! What the folder may do to a laptop's files (lose them in any order, damage them, have them
//! replaced by someone without the key) and laptops that share an id (a copied data folder, a
//! system backup put back): no commit is lost, every laptop ends up with every edit.

use std::fs;
use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{OsRng, rand_core::RngCore};
use uuid::Uuid;

use super::tests::{Laptop, folder, key, laptop, laptop_in};
use super::*;

/// The path of one of `device`'s files in the folder.
fn file_of(shared: &Path, device: Uuid, sequence: u64) -> PathBuf {
    folder::device_dir(shared, device).join(folder::file_name(FileKind::Segment, sequence))
}

/// A copy of a laptop's data folder (as `cp -r` or a system backup would make it).
fn copy_of(original: &Laptop) -> Laptop {
    let dir = tempfile::tempdir().expect("temp dir");
    crate::backup::backup_to(
        &original.store.path(),
        &dir.path().join(crate::store::DATABASE_FILE),
    )
    .expect("copied");
    laptop_in(dir)
}

/// Everyone's contacts, as "First Last city notes", sorted.
fn contacts(l: &Laptop) -> Vec<String> {
    let mut out: Vec<String> = l
        .store
        .all_persons()
        .expect("all")
        .into_iter()
        .map(|p| {
            format!(
                "{} {} {} {}",
                p.first_name,
                p.last_name,
                p.profile.city.unwrap_or_default(),
                p.notes
            )
        })
        .collect();
    out.sort();
    out
}

/// A laptop that joins now and reads everything: it must have it all, nothing left waiting.
fn newcomer_sees(shared: &Path, expected: &[String]) {
    let late = laptop();
    let report = late.sync(shared);
    assert_eq!(
        report.waiting, 0,
        "nothing waits for a lost file: {report:?}"
    );
    assert_eq!(contacts(&late), expected);
}

fn device(l: &Laptop) -> Uuid {
    l.store.sync_status().expect("status").device_id
}

#[test]
fn every_lost_commit_is_sent_again_whatever_the_gaps_and_the_order() {
    // Each schedule: after the three first files, the files taken from the folder before each
    // of Léa's next syncs (file 4 onwards are her re-sends).
    let schedules: &[&[&[u64]]] = &[
        &[&[1], &[2]],
        &[&[2], &[1]],
        &[&[1], &[3], &[2]],
        &[&[1, 3], &[2]],
        &[&[1], &[4], &[2, 3]],
        &[&[2], &[4], &[5], &[1]],
        &[&[1, 2, 3]],
        &[&[3], &[1, 2], &[4, 5]],
    ];
    for schedule in schedules {
        let (_d, shared) = folder();
        let lea = laptop();
        for (first, last) in [("Awa", "Diallo"), ("Binta", "Sow"), ("Chloé", "Martin")] {
            lea.add(first, last);
            lea.sync(&shared);
        }
        let id = device(&lea);
        let expected = contacts(&lea);
        for lost in schedule.iter() {
            for &n in lost.iter() {
                let path = file_of(&shared, id, n);
                assert!(path.exists(), "{schedule:?}: file {n} is there to lose");
                fs::remove_file(path).expect("lost");
            }
            let report = lea.sync(&shared);
            assert!(report.sent_commits > 0, "{schedule:?}: {report:?}");
            newcomer_sees(&shared, &expected);
        }
        // Nothing lost any more: nothing is sent again.
        let again = lea.sync(&shared);
        assert_eq!(again.sent_commits, 0, "{schedule:?}: {again:?}");
    }
}

#[test]
fn a_forged_file_under_a_known_header_is_not_trusted_and_its_commit_is_sent_again() {
    let (_d, shared) = folder();
    let (lea, karim) = (laptop(), laptop());
    lea.add("Awa", "Diallo");
    lea.sync(&shared);
    karim.sync(&shared);
    let expected = contacts(&lea);

    // Someone who can write to the folder, but has no key, keeps the header and replaces the
    // rest with random bytes: the same length, the same name.
    let path = file_of(&shared, device(&lea), 1);
    let mut forged = fs::read(&path).expect("read");
    OsRng.fill_bytes(&mut forged[envelope::HEADER_LEN..]);
    fs::write(&path, &forged).expect("forged");

    let report = lea.sync(&shared);
    assert!(
        report
            .skipped
            .iter()
            .any(|s| s.reason == SkipReason::Damaged && s.path == path.display().to_string()),
        "the forged file is reported: {report:?}"
    );
    assert_eq!(
        report.sent_commits, 1,
        "the commit is sent again: {report:?}"
    );
    // Its author removed it once the commit was sent again: nobody is told of it at every
    // sync from now on.
    assert!(!path.exists(), "the forged file is gone");
    let noticed = karim.sync(&shared);
    assert!(noticed.skipped.is_empty(), "{noticed:?}");
    newcomer_sees(&shared, &expected);
    assert_eq!(
        lea.sync(&shared).sent_commits,
        0,
        "sent once, not at every sync"
    );
}

#[test]
fn a_truncated_or_emptied_own_file_is_sent_again() {
    for cut in [|n: usize| n / 2, |_| 0, |n: usize| n - 1] {
        let (_d, shared) = folder();
        let lea = laptop();
        lea.add("Awa", "Diallo");
        lea.sync(&shared);
        lea.add("Binta", "Sow");
        lea.sync(&shared);
        let expected = contacts(&lea);
        let path = file_of(&shared, device(&lea), 1);
        let bytes = fs::read(&path).expect("read");
        fs::write(&path, &bytes[..cut(bytes.len())]).expect("cut");
        let report = lea.sync(&shared);
        assert_eq!(report.sent_commits, 1, "{report:?}");
        newcomer_sees(&shared, &expected);
    }
}

#[test]
fn a_file_verified_once_is_not_decrypted_again_until_its_bytes_change() {
    let (_d, shared) = folder();
    let lea = laptop();
    lea.add("Awa", "Diallo");
    lea.sync(&shared);
    let known = lea
        .store
        .db_for_tests()
        .read(engine_known_files)
        .expect("known");
    let scan = folder::scan_new(&shared, &key(&shared), &known).expect("scan");
    assert!(scan.files.is_empty() && scan.known.len() == 1, "{scan:?}");
    // The same length, one byte changed: read again, and refused.
    let path = file_of(&shared, device(&lea), 1);
    let mut bytes = fs::read(&path).expect("read");
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    fs::write(&path, &bytes).expect("write");
    let scan = folder::scan_new(&shared, &key(&shared), &known).expect("scan");
    assert!(scan.known.is_empty() && scan.files.is_empty());
    assert_eq!(scan.skipped.len(), 1);
}

fn engine_known_files(
    conn: &rusqlite::Connection,
) -> crate::error::Result<std::collections::BTreeMap<(Uuid, u64), folder::KnownFile>> {
    // (A round at which no file is due for a recheck.)
    engine::known_files(conn, 1)
}

#[test]
fn an_unreadable_entry_of_the_folder_is_reported_and_the_rest_is_synced() {
    use std::os::unix::fs::PermissionsExt;
    let (_d, shared) = folder();
    let (lea, karim) = (laptop(), laptop());
    lea.add("Awa", "Diallo");
    lea.sync(&shared);
    let locked = shared.join("devices").join("verrouillé");
    fs::create_dir_all(&locked).expect("dir");
    fs::write(locked.join("x.changes"), b"FLOCONSY").expect("write");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    // (As root, permissions do not stop reading: only the long path is tried then.)
    let locks = fs::read_dir(&locked).is_err();
    // A path longer than PATH_MAX, too: made of two shorter trees, one moved into the other.
    let deep = |root: &Path, levels: usize| {
        let mut at = root.to_path_buf();
        for _ in 0..levels {
            at = at.join("a".repeat(200));
        }
        fs::create_dir_all(&at).expect("deep dirs");
        at
    };
    let outer = deep(&shared.join("profond"), 10);
    let elsewhere = tempfile::tempdir().expect("temp dir");
    deep(elsewhere.path(), 12);
    fs::rename(elsewhere.path().join("a".repeat(200)), outer.join("b")).expect("moved in");
    let report = karim.sync(&shared);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(contacts(&karim), contacts(&lea));
    assert!(
        !locks
            || report
                .skipped
                .iter()
                .any(|s| s.reason == SkipReason::Unreadable && s.path.ends_with("verrouillé")),
        "{report:?}"
    );
    assert!(
        report
            .skipped
            .iter()
            .any(|s| s.reason == SkipReason::Unreadable && s.path.contains("profond")),
        "the path too long is reported: {report:?}"
    );
}

/// Léa's laptop and a copy of its data folder, both with edits of their own made after the
/// copy; Awa exists on both already.
struct Copied {
    _d: tempfile::TempDir,
    shared: PathBuf,
    original: Laptop,
    copy: Laptop,
    awa: Uuid,
}

fn copied() -> Copied {
    let (d, shared) = folder();
    let original = laptop();
    let awa = original.add("Awa", "Diallo");
    original.sync(&shared);
    original.add("Binta", "Sow");
    original.sync(&shared);
    let copy = copy_of(&original);
    assert_eq!(device(&copy), device(&original));
    original.edit(awa, |d| d.profile.city = Some("Lyon".into()));
    original.add("Chloé", "Martin");
    copy.edit(awa, |d| d.notes = "Rencontrée au forum".into());
    copy.add("Dado", "Ba");
    Copied {
        _d: d,
        shared,
        original,
        copy,
        awa,
    }
}

fn everyone_has_everything(c: &Copied, others: &[&Laptop]) {
    let expected = vec![
        "Awa Diallo Lyon Rencontrée au forum".to_string(),
        "Binta Sow  ".into(),
        "Chloé Martin  ".into(),
        "Dado Ba  ".into(),
    ];
    for (i, l) in [&c.original, &c.copy]
        .into_iter()
        .chain(others.iter().copied())
        .enumerate()
    {
        assert_eq!(contacts(l), expected, "laptop {i}");
        assert_eq!(l.sync(&c.shared).waiting, 0, "laptop {i}");
    }
    newcomer_sees(&c.shared, &expected);
}

#[test]
fn a_copied_data_folder_gets_its_own_identity_and_every_edit_reaches_everyone() {
    let c = copied();
    let karim = laptop();
    karim.sync(&c.shared);
    let old = device(&c.original);

    let first = c.original.sync(&c.shared);
    assert!(first.new_identity.is_none(), "{first:?}");
    let second = c.copy.sync(&c.shared);
    let changed = second
        .new_identity
        .clone()
        .expect("the copy takes a new id");
    assert_eq!(changed.old_device_id, old);
    assert_ne!(changed.new_device_id, old);
    assert_eq!(changed.moved_commits, 1, "{second:?}");
    assert_eq!(second.device_id, changed.new_device_id);
    assert_eq!(device(&c.copy), changed.new_device_id);
    assert!(second.sent_commits >= 1, "{second:?}");
    assert!(
        second.received_commits >= 1,
        "the original's edits arrive: {second:?}"
    );
    let again = c.original.sync(&c.shared);
    assert!(again.new_identity.is_none(), "{again:?}");
    assert_eq!(device(&c.original), old, "the original keeps its id");
    karim.sync(&c.shared);
    everyone_has_everything(&c, &[&karim]);

    // Later edits on both travel as two laptops'.
    c.copy.edit(c.awa, |d| d.profile.city = Some("Lyon".into()));
    c.original.add("Eva", "Kone");
    c.copy.add("Fanta", "Camara");
    for l in [&c.copy, &c.original, &karim, &c.copy, &c.original] {
        let r = l.sync(&c.shared);
        assert!(r.new_identity.is_none(), "{r:?}");
    }
    assert_eq!(contacts(&c.original), contacts(&c.copy));
    assert_eq!(contacts(&c.original), contacts(&karim));
    assert_eq!(contacts(&karim).len(), 6);
    assert_eq!(
        c.original.store.conflicts(false).expect("c"),
        karim.store.conflicts(false).expect("c")
    );
}

#[test]
fn when_the_copy_syncs_first_the_original_takes_the_new_identity_and_loses_nothing() {
    let c = copied();
    let old = device(&c.original);
    let first = c.copy.sync(&c.shared);
    assert!(first.new_identity.is_none(), "{first:?}");
    let second = c.original.sync(&c.shared);
    let changed = second
        .new_identity
        .clone()
        .expect("the second to sync relabels");
    assert_eq!(changed.old_device_id, old);
    assert_eq!(device(&c.copy), old);
    c.copy.sync(&c.shared);
    everyone_has_everything(&c, &[]);
}

#[test]
fn a_copy_without_edits_of_its_own_is_relabelled_too_and_then_sends_its_edits() {
    let (_d, shared) = folder();
    let original = laptop();
    original.add("Awa", "Diallo");
    original.sync(&shared);
    let copy = copy_of(&original);
    assert_eq!(copy.sync(&shared).sent_commits, 0);
    original.add("Binta", "Sow");
    original.sync(&shared);
    let r = copy.sync(&shared);
    let changed = r.new_identity.clone().expect("relabelled");
    assert_eq!(changed.moved_commits, 0);
    assert_eq!(r.received_commits, 1, "{r:?}");
    copy.add("Chloé", "Martin");
    assert_eq!(copy.sync(&shared).sent_commits, 1);
    original.sync(&shared);
    assert_eq!(contacts(&original), contacts(&copy));
    newcomer_sees(&shared, &contacts(&original));
}

#[test]
fn a_laptop_put_back_from_a_system_backup_gets_back_what_it_had_sent_since() {
    let (_d, shared) = folder();
    let lea = laptop();
    let awa = lea.add("Awa", "Diallo");
    lea.sync(&shared);
    let backup = copy_of(&lea);
    lea.edit(awa, |d| d.profile.city = Some("Lyon".into()));
    lea.add("Binta", "Sow");
    lea.sync(&shared);
    let sent_before = contacts(&lea);
    drop(lea);
    // The disk dies; the system backup of last week is put back, and she works on.
    let lea = backup;
    lea.add("Chloé", "Martin");
    let r = lea.sync(&shared);
    assert!(r.new_identity.is_some(), "{r:?}");
    let mut expected = sent_before;
    expected.push("Chloé Martin  ".into());
    expected.sort();
    assert_eq!(contacts(&lea), expected);
    newcomer_sees(&shared, &expected);
}

#[test]
fn copies_that_both_wrote_before_seeing_each_other_still_lose_nothing() {
    // Two copies sync at the same time through a sync tool: each writes its file before the
    // other's arrives, and the tool keeps both ("conflicted copy").
    let c = copied();
    let away = tempfile::tempdir().expect("temp dir");
    let elsewhere = away.path().join("partage");
    copy_dir(&c.shared, &elsewhere);
    c.original.sync(&c.shared);
    c.copy.sync(&elsewhere);
    for path in walk(&elsewhere) {
        let relative = path.strip_prefix(&elsewhere).expect("inside");
        let target = c.shared.join(relative);
        if !target.exists() {
            fs::create_dir_all(target.parent().expect("parent")).expect("dir");
            fs::copy(&path, &target).expect("copy");
        } else if fs::read(&target).expect("read") != fs::read(&path).expect("read") {
            let name = format!(
                "{} (conflicted copy).changes",
                target.file_stem().expect("stem").to_string_lossy()
            );
            fs::copy(&path, target.with_file_name(name)).expect("copy");
        }
    }
    let karim = laptop();
    for l in [&c.original, &c.copy, &karim, &c.original, &c.copy, &karim] {
        l.sync(&c.shared);
    }
    assert_ne!(device(&c.original), device(&c.copy));
    everyone_has_everything(&c, &[&karim]);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("list").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    for path in walk(from) {
        let target = to.join(path.strip_prefix(from).expect("inside"));
        fs::create_dir_all(target.parent().expect("parent")).expect("dir");
        fs::copy(&path, &target).expect("copy");
    }
}

#[test]
fn a_laptop_whose_own_files_were_rewritten_after_an_erasure_keeps_its_id() {
    let (_d, shared) = folder();
    let (lea, karim) = (laptop(), laptop());
    let awa = lea.add("Awa", "Diallo");
    lea.add("Binta", "Sow");
    lea.sync(&shared);
    karim.sync(&shared);
    let id = device(&lea);
    // Léa erases Awa: her files are rewritten without her, then read again as changed bytes.
    lea.store.erase_person(awa).expect("erased");
    for l in [&lea, &karim, &lea, &karim] {
        let r = l.sync(&shared);
        assert!(r.new_identity.is_none(), "{r:?}");
    }
    assert_eq!(device(&lea), id);
    // And a laptop that forgot every file it verified (an upgrade from before the
    // fingerprints) reads its own files again without taking them for another laptop's.
    lea.store
        .db_for_tests()
        .write(|tx| Ok(tx.execute("DELETE FROM sync_file_verified", [])?))
        .expect("forgotten");
    let r = lea.sync(&shared);
    assert!(r.new_identity.is_none() && r.sent_commits == 0, "{r:?}");
    assert_eq!(contacts(&lea), contacts(&karim));
    newcomer_sees(&shared, &contacts(&lea));
}

#[test]
fn three_copies_of_one_data_folder_each_get_their_own_id_and_nothing_is_lost() {
    let (_d, shared) = folder();
    let first = laptop();
    first.add("Awa", "Diallo");
    first.sync(&shared);
    let (second, third) = (copy_of(&first), copy_of(&first));
    first.add("Binta", "Sow");
    second.add("Chloé", "Martin");
    third.add("Dado", "Ba");
    for l in [&first, &second, &third, &first, &second, &third] {
        l.sync(&shared);
    }
    let ids: std::collections::BTreeSet<Uuid> =
        [&first, &second, &third].into_iter().map(device).collect();
    assert_eq!(ids.len(), 3);
    assert_eq!(contacts(&first), contacts(&second));
    assert_eq!(contacts(&first), contacts(&third));
    assert_eq!(contacts(&first).len(), 4);
    newcomer_sees(&shared, &contacts(&first));
}

#[test]
fn a_copy_is_found_out_through_the_original_s_snapshot_too() {
    let (_d, shared) = folder();
    let original = laptop();
    let every = |l: &Laptop| {
        l.store
            .db_for_tests()
            .write(|tx| capture::set_meta(tx, "snapshot_every", "2"))
            .expect("set");
    };
    every(&original);
    original.add("Awa", "Diallo");
    original.sync(&shared);
    let copy = copy_of(&original);
    // The original goes on until a snapshot replaces its files.
    for name in ["Binta", "Chloé", "Dado"] {
        original.add(name, "Sow");
        original.sync(&shared);
    }
    copy.add("Eva", "Kone");
    let r = copy.sync(&shared);
    assert!(r.new_identity.is_some(), "{r:?}");
    original.sync(&shared);
    assert_eq!(contacts(&original), contacts(&copy));
    assert_eq!(contacts(&copy).len(), 5);
    newcomer_sees(&shared, &contacts(&original));
}

/// Sets one of the sync's size settings on a laptop (bytes per commit, per file).
fn set(l: &Laptop, setting: &str, value: usize) {
    l.store
        .db_for_tests()
        .write(|tx| capture::set_meta(tx, setting, &value.to_string()))
        .expect("setting");
}

#[test]
fn a_large_first_sync_is_many_bounded_files_and_a_new_laptop_receives_them_all() {
    let (_d, shared) = folder();
    let lea = laptop();
    // Small bounds, so that a few hundred contacts make what years of a team's data would.
    let (commit_bytes, file_bytes) = (3_000, 12_000);
    set(&lea, "commit_bytes", commit_bytes);
    set(&lea, "file_bytes", file_bytes);
    for i in 0..300 {
        let id = lea.add(&format!("Personne{i}"), "Lefèvre");
        lea.edit(id, |d| {
            d.notes = format!("Rencontrée au forum n° {i} ; à rappeler.")
        });
    }
    let sent = lea.sync(&shared);
    assert!(sent.sent_commits > 20, "{sent:?}");
    assert!(sent.files_written > 20, "{sent:?}");

    // Every file holds whole commits, about the bound and never much more: the segments, and
    // the snapshot that replaced them once they passed fifty.
    let k = key(&shared);
    let files = walk(&shared.join("devices"));
    assert!(files.len() > 20 && files.len() as u32 <= sent.files_written);
    for path in &files {
        let bytes = fs::read(path).expect("read");
        let (_, payload) = envelope::open(&k, &bytes).expect("opens");
        assert!(
            payload.len() <= file_bytes + commit_bytes + 4_000,
            "{} holds {} bytes",
            path.display(),
            payload.len()
        );
        assert!(
            bytes.len() < payload.len(),
            "compressed: {}",
            path.display()
        );
    }

    let late = laptop();
    let received = late.sync(&shared);
    assert_eq!(received.received_changes, sent.sent_changes);
    assert_eq!(received.waiting, 0);
    assert_eq!(contacts(&late), contacts(&lea));
    // And with nothing new, nothing is written or received again.
    let again = lea.sync(&shared);
    assert_eq!((again.files_written, again.received_changes), (0, 0));

    // Days of small syncs: a snapshot merges the small files only, never rewrites the full
    // ones (it would cost the whole history every few days).
    set(&lea, "snapshot_every", 5);
    let before = walk(&shared.join("devices")).len();
    let mut written = 0;
    for i in 0..12 {
        lea.add(&format!("Nouvelle{i}"), "Martin");
        written += lea.sync(&shared).files_written;
    }
    let after = walk(&shared.join("devices")).len();
    assert!(
        written <= 12 + 5,
        "{written} files written for 12 small syncs"
    );
    assert!(after <= before + 5 + 1, "{before} files, then {after}");
    newcomer_sees(&shared, &contacts(&lea));
}

#[test]
fn the_write_ahead_log_is_emptied_after_a_large_apply() {
    let (_d, shared) = folder();
    let lea = laptop();
    for i in 0..200 {
        lea.add(&format!("Personne{i}"), "Lefèvre");
    }
    lea.sync(&shared);
    let late = laptop();
    // (A small limit makes this apply a large one.)
    let limit = 64 * 1024;
    late.store.db_for_tests().set_log_bytes_for_tests(limit);
    let report = late.sync(&shared);
    assert!(report.received_changes > 1_000, "{report:?}");
    let mut wal = late.store.path().into_os_string();
    wal.push("-wal");
    let size = fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    assert!(size <= limit, "the log keeps {size} bytes after the sync");
    assert_eq!(late.store.all_persons().expect("all").len(), 200);
}

#[test]
fn files_found_unchanged_are_not_read_again_and_a_forged_stamp_is_caught_in_turn() {
    let (_d, shared) = folder();
    let lea = laptop();
    lea.add("Awa", "Diallo");
    lea.sync(&shared);
    // Replaced by someone without the key, with the same length; and, the worst case, its
    // stamp made to look as noted (as if size, times and inode could all be set back).
    let path = file_of(&shared, device(&lea), 1);
    let mut bytes = fs::read(&path).expect("read");
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    fs::write(&path, &bytes).expect("write");
    let forged = folder::stamp(&fs::metadata(&path).expect("stat"));
    lea.store
        .db_for_tests()
        .write(|tx| {
            tx.execute("UPDATE sync_file_verified SET stamp = ?1", [&forged])?;
            Ok(())
        })
        .expect("forged");
    let scan_at = |round: u64| {
        let known = lea
            .store
            .db_for_tests()
            .read(|c| engine::known_files(c, round))
            .expect("known");
        folder::scan_new(&shared, &key(&shared), &known).expect("scan")
    };
    // Trusted by its stamp, not read: the replacement goes unseen at this round…
    let unread = scan_at(1);
    assert_eq!(unread.known.len(), 1);
    assert!(unread.skipped.is_empty());
    // …and is read, found out and refused when its turn to be verified comes.
    let due = scan_at(15);
    assert!(due.known.is_empty(), "{due:?}");
    assert_eq!(due.skipped.len(), 1);

    // Through syncs: within a round of rechecks, the commit is sent again.
    let mut resent = false;
    for _ in 0..16 {
        resent |= lea.sync(&shared).sent_commits > 0;
    }
    assert!(resent, "the replaced file's commit was sent again");
    newcomer_sees(&shared, &contacts(&lea));
}

#[test]
fn other_programs_files_of_any_size_are_ignored_and_an_oversized_flocon_file_is_reported() {
    let (_d, shared) = folder();
    let lea = laptop();
    lea.add("Awa", "Diallo");
    lea.sync(&shared);
    // A video someone dropped in the folder, larger than any sync file may be (sparse: it
    // costs nothing to make), and a small note: neither is read whole nor reported.
    let video = fs::File::create(shared.join("réunion.mp4")).expect("created");
    video.set_len(600 * 1024 * 1024).expect("sized");
    fs::write(shared.join("lisez-moi.txt"), "Dossier partagé de l'équipe").expect("written");
    let quiet = lea.sync(&shared);
    assert!(quiet.skipped.is_empty(), "{:?}", quiet.skipped);
    // A file that starts like a sync file but is larger than one can be: damaged.
    let dir = folder::device_dir(&shared, device(&lea));
    let mut huge = fs::File::create(dir.join("00000000000000000099.changes")).expect("created");
    std::io::Write::write_all(&mut huge, envelope::MAGIC).expect("written");
    huge.set_len(600 * 1024 * 1024).expect("sized");
    drop(huge);
    let reported = lea.sync(&shared);
    assert_eq!(reported.skipped.len(), 1, "{:?}", reported.skipped);
    assert_eq!(reported.skipped[0].reason, SkipReason::Damaged);
    newcomer_sees(&shared, &contacts(&lea));
}

#[test]
fn a_long_first_sync_tells_where_it_stands_step_by_step() {
    let (_d, shared) = folder();
    let lea = laptop();
    set(&lea, "commit_bytes", 2_000);
    set(&lea, "file_bytes", 8_000);
    for i in 0..60 {
        lea.add(&format!("Personne{i}"), "Lefèvre");
    }
    lea.sync(&shared);
    let files = walk(&shared.join("devices")).len() as u64;

    let late = laptop();
    let seen = std::sync::Mutex::new(Vec::new());
    let report = late
        .store
        .sync_with_folder_reporting(&shared, &key(&shared), &|p| {
            seen.lock().expect("lock").push(p)
        })
        .expect("sync");
    let seen = seen.into_inner().expect("lock");
    assert!(seen.iter().all(|p| p.done <= p.total), "{seen:?}");
    // Steps come in order: reading the folder's files, then applying, then settling.
    let order: Vec<SyncStep> = seen.iter().map(|p| p.step).fold(Vec::new(), |mut o, s| {
        if o.last() != Some(&s) {
            o.push(s);
        }
        o
    });
    assert_eq!(
        order,
        [SyncStep::Reading, SyncStep::Applying, SyncStep::Settling],
        "{seen:?}"
    );
    let reading = seen.iter().filter(|p| p.step == SyncStep::Reading);
    assert_eq!(reading.map(|p| p.total).max(), Some(files));
    let applied = seen
        .iter()
        .filter(|p| p.step == SyncStep::Applying)
        .map(|p| (p.done, p.total))
        .max();
    assert_eq!(
        applied,
        Some((report.received_commits, report.received_commits))
    );
}

#[test]
fn a_copied_data_folder_that_missed_an_erasure_does_not_send_the_person_back() {
    // Found by the attack on #17: the original rewrote its files without the erased person;
    // the copy, which had not seen the erasure, took the cleaned commits for commits made
    // apart, sent them again under its new id, the person's data with them, and waited for
    // ever on what could not apply.
    let (_d, shared) = folder();
    let original = laptop();
    let x = original.add("Philomène", "Carambar");
    original.edit(x, |d| {
        d.emails = vec![crate::person::Labeled::new("perso", "philo@secret.example")];
    });
    let y = original.add("Autre", "Gens");
    let z = original.add("Troisième", "Gens");
    original.sync(&shared);
    original.edit(z, |d| d.profile.city = Some("Avant".into()));
    original.sync(&shared);
    let copy = copy_of(&original);
    original.edit(y, |d| d.profile.city = Some("Orig".into()));
    original.sync(&shared);
    let karim = laptop();
    karim.sync(&shared);
    karim.store.erase_person(x).expect("erased");
    karim.sync(&shared);
    original.sync(&shared);
    copy.edit(y, |d| d.notes = "Vue au marché".into());
    for _ in 0..3 {
        for l in [&copy, &original, &karim] {
            l.sync(&shared);
        }
    }
    for (name, l) in [("original", &original), ("copy", &copy), ("karim", &karim)] {
        assert!(l.store.get_person(x).is_err(), "{name} has her");
        assert_eq!(l.sync(&shared).waiting, 0, "{name} waits");
    }
    assert_eq!(contacts(&copy), contacts(&original));
    assert_eq!(contacts(&karim), contacts(&original));
    assert_eq!(
        copy.store.conflicts(false).expect("c"),
        karim.store.conflicts(false).expect("c")
    );
    let dump = serde_json::to_string(
        &crate::store::dump_sync_folder(&shared, &key(&shared)).expect("dump"),
    )
    .expect("json");
    for needle in ["Carambar", "philo@secret.example"] {
        assert!(!dump.contains(needle), "the folder holds {needle}");
    }
}
